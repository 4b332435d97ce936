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


@pytest.mark.parametrize(
    ("kk", "en"),
    [
        # A span of centuries in Roman numerals is one hyphenated word in Kazakh.
        ("VI-XIX ғасырларда өмір сүрген тұлғалар.", "Figures from the 6th to the 19th century."),
        ("ХVІІІ-ХІХ ғасырлардағы қолжазбалар.", "Manuscripts of the 18th-19th centuries."),
    ],
)
def test_a_range_of_roman_numerals_is_read_at_both_ends(kk: str, en: str) -> None:
    assert numbers(unit(kk, en), CheckSettings(True, "warning")) == []


def test_a_hyphenated_word_with_one_roman_looking_part_is_no_number() -> None:
    """Only a range of two numerals counts: "Қасым-Х" is not ten."""
    unit_ = unit("Қасым-Х мырза келді.", "Mr Kassym came in 10 minutes.")
    assert numbers(unit_, CheckSettings(True, "warning")) == [
        ("numbers differ: 10 in the English is not in the Kazakh", "en")
    ]


@pytest.mark.parametrize(
    ("kk", "en"),
    [
        # a square or cubic unit's power is no number (written for this test)
        ("Аралға 816 млн. м3 су түсті.", "816 million cubic meters of water entered the Aral."),
        ("Алаңы 40 км2 болады.", "Its area is 40 square kilometres."),
        ("Alańy 40 km2 bolady.", "Its area is 40 square kilometres."),
        # Kazakh in the Latin alphabet: its scale word read as Cyrillic (млрд)
        ("Sý kólemi 19,7 mlrd tekshe metr boldy.", "The volume reached 19.7 billion cubic meters."),
    ],
    ids=["cubic-metres", "square-kilometres", "latin-square-kilometres", "latin-billion"],
)
def test_a_units_power_and_a_latin_scale_word_are_read_as_written(kk: str, en: str) -> None:
    """A new user's Aral items were flagged: "3, 3 in the Kazakh are not in the English"
    (м3) and, in the Latin-script edition, "19,7 ... not in the English; 19.7 ... not in the
    Kazakh" (mlrd, not read as a scale word)."""
    assert numbers(unit(kk, en), CheckSettings(True, "warning")) == []


@pytest.mark.parametrize(
    ("kk", "en", "message"),
    [
        ("Аралға 815 млн. м3 су түсті.", "816 million cubic meters of water entered the Aral.",
         "numbers differ: 815 in the Kazakh is not in the English; 816 in the English is not "
         "in the Kazakh"),
        ("Sý kólemi 19,8 mlrd tekshe metr boldy.", "The volume reached 19.7 billion cubic meters.",
         "numbers differ: 19,8 in the Kazakh is not in the English; 19.7 in the English is not "
         "in the Kazakh"),
    ],
    ids=["cubic-metres", "latin-billion"],
)  # fmt: skip
def test_a_different_amount_beside_a_unit_or_a_latin_scale_word_is_still_found(
    kk: str, en: str, message: str
) -> None:
    assert numbers(unit(kk, en), CheckSettings(True, "warning")) == [(message, "both")]
