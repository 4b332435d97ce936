"""Reading raw text: encodings detected or named, and clear errors."""

from __future__ import annotations

import codecs

import pytest

from corpus.errors import InputError
from corpus.textio import decode_bytes

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
