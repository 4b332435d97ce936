"""Gold sentence alignments for the seed documents (tests/gold/, see its README).

Checks that every .align file is a well-formed, complete and ordered bead list over its
gold sentence files, that the gold sentences still match what the pipeline makes of the
current seed files (text only: line breaks may differ), and that the gold files are clean.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from corpus.ingest import build_document
from corpus.text.clean import clean_text
from corpus.text.structure import structure
from tests.helpers import REPO, SEEDS

GOLD = REPO / "tests" / "gold"
DOCS = [
    "000_6cc29457a28446bc",
    "001_edcedd8c637f99fa",
    "002_417f7ec88ad58ae1",
    "003_02315eec3f8dba4a",
    "004_d23ac1e4305185a3",
]

Bead = tuple[list[int], list[int]]

_INDEX = re.compile(r"-?\d+")


def _parse_side(text: str, side: str, line: str) -> list[int]:
    """One side of a bead, ``[]`` or ``[a, b, ...]``, as a list of indices."""
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        raise ValueError(f"malformed bead {line!r}: {side} side {text!r} is not a [...] list")
    body = text[1:-1].strip()
    if not body:
        return []
    indices = []
    for item in body.split(","):
        item = item.strip()
        if not _INDEX.fullmatch(item):
            raise ValueError(f"malformed bead {line!r}: {side} index {item!r} is not an integer")
        value = int(item)
        if value < 0:
            raise ValueError(f"malformed bead {line!r}: {side} index {value} is negative")
        indices.append(value)
    return indices


def parse_bead(line: str) -> Bead:
    """Parse one vecalign bead line, ``[0, 1]:[0]``, into (kk indices, en indices).

    Raises ValueError with a message naming the line for anything malformed: a missing or
    extra colon, a side that is not a bracketed list, an index that is not an integer, a
    negative index.
    """
    if line.count(":") != 1:
        raise ValueError(f"malformed bead {line!r}: expected exactly one ':' between the sides")
    left, right = line.split(":")
    return _parse_side(left, "kk", line), _parse_side(right, "en", line)


def read_lines(path: Path) -> list[str]:
    """Lines of a gold file (LF-terminated, final newline)."""
    text = path.read_text("utf-8")
    assert text.endswith("\n"), f"{path.name}: no final newline"
    return text.split("\n")[:-1]


@cache
def pipeline_sentences(doc: str) -> tuple[list[str], list[str]]:
    """The pipeline's Kazakh and English sentences for a seed document."""
    kk_path = SEEDS / f"{doc}.txt"
    built = build_document(kk_path.read_bytes(), f"seeds/{doc}.txt", doc)
    kk = [s.text for s in built.doc.kk.sentences()]
    en_text = (SEEDS / f"{doc}.en.txt").read_text("utf-8")
    blocks = structure(clean_text(en_text).paragraphs, "en").blocks
    en = [s.text for b in blocks for s in b.sentences]
    return kk, en


def squeeze(lines: list[str]) -> str:
    """The lines joined with all whitespace removed."""
    return re.sub(r"\s+", "", "".join(lines))


# --- the bead parser -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[0]:[0]", ([0], [0])),
        ("[0, 1]:[0]", ([0, 1], [0])),
        ("[5]:[]", ([5], [])),
        ("[]:[7]", ([], [7])),
        ("[12,13]:[11, 12]", ([12, 13], [11, 12])),
        (" [ 3 ] : [ 4 ] ", ([3], [4])),
    ],
)
def test_parse_bead_accepts(line: str, expected: Bead) -> None:
    assert parse_bead(line) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[0] [0]", "exactly one ':'"),
        ("[0][0]", "exactly one ':'"),
        ("[0]:[0]:[1]", "exactly one ':'"),
        ("[a]:[0]", "not an integer"),
        ("[0]:[1.5]", "not an integer"),
        ("[0,]:[1]", "not an integer"),
        ("[0 1]:[1]", "not an integer"),
        ("[-1]:[0]", "negative"),
        ("[0]:[2, -3]", "negative"),
        ("0:[0]", "not a [...] list"),
        ("[0]:0]", "not a [...] list"),
        ("", "exactly one ':'"),
    ],
)
def test_parse_bead_rejects(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_bead(line)


# --- the gold files ----------------------------------------------------------------------


def test_gold_files_present() -> None:
    expected = {f"{d}{suffix}" for d in DOCS for suffix in (".kk.txt", ".en.txt", ".align")}
    present = {p.name for p in GOLD.iterdir() if p.suffix in (".txt", ".align")}
    assert expected <= present, f"missing gold files: {sorted(expected - present)}"


@pytest.mark.parametrize("doc", DOCS)
def test_alignment_covers_both_sides_in_order(doc: str) -> None:
    kk = read_lines(GOLD / f"{doc}.kk.txt")
    en = read_lines(GOLD / f"{doc}.en.txt")
    beads = [parse_bead(line) for line in read_lines(GOLD / f"{doc}.align")]
    assert beads, f"{doc}.align is empty"
    for number, (k, e) in enumerate(beads, 1):
        assert k or e, f"{doc}.align line {number}: bead with two empty sides"
    kk_seen = [i for k, _ in beads for i in k]
    en_seen = [i for _, e in beads for i in e]
    assert kk_seen == list(range(len(kk))), f"{doc}: kk lines not covered exactly once in order"
    assert en_seen == list(range(len(en))), f"{doc}: en lines not covered exactly once in order"


@pytest.mark.parametrize("doc", DOCS)
def test_gold_text_matches_pipeline(doc: str) -> None:
    kk, en = pipeline_sentences(doc)
    gold_kk = read_lines(GOLD / f"{doc}.kk.txt")
    gold_en = read_lines(GOLD / f"{doc}.en.txt")
    assert squeeze(gold_kk) == squeeze(kk), f"{doc}: gold kk text differs from seeds/{doc}.txt"
    assert squeeze(gold_en) == squeeze(en), f"{doc}: gold en text differs from seeds/{doc}.en.txt"


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("suffix", [".kk.txt", ".en.txt", ".align"])
def test_gold_files_clean(doc: str, suffix: str) -> None:
    path = GOLD / f"{doc}{suffix}"
    text = path.read_text("utf-8")
    assert "\r" not in text, f"{path.name}: CR line endings"
    assert unicodedata.is_normalized("NFC", text), f"{path.name}: not NFC"
    for number, line in enumerate(read_lines(path), 1):
        assert line.strip(), f"{path.name} line {number}: blank line"
        assert line == line.strip(), f"{path.name} line {number}: leading/trailing whitespace"
