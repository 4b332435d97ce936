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
from textual.widgets import DataTable, Label

from align.qa import Finding
from align.qa.findings import count_line

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
    QualityPanel.open { display: block; }
    QualityPanel #quality-summary { padding: 0 1; text-style: bold; }
    QualityPanel DataTable { height: 1fr; }
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
        yield DataTable(cursor_type="row", zebra_stripes=True, id="quality-table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("bead", width=6)
        table.add_column("severity", width=10)
        table.add_column("check", width=22)
        table.add_column("message")

    @property
    def is_open(self) -> bool:
        return self.has_class("open")

    class Hidden(Message):
        """The panel was closed from inside: focus goes back to the beads."""

    def action_hide(self) -> None:
        self.remove_class("open")
        self.post_message(self.Hidden())

    def toggle(self) -> None:
        self.toggle_class("open")
        if self.is_open:
            if self._pending is not None:
                self._fill(self._pending)
            self.query_one(DataTable).focus()

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
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for n, f in enumerate(findings[:MAX_ROWS]):
            bead = "doc" if f.bead < 0 else str(f.bead + 1)
            table.add_row(bead, SYMBOL.get(f.severity, f.severity), f.check, f.message, key=str(n))
        if len(findings) > MAX_ROWS:
            more = f"… {len(findings) - MAX_ROWS:,} more: kopir check {doc} lists them all"
            table.add_row("", "", "", more, key="more")
        if findings:
            table.move_cursor(row=min(row, min(len(findings), MAX_ROWS) - 1))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value == "more":
            return
        finding = self.findings[int(str(event.row_key.value))]
        if finding.bead >= 0:
            self.post_message(self.Jump(finding.bead))
