"""One line of facts per document: what the documents screen and ``kopir ls`` show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from align.model import Alignment
from align.navigate import weak
from corpus.folder import english_of
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
    source_file: str = ""  # the text it was ingested from, as recorded in the TEI

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


def summarize(
    doc: Document, weak_below: float, alignment: Alignment | None = None
) -> DocumentSummary:
    """``doc``'s facts; beads are weak below ``weak_below``, the corpus's review cut.
    ``alignment``: ``doc``'s stored one, made already by the caller."""
    beads = (alignment or Alignment.from_document(doc)).beads if doc.links else ()
    is_weak = weak(weak_below)
    return DocumentSummary(
        doc_id=doc.id,
        title=doc.meta.title,
        date=doc.meta.date or "",
        kk=len(doc.kk.sentences()),
        en=len(doc.en.sentences()),
        beads=len(beads),
        confirmed=sum(b.status == "confirmed" for b in beads),
        weak=sum(is_weak(i, b) for i, b in enumerate(beads)),
        source_file=doc.meta.source_file,
    )


def english_beside(source_file: str, folders: Iterable[Path]) -> Path | None:
    """``x.en.txt`` for a document ingested from ``x.txt`` or ``x.kk.txt``
    (:func:`corpus.folder.english_of`): the first of ``folders`` holding it."""
    if not source_file:
        return None
    name = english_of(Path(source_file)).name
    return next((f / name for f in folders if (f / name).is_file()), None)
