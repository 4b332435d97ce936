"""A bead of several sentences judged member by member.

The similarity of a bead (:mod:`align.aligner.dynamic`) is its shared feature weight over
the weight of the whole bead, as vecalign normalises by the concatenation. That judges the
bead as one block: a 2-1 whose second Kazakh sentence shares nothing with the English one
loses only a little similarity by the extra weight, and where the lengths favour the merge
(an English report that says in one sentence what the Kazakh says in two, plus a word of
thanks the English leaves out) it wins over the 1-1 + 1-0 of the gold. So, as Bleualign
keeps a merge only when the added sentence raises the score, each member of a 2-1, 1-2,
2-2, 3-1 or 1-3 must bring evidence of its own: a member sentence that shares no feature
with the other side of the bead costs ``Weights.silent`` times what silence is worth in
this document (:func:`silence_cost`), in full from SILENT_CHARS characters up and in
proportion below (a one-word line could hardly share anything). A 1-1 whose two sentences
share nothing costs as one silent member: otherwise the search, kept from merging a
sentence that has no counterpart, pairs it 1-1 with a neighbour's unrelated sentence
instead of leaving both alone, since a pairing that shares nothing cost no more than one
that shares a name and a date.

What silence is worth is measured on the document's first pass, because it depends on how
well the features cover the text: in news, whose names and numbers they catch, nearly every
real pair shares something; in short everyday sentences (Tatoeba) one real pair in eight
shares nothing, and a silent member says less.

Everything is computed from the band's cumulative overlap table, a chunk of cells at a
time, as the rest of the bead cost.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

#: A member's own shared weight below this is none.
SILENT_BELOW = 1e-6
#: A silent member costs in full from this many characters (without spaces) up.
SILENT_CHARS = 30.0
#: Share of real 1-1 pairs that share no feature, and of sentences set beside the English
#: sentence two places off, over the first passes of the 40 real development pairs (8 of
#: 164 and 138 of 263): the prior each document's own counts are blended with, worth
#: PRIOR_PAIRS pairs.
SILENT_TRUE, SILENT_FALSE, PRIOR_PAIRS = 0.05, 0.52, 20.0


def clip(x: np.ndarray, low: int, high: int) -> np.ndarray:
    """``np.clip`` through two ufuncs: the search clips small arrays hundreds of times, and
    ``np.clip``'s own checks cost more than the clipping."""
    return np.minimum(np.maximum(x, low), high)


