"""Exporting the Query screen's lines: ask for a file, confirm a replacement, write it.

The file's ending says the format: CSV, TSV or JSON one row per match, TMX one
unit per bead (:mod:`align.formats.matchlines`, as ``kopir query -o`` writes). "For
Excel" is ``kopir query --excel``'s CSV: a byte-order mark (else Excel shows the Kazakh
as mojibake) and a text cell that starts like a formula (``- Мемлекет…``) kept as text.
The lines are gathered and written in a worker thread and the report comes back
as a notification, sanitising changes included: the translator must know where
the TMX differs from the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Checkbox

from align.formats.hits import endings, hit_format
from align.formats.matchlines import export_lines
from corpus.errors import KopirError
from corpus.search.paging import LinePage
from corpus.search.query import QueryEngine
from corpus.wording import plural
from tui.dialogs.small import ConfirmDialog, PathDialog
from tui.widgets.tickbox import TickBox

#: Every line to export, gathered when the file is chosen (in the worker thread).
Lines = Callable[[], LinePage]


@dataclass(frozen=True)
class Target:
    """Where the Export dialog says to write the lines, and whether for Excel."""

    path: Path
    excel: bool = False


class HitExportDialog(PathDialog):
    """The file to write the lines to, and whether it is a CSV for Excel. Answers
    ``(Target, False)``: the question before replacing a file comes after it."""

    heading = "Export the lines shown (every page) to a file"
    placeholder = "hits.tmx"
    hint = (
        f"The ending says the format: {endings()}. For Excel: a CSV a spreadsheet opens "
        "with its Kazakh letters; plain CSV, TSV or JSON for R or pandas."
    )
    ok_label = "Export"
    file_for = "write"

    def __init__(self, value: str, excel: bool = False) -> None:
        super().__init__(value)
        self.excel = excel

    def options(self) -> ComposeResult:
        yield TickBox(EXCEL_LABEL, value=self.excel, id="excel", compact=True)

    def chosen(self, path: str) -> Target:
        return Target(Path(path).expanduser(), self.query_one("#excel", Checkbox).value)


EXCEL_LABEL = "For Excel (.csv: a byte-order mark, formulas as text)"


def ask_and_export(screen: Screen, engine: QueryEngine, lines: Lines) -> None:
    """Ask where to write the ``lines`` (asking again before replacing a file)."""

    def start(target: Target) -> None:
        screen.run_worker(
            partial(_export, screen, engine, lines, target),
            thread=True,
            group="query-export",
            description="export hits",
        )

    def replace_or_not(target: Target, replace: bool | None) -> None:
        if replace:
            start(target)

    def chosen(answer: tuple[Target, bool] | None) -> None:
        if answer is None:
            return
        target = answer[0]
        if target.path.exists():
            screen.app.push_screen(
                ConfirmDialog(f"{target.path} exists. Replace it?"),
                partial(replace_or_not, target),
            )
        else:
            start(target)

    # where the documents' exports go
    screen.app.push_screen(HitExportDialog(str(Path.cwd() / "exports" / "hits.tmx")), chosen)


def _export(screen: Screen, engine: QueryEngine, lines: Lines, target: Target) -> None:
    """The lines to the target's path in the format its ending names; the report as a
    notification (notify is thread-safe)."""
    app = screen.app
    path = target.path
    try:
        fmt = hit_format(path)  # a wrong ending is said before anything is read
        if target.excel and fmt != "csv":
            raise KopirError(f"For Excel writes CSV: end the name with .csv, not {path.suffix}")
        page = lines()
        if fmt == "tmx":  # it reads and checks the units' documents: seconds, not a blink
            app.notify(
                f"Writing {plural(page.units, 'unit')} to {path}…",
                title="Exporting hits",
                timeout=4,
                markup=False,
            )
        report = export_lines(engine.corpus, page, path, fmt, bom=target.excel)
    except KopirError as exc:
        app.notify(str(exc), severity="error", timeout=8, markup=False)
        return
    notes = [report.notice(), *(f"⚠ {w}" for w in page.warnings)]
    troubled = bool(report.changes or report.errors or report.stale or page.warnings)
    app.notify(
        "\n".join(notes),
        title="Exported hits",
        severity="warning" if troubled else "information",
        timeout=20 if troubled else 8,
        markup=False,  # paths and sentence ids are not markup
    )
