"""Bead confidence as a calibrated probability that the bead is right.

The editor flags beads under 0.5 for review, so a confidence is only useful when it means
what it says: of the beads scored 0.8, about eight in ten should be right. Each proposed
bead is described by a few numbers of evidence (:func:`evidence`) and a logistic model maps
them to a probability. Its coefficients (:data:`COEF`) were fitted on the three development
sets of real published Kazakh/English pairs by ``python -m benchmarks.fit_calibration``,
which prints them for pasting here; it and the benchmark report the calibration
leave-one-document-out too, so the figure is not flattered by fitting and judging on the
same beads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from align.aligner.dynamic import BEAD_PRIORS

#: What each coefficient multiplies, in order.
FEATURES = (
    "bias",
    "empty",
    "empty framing",
    "similarity",
    "length cost",
    "size",
    "frame in",
    "rival",
    "posterior",
    "runner-up",
)
#: Fitted by benchmarks/fit_calibration.py (L2 = 1.0) on the three development sets of real
#: pairs (benchmarks/data/real, real_heldout, real_test: 40 documents, 416 beads).
COEF: tuple[float, ...] = (
    0.950,
    -0.174,
    1.059,
    0.080,
    -0.087,
    -0.354,
    0.919,
    -0.699,
    1.335,
    -1.181,
)
LENGTH_CAP = 10.0
POSTERIOR_FLOOR = 1e-3  # below this a posterior says nothing more


def evidence(
    a: int,
    b: int,
    sim: float,
    len_cost: float,
    framing: int,
    rival: float = 0.0,
    posterior: float = 1.0,
    runner_up: float = 0.0,
) -> tuple[float, ...]:
    """The numbers a bead's confidence is computed from.

    ``a`` and ``b`` are its sizes, ``sim`` its shared-feature similarity (0–1),
    ``len_cost`` its length cost, ``framing`` how many framing lines (datelines,
    bylines, headlines, "earlier it was reported") it holds, ``rival`` the best
    similarity of one of its sentences with a sentence next to the bead on the other side,
    ``posterior`` the bead's posterior probability in the search's lattice
    (:mod:`align.aligner.posterior`) and ``runner_up`` the posterior of the likeliest other
    bead sharing a sentence with it, both taken as logs floored at POSTERIOR_FLOOR.
    """
    post = math.log(max(posterior, POSTERIOR_FLOOR))
    second = math.log(max(runner_up, POSTERIOR_FLOOR))
    if not a or not b:
        return (1.0, 1.0, float(framing > 0), 0.0, 0.0, 0.0, 0.0, rival, post, second)
    size = -math.log(BEAD_PRIORS.get((a, b), 0.005)) + math.log(BEAD_PRIORS[(1, 1)])
    length = min(len_cost, LENGTH_CAP)
    return (1.0, 0.0, 0.0, sim, length, size, float(framing > 0), rival, post, second)


def confidence(x: Sequence[float], coef: Sequence[float] = COEF) -> float:
    z = sum(c * v for c, v in zip(coef, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method with an L2 penalty (the bias unpenalised).

    The development set is small (about a hundred beads), so the penalty keeps the
    coefficients modest rather than letting a few beads decide them.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w
