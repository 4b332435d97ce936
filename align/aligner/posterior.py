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

import numpy as np

from align.aligner.dynamic import (
    BLOCKED,
    CHUNK,
    DELETE_EN,
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

Bead = tuple[int, int, int, int]


def posteriors(
    problem: Problem,
    lengths: LengthModel,
    weights: Weights,
    beads: list[Bead],
    lattice: Lattice | None,
    temperature: float = TEMPERATURE,
) -> list[float]:
    """The posterior probability of each bead (k0, k1, e0, e1) of a complete path.

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
    alpha = _forward(lo, scores, run, n)
    beta = _backward(lo, scores, run, n, m)
    total = alpha[n, m - lo[n]]
    out = []
    for k0, k1, e0, e1 in beads:
        t = TYPES.index((k1 - k0, e1 - e0))
        end = e1 - lo[k1]
        log_p = alpha[k0, e0 - lo[k0]] + scores[k1, t, end] + beta[k1, end] - total
        out.append(float(np.exp(min(log_p, 0.0))))
    return out


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


def _forward(lo: np.ndarray, scores: np.ndarray, run: np.ndarray, n: int) -> np.ndarray:
    """alpha[i, jj]: log weight of all paths from the start to cell (i, lo[i] + jj)."""
    width = scores.shape[2]
    flat, penalty = _links(lo, n, width, forward=True)
    into = scores + penalty  # the bead ending in the cell, where it can
    alpha = np.full((n + 1, width), -np.inf)
    cells = alpha.reshape(-1)
    for i in range(n + 1):
        base = np.logaddexp.reduce(cells[flat[i]] + into[i], axis=0)
        if i == 0:
            base[-lo[0]] = 0.0  # the start
        # a[j] = logaddexp(base[j], a[j-1] + step[j]), for the whole row at once
        alpha[i] = np.logaddexp.accumulate(base - run[i]) + run[i]
    return alpha


def _backward(lo: np.ndarray, scores: np.ndarray, run: np.ndarray, n: int, m: int) -> np.ndarray:
    """beta[i, jj]: log weight of all paths from cell (i, lo[i] + jj) to the end."""
    width = scores.shape[2]
    flat, penalty = _links(lo, n, width, forward=False)
    rows = flat // width
    types = np.arange(len(TYPES))[:, None]
    beta = np.full((n + 1, width), -np.inf)
    cells = beta.reshape(-1)
    by_cell = scores.reshape(n + 1, len(TYPES) * width)
    for i in range(n, -1, -1):
        # the bead from this cell to the cell it leads to, scored where it ends
        there = by_cell[rows[i], types * width + flat[i] % width]
        base = np.logaddexp.reduce(cells[flat[i]] + there + penalty[i], axis=0)
        if i == n:
            base[m - lo[n]] = np.logaddexp(base[m - lo[n]], 0.0)  # the end
        # b[j] = logaddexp(base[j], b[j+1] + step[j+1]), for the whole row at once
        beta[i] = np.logaddexp.accumulate((base + run[i])[::-1])[::-1] - run[i]
    return beta
