"""What writing query hits or match lines did: counts, what was left out, what sanitising changed.

The command line prints :meth:`HitExportReport.summary` and every warning; the app shows
:meth:`HitExportReport.notice`, short enough for a notification. Kept apart from the writers so
that both the table writers (:mod:`align.formats.hits`) and the TMX of hits
(:mod:`align.formats.hit_tmx`) fill in the one report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from align.formats.sanitize import TextChange
from corpus.wording import plural

#: Sanitising changes a one-message summary lists before counting the rest.
SHOWN_CHANGES = 3


@dataclass
class HitExportReport:
    """What writing hits did, for a translator to read.

    ``written`` counts what the file holds: translation units in TMX, hits
    otherwise. ``left_out`` are hits TMX cannot take (no text on one side, or
    no bead yet); ``stale`` the tuids of hits TMX left out because their bead
    is no longer in the document (edited since the search). ``errors``
    counts the units written with an error among their findings: unlike
    ``kopir export tmx``, a hits export does not refuse them, so it says so.
    ``changes`` are what sanitising the TMX changed.
    """

    path: Path | None
    format: str
    written: int = 0
    left_out: int = 0
    stale: list[str] = field(default_factory=list)
    errors: int = 0
    changes: list[TextChange] = field(default_factory=list)
    #: What a row is, and its plural, when not TMX: a hit (a unit), or a match line.
    rows: tuple[str, str] = ("hit", "hits")

    def summary(self) -> str:
        """One line: how much went where, and what was left out."""
        what = ("unit", "units") if self.format == "tmx" else self.rows
        where = f" to {self.path}" if self.path is not None else ""
        line = f"wrote {plural(self.written, *what)}{where}"
        if self.errors:
            line += f" ({self.errors:,} with quality-check errors: see their x-qa)"
        if self.left_out:
            line += f"; left out {plural(self.left_out, 'hit')} with no aligned counterpart"
        if self.stale:
            listed = ", ".join(self.stale[:SHOWN_CHANGES])
            more = " …" if len(self.stale) > SHOWN_CHANGES else ""
            line += (
                f"; left out {plural(len(self.stale), 'hit')} whose bead has changed since the "
                f"search (search again to export them): {listed}{more}"
            )
        return line

    def warnings(self) -> list[str]:
        """Every sanitising change, one line each (the CLI prints them all)."""
        return [f"sanitised {change.describe()}" for change in self.changes]

    def notice(self, most: int = SHOWN_CHANGES) -> str:
        """The summary and the first ``most`` warnings with a count of the rest:
        short enough for a notification, yet saying what changed and where."""
        lines = [self.summary()]
        if self.changes:
            n = len(self.changes)
            lines.append(
                f"⚠ sanitised {plural(n, 'character')} (the TMX differs from the corpus there):"
            )
            lines += [f"  {change.describe()}" for change in self.changes[:most]]
            if n > most:
                lines.append(f"  … and {n - most:,} more")
        return "\n".join(lines)
