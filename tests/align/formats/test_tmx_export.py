"""TMX export: valid against the TMX 1.4b DTD, read back exactly by a real TMX reader
(translate-toolkit), complete header, stable tuids, hostile text made safe and reported,
refusal on check errors, atomic output."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from align.edit import Merge
from align.formats.export import ExportOptions, ExportRefused, preview_export
from align.formats.tmx_writer import export_tmx, write_tmx
from align.formats.units import Unit, all_units
from align.model import Alignment
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from tests.helpers import make_doc, shared_path
from tui.cli.wording import cli_message
from tui.wording import in_app

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALL = ExportOptions(include_empty=True, include_unconfirmed=True)


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(shared_path("schemas", "tmx14.dtd")))


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def assert_valid(path: Path, dtd: etree.DTD) -> etree._ElementTree:
    tree = parse(path)
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(tuid, source, target) as translate-toolkit's TMX store reads them."""
    store = tmxfile.parsefile(str(path))
    return [(unit.getid(), unit.source, unit.target) for unit in store.units]


def corpus_units(corpus: Corpus) -> list[Unit]:
    return [u for doc_id in corpus.ids() for u in all_units(corpus.load(doc_id))]


def test_seed_corpus_tmx_is_valid_and_translate_toolkit_reads_back_the_same_pairs(
    seed_corpus: Path, tmp_path: Path, tmx_dtd: etree.DTD
) -> None:
    corpus = Corpus(seed_corpus)
    out = tmp_path / "seeds.tmx"
    report = export_tmx(corpus, None, out, ExportOptions(include_unconfirmed=True))
    expected = corpus_units(corpus)
    assert report.units == len(expected) == 316
    assert_valid(out, tmx_dtd)
    assert read_pairs(out) == [(u.tuid, u.kk, u.en) for u in expected]


def test_header_is_complete_and_dates_are_what_omegat_parses(
    seed_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "h.tmx"
    export_tmx(Corpus(seed_corpus), ["003_02315eec3f8dba4a"], out, ALL)
    data = out.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')
    header = parse(out).getroot().find("header")
    assert header is not None
    attrs = dict(header.attrib)
    created = attrs.pop("creationdate")
    assert attrs == {
        "creationtool": "kopir",
        "creationtoolversion": metadata.version("kopir"),
        "segtype": "sentence",
        "o-tmf": "kopir",
        "adminlang": "en-US",
        "srclang": "kk-KZ",
        "datatype": "plaintext",
    }
    assert re.fullmatch(r"\d{8}T\d{6}Z", created)
    moment = datetime.strptime(created, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - moment).total_seconds()) < 120


def test_units_have_kazakh_first_and_their_properties(seed_corpus: Path, tmp_path: Path) -> None:
    corpus = Corpus(seed_corpus)
    out = tmp_path / "p.tmx"
    export_tmx(corpus, ["003_02315eec3f8dba4a"], out, ALL, None)
    expected = all_units(corpus.load("003_02315eec3f8dba4a"))
    tus = parse(out).getroot().findall("body/tu")
    assert len(tus) == len(expected)
    for tu, unit in zip(tus, expected, strict=True):
        langs = [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]
        assert langs == ["kk-KZ", "en-US"]
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props == {
            "x-document": "003_02315eec3f8dba4a",
            "x-status": "auto",
            "x-score": f"{unit.score:.4f}",
            "x-qa": "info:unconfirmed",
        }
        assert tu.get("tuid") == unit.tuid
        for tuv, lengths in zip(tu.findall("tuv"), (unit.kk_lengths, unit.en_lengths), strict=True):
            tuv_props = [(p.get("type"), p.text) for p in tuv.findall("prop")]
            assert tuv_props == (
                [("x-sentence-lengths", " ".join(map(str, lengths)))] if lengths else []
            )
    two = [u for u in expected if len(u.en_ids) == 2]
    assert two, "the seed document has 1-2 beads"
    sentences = {s.id: s.text for s in corpus.load("003_02315eec3f8dba4a").en.sentences()}
    assert two[0].en == " ".join(sentences[i] for i in two[0].en_ids)
    assert two[0].en_lengths == tuple(len(sentences[i]) for i in two[0].en_ids)


