"""A quality finding: which check, how serious, where, and what a translator should know."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from align.qa.catalog import ORDER, SEVERITIES, Severity
from corpus.wording import plural

Where = Literal["kk", "en", "both", ""]
RANK = {s: i for i, s in enumerate(SEVERITIES)}  # error first


@dataclass(frozen=True)
class Finding:
    """One finding of one check.

    ``bead`` is the 0-based index of the bead in the document's alignment,
    or -1 for a finding about the whole document; messages and ``kopir
    check`` show beads counted from 1, as the editor does. ``side`` says which
    text the finding is about: ``kk``, ``en``, ``both``, or ``""`` when it
    is about the bead or document rather than a text.
    """

    check: str
    severity: Severity
    doc_id: str
    bead: int
    message: str
    side: Where = ""

    @property
    def where(self) -> str:
        """``003_…, bead 5`` (1-based), or just the document for document-level findings."""
        return self.doc_id if self.bead < 0 else f"{self.doc_id}, bead {self.bead + 1}"

    def qa_label(self) -> str:
        """``warning:numbers``: how the finding is named in a TMX ``x-qa`` property."""
        return f"{self.severity}:{self.check}"


def qa_labels(findings: Iterable[Finding]) -> dict[tuple[str, int], tuple[str, ...]]:
    """Each bead's findings as TMX ``x-qa`` labels, by (document, bead), in the findings' order.

    Every TMX kopir writes labels its units from this one mapping, so that a
    bead carries the same ``x-qa`` whichever export wrote it.
    """
    labels: dict[tuple[str, int], list[str]] = {}
    for finding in findings:
        labels.setdefault((finding.doc_id, finding.bead), []).append(finding.qa_label())
    return {where: tuple(found) for where, found in labels.items()}


def sort_key(finding: Finding) -> tuple[int, int, int]:
    """Bead order; in a bead the most serious first, then in catalogue order."""
    return (finding.bead, RANK[finding.severity], ORDER.get(finding.check, len(ORDER)))


def summarise(findings: Iterable[Finding]) -> Counter[tuple[Severity, str]]:
    """How many findings of each (severity, check)."""
    return Counter((f.severity, f.check) for f in findings)


def worst_by_bead(findings: Iterable[Finding]) -> dict[int, str]:
    """Each flagged bead's worst severity, error or warning (notes do not flag a bead)."""
    flags: dict[int, str] = {}
    for f in findings:
        if f.bead >= 0 and f.severity in ("error", "warning") and flags.get(f.bead) != "error":
            flags[f.bead] = f.severity
    return flags


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def count_line(findings: Iterable[Finding], by_check: bool = False) -> str:
    """``3 errors, 1 warning, 0 notes``: the count every summary of the checks gives.

    ``by_check`` names each severity's checks beside its count, most found first
    (``1 warning (numbers: 1), 2 notes (unconfirmed: 2)``), so that no check reads
    as counted under a severity it is not.
    """
    findings = list(findings)
    counts = count_by_severity(findings)
    per_check = summarise(findings)
    words = {"error": "error", "warning": "warning", "info": "note"}
    parts = []
    for severity in SEVERITIES:
        checks = sorted(
            ((n, check) for (s, check), n in per_check.items() if s == severity),
            key=lambda pair: (-pair[0], pair[1]),
        )
        named = ", ".join(f"{check}: {n}" for n, check in checks)
        part = plural(counts[severity], words[severity])
        parts.append(f"{part} ({named})" if by_check and named else part)
    return ", ".join(parts)
