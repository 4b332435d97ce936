"""Hostile input, its bytes: undecodable bytes, NULs, binary data, no text, legacy
code pages and named encodings (the contract is in ``tests/hostile.py``)."""

from __future__ import annotations

import codecs
import gzip
import random
import re
from pathlib import Path

import pytest

from tests.helpers import source_file
from tests.hostile import (
    KAZAKH,
    TEI,
    assert_holds_text,
    assert_refused,
    ingest,
    kopir,
    kopir_process,
    paragraphs,
    safe_parse,
    sentences,
    snapshot,
)

RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю. Ёжик - в тумане!\n"
RUSSIAN_1251 = "«Ёлка» № 5 — это ёж. " + RUSSIAN  # characters only Windows-1251 has


# ---------------------------------------------------------------- undecodable bytes


def test_stray_byte_in_utf8_names_file_and_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = KAZAKH.encode("utf-8")
    offset = len("Әсел Ғалымқызы ".encode())
    src = source_file(tmp_path, "broken.txt", good[:offset] + b"\xff" + good[offset:])
    corpus_dir = tmp_path / "corpus"

    for run in (
        kopir(capsys, corpus_dir, "ingest", src),
        kopir_process(corpus_dir, "ingest", src),
    ):
        assert_refused(run, str(src), f"byte offset {offset}", "0xff")
    assert snapshot(corpus_dir) == {}

    run = kopir(capsys, corpus_dir, "segment", src)
    assert_refused(run, str(src), f"byte offset {offset}")
    run = kopir_process(corpus_dir, "segment", "-", stdin=src.read_bytes())
    assert_refused(run, "<stdin>", f"byte offset {offset}")


# ---------------------------------------------------------------- NUL bytes, binary data


def test_stray_nuls_are_removed_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Бұл жақ\x00сы мәтін.\nЕкінші\x00 жол\x00 осында.\n"
    src, corpus_dir, run = ingest(capsys, tmp_path, "nuls.txt", text.encode("utf-8"))
    assert run.code == 0, run.err

    for number, line in enumerate(text.splitlines(), start=1):
        for column in (m.start() + 1 for m in re.finditer("\x00", line)):
            expected = f"line {number}, column {column}: removed U+0000"
            assert any(
                w.startswith("kopir: warning: ") and str(src) in w and expected in w
                for w in run.err.splitlines()
            ), f"{expected!r} not reported in {run.err!r}"
    xml = corpus_dir / "nuls.xml"
    assert b"\x00" not in xml.read_bytes()
    assert sentences(xml) == ["Бұл жақсы мәтін.", "Екінші жол осында."]


@pytest.mark.parametrize(
    ("kind", "data", "hint"),
    [
        ("elf", b"\x7fELF\x02\x01\x01\x00" + b"\x00\x00\x00\x01\x00\x10\x00\x00" * 512, ""),
        ("gzip", gzip.compress(KAZAKH.encode("utf-8") * 200, mtime=0), ""),
        ("random", random.Random(0).randbytes(4096), ""),
        ("utf16le-no-bom", KAZAKH.encode("utf-16-le"), "--encoding utf-16-le"),
        ("utf16be-no-bom", KAZAKH.encode("utf-16-be"), "--encoding utf-16-be"),
    ],
)
def test_binary_data_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, data: bytes, hint: str
) -> None:
    src = source_file(tmp_path, f"{kind}.txt", data)
    corpus_dir = tmp_path / "corpus"
    line = assert_refused(kopir(capsys, corpus_dir, "ingest", src), str(src), hint)
    # The message says what is wrong: not "cannot decode as kz1048", a code page
    # the user never asked for, but that this is not text.
    assert "binary" in line or "not text" in line, line
    assert snapshot(corpus_dir) == {}


def test_utf16_without_bom_ingests_with_encoding_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, corpus_dir, run = ingest(
        capsys, tmp_path, "utf16.txt", KAZAKH.encode("utf-16-le"), "--encoding", "utf-16-le"
    )
    assert run.code == 0, run.err
    assert_holds_text(corpus_dir / "utf16.xml", KAZAKH)


