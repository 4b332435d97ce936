"""A document's beads as a translator checks them from the shell (``kopir show DOC --beads``).

One :class:`BeadView` per bead, in order: its number as the editor counts (from 1), its
sentence ids, where it stands in review in the editor's words (confirmed, changed by
hand, proposed with the aligner's confidence, weak below the corpus's review cut)
and both texts, each side's sentences joined as an export joins them. The command line
only prints these, so the app or a script can show the same facts the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.formats.units import all_units
from align.model import Alignment, Bead, ReviewState
from corpus.model import Document


@dataclass(frozen=True, slots=True)
class BeadView:
    """One bead of a document, as a line of a listing."""

    number: int  # from 1, as the editor and kopir query count beads
    kk_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    state: ReviewState
    score: float | None
    kk: str  # the Kazakh sentences joined by a space ("" for a 0-1 bead)
    en: str
    #: Nobody made or changed it (:attr:`Bead.never_touched`): what it waits for, in words.
    untouched: str = ""

    @property
    def shape(self) -> str:
        """``2-1`` for two Kazakh sentences and one English."""
        return f"{len(self.kk_ids)}-{len(self.en_ids)}"

    @property
    def status(self) -> str:
        """``confirmed``, ``no English yet``, ``changed by hand``, ``proposed 0.87`` or
        ``proposed 0.31 weak``."""
        if self.state is ReviewState.CONFIRMED:
            return "confirmed"
        if self.untouched:  # bead_views says so: not aligned yet, or what it waits for
            return self.untouched
        if self.state is ReviewState.MANUAL or self.score is None:
            return "changed by hand"
        weak = " weak" if self.state is ReviewState.WEAK else ""
        return f"proposed {self.score:.2f}{weak}"


def bead_views(doc: Document, weak_below: float) -> list[BeadView]:
    """Every bead of ``doc`` in order, weak below ``weak_below`` (the corpus's review cut);
    none for a document never aligned."""
    if not doc.links:
        return []
    alignment = Alignment.from_document(doc)
    return [
        BeadView(
            unit.bead + 1,
            unit.kk_ids,
            unit.en_ids,
            bead.review_state(weak_below),
            bead.score,
            unit.kk,
            unit.en,
            waiting_words(bead, alignment),
        )
        for unit, bead in zip(all_units(doc, alignment), alignment.beads, strict=True)
    ]


def waiting_words(bead: Bead, alignment: Alignment) -> str:
    """What a bead nobody touched (:attr:`Bead.never_touched`) of ``alignment`` waits for,
    in words: ``not aligned yet`` when the document has sentences of the other language
    that no bead pairs either (English imported, not aligned), else ``no English yet``
    (or Kazakh: nothing written on that side for it); "" for any other bead."""
    if not bead.never_touched:
        return ""
    mine, other = ("kk", "en") if bead.kk else ("en", "kk")
    if any(b.side(other) and not b.side(mine) for b in alignment.beads):
        return "not aligned yet"
    return f"no {'English' if other == 'en' else 'Kazakh'} yet"
