"""The band's shared feature weights looked up a chunk at a time (align/aligner/overlaps.py)."""

from __future__ import annotations

import random

import numpy as np

from align.aligner.overlaps import Overlaps
from align.aligner.propose import _inverted


def _one_by_one(kk_feats, index, weight, k0, e0, e1, first, lo, width) -> np.ndarray:
    """The lookup feature by feature: what the search's Q means."""
    q = np.zeros((len(lo), width))
    for t, lo_t in enumerate(lo.tolist()):
        row = first + t
        if row == 0:
            continue
        seen_from = e0 + lo_t - 1
        for feature in kk_feats[k0 + row - 1]:
            for e in index.get(feature, ()):
                if max(seen_from, e0) <= e < min(seen_from + width, e1):
                    q[t, e - seen_from] += weight[feature]
    return q


def test_rows_add_the_same_weights_in_the_same_order_as_one_by_one():
    rng = random.Random(7)
    features = [f"W:{n}" for n in range(12)]
    weight = {f: rng.uniform(0.1, 3.0) for f in features[:10]}  # two never shared
    kk = [rng.sample(features, rng.randint(0, 5)) for _ in range(30)]
    en = [set(rng.sample(features, rng.randint(0, 5))) for _ in range(28)]
    index = _inverted([{f for f in fs if f in weight} for fs in en])
    overlaps = Overlaps(kk, index, weight, len(en))
    for k0, e0, e1, first, rows, width in [
        (0, 0, 28, 0, 10, 7),
        (0, 0, 28, 5, 12, 9),
        (4, 3, 20, 2, 8, 5),  # a stretch: English outside 3 … 19 unseen
        (0, 0, 28, 20, 11, 41),  # a band wider than the side
    ]:
        lo = np.array([rng.randint(-6, 25) for _ in range(rows)])
        got = overlaps.rows(k0, e0, e1, first, lo, width)
        want = _one_by_one(kk, index, weight, k0, e0, e1, first, lo, width)
        assert np.array_equal(got, want)


def test_no_features_share_nothing():
    overlaps = Overlaps([[], []], {}, {}, 3)
    assert not overlaps.rows(0, 0, 3, 0, np.array([-1, 0, 1]), 4).any()
