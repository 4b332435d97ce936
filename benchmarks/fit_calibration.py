"""Fit the bead-confidence calibration on the real published pairs and print it.

    .venv/bin/python -m benchmarks.fit_calibration

prints the coefficients for ``align.aligner.calibrate.COEF`` (fitted on every document
of ``benchmarks/data/real``) and the calibration they give leave-one-document-out.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.aligner.calibrate import FEATURES, confidence, fit
from align.aligner.propose import Aligner
from benchmarks.bench_align_real import Pair, calibration, print_calibration, real_pairs

L2 = 1.0


def labelled(pair: Pair, aligner: Aligner) -> tuple[list[tuple[float, ...]], list[bool]]:
    """Evidence and right/wrong of every bead the aligner proposes for one pair."""
    truth = set(pair.gold)
    xs, ys = [], []
    for bead, x in aligner.explain(pair.kk, pair.en):
        xs.append(x)
        ys.append((bead.kk, bead.en) in truth)
    return xs, ys


def leave_one_out(pairs: Sequence[Pair], l2: float = L2) -> list[tuple[float, bool]]:
    """(confidence, right?) of every bead, each document scored by a fit on the others."""
    aligner = Aligner()
    data = [labelled(p, aligner) for p in pairs]
    judged = []
    for i, (xs, ys) in enumerate(data):
        train_x = [x for j, (ox, _) in enumerate(data) if j != i for x in ox]
        train_y = [y for j, (_, oy) in enumerate(data) if j != i for y in oy]
        coef = fit(np.array(train_x), np.array(train_y), l2)
        judged += [(confidence(x, coef), y) for x, y in zip(xs, ys, strict=True)]
    return judged


def main() -> None:
    pairs = real_pairs()
    aligner = Aligner()
    xs, ys = [], []
    for pair in pairs:
        px, py = labelled(pair, aligner)
        xs += px
        ys += py
    coef = fit(np.array(xs), np.array(ys), L2)
    print(f"fitted on {len(ys)} beads of {len(pairs)} documents ({sum(ys)} right), L2 = {L2}:")
    for name, c in zip(FEATURES, coef, strict=True):
        print(f"  {name:<14} {c:+.3f}")
    print("COEF: tuple[float, ...] = (" + ", ".join(f"{c:.3f}" for c in coef) + ")")
    print()
    print_calibration("Leave-one-document-out:", calibration(leave_one_out(pairs)))


if __name__ == "__main__":
    main()