def _at(table: np.ndarray, r: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``table[r, x]`` cell by cell, x clipped to the row (one flat ``take``)."""
    width = table.shape[1]
    return table.ravel().take(r * width + clip(x, 0, width - 1))


def cum_at(q_cum: np.ndarray, r: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``q_cum[r, x]`` cell by cell, 0 where x < 0 and the row's total where x is past it."""
    return _at(q_cum, r, x) * (x >= 0)


def cell(q: np.ndarray, r: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``q[r, x]`` cell by cell, 0 outside the band."""
    return _at(q, r, x) * ((x >= 0) & (x < q.shape[1]))


def length_share(lengths: np.ndarray) -> np.ndarray:
    """How much of a silent member's cost each sentence pays: its length over SILENT_CHARS,
    at most 1."""
    return np.minimum(np.asarray(lengths, dtype=np.float64) / SILENT_CHARS, 1.0)


def silence(own: np.ndarray, share: np.ndarray) -> np.ndarray:
    """How silent a member is: 0 when it shares anything with the other side of its bead
    (``own``, its shared weight), else its ``share`` (:func:`length_share`)."""
    return np.where(own < SILENT_BELOW, share, 0.0)


class Band(NamedTuple):
    """A chunk of the search's band: ``q[t, x]`` is the shared feature weight of Kazakh
    sentence ``first + t - 1`` and English sentence ``lo[first + t] + x - 1``, ``q_cum``
    its running sums along each row.

    ``kk_twice[t, x]`` is the part of that weight the Kazakh sentence shares with the
    Kazakh sentence before it too, ``kk_twice_cum`` its running sums, and ``en_twice[t, x]``
    the part the English sentence shares with the English sentence before it too: what a
    merge of the two would count twice (None: nothing, as for a search without them).
    ``memo`` keeps what :func:`bead_overlap` looked up for one bead type, for the next
    (None: look everything up afresh)."""

    q: np.ndarray
    q_cum: np.ndarray
    lo: np.ndarray
    first: int
    kk_twice: np.ndarray | None = None
    kk_twice_cum: np.ndarray | None = None
    en_twice: np.ndarray | None = None
    # Lookups already made in this chunk: every bead type reads the same cells again.
    memo: dict | None = None


def bead_overlap(
    band: Band,
    a: int,
    b: int,
    rows: np.ndarray,
    cols: np.ndarray,
    kk_share: np.ndarray,
    en_share: np.ndarray,
    judge: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """For a bead of ``a`` Kazakh and ``b`` English sentences (both at least 1) ending at
    each cell: its shared feature weight, and how many of its members are silent (each
    weighed by its :func:`length_share`; a 1-1 that shares nothing counts once; none
    unless asked to ``judge``).

    A member brings evidence of its own only where it shares something its neighbour in
    the bead does not share already (``band.kk_twice``, ``band.en_twice``): a lead
    sentence the English leaves out, whose only link to the English sentence is the
    president's name its neighbour has as well, is silent. (Taking such twice-shared
    weight off the bead's overlap too, as a concatenation would count it, cost 1.3
    points of pooled strict F1 on the development pairs: a real merge's members repeat
    names as often as a swallowed sentence does.)
    """
    n = len(kk_share)
    ov = np.zeros(cols.shape)
    silent = np.zeros(cols.shape)
    judge_kk = judge and a > 1
    own_kk = []
    own_en = [np.zeros(cols.shape) for _ in range(b)] if judge and b > 1 else []
    en_twice = band.en_twice is not None and own_en
    twice_en = [np.zeros(cols.shape) for _ in range(b - 1)] if en_twice else []
    twice_kk = []
    for t in range(a):
        look = _Lookup(band, rows, cols, n, t)
        own = look.cum("q_cum", 0) - look.cum("q_cum", b)
        ov += own
        own_kk.append(own)
        if judge_kk and band.kk_twice_cum is not None and t < a - 1:
            # Shared with the English side by this member and the one before it alike.
            twice_kk.append(look.cum("kk_twice_cum", 0) - look.cum("kk_twice_cum", b))
        for s, own_s in enumerate(own_en):
            own_s += look.cell("q", s)
        for s, twice_s in enumerate(twice_en):
            twice_s += look.cell("en_twice", s)
    if judge_kk:
        for t, own in enumerate(own_kk):
            new = own - _beside(twice_kk, t)
            silent += silence(new, kk_share.take(rows - 1 - t, mode="clip"))
    if judge:
        for s, own_s in enumerate(own_en):
            new = own_s - _beside(twice_en, s)
            silent += silence(new, en_share.take(cols - 1 - s, mode="clip"))
    if judge and a == 1 and b == 1:
        share = np.minimum(
            kk_share.take(rows - 1, mode="clip"), en_share.take(cols - 1, mode="clip")
        )
        silent = silence(ov, share)
    return ov, silent


class _Lookup:
    """Cells of the band's tables for the Kazakh member ``t`` places from the end of a bead
    ending at each cell (``rows``, ``cols``), kept in the band's memo when it has one."""

    def __init__(self, band: Band, rows: np.ndarray, cols: np.ndarray, n: int, t: int):
        self.band, self.t = band, t
        self.qr, self.x_end = self._kept(("row",), lambda: self._row(rows, cols, n))

    def _row(self, rows: np.ndarray, cols: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        r = clip(rows - self.t, self.band.first, n)  # rows of the Kazakh member
        return r - self.band.first, cols - self.band.lo[r]

    def _kept(self, key: tuple, compute: Callable):
        memo = self.band.memo
        if memo is None:
            return compute()
        key = (*key, self.t)
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def cum(self, table: str, back: int) -> np.ndarray:
        """The running sum of ``table`` along the member's row up to ``back`` columns
        before the bead's last English sentence."""
        cums = getattr(self.band, table)
        return self._kept((table, back), lambda: cum_at(cums, self.qr, self.x_end - back))

    def cell(self, table: str, back: int) -> np.ndarray:
        """``table``'s cell of the member and the English sentence ``back`` places before
        the bead's last."""
        values = getattr(self.band, table)
        return self._kept((table, back), lambda: cell(values, self.qr, self.x_end - back))


def _beside(twice: list[np.ndarray], t: int) -> np.ndarray | float:
    """What member ``t`` (counted from the bead's end) shares with the other side only
    as its neighbours in the bead do: ``twice[t]`` pairs it with the member before it,
    ``twice[t - 1]`` with the one after it."""
    out = 0.0
    if t < len(twice):
        out = out + twice[t]
    if 0 < t <= len(twice):
        out = out + twice[t - 1]
    return out


def silence_cost(
    pairs: Sequence[tuple[int, int]], m: int, similarity: Callable[[int, int], float]
) -> float:
    """What a silent member says against its bead in this document, in nats: the log of how
    much likelier a sentence is to share nothing with an English sentence it does not
    translate than with the one it does (0 when it is no likelier).

    ``pairs`` are the (Kazakh, English) body 1-1 beads of a first pass over the document
    (``m`` English sentences); each Kazakh sentence set beside the English sentence two
    places off stands for a pair that is not a translation. The counts are blended with the
    development set's (SILENT_TRUE, SILENT_FALSE), as a short news item has few pairs.
    """
    silent_true = sum(similarity(k, e) <= 0 for k, e in pairs)
    others = [(k, f) for k, e in pairs for f in (e - 2, e + 2) if 0 <= f < m]
    silent_false = sum(similarity(k, f) <= 0 for k, f in others)
    p_true = (silent_true + PRIOR_PAIRS * SILENT_TRUE) / (len(pairs) + PRIOR_PAIRS)
    p_false = (silent_false + PRIOR_PAIRS * SILENT_FALSE) / (len(others) + PRIOR_PAIRS)
    return max(0.0, math.log(p_false / p_true))
