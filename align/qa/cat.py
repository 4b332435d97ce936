"""CAT readiness: which units of a document can never be exact matches in a CAT tool, and why.

A CAT tool with kopir's segmentation rules (``kopir export srx``) cuts the
Kazakh source text into kopir's sentences, and a TMX unit is an exact match
for a segment of exactly its Kazakh text. So a unit cannot become one when

* its Kazakh joins two or more sentences (a 2-1 bead): the tool offers them
  as separate segments, and neither is the unit's text;
* a side is empty (a 1-0 or 0-1 bead): there is no translation to give;
* ingest repaired its Kazakh (look-alike letters): the source file the
  translator opens still has the original spelling;
* its sentences were split or joined by hand: the rules cut the paragraph
  where the segmenter does, not where the editor did.

This is about a Kazakh → English project (the Kazakh is the source the tool
segments); it looks at every bead, confirmed or not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from align.formats.units import all_units
from corpus.model import BlockKind, Document
from corpus.text.structure import paragraph_spans, side_reader
from corpus.wording import plural

JOINED = "joined"
EMPTY = "empty"
REPAIRED = "repaired"
RESEGMENTED = "resegmented"


@dataclass(frozen=True)
class CatIssue:
    """One unit that cannot be an exact match: ``bead`` counts from 0, ``reason`` is a key."""

    doc_id: str
    bead: int
    reason: str
    message: str


@dataclass
class CatReport:
    """The units looked at and those that cannot be exact matches."""

    units: int = 0
    issues: list[CatIssue] = field(default_factory=list)

    def add(self, other: CatReport) -> None:
        self.units += other.units
        self.issues += other.issues

    def summary(self) -> str:
        """``CAT tools: 296 of 316 units can be exact matches; 20 cannot (joined: 18, …)``."""
        blocked = len({(i.doc_id, i.bead) for i in self.issues})
        line = (
            f"CAT tools: {self.units - blocked:,} of {plural(self.units, 'unit')} "
            "can be exact matches"
        )
        if not blocked:
            return line
        reasons = Counter(i.reason for i in self.issues)
        return (
            line
            + f"; {blocked:,} cannot ("
            + ", ".join(f"{reason}: {n:,}" for reason, n in reasons.most_common())
            + ")"
        )


def cat_readiness(doc: Document) -> CatReport:
    """The units of ``doc`` (its beads) that a CAT tool can never match exactly, with why."""
    units = all_units(doc)
    report = CatReport(units=len(units))
    repaired = {s.id for s in doc.kk.sentences() if s.text != s.original}
    resegmented = _resegmented(doc)
    for unit in units:
        issues = []
        if not unit.kk or not unit.en:
            side = "Kazakh" if not unit.kk else "English"
            issues.append((EMPTY, f"the {side} is empty: there is no translation to give"))
        elif len(unit.kk_ids) > 1:
            n = len(unit.kk_ids)
            issues.append(
                (JOINED, f"the Kazakh joins {n} sentences: a CAT tool offers them as {n} segments")
            )
        if any(sid in repaired for sid in unit.kk_ids):
            issues.append(
                (REPAIRED, "the Kazakh was repaired at ingest: the source text has the original")
            )
        if any(sid in resegmented for sid in unit.kk_ids):
            issues.append(
                (
                    RESEGMENTED,
                    "the Kazakh was split or joined by hand: a CAT tool cuts its paragraph "
                    "where kopir's segmenter does",
                )
            )
        report.issues += [CatIssue(doc.id, unit.bead, r, m) for r, m in issues]
    return report


def _resegmented(doc: Document) -> set[str]:
    """Ids of Kazakh sentences ingest would not give for their paragraph.

    The paragraph is cut as ingest cuts it (:func:`paragraph_spans`), dateline and all:
    the plain segmenter cuts ``ТАРАЗ. KAZINFORM – Мәтін`` after ``ТАРАЗ.``, so every
    paragraph an agency's dateline opens looked split by hand, though kopir's SRX rules
    cut it exactly as ingest did.
    """
    ids = set()
    texts = [" ".join(s.text for s in block.sentences) or block.text for block in doc.kk.blocks]
    read = side_reader(texts, doc.kk.lang)  # a Latin or Arabic-script side read as ingest does
    for block, text in zip(doc.kk.blocks, texts, strict=True):
        if block.kind in (BlockKind.FW, BlockKind.DATELINE) or not block.sentences:
            continue
        cut = {text[a:b] for a, b in paragraph_spans(text, doc.kk.lang, read)}
        ids |= {s.id for s in block.sentences if s.text not in cut}
    return ids
