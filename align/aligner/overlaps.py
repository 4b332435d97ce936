"""The shared feature weight of the sentence pairs in the search's band, a chunk at a time.

The search (:mod:`align.aligner.dynamic`) asks, for each Kazakh sentence of a chunk of
rows, how much feature weight it shares with each English sentence of its row's band.
Looking that up feature by feature from Python (a ``searchsorted`` on each feature's
positions, then a scatter) cost a fifth of the search on a long document: a Python step
for every feature of every row. :class:`Overlaps` keeps the same inverted index as flat
arrays instead, so a whole chunk is a handful of numpy calls: one ``searchsorted`` finds
where every (row, feature) starts and ends in the band, and one ``bincount`` adds the
weights up.

The sums are the ones the feature-by-feature loop made, bit for bit: ``bincount`` adds its
weights in order, and they come in the loop's order (row by row, each Kazakh sentence's
features in their order), so every cell gets the same additions in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


class Overlaps:
    """``rows(...)``: the weight the Kazakh sentences' features ``kk_feats`` share with the
    English sentences that have them (``index``: feature -> sorted English positions), each
    feature counting ``weight[feature]``."""

    def __init__(
        self,
        kk_feats: Sequence[Sequence[str]],
        index: Mapping[str, np.ndarray],
        weight: Mapping[str, float],
        m: int,
    ) -> None:
        ids = {feature: n for n, feature in enumerate(index)}
        # Every (feature, English position) as one sorted key: feature id * stride + position.
        self.stride = m + 1
        counts = np.array([len(index[f]) for f in ids], dtype=np.int64)
        positions = [np.asarray(index[f], dtype=np.int64) for f in ids]
        self.positions = np.concatenate(positions) if positions else np.zeros(0, np.int64)
        owner = np.repeat(np.arange(len(ids), dtype=np.int64), counts)
        self.keys = owner * self.stride + self.positions
        # Each Kazakh sentence's features that some English sentence has, in their order.
        found = [tuple([f for f in fs if f in ids]) for fs in kk_feats]
        self.start = np.zeros(len(found) + 1, dtype=np.int64)
        np.cumsum(np.array([len(fs) for fs in found], dtype=np.int64), out=self.start[1:])
        self.feature = np.array([ids[f] for fs in found for f in fs], dtype=np.int64)
        self.weight = np.array([weight[f] for fs in found for f in fs], dtype=np.float64)

    def rows(self, k0: int, e0: int, e1: int, first: int, lo: np.ndarray, width: int) -> np.ndarray:
        """Q[t, x]: shared feature weight of Kazakh ``first + t - 1`` and English
        ``lo[t] + x - 1``, positions local to the stretch that starts at Kazakh ``k0`` and
        English ``e0``; English sentences outside ``e0 … e1 - 1`` are not seen (row 0, which
        has consumed no Kazakh sentence, shares nothing)."""
        rows = len(lo)
        t = np.arange(rows)
        seen_from = e0 + np.asarray(lo, dtype=np.int64) - 1  # what column 0 of each row ends with
        lo_e = np.maximum(seen_from, e0)
        hi_e = np.minimum(seen_from + width, e1)
        live = (first + t > 0) & (lo_e < hi_e)
        t = t[live]
        k = k0 + first + t - 1
        # Every (row, feature) of the live rows, in row order and then feature order.
        begin, end = self.start[k], self.start[k + 1]
        per_row = end - begin
        row_of = np.repeat(t, per_row)
        entry = ranges(begin, per_row)
        fid = self.feature[entry]
        # Where each of them starts and ends among its feature's positions within the band.
        a = self.keys.searchsorted(fid * self.stride + lo_e[row_of])
        b = self.keys.searchsorted(fid * self.stride + hi_e[row_of])
        hits = b - a
        cell_row = np.repeat(row_of, hits)
        x = self.positions[ranges(a, hits)] - seen_from[cell_row]
        q = np.bincount(
            cell_row * width + x,
            weights=np.repeat(self.weight[entry], hits),
            minlength=rows * width,
        )
        return q.reshape(rows, width)

    def shared(self, kk: np.ndarray, en: np.ndarray) -> np.ndarray:
        """The feature weight Kazakh ``kk[i]`` and English ``en[i]`` share, for each i
        (positions in the whole document)."""
        kk = np.asarray(kk, dtype=np.int64)
        per_pair = self.start[kk + 1] - self.start[kk]
        pair = np.repeat(np.arange(len(kk)), per_pair)
        entry = ranges(self.start[kk], per_pair)
        key = self.feature[entry] * self.stride + np.asarray(en, dtype=np.int64)[pair]
        at = np.minimum(self.keys.searchsorted(key), max(len(self.keys) - 1, 0))
        hit = self.keys[at] == key if len(self.keys) else np.zeros(len(key), dtype=bool)
        return np.bincount(pair[hit], weights=self.weight[entry[hit]], minlength=len(kk))


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(s, s + n)`` for each start and length, in order.

    Built with numpy alone (a repeat and a running offset), since the overlap tables and
    the aligner's bead members (:mod:`align.aligner.propose`) ask for it on every row of
    a document, where a Python loop over the runs would cost more than the rest."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + (np.arange(total) - offsets)
