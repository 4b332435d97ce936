"""The export dialog refuses a file ending that is not the format's before anything else:
no "Replace it?" for a file it would not write, the one-line reason in the dialog."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, settle, untouched, users_file
from tui.app import KopirApp
from tui.dialogs.export import ExportDialog


def test_an_ending_not_the_formats_is_refused_before_asking_to_replace(
    corpus: Corpus, tmp_path: Path
) -> None:
    out = users_file(tmp_path / "memory.xlsx")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        editor(app)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog, "no question about replacing a file it will not write"
        summary = str(dialog.query_one("#summary").render())
        assert "memory.xlsx: a TMX file ends in .tmx" in summary and "memory.tmx" in summary

    run(KopirApp(corpus, DOC), scenario)
    assert untouched(out)
