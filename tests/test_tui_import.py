"""Importing English in the app: the path completes as it is typed, and a failed import
brings the dialog back with the typed path and the error in the app's words."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from tests.test_tui import run, settle, two_documents
from tui.app import KopirApp
from tui.dialogs.paths import complete
from tui.dialogs.small import ImportDialog

DOC = "004_d23ac1e4305185a3"


def test_completion_of_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "english").mkdir()
    (tmp_path / "english" / "004.en.txt").write_text("x", "utf-8")
    (tmp_path / "english" / "004.en.docx").write_text("x", "utf-8")
    (tmp_path / "english" / "005.en.txt").write_text("x", "utf-8")
    assert complete("eng", tmp_path) == "english/"
    assert complete("english/00", tmp_path) is None  # 004 and 005: nothing more shared
    assert complete("english/004", tmp_path) == "english/004.en.txt"  # the text file first
    assert complete(f"{tmp_path}/english/005", tmp_path) == f"{tmp_path}/english/005.en.txt"
    assert complete("nothing-here", tmp_path) is None
    assert complete("english/004.en.txt", tmp_path) is None  # already whole


def test_a_failed_import_keeps_the_typed_path(tmp_path: Path) -> None:
    corpus = two_documents(tmp_path / "corpus")
    typed = str(tmp_path / "no-such-file.en.txt")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(DOC))
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = typed
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)  # back, not gone with what was typed
        assert dialog.query_one("#path", Input).value == typed
        error = str(dialog.query_one(".error", Label).render())
        assert "no-such-file.en.txt" in error and "--" not in error

    run(KopirApp(corpus), scenario)
