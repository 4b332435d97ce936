"""Reading raw text: encodings detected or named, and clear errors."""

from __future__ import annotations

import codecs

import pytest

from corpus.errors import InputError, Notice, Remedy
from corpus.text.textio import decode_bytes, detection_note, lost_letters

KAZAKH = "Қазақстан Республикасы Президенті Қасым-Жомарт Тоқаев бүгін Астанада сөз сөйледі."
RUSSIAN = "Президент Казахстана выступил сегодня в Астане с посланием народу страны."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (KAZAKH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + KAZAKH.encode("utf-8"), "utf-8"),
        (KAZAKH.encode("utf-16"), "utf-16"),  # with a BOM
        (codecs.BOM_UTF16_BE + KAZAKH.encode("utf-16-be"), "utf-16"),
        (KAZAKH.encode("kz1048"), "kz1048"),
        (RUSSIAN.encode("cp1251"), "cp1251"),
        (RUSSIAN.encode("koi8_r"), "koi8_r"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.text in (KAZAKH, RUSSIAN)
    assert decoded.detected


def test_short_legacy_text_is_still_told_apart() -> None:
    for enc in ("cp1251", "koi8_r"):
        assert decode_bytes("Привет, мир.".encode(enc), "x").text == "Привет, мир."


def test_named_encoding_overrides_detection() -> None:
    data = RUSSIAN.encode("cp1251")
    assert decode_bytes(data, "x", "koi8_r").text != RUSSIAN  # the user said so
    assert decode_bytes(data, "x", "windows-1251").text == RUSSIAN


def test_broken_utf8_names_file_and_offset() -> None:
    data = KAZAKH.encode("utf-8")
    at = data.index(b" ") + 1  # a character boundary, 20 bytes in
    bad = data[:at] + b"\xff" + data[at:]
    with pytest.raises(InputError, match=rf"news\.txt: invalid UTF-8 at byte offset {at} "):
        decode_bytes(bad, "news.txt")


def test_undecodable_in_named_encoding() -> None:
    with pytest.raises(InputError, match="cannot decode as utf-8 at byte offset 3"):
        decode_bytes(b"abc\xff", "x.txt", "utf-8")


def test_unknown_encoding() -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "x.txt", "klingon")


def test_utf16_without_bom_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError, match="utf-16-le"):
        decode_bytes(KAZAKH.encode("utf-16-le"), "x.txt")


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(bytes(range(256)) * 40, "x.bin")


def test_a_stray_nul_is_left_for_the_cleaner() -> None:
    assert decode_bytes(b"ab\x00cd", "x").text == "ab\x00cd"


#: A Western code page is not read as Cyrillic: the refusal suggests cp1252.
WESTERN = (r"x\.txt: .*Latin words \(cafй.*a Western code page\?", "cp1252")
#: Another script is refused, not stored as mojibake; which one it is, is not guessed.
MOJIBAKE = (r"stray letters and case flips.*name the file's encoding", "")


@pytest.mark.parametrize(
    ("text", "codec", "refusal", "named"),
    [
        ("Le café est très bon. Où est la gare? Ça va très bien.", "latin-1", WESTERN, "cp1252"),
        ("He said “hello” at the café.", "cp1252", WESTERN, "cp1252"),
        (
            "東京は日本の首都です。今日はいい天気ですね。私は学生です。",
            "shift_jis",
            MOJIBAKE,
            "shift_jis",
        ),
        ("東京は日本の首都です。今日はいい天気ですね。", "euc_jp", MOJIBAKE, "euc_jp"),
        ("北京是中国的首都。今天天气很好。", "gbk", MOJIBAKE, "gbk"),
        ("Καλημέρα κόσμε, τι κάνεις σήμερα;", "cp1253", MOJIBAKE, "cp1253"),
    ],
)
def test_a_foreign_code_page_is_refused_and_read_when_named(
    text: str, codec: str, refusal: tuple[str, str], named: str
) -> None:
    message, suggested = refusal
    with pytest.raises(InputError, match=message) as caught:
        decode_bytes(text.encode(codec), "x.txt")
    assert caught.value.remedies == (Remedy("encoding", value=suggested),)
    assert "--" not in str(caught.value)  # the core names no flag: each front end words it
    assert decode_bytes(text.encode(codec), "x.txt", named).text == text


