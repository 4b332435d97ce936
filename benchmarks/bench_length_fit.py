"""The length model fitted to each document against the corpus one, document by document.

    .venv/bin/python -m benchmarks.bench_length_fit

The aligner re-estimates its length model on the pair it aligns
(:meth:`align.aligner.propose._Document._fitted_lengths`): the English/Kazakh length ratio
(from what a first pass pairs, unless the lengths alone give one to trust), how uncertain
that ratio is (its spread), the variance and tail of the length differences, and what a
silent member of a merge costs. On a short post each of these rests on a handful of
sentences, so this prints, for every development document
(:data:`benchmarks.bench_align_real.DEVELOPMENT`; never the gated test set):

* strict F1 and wrong beads (proposed beads not in the gold) with the corpus length model
  only (``Aligner(fit_lengths=False)``) and with the fitted one;
* the ratio the lengths alone give (total English over total Kazakh characters of the body
  lines, and the same for the median sentences; ``kept`` when it was trusted as it is), the
  fitted ratio and the gold's (body lines of the gold beads with both sides), the spread,
  variance and tail, how many first-pass beads the ratio and how many 1-1 pairs the spread
  were fitted on, and what a silent member costs (in nats);

then the documents that lose more than a bead to the fit, and how far each estimate of the
ratio is from the gold's over all documents (root mean square and median of the error of its
logarithm): whether the fitted ratio is any better than the corpus's own; and the same
errors signed, by band of the gold ratio (below 0.95, 0.95 to 1.2, 1.2 and up), which tells
a bias (every band off the same way) from shrinkage towards the corpus ratio (the high band
too low, the low band too high, the middle right);

and last which part of the fit moves each document: strict F1 with each part left out in
turn (:data:`align.aligner.propose.FIT_PARTS`: the re-estimated ratio, the spread its
uncertainty adds, the variance and tail, what a silent member costs), for every document
that any of them moves, and per development set and pooled. A document that loses to the
fit loses to one part or another, and each part's fix is a different one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from align.aligner.evaluate import score
from align.aligner.framing import kinds
from align.aligner.lengths import DEFAULT_RATIO
from align.aligner.propose import FIT_PARTS, Aligner, _Document, _length
from benchmarks.bench_align import table
from benchmarks.bench_align_real import Bead, Pair, development_sets


@dataclass(frozen=True)
class Row:
    """One document: both alignments' scores and what the fitted model was fitted on."""

    label: str
    pair: Pair
    corpus: list[Bead]
    fitted: list[Bead]
    doc: _Document
    without: dict[str, list[Bead]]  # the fit with one part left out, by part

    def f1(self, got: list[Bead]) -> float:
        return score([(self.pair.gold, got)]).f1_strict

    def totals_and_medians(self) -> tuple[float, float]:
        """The ratio of the body lines' total lengths, and of their median lengths."""
        kk = self.doc.kk_len[self.doc.kk_kind == 0]
        en = self.doc.en_len[self.doc.en_kind == 0]
        if not len(kk) or not len(en):
            kk, en = self.doc.kk_len, self.doc.en_len
        return float(en.sum() / kk.sum()), float(np.median(en) / np.median(kk))


def wrong(pair: Pair, got: Sequence[Bead]) -> int:
    """How many proposed beads are not in the gold: each a correction by hand."""
    gold = {(tuple(k), tuple(e)) for k, e in pair.gold}
    return sum((tuple(k), tuple(e)) not in gold for k, e in got)


def gold_ratio(pair: Pair) -> float | None:
    """English over Kazakh characters of the gold's paired beads, framing lines left out
    (as the aligner counts them); None when the gold pairs no body line."""
    kk_kind, en_kind = kinds(pair.kk, "kk"), kinds(pair.en, "en")
    kk = en = 0
    for k, e in pair.gold:
        if not k or not e or any(kk_kind[i] for i in k) or any(en_kind[j] for j in e):
            continue
        kk += sum(_length(pair.kk[i]) for i in k)
        en += sum(_length(pair.en[j]) for j in e)
    return en / kk if kk else None


