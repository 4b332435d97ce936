"""At 80 × 24 every screen's footer shows Quit and Help, and F1 lists the keys it leaves out.

A new-user review at the classic terminal size: the documents screen's footer
lost ``X``, ``f5``, ``^q Quit`` and ``f1 Help`` past its right edge, and the
editor's key hints lost undo, ``n``, ``p``, ``x`` and help. The tests read the
rendered bottom row, not the bindings list.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import DataTable

from tests.helpers import DOC, editor, settle, slash_query, two_documents
from tui.app import HelpScreen, KopirApp
from tui.screens.documents import DocumentsScreen


def _bottom_row(app: KopirApp) -> str:
    return app.screen._compositor.render_strips()[-1].text


def _help_actions(app: KopirApp) -> set[str]:
    assert isinstance(app.screen, HelpScreen)
    table = app.screen.query_one(DataTable)
    return {str(table.get_row_at(row)[1]) for row in range(table.row_count)}


def _run(tmp_path: Path, doc_id: str | None, size: tuple[int, int], check) -> None:
    corpus = two_documents(tmp_path / "corpus")

    async def main() -> None:
        app = KopirApp(corpus, doc_id)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.pause(0.2)
            await check(app, pilot)

    asyncio.run(main())


def test_the_documents_footer_shows_quit_and_help_at_80_columns(tmp_path: Path) -> None:
    async def check(app: KopirApp, pilot) -> None:
        assert isinstance(app.screen, DocumentsScreen)
        row = _bottom_row(app)
        for label in ("^q Quit", "f1 Help", "⏎ Open", "i Import English", "a Align", "Export"):
            assert label in row, (label, row)
        await pilot.press("f1")
        await settle(pilot)
        assert {"Reload", "Export all", "Export"} <= _help_actions(app)

    _run(tmp_path, None, (80, 24), check)


def test_the_editor_hints_show_quit_and_help_at_80_columns(tmp_path: Path) -> None:
    async def check(app: KopirApp, pilot) -> None:
        editor(app)
        row = _bottom_row(app)
        for label in ("^q quit", "f1/? help", "space confirm", "edit", "undo", "n next to do"):
            assert label in row, (label, row)
        assert "…" not in row  # hints left out whole, none cut in the middle
        await pilot.press("f1")
        await settle(pilot)
        assert {"Split", "Quality panel", "Export", "Pull sentence up"} <= _help_actions(app)

    _run(tmp_path, DOC, (80, 24), check)


def test_the_editor_help_shows_ten_keys_at_once_at_80_by_24(tmp_path: Path) -> None:
    """The help box took 90% of the height with padding, and the legend above the keys
    left five rows of the editor's thirty in view at 80 × 24."""

    async def check(app: KopirApp, pilot) -> None:
        editor(app)
        await pilot.press("f1")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.scrollable_content_region.height - table.header_height >= 10

    _run(tmp_path, DOC, (80, 24), check)


def test_the_editor_hints_are_all_shown_on_a_wide_terminal(tmp_path: Path) -> None:
    async def check(app: KopirApp, pilot) -> None:
        editor(app)
        row = _bottom_row(app)
        for label in ("s split", "J push down", "tab side", "p checks", "x export", "^q quit"):
            assert label in row, (label, row)

    _run(tmp_path, DOC, (160, 40), check)


def test_the_query_footer_shows_quit_and_help_at_80_columns(tmp_path: Path) -> None:
    async def check(app: KopirApp, pilot) -> None:
        await slash_query(pilot)
        await settle(pilot)
        row = _bottom_row(app)
        for label in ("^q Quit", "f1 Help", "Back"):
            assert label in row, (label, row)

    _run(tmp_path, None, (80, 24), check)
