"""The alignment model: beads and their check, conversions (TEI links, index beads,
vecalign lines) and queries, exact results and lossless storage.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.model import Alignment, AlignmentError, Bead, parse_vecalign
from corpus.errors import KopirError
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.tei import from_bytes, to_bytes
from tests.strategies import alignments, kinds, make


def document(al: Alignment) -> Document:
    def side(lang: str, ids: tuple[str, ...]) -> Side:
        sentences = [Sentence.plain(sid, f"Sentence {sid}.") for sid in ids]
        return Side(lang, [Block(BlockKind.P, sentences)] if sentences else [])

    return Document("doc", Metadata(title="t"), side("kk", al.kk), side("en", al.en), al.to_links())


def test_bead_kind_and_validation() -> None:
    assert Bead(("kk.s1",), ("en.s1", "en.s2")).kind == "1-2"
    assert Bead((), ("en.s1",)).kind == "0-1"
    with pytest.raises(AlignmentError, match="a bead needs at least one sentence"):
        Bead((), ())
    with pytest.raises(AlignmentError, match="unknown bead status 'checked'"):
        Bead(("kk.s1",), (), "checked")  # type: ignore[arg-type]
    with pytest.raises(AlignmentError, match="not a finite number"):
        Bead(("kk.s1",), (), "auto", float("nan"))


def test_alignment_error_is_a_kopir_error() -> None:
    assert issubclass(AlignmentError, KopirError)


def test_scores_keep_the_four_decimals_tei_stores() -> None:
    assert Bead(("kk.s1",), (), "auto", 0.87345678).score == 0.8735


@pytest.mark.parametrize(
    ("kk", "en", "beads", "message"),
    [
        (("a", "b"), (), [(("a",), ())], "Kazakh sentence b is in no bead"),
        (("a",), ("x",), [(("a",), ("x",)), (("a",), ())], "Kazakh sentence a is in bead 2 and"),
        (("a", "b"), (), [(("b",), ()), (("a",), ())], "Kazakh sentence a is missing or out of"),
        (("a",), ("x",), [(("a",), ("y",))], "bead 1 holds y, which is not a English"),
        (("a", "a"), (), [(("a",), ()), (("a",), ())], "Kazakh sentence a appears twice"),
        ((), ("x", "y"), [((), ("x", "y")), ((), ("y",))], "English sentence y is in bead 2"),
    ],
)
def test_check_explains_what_is_wrong(
    kk: tuple[str, ...], en: tuple[str, ...], beads: list, message: str
) -> None:
    with pytest.raises(AlignmentError, match=message):
        Alignment(kk, en, tuple(Bead(k, e) for k, e in beads))


def test_beads_of_any_size_are_accepted() -> None:
    assert kinds(make("4-0", "5-7", "0-1")) == ["4-0", "5-7", "0-1"]


def test_unaligned_puts_every_sentence_in_its_own_bead_kazakh_first() -> None:
    al = Alignment.unaligned(["k1", "k2"], ["e1"])
    assert al.beads == (Bead(("k1",), ()), Bead(("k2",), ()), Bead((), ("e1",)))
    assert Alignment.unaligned([], []).beads == ()


def test_document_links_become_beads_and_back() -> None:
    al = make("1-1", "1-2", "1-0", "0-1", confirmed=(0, 3))
    doc = document(al)
    assert Alignment.from_document(doc) == al
    assert doc.links[1] == Link(("kk.s2",), ("en.s2", "en.s3"), "auto", 0.51)
    back = from_bytes(to_bytes(doc), "doc.xml")
    assert Alignment.from_document(back) == al


def test_document_without_links_starts_unaligned() -> None:
    al = make("1-1", "1-1")
    doc = document(al)
    doc.links = []
    assert Alignment.from_document(doc) == Alignment.unaligned(al.kk, al.en)


def test_document_with_broken_links_names_the_document() -> None:
    doc = document(make("1-1", "1-1"))
    doc.links = doc.links[:1]
    with pytest.raises(AlignmentError, match=r"^doc: Kazakh sentence kk.s2 is in no bead$"):
        Alignment.from_document(doc)


def test_index_beads_give_positions() -> None:
    al = make("1-1", "2-1", "0-1", "1-0")
    assert al.index_beads() == (((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), ()))
    kk, en = al.kk[:3], al.en[:3]
    made = Alignment.from_index_beads(kk, en, [([0], [0], 0.9), ([1, 2], [1, 2], None)])
    assert made.beads[0] == Bead(("kk.s1",), ("en.s1",), "auto", 0.9)
    assert made.beads[1].kind == "2-2"


@pytest.mark.parametrize("position", [-1, 3])
def test_index_beads_outside_the_text_are_refused(position: int) -> None:
    with pytest.raises(AlignmentError, match=f"bead 2 points at Kazakh sentence index {position}"):
        Alignment.from_index_beads(("a", "b", "c"), (), [([0], [], None), ([position], [], None)])


def test_vecalign_lines() -> None:
    al = make("1-1", "2-1", "0-1")
    al = al.splice(2, 3, [replace(al.beads[2], score=None)])
    assert al.to_vecalign_lines() == ["[0]:[0]:0.500", "[1, 2]:[1]:0.510", "[]:[2]"]
    assert parse_vecalign("[0]:[0]:0.5\n\n  [1,2]:[1]:1e-3 \n[]:[2]\n") == [
        ((0,), (0,), 0.5),
        ((1, 2), (1,), 0.001),
        ((), (2,), None),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[0]:[0]:0.5\n[1]-[1]", "vecalign line 2: expected"),
        ("[0]:[a]", "vecalign line 1: expected"),
        ("[0]:[0]:", "vecalign line 1: expected"),
        ("[0, ]:[0]", "vecalign line 1: expected"),
        ("[-1]:[0]", "vecalign line 1: expected"),
        ("[]:[]:0.1", "vecalign line 1: a bead needs at least one sentence"),
        ("[0]:[0]:high", "vecalign line 1: score 'high' is not a number"),
        ("[0]:[0]:nan", "vecalign line 1: score 'nan' is not a number"),
    ],
)
def test_malformed_vecalign_is_refused(text: str, message: str) -> None:
    with pytest.raises(AlignmentError, match=message):
        parse_vecalign(text)


def test_bead_of_a_sentence_and_confirmed_fraction() -> None:
    al = make("1-1", "2-1", "0-1", "1-0", confirmed=(1,))
    assert al.bead_of_kk("kk.s3") == 1
    assert al.bead_of_en("en.s3") == 2
    assert al.bead_of_kk("kk.s4") == 3
    assert al.confirmed_fraction() == 0.25
    assert Alignment.unaligned([], []).confirmed_fraction() == 1.0
    with pytest.raises(AlignmentError, match=r"there is no English sentence kk.s1"):
        al.bead_of_en("kk.s1")


@settings(max_examples=100, deadline=None)
@given(alignments())
def test_tei_round_trip_is_lossless(al: Alignment) -> None:
    data = to_bytes(document(al))
    assert Alignment.from_document(from_bytes(data, "doc.xml")) == al


@given(alignments())
def test_vecalign_and_index_round_trips(al: Alignment) -> None:
    as_aligner_gave = Alignment(
        al.kk,
        al.en,
        tuple(
            Bead(b.kk, b.en, "auto", None if b.score is None else round(b.score, 3))
            for b in al.beads
        ),
    )
    parsed = parse_vecalign("\n".join(al.to_vecalign_lines()))
    assert Alignment.from_index_beads(al.kk, al.en, parsed) == as_aligner_gave
    positions = [(k, e, b.score) for (k, e), b in zip(al.index_beads(), al.beads, strict=True)]
    all_auto = tuple(replace(b, status="auto") for b in al.beads)
    assert Alignment.from_index_beads(al.kk, al.en, positions) == Alignment(al.kk, al.en, all_auto)


@given(alignments())
def test_bead_of_finds_every_sentence(al: Alignment) -> None:
    for i, bead in enumerate(al.beads):
        assert all(al.bead_of_kk(s) == i for s in bead.kk)
        assert all(al.bead_of_en(s) == i for s in bead.en)


# Filtered alignments are slow to draw on a loaded machine: too_slow is a timing check.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_splice_checks_locally_what_the_full_check_would_find(data: st.DataObject) -> None:
    """A splice is valid exactly when the whole alignment would pass the full check."""
    al = data.draw(alignments().filter(lambda a: 0 < len(a.beads) <= 10))
    start = data.draw(st.integers(0, len(al.beads)))
    end = data.draw(st.integers(start, len(al.beads)))
    pool = st.sampled_from([*al.kk, "kk.s99"]) if al.kk else st.just("kk.s99")
    en_pool = st.sampled_from([*al.en, "en.s99"]) if al.en else st.just("en.s99")
    new = data.draw(
        st.lists(
            st.tuples(st.lists(pool, max_size=2), st.lists(en_pool, max_size=2))
            .filter(lambda sides: any(sides))
            .map(lambda sides: Bead(tuple(sides[0]), tuple(sides[1]))),
            max_size=3,
        )
    )
    spliced = al.beads[:start] + tuple(new) + al.beads[end:]
    try:
        expected: Alignment | None = Alignment(al.kk, al.en, spliced)
    except AlignmentError:
        expected = None
    if expected is None:
        with pytest.raises(AlignmentError):
            al.splice(start, end, new)
    else:
        assert al.splice(start, end, new) == expected
