"""The alignment model and its edits: invariants, exact results, lossless storage."""

from __future__ import annotations

import contextlib
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.edit import (
    Confirm,
    ConfirmUpTo,
    InsertEmpty,
    Mark,
    Merge,
    Operation,
    ReplaceRange,
    ShiftDown,
    ShiftUp,
    Split,
    Unconfirm,
)
from align.model import Alignment, AlignmentError, Bead, parse_vecalign
from corpus.errors import KopirError
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.tei import from_bytes, to_bytes

# ---------------------------------------------------------------- helpers


def _ids(lang: str, count: int) -> tuple[str, ...]:
    return tuple(f"{lang}.s{n}" for n in range(1, count + 1))


def make(*kinds: str, confirmed: tuple[int, ...] = ()) -> Alignment:
    """An alignment of beads of the given shapes ("1-1", "0-2", …) over fresh ids."""
    beads = []
    k = e = 0
    for i, kind in enumerate(kinds):
        a, b = map(int, kind.split("-"))
        status = "confirmed" if i in confirmed else "auto"
        kk = tuple(f"kk.s{n}" for n in range(k + 1, k + a + 1))
        en = tuple(f"en.s{n}" for n in range(e + 1, e + b + 1))
        beads.append(Bead(kk, en, status, 0.5 + i / 100))
        k, e = k + a, e + b
    return Alignment(_ids("kk", k), _ids("en", e), tuple(beads))


def kinds(al: Alignment) -> list[str]:
    return [b.kind for b in al.beads]


def document(al: Alignment) -> Document:
    def side(lang: str, ids: tuple[str, ...]) -> Side:
        sentences = [Sentence.plain(sid, f"Sentence {sid}.") for sid in ids]
        return Side(lang, [Block(BlockKind.P, sentences)] if sentences else [])

    return Document("doc", Metadata(title="t"), side("kk", al.kk), side("en", al.en), al.to_links())


def applied(op: Operation, before: Alignment) -> Alignment:
    """``op`` applied: the result passes the full check and the input is left as it was."""
    snapshot = (before.kk, before.en, before.beads)
    after = op.apply(before)
    after.check()
    assert (before.kk, before.en, before.beads) == snapshot
    return after


# ---------------------------------------------------------------- beads and checking


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


# ---------------------------------------------------------------- conversions


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


# ---------------------------------------------------------------- queries


def test_bead_of_a_sentence_and_confirmed_fraction() -> None:
    al = make("1-1", "2-1", "0-1", "1-0", confirmed=(1,))
    assert al.bead_of_kk("kk.s3") == 1
    assert al.bead_of_en("en.s3") == 2
    assert al.bead_of_kk("kk.s4") == 3
    assert al.confirmed_fraction() == 0.25
    assert Alignment.unaligned([], []).confirmed_fraction() == 1.0
    with pytest.raises(AlignmentError, match=r"there is no English sentence kk.s1"):
        al.bead_of_en("kk.s1")


# ---------------------------------------------------------------- operations


def test_merge_joins_two_beads_as_a_new_unscored_bead() -> None:
    al = make("1-1", "1-2", "1-0", confirmed=(1,))
    op = Merge(1)
    after = applied(op, al)
    assert kinds(after) == ["1-1", "2-2"]
    assert after.beads[1] == Bead(("kk.s2", "kk.s3"), ("en.s2", "en.s3"))
    assert op.describe() == "merge beads 2 and 3"


def test_split_cuts_a_bead_in_two() -> None:
    al = make("1-1", "2-2", confirmed=(1,))
    op = Split(1, 1, 0)
    after = applied(op, al)
    assert after.beads[1:] == (Bead(("kk.s2",), ()), Bead(("kk.s3",), ("en.s2", "en.s3")))
    assert op.describe() == "split bead 2"


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (Merge(2), "^there is no bead after the last one$"),
        (Merge(3), "^there is no bead 4: the alignment has 3 beads$"),
        (Merge(-1), "^there is no bead 0"),
        (Split(2, 1, 0), "^cannot split bead 3: a 1-0 bead has only one sentence$"),
        (Split(0, 0, 3), "^cannot split bead 1 after 3 English sentences: it has 2$"),
        (Split(0, -1, 1), "^cannot split bead 1 after -1 Kazakh sentences: it has 1$"),
        (Split(0, 1, 2), "^cannot split bead 1 there: both parts need a sentence$"),
        (Split(0, 0, 0), "^cannot split bead 1 there: both parts need a sentence$"),
        (ShiftUp(2, "en"), "^there is no bead after the last one$"),
        (ShiftUp(1, "en"), "^bead 3 has no English sentence to move up$"),
        (ShiftDown(2, "en"), "^bead 3 has no English sentence to move down$"),
        (ShiftDown(5, "kk"), "^there is no bead 6: the alignment has 3 beads$"),
        (InsertEmpty(2, "en"), "^bead 3 has no English sentences to move$"),
        (InsertEmpty(2, "kk"), "^the Kazakh sentences of bead 3 have no counterpart already$"),
        (Confirm(3), "^there is no bead 4"),
        (Unconfirm(-2), "^there is no bead -1"),
        (ConfirmUpTo(7), "^there is no bead 8"),
        (ReplaceRange(1, 1, ()), "^there are no beads to replace: the range is empty$"),
        (ReplaceRange(2, 4, ()), "^there is no bead 4: the alignment has 3 beads$"),
        (
            ReplaceRange(1, 3, (Bead(("kk.s2",), ("en.s3",)),)),
            "^the new beads do not hold the same Kazakh sentences as beads 2–3$",
        ),
        (
            ReplaceRange(0, 1, (Bead(("kk.s1",), ("en.s1",)),)),
            "^the new beads do not hold the same English sentences as bead 1$",
        ),
    ],
)
def test_operations_explain_why_they_cannot_apply(op: Operation, message: str) -> None:
    al = make("1-2", "1-1", "1-0")
    with pytest.raises(AlignmentError, match=message):
        op.apply(al)


