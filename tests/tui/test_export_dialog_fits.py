"""The dialogs fit a terminal of 80 × 24: the export dialog's summary and its Export button
are shown, and the Add Kazakh and Import English dialogs from title to buttons.

Issue 19 (reviewing at 80 × 24): the summary of what the export takes and
the Export button were below the dialog's fold, reachable only by scrolling
a dialog that gave no sign it scrolled.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static

from tests.helpers import DOC, editor, settle, two_documents
from tui.app import KopirApp
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import ImportDialog, PathDialog, SourceDialog


def _shown(app: KopirApp, widget: Widget) -> bool:
    """Whether ``widget`` is drawn on the screen (at its middle, nothing over it)."""
    region = widget.region
    if not region.width or not region.height:
        return False
    found, _ = app.screen.get_widget_at(*region.center)
    return found is widget or widget in found.ancestors


def _wholly_shown(app: KopirApp, widget: Widget) -> bool:
    """Whether every cell of ``widget`` is drawn, nothing (a notification) over any."""
    region = widget.region
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            found, _ = app.screen.get_widget_at(x, y)
            if found is not widget and widget not in found.ancestors:
                return False
    return bool(region.area)


def test_the_summary_and_the_export_button_are_shown_at_80_by_24(tmp_path: Path) -> None:
    corpus = two_documents(tmp_path / "c")

    async def main() -> None:
        app = KopirApp(corpus, DOC)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            editor(app)
            await pilot.press("space", "x")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            summary = dialog.query_one("#summary", Static)
            assert "to export" in str(summary.render())
            assert _shown(app, summary)
            assert _shown(app, dialog.query_one("#export", Button))

    asyncio.run(main())


def test_notifications_from_before_do_not_cover_the_export_dialog_at_80_by_24(
    tmp_path: Path,
) -> None:
    # Found as a new user: the "Exported" report (eight lines at 80 columns) sat on the
    # export dialog opened again, over its summary, until it timed out.
    corpus = two_documents(tmp_path / "c")

    async def main() -> None:
        app = KopirApp(corpus, DOC)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            editor(app)
            report = "wrote 5 units to /tmp/exports/urker.tmx; left out 13 units: with one "
            app.notify(report * 3, title="Exported", timeout=30)
            await pilot.pause()
            await pilot.press("x")
            await settle(pilot)
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            for widget in [dialog.query_one("#summary", Static), *dialog.query(Button)]:
                assert _wholly_shown(app, widget), widget.id
            app.notify("news while it is open", timeout=30)  # still shown
            await pilot.pause()
            assert [n.message for n in app._notifications] == ["news while it is open"]

    asyncio.run(main())


def test_a_warning_or_error_up_when_a_dialog_opens_stays(tmp_path: Path) -> None:
    # Found in review: opening any dialog (F1, a confirmation during an import) cleared
    # every notification, an error the translator had not read yet among them.
    corpus = two_documents(tmp_path / "c")

    async def main() -> None:
        app = KopirApp(corpus, DOC)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await settle(pilot)
            editor(app)
            app.notify("wrote 5 units", title="Exported", timeout=30)
            app.notify("cannot write exports/: disk full", severity="error", timeout=30)
            app.notify("2 sentences were cleaned", severity="warning", timeout=30)
            await pilot.pause()
            await pilot.press("x")
            await settle(pilot)
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            assert sorted(n.severity for n in app._notifications) == ["error", "warning"]

    asyncio.run(main())


@pytest.mark.parametrize(("key", "dialog_class"), [("n", SourceDialog), ("i", ImportDialog)])
def test_the_add_and_import_dialogs_fit_80_by_24_title_to_buttons(
    tmp_path: Path, key: str, dialog_class: type[PathDialog]
) -> None:
    """With full-height boxes and buttons the Add Kazakh dialog was taller than the
    terminal: it opened scrolled to its path field, its title out of view."""
    corpus = two_documents(tmp_path / "c")

    async def main() -> None:
        app = KopirApp(corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, dialog_class)
            for widget in (
                dialog.query_one(".title"), dialog.query_one("#path"),
                *dialog.query(Checkbox), dialog.query_one("#ok"), dialog.query_one("#cancel"),
            ):  # fmt: skip
                assert _wholly_shown(app, widget), widget

    asyncio.run(main())