def sentence_lengths(path: Path) -> list[dict[str, str | None]]:
    """Each unit's ``x-sentence-lengths`` by side (None where there is none)."""
    return [
        {
            side: next(
                (p.text for p in tuv.findall("prop") if p.get("type") == "x-sentence-lengths"),
                None,
            )
            for side, tuv in zip(("kk", "en"), tu.findall("tuv"), strict=True)
        }
        for tu in parse(path).getroot().iter("tu")
    ]


def test_sentence_lengths_are_of_the_text_as_written_after_sanitising(
    tmp_path: Path, tmx_dtd: etree.DTD
) -> None:
    doc = make_doc(
        "d",
        [
            # A zero-width space and a decomposed й: the lengths shrink with the text.
            (["Көрін\u200bбейтін.", "И\u0306ә."], "Invisible."),
            # A sentence of nothing but an invisible character: no boundary to keep.
            (["Бар.", "\u200b"], "There."),
            (["Бір.", "Екі.", "Үш."], ["One.", "Two and three."]),
        ],
    )
    units = all_units(doc)
    out = tmp_path / "s.tmx"
    report = write_tmx(out, units)
    assert_valid(out, tmx_dtd)
    assert [(c.tuid, c.side) for c in report.changes] == [
        ("d:kk.s1+kk.s2:en.s1", "kk"),
        ("d:kk.s1+kk.s2:en.s1", "kk"),
        ("d:kk.s3+kk.s4:en.s2", "kk"),
    ]
    assert [(k, e) for _, k, e in read_pairs(out)] == [
        ("Көрінбейтін. Йә.", "Invisible."),
        ("Бар. ", "There."),
        ("Бір. Екі. Үш.", "One. Two and three."),
    ]
    assert sentence_lengths(out) == [
        {"kk": "12 3", "en": None},
        {"kk": None, "en": None},
        {"kk": "4 4 3", "en": "4 14"},
    ]


def test_language_codes_are_configurable_and_checked(seed_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "l.tmx"
    options = ExportOptions(include_unconfirmed=True, srclang="kk", tgtlang="en-GB")
    export_tmx(Corpus(seed_corpus), ["003_02315eec3f8dba4a"], out, options)
    root = parse(out).getroot()
    assert root.find("header").get("srclang") == "kk"  # type: ignore[union-attr]
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"kk", "en-GB"}
    with pytest.raises(KopirError, match="not a language tag"):
        export_tmx(Corpus(seed_corpus), None, out, ExportOptions(srclang='kk"><x', force=True))


def test_tuids_are_unique_and_survive_edits_of_other_beads(
    seed_corpus: Path, tmp_path: Path
) -> None:
    corpus = Corpus(seed_corpus)
    doc_id = "004_d23ac1e4305185a3"
    before = [t for t, _, _ in read_pairs(_export(corpus, tmp_path / "a.tmx", doc_id))]
    assert len(set(before)) == len(before)
    doc = corpus.load(doc_id)
    doc.links = Merge(10).apply(Alignment.from_document(doc)).to_links()  # beads 11 and 12
    corpus.save(doc)
    after = [t for t, _, _ in read_pairs(_export(corpus, tmp_path / "b.tmx", doc_id))]
    assert len(after) == len(before) - 1
    assert after[:10] == before[:10] and after[11:] == before[12:]


def _export(corpus: Corpus, out: Path, *doc_ids: str) -> Path:
    export_tmx(corpus, list(doc_ids), out, ExportOptions(include_unconfirmed=True))
    return out


