"""Query hits exported as CSV, TSV, JSON and TMX: read back, validated, never half-written."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from pathlib import Path
from typing import TextIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from align.formats.hit_report import HitExportReport
from align.formats.hits import TABLE_COLUMNS, export_hits, hit_format, write_hits
from align.formats.plain import unescape_tsv
from align.formats.registry import HIT_FORMATS
from corpus.errors import KopirError
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.results import Hit, Results
from corpus.storage.store import Corpus
from tests.helpers import make_doc, shared_path

# Four invisible characters TMX sanitising removes: a zero-width space, a
# right-to-left override, a byte order mark and a word joiner. (Control
# characters never reach a hit: the search index holds them as spaces.)
HOSTILE = [
    ("Сөз\u200b бар.", "A word\u202e here."),
    ("Сөз жоқ.", ""),  # a 1-0 bead: no translation pair, left out of TMX
    ("Тағы\ufeff сөз бар.", "More\u2060 words."),
    ("Басқа сөйлем.", "Another sentence."),  # no hit
]


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "corpus")
    corpus.save(make_doc("d", HOSTILE))
    return corpus


@pytest.fixture
def results(corpus: Corpus) -> Results:
    with QueryEngine(corpus) as engine:
        found = engine.search(Query(kk="сөз*"), limit=None)
    assert [h.bead for h in found.hits] == [0, 1, 2]
    return found


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _read_table(handle: TextIO, fmt: str) -> list[dict[str, str]]:
    """CSV with the csv module; TSV as kopir writes every TSV (no quoting, backslash escapes)."""
    if fmt == "csv":
        return list(csv.DictReader(handle))
    rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: unescape_tsv(v) for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_tables_read_back_with_the_csv_module(
    corpus: Corpus, results: Results, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"hits.{fmt}"
    report = export_hits(corpus, results, out)
    assert report.summary() == f"wrote 3 hits to {out}" and not report.changes
    with out.open(encoding="utf-8", newline="") as handle:
        rows = _read_table(handle, fmt)
    assert list(rows[0]) == list(TABLE_COLUMNS)
    assert [r["bead"] for r in rows] == ["1", "2", "3"]  # counted from 1, as in the editor
    assert [r["kk"] for r in rows] == [kk for kk, _ in HOSTILE[:3]]  # the corpus text, as it is
    assert rows[1]["en"] == "" and rows[0]["en"] == "A word\u202e here."
    for row in rows:
        assert row["left"] + row["match"] + row["right"] == row["kk"]
        assert row["kk_matches"].lower() == "сөз" and row["status"] == "confirmed"


def test_json_reads_back_with_spans_that_find_the_matches(
    corpus: Corpus, results: Results, tmp_path: Path
) -> None:
    out = tmp_path / "hits.json"
    report = export_hits(corpus, results, out)
    assert (report.format, report.written, report.left_out) == ("json", 3, 0)
    data = json.loads(out.read_text("utf-8"))
    assert data["query"] == "--kk сөз*" and data["total"] == len(data["hits"]) == 3
    for hit, (kk, en) in zip(data["hits"], HOSTILE, strict=False):
        assert (hit["kk"], hit["en"]) == (kk, en)
        start, end = hit["kk_spans"][0]
        assert hit["kk"][start:end].lower() == "сөз"


def test_tmx_is_valid_takes_pairs_only_and_reports_every_sanitised_character(
    corpus: Corpus, results: Results, tmp_path: Path
) -> None:
    out = tmp_path / "hits.tmx"
    report = export_hits(corpus, results, out)
    assert (report.written, report.left_out) == (2, 1)
    assert report.summary() == (
        f"wrote 2 units to {out}; left out 1 hit with no aligned counterpart"
    )
    tree = etree.parse(str(out))
    assert etree.DTD(str(shared_path("schemas", "tmx14.dtd"))).validate(tree)
    segs = [[seg.text for seg in tu.iter("seg")] for tu in tree.iterfind("body/tu")]
    assert segs == [["Сөз бар.", "A word here."], ["Тағы сөз бар.", "More words."]]
    warnings = report.warnings()
    assert len(warnings) == len(report.changes) == 4
    assert warnings[0] == (
        "sanitised d:kk.s1:en.s1 (kk): column 4: removed U+200B ZERO WIDTH SPACE "
        "(a stray invisible character)"
    )
    assert any("U+202E" in w and "(en)" in w for w in warnings)
    notice = report.notice().splitlines()
    assert notice[0] == report.summary()
    assert "sanitised 4 characters" in notice[1]
    assert notice[2:5] == [f"  {c.describe()}" for c in report.changes[:3]]
    assert notice[5] == "  … and 1 more"


def test_the_format_named_wins_over_the_ending(
    corpus: Corpus, results: Results, tmp_path: Path
) -> None:
    out = tmp_path / "hits.txt"
    assert export_hits(corpus, results, out, "tsv").format == "tsv"
    assert out.read_text("utf-8").startswith("\t".join(TABLE_COLUMNS) + "\n")
    assert [hit_format(Path(f"x.{f.upper()}")) for f in HIT_FORMATS] == list(HIT_FORMATS)


@pytest.mark.parametrize(("name", "fmt"), [("hits.txt", None), ("hits", None), ("h.csv", "xml")])
def test_an_unknown_format_is_a_clear_error_and_writes_nothing(
    corpus: Corpus, results: Results, tmp_path: Path, name: str, fmt: str | None
) -> None:
    with pytest.raises(KopirError) as caught:
        export_hits(corpus, results, tmp_path / name, fmt)
    message = str(caught.value)
    assert ".tmx" in message if fmt is None else "xml" in message and "tmx" in message
    assert files(tmp_path) == ["corpus"]


@pytest.mark.parametrize("fmt", HIT_FORMATS)
def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_else(
    corpus: Corpus, results: Results, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    out = tmp_path / f"hits.{fmt}"
    out.write_text("previous", "utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("corpus.storage.atomic.os.fsync", disk_full)
    with pytest.raises(KopirError, match="No space left on device"):
        export_hits(corpus, results, out)
    assert out.read_text("utf-8") == "previous"
    assert files(tmp_path) == ["corpus", out.name]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_text_utf8_cannot_hold_fails_cleanly_half_way(
    corpus: Corpus, results: Results, tmp_path: Path, fmt: str
) -> None:
    broken = Results(
        results.query, 4, 0, None, "doc",
        [*results.hits, _hit("Сөз\ud800.", "Word.")],
    )  # fmt: skip
    out = tmp_path / f"hits.{fmt}"
    with pytest.raises(KopirError, match="U\\+D800"):
        export_hits(corpus, broken, out)
    assert files(tmp_path) == ["corpus"]  # the rows before it were written, then discarded


def test_streams_take_the_table_formats_and_match_the_files(
    corpus: Corpus, results: Results, tmp_path: Path
) -> None:
    for fmt in ("csv", "tsv", "json"):
        stream = io.StringIO()
        report = write_hits(stream, results, fmt)
        assert report == HitExportReport(None, fmt, written=3)
        export_hits(corpus, results, tmp_path / f"hits.{fmt}")
        assert stream.getvalue() == (tmp_path / f"hits.{fmt}").read_text("utf-8")
    with pytest.raises(KopirError, match="file"):
        write_hits(io.StringIO(), results, "tmx")


def _hit(kk: str, en: str) -> Hit:
    """A hit on the whole Kazakh text (for texts no corpus could hold)."""
    return Hit(
        doc="x", bead=0, position=0, status="auto", score=None, kk=kk, en=en,
        kk_ids=("kk.s1",), en_ids=("en.s1",), kk_spans=((0, len(kk)),), en_spans=(), key="kk",
    )  # fmt: skip


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@given(kk=text.filter(str.strip), en=text)
def test_any_text_survives_csv_and_json(kk: str, en: str) -> None:
    results = Results(Query(kk="x"), 1, 0, None, "doc", [_hit(kk, en)])
    for fmt in ("csv", "tsv"):
        stream = io.StringIO()
        write_hits(stream, results, fmt)
        stream.seek(0)
        (row,) = _read_table(stream, fmt)
        flat = {"\t": " ", "\n": " ", "\r": " "}
        assert row["kk"] == kk.translate(str.maketrans(flat))
        assert row["en"] == en.translate(str.maketrans(flat))
    stream = io.StringIO()
    write_hits(stream, results, "json")
    (hit,) = json.loads(stream.getvalue())["hits"]
    assert (hit["kk"], hit["en"]) == (kk, en)
