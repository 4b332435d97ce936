"""Bead confidence as a calibrated probability that the bead is right.

The editor flags beads under the corpus's review cut (0.5 unless set: align.review), so a
confidence is only useful when it means what it says: of the beads scored 0.8, about eight
in ten should be right. Each proposed bead is described by a few numbers of evidence
(:func:`evidence`, then :func:`in_context` for what its neighbours say) and a logistic model
maps them to a probability. Its
coefficients (:data:`COEF`) are fitted on the development sets of real published
Kazakh/English pairs by ``python -m benchmarks.fit_calibration``, which prints them for
pasting here and judges them out of sample: leave one document out, and leave one *set*
out (fit on the other sets, score the one left out). The sets differ in outlets and years,
so the second is the figure that says what an unseen document gets.

Few numbers, on purpose. Each set left out in turn showed that the evidence the search
already weighs (shared features, length cost, framing lines, a neighbour's similarity)
adds nothing to the lattice's posterior out of set, and some of it (framing, similarity)
changed sign from one set to the next: it was fitting the documents it was judged on.
What is left is the posterior and its runner-up, the bead's size, what its *neighbours*
say (wrong beads come in stretches: one misplaced sentence shifts the beads next to it, so
the lower posterior of the two beads next to it counts too), and two numbers on what the
bead's sentences share, which the search weighs only in total over the bead:

* *explained* (:meth:`align.aligner.propose._Document.explained`): how much of its least
  explained sentence the other side explains. A 1-1 of two loosely related sentences, or a
  merge whose one member brings nothing of its own, can win on lengths and a shared name,
  and is then more often wrong than its posterior says. Of the paired beads of the
  development sets (main at 3312e21), those under 0.1 were right 40% of the time, those
  over 0.5 91%;
* *elsewhere* (:meth:`align.aligner.propose._Document.elsewhere`): how much of one of its
  sentences is shared with a sentence of the other side just outside the bead. A wrong
  bead often holds a sentence whose number or name is in the bead next door.

Both are 0 for a bead with an empty side. Each keeps its sign in every fold leaving one
set out and each lowered the log loss out of set. With the aligner of 3312e21 (77
development documents, 756 proposed beads, 151 wrong), leave one set out, log loss / AUC:
the six numbers of c3c7442 0.361 / 0.851, with explained and without lead 0.344 / 0.866,
with elsewhere too 0.337 / 0.870, AUC up on all four sets. With the aligner of 6f2c5ae
(760 beads, 142 wrong): the six of c3c7442 0.349 / 0.846, without elsewhere 0.335 /
0.858, with it 0.327 / 0.863 (explained +1.46 to +1.74 across the folds, elsewhere -1.05
to -1.58).

*Lead* (the bead is among the item's first two that pair sentences) is left out: its
coefficient changed sign with the set left out (+0.2 with old test 2 left out, -0.3 to
-0.7 otherwise) and the calibration did better without it. Tried and dropped for adding
nothing out of set: the coverage of the bead as a whole (about as good as
explained, no better together), the length residual under the document's fitted model, a
lone sentence's evidence or its likeness to the sentences nearby, posteriors at other
temperatures, agreement with the search under other weights, how loose the whole document
is (its fitted spread, its share of lone sentences), the bead's place in the document,
and *crossing* (a bead with an empty side next to one empty on the other side, as when a
sentence pair is split into a 1-0 and a 0-1): its coefficient kept its sign leaving each
of the six sets out, but from -0.30 (old test 2 left out: 7 of the 11 wrong such beads
are in it) to -1.33, and it left the pooled log loss and AUC out of set where they were
(0.3103 / 0.861) while losing on three sets of six (dev, held-out, old test).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from align.aligner.dynamic import BEAD_PRIORS

#: What each coefficient multiplies, in order.
FEATURES = ("bias", "size", "posterior", "runner-up", "explained", "elsewhere", "neighbours")
#: Fitted by benchmarks/fit_calibration.py (L2 = 1.0) on the development sets of real pairs
#: (nine since real_test7 joined them: 139 documents, 1345 proposed beads, 195 wrong), with
#: the aligner of d01ff5c (number words as features, 726d8b4; long quoted credits, 410748c).
COEF: tuple[float, ...] = (-0.306, -0.139, 0.357, -1.138, 2.276, -1.512, 0.286)
POSTERIOR_FLOOR = 1e-3  # below this a posterior says nothing more

Own = tuple[float, float, float, float, float, float]


def evidence(
    a: int,
    b: int,
    posterior: float = 1.0,
    runner_up: float = 0.0,
    explained: float = 1.0,
    elsewhere: float = 0.0,
) -> Own:
    """What a bead says about itself: a bias term, how rare its size is, how sure the
    search's lattice is of it and how much of it the other side explains.

    ``a`` and ``b`` are its sizes (a bead with an empty side counts as usual as a 1-1: its
    rarity is in the lattice already), ``posterior`` the bead's posterior probability
    (:mod:`align.aligner.posterior`) and ``runner_up`` the posterior of the likeliest other
    bead sharing a sentence with it, both taken as logs floored at POSTERIOR_FLOOR;
    ``explained`` the share of its least explained sentence's evidence that the other side
    shares (:meth:`align.aligner.propose._Document.explained`), and ``elsewhere`` the largest
    share any of its sentences has in common with a sentence of the other side just outside
    it (:meth:`align.aligner.propose._Document.elsewhere`); both 0 for a bead with an empty
    side (which explains nothing and is judged by the rest).
    """
    post = math.log(max(posterior, POSTERIOR_FLOOR))
    second = math.log(max(runner_up, POSTERIOR_FLOOR))
    size = 0.0
    if a and b:
        size = -math.log(BEAD_PRIORS.get((a, b), 0.005)) + math.log(BEAD_PRIORS[(1, 1)])
    paired = bool(a and b)
    return (1.0, size, post, second, explained * paired, elsewhere * paired)


def in_context(own: Sequence[Own | None]) -> list[tuple[float, ...] | None]:
    """Each bead's full evidence (:data:`FEATURES`), from every bead of the document in
    order: ``own[i]`` is bead i's :func:`evidence`, or None for a bead the aligner did not
    propose (a translator's confirmed bead, taken as sure). None stays None: such a bead
    gets no new confidence."""
    out: list[tuple[float, ...] | None] = []
    for i, x in enumerate(own):
        if x is not None:
            near = [own[j] for j in (i - 1, i + 1) if 0 <= j < len(own)]
            worst = min((n[2] if n is not None else 0.0 for n in near), default=0.0)
            out.append((*x, worst))
        else:
            out.append(None)
    return out


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
