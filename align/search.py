"""Banded dynamic programming over bead types: the aligner's search.

The best alignment minimises the summed cost of its beads. A full
Kazakh × English table grows with the product of the lengths, so only a band
around the diagonal is filled (row ``i`` keeps columns ``lo[i] … lo[i]+W-1``);
the band is widened and the search repeated when the best path touches its
edge, so a band that is too narrow never silently cuts an alignment short.

Everything per cell is precomputed with whole-array numpy operations; the loop
over rows does a handful of vector operations per bead type, so 5,000 × 5,000
sentences take well under a second. Deletions on the English side (0-1
beads) chain within a row; they are resolved with a running minimum instead
of a Python loop over columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from align.lengths import LengthModel

INF = np.float32(np.inf)
BLOCKED = 1e7

#: Bead sizes and their prior probabilities (Text+Berg, as measured by
#: Sennrich & Volk); the aligner proposes nothing larger than 3 on a side.
BEAD_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.74,
    (2, 1): 0.09,
    (1, 2): 0.07,
    (0, 1): 0.05,
    (2, 2): 0.013,
    (1, 0): 0.012,
    (3, 1): 0.011,
    (1, 3): 0.009,
}


@dataclass(frozen=True)
class Weights:
    """How the evidence is combined into a bead's cost (lower is better)."""

    similarity: float = 9.0  # reward for shared features, times sim in [0, 1]
    smoothing: float = 2.0  # added to the feature mass, so one shared feature is weak evidence
    paragraph: float = 2.0  # penalty when a bead ends a paragraph on one side only
    deletion_per_char: float = 0.02  # a long untranslated sentence is less likely than a short one


@dataclass(frozen=True)
class Problem:
    """Everything the search needs about one stretch of a document pair."""

    kk_len: np.ndarray  # characters per Kazakh sentence
    en_len: np.ndarray
    kk_mass: np.ndarray  # feature weight per sentence
    en_mass: np.ndarray
    kk_par_end: np.ndarray  # True where a sentence ends a paragraph
    en_par_end: np.ndarray
    overlap: Callable[[np.ndarray, int], np.ndarray]  # (lo, W) -> Q band of pair overlaps

    @property
    def n(self) -> int:
        return len(self.kk_len)

    @property
    def m(self) -> int:
        return len(self.en_len)


@dataclass(frozen=True)
class Path:
    beads: list[tuple[int, int, int, int]]  # (kk start, kk end, en start, en end)
    costs: list[float]
    sims: list[float]
    len_costs: list[float]


def search(problem: Problem, lengths: LengthModel, weights: Weights, band: int = 40) -> Path:
    """The lowest-cost bead sequence covering both sides, widening the band as needed."""
    n, m = problem.n, problem.m
    half = band + abs(n - m)
    while True:
        path, touched = _search_band(problem, lengths, weights, half)
        if not touched or half >= n + m:
            return path
        half *= 2


def _band(n: int, m: int, half: int) -> tuple[np.ndarray, int]:
    rows = np.arange(n + 1)
    centre = np.floor(rows * (m / n)).astype(np.int64) if n else np.zeros(1, np.int64)
    return centre - half, 2 * half + 1