def test_empty_and_unconfirmed_beads_are_left_out_unless_asked(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    pairs = [("Иә.", "Yes."), ("Жоқ.", ""), ("", "Extra."), ("Мүмкін.", "Maybe.")]
    corpus.save(make_doc("d", pairs, statuses=["confirmed", "confirmed", "auto", "auto"]))
    out = tmp_path / "x.tmx"
    report = export_tmx(corpus, None, out)
    assert [p[1:] for p in read_pairs(out)] == [("Иә.", "Yes.")]
    assert report.skipped == {
        "with one side empty (1-0 or 0-1 beads)": 2,
        "not confirmed by a translator": 1,
    }
    export_tmx(corpus, None, out, ExportOptions(include_unconfirmed=True))
    assert [p[1:] for p in read_pairs(out)] == [("Иә.", "Yes."), ("Мүмкін.", "Maybe.")]
    export_tmx(corpus, None, out, ExportOptions(include_empty=True))
    assert [p[1:] for p in read_pairs(out)] == [("Иә.", "Yes."), ("Жоқ.", "")]
    export_tmx(corpus, None, out, ALL)
    assert len(read_pairs(out)) == 4


@pytest.mark.parametrize("options", [ExportOptions(), ExportOptions(include_empty=True), ALL])
def test_the_preview_counts_what_the_export_writes(tmp_path: Path, options: ExportOptions) -> None:
    corpus = Corpus(tmp_path / "c")
    pairs = [("Иә.", "Yes."), ("Жоқ.", ""), ("", "Extra."), ("Мүмкін.", "Maybe.")]
    corpus.save(make_doc("d", pairs, statuses=["confirmed", "confirmed", "auto", "auto"]))
    preview = preview_export(corpus, None, options)
    report = export_tmx(corpus, None, tmp_path / "x.tmx", options)
    assert (preview.units, preview.skipped) == (report.units, sum(report.skipped.values()))
    assert preview.findings == report.findings


def test_an_export_parses_each_document_once_and_a_tight_budget_writes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks, the writing and the texts consistency messages quote share one
    read of each document; past the memory budget documents are read again, and
    the file written is the same byte for byte."""
    import align.formats.unit_reader

    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("a", [("Иә.", "Yes."), ("Жоқ.", "No.")]))
    corpus.save(make_doc("b", [("Иә.", "Yes indeed."), ("Мүмкін.", "Maybe.")]))
    corpus.save(make_doc("c", [("Бәлкім.", "Perhaps.")]))
    loads: list[str] = []
    load = corpus.load
    monkeypatch.setattr(corpus, "load", lambda doc_id: loads.append(doc_id) or load(doc_id))

    once = export_tmx(corpus, None, tmp_path / "once.tmx", ExportOptions(force=True))
    assert {f.check for f in once.findings} >= {"inconsistent-target"}  # quotes another text
    assert sorted(loads) == ["a", "b", "c"]

    loads.clear()
    monkeypatch.setattr(align.formats.unit_reader, "KEEP_UNITS", 0)
    again = export_tmx(corpus, None, tmp_path / "again.tmx", ExportOptions(force=True))
    assert sorted(set(loads)) == ["a", "b", "c"] and len(loads) > 3  # read again, not kept
    assert again.findings == once.findings and again.units == once.units == 5
    strip_date = re.compile(rb'creationdate="[^"]*"')
    first = strip_date.sub(b"", (tmp_path / "once.tmx").read_bytes())
    assert first == strip_date.sub(b"", (tmp_path / "again.tmx").read_bytes())


HOSTILE_TEXTS = {
    "nul": ("Нөл\x00бар.", 1),
    "vertical tab": ("Бір\x0bекі.", 1),
    "delete": ("Жою\x7f.", 1),
    "U+FFFE": ("Белгі\ufffe.", 1),
    "lone surrogates": ("Жалғыз\ud800 \udfff.", 2),
    "C1 control": ("Басқару\x85\x9f.", 2),
    "zero-width space": ("Көрін\u200bбейтін.", 1),
    "CDATA end": ("Мәтін ]]> бітті.", 0),
    "markup": ("<b>қалың</b> & «таңба» &amp;", 0),
    "10,000 characters": ("ә" * 10_000, 0),
}


@pytest.mark.parametrize("name", HOSTILE_TEXTS)
def test_hostile_text_never_makes_an_invalid_file_and_each_change_is_reported(
    tmp_path: Path, tmx_dtd: etree.DTD, name: str
) -> None:
    text, expected_changes = HOSTILE_TEXTS[name]
    units = [
        Unit("d", 0, text, "Clean English.", ("kk.s1",), ("en.s1",)),
        Unit("d", 1, "Таза қазақша.", text, ("kk.s2",), ("en.s2",)),
    ]
    out = tmp_path / "hostile.tmx"
    report = write_tmx(out, iter(units))
    assert_valid(out, tmx_dtd)
    assert len(report.changes) == 2 * expected_changes
    assert {(c.tuid, c.side) for c in report.changes} == (
        {("d:kk.s1:en.s1", "kk"), ("d:kk.s2:en.s2", "en")} if expected_changes else set()
    )
    pairs = read_pairs(out)
    if not expected_changes:  # nothing to remove: the text comes back exactly
        assert [p[1:] for p in pairs] == [(text, "Clean English."), ("Таза қазақша.", text)]
    else:
        assert all(ch not in pairs[0][1] for ch in "\x00\x0b\x7f\ufffe\ud800\x85\u200b")


def test_export_refuses_errors_and_says_which_then_force_writes_a_valid_file(
    tmp_path: Path, tmx_dtd: etree.DTD
) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(
        make_doc("d", [("Жою\x7f белгісі.", "A delete mark."), ("Иә.", "Yes."), ("ә" * 2500, "a")])
    )
    out = tmp_path / "out.tmx"
    out.write_bytes(b"previous export")
    with pytest.raises(ExportRefused) as refused:
        export_tmx(corpus, None, out)
    message = str(refused.value)
    assert "2 errors" in message and "illegal-characters: 1" in message
    assert "segment-too-long: 1" in message and "d, bead 1: the Kazakh has U+007F" in message
    assert "kopir.toml" in message and "--" not in message  # the core names no flags
    assert [r.option for r in refused.value.remedies] == ["force"]
    assert cli_message(refused.value).endswith("; pass --force to export anyway")
    assert in_app(refused.value).endswith('; tick "Export despite errors" to export anyway')
    assert [(f.check, f.bead) for f in refused.value.findings] == [
        ("illegal-characters", 0),
        ("segment-too-long", 2),
    ]
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "out.tmx"]

    report = export_tmx(corpus, None, out, ExportOptions(force=True))
    assert_valid(out, tmx_dtd)
    assert report.units == 3 and report.forced
    assert [c.change.char for c in report.changes] == ["\x7f"]
    qa = [p.text for p in parse(out).getroot().iter("prop") if p.get("type") == "x-qa"]
    assert qa == ["error:illegal-characters", "ok", "error:segment-too-long warning:length-ratio"]
    assert read_pairs(out)[2][1] == "ә" * 2500


def test_a_check_switched_off_in_the_project_config_no_longer_blocks(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("d", [("Жою\x7f белгісі.", "A delete mark.")]))
    with pytest.raises(ExportRefused):
        export_tmx(corpus, None, tmp_path / "a.tmx")
    (corpus.root / "kopir.toml").write_text(
        '[checks.illegal-characters]\nseverity = "warning"\n', "utf-8"
    )
    report = export_tmx(corpus, None, tmp_path / "a.tmx")
    assert report.units == 1 and [f.severity for f in report.findings] == ["warning"]


def test_nothing_to_export_is_an_error_and_writes_nothing(
    seed_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "none.tmx"
    with pytest.raises(KopirError, match=r"316 units not confirmed") as nothing:
        export_tmx(Corpus(seed_corpus), None, out)
    assert [r.option for r in nothing.value.remedies] == ["include_unconfirmed"]
    assert "pass --include-unconfirmed to take the unconfirmed ones" in cli_message(nothing.value)
    assert not out.exists() and list(tmp_path.glob(".*.tmp")) == []


def test_unknown_document_is_a_clear_error(seed_corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(KopirError, match="no document 'nope'"):
        export_tmx(Corpus(seed_corpus), ["nope"], tmp_path / "x.tmx")


def test_a_failure_mid_export_keeps_the_previous_file_and_leaves_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    out.write_bytes(b"previous")

    def units() -> Iterator[Unit]:
        yield Unit("d", 0, "Иә.", "Yes.", ("kk.s1",), ("en.s1",))
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_tmx(out, units())
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]


def test_the_writer_streams_a_generator_and_keeps_file_permissions(tmp_path: Path) -> None:
    out = tmp_path / "s.tmx"
    made = 0

    def units() -> Iterator[Unit]:
        nonlocal made
        for i in range(25_000):
            made += 1
            yield Unit("d", i, f"Сөйлем {i}.", f"Sentence {i}.", (f"kk.s{i}",), (f"en.s{i}",))

    progress: list[int] = []
    report = write_tmx(out, units(), progress=progress.append)
    assert report.units == made == 25_000 and progress == [10_000, 20_000]
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o600)
    write_tmx(out, units())
    assert out.stat().st_mode & 0o777 == 0o600
