"""Do two texts translate each other? A check before an English import is stored.

Importing the wrong document's English gives an alignment all the same (every
sentence lands in some bead), and the aligner's confidence does not tell: over
the five seeds and their five English renderings its mean was 0.78–0.80 for
the right pairs and 0.45–0.81 for the wrong ones when this check was written
(today 0.96–0.98 and 0.28–0.90: apart by 0.06, too little to set a bar on). What does tell is the
*anchors* — numbers, names, dates and loanwords (:mod:`align.aligner.features`):
in a translation, the Kazakh sentences of a bead share one with their English
far more often than with the English of some other bead.

How much more depends on the kind of text. News shares an anchor in place for
most sentences; plain sentences (a textbook, Tatoeba-like dialogue) for one in
five, while two news texts on one subject share Kazakhstan and Tokayev by
chance for one in ten. A fixed bar on the raw share therefore refused right
translations of plain text. The check instead compares the share in place with
the shares of the English shifted against the Kazakh by many offsets (what
chance gives *for these two texts*) and asks how many of chance's standard
deviations it stands above them: a translation stands far out (8 or more on
the seeds and on generated Tatoeba documents), a wrong text does not (3.5 or
less on the seeds' 20 wrong pairs when this check was written, though the
aligner itself lines anchors up where it can; since c7c2e21's change to lone
sentences at an edition's end, seed 004's Kazakh with seed 001's English scores
5.2 and passes the bar, the others 2.7 or less). ``make bench-relatedness``
prints the groups and the pairs the bar decides wrongly.

A short text holds too few beads to judge (no measure separated the 2–18
sentence real pairs of ``benchmarks/data/real``), so texts under
:data:`MIN_SENTENCES` sentences are not judged.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

from align.aligner.features import FeatureExtractor
from align.aligner.lexicon import core_lexicon
from align.model import Alignment
from corpus.errors import KopirError

#: Below this many standard deviations above chance the texts look unrelated.
UNRELATED_BELOW = 5.0
#: Texts with fewer sentences on either side are not judged.
MIN_SENTENCES = 25
#: The feature kinds that anchor a translation: numbers, names, months, loanwords.
ANCHORS = ("N:", "P:", "M:", "T:")
#: How many shifts of the English sample chance (evenly spread over the beads).
SHIFTS = 40
#: Chance's spread is taken as at least this share, so that texts whose shifted
#: shares happen to be all alike (all zero) do not divide by nothing.
MIN_SPREAD = 0.02


class UnrelatedTexts(KopirError):
    """An English text that does not look like a translation of the document's Kazakh."""


@dataclass(frozen=True)
class Relatedness:
    """How much two aligned texts' beads share their anchors, in place and by chance."""

    in_place: float
    by_chance: float  # the mean share over the shifts
    spread: float  # their standard deviation, at least MIN_SPREAD
    sentences: tuple[int, int]  # (Kazakh, English)

    @property
    def score(self) -> float:
        """How many of chance's standard deviations the share in place stands above it."""
        return (self.in_place - self.by_chance) / self.spread

    @property
    def judged(self) -> bool:
        return min(self.sentences) >= MIN_SENTENCES

    @property
    def unrelated(self) -> bool:
        return self.judged and self.score < UNRELATED_BELOW

    def describe(self) -> str:
        return (
            f"{100 * self.in_place:.0f}% of the Kazakh sentences share a number, name or "
            f"loanword with the English aligned to them, {100 * self.by_chance:.0f}% with "
            "English elsewhere in the text (a translation shares far more in place)"
        )


def relatedness(alignment: Alignment, text: Callable[[str], str]) -> Relatedness:
    """The anchor sharing of an alignment's two-sided beads; ``text`` gives a sentence's text."""
    extractor = FeatureExtractor(core_lexicon())

    def anchors(ids: tuple[str, ...], lang: str) -> set[str]:
        return {
            f for sid in ids for f in extractor.features(text(sid), lang) if f.startswith(ANCHORS)
        }

    beads = [b for b in alignment.beads if b.kk and b.en]
    kk = [anchors(b.kk, "kk") for b in beads]
    en = [anchors(b.en, "en") for b in beads]
    weight = [len(b.kk) for b in beads]
    total = max(len(alignment.kk), 1)
    n = len(beads)

    def shared(shift: int) -> float:
        hits = sum(w for i, w in enumerate(weight) if kk[i] & en[(i + shift) % n])
        return hits / total

    in_place = shared(0) if n else 0.0
    offsets = sorted({1 + (n - 1) * k // SHIFTS for k in range(SHIFTS)}) if n > 1 else []
    chance = [shared(offset) for offset in offsets] or [in_place]
    spread = max(statistics.pstdev(chance), MIN_SPREAD)
    sentences = (len(alignment.kk), len(alignment.en))
    return Relatedness(in_place, statistics.fmean(chance), spread, sentences)
