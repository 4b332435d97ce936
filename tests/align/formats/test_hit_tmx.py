"""Query hits as TMX: each bead exactly the unit ``kopir export tmx`` writes for it.

Sentence lengths (so ``kopir import tmx`` gives back 2-1 and 1-2 beads), the
quality findings (``x-qa``), sanitising, status and score all come from the
documents, read once each, whatever order the hits are in; a hit whose bead
changed since the search is written as the TEI has it now, or left out and
named when the bead is gone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from align.formats.export import ExportOptions
from align.formats.hits import export_hits
from align.formats.tmx_reader import import_tmx
from align.formats.tmx_writer import export_tmx
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.results import Results
from corpus.storage.store import Corpus
from tests.helpers import beads_of, make_doc, shared_path

#: What ``kopir export tmx DOC… --include-unconfirmed --force`` takes: the hits' equal.
EVERY_PAIR = ExportOptions(include_unconfirmed=True, force=True)

# Every bead holds «сөз», so the query ``сөз*`` hits each one: 1-1, 2-1, 1-2, 3-1, 1-0.
SHAPES = [
    ("Бірінші сөз.", "The first word."),
    (["Екінші сөз.", "Үшінші сөйлем, ұзынырақ."], "The second word, and a longer third."),
    ("Төртінші сөз.", ["The fourth word.", "It has two English sentences."]),
    (["Бес сөз.", "Алты.", "Жеті: «үш»."], "Five words, six and seven (three)."),
    ("Аудармасы жоқ сөз.", ""),  # 1-0: no pair, left out
    ("Соңғы сөз.", "The last word."),
]


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(shared_path("schemas", "tmx14.dtd")))


def search(corpus: Corpus, query: Query, sort: str = "doc") -> Results:
    with QueryEngine(corpus) as engine:
        return engine.search(query, None, 0, sort)


def units_of(path: Path, dtd: etree.DTD | None = None) -> dict[str, bytes]:
    """Each ``<tu>`` of a TMX as written, by tuid (checked against the DTD when given)."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    if dtd is not None:
        assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return {tu.get("tuid"): etree.tostring(tu, with_tail=False) for tu in tree.iter("tu")}


def shapes_corpus(root: Path) -> Corpus:
    corpus = Corpus(root)
    statuses = ["confirmed", "auto", "confirmed", "auto", "auto", "confirmed"]
    corpus.save(make_doc("shapes", SHAPES, statuses=statuses))
    corpus.save(make_doc("other", [("Басқа сөз жоқ.", "No other word.")]))
    return corpus


def test_hits_of_every_bead_shape_import_back_as_the_same_beads(
    tmp_path: Path, tmx_dtd: etree.DTD
) -> None:
    corpus = shapes_corpus(tmp_path / "src")
    results = search(corpus, Query(kk="сөз*", docs=("shapes",)))
    assert len(results.hits) == len(SHAPES)
    out = tmp_path / "hits.tmx"
    report = export_hits(corpus, results, out)
    assert (report.written, report.left_out, report.stale) == (5, 1, [])
    tree = etree.parse(str(out))
    assert tmx_dtd.validate(tree), tmx_dtd.error_log.filter_from_errors()
    lengths = [p.text for p in tree.iterfind("body/tu/tuv/prop[@type='x-sentence-lengths']")]
    assert lengths == ["11 24", "16 29", "8 5 11"]

    back = Corpus(tmp_path / "dst")
    imported = import_tmx(back, out)
    assert imported.split_sides == 3 and not imported.boundary_problems
    pairs = [bead for bead in beads_of(corpus, "shapes") if bead[0] and bead[1]]
    assert beads_of(back, "hits") == pairs  # 1-1, 2-1, 1-2, 3-1, 1-1: the same sentences
    statuses = [tu.find("prop[@type='x-status']").text for tu in tree.iter("tu")]
    assert statuses == ["confirmed", "auto", "confirmed", "auto", "confirmed"]


