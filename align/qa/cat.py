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
  where the segmenter does, not where the editor did;
* kopir's rules themselves cut its paragraph otherwise than ingest did (SRX cannot say
  everything ingest does: how it read a whole side or paragraph, say).

What the CAT tool will do is asked of the rules themselves: each paragraph is cut with
:func:`~corpus.text.srx_rules.split_with_rules` (the rules as ``kopir export srx``
writes them, applied as SRX says, as OmegaT does), and a unit is an exact match only if
its Kazakh is one of those segments. Ingest's own cut (:func:`paragraph_spans`) only tells
a sentence split by hand from one the rules cut otherwise.

This is about a Kazakh → English project (the Kazakh is the source the tool
segments); it looks at every bead, confirmed or not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from align.formats.units import all_units
from corpus.model import BlockKind, Document
from corpus.text.srx_rules import split_with_rules
from corpus.text.structure import paragraph_spans, side_reader
from corpus.wording import plural

JOINED = "joined"
EMPTY = "empty"
REPAIRED = "repaired"
RESEGMENTED = "resegmented"
CUT_OTHERWISE = "cut-otherwise"


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
    paragraphs = _paragraphs(doc)
    for unit in units:
        issues = []
        cut = paragraphs.get(unit.kk_ids[0]) if unit.kk_ids else None
        offered = cut is None or unit.kk in cut.segments
        if not unit.kk or not unit.en:
            side = "Kazakh" if not unit.kk else "English"
            issues.append((EMPTY, f"the {side} is empty: there is no translation to give"))
        elif len(unit.kk_ids) > 1 and not offered:
            n = len(unit.kk_ids)
            issues.append(
                (JOINED, f"the Kazakh joins {n} sentences: a CAT tool offers them as {n} segments")
            )
        if any(sid in repaired for sid in unit.kk_ids):
            issues.append(
                (REPAIRED, "the Kazakh was repaired at ingest: the source text has the original")
            )
        by_hand = [sid for sid in unit.kk_ids if sid in paragraphs and paragraphs[sid].by_hand]
        if by_hand:
            issues.append(
                (
                    RESEGMENTED,
                    "the Kazakh was split or joined by hand: a CAT tool cuts its paragraph "
                    "where kopir's segmenter does",
                )
            )
        elif unit.kk and len(unit.kk_ids) == 1 and not offered:
            assert cut is not None  # offered without a paragraph
            where = next((seg for seg in cut.segments if unit.kk in seg), None)
            instead = f": it offers «{where}»" if where else ""
            issues.append(
                (
                    CUT_OTHERWISE,
                    "kopir's SRX rules cut this paragraph otherwise than ingest did, "
                    f"so a CAT tool with them offers no segment of this text{instead}",
                )
            )
        report.issues += [CatIssue(doc.id, unit.bead, r, m) for r, m in issues]
    return report


@dataclass(frozen=True)
class _Cut:
    """A sentence's paragraph as the CAT tool cuts it, and whether ingest would not have
    given the sentence (it was split or joined by hand)."""

    segments: frozenset[str]
    by_hand: bool


def _paragraphs(doc: Document) -> dict[str, _Cut]:
    """Each Kazakh sentence's :class:`_Cut`, by id.

    The CAT tool cuts with kopir's SRX rules (:func:`split_with_rules`), datelines and
    all. Ingest's cut is :func:`paragraph_spans`, dateline and all: the plain segmenter
    cuts ``ТАРАЗ. KAZINFORM – Мәтін`` after ``ТАРАЗ.``, so every paragraph an agency's
    dateline opens looked split by hand, though it was cut as ingest cut it. Page furniture
    is no unit's; a dateline block is cut only by the rules (ingest took it whole).
    """
    cuts = {}
    lang = doc.kk.lang
    texts = [" ".join(s.text for s in block.sentences) or block.text for block in doc.kk.blocks]
    read = side_reader(texts, lang)  # a Latin or Arabic-script side read as ingest does
    for block, text in zip(doc.kk.blocks, texts, strict=True):
        if block.kind == BlockKind.FW or not block.sentences:
            continue
        segments = frozenset(split_with_rules(text, lang, structure=True))
        ingest = (
            {text[a:b] for a, b in paragraph_spans(text, lang, read)}
            if block.kind != BlockKind.DATELINE
            else None
        )
        for s in block.sentences:
            cuts[s.id] = _Cut(segments, ingest is not None and s.text not in ingest)
    return cuts
