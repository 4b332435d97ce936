"""Fit the bead-confidence calibration on the real published pairs and print it.

    .venv/bin/python -m benchmarks.fit_calibration

prints the coefficients for ``align.aligner.calibrate.COEF``, fitted on every document of
every development set together (:data:`benchmarks.bench_align_real.DEVELOPMENT`; never
the gated test set), and the calibration they give: in sample, and leave
one document out (each document's beads scored by a fit on all the other documents), for
each set and pooled. The leave-one-document-out figures are the honest ones: a feature
that helps only in sample is fitting the documents it is judged on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from align.aligner.calibrate import FEATURES, confidence, fit
from align.aligner.propose import Aligner
from benchmarks.bench_align_real import Pair, calibration, development_sets, print_calibration

L2 = 1.0

Judged = list[tuple[float, bool]]
Labelled = tuple[list[tuple[float, ...]], list[bool]]


def labelled(pair: Pair, aligner: Aligner) -> Labelled:
    """Evidence and right/wrong of every bead the aligner proposes for one pair."""
    truth = set(pair.gold)
    xs, ys = [], []
    for bead, x in aligner.explain(pair.kk, pair.en):
        xs.append(x)
        ys.append((bead.kk, bead.en) in truth)
    return xs, ys


def _fit(data: Sequence[Labelled], l2: float) -> np.ndarray:
    return fit(
        np.array([x for xs, _ in data for x in xs]), np.array([y for _, ys in data for y in ys]), l2
    )


def leave_one_out(pairs: Sequence[Pair], l2: float = L2) -> list[Judged]:
    """(confidence, right?) of every bead, per document, each document scored by a fit on
    all the others."""
    aligner = Aligner()
    data = [labelled(p, aligner) for p in pairs]
    judged = []
    for i, (xs, ys) in enumerate(data):
        coef = _fit(data[:i] + data[i + 1 :], l2)
        judged.append([(confidence(x, coef), y) for x, y in zip(xs, ys, strict=True)])
    return judged


def by_set(sets: Mapping[str, Sequence[Pair]], judged: Sequence[Judged]) -> dict[str, Judged]:
    """Per-document judgements regrouped by set, plus every set pooled."""
    out: dict[str, Judged] = {}
    docs = iter(judged)
    for name, pairs in sets.items():
        out[name] = [j for _ in pairs for j in next(docs)]
    out["pooled"] = [j for js in judged for j in js]
    return out


def main() -> None:
    sets = development_sets()
    pairs = [p for ps in sets.values() for p in ps]
    aligner = Aligner()
    data = [labelled(p, aligner) for p in pairs]
    coef = _fit(data, L2)
    n_beads = sum(len(ys) for _, ys in data)
    n_right = sum(sum(ys) for _, ys in data)
    print(f"fitted on {n_beads} beads of {len(pairs)} documents ({n_right} right), L2 = {L2}:")
    for name, c in zip(FEATURES, coef, strict=True):
        print(f"  {name:<14} {c:+.3f}")
    print("COEF: tuple[float, ...] = (" + ", ".join(f"{c:.3f}" for c in coef) + ")")
    print()
    inside = [[(confidence(x, coef), y) for x, y in zip(xs, ys, strict=True)] for xs, ys in data]
    outside = leave_one_out(pairs)
    for name, judged in by_set(sets, inside).items():
        print_calibration(f"{name}, in sample:", calibration(judged))
    for name, judged in by_set(sets, outside).items():
        print_calibration(f"{name}, leave-one-document-out:", calibration(judged))


if __name__ == "__main__":
    main()
