"""Fit the bead-confidence calibration on the real published pairs and print it.

    .venv/bin/python -m benchmarks.fit_calibration [--write-cuts]

prints the coefficients for ``align.aligner.calibrate.COEF``, fitted on every document of
every development set together (:data:`benchmarks.bench_align_real.DEVELOPMENT`; never
the gated test set), the coefficients each leave-one-set-out fold fits, and the
calibration they give: in sample, leave one document out (each document's beads scored by
a fit on all the other documents) and leave one set out (each set's beads scored by a fit
on the other sets), for each set and pooled, with the pooled log loss (the proper score
the features were chosen by: the weak shares and the AUC move in steps of one bead).

A coefficient whose sign changes with the set left out is fitting the sets it was judged
on ('lead' did, and is left out of the calibration for it): the fold table marks it.

The out-of-sample figures are the honest ones, and of the two the set left out is the
sterner: the documents of one set share outlets, years and whoever gathered them, so a
feature that helps only on documents like the ones it was fitted on passes leave one
document out and fails leave one set out (it did: AUC 0.90 leave-one-document-out, 0.79
on the next session's new set).

``--write-cuts`` also writes ``align/data/review_cuts.tsv``, the table ``kopir review-cut``
shows a translator choosing a review cut: for every cut from 0.00 to 1.00, how many wrong
beads leave one set out scores below it (found by reviewing them) and how many right ones
(reviewed for nothing), pooled over the development sets (:func:`cut_table`). Run it again
whenever the aligner or :data:`align.aligner.calibrate.COEF` changes.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from align.aligner.calibrate import FEATURES, confidence, fit
from align.aligner.propose import Aligner
from align.review import COLUMNS, FIGURES_FILE
from benchmarks.bench_align_real import (
    Pair,
    calibration,
    development_sets,
    print_calibration,
    print_tradeoff,
)

L2 = 1.0
#: The cuts the shipped table holds: every confidence a translator can type, to two decimals.
CUT_GRID = tuple(round(i / 100, 2) for i in range(101))
#: Where ``--write-cuts`` writes it: in the package, beside the lexicons.
CUTS_PATH = Path(__file__).resolve().parent.parent / "align" / "data" / FIGURES_FILE

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


def _judged(data: Sequence[Labelled], groups: Sequence[int], l2: float) -> list[Judged]:
    """(confidence, right?) of every bead, per document, each document scored by a fit on
    the documents of every other group (``groups[i]``: document i's group)."""
    coefs = {
        g: _fit([d for d, h in zip(data, groups, strict=True) if h != g], l2) for g in set(groups)
    }
    return [
        [(confidence(x, coefs[g]), y) for x, y in zip(xs, ys, strict=True)]
        for (xs, ys), g in zip(data, groups, strict=True)
    ]


def leave_one_out(pairs: Sequence[Pair], l2: float = L2) -> list[Judged]:
    """(confidence, right?) of every bead, per document, each document scored by a fit on
    all the others."""
    aligner = Aligner()
    return _judged([labelled(p, aligner) for p in pairs], range(len(pairs)), l2)


def leave_one_set_out(sets: Mapping[str, Sequence[Pair]], l2: float = L2) -> list[Judged]:
    """(confidence, right?) of every bead, per document in set order, each set's documents
    scored by a fit on the other sets."""
    aligner = Aligner()
    data = [labelled(p, aligner) for ps in sets.values() for p in ps]
    groups = [n for n, ps in enumerate(sets.values()) for _ in ps]
    return _judged(data, groups, l2)


def fold_coefficients(sets: Mapping[str, Sequence[Pair]], l2: float = L2) -> dict[str, np.ndarray]:
    """The coefficients fitted without each set, by the set left out."""
    aligner = Aligner()
    data = {name: [labelled(p, aligner) for p in ps] for name, ps in sets.items()}
    return {
        name: _fit([d for other, ds in data.items() if other != name for d in ds], l2)
        for name in sets
    }


def unstable(coefs: Mapping[str, np.ndarray]) -> list[bool]:
    """For each coefficient: does its sign change from one fold to another? (The bias is
    never flagged: it only moves the base rate.)"""
    signs = np.sign(np.array(list(coefs.values())))
    flags = (signs.min(axis=0) != signs.max(axis=0)).tolist()
    return [False, *flags[1:]]


def log_loss(judged: Sequence[tuple[float, bool]]) -> float:
    """Mean negative log likelihood of the right/wrong labels under the confidences."""
    p = np.clip(np.array([s for s, _ in judged], dtype=np.float64), 1e-9, 1 - 1e-9)
    y = np.array([ok for _, ok in judged], dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def by_set(sets: Mapping[str, Sequence[Pair]], judged: Sequence[Judged]) -> dict[str, Judged]:
    """Per-document judgements regrouped by set, plus every set pooled."""
    out: dict[str, Judged] = {}
    docs = iter(judged)
    for name, pairs in sets.items():
        out[name] = [j for _ in pairs for j in next(docs)]
    out["pooled"] = [j for js in judged for j in js]
    return out


def cut_table(judged: Sequence[tuple[float, bool]], source: str) -> str:
    """The review-cut table of ``judged`` (confidence, right?) as ``align.review`` reads it:
    per cut, wrong beads below it and in all, right beads below it and in all. ``source``
    becomes its notes (what was judged, and how)."""
    wrong = np.array([s for s, ok in judged if not ok], dtype=np.float64)
    right = np.array([s for s, ok in judged if ok], dtype=np.float64)
    lines = [f"# {line}" for line in source.splitlines()]
    lines.append("\t".join(COLUMNS))
    for cut in CUT_GRID:
        found, flagged = int((wrong < cut).sum()), int((right < cut).sum())
        lines.append(f"{cut:.2f}\t{found}\t{len(wrong)}\t{flagged}\t{len(right)}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fit and judge the bead-confidence calibration.")
    parser.add_argument(
        "--write-cuts", action="store_true", help=f"write the review-cut table to {CUTS_PATH}"
    )
    args = parser.parse_args(argv)
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
    folds = fold_coefficients(sets)
    flags = unstable(folds)
    print("Each leave-one-set-out fold's coefficients (!: the sign changes with the set left out):")
    names = [n + "!" * f for n, f in zip(FEATURES, flags, strict=True)]
    print(f"  {'left out':<12}" + "".join(f"{n:>13}" for n in names))
    for name, c in folds.items():
        print(f"  {name:<12}" + "".join(f"{v:>+13.3f}" for v in c))
    print()
    inside = [[(confidence(x, coef), y) for x, y in zip(xs, ys, strict=True)] for xs, ys in data]
    outside = {
        "leave-one-document-out": leave_one_out(pairs),
        "leave-one-set-out": leave_one_set_out(sets),
    }
    for name, judged in by_set(sets, inside).items():
        print_calibration(f"{name}, in sample:", calibration(judged))
    for how, out in outside.items():
        grouped = by_set(sets, out)
        for name, judged in grouped.items():
            print_calibration(f"{name}, {how}:", calibration(judged))
        print(f"Log loss, {how}, pooled: {log_loss(grouped['pooled']):.4f}")
        print()
        print_tradeoff(f"What each review cut costs, {how}, pooled:", grouped["pooled"])
    if args.write_cuts:
        pooled = by_set(sets, outside["leave-one-set-out"])["pooled"]
        source = (
            "What reviewing every proposed bead below each cut finds, leave one set out: each\n"
            "development set's beads scored by a calibration fitted on the other sets, pooled\n"
            f"({len(pairs)} documents of {len(sets)} sets: {', '.join(sets)}).\n"
            "Written by: python -m benchmarks.fit_calibration --write-cuts (never edit by hand)."
        )
        CUTS_PATH.write_text(cut_table(pooled, source), "utf-8")
        print(f"wrote {CUTS_PATH}")


if __name__ == "__main__":
    main()