def _search_band(
    problem: Problem, lengths: LengthModel, weights: Weights, half: int
) -> tuple[Path, bool]:
    n, m = problem.n, problem.m
    lo, width = _band(n, m, half)
    cols = lo[:, None] + np.arange(width)[None, :]  # j of every cell
    inside = (cols >= 0) & (cols <= m)

    pk = np.concatenate([[0.0], np.cumsum(problem.kk_len)])
    pe = np.concatenate([[0.0], np.cumsum(problem.en_len)])
    mk = np.concatenate([[0.0], np.cumsum(problem.kk_mass)])
    me = np.concatenate([[0.0], np.cumsum(problem.en_mass)])
    q_cum = np.cumsum(problem.overlap(lo, width), axis=1)
    kk_break = _breaks(problem.kk_par_end)
    en_break = _breaks(problem.en_par_end)
    use_paragraphs = problem.kk_par_end[:-1].any() and problem.en_par_end[:-1].any()

    costs: dict[tuple[int, int], np.ndarray] = {}
    for a, b in BEAD_PRIORS:
        costs[(a, b)] = _bead_costs(
            a, b, lo, cols, inside, pk, pe, mk, me, q_cum, kk_break, en_break,
            use_paragraphs, lengths, weights,
        ).astype(np.float32)  # fmt: skip

    table = np.full((n + 1, width), INF, dtype=np.float32)
    choice = np.full((n + 1, width), -1, dtype=np.int8)
    types = list(BEAD_PRIORS)
    start = -lo[0]
    table[0, start] = 0.0
    for i in range(n + 1):
        row, pick = table[i], choice[i]
        for t, (a, b) in enumerate(types):
            if a == 0 or a > i:
                continue
            shift = int(lo[i] - lo[i - a] - b)
            cand = _shifted(table[i - a], shift) + costs[(a, b)][i]
            better = cand < row
            row[better] = cand[better]
            pick[better] = t
        # 0-1 beads chain along the row: a running minimum resolves them at once.
        # Steps into cells outside the table cost BLOCKED rather than infinity,
        # so the running sums stay finite; such cells are never on a real path.
        step = np.minimum(costs[(0, 1)][i].astype(np.float64), BLOCKED)
        run = np.concatenate([[0.0], np.cumsum(step[1:])])
        best_before = np.minimum.accumulate(row - run) + run
        chained = np.concatenate([[np.inf], best_before[:-1] + step[1:]])
        chained[chained >= BLOCKED] = np.inf
        better = chained < row
        row[better] = chained[better]
        pick[better] = types.index((0, 1))

    end = m - lo[n]
    if not 0 <= end < width or not np.isfinite(table[n, end]):
        raise RuntimeError("alignment search found no path (band too narrow)")
    path, cells = _backtrace(choice, lo, types, n, end)
    touched = any(
        (jj == 0 and lo[i] > 0) or (jj == width - 1 and lo[i] + width - 1 < m) for i, jj in cells
    )
    return _describe(path, costs, lo, problem, lengths, weights, mk, me, q_cum), touched


def _breaks(par_end: np.ndarray) -> np.ndarray:
    """breaks[k] is True when a paragraph ends right before position k (k = 0 … len)."""
    out = np.zeros(len(par_end) + 1, dtype=bool)
    out[0] = True
    out[1:] = par_end
    if len(par_end):
        out[-1] = True
    return out


def _shifted(row: np.ndarray, shift: int) -> np.ndarray:
    """``row[jj + shift]`` for every jj, infinite where that falls outside the row."""
    width = len(row)
    out = np.full(width, INF, dtype=np.float32)
    if shift >= 0:
        if shift < width:
            out[: width - shift] = row[shift:]
    elif -shift < width:
        out[-shift:] = row[: width + shift]
    return out


def _bead_costs(
    a: int,
    b: int,
    lo: np.ndarray,
    cols: np.ndarray,
    inside: np.ndarray,
    pk: np.ndarray,
    pe: np.ndarray,
    mk: np.ndarray,
    me: np.ndarray,
    q_cum: np.ndarray,
    kk_break: np.ndarray,
    en_break: np.ndarray,
    use_paragraphs: bool,
    lengths: LengthModel,
    weights: Weights,
) -> np.ndarray:
    """The cost of a bead of ``a`` Kazakh and ``b`` English sentences ending at every cell."""
    n1 = cols.shape[0]
    rows = np.arange(n1)[:, None]
    valid = inside & (rows - a >= 0) & (cols - b >= 0)
    i_from = np.clip(rows - a, 0, n1 - 1)
    j = np.clip(cols, 0, len(pe) - 1)
    j_from = np.clip(cols - b, 0, len(pe) - 1)
    kk_len = pk[np.clip(rows, 0, n1 - 1)] - pk[i_from]
    en_len = pe[j] - pe[j_from]
    cost = np.full(cols.shape, -np.log(BEAD_PRIORS[(a, b)]))
    if a and b:
        cost = cost + lengths.cost(kk_len, en_len)
        ov = _overlap_sum(a, b, lo, cols, q_cum)
        mass = (mk[np.clip(rows, 0, n1 - 1)] - mk[i_from]) + (me[j] - me[j_from])
        cost = cost - weights.similarity * 2.0 * ov / (mass + weights.smoothing)
    else:
        cost = cost + weights.deletion_per_char * (kk_len + en_len)
    if use_paragraphs and a and b:
        ends_kk = kk_break[np.clip(rows, 0, n1 - 1)]
        ends_en = en_break[j]
        cost = cost + weights.paragraph * (ends_kk != ends_en)
    return np.where(valid, cost, np.inf)