#: Bands of the gold ratio (English over Kazakh characters), for the signed errors: the
#: corpus ratio (DEFAULT_RATIO, 1.06) sits in the middle one.
BANDS = {"below 0.95": 0.95, "0.95 to 1.2": 1.2, "1.2 and up": math.inf}


def ratio_band(gold: float) -> str:
    """The band (:data:`BANDS`) a gold ratio falls in."""
    return next(name for name, upper in BANDS.items() if gold < upper)


def _mean_in(values: Sequence[float], bands: Sequence[str], band: str) -> str:
    chosen = [v for v, b in zip(values, bands, strict=True) if b == band]
    return f"{np.mean(chosen):+.3f}" if chosen else "-"


#: The parts of the fit in print order.
PARTS = sorted(FIT_PARTS, key=["ratio", "spread", "variance", "silence"].index)


def rows() -> list[Row]:
    fitted, corpus = Aligner(), Aligner(fit_lengths=False)
    partial = {part: Aligner(fit_parts=FIT_PARTS - {part}) for part in PARTS}
    out = []
    for label, pairs in development_sets().items():
        for pair in pairs:
            out.append(
                Row(
                    label,
                    pair,
                    [(b.kk, b.en) for b in corpus.align(pair.kk, pair.en)],
                    [(b.kk, b.en) for b in fitted.align(pair.kk, pair.en)],
                    _Document(fitted, pair.kk, pair.en, None, None),
                    {
                        part: [(b.kk, b.en) for b in aligner.align(pair.kk, pair.en)]
                        for part, aligner in partial.items()
                    },
                )
            )
    return out


def print_documents(found: Sequence[Row]) -> None:
    header = ["document", "F1 corpus", "F1 fitted", "wrong", "totals", "medians", "ratio",
              "fitted", "gold", "spread", "variance", "tail", "beads", "pairs", "silent",
              "set"]  # fmt: skip
    body = []
    for r in found:
        totals, medians = r.totals_and_medians()
        gold = gold_ratio(r.pair)
        model = r.doc.lengths
        body.append([
            r.pair.name[:44], f"{r.f1(r.corpus):.3f}", f"{r.f1(r.fitted):.3f}",
            f"{wrong(r.pair, r.corpus)} -> {wrong(r.pair, r.fitted)}", f"{totals:.2f}",
            f"{medians:.2f}", "kept" if r.doc.trusted else "refit", f"{model.ratio:.2f}",
            "-" if gold is None else f"{gold:.2f}",
            f"{model.spread:.2f}", f"{model.variance:.2f}", f"{model.tail:.3f}",
            r.doc.ratio_beads, r.doc.spread_pairs, f"{r.doc.weights.silent:.2f}", r.label,
        ])  # fmt: skip
    table(
        "Per document: strict F1 and wrong beads with the corpus length model -> fitted; the "
        "ratio of the lengths alone (total, median), whether it was kept or refitted, the "
        "fitted and the gold's; the fitted spread, variance and tail; first-pass beads the "
        "ratio and 1-1 pairs the spread were fitted on; what a silent member of a merge costs "
        "(nats).",
        header,
        body,
    )


