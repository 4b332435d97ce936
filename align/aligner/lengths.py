"""Sentence-length evidence (Gale & Church 1993), numerically sound.

Translations have lengths in proportion: an English sentence has about
``ratio`` characters for each Kazakh one, with a spread that grows with the
length. For a bead with Kazakh length ``lk`` and English length ``le``::

    delta = (le - ratio * lk) / sqrt(variance * lk)
    cost  = -log P(|Z| >= |delta|)            (Z standard normal)

nltk's ``gale_church`` computes ``log(1 - cdf)``, which underflows to
``log(0)`` for long sentences and makes it drop them. Here the tail is taken in
the log domain (:func:`scipy.special.log_ndtr`), so a cost is finite for any
lengths.

The ratio is best taken from the document pair itself (its total English
length over its total Kazakh length). The variance is fitted from aligned
pairs; the default was fitted on the 575 Tatoeba kk–en pairs (2.20) and agrees
with the 296 one-to-one beads of the seed gold (2.15). When the document's ratio
is itself uncertain (``spread``, the standard deviation of its logarithm), the
uncertainty widens the spread of every bead in proportion to its length::

    delta = (le - ratio * lk) / sqrt(variance * lk + (spread * ratio * lk) ** 2)

(``lk`` here stands for the bead's mean length in Kazakh characters, as in the code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

DEFAULT_RATIO = 1.06
DEFAULT_VARIANCE = 2.2
#: Share of free translations: their lengths spread TAIL_SCALE times wider. Published
#: editions rewrite, merge and pad far more than a careful translation does, and a thin
#: normal tail makes one such sentence outweigh all the lexical evidence around it.
DEFAULT_TAIL = 0.02
TAIL_SCALE = 3.0
#: How many confidently aligned sentence pairs the corpus variance is worth when it is
#: blended with the variance fitted on the document being aligned.
PRIOR_PAIRS = 10
MAX_VARIANCE = 12.0
TAIL_Z = 2.5
NORMAL_BEYOND = 0.0124  # P(|Z| > 2.5) for a standard normal
MIN_TAIL, MAX_TAIL = 0.01, 0.3  # a lighter tail is none (and costs nothing to compute)


@dataclass(frozen=True)
class LengthModel:
    ratio: float = DEFAULT_RATIO
    variance: float = DEFAULT_VARIANCE
    tail: float = DEFAULT_TAIL
    spread: float = 0.0  # how uncertain the ratio is (standard deviation of its log)

    def cost(self, kk_len: np.ndarray, en_len: np.ndarray) -> np.ndarray:
        """``-log P(|Z| >= |delta|)`` for arrays of bead lengths (characters), where Z is a
        mixture of a unit normal and (weight ``tail``) a normal TAIL_SCALE times wider."""
        # scipy is imported on first use: it costs a quarter second at start-up.
        from scipy.special import log_ndtr

        kk = np.asarray(kk_len, dtype=np.float64)
        en = np.asarray(en_len, dtype=np.float64)
        mean = np.maximum((kk + en / self.ratio) / 2.0, 1.0)  # symmetric: an empty side costs
        scale = self.variance * mean
        if self.spread:
            scale = scale + (self.spread * self.ratio * mean) ** 2
        delta = np.abs(en - self.ratio * kk) / np.sqrt(scale)
        core = log_ndtr(-delta)
        if self.tail >= MIN_TAIL:
            core = np.logaddexp(
                np.log1p(-self.tail) + core, np.log(self.tail) + log_ndtr(-delta / TAIL_SCALE)
            )
        return -(np.log(2.0) + core)


def fit(pairs: Iterable[tuple[int, int]]) -> LengthModel:
    """Fit ratio and variance from (Kazakh length, English length) pairs.

    Falls back to the defaults with fewer than 20 pairs: a handful of
    confirmed beads says little about a variance.
    """
    data = np.array([(k, e) for k, e in pairs if k > 0 and e > 0], dtype=np.float64)
    if len(data) < 20:
        return LengthModel()
    kk, en = data[:, 0], data[:, 1]
    ratio = float(en.sum() / kk.sum())
    mean = (kk + en / ratio) / 2.0
    variance = float(np.mean((en - ratio * kk) ** 2 / mean))
    return LengthModel(ratio, max(variance, 0.5))


def blend(prior: LengthModel, pairs: Iterable[tuple[float, float]]) -> LengthModel:
    """The prior's ratio (and its uncertainty), with a spread and a tail fitted on ``pairs``,
    shrunk to the prior's.

    ``pairs`` are (Kazakh, English) lengths of sentence pairs a first pass over the
    document itself paired. The variance is fitted on the nine tenths that fit best (a
    rewritten sentence is not a spread); the tail weight is the share of pairs beyond
    TAIL_Z standard deviations, above what a normal puts there. Few pairs leave the prior
    almost unchanged; many let the document speak, so a freely translated edition gets
    the wide spread it needs and a careful translation keeps a narrow one.
    """
    data = np.array([(k, e) for k, e in pairs if k > 0 and e > 0], dtype=np.float64)
    if not len(data):
        return prior
    kk, en = data[:, 0], data[:, 1]
    mean = (kk + en / prior.ratio) / 2.0
    z2 = (en - prior.ratio * kk) ** 2 / mean
    n = len(z2)
    core = z2[z2 <= np.quantile(z2, 0.9)] if n >= 10 else z2
    variance = (PRIOR_PAIRS * prior.variance + n * float(np.mean(core))) / (PRIOR_PAIRS + n)
    variance = min(max(variance, prior.variance), MAX_VARIANCE)
    beyond = float(np.mean(z2 / variance > TAIL_Z**2)) - NORMAL_BEYOND
    tail = (PRIOR_PAIRS * prior.tail + n * max(beyond, 0.0)) / (PRIOR_PAIRS + n)
    return replace(prior, variance=variance, tail=0.0 if tail < MIN_TAIL else min(tail, MAX_TAIL))


#: A table of length costs holds at most this many entries (8 bytes each).
MAX_TABLE = 2**21


class CostTable:
    """:meth:`LengthModel.cost` looked up instead of computed, for whole-number lengths.

    The aligner's search costs the lengths of millions of candidate beads, and the
    two normal tails make each cost dear; but bead lengths are sums of a few
    sentences' character counts, so they take few distinct values. Every cost for
    lengths up to ``max_kk`` × ``max_en`` is computed once, element by element with
    the same operations, so a looked-up cost is the computed one, bit for bit.
    """

    def __init__(self, model: LengthModel, max_kk: int, max_en: int) -> None:
        kk = np.arange(max_kk + 1, dtype=np.float64)[:, None]
        en = np.arange(max_en + 1, dtype=np.float64)[None, :]
        self.table = model.cost(kk, en)

    @classmethod
    def worth(
        cls, model: LengthModel, kk: np.ndarray, en: np.ndarray, lookups: int
    ) -> CostTable | None:
        """A table for beads of up to SPAN sentences of lengths ``kk`` and ``en``, or
        None when the lengths are not whole numbers or the table would cost more to fill
        than the ``lookups`` it saves."""
        if not len(kk) or not len(en) or (kk % 1).any() or (en % 1).any():
            return None
        max_kk, max_en = _widest(kk), _widest(en)
        if (max_kk + 1) * (max_en + 1) > min(MAX_TABLE, lookups // 2):
            return None
        return cls(model, max_kk, max_en)

    def cost(self, kk_len: np.ndarray, en_len: np.ndarray) -> np.ndarray:
        return self.table[kk_len.astype(np.intp), en_len.astype(np.intp)]


#: Beads hold at most this many sentences on a side.
SPAN = 3


def _widest(lengths: np.ndarray) -> int:
    """The greatest total length of up to SPAN consecutive sentences."""
    prefix = np.concatenate([[0.0], np.cumsum(lengths)])
    return int(max((prefix[s:] - prefix[:-s]).max() for s in range(1, min(SPAN, len(lengths)) + 1)))
