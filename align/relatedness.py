"""Do two texts translate each other? A check before an English import is stored.

Importing the wrong document's English gives an alignment all the same (every
sentence lands in some bead), and the aligner's confidence does not tell: over
the five seeds and their five English renderings its mean was 0.75–0.77 for
the right pairs and 0.46–0.80 for the wrong ones. What does tell is the
*anchors* — numbers, names, dates and loanwords (:mod:`align.aligner.features`):
in a translation, the Kazakh sentences of a bead share one with their English
far more often than with the English of some other bead. In two texts on the
same subject, the shared names (Kazakhstan, Tokayev) are shared just as often
with any other bead, so the check takes the share of Kazakh sentences whose
own bead shares an anchor (*in place*) less the same share with the English
beads shifted by a quarter, a half and three quarters of the document (*by
chance*).

Measured on the seeds (``make bench-relatedness``): 0.54 or more for every
right pair, 0.22 or less for every wrong one; the bar is set halfway. A short
text holds too few anchors to judge (on the 2–18 sentence
real pairs of ``benchmarks/data/real`` no measure separated them), so texts
under :data:`MIN_SENTENCES` sentences are not judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from align.aligner.features import FeatureExtractor
from align.aligner.lexicon import core_lexicon
from align.model import Alignment
from corpus.errors import KopirError

#: Below this (in place less by chance) the texts look unrelated.
UNRELATED_BELOW = 0.38
#: Texts with fewer sentences on either side are not judged.
MIN_SENTENCES = 25
#: The feature kinds that anchor a translation: numbers, names, months, loanwords.
ANCHORS = ("N:", "P:", "M:", "T:")
#: The shifts (as shares of the beads) whose anchor sharing is chance's.
SHIFTS = (0.25, 0.5, 0.75)


class UnrelatedTexts(KopirError):
    """An English text that does not look like a translation of the document's Kazakh."""


@dataclass(frozen=True)
class Relatedness:
    """How much two aligned texts' beads share their anchors, in place and by chance."""

    in_place: float
    by_chance: float
    sentences: tuple[int, int]  # (Kazakh, English)

    @property
    def score(self) -> float:
        return self.in_place - self.by_chance

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
    shifts = [round(n * s) % n or 1 for s in SHIFTS] if n > 1 else []
    chance = [shared(shift) for shift in shifts] or [in_place]
    return Relatedness(in_place, sum(chance) / len(chance), (len(alignment.kk), len(alignment.en)))
