"""Cleaning: paragraphs from lines, invisible characters removed and reported, NFC."""

from __future__ import annotations

from corpus.text.clean import clean_text


def test_paragraphs_are_non_blank_lines_with_line_numbers() -> None:
    cleaned = clean_text("Бірінші.\r\n\r\n  Екінші.  \rҮшінші.\u2028Төртінші.\n")
    assert [(p.line, p.text) for p in cleaned.paragraphs] == [
        (1, "Бірінші."),
        (3, "Екінші."),
        (4, "Үшінші."),
        (5, "Төртінші."),
    ]


def test_invisible_characters_are_removed_and_reported() -> None:
    cleaned = clean_text("ab\x00c\n\u200bсөз\u00ad\x7f\x85 \u202eX\ufeff")
    assert [p.text for p in cleaned.paragraphs] == ["abc", "сөз X"]
    where = [(r.line, r.column, r.char) for r in cleaned.removals]
    assert where == [
        (1, 3, "\x00"),
        (2, 1, "\u200b"),
        (2, 5, "\u00ad"),
        (2, 6, "\x7f"),
        (2, 7, "\x85"),
        (2, 9, "\u202e"),
        (2, 11, "\ufeff"),
    ]
    assert "U+0000 NUL" in cleaned.removals[0].describe()
    assert "ZERO WIDTH SPACE" in cleaned.removals[1].describe()


def test_text_is_nfc() -> None:
    decomposed = "Қайда барасың? Ои\u0306"  # и + combining breve
    cleaned = clean_text(decomposed)
    assert cleaned.paragraphs[0].text == "Қайда барасың? Ой"
    assert cleaned.nfc_changes == 1


def test_empty_text_has_no_paragraphs() -> None:
    assert clean_text("").paragraphs == []
    assert clean_text("\n \n\t\n").paragraphs == []
