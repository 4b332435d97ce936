"""``navigate.rank``: the "match k of n" of the editor's search."""

from __future__ import annotations

from align import navigate
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
