"""compare_aligners: pooled strict F1 from per-document counts, and its paired bootstrap."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.aligner.evaluate import score
from benchmarks.bench_align_real import Pair
from benchmarks.compare_aligners import (
    Document,
    _tree,
    paired_bootstrap,
    pooled_f1,
    strict_counts,
)

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
RIGHT = list(GOLD)
SPLIT = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
SHIFTED = [((0, 1), (0,)), ((2,), (1,)), ((3,), ())]


def _docs(n: int) -> list[Document]:
    kk, en = ["k0", "k1", "k2", "k3"], ["e0", "e1"]
    return [Document("set", Pair(f"d{i}", kk, en, GOLD)) for i in range(n)]


def test_pooled_f1_of_the_counts_is_the_scorers_pooled_figure() -> None:
    docs = _docs(3)
    proposals = [RIGHT, SPLIT, SHIFTED]
    counts = strict_counts(docs, proposals)
    expected = score([(d.pair.gold, p) for d, p in zip(docs, proposals, strict=True)]).f1_strict
    assert float(pooled_f1(counts)) == pytest.approx(expected)
    assert 0 < expected < 1


def test_the_same_proposals_give_a_zero_interval_and_never_lead() -> None:
    counts = strict_counts(_docs(4), [SPLIT, RIGHT, SHIFTED, SPLIT])
    assert paired_bootstrap(counts, counts, draws=200) == (0.0, 0.0, 0.0)


def test_a_version_right_everywhere_leads_in_every_draw() -> None:
    docs = _docs(6)
    base = strict_counts(docs, [SPLIT, RIGHT, SHIFTED] * 2)
    other = strict_counts(docs, [RIGHT] * 6)
    low, high, ahead = paired_bootstrap(base, other, draws=300)
    assert 0 < low <= high and ahead == 1.0


def test_one_document_gaining_leaves_an_interval_that_reaches_zero() -> None:
    docs = _docs(8)
    base = strict_counts(docs, [SPLIT] + [RIGHT] * 7)
    other = strict_counts(docs, [RIGHT] * 8)
    low, high, ahead = paired_bootstrap(base, other, draws=500)
    assert low == 0.0 < high and 0.5 < ahead < 1.0
    assert np.isclose(float(pooled_f1(other)), 1.0)


def test_a_revision_compared_with_itself_gets_a_tree_each(tmp_path: Path) -> None:
    first, second = _tree("HEAD", tmp_path), _tree("HEAD", tmp_path)
    assert first != second
    assert (first / "align/aligner/propose.py").read_bytes() == (
        second / "align/aligner/propose.py"
    ).read_bytes()