@pytest.mark.parametrize("sort", ["doc", "right"])
def test_each_hit_is_the_unit_kopir_export_tmx_writes_for_its_bead(
    seed_corpus: Path, tmp_path: Path, tmx_dtd: etree.DTD, sort: str
) -> None:
    """The seed corpus, as the new user found it: 'Қазақстан*' hits 2-1 and 1-2 beads."""
    corpus = Corpus(seed_corpus)
    results = search(corpus, Query(text="Қазақстан*"), sort)
    shapes = Counter(f"{len(h.kk_ids)}-{len(h.en_ids)}" for h in results.hits)
    assert shapes["2-1"] and shapes["1-2"]
    out = tmp_path / "hits.tmx"
    report = export_hits(corpus, results, out)
    hits = units_of(out, tmx_dtd)
    assert list(hits) == [
        f"{h.doc}:{'+'.join(h.kk_ids)}:{'+'.join(h.en_ids)}" for h in results.hits
    ]

    docs = sorted({h.doc for h in results.hits})
    exported = export_tmx(corpus, docs, tmp_path / "all.tmx", EVERY_PAIR)
    every = units_of(tmp_path / "all.tmx")
    assert {tuid: every[tuid] for tuid in hits} == hits  # byte for byte, x-qa included
    assert sum(b"x-sentence-lengths" in tu for tu in hits.values()) == sum(
        n for shape, n in shapes.items() if shape != "1-1"
    )
    qa = Counter(label for tu in hits.values() for label in _qa(tu))
    assert qa["info:unconfirmed"] == len(hits)  # the seeds are the aligner's proposals
    assert set(qa) - {"info:unconfirmed"}  # and some carry what the checks found
    changes = sorted(c.describe() for c in exported.changes if c.tuid in hits)
    assert sorted(c.describe() for c in report.changes) == changes

    back = Corpus(tmp_path / "back")
    import_tmx(back, out)
    kinds = Counter(f"{len(k)}-{len(e)}" for k, e in beads_of(back, "hits"))
    assert kinds == shapes  # 2-1 and 1-2 beads survive the round trip


def _qa(tu: bytes) -> list[str]:
    (prop,) = etree.fromstring(tu).iterfind("prop[@type='x-qa']")
    return prop.text.split()