def _overlap_sum(a: int, b: int, lo: np.ndarray, cols: np.ndarray, q_cum: np.ndarray) -> np.ndarray:
    """Summed pair overlaps of the a × b sentence pairs of the bead ending at every cell.

    ``q_cum[r, x]`` is the running sum along row r of the overlaps of Kazakh
    sentence r-1 with English sentences ``lo[r]-1 … lo[r]+x-1``.
    """
    n1 = cols.shape[0]
    total = np.zeros(cols.shape)
    for t in range(a):
        r = np.clip(np.arange(n1) - t, 0, n1 - 1)[:, None]
        x_end = cols - lo[r]
        total += _cum_at(q_cum, r, x_end) - _cum_at(q_cum, r, x_end - b)
    return total


def _cum_at(q_cum: np.ndarray, r: np.ndarray, x: np.ndarray) -> np.ndarray:
    width = q_cum.shape[1]
    value = q_cum[np.broadcast_to(r, x.shape), np.clip(x, 0, width - 1)]
    return np.where(x >= 0, value, 0.0)


def _backtrace(
    choice: np.ndarray, lo: np.ndarray, types: list[tuple[int, int]], n: int, end: int
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int]]]:
    beads, cells = [], []
    i, jj = n, end
    while i > 0 or lo[i] + jj > 0:
        cells.append((i, jj))
        t = int(choice[i, jj])
        if t < 0:
            raise RuntimeError("alignment backtrace lost its way")
        a, b = types[t]
        j = int(lo[i] + jj)
        beads.append((i - a, i, j - b, j))
        i -= a
        jj = j - b - int(lo[i])
    beads.reverse()
    return beads, cells


def _describe(
    beads: list[tuple[int, int, int, int]],
    costs: dict[tuple[int, int], np.ndarray],
    lo: np.ndarray,
    problem: Problem,
    lengths: LengthModel,
    weights: Weights,
    mk: np.ndarray,
    me: np.ndarray,
    q_cum: np.ndarray,
) -> Path:
    """Per-bead cost, similarity and length cost along the chosen path, for confidences."""
    bead_costs, sims, len_costs = [], [], []
    for k0, k1, e0, e1 in beads:
        a, b = k1 - k0, e1 - e0
        jj = e1 - int(lo[k1])
        bead_costs.append(float(costs[(a, b)][k1, jj]))
        if a and b:
            ov = _pair_overlap(a, b, k1, e1, lo, q_cum)
            mass = (mk[k1] - mk[k0]) + (me[e1] - me[e0])
            sims.append(2.0 * ov / (mass + weights.smoothing))
            kl = float(problem.kk_len[k0:k1].sum())
            el = float(problem.en_len[e0:e1].sum())
            len_costs.append(float(lengths.cost(np.array(kl), np.array(el))))
        else:
            sims.append(0.0)
            len_costs.append(0.0)
    return Path(beads, bead_costs, sims, len_costs)


def _pair_overlap(a: int, b: int, k1: int, e1: int, lo: np.ndarray, q_cum: np.ndarray) -> float:
    width = q_cum.shape[1]
    total = 0.0
    for t in range(a):
        r = k1 - t
        x = e1 - int(lo[r])
        hi = q_cum[r, min(x, width - 1)] if x >= 0 else 0.0
        low = q_cum[r, min(x - b, width - 1)] if x - b >= 0 else 0.0
        total += float(hi - low)
    return total
