"""Moses, TSV and JSONL exports and the Kazakh source file: one unit a line, exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.formats.export import ExportOptions, ExportRefused
from align.formats.plain import (
    TSV_COLUMNS,
    escape_tsv,
    export_jsonl,
    export_moses,
    export_source,
    export_text,
    export_tsv,
    unescape_tsv,
)
from align.formats.units import Selection, all_units
from align.qa import check_corpus
from align.session import Session
from corpus.errors import KopirError
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tests.helpers import kazakh_only_doc, make_doc

AWKWARD = [
    ("Жол\nбөлінді.", "A line\nbreak."),
    ("Таб\tжәне \\ кері.", "Tab\tand \\ back."),
    ("Бөлгіш\u2028жол.", 'Quote "here" and\u2029there.'),
    ("Қарапайым, 2019.", "Plain, 2018."),
]


@pytest.fixture
def awkward(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("awk", AWKWARD))
    return corpus


def test_moses_files_have_one_unit_a_line_and_line_breaks_become_spaces(
    awkward: Corpus, tmp_path: Path
) -> None:
    report = export_moses(awkward, None, tmp_path / "out" / "corpus")
    kk = (tmp_path / "out" / "corpus.kk").read_text("utf-8").split("\n")
    en = (tmp_path / "out" / "corpus.en").read_text("utf-8").split("\n")
    assert kk[-1] == en[-1] == ""  # every line ends with a line feed
    assert kk[:-1] == ["Жол бөлінді.", "Таб\tжәне \\ кері.", "Бөлгіш жол.", "Қарапайым, 2019."]
    assert en[:-1] == [
        "A line break.",
        "Tab\tand \\ back.",
        'Quote "here" and there.',
        "Plain, 2018.",
    ]
    assert report.units == 4
    breaks = [(c.tuid, c.side, c.change.char) for c in report.changes]
    assert breaks == [
        ("awk:kk.s1:en.s1", "kk", "\n"),
        ("awk:kk.s1:en.s1", "en", "\n"),
        ("awk:kk.s3:en.s3", "kk", "\u2028"),
        ("awk:kk.s3:en.s3", "en", "\u2029"),
    ]


def test_moses_suffixes_follow_the_language_codes(awkward: Corpus, tmp_path: Path) -> None:
    options = ExportOptions(srclang="kaz", tgtlang="en-GB")
    report = export_moses(awkward, None, tmp_path / "c", options)
    assert [p.name for p in report.paths] == ["c.kaz", "c.en"]
    with pytest.raises(KopirError, match="same file name"):
        export_moses(awkward, None, tmp_path / "c", ExportOptions(srclang="en", tgtlang="en-US"))


def test_tsv_records_are_single_lines_that_unescape_to_the_texts(
    awkward: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "x.tsv"
    report = export_tsv(awkward, None, out)
    lines = out.read_text("utf-8").split("\n")
    assert lines[0].split("\t") == list(TSV_COLUMNS) and lines[-1] == ""
    rows = [[unescape_tsv(f) for f in line.split("\t")] for line in lines[1:-1]]
    assert all(len(row) == len(TSV_COLUMNS) for row in rows)
    units = all_units(awkward.load("awk"))
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        (u.tuid, "awk", str(u.bead + 1), "confirmed", "0.9000") for u in units
    ]
    assert [(r[5], r[6]) for r in rows] == [(u.kk, u.en) for u in units]
    assert report.changes == []  # TSV escapes line feeds instead of replacing them


@given(st.text())
def test_tsv_escaping_round_trips_and_leaves_no_tab_or_line_break(text: str) -> None:
    escaped = escape_tsv(text)
    assert "\t" not in escaped and "\n" not in escaped and "\r" not in escaped
    assert unescape_tsv(escaped) == text


def test_jsonl_has_one_object_a_line_with_the_units_fields(awkward: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    export_jsonl(awkward, None, out)
    raw = out.read_text("utf-8")
    assert "\u2028" not in raw and "\u2029" not in raw and "Жол" in raw  # not \\u-escaped
    records = [json.loads(line) for line in raw.splitlines()]
    units = all_units(awkward.load("awk"))
    labels = {u.bead: [] for u in units}
    for finding in check_corpus(awkward, selection=Selection()):
        labels[finding.bead].append(finding.qa_label())
    assert len(records) == len(units)
    for record, unit in zip(records, units, strict=True):
        assert record == {
            "tuid": unit.tuid,
            "document": "awk",
            "bead": unit.bead + 1,
            "status": "confirmed",
            "score": 0.9,
            "kk": unit.kk,
            "en": unit.en,
            "kk_ids": list(unit.kk_ids),
            "en_ids": list(unit.en_ids),
            "qa": labels[unit.bead],
        }
    assert records[3]["qa"] == ["warning:numbers"]


def test_every_format_runs_the_checks_and_refuses_errors(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("bad", [("Сөз\x85.", "Word.")]))
    for export, target in (
        (export_tsv, tmp_path / "a.tsv"),
        (export_jsonl, tmp_path / "a.jsonl"),
        (export_moses, tmp_path / "a"),
    ):
        with pytest.raises(ExportRefused, match="illegal-characters"):
            export(corpus, None, target)
        report = export(corpus, None, target, ExportOptions(force=True))
        assert [c.change.char for c in report.changes] == ["\x85"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.en",
        "a.jsonl",
        "a.kk",
        "a.tsv",
        "c",
    ]


def test_source_file_holds_every_kazakh_sentence_in_document_and_reading_order(
    seed_corpus: Path, tmp_path: Path
) -> None:
    corpus = Corpus(seed_corpus)
    out = tmp_path / "src.kk"
    lines, changes = export_source(corpus, None, out)
    expected = [s.text for i in sorted(corpus.ids()) for s in corpus.load(i).kk.sentences()]
    assert lines == len(expected) == 331 and changes == []
    assert out.read_text("utf-8").split("\n")[:-1] == expected
    some = ["004_d23ac1e4305185a3", "003_02315eec3f8dba4a"]
    export_source(corpus, some, out)
    assert out.read_text("utf-8").split("\n")[:-1] == [
        s.text for i in some for s in corpus.load(i).kk.sentences()
    ]


def _translated_in_the_editor(corpus: Corpus) -> None:
    """A Kazakh-only news item (headline, two paragraphs), translated in an editing
    session as a freelance translator does it, its second sentence left out on purpose."""
    corpus.save(kazakh_only_doc(
        "frost", "Аяз күшейеді",
        ["Синоптиктер хабарлады.", "Түнде 30 градус аяз болады."],
        ["Жел соғады.", "Көктайғақ болады."],
    ))  # fmt: skip
    untouched = Side("kk", [Block(BlockKind.P, [Sentence.plain("kk.s1", "Аударылмаған.")])])
    corpus.save(Document("untouched", Metadata(title="Жоқ"), untouched, Side("en", [])))
    session = Session(corpus, corpus.load("frost"))
    try:
        for bead, text in ((0, "Frost ahead"), (2, "Nights will fall to 30 below."),
                           (3, "Wind will blow."), (4, "Roads will ice over.")):  # fmt: skip
            session.set_texts(bead, "en", [text])
        assert session.saver is not None and session.saver.flush()
    finally:
        session.close()


def test_the_text_export_writes_the_translation_as_the_client_reads_it(tmp_path: Path) -> None:
    """There was no way to deliver the translated article: TMX, Moses, TSV and JSONL give
    units, not the English text with its headline and paragraphs."""
    corpus = Corpus(tmp_path / "c")
    _translated_in_the_editor(corpus)
    out = tmp_path / "frost.en.txt"
    done = export_text(corpus, ["frost"], out)
    assert out.read_text("utf-8") == (
        "Frost ahead\nNights will fall to 30 below.\nWind will blow. Roads will ice over.\n"
    )
    assert (done.paragraphs, done.untranslated, done.left_out) == (3, ["frost:2"], [])
    # All documents: the one with no English yet is left out and named; named, refused.
    done = export_text(corpus, None, out)
    assert done.left_out == ["untouched"] and done.paragraphs == 3
    out.unlink()
    with pytest.raises(KopirError, match="untouched: no English to export yet"):
        export_text(corpus, ["frost", "untouched"], out)
    assert not out.exists()


def test_the_text_export_parses_each_document_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It loaded every document to write it and parsed each again for the checks; and it
    held every document at once, whatever the corpus's size."""
    corpus = Corpus(tmp_path / "c")
    _translated_in_the_editor(corpus)
    second = corpus.load("frost")
    second.id = "frost2"
    corpus.save(second)
    loads: list[str] = []
    load = Corpus.load
    monkeypatch.setattr(
        Corpus, "load", lambda self, doc_id: loads.append(doc_id) or load(self, doc_id)
    )
    out = tmp_path / "all.en.txt"
    done = export_text(corpus, None, out)
    assert sorted(loads) == ["frost", "frost2", "untouched"]
    one = "Frost ahead\nNights will fall to 30 below.\nWind will blow. Roads will ice over.\n"
    assert out.read_text("utf-8") == one + "\n" + one
    assert (done.paragraphs, done.untranslated, done.left_out) == (
        6,
        ["frost:2", "frost2:2"],
        ["untouched"],
    )
