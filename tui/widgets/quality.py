"""The quality panel: the document's findings, each a row that jumps to its bead.

The checks themselves are ``align.qa``; the editor re-runs them in a worker
after every change and hands the findings here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label

from align.qa import Finding
from align.qa.findings import count_line
from tui.widgets.findings_list import FindingsList
from tui.widgets.text_line import TextLine

SYMBOL = {"error": "✖ error", "warning": "▲ warning", "info": "· note"}
#: Findings listed at most (the list is rebuilt after every edit).
MAX_ROWS = 500
#: Checks whose findings the bead table already shows in every row.
SHOWN_IN_TABLE = {"unconfirmed"}


class QualityPanel(Vertical):
    """A list of findings under the bead table, shown and hidden with a key."""

    BINDINGS = [Binding("escape", "hide", "Hide panel", id="quality.hide")]

    DEFAULT_CSS = """
    QualityPanel {
        display: none;
        height: 12;
        border-top: thick $warning;
        background: $panel;
    }
    QualityPanel #quality-summary { padding: 0 1; text-style: bold; }
    QualityPanel FindingsList { height: 1fr; }
    QualityPanel #quality-detail { height: 2; padding: 0 1; background: $panel; }
    """

    @dataclass
    class Jump(Message):
        bead: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.findings: list[Finding] = []
        self._pending: list[Finding] | None = None  # shown when the panel opens

    def compose(self) -> ComposeResult:
        yield Label("Quality checks: not run yet", id="quality-summary")
        yield FindingsList(id="quality-table")
        # The highlighted finding whole: the list's message column cuts most messages
        # (at 80 columns it holds 34 characters).
        yield TextLine(wrap=True, id="quality-detail")

    # Shown and hidden through ``display``, not a CSS class: a class change makes
    # Textual match the stylesheet against the panel and its table again, a few
    # milliseconds the translator pays on every ``p`` for a look that never changes.

    @property
    def is_open(self) -> bool:
        return self.display

    class Hidden(Message):
        """The panel was closed from inside: focus goes back to the beads."""

    def action_hide(self) -> None:
        self.display = False
        self.post_message(self.Hidden())

    def toggle(self) -> None:
        self.display = not self.display
        if self.is_open:
            if self._pending is not None:
                self._fill(self._pending)
            self.query_one(FindingsList).focus()

    def show(self, findings: list[Finding]) -> None:
        """Take new findings; the list is only rebuilt while the panel is open."""
        if self.is_open:
            self._fill(findings)
        else:
            self._pending = findings

    def _fill(self, findings: list[Finding]) -> None:
        """List the findings, leaving out what the bead table shows already (unconfirmed)."""
        self._pending = None
        counts = count_line(findings)
        listed = [f for f in findings if f.check not in SHOWN_IN_TABLE]
        hidden = len(findings) - len(listed)
        self.findings = findings = listed
        self.query_one("#quality-summary", Label).update(
            f"Quality checks: {counts}"
            + (f" ({hidden} unconfirmed beads, marked in the table)" if hidden else "")
            + ("   Enter jumps to the bead; p hides this panel" if listed else "")
        )
        doc = findings[0].doc_id if findings else ""
        rows = [
            (
                "doc" if f.bead < 0 else str(f.bead + 1),
                SYMBOL.get(f.severity, f.severity),
                f.check,
                f.message,
            )
            for f in findings[:MAX_ROWS]
        ]
        if len(findings) > MAX_ROWS:
            more = f"… {len(findings) - MAX_ROWS:,} more: kopir check {doc} lists them all"
            rows.append(("", "", "", more))
        table = self.query_one(FindingsList)
        table.set_rows(rows)
        if findings:
            table.cursor = min(table.cursor, min(len(findings), MAX_ROWS) - 1)
        self._show_detail(table.cursor)

    @on(FindingsList.Highlighted)
    def _highlighted(self, event: FindingsList.Highlighted) -> None:
        event.stop()
        self._show_detail(event.row)

    def _show_detail(self, row: int) -> None:
        """The finding on ``row`` in full, under the list (nothing for the "… more" line)."""
        detail = ""
        if 0 <= row < min(len(self.findings), MAX_ROWS):
            finding = self.findings[row]
            where = "document" if finding.bead < 0 else f"bead {finding.bead + 1}"
            detail = f"{where} · {finding.check}: {finding.message}"
        self.query_one("#quality-detail", TextLine).show(detail)

    @on(FindingsList.Selected)
    def _selected(self, event: FindingsList.Selected) -> None:
        event.stop()
        if event.row >= min(len(self.findings), MAX_ROWS):
            return  # the "… more" line
        finding = self.findings[event.row]
        if finding.bead >= 0:
            self.post_message(self.Jump(finding.bead))
