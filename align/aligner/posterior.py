"""How sure the search is of each bead it chose: posteriors over the bead lattice.

The best path says nothing about how close the runner-up came. A bead's *posterior* does:
take ``exp(-cost / TEMPERATURE)`` as the weight of a path; the posterior of a bead is the
weight of all the paths through it over the weight of all paths (forward–backward, in the
log domain). A bead the evidence pins down keeps nearly all the mass; a 1-1 next to a
sentence that could as well join it (a 2-1 split into 1-1 + 1-0), a lone sentence that
shares names with its neighbour's counterpart, a framing line that could shift the beads
around it — each leaves mass on the alternatives, and its posterior drops. The confidence
(:mod:`align.aligner.calibrate`) is calibrated on it among the other evidence.

The lattice is the search's own band and bead costs (:class:`align.aligner.dynamic.Lattice`),
so the pass costs no new evidence. Within a row 0-1 beads chain; as in the search they are
resolved for the whole row at once, here with a running log-sum-exp instead of a running
minimum.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from align.aligner.dynamic import (
    BLOCKED,
    CHUNK,
    DELETE_EN,
    MAX_KK,
    TYPES,
    Lattice,
    Problem,
    Weights,
    _Search,
)
from align.aligner.lengths import LengthModel

#: Costs are divided by this before exponentiation. The search's costs add
#: log-probabilities and rewards on no common scale; a softer lattice spreads the mass over
#: the near-misses that make a bead doubtful. (Chosen on the development set among 1, 2, 3,
#: 5 and 8 by the leave-one-document-out calibration.)
TEMPERATURE = 3.0
#: Columns on each side of the chosen path covered when the search kept no lattice.
HALF = 6
#: Beads less probable than this are nobody's runner-up (the confidence floors it here too).
NEGLIGIBLE = 1e-3
KEEP_KK = TYPES.index((1, 0))
#: The bead types that take a Kazakh sentence, and so link one row with another.
PAIRED = np.array([t for t, (a, _) in enumerate(TYPES) if a])
#: Kazakh and English sizes of each bead type, and the type of each size.
SIZES = np.array(TYPES).T
TYPE_OF = np.zeros((SIZES[0].max() + 1, SIZES[1].max() + 1), dtype=np.int64)
TYPE_OF[SIZES[0], SIZES[1]] = np.arange(len(TYPES))

Bead = tuple[int, int, int, int]


class Certainty(NamedTuple):
    """How sure the lattice is of one bead of the chosen path."""

    #: The probability that the alignment holds this bead. A bead is its sentences, as the
    #: editor and the gold see it: a sentence left alone is the same bead wherever it sits
    #: between the other side's sentences, so its posterior is summed over those places.
    posterior: float
    #: The largest posterior of another bead that shares a sentence with it: a sure bead
    #: has no close competitor, a doubtful one has (a 1-1 that could as well be a 2-1, a
    #: lone sentence that could as well be paired).
    runner_up: float


#: The certainty of a bead whose posterior was not computed (a first pass, a lone sentence
#: in a stretch with nothing on the other side).
UNSCORED = Certainty(1.0, 0.0)


def posteriors(
    problem: Problem,
    lengths: LengthModel,
    weights: Weights,
    beads: list[Bead],
    lattice: Lattice | None,
    temperature: float = TEMPERATURE,
) -> list[Certainty]:
    """The certainty of each bead (k0, k1, e0, e1) of a complete path.

    ``lattice`` is the search's; without one (a search too wide to keep its costs), the
    costs around the path are computed again.
    """
    lattice = _narrow(problem, lengths, weights, beads, lattice)
    n, m, lo = problem.n, problem.m, lattice.lo
    scores = -lattice.costs.astype(np.float64) / temperature
    # Steps that leave the table cost BLOCKED (finite), so running sums stay finite.
    step = np.maximum(scores[:, DELETE_EN, 1:], -BLOCKED)
    run = np.zeros((n + 1, scores.shape[2]))
    np.cumsum(step, axis=1, out=run[:, 1:])
    into = _links(lo, n, scores.shape[2], forward=True)
    alpha = _forward(lo, scores, run, n, into)
    beta = _backward(lo, scores, run, n, m)
    return _certainties(lo, _bead_mass(alpha, beta, scores, into, n, m - lo[n]), beads, m)


def _bead_mass(
    alpha: np.ndarray,
    beta: np.ndarray,
    scores: np.ndarray,
    into: tuple[np.ndarray, np.ndarray],
    n: int,
    end: int,
) -> np.ndarray:
    """mass[i, t, jj]: the posterior of the bead of type t ending in cell (i, lo[i] + jj)."""
    flat, penalty = into
    start = alpha.reshape(-1)[flat] + penalty  # where each bead starts
    start[:, DELETE_EN, 0] = -np.inf
    start[:, DELETE_EN, 1:] = alpha[:, :-1]  # a 0-1 bead starts one column back on its row
    log_p = start + scores + beta[:, None, :] - alpha[n, end]
    return np.exp(np.minimum(log_p, 0.0))


def _certainties(lo: np.ndarray, mass: np.ndarray, beads: list[Bead], m: int) -> list[Certainty]:
    """Each bead's posterior and runner-up from the posteriors of every bead in the band
    (``mass``, which is used up: the beads' own cells are cleared in it)."""
    width = mass.shape[2]
    # A sentence left alone, wherever it sits: Kazakh k ends row k + 1 in any column,
    # English e ends column e + 1 in any row.
    alone_kk = mass[1:, KEEP_KK].sum(axis=1)
    ends = lo[:, None] + np.arange(width)[None, :] - 1
    inside = (ends >= 0) & (ends < m)
    alone_en = np.bincount(ends[inside], mass[:, DELETE_EN][inside], minlength=m)
    mass[:, [DELETE_EN, KEEP_KK]] = 0.0  # counted above, wherever they sit
    k0, k1, e0, e1 = np.array(beads, dtype=np.int64).reshape(-1, 4).T
    both = (k1 > k0) & (e1 > e0)
    only_kk = (k1 > k0) & ~both
    only_en = (e1 > e0) & ~both
    own = np.zeros(len(beads))
    cell = (k1[both], TYPE_OF[k1 - k0, e1 - e0][both], (e1 - lo[k1])[both])
    own[both] = mass[cell]
    own[only_kk] = alone_kk[k0[only_kk]]
    own[only_en] = alone_en[e0[only_en]]
    mass[cell] = 0.0  # a bead is not its own runner-up
    best_kk, best_en = alone_kk.copy(), alone_en.copy()
    best_kk[k0[only_kk]] = 0.0
    best_en[e0[only_en]] = 0.0
    # Every other paired bead worth counting, spread over the sentences it holds.
    i, t, jj = np.nonzero(mass > NEGLIGIBLE)
    p = mass[i, t, jj]
    a, b = SIZES[0][t], SIZES[1][t]
    j = lo[i] + jj
    for o in range(MAX_KK):
        np.maximum.at(best_kk, (i - a + o)[o < a], p[o < a])
    for o in range(int(SIZES[1].max())):
        np.maximum.at(best_en, (j - b + o)[o < b], p[o < b])
    # The beads cover both sides in order, so each one's sentences run from its first
    # to the next bead's first on that side.
    rival = np.zeros(len(beads))
    has_kk, has_en = k1 > k0, e1 > e0
    if has_kk.any():
        rival[has_kk] = np.maximum.reduceat(best_kk, k0[has_kk])
    if has_en.any():
        rival[has_en] = np.maximum(rival[has_en], np.maximum.reduceat(best_en, e0[has_en]))
    return list(map(Certainty, np.minimum(own, 1.0).tolist(), np.minimum(rival, 1.0).tolist()))


def _narrow(
    problem: Problem,
    lengths: LengthModel,
    weights: Weights,
    beads: list[Bead],
    wide: Lattice | None,
) -> Lattice:
    """Bead costs on a band of HALF columns either side of the path (wider where the path
    runs along a row): far from the best path there is no mass worth counting, and a
    narrow band makes the passes cheap. Taken from the search's lattice, or computed."""
    n = problem.n
    enter = np.zeros(n + 1, dtype=np.int64)  # the path's first English position on a row
    span = np.zeros(n + 1, dtype=np.int64)  # how far along the row it runs
    for k0, k1, e0, e1 in beads:
        if k1 == k0:
            span[k0] = e1 - enter[k0]
        else:
            enter[k0 + 1 : k1] = e0  # rows inside a bead: from where it starts
            span[k0 + 1 : k1] = e1 - e0
            enter[k1] = e1
    lo = enter - HALF
    width = 2 * HALF + 1 + int(span.max())
    if wide is not None:
        cols = (lo - wide.lo)[:, None] + np.arange(width)[None, :]
        inside = (cols >= 0) & (cols < wide.costs.shape[2])
        taken = np.take_along_axis(
            wide.costs, np.clip(cols, 0, wide.costs.shape[2] - 1)[:, None, :], axis=2
        )
        return Lattice(lo, np.where(inside[:, None, :], taken, np.inf))
    search = _Search(problem, lengths, weights, HALF)
    search.width, search.lo = width, lo
    costs = [
        search._chunk_costs(r0, min(n + 1, r0 + CHUNK)).transpose(1, 0, 2)
        for r0 in range(0, n + 1, CHUNK)
    ]
    return Lattice(lo, np.concatenate(costs))


def _links(lo: np.ndarray, n: int, width: int, forward: bool) -> tuple[np.ndarray, np.ndarray]:
    """For every row and bead type, the row and the columns each cell links with, and a
    penalty (0 or -inf) for links that leave the table or the band.

    Forward, cell jj of row i continues cell ``jj + shift`` of row ``i - a``; backward, cell
    jj of row i leads to cell ``jj - shift`` of row ``i + a``.
    """
    a = np.array([t[0] for t in TYPES])
    b = np.array([t[1] for t in TYPES])
    i = np.arange(n + 1)[:, None]
    other = i - a if forward else i + a
    inside = (a > 0) & (other >= 0) & (other <= n)
    other = np.clip(other, 0, n)
    shift = lo[:, None] - lo[other] - b if forward else lo[:, None] - lo[other] + b
    cols = np.arange(width)[None, None, :] + shift[:, :, None]
    valid = inside[:, :, None] & (cols >= 0) & (cols < width)
    flat = other[:, :, None] * width + np.clip(cols, 0, width - 1)
    return flat, np.where(valid, 0.0, -np.inf)


def _forward(
    lo: np.ndarray,
    scores: np.ndarray,
    run: np.ndarray,
    n: int,
    links: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """alpha[i, jj]: log weight of all paths from the start to cell (i, lo[i] + jj)
    (``links``: the forward :func:`_links`).

    A row is a handful of cells, so the time goes into numpy calls, not arithmetic: the
    loop keeps ``alpha - run`` instead, which folds the 0-1 chain's running sums into
    arrays computed once for the whole band and leaves four calls a row.
    """
    flat, penalty = links
    flat = flat[:, PAIRED]  # 0-1 beads chain along the row instead
    into = (scores + penalty)[:, PAIRED]  # the bead ending in the cell, where it can
    into += run.reshape(-1)[flat] - run[:, None, :]
    shifted = np.full(run.shape, -np.inf)
    cells = shifted.reshape(-1)
    for i in range(n + 1):
        base = np.logaddexp.reduce(cells.take(flat[i]) + into[i], axis=0)
        if i == 0:
            base[-lo[0]] = -run[0, -lo[0]]  # the start
        # a[j] = logaddexp(base[j], a[j-1] + step[j]), for the whole row at once
        np.logaddexp.accumulate(base, out=shifted[i])
    return shifted + run


def _backward(lo: np.ndarray, scores: np.ndarray, run: np.ndarray, n: int, m: int) -> np.ndarray:
    """beta[i, jj]: log weight of all paths from cell (i, lo[i] + jj) to the end (kept as
    ``beta + run`` in the loop, as in :func:`_forward`)."""
    width = scores.shape[2]
    flat, penalty = _links(lo, n, width, forward=False)
    flat, penalty = flat[:, PAIRED], penalty[:, PAIRED]  # 0-1 beads chain along the row
    # the bead from each cell to the cell it leads to, scored where it ends
    types = PAIRED[None, :, None] * width + flat % width
    there = scores.reshape(n + 1, len(TYPES) * width)[flat // width, types] + penalty
    there += run[:, None, :] - run.reshape(-1)[flat]
    shifted = np.full(run.shape, -np.inf)
    cells = shifted.reshape(-1)
    for i in range(n, -1, -1):
        base = np.logaddexp.reduce(cells.take(flat[i]) + there[i], axis=0)
        if i == n:
            end = m - lo[n]
            base[end] = np.logaddexp(base[end], run[n, end])  # the end
        # b[j] = logaddexp(base[j], b[j+1] + step[j+1]), for the whole row at once
        np.logaddexp.accumulate(base[::-1], out=shifted[i, ::-1])
    return shifted - run
