"""Bead posteriors: forward–backward over the search's lattice, checked by enumeration."""

from __future__ import annotations

import math

import numpy as np
import pytest

from align.aligner.dynamic import TYPES, Problem, Weights, _Search, search
from align.aligner.lengths import LengthModel
from align.aligner.posterior import NEGLIGIBLE, posteriors


def _problem(kk_len: list[int], en_len: list[int]) -> Problem:
    """A problem with lengths only (no shared features), enough to exercise the lattice."""
    return Problem(
        kk_len=np.array(kk_len, dtype=np.float64),
        en_len=np.array(en_len, dtype=np.float64),
        kk_mass=np.zeros(len(kk_len)),
        en_mass=np.zeros(len(en_len)),
        kk_par_end=np.zeros(len(kk_len), dtype=bool),
        en_par_end=np.zeros(len(en_len), dtype=bool),
        overlap_rows=lambda first, lo, width: np.zeros((len(lo), width)),
        pair_overlap=lambda k0, k1, e0, e1: 0.0,
    )


Sentences = tuple[tuple[int, ...], tuple[int, ...]]


def _enumerated(problem: Problem, temperature: float) -> dict[Sentences, float]:
    """Every bead's posterior by summing over every path explicitly; a bead is its
    sentences, so a lone sentence is one bead wherever it sits."""
    n, m = problem.n, problem.m
    full = _Search(problem, LengthModel(), Weights(), n + m + 2)
    full.lo[:] = -full.half
    costs = full._chunk_costs(0, n + 1)

    def cost(k0: int, k1: int, e0: int, e1: int) -> float:
        t = TYPES.index((k1 - k0, e1 - e0))
        return float(costs[t, k1, e1 - full.lo[k1]])

    paths: list[tuple[float, list[tuple[int, int, int, int]]]] = []

    def walk(i: int, j: int, beads: list[tuple[int, int, int, int]], total: float) -> None:
        if i == n and j == m:
            paths.append((total, beads))
            return
        for a, b in TYPES:
            if i + a <= n and j + b <= m:
                bead = (i, i + a, j, j + b)
                walk(i + a, j + b, [*beads, bead], total + cost(*bead))

    walk(0, 0, [], 0.0)
    weights = [math.exp(-c / temperature) for c, _ in paths]
    z = sum(weights)
    out: dict[Sentences, float] = {}
    for w, (_, beads) in zip(weights, paths, strict=True):
        for bead in beads:
            out[_sentences(bead)] = out.get(_sentences(bead), 0.0) + w / z
    return out


def _sentences(bead: tuple[int, int, int, int]) -> Sentences:
    k0, k1, e0, e1 = bead
    return tuple(range(k0, k1)), tuple(range(e0, e1))


def _runner_up(expected: dict[Sentences, float], bead: Sentences) -> float:
    """The likeliest other bead that shares a sentence with ``bead``."""
    kk, en = set(bead[0]), set(bead[1])
    return max(
        (p for b, p in expected.items() if b != bead and (kk & set(b[0]) or en & set(b[1]))),
        default=0.0,
    )


@pytest.mark.parametrize(
    ("kk_len", "en_len"),
    [
        ([40, 42, 90], [41, 44, 45, 40]),
        ([30, 120, 35, 50], [31, 60, 58]),
        ([5, 80], [78]),
        ([40, 300, 41], [42, 40]),  # a long Kazakh sentence nothing matches: 1-0
        ([60, 62], [61, 250, 20, 63]),  # English sentences nothing matches: 0-1
    ],
)
@pytest.mark.parametrize("keep", [True, False])
def test_posteriors_equal_the_sums_over_every_path(kk_len, en_len, keep) -> None:
    problem = _problem(kk_len, en_len)
    path = search(problem, LengthModel(), Weights(), keep=keep)
    assert (path.lattice is not None) == keep
    got = posteriors(problem, LengthModel(), Weights(), path.beads, path.lattice, temperature=2.0)
    expected = _enumerated(problem, temperature=2.0)
    for bead, sure in zip(map(_sentences, path.beads), got, strict=True):
        assert sure.posterior == pytest.approx(expected[bead], rel=1e-6, abs=1e-9)
        assert 0.0 < sure.posterior <= 1.0
        # Alternatives under NEGLIGIBLE are left out of the runner-up.
        assert sure.runner_up == pytest.approx(_runner_up(expected, bead), rel=1e-6, abs=NEGLIGIBLE)


def test_the_cases_hold_lone_sentences_to_sum_over_places() -> None:
    # The cases above test what they mean to: a 1-0 and a 0-1 on the best path.
    for kk_len, en_len, size in (
        ([40, 300, 41], [42, 40], (1, 0)),
        ([60, 62], [61, 250, 20, 63], (0, 1)),
    ):
        beads = search(_problem(kk_len, en_len), LengthModel(), Weights()).beads
        assert size in {(k1 - k0, e1 - e0) for k0, k1, e0, e1 in beads}


def test_a_clear_bead_is_surer_than_an_ambiguous_one() -> None:
    # 40 ~ 41 pairs plainly; 90 against 44 + 45 could as well be a 1-2 as a 1-1 + 0-1.
    problem = _problem([40, 90], [41, 44, 45])
    path = search(problem, LengthModel(), Weights(), keep=True)
    got = dict(zip(path.beads, posteriors(problem, LengthModel(), Weights(), path.beads,
                                           path.lattice), strict=True))  # fmt: skip
    clear, ambiguous = got[(0, 1, 0, 1)], got[(1, 2, 1, 3)]
    assert clear.posterior > ambiguous.posterior
