"""Alignment quality: strict and lax precision, recall and F1.

The definitions are those of vecalign's ``score.py`` (after Sennrich & Volk
2011), so figures compare with published ones:

* precision looks at every proposed bead; it is a *strict* hit when the same
  bead is in the gold, a *lax* hit when it shares a Kazakh sentence with a gold
  bead whose English it also shares;
* recall is the same with gold and proposal swapped, leaving out beads with an
  empty side on both (insertions and deletions only count against precision).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    strict_hit: int = 0
    strict_miss: int = 0
    lax_hit: int = 0
    lax_miss: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_hit + other.strict_hit,
            self.strict_miss + other.strict_miss,
            self.lax_hit + other.lax_hit,
            self.lax_miss + other.lax_miss,
        )


def _matches(reference: Iterable[Bead], proposed: Iterable[Bead]) -> Counts:
    ref = {(tuple(k), tuple(e)) for k, e in reference if k or e}
    targets: dict[int, set[int]] = defaultdict(set)
    for kk, en in ref:
        for k in kk:
            targets[k].update(en)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for kk, en in {(tuple(k), tuple(e)) for k, e in proposed if k or e}:
        if (kk, en) in ref:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        linked = set().union(*(targets[k] for k in kk)) if kk else set()
        if linked & set(en):
            lax_hit += 1
        else:
            lax_miss += 1
    return Counts(strict_hit, strict_miss, lax_hit, lax_miss)


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def document_counts(gold: list[Bead], proposed: list[Bead]) -> tuple[Counts, Counts]:
    """One document's precision and recall counts: what :func:`score` sums over documents
    (kept apart so a paired bootstrap can draw documents and sum their counts)."""
    both = [(k, e) for k, e in proposed if k and e]
    gold_both = [(k, e) for k, e in gold if k and e]
    return _matches(gold, proposed), _matches(both, gold_both)


def scores_of(precision: Counts, recall: Counts) -> Scores:
    """Precision, recall and F1, strict and lax, of counts summed over documents."""
    ps, rs = (
        _ratio(precision.strict_hit, precision.strict_miss),
        _ratio(recall.strict_hit, recall.strict_miss),
    )
    pl, rl = _ratio(precision.lax_hit, precision.lax_miss), _ratio(recall.lax_hit, recall.lax_miss)
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def score(pairs: Iterable[tuple[list[Bead], list[Bead]]]) -> Scores:
    """Score (gold, proposed) bead lists, summed over documents."""
    precision = recall = Counts()
    for gold, proposed in pairs:
        p, r = document_counts(gold, proposed)
        precision += p
        recall += r
    return scores_of(precision, recall)
