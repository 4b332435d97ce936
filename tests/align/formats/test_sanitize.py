"""Sanitising text for XML 1.0 and CAT tools: what goes, what stays, every change reported."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from align.formats.sanitize import clean_field, is_safe, one_line, sanitize

HOSTILE = {
    "\x00": "illegal",
    "\x0b": "illegal",
    "\x1f": "illegal",
    "\x7f": "illegal",
    "\x85": "illegal",
    "\x9f": "illegal",
    "\ufffe": "illegal",
    "\uffff": "illegal",
    chr(0xD800): "illegal",  # lone surrogates (chr: a linter cannot tell the two literals apart)
    chr(0xDFFF): "illegal",
    "\ufdd0": "illegal",
    "\u200b": "invisible",
    "\ufeff": "invisible",
    "\u2060": "invisible",
    "\u202e": "invisible",
    "\u200e": "invisible",
}


@pytest.mark.parametrize(
    ("char", "reason"),
    [
        ("\ufffe", "a Unicode noncharacter, not allowed in XML 1.0"),
        ("\uffff", "a Unicode noncharacter, not allowed in XML 1.0"),
        ("\ufdd0", "a Unicode noncharacter"),
        ("\x85", "a control character CAT tools reject"),
        ("\x7f", "a control character CAT tools reject"),
        ("\x01", "not allowed in XML 1.0"),
    ],
)
def test_each_removal_gives_the_right_reason(char: str, reason: str) -> None:
    """U+FFFE and U+FFFF are noncharacters, not controls (the report called them controls)."""
    _, changes = sanitize(f"Қала{char}сы")
    assert [c.reason for c in changes] == [reason]
    assert changes[0].describe().endswith(f"({reason})")


@pytest.mark.parametrize(("char", "kind"), HOSTILE.items())
def test_each_unsafe_character_is_removed_and_reported_with_its_column(
    char: str, kind: str
) -> None:
    text = f"Қала{char}сы"
    clean, changes = sanitize(text)
    assert clean in ("Қаласы", "Қала сы")
    assert [(c.column, c.char, c.kind) for c in changes] == [(5, char, kind)]
    assert f"U+{ord(char):04X}" in changes[0].describe()


def test_a_control_used_as_a_line_break_between_words_becomes_a_space() -> None:
    clean, changes = sanitize("бір\x0bекі")
    assert clean == "бір екі"
    assert changes[0].spaced and "replaced by a space" in changes[0].describe()
    assert sanitize("бір \x0bекі")[0] == "бір екі"  # no double space either


def test_joiners_stay_between_characters_and_go_at_the_edges() -> None:
    family = "\U0001f469\u200d\U0001f467"  # an emoji sequence joined by ZWJ
    assert sanitize(family) == (family, [])
    clean, changes = sanitize("\u200dСөз\u200c")
    assert clean == "Сөз" and len(changes) == 2


def test_decomposed_letters_are_composed_and_reported() -> None:
    decomposed = "и\u0306гі"  # и + combining breve: й
    clean, changes = sanitize(decomposed)
    assert clean == "йгі" and unicodedata.is_normalized("NFC", clean)
    assert [c.kind for c in changes] == ["nfc"]


def test_clean_text_is_returned_unchanged() -> None:
    for text in ["", "Hello, world.", "Қазақстан «Нұр» — 1 000,5 ]]> & <", "tab\there\nnew"]:
        assert sanitize(text) == (text, [])
        assert is_safe(text)


def test_one_line_replaces_every_line_break_and_reports_it() -> None:
    text, changes = one_line("a\nb\r\nc\u2028d\u2029e")
    assert text == "a b  c d e"
    assert [c.char for c in changes] == ["\n", "\r", "\n", "\u2028", "\u2029"]
    assert all(c.kind == "line-break" for c in changes)


def test_clean_field_collects_changes_with_the_unit_and_side() -> None:
    changes: list = []
    assert clean_field("x\x00y\nz", "doc:kk.s1:en.s1", "kk", changes, single_line=True) == "xy z"
    assert [(c.tuid, c.side, c.change.kind) for c in changes] == [
        ("doc:kk.s1:en.s1", "kk", "illegal"),
        ("doc:kk.s1:en.s1", "kk", "line-break"),
    ]


ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from([*HOSTILE, "\u200c", "\u200d", "\u0306", "\r", "\n", "\t", "\x0c"]),
    )
)


@given(ANY_TEXT)
def test_any_text_becomes_xml_text_lxml_accepts_and_round_trips(text: str) -> None:
    clean, changes = sanitize(text)
    element = etree.Element("seg")
    element.text = clean  # lxml raises on anything XML 1.0 forbids
    back = etree.fromstring(etree.tostring(element, encoding="UTF-8"))
    assert (back.text or "") == clean
    assert sanitize(clean) == (clean, [])  # idempotent
    assert bool(changes) == (clean != text)
