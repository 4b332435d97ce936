"""Number words against a different number on the other side are a ``numbers`` finding."""

from __future__ import annotations

import pytest

from align.formats.units import Unit
from align.qa.config import CheckSettings
from align.qa.numbers import compare_words
from align.qa.pair_checks import numbers


def unit(kk: str, en: str) -> Unit:
    return Unit("d", 0, kk, en, ("kk.s1",), ("en.s1",))


@pytest.mark.parametrize(
    ("kk", "en", "missing"),
    [
        ("Екі жыл өтті.", "Three years passed.", (["Екі"], ["Three"])),
        ("Жиырма бес адам келді.", "Twenty-six people came.", (["Жиырма бес"], ["Twenty-six"])),
        (
            "2021 жылы ол онда екі рет барды.",
            "In 2021 he went there three times.",
            (["екі"], ["three"]),
        ),
    ],
)
def test_different_counting_words_are_a_finding(
    kk: str, en: str, missing: tuple[list[str], list[str]]
) -> None:
    assert compare_words(kk, en) == missing
    [(message, side)] = numbers(unit(kk, en), CheckSettings(True, "warning"))
    assert message.startswith("numbers differ: ") and side == "both"
    assert f"{missing[0][0]} in the Kazakh is not in the English" in message


@pytest.mark.parametrize(
    ("kk", "en"),
    [
        ("Екі жыл өтті.", "Two years passed."),
        ("Екі жыл өтті.", "A couple of years passed."),  # no number on the other side
        ("Жиырма бес адам келді.", "Twenty-five people came."),
        ("Ол он екі жаста.", "He is twelve."),
        ("Ол үшінші рет келді.", "He came for the third time."),
        ("Олар екеуі келді.", "The two of them came."),
        ("Бір адам екі рет келді.", "One man came twice."),
        ("Екі мың адам келді.", "Two thousand people came."),
        ("Бес адам келді.", "5 people came."),
        ("Сен үшін екі кітап алдым.", "I bought two books for you."),
        ("Бір жыл өтті.", "Two years passed."),  # бір is also "a": never held to a number
        ("Ол оны екі рет көрді.", "He saw him twice."),  # оны is "him", not ten
        ("Үш, төрт, бес.", "Three, four, five."),  # a list, not the number 12
    ],
)
def test_matching_or_uncounted_words_are_no_finding(kk: str, en: str) -> None:
    assert compare_words(kk, en) == ([], [])
    assert numbers(unit(kk, en), CheckSettings(True, "warning")) == []