# ---------------------------------------------------------------- no text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\n\r\n  \r",
        "\u00a0\u3000\n\u2028\n".encode(),
        codecs.BOM_UTF8,
        "\ufeff\u200b\u200b\n\u00ad\n".encode(),
        b"\n" * 10_000,
    ],
    ids=["empty", "whitespace", "unicode-spaces", "bom-only", "invisible-only", "newlines"],
)
def test_file_without_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    src = source_file(tmp_path, "blank.txt", data)
    corpus_dir = tmp_path / "corpus"
    line = assert_refused(kopir(capsys, corpus_dir, "ingest", src), str(src))
    assert "no text" in line or "empty" in line, line
    assert snapshot(corpus_dir) == {}


# ---------------------------------------------------------------- legacy encodings


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (KAZAKH, KAZAKH.encode("kz1048")),
        (RUSSIAN_1251, RUSSIAN_1251.encode("cp1251")),
        (RUSSIAN, RUSSIAN.encode("koi8_r")),
        (KAZAKH, KAZAKH.encode("utf-16")),  # little-endian with a BOM
        (KAZAKH, codecs.BOM_UTF16_BE + KAZAKH.encode("utf-16-be")),
        (KAZAKH, codecs.BOM_UTF8 + KAZAKH.encode("utf-8")),
        (KAZAKH, KAZAKH.encode("utf-32")),
    ],
    ids=["kz1048", "cp1251", "koi8_r", "utf16-bom", "utf16be-bom", "utf8-bom", "utf32-bom"],
)
def test_encodings_are_detected_and_text_is_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, data: bytes
) -> None:
    _, corpus_dir, run = ingest(capsys, tmp_path, "legacy.txt", data)
    assert run.code == 0, run.err
    # A guessed code page is said, once; a BOM is certain, and not an invisible
    # character to report.
    warnings = [line for line in run.err.splitlines() if "warning" in line]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb"):
        assert warnings == [], run.err
    else:
        assert len(warnings) == 1 and "not UTF-8; read as " in warnings[0], run.err
    xml = corpus_dir / "legacy.xml"
    assert_holds_text(xml, text)
    assert "\ufeff" not in xml.read_text("utf-8")
    note = safe_parse(xml).find(f".//{TEI}note[@type='encoding']")
    assert note is not None and note.text is not None and note.text.endswith("(detected)")

    shown = kopir(capsys, corpus_dir, "show", "legacy")
    assert shown.code == 0, shown.err
    assert paragraphs(text)[-1].split()[-1] in shown.out


def test_named_encoding_overrides_detection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = RUSSIAN.encode("cp1251")
    src, corpus_dir, run = ingest(capsys, tmp_path, "named.txt", data, "--encoding", "koi8_r")
    assert run.code == 0, run.err
    xml = corpus_dir / "named.xml"
    assert_holds_text(xml, data.decode("koi8_r"))  # what was asked for, mojibake or not
    note = safe_parse(xml).find(f".//{TEI}note[@type='encoding']")
    assert note is not None and note.text == "koi8_r"

    # Asking again with the right code page is a change of options: the text is rebuilt.
    run = kopir(capsys, corpus_dir, "ingest", "--encoding", "cp1251", src)
    assert run.code == 0, run.err
    assert "updated" in run.out
    assert_holds_text(xml, RUSSIAN)


def test_named_encoding_that_does_not_fit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, corpus_dir, run = ingest(
        capsys, tmp_path, "cp.txt", RUSSIAN.encode("cp1251"), "--encoding", "utf-8"
    )
    assert_refused(run, str(src), "byte offset 0")
    run = kopir(capsys, corpus_dir, "ingest", "--encoding", "no-such-codec", src)
    assert_refused(run, str(src), "no-such-codec")
    assert snapshot(corpus_dir) == {}


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "uu"])
def test_encoding_that_is_not_a_text_encoding_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    """``codecs.lookup`` knows bytes-to-bytes codecs too; ``bytes.decode`` then raises."""
    src = source_file(tmp_path, "doc.txt", KAZAKH)
    corpus_dir = tmp_path / "corpus"
    assert_refused(kopir(capsys, corpus_dir, "ingest", "--encoding", codec, src), str(src), codec)
    assert_refused(kopir(capsys, corpus_dir, "segment", "--encoding", codec, src), str(src))
    assert_refused(kopir_process(corpus_dir, "ingest", "--encoding", codec, src), str(src))
    assert snapshot(corpus_dir) == {}
