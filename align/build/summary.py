"""What a build did, for the summary line, the progress bar and the report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from align.model import WEAK_BELOW


@dataclass
class Summary:
    """What a build did; ``rows`` is its report (id, kind, reason)."""

    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # built again and found equal to the corpus's file: not written
    skipped: int = 0  # recorded as built from the same pair: not even sent to a worker
    kept: int = 0  # not overwritten: translator's work, or open in the app
    failed: int = 0
    kk: int = 0  # sentences, beads, … of the documents built in this run
    en: int = 0
    beads: int = 0
    weak: int = 0  # unconfirmed beads below the corpus's review cut
    weak_below: float = WEAK_BELOW  # that cut
    errors: int = 0
    warnings: int = 0
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    report: Path | None = None
    interrupted: bool = False

    @property
    def done(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped + self.kept + self.failed


Progress = Callable[[Summary, str], None]