def test_english_only_bead_cannot_lose_its_counterpart_again() -> None:
    with pytest.raises(AlignmentError, match="English sentences of bead 1 have no counterpart"):
        InsertEmpty(0, "en").apply(make("0-2"))


@pytest.mark.parametrize("cls", [ShiftUp, ShiftDown, InsertEmpty])
def test_side_must_be_kk_or_en(cls: type) -> None:
    with pytest.raises(AlignmentError, match="side must be 'kk' or 'en', not 'ru'"):
        cls(0, "ru")


def test_shift_up_moves_the_first_sentence_up() -> None:
    al = make("1-1", "1-2", confirmed=(0, 1))
    after = applied(ShiftUp(0, "en"), al)
    assert after.beads == (
        Bead(("kk.s1",), ("en.s1", "en.s2")),
        Bead(("kk.s2",), ("en.s3",)),
    )
    assert ShiftUp(0, "en").describe() == "move the first English sentence of bead 2 up into bead 1"


def test_shift_up_of_a_bead_s_only_sentence_removes_the_bead_and_undo_restores_it() -> None:
    al = make("1-1", "0-1", "1-1", confirmed=(1,))
    after = applied(ShiftUp(0, "en"), al)
    assert kinds(after) == ["1-2", "1-1"]
    assert after.beads[1] == al.beads[2]


def test_shift_down_moves_the_last_sentence_down() -> None:
    al = make("2-1", "1-1")
    after = applied(ShiftDown(0, "kk"), al)
    assert after.beads == (Bead(("kk.s1",), ("en.s1",)), Bead(("kk.s2", "kk.s3"), ("en.s2",)))
    assert ShiftDown(0, "kk").describe() == "move the last Kazakh sentence of bead 1 down"


def test_shift_down_of_the_last_bead_makes_a_new_bead() -> None:
    al = make("1-1", "1-2")
    after = applied(ShiftDown(1, "en"), al)
    assert kinds(after) == ["1-1", "1-1", "0-1"]
    assert after.beads[2] == Bead((), ("en.s3",))


def test_shift_down_of_a_bead_s_only_sentence_removes_the_bead() -> None:
    al = make("1-0", "1-1", confirmed=(0,))
    after = applied(ShiftDown(0, "kk"), al)
    assert after.beads == (Bead(("kk.s1", "kk.s2"), ("en.s1",)),)


@pytest.mark.parametrize(("side", "expected"), [("en", ["2-0", "0-3"]), ("kk", ["0-3", "2-0"])])
def test_insert_empty_gives_one_side_its_own_bead(side: str, expected: list[str]) -> None:
    al = make("1-1", "2-3", confirmed=(1,))
    op = InsertEmpty(1, side)  # type: ignore[arg-type]
    after = applied(op, al)
    assert kinds(after) == ["1-1", *expected]


def test_insert_empty_description() -> None:
    assert (
        InsertEmpty(3, "en").describe()
        == "give the English sentences of bead 4 an empty Kazakh counterpart"
    )


def test_confirm_unconfirm_and_confirm_up_to_set_statuses_and_keep_scores() -> None:
    al = make("1-1", "1-1", "1-1", "1-1", confirmed=(1,))
    after = applied(ConfirmUpTo(2), al)
    assert [b.status for b in after.beads] == ["confirmed"] * 3 + ["auto"]
    assert [b.score for b in after.beads] == [b.score for b in al.beads]
    assert applied(Confirm(0), al).beads[0].status == "confirmed"
    assert applied(Unconfirm(1), al).beads[1].status == "auto"
    assert ConfirmUpTo(2).describe() == "confirm beads 1–3"


def test_replace_range_realigns_a_stretch() -> None:
    al = make("1-0", "0-1", "1-0", "0-1", "1-1")
    new = (Bead(("kk.s1",), ("en.s1",), "auto", 0.9), Bead(("kk.s2",), ("en.s2",), "auto", 0.8))
    op = ReplaceRange(0, 4, new)
    after = applied(op, al)
    assert kinds(after) == ["1-1", "1-1", "1-1"]
    assert op.describe() == "re-align beads 1–4"


