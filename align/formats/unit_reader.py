"""Reading documents as units, for work that goes over a corpus more than once.

An export checks the units it will write before writing any (it must refuse
on errors, and each written unit carries its findings), so it goes over the
documents twice; the checks' messages quote texts of a third look. Parsing
the TEI is most of the cost of a pass, so :class:`UnitReader` keeps what a
pass read for the next, up to a number of units: a corpus of usual size is
parsed once, a huge one still runs in bounded memory (documents past the
budget are read again when asked for).
"""

from __future__ import annotations

from dataclasses import dataclass

from align.formats.units import Unit, all_units
from corpus.model import Document
from corpus.storage.store import Corpus

#: Units kept between passes, at most: about 0.5 KB each with their texts.
KEEP_UNITS = 250_000


@dataclass(frozen=True)
class DocumentUnits:
    """What the checks and the exports need of one document."""

    doc_id: str
    aligned: bool  # whether it has links at all
    kk_sentences: int
    en_sentences: int
    units: list[Unit]

    @classmethod
    def of(cls, doc: Document, units: list[Unit] | None = None) -> DocumentUnits:
        """``doc``'s units (``units``: already made from it, say from an editor's alignment)."""
        kk, en = len(doc.kk.sentences()), len(doc.en.sentences())
        return cls(doc.id, bool(doc.links), kk, en, all_units(doc) if units is None else units)


class UnitReader:
    """Documents' units, read from the corpus once while they fit in ``keep`` units."""

    def __init__(self, corpus: Corpus, keep: int | None = None) -> None:
        self.corpus = corpus
        self.keep = KEEP_UNITS if keep is None else keep
        self.reads = 0  # documents parsed, for tests and benchmarks
        self._kept: dict[str, DocumentUnits] = {}
        self._kept_units = 0

    def read(self, doc_id: str) -> DocumentUnits:
        """A document's units: remembered if read before and kept, else parsed now."""
        found = self._kept.get(doc_id)
        if found is not None:
            return found
        self.reads += 1
        return self.remember(self.corpus.load(doc_id))

    def remember(self, doc: Document) -> DocumentUnits:
        """``doc``'s units, kept for a later :meth:`read` (as one read from the corpus is):
        for a pass that needs the document itself and parsed it already."""
        found = DocumentUnits.of(doc)
        if self._kept_units + len(found.units) <= self.keep:
            self._kept[doc.id] = found
            self._kept_units += len(found.units)
        return found

    def forget(self, doc_id: str) -> None:
        """Drop a document no later pass needs (its memory goes back to the budget)."""
        dropped = self._kept.pop(doc_id, None)
        if dropped is not None:
            self._kept_units -= len(dropped.units)