def print_summary(found: Sequence[Row]) -> None:
    corpus = score([(r.pair.gold, r.corpus) for r in found])
    fitted = score([(r.pair.gold, r.fitted) for r in found])
    lost = [r for r in found if wrong(r.pair, r.fitted) - wrong(r.pair, r.corpus) > 1]
    better = sum(r.f1(r.fitted) > r.f1(r.corpus) + 1e-9 for r in found)
    worse = sum(r.f1(r.fitted) < r.f1(r.corpus) - 1e-9 for r in found)
    print(
        f"Pooled over {len(found)} documents, strict / lax F1: corpus length model "
        f"{corpus.f1_strict:.4f} / {corpus.f1_lax:.4f}, fitted {fitted.f1_strict:.4f} / "
        f"{fitted.f1_lax:.4f}. Fitted better on {better} documents, worse on {worse}; wrong "
        f"beads {sum(wrong(r.pair, r.corpus) for r in found)} -> "
        f"{sum(wrong(r.pair, r.fitted) for r in found)}."
    )
    print("Documents that lose more than a bead to the fit:")
    for r in lost:
        print(f"  {r.pair.name} ({r.label}): {wrong(r.pair, r.corpus)} -> ", end="")
        print(wrong(r.pair, r.fitted))
    if not lost:
        print("  none")
    print()
    errors: dict[str, list[float]] = {}
    bands: dict[str, list[str]] = {}  # each estimate's errors by the gold ratio's band
    signed: dict[str, list[float]] = {}
    for r in found:
        gold = gold_ratio(r.pair)
        if gold is None:
            continue
        totals, medians = r.totals_and_medians()
        estimates = {
            "the corpus's ratio": DEFAULT_RATIO,
            "totals": totals,
            "medians": medians,
            "lengths alone (corpus model)": r.doc.lengths_alone,
            "fitted": r.doc.lengths.ratio,
        }
        for name, value in estimates.items():
            errors.setdefault(name, []).append(math.log(value / gold))
            bands.setdefault(name, []).append(ratio_band(gold))
            signed.setdefault(name, []).append(math.log(value / gold))
    table(
        "How far each estimate of the ratio is from the gold's: error of its logarithm over "
        "the documents.",
        ["estimate", "RMS", "median |error|"],
        [
            [name, f"{math.sqrt(np.mean(np.square(e))):.3f}", f"{np.median(np.abs(e)):.3f}"]
            for name, e in errors.items()
        ],
    )
    names = list(BANDS)
    table(
        "The same errors, signed (mean of the logarithm; below 0: the estimate is too low), by "
        "the gold ratio's band, with the number of documents in each. An estimate that only "
        "shrinks towards the corpus ratio is too low on the high band and too high on the low "
        "one by about as much; a bias is off on all three the same way.",
        ["estimate", *(f"{b} (n={bands['fitted'].count(b)})" for b in names)],
        [[name, *(_mean_in(signed[name], bands[name], b) for b in names)] for name in signed],
    )


def print_parts(found: Sequence[Row]) -> None:
    """Strict F1 with each part of the fit left out: per document it moves, per set, pooled."""
    body = []
    for r in found:
        without = [r.f1(r.without[part]) for part in PARTS]
        if any(abs(f - r.f1(r.fitted)) > 1e-9 for f in without):
            body.append([
                r.pair.name[:44], f"{r.f1(r.corpus):.3f}", f"{r.f1(r.fitted):.3f}",
                *(f"{f:.3f}" for f in without), r.label,
            ])  # fmt: skip
    header = ["document", "corpus", "fitted", *(f"no {part}" for part in PARTS), "set"]
    table(
        "Which part of the fit moves each document: strict F1 with the corpus length model, "
        "the fitted one, and the fitted one with each part left out (documents no part moves "
        "are not shown).",
        header,
        body,
    )
    labels = list(dict.fromkeys(r.label for r in found))

    def f1(rows: Sequence[Row], got: Callable[[Row], list[Bead]]) -> float:
        return score([(r.pair.gold, got(r)) for r in rows]).f1_strict

    systems = {
        "corpus length model": lambda r: r.corpus,
        "fitted": lambda r: r.fitted,
        **{f"fitted, no {part}": (lambda r, part=part: r.without[part]) for part in PARTS},
    }
    table(
        "Strict F1 per development set and pooled, with each part of the fit left out.",
        ["length model", *labels, "pooled"],
        [
            [
                name,
                *(f"{f1([r for r in found if r.label == label], got):.3f}" for label in labels),
                f"{f1(found, got):.4f}",
            ]
            for name, got in systems.items()
        ],
    )


def main() -> None:
    found = rows()
    print_documents(found)
    print_summary(found)
    print_parts(found)


if __name__ == "__main__":
    main()
