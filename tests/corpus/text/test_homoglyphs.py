"""Look-alike letters: mixed-script words are found, with a safe repair proposed."""

from __future__ import annotations

from corpus.text.homoglyphs import find_homoglyphs
from tests.helpers import shared_path


def _repairs(text: str) -> list[tuple[str, str | None, str]]:
    return [(h.word, h.repair, h.reason) for h in find_homoglyphs(text)]


def test_keyboard_layout_slip_in_the_seed() -> None:
    assert _repairs("Қазақстанның rәрі құрлық елдерімен") == [("rәрі", "кәрі", "keyboard-layout")]


def test_latin_i_in_kazakh_words() -> None:
    assert _repairs("Бiлгiм келмейдi.") == [
        ("Бiлгiм", "Білгім", "look-alike"),
        ("келмейдi", "келмейді", "look-alike"),
    ]


def test_cyrillic_letter_in_a_latin_word() -> None:
    assert _repairs("Kazіnform агенттігі") == [("Kazіnform", "Kazinform", "look-alike")]


def test_positions_point_at_the_word() -> None:
    text = "Сөз Бiлгiм"
    (found,) = find_homoglyphs(text)
    assert text[found.start : found.end] == "Бiлгiм"


def test_clean_words_are_left_alone() -> None:
    assert _repairs("Vali Alibayov Kazinform агенттігіне, 2025 жылы, BAQ.KZ") == []


def test_a_roman_numeral_with_a_latin_v_is_the_latin_numeral() -> None:
    # Real text (a Kazakh report of the 2026 Winter Olympics): Cyrillic ХХ, Latin V. V has
    # no Cyrillic look-alike, and the Cyrillic word its key makes (ХХМ) is no word.
    assert _repairs("Ақорда ХХV Қысқы Олимпиада") == [("ХХV", "XXV", "look-alike")]
    assert _repairs("ХVІІІ ғасыр, ХIХ ғасыр") == [
        ("ХVІІІ", "XVIII", "look-alike"),
        ("ХIХ", "ХІХ", "look-alike"),  # all look alike: the script most letters use, as before
    ]
    assert _repairs("Vақыт") == [("Vақыт", "Мақыт", "keyboard-layout")]  # no numeral


def test_schwa_written_with_the_latin_letter() -> None:
    assert _repairs("Əрине, ол келді.") == [("Əрине", "Әрине", "look-alike")]


def test_no_safe_repair_is_said() -> None:
    (found,) = find_homoglyphs("Қазéақ")  # é has no Cyrillic look-alike and no key
    assert found.repair is None
    assert "no safe repair" in found.describe()


def test_every_latin_letter_in_tatoeba_kazakh_is_found() -> None:
    """The Tatoeba Kazakh side hides Latin letters in Cyrillic words: find them all."""
    lines = shared_path("data", "tatoeba-kaz-eng", "tatoeba.kaz-eng.kaz").read_text("utf-8")
    for line in lines.splitlines():
        mixed_words = [
            w
            for w in line.split()
            if any("a" <= c.lower() <= "z" for c in w) and any("\u0400" <= c <= "\u04ff" for c in w)
        ]
        found = {h.word for h in find_homoglyphs(line)}
        for word in mixed_words:
            assert any(f in word for f in found), (line, word)
        for h in find_homoglyphs(line):
            assert h.repair is not None
            assert not any("a" <= c.lower() <= "z" for c in h.repair), h


def test_a_latin_capital_is_repaired_to_a_cyrillic_capital() -> None:
    # Latin I and K are capitals, and so are their Cyrillic twins І and К (not і and к).
    assert _repairs("БIЛIМ Kітап") == [
        ("БIЛIМ", "БІЛІМ", "look-alike"),
        ("Kітап", "Кітап", "look-alike"),
    ]
