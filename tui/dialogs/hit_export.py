"""Exporting the Query screen's lines: ask for a file, confirm a replacement, write it.

The file's ending says the format: CSV, TSV or JSON one row per match, TMX one
unit per bead (:mod:`align.formats.matchlines`, as ``kopir query -o`` writes).
The lines are gathered and written in a worker thread and the report comes back
as a notification, sanitising changes included: the translator must know where
the TMX differs from the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.screen import Screen

from align.formats.hits import endings, hit_format
from align.formats.matchlines import export_lines
from corpus.errors import KopirError
from corpus.search.paging import LinePage
from corpus.search.query import QueryEngine
from corpus.wording import plural
from tui.dialogs.small import ConfirmDialog, PromptDialog

#: Every line to export, gathered when the file is chosen (in the worker thread).
Lines = Callable[[], LinePage]


def ask_and_export(screen: Screen, engine: QueryEngine, lines: Lines) -> None:
    """Ask where to write the ``lines`` (asking again before replacing a file)."""

    def start(path: Path) -> None:
        screen.run_worker(
            partial(_export, screen, engine, lines, path),
            thread=True,
            group="query-export",
            description="export hits",
        )

    def replace_or_not(path: Path, replace: bool | None) -> None:
        if replace:
            start(path)

    def chosen(name: str | None) -> None:
        if not (name and name.strip()):
            return
        path = Path(name.strip()).expanduser()
        if path.exists():
            screen.app.push_screen(
                ConfirmDialog(f"{path} exists. Replace it?"), partial(replace_or_not, path)
            )
        else:
            start(path)

    screen.app.push_screen(
        PromptDialog(
            "Export the lines shown (every page) to a file",
            "hits.tmx",
            str(Path.cwd() / "exports" / "hits.tmx"),  # where the documents' exports go
            f"The ending says the format: {endings()}.",
        ),
        chosen,
    )


def _export(screen: Screen, engine: QueryEngine, lines: Lines, path: Path) -> None:
    """The lines to ``path`` in the format its ending names; the report as a notification
    (notify is thread-safe)."""
    app = screen.app
    try:
        fmt = hit_format(path)  # a wrong ending is said before anything is read
        page = lines()
        if fmt == "tmx":  # it reads and checks the units' documents: seconds, not a blink
            app.notify(
                f"Writing {plural(page.units, 'unit')} to {path}…",
                title="Exporting hits",
                timeout=4,
                markup=False,
            )
        report = export_lines(engine.corpus, page, path, fmt)
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