def test_plain_punctuation_in_a_western_file_still_reads() -> None:
    """Windows-1251 and 1252 share their quotes and dashes: nothing is lost."""
    text = "He said “hello” — it’s fine."
    assert decode_bytes(text.encode("cp1252"), "x.txt").text == text


def test_kazakh_typed_with_a_latin_i_reads_as_a_code_page() -> None:
    text = "Бiлiм мен гылым министрлiгi бугiн мәлiмдедi."
    decoded = decode_bytes(text.encode("kz1048"), "x.txt")
    assert decoded.text == text


def test_latin_names_in_cyrillic_text_are_not_mistaken_for_a_western_file() -> None:
    text = "Компания Apple выпустила iPhone в Москве. «ҚазАқпарат» хабарлады."
    assert decode_bytes(text.encode("kz1048"), "x.txt").text == text


def test_a_guessed_code_page_is_said_and_a_certain_one_is_not() -> None:
    guessed = decode_bytes(KAZAKH.encode("kz1048"), "news.txt")
    note = detection_note(guessed, "news.txt")
    assert isinstance(note, Notice)
    assert note.message == "news.txt: not UTF-8; read as KZ-1048 (a guess)"
    assert note.remedies == (Remedy("encoding", "correct it if the letters look wrong"),)
    assert detection_note(decode_bytes(KAZAKH.encode("utf-8"), "x"), "x") is None
    named = decode_bytes(KAZAKH.encode("kz1048"), "x", "kz1048")
    assert detection_note(named, "x") is None


def test_each_front_end_words_the_encoding_it_suggests() -> None:
    """The command line names the flag and the code page; the app, which has no flags,
    says what to do with the file."""
    from tui.cli.wording import cli_message
    from tui.wording import in_app

    with pytest.raises(InputError) as western:
        decode_bytes("Le café est très bon. Où est la gare?".encode("latin-1"), "x.txt")
    assert cli_message(western.value).endswith("a Western code page?; pass --encoding cp1252")
    assert in_app(western.value).endswith("; save the file as UTF-8 and add it again")
    guessed = detection_note(decode_bytes(KAZAKH.encode("kz1048"), "x.txt"), "x.txt")
    assert guessed is not None and "--" not in guessed  # a warning: the same remedy
    ending = " to correct it if the letters look wrong"
    assert cli_message(guessed).endswith("(a guess); pass --encoding" + ending)
    assert in_app(guessed).endswith("(a guess); save the file as UTF-8 and add it again" + ending)
    with pytest.raises(InputError) as utf16:
        decode_bytes(KAZAKH.encode("utf-16-le"), "x.txt")
    assert cli_message(utf16.value).endswith(
        "(looks like UTF-16-LE without a BOM); pass --encoding utf-16-le"
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("ҚАЗАҚСТАН ТӘУЕЛСІЗДІГІНЕ ОТЫЗ ЖЫЛ", "2 words have '?' where a letter was (\"?АЗА?С"),
        ("Бүгін сенбі ме, әлде жексенбі ме?", "where a letter was"),
        ("Неге?Себебі ол келмеді. Кім? Сен бе?! Иә (?) . ???", ""),
        ("Ол сөз сөйледі. " * 60, ""),  # two damaged words in 180 are typos, not a code page
    ],
)
def test_letters_lost_to_question_marks_are_told_from_questions(text: str, flagged: str) -> None:
    damaged = text.encode("cp1251", "replace").decode("cp1251")
    if text.startswith("Ол"):
        damaged = text.replace("сөз", "с?з", 2)
    found = lost_letters(damaged, "x.txt") or ""
    assert (flagged in found) if flagged else not found, found
