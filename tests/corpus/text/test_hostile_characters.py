"""Hostile characters: look-alike Latin letters are reported (or repaired keeping
``<sic>``/``<corr>``), controls and invisible characters are removed and every removal
is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.storage.store import Corpus
from corpus.storage.tei import to_bytes
from tests.helpers import source_file
from tests.hostile import TEI, ingest, kopir, safe_parse, sentences

HOMOGLYPH_LINES = [
    # (source line, its sentences, the sentences repaired)
    (
        "Бiлгiм беру жүйесі дамиды.",
        ["Бiлгiм беру жүйесі дамиды."],
        ["Білгім беру жүйесі дамиды."],
    ),
    (
        "Қазақстанның rәрі құрлық елдерімен байланысы нығайды.",
        ["Қазақстанның rәрі құрлық елдерімен байланысы нығайды."],
        ["Қазақстанның кәрі құрлық елдерімен байланысы нығайды."],
    ),
    ("Бұл сөз Бiлгiм", ["Бұл сөз Бiлгiм"], ["Бұл сөз Білгім"]),
    ("Бiлгiм rәрі. Бiлгiм", ["Бiлгiм rәрі.", "Бiлгiм"], ["Білгім кәрі.", "Білгім"]),
]


def test_homoglyphs_are_reported_with_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "".join(line + "\n" for line, _, _ in HOMOGLYPH_LINES)
    src, corpus_dir, run = ingest(capsys, tmp_path, "mixed.txt", text)
    assert run.code == 0, run.err
    warnings = run.err.splitlines()
    for number, (line, _, _) in enumerate(HOMOGLYPH_LINES, start=1):
        for word in re.finditer(r"Бiлгiм|rәрі", line):
            where = f"line {number}, column {word.start() + 1}:"
            assert any(
                str(src) in w and where in w and word.group() in w and "--fix-homoglyphs" in w
                for w in warnings
            ), f"{where} {word.group()} not reported in {run.err!r}"
    xml = corpus_dir / "mixed.xml"
    assert b"<choice>" not in xml.read_bytes()  # reported, not repaired
    assert sentences(xml) == [s for _, found, _ in HOMOGLYPH_LINES for s in found]


def test_fixed_homoglyphs_keep_sic_and_corr_and_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "".join(line + "\n" for line, _, _ in HOMOGLYPH_LINES)
    _, corpus_dir, run = ingest(capsys, tmp_path, "mixed.txt", text, "--fix-homoglyphs")
    assert run.code == 0, run.err
    assert "repaired" in run.err
    xml = corpus_dir / "mixed.xml"
    data = xml.read_bytes()
    root = safe_parse(xml)
    pairs = [(c.findtext(TEI + "sic"), c.findtext(TEI + "corr")) for c in root.iter(TEI + "choice")]
    assert ("Бiлгiм", "Білгім") in pairs and ("rәрі", "кәрі") in pairs

    # Nothing added or lost: the originals are the source, the repairs only swap letters.
    assert sentences(xml, "original") == [s for _, found, _ in HOMOGLYPH_LINES for s in found]
    assert sentences(xml, "corrected") == [s for _, _, fixed in HOMOGLYPH_LINES for s in fixed]
    doc = Corpus(corpus_dir).load("mixed")
    assert [s.original for s in doc.kk.sentences()] == sentences(xml, "original")
    assert [s.text for s in doc.kk.sentences()] == sentences(xml, "corrected")
    assert to_bytes(doc) == data

    shown = kopir(capsys, corpus_dir, "show", "mixed")
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    for fixed in (s for _, _, repaired in HOMOGLYPH_LINES for s in repaired):
        assert any(re.search(r" kk\.s\d+ +" + re.escape(fixed) + "$", ln) for ln in lines), fixed
    assert "Бiлгiм" not in shown.out and "rәрі" not in shown.out


@pytest.mark.parametrize(
    ("line", "column"),
    [("    Бiлгiм беру.", 5), ("\tСөз\u200b Бiлгiм.", 7)],
    ids=["indented", "after-removed-character"],
)
def test_homoglyph_column_is_the_source_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, column: int
) -> None:
    assert line.index("Б") + 1 == column
    src = source_file(tmp_path, "col.txt", "Бірінші жол.\n" + line + "\n")
    run = kopir(capsys, tmp_path / "corpus", "ingest", src)
    assert run.code == 0, run.err
    found = [w for w in run.err.splitlines() if "Бiлгiм" in w]
    assert len(found) == 1 and f"line 2, column {column}:" in found[0], run.err


# ---------------------------------------------------------------- hostile characters

HOSTILE_TEXT = (
    "Мәтін <b>қалың</b> & «]]>» бар.\n"
    "Белгі\ufffeсі, C1\x85 және\x9f басқару.\n"
    "Таб\x0b және\x7f бағыт\u202eкері\u202c, \u2066оқшау\u2069 нөл\u200bені.\n"
)
REMOVED = "\ufffe\x85\x9f\x0b\x7f\u202e\u202c\u2066\u2069\u200b"


def test_hostile_characters_give_valid_tei_and_every_removal_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE_TEXT, "utf-8", newline="")
    corpus_dir = tmp_path / "corpus"
    run = kopir(capsys, corpus_dir, "ingest", src)
    assert run.code == 0, run.err

    warnings = run.err.splitlines()
    for number, line in enumerate(HOSTILE_TEXT.split("\n"), start=1):
        for column, ch in enumerate(line, start=1):
            if ch in REMOVED:
                where, code = f"line {number}, column {column}:", f"U+{ord(ch):04X}"
                assert any(str(src) in w and where in w and code in w for w in warnings), (
                    f"{code} at {where} not reported in {run.err!r}"
                )

    xml = corpus_dir / "hostile.xml"
    safe_parse(xml)  # well-formed XML 1.0: no U+FFFE, no C0/C1 controls left
    text = " ".join(sentences(xml))
    assert not set(text) & set(REMOVED)
    assert "<b>қалың</b> & «]]>»" in text
    kept = "".join(ch for ch in HOSTILE_TEXT if ch not in REMOVED and not ch.isspace())
    assert "".join(text.split()) == kept  # nothing else lost or added

    shown = kopir(capsys, corpus_dir, "show", "hostile")
    assert shown.code == 0 and "<b>қалың</b> & «]]>»" in shown.out


def test_many_removals_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = source_file(tmp_path, "zw.txt", "Сөз\u200b" * 25 + ".\n")
    run = kopir(capsys, tmp_path / "corpus", "ingest", src)
    assert run.code == 0, run.err
    listed = [w for w in run.err.splitlines() if "U+200B" in w]
    more = [int(n) for w in run.err.splitlines() for n in re.findall(r"(\d+) more", w)]
    assert len(listed) + sum(more) == 25, run.err


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x85"], ids=["VT", "FF", "NEL"])
def test_whitespace_controls_do_not_glue_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str
) -> None:
    """VT, FF and NEL are white space: removing them must not join two words into one."""
    src = tmp_path / "ws.txt"
    src.write_text(f"Бірінші{separator}екінші сөз.\n", "utf-8", newline="")
    corpus_dir = tmp_path / "corpus"
    run = kopir(capsys, corpus_dir, "ingest", src)
    assert run.code == 0, run.err
    words = " ".join(sentences(corpus_dir / "ws.xml")).split()
    assert "Біріншіекінші" not in words, words
    assert "Бірінші" in words and "екінші" in words