def test_operations_never_change_their_input() -> None:
    al = make("1-1", "1-2")
    snapshot = (al.kk, al.en, al.beads)
    Merge(0).apply(al)
    ShiftDown(1, "en").apply(al)
    assert (al.kk, al.en, al.beads) == snapshot


# ---------------------------------------------------------------- properties

STATUSES = st.sampled_from(["auto", "confirmed"])
SCORES = st.none() | st.floats(0, 1)
MARKS = st.builds(Mark, STATUSES, SCORES)


def _draw_beads(draw: st.DrawFn, kk: tuple[str, ...], en: tuple[str, ...]) -> tuple[Bead, ...]:
    """A random partition of both sequences into beads of up to three a side."""
    beads = []
    k = e = 0
    while k < len(kk) or e < len(en):
        a = draw(st.integers(0, min(3, len(kk) - k)))
        b = draw(st.integers(0, min(3, len(en) - e)))
        if a == b == 0:
            a, b = (1, 0) if k < len(kk) else (0, 1)
        beads.append(Bead(kk[k : k + a], en[e : e + b], draw(STATUSES), draw(SCORES)))
        k, e = k + a, e + b
    return tuple(beads)


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    kk = _ids("kk", draw(st.integers(0, 30)))
    en = _ids("en", draw(st.integers(0, 30)))
    return Alignment(kk, en, _draw_beads(draw, kk, en))


def _valid_ops(al: Alignment) -> dict[str, list[Operation]]:
    """Every applicable operation but re-aligning, by kind, marks left at their defaults."""
    ops: dict[str, list[Operation]] = {}
    beads = al.beads
    for i, bead in enumerate(beads):
        has_next = i + 1 < len(beads)
        ops.setdefault("status", []).extend([Confirm(i), Unconfirm(i), ConfirmUpTo(i)])
        if has_next:
            ops.setdefault("merge", []).append(Merge(i))
        for side in ("kk", "en"):
            if bead.side(side):
                ops.setdefault("down", []).append(ShiftDown(i, side))
            if has_next and beads[i + 1].side(side):
                ops.setdefault("up", []).append(ShiftUp(i, side))
            if bead.kk and bead.en:
                ops.setdefault("empty", []).append(InsertEmpty(i, side))
        ops.setdefault("split", []).extend(
            Split(i, a, b)
            for a in range(len(bead.kk) + 1)
            for b in range(len(bead.en) + 1)
            if (a, b) not in ((0, 0), (len(bead.kk), len(bead.en)))
        )
    return {kind: found for kind, found in ops.items() if found}


def _draw_op(draw: st.DrawFn, al: Alignment) -> Operation:
    ops = _valid_ops(al)
    kind = draw(st.sampled_from(sorted([*ops, "realign"])))
    if kind == "realign":
        start = draw(st.integers(0, len(al.beads) - 1))
        end = draw(st.integers(start + 1, len(al.beads)))
        old = al.beads[start:end]
        kk = tuple(sid for b in old for sid in b.kk)
        en = tuple(sid for b in old for sid in b.en)
        return ReplaceRange(start, end, _draw_beads(draw, kk, en))
    op = draw(st.sampled_from(ops[kind]))
    if isinstance(op, Merge):
        return replace(op, mark=draw(MARKS))
    if isinstance(op, Split):
        return replace(op, marks=(draw(MARKS), draw(MARKS)))
    return op


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_edits_keep_the_invariant(data: st.DataObject) -> None:
    al = data.draw(alignments())
    for _ in range(data.draw(st.integers(0, 20))):
        if not al.beads:
            break
        before = al
        al = applied(_draw_op(data.draw, before), before)
        for lang in ("kk", "en"):
            assert [s for b in al.beads for s in b.side(lang)] == list(before.ids(lang))


_LOOSE_INDEX = st.integers(-2, 12)


@st.composite
def _loose_ops(draw: st.DrawFn, al: Alignment) -> Operation:
    """Operations with arbitrary arguments, most of them not applicable."""
    i = draw(_LOOSE_INDEX)
    side = draw(st.sampled_from(["kk", "en"]))
    return draw(
        st.sampled_from(
            [
                Merge(i),
                Split(i, draw(st.integers(-1, 4)), draw(st.integers(-1, 4))),
                ShiftUp(i, side),
                ShiftDown(i, side),
                InsertEmpty(i, side),
                Confirm(i),
                Unconfirm(i),
                ConfirmUpTo(i),
                ReplaceRange(i, draw(_LOOSE_INDEX), _draw_beads(draw, al.kk[:3], al.en[:2])),
            ]
        )
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_arguments_give_a_valid_result_or_an_alignment_error(data: st.DataObject) -> None:
    al = data.draw(alignments().filter(lambda a: len(a.beads) <= 10))
    op = data.draw(_loose_ops(al))
    with contextlib.suppress(AlignmentError):
        applied(op, al)


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
