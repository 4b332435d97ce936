"""Length-ratio outliers, calibrated from the corpus's own pairs.

An English sentence twice as long as its Kazakh source usually means a
sentence too many in the bead (or one missing on the other side). How long is
"too long" depends on the texts: news English runs about 1.05 characters per
Kazakh character, a legal text or a subtitle corpus differently. So the
expected ratio and spread are fitted from the pairs being checked, not set
as constants.

The measure is Gale and Church's: for a pair of lengths ``lk`` (Kazakh) and
``le`` (English) in characters,

    delta = (le - ratio * lk) / sqrt(m),   m = (lk + le / ratio) / 2

so the spread allowed grows with the length, as it does in real
translations (``align.aligner.lengths`` scores beads the same way). Calibration
takes the *median* ratio ``le / lk`` and the median and the median absolute
deviation of ``delta`` (scaled by 1.4826 to be comparable with a standard
deviation): the outliers being looked for cannot shift these as they would
a mean and a variance. A pair is an outlier when its robust z-score
``|delta - median| / spread`` is over a threshold (4 by default).

With fewer pairs than ``min-pairs`` (30) the statistics would be noise, and
kopir falls back to its built-in Kazakh–English model (``align.aligner.lengths``:
ratio 1.06, variance 2.2, fitted on the Tatoeba pairs and the seed gold).
Each finding says which of the two it was measured against.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from align.aligner.lengths import DEFAULT_RATIO, DEFAULT_VARIANCE
from align.cancel import ShouldStop, ask
from align.formats.units import Unit, all_units
from corpus.errors import KopirError
from corpus.model import Document
from corpus.storage.store import Corpus

if TYPE_CHECKING:
    import numpy as np

# numpy is imported where it is used: the editor and the documents screen import the
# checks, and a quarter of their start-up was numpy's import, though no check runs
# before the first screen is drawn.

MIN_PAIRS = 30
MAD_TO_SD = 1.4826
MIN_SPREAD = 0.5  # never narrower than this, even for a corpus of near-identical pairs


@dataclass(frozen=True)
class Calibration:
    """The expected English/Kazakh length relation and how far pairs usually stray from it."""

    ratio: float
    center: float
    spread: float
    pairs: int  # how many pairs there were to calibrate on
    fitted: bool  # False: too few pairs, the built-in model is used

    @classmethod
    def builtin(cls, pairs: int = 0) -> Calibration:
        return cls(DEFAULT_RATIO, 0.0, math.sqrt(DEFAULT_VARIANCE), pairs, fitted=False)

    def zs(self, kk: np.ndarray, en: np.ndarray) -> np.ndarray:
        """Robust z-scores of pairs: how unusual their lengths are (signed: + means long)."""
        return (_deltas(kk, en, self.ratio) - self.center) / self.spread

    def z(self, kk_len: int, en_len: int) -> float:
        """The z-score of one pair (see :meth:`zs`)."""
        import numpy as np

        return float(self.zs(np.array([kk_len], float), np.array([en_len], float))[0])

    def basis(self) -> str:
        """What the expectation rests on, for messages."""
        if self.fitted:
            return (
                f"calibrated on {self.pairs:,} pairs of the documents checked: "
                f"English ≈ {self.ratio:.2f} × Kazakh length"
            )
        why = f"only {self.pairs} pairs to calibrate on" if self.pairs else "no pairs yet"
        return (
            f"kopir's built-in Kazakh–English length model ({why}): "
            f"English ≈ {self.ratio:.2f} × Kazakh length"
        )


def calibrate_lengths(pairs: Iterable[tuple[int, int]], min_pairs: int = MIN_PAIRS) -> Calibration:
    """A calibration from (Kazakh length, English length) pairs, both sides non-empty."""
    import numpy as np

    data = np.array([(k, e) for k, e in pairs if k > 0 and e > 0], dtype=np.float64)
    if len(data) < min_pairs:
        return Calibration.builtin(len(data))
    kk, en = data[:, 0], data[:, 1]
    ratio = float(np.median(en / kk))
    delta = _deltas(kk, en, ratio)
    center = float(np.median(delta))
    spread = MAD_TO_SD * float(np.median(np.abs(delta - center)))
    return Calibration(ratio, center, max(spread, MIN_SPREAD), len(data), fitted=True)


def _deltas(kk: np.ndarray, en: np.ndarray, ratio: float) -> np.ndarray:
    """Gale and Church's length difference of each pair, scaled by its expected size."""
    import numpy as np

    m = np.maximum((kk + en / ratio) / 2.0, 1.0)
    return (en - ratio * kk) / np.sqrt(m)


def unit_lengths(units: Iterable[Unit]) -> Iterable[tuple[int, int]]:
    return ((len(u.kk), len(u.en)) for u in units if u.kk_ids and u.en_ids)


def calibrate(
    source: Corpus | Iterable[Document] | Iterable[Unit],
    min_pairs: int = MIN_PAIRS,
    unreadable: dict[str, str] | None = None,
    should_stop: ShouldStop | None = None,
    in_memory: Document | None = None,
) -> Calibration:
    """A calibration from a corpus, some documents or some units (every aligned pair counts).

    Unconfirmed beads count too: the robust statistics are not moved by the
    aligner's few mistakes, and a fresh corpus has nothing else to go on.
    A corpus's document that cannot be read is left out (its error put in
    ``unreadable``, if given): one damaged file must not stop the checks of
    the others. ``in_memory`` is one of the corpus's documents already in
    memory (the editor's), taken instead of reading its file; ``should_stop``
    is asked between documents and every few hundred beads (``align.cancel``).
    """
    items: Iterable[Document] | Iterable[Unit] = source  # type: ignore[assignment]
    if isinstance(source, Corpus):
        found = {} if unreadable is None else unreadable
        items = _readable(source, found, should_stop, in_memory)
    lengths: list[tuple[int, int]] = []
    for item in items:
        units = all_units(item, None, should_stop) if isinstance(item, Document) else [item]
        lengths.extend(unit_lengths(units))
    return calibrate_lengths(lengths, min_pairs)


def _readable(
    corpus: Corpus,
    unreadable: dict[str, str],
    should_stop: ShouldStop | None,
    in_memory: Document | None,
) -> Iterator[Document]:
    for doc_id in corpus.ids():
        ask(should_stop)
        if in_memory is not None and doc_id == in_memory.id:
            yield in_memory
            continue
        try:
            yield corpus.load(doc_id)
        except KopirError as exc:
            unreadable[doc_id] = str(exc)


def length_message(cal: Calibration, kk_len: int, en_len: int, z: float) -> str:
    expected = round(cal.ratio * kk_len)
    how = "longer" if z > 0 else "shorter"
    return (
        f"the English ({en_len:,} characters) is much {how} than expected for "
        f"{kk_len:,} Kazakh characters (about {expected:,}; {abs(z):.1f} times the usual "
        f"spread): a sentence may be missing or extra (expected: {cal.basis()})"
    )
