"""``align.navigate`` for the editor: ``rank``, the "match k of n" of its search, and
``first_change``, where an undo or redo changed the alignment (the cursor goes there)."""

from __future__ import annotations

from dataclasses import replace

from align import navigate
from align.edit import Merge
from align.model import Alignment, Bead


def alignment(n: int) -> Alignment:
    kk = tuple(f"kk.s{i}" for i in range(n))
    en = tuple(f"en.s{i}" for i in range(n))
    return Alignment(kk, en, tuple(Bead((k,), (e,)) for k, e in zip(kk, en, strict=True)))


def test_rank_counts_the_wanted_beads_from_the_top() -> None:
    al = alignment(6)
    even = lambda i, _: i % 2 == 0  # noqa: E731
    assert [navigate.rank(al, i, even) for i in range(6)] == [
        (1, 3),
        (0, 3),
        (2, 3),
        (0, 3),
        (3, 3),
        (0, 3),
    ]
    assert navigate.rank(al, 0, lambda i, _: False) == (0, 0)


def test_the_first_bead_that_differs_is_the_change() -> None:
    before = alignment(6)
    confirmed = list(before.beads)
    confirmed[3] = replace(confirmed[3], status="confirmed")
    after = Alignment(before.kk, before.en, tuple(confirmed))
    assert navigate.first_change(before, after) == 3
    assert navigate.first_change(after, before) == 3


def test_a_merge_or_its_undo_is_found_at_the_merged_bead() -> None:
    before = alignment(6)
    merged = Merge(4).apply(before)
    assert len(merged.beads) == 5
    assert navigate.first_change(before, merged) == 4
    assert navigate.first_change(merged, before) == 4


def test_a_change_that_removes_the_last_bead_points_at_the_new_last() -> None:
    before = alignment(3)
    after = Merge(1).apply(before)  # beads 1 and 2 become one: the change is at 1
    assert navigate.first_change(before, after) == 1
    shorter = Alignment(before.kk[:2], before.en[:2], before.beads[:2])
    assert navigate.first_change(before, shorter) == 1


def test_no_change_is_none() -> None:
    assert navigate.first_change(alignment(4), alignment(4)) is None
