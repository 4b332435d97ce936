"""TMX round trips: what kopir exports it imports back as the same pairs, statuses,
scores and beads, every bead shape included, and every sentence boundary it writes
(``x-sentence-lengths``) it reads back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.formats.export import ExportOptions
from align.formats.sanitize import one_line, sanitize
from align.formats.tmx_reader import import_tmx
from align.formats.tmx_writer import export_tmx, write_tmx
from align.formats.units import Unit, all_units
from align.model import Alignment
from corpus.errors import CorpusError
from corpus.storage.store import Corpus
from tests.helpers import beads_of, make_doc, pairs_of, shared_path

ALL = ExportOptions(include_empty=True, include_unconfirmed=True)


def test_seed_export_imports_back_as_the_same_pairs_and_statuses(
    seed_corpus: Path, tmp_path: Path
) -> None:
    source = Corpus(seed_corpus)
    out = tmp_path / "seeds.tmx"
    export_tmx(source, None, out, ExportOptions(include_unconfirmed=True))
    # Three units a translator confirmed, the rest the aligner's proposals.
    out.write_text(
        out.read_text("utf-8").replace('"x-status">auto<', '"x-status">confirmed<', 3), "utf-8"
    )
    target = Corpus(tmp_path / "imported")
    report = import_tmx(target, out)
    assert report.doc_id == "seeds" and report.units == 316
    assert report.languages == {"kk-KZ", "en-US"}
    expected = [(u.kk, u.en) for i in source.ids() for u in all_units(source.load(i))]
    assert pairs_of(target, "seeds") == expected
    doc = target.load("seeds")  # a valid kopir TEI document: read back and checked
    alignment = Alignment.from_document(doc)
    sources = [beads_of(source, i) for i in source.ids()]
    assert beads_of(target, "seeds") == [bead for beads in sources for bead in beads]
    source_beads = [b for i in source.ids() for b in Alignment.from_document(source.load(i)).beads]
    kinds = [b.kind for b in source_beads]
    assert [b.kind for b in alignment.beads] == kinds and set(kinds) - {"1-1"}, "2-1 kept"
    assert report.split_sides == sum((len(b.kk) > 1) + (len(b.en) > 1) for b in source_beads)
    assert not report.boundary_problems
    statuses = [b.status for b in alignment.beads]
    assert statuses == ["confirmed"] * 3 + ["auto"] * 313, "proposals stay proposals"
    assert report.unconfirmed == 313
    scores = [b.score for b in alignment.beads]
    assert scores == [u.score for i in source.ids() for u in all_units(source.load(i))]


TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("ӘәҒғҚқҢңӨөҰұҮүҺһІіабвАБВabcXYZ 0123456789.,!?«»\"'<>&;:-–")),
        st.sampled_from(["]]>", "&amp;", "<b>", "\x00", "\x7f", "\u200b", "\n", "и\u0306"]),
        st.characters(),
    ),
    max_size=40,
).map("".join)


def _expected(text: str) -> str:
    clean = one_line(sanitize(text)[0])[0]
    return clean if clean.strip() else ""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=12))
def test_any_units_round_trip_through_tmx(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    units = [
        Unit("d", i, kk, en, (f"kk.s{i}",), (f"en.s{i}",), "confirmed", None)
        for i, (kk, en) in enumerate(pairs)
    ]
    out = tmp_path / "r.tmx"
    write_tmx(out, units)
    expected = [(_expected(k), _expected(e)) for k, e in pairs]
    expected = [p for p in expected if p != ("", "")]
    corpus = Corpus(tmp_path / "c")
    if not expected:
        with pytest.raises(CorpusError, match="no translation units"):
            import_tmx(corpus, out, "r", replace=True)
        return
    import_tmx(corpus, out, "r", replace=True)
    assert pairs_of(corpus, "r") == expected


SAFE = (
    st.text(
        alphabet=st.sampled_from(list("ӘәҒғҚқІіабвАБВabcXYZ 019.,!?«»\"'<>&-")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.lists(SAFE, max_size=3), st.lists(SAFE, max_size=3)).filter(
            lambda p: p[0] or p[1]
        ),
        min_size=1,
        max_size=8,
    )
)
def test_corpus_export_then_import_gives_the_same_sentences_in_the_same_beads(
    tmp_path: Path, beads: list[tuple[list[str], list[str]]]
) -> None:
    corpus = Corpus(tmp_path / "src")
    corpus.save(make_doc("doc", beads, statuses=["auto"] * len(beads)))
    out = tmp_path / "d.tmx"
    export_tmx(
        corpus, None, out, ExportOptions(include_empty=True, include_unconfirmed=True, force=True)
    )
    back = Corpus(tmp_path / "dst")
    report = import_tmx(back, out, "doc", replace=True)
    assert pairs_of(back, "doc") == pairs_of(corpus, "doc")
    assert beads_of(back, "doc") == [(tuple(k), tuple(e)) for k, e in beads]
    assert not report.boundary_problems


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(shared_path("schemas", "tmx14.dtd")))


SHAPES = [
    ("Бірінші сөйлем.", "The first sentence."),  # 1-1
    (["Екінші.", "Үшінші сөйлем, ұзынырақ."], "Second and third, longer."),  # 2-1
    ("Төртінші.", ["Fourth.", "It has two English sentences."]),  # 1-2
    ("Аудармасы жоқ сөйлем.", ""),  # 1-0
    ("", "A sentence with no Kazakh."),  # 0-1
    (["Бес.", "Алты.", "Жеті: «үш»."], "Five, six and seven (three)."),  # 3-1
    (["  Шеттері бос . ", "Т.б. сөйлем."], ["Edges. ", " Spaced  out."]),  # 2-2, spaces kept
]


def test_a_document_of_every_bead_shape_comes_back_with_the_same_sentences(
    tmp_path: Path, tmx_dtd: etree.DTD
) -> None:
    corpus = Corpus(tmp_path / "src")
    corpus.save(make_doc("shapes", SHAPES, statuses=["confirmed", "auto"] * 3 + ["confirmed"]))
    out = tmp_path / "shapes.tmx"
    export_tmx(corpus, None, out, ALL)
    tree = etree.parse(str(out), etree.XMLParser(resolve_entities=False, no_network=True))
    assert tmx_dtd.validate(tree), tmx_dtd.error_log.filter_from_errors()
    assert len(tree.findall("body/tu/tuv/prop[@type='x-sentence-lengths']")) == 5

    back = Corpus(tmp_path / "dst")
    report = import_tmx(back, out)
    before = Alignment.from_document(corpus.load("shapes")).beads
    after = Alignment.from_document(back.load("shapes")).beads
    assert [b.kind for b in after] == [b.kind for b in before] == [
        "1-1", "2-1", "1-2", "1-0", "0-1", "3-1", "2-2"
    ]  # fmt: skip
    assert beads_of(back, "shapes") == beads_of(corpus, "shapes")
    assert [(b.status, b.score) for b in after] == [(b.status, b.score) for b in before]
    assert report.split_sides == 5 and not report.boundary_problems
    assert "kept the sentences kopir recorded in 5 segments (x-sentence-lengths)" in (
        report.summary()
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(TEXT, min_size=2, max_size=3), min_size=1, max_size=6))
def test_whatever_the_sentences_hold_kopir_reads_every_boundary_it_writes(
    tmp_path: Path, sides: list[list[str]]
) -> None:
    units = [
        Unit(
            "d",
            i,
            " ".join(sentences),
            "English.",
            tuple(f"kk.s{i}.{j}" for j in range(len(sentences))),
            (f"en.s{i}",),
            kk_lengths=tuple(len(s) for s in sentences),
        )
        for i, sentences in enumerate(sides)
    ]
    out = tmp_path / "w.tmx"
    write_tmx(out, units)
    corpus = Corpus(tmp_path / "c")
    report = import_tmx(corpus, out, "w", replace=True)
    assert not report.boundary_problems
    for (kk, _), sentences in zip(beads_of(corpus, "w"), sides, strict=True):
        clean = [_expected_sentence(s) for s in sentences]
        if all(c.strip() for c in clean):  # each sentence still has text: all kept
            assert list(kk) == clean
        else:  # one that was only invisible characters: the side is one sentence
            whole = _expected(" ".join(sentences))
            assert list(kk) == ([whole] if whole else [])


def _expected_sentence(text: str) -> str:
    return one_line(sanitize(text)[0])[0]