def test_sanitising_sees_the_corpus_text_not_the_index_text(tmp_path: Path) -> None:
    """The index holds control characters as spaces; the TMX is made from the TEI, so
    each one is sanitised and reported as ``kopir export tmx`` does."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("d", [("Сөз\x7fбар.", "A word.")]))
    report = export_hits(corpus, search(corpus, Query(kk="сөз")), tmp_path / "hits.tmx")
    assert [c.describe() for c in report.changes] == [
        c.describe() for c in export_tmx(corpus, None, tmp_path / "all.tmx", EVERY_PAIR).changes
    ]
    assert len(report.changes) == 1 and "U+007F" in report.warnings()[0]
    assert report.errors == 1  # illegal-characters: what the translator should fix


def test_units_with_errors_are_written_flagged_and_counted(tmp_path: Path) -> None:
    """A hits export does not refuse what the checks call errors, as ``kopir export tmx``
    does: the units carry them in ``x-qa`` and the summary says how many."""
    corpus = shapes_corpus(tmp_path / "c")
    (corpus.root / "kopir.toml").write_text("[checks.segment-too-long]\nmax-chars = 20\n")
    out = tmp_path / "hits.tmx"
    report = export_hits(corpus, search(corpus, Query(kk="сөз*", docs=("shapes",))), out)
    flagged = [t for t, tu in units_of(out).items() if "error:segment-too-long" in _qa(tu)]
    assert flagged == [
        "shapes:kk.s2+kk.s3:en.s2",
        "shapes:kk.s4:en.s3+en.s4",
        "shapes:kk.s5+kk.s6+kk.s7:en.s5",
    ]  # the sides of two or three sentences are over 20 characters
    assert report.errors == 3
    assert report.summary().startswith(
        f"wrote 5 units to {out} (3 with quality-check errors: see their x-qa); left out 1"
    )


@pytest.mark.parametrize("sort", ["doc", "right"])
def test_each_document_is_read_once_whatever_the_order_of_the_hits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    """Sorted by context, the hits of three documents interleave; each document is still
    parsed once, and with no memory budget at all twice (checks, then writing), never
    once per hit. The file is the same either way."""
    import align.formats.unit_reader

    corpus = Corpus(tmp_path / "c")
    words = ["алма", "бидай", "жүзім", "қауын"]
    for doc in "abc":
        corpus.save(make_doc(doc, [(f"Сөз {w} {doc}.", f"Word {w} {doc}.") for w in words]))
    corpus.save(make_doc("z", [("Мұнда іздеген жоқ.", "Nothing searched for here.")]))
    results = search(corpus, Query(kk="сөз"), sort)
    assert len(results.hits) == 12
    if sort == "right":
        assert [h.doc for h in results.hits[:3]] == ["a", "b", "c"]  # interleaved
    loads: list[str] = []
    load = corpus.load
    monkeypatch.setattr(corpus, "load", lambda doc_id: loads.append(doc_id) or load(doc_id))

    export_hits(corpus, results, tmp_path / "once.tmx")
    assert sorted(loads) == ["a", "b", "c"]
    loads.clear()
    monkeypatch.setattr(align.formats.unit_reader, "KEEP_UNITS", 0)
    export_hits(corpus, results, tmp_path / "twice.tmx")
    assert sorted(loads) == ["a", "a", "b", "b", "c", "c"]
    once, twice = units_of(tmp_path / "once.tmx"), units_of(tmp_path / "twice.tmx")
    assert list(once.items()) == list(twice.items())
    assert list(once) == [f"{h.doc}:{h.kk_ids[0]}:{h.en_ids[0]}" for h in results.hits]


def test_a_document_edited_since_the_search(tmp_path: Path) -> None:
    """The TEI is the truth. A hit whose bead is still there (its sentence ids) is written
    as the document has it now, wherever the bead moved; a hit whose bead is gone, or
    whose document is, is left out and named, so the translator can search again."""
    corpus = shapes_corpus(tmp_path / "c")
    results = search(corpus, Query(kk="сөз*"))
    assert len(results.hits) == len(SHAPES) + 1
    # Since the search: the first two beads merged (the 1-1 bead's hit is gone, and every
    # later bead moved up one), the last bead's English edited, "other" removed.
    merged = [
        (["Бірінші сөз.", "Екінші сөз.", "Үшінші сөйлем, ұзынырақ."], ["The first word.",
         "The second word, and a longer third."]),
        *SHAPES[2:5],
        ("Соңғы сөз.", "The very last word, edited."),
    ]  # fmt: skip
    corpus.save(make_doc("shapes", merged, statuses=["confirmed"] * 5))
    corpus.path("other").unlink()

    out = tmp_path / "hits.tmx"
    report = export_hits(corpus, results, out)
    assert report.stale == ["other:kk.s1:en.s1", "shapes:kk.s1:en.s1", "shapes:kk.s2+kk.s3:en.s2"]
    assert (report.written, report.left_out) == (3, 1)
    assert report.summary() == (
        f"wrote 3 units to {out}; left out 1 hit with no aligned counterpart; left out 3 hits "
        "whose bead has changed since the search (search again to export them): "
        "other:kk.s1:en.s1, shapes:kk.s1:en.s1, shapes:kk.s2+kk.s3:en.s2"
    )
    written = units_of(out)
    assert written == {t: tu for t, tu in units_of(_export_all(corpus, tmp_path)).items()
                       if t in written}  # fmt: skip
    last = etree.fromstring(written["shapes:kk.s9:en.s6"])
    assert [seg.text for seg in last.iter("seg")] == ["Соңғы сөз.", "The very last word, edited."]
    assert last.find("prop[@type='x-status']").text == "confirmed"  # as it is now


def _export_all(corpus: Corpus, folder: Path) -> Path:
    out = folder / "all.tmx"
    export_tmx(corpus, None, out, EVERY_PAIR)
    return out
