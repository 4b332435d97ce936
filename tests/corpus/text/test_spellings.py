"""A Cyrillic word's spellings in the Latin alphabet and the Arabic script, found with the
readers: each reads back as the word."""

from __future__ import annotations

import pytest

from corpus.text.script import kk_latin_side_line, tote_cyrillic
from corpus.text.script.spellings import latin_spellings, tote_spellings


@pytest.mark.parametrize(
    ("word", "latin", "tote"),
    [
        ("ж", ("j",), ("ج",)),
        ("мыс", ("mys",), ("مىس",)),
        ("т.с.с", ("t.s.s",), ("ت.س.س",)),
        ("ш", ("sh",), ("ش",)),
        ("наурыз", ("nawryz", "naýryz"), ("ناۋرىز",)),
        ("саяс.ғ.д", ("saıas.ǵ.d",), ()),  # the Arabic script writes я as ия or йа
    ],
)
def test_a_word_is_spelled_as_the_readers_read_it_back(
    word: str, latin: tuple[str, ...], tote: tuple[str, ...]
) -> None:
    assert latin_spellings(word) == latin
    assert tote_spellings(word) == tote


@pytest.mark.parametrize("word", ["көш", "проф", "млрд", "қазақпарат", "өз", "сәуір"])
def test_every_spelling_reads_back_as_the_word(word: str) -> None:
    latin, tote = latin_spellings(word), tote_spellings(word)
    assert latin and tote
    assert {kk_latin_side_line(s).lower() for s in latin} == {word}
    assert {tote_cyrillic(s).lower() for s in tote} == {word}
