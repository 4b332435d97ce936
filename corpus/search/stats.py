"""Corpus statistics: documents, sentences, words per language, beads, review progress.

The figures come from the search index (brought up to date first), which
counted them when it read each TEI file: sentences and words per side (words
as the search counts them, see ``corpus.search.searchtext``), beads by type
(``1-1``, ``2-1``, …, ``0-1``), confirmed beads, and sentences that no bead
covers.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from corpus.search.query import QueryEngine
from corpus.storage.store import Corpus


@dataclass
class DocStats:
    """The figures of one document, or of the whole corpus (``doc`` = "")."""

    doc: str
    title: str = ""
    date: str | None = None
    kk_sentences: int = 0
    en_sentences: int = 0
    kk_words: int = 0
    en_words: int = 0
    beads: int = 0
    confirmed: int = 0
    bead_types: Counter[str] = field(default_factory=Counter)
    unaligned_kk: int = 0
    unaligned_en: int = 0

    @property
    def confirmed_share(self) -> float | None:
        """Confirmed beads as a fraction of all beads (None when there are none)."""
        return self.confirmed / self.beads if self.beads else None

    def add(self, other: DocStats) -> None:
        for name in (
            "kk_sentences", "en_sentences", "kk_words", "en_words", "beads", "confirmed",
            "unaligned_kk", "unaligned_en",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.bead_types.update(other.bead_types)

    def as_dict(self) -> dict[str, object]:
        share = self.confirmed_share
        return {
            "doc": self.doc,
            "title": self.title,
            "date": self.date,
            "sentences": {"kk": self.kk_sentences, "en": self.en_sentences},
            "words": {"kk": self.kk_words, "en": self.en_words},
            "beads": self.beads,
            "confirmed": self.confirmed,
            "confirmed_percent": None if share is None else round(100 * share, 1),
            "bead_types": dict(sorted(self.bead_types.items(), key=_bead_order)),
            "unaligned_sentences": {"kk": self.unaligned_kk, "en": self.unaligned_en},
        }


def _bead_order(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


@dataclass
class CorpusStats:
    overall: DocStats
    documents: list[DocStats]
    failed: dict[str, str]  # documents that could not be read → why

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": len(self.documents),
            "overall": self.overall.as_dict(),
            "per_document": [d.as_dict() for d in self.documents],
            "unreadable": self.failed,
        }


def corpus_stats(engine: QueryEngine) -> CorpusStats:
    """Statistics of the corpus behind ``engine``, per document and overall."""
    report = engine.refresh()
    overall = DocStats("")
    documents = []
    rows = engine.index.conn.execute(
        "SELECT name, title, date, kk_sentences, en_sentences, kk_tokens, en_tokens, beads, "
        "confirmed, bead_types, unaligned_kk, unaligned_en FROM docs WHERE error IS NULL "
        "ORDER BY name"
    )
    for row in rows:
        doc = DocStats(*row[:9], Counter(json.loads(row[9])), *row[10:])
        documents.append(doc)
        overall.add(doc)
    return CorpusStats(overall, documents, dict(report.failed))


def stats(corpus: Corpus) -> CorpusStats:
    """Statistics of ``corpus`` (opens and closes an engine)."""
    with QueryEngine(corpus) as engine:
        return corpus_stats(engine)
