"""The alignment's edits (align/edit.py): each operation's exact result and its refusals,
and, for random alignments and random edits, the invariant kept and the input never
changed.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

import pytest
from hypothesis import given, settings
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
from align.model import Alignment, AlignmentError, Bead
from tests.strategies import SCORES, STATUSES, alignments, draw_beads, kinds, make


def applied(op: Operation, before: Alignment) -> Alignment:
    """``op`` applied: the result passes the full check and the input is left as it was."""
    snapshot = (before.kk, before.en, before.beads)
    after = op.apply(before)
    after.check()
    assert (before.kk, before.en, before.beads) == snapshot
    return after


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
        (ShiftUp(1, "en"), "^no bead after bead 2 has a sentence on the English side to move up$"),
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
    assert ShiftUp(0, "en").describe() == "move the next English sentence up into bead 1"


def test_shift_up_of_a_bead_s_only_sentence_removes_the_bead_and_undo_restores_it() -> None:
    al = make("1-1", "0-1", "1-1", confirmed=(1,))
    after = applied(ShiftUp(0, "en"), al)
    assert kinds(after) == ["1-2", "1-1"]
    assert after.beads[1] == al.beads[2]


def test_shift_up_pulls_the_next_sentence_past_beads_with_none_on_that_side() -> None:
    """A page copy's Kazakh headline and dateline as 1-0 beads, the English headline
    paired with a caption further down: K on the headline brought "bead 3 has no English
    sentence to move up", and fixing it took three merges and a split."""
    al = make("1-0", "1-0", "1-0", "1-1", "1-1", confirmed=(0, 4))
    after = applied(ShiftUp(0, "en"), al)
    assert after.beads == (
        Bead(("kk.s1",), ("en.s1",)),
        al.beads[1],
        al.beads[2],
        Bead(("kk.s4",), ()),
        al.beads[4],
    )
    assert [b.status for b in after.beads] == ["auto", "auto", "auto", "auto", "confirmed"]


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


MARKS = st.builds(Mark, STATUSES, SCORES)


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
            if any(later.side(side) for later in beads[i + 1 :]):
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
        return ReplaceRange(start, end, draw_beads(draw, kk, en))
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
                ReplaceRange(i, draw(_LOOSE_INDEX), draw_beads(draw, al.kk[:3], al.en[:2])),
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
