"""One line of facts per document: what the documents screen and ``kopir ls`` show."""

from __future__ import annotations

from dataclasses import dataclass

from align.model import Alignment
from align.navigate import weak
from corpus.model import Document


@dataclass(frozen=True)
class DocumentSummary:
    doc_id: str
    title: str
    date: str
    kk: int  # Kazakh sentences
    en: int  # English sentences
    beads: int  # 0 while the document has no links
    confirmed: int
    weak: int  # unconfirmed beads the aligner was unsure of

    @property
    def confirmed_share(self) -> float:
        return self.confirmed / self.beads if self.beads else 0.0

    @property
    def state(self) -> str:
        """Where the document is in the translator's work, in words."""
        if not self.en:
            return "no English"
        if not self.beads:
            return "not aligned"
        if self.confirmed == self.beads:
            return "done"
        return "in review" if self.confirmed else "to review"


def summarize(doc: Document) -> DocumentSummary:
    beads = Alignment.from_document(doc).beads if doc.links else ()
    return DocumentSummary(
        doc_id=doc.id,
        title=doc.meta.title,
        date=doc.meta.date or "",
        kk=len(doc.kk.sentences()),
        en=len(doc.en.sentences()),
        beads=len(beads),
        confirmed=sum(b.status == "confirmed" for b in beads),
        weak=sum(weak(i, b) for i, b in enumerate(beads)),
    )
