"""The export dialog: it checks, then writes; refuses errors until told; remembers its
choices and asks before replacing a file.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select, TextArea

from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, kazakh_only_doc, make_doc, run, settle, untouched, users_file
from tui.app import KopirApp
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import ConfirmDialog


async def _refused_then_forced(
    pilot: Pilot, app: KopirApp, dialog: Screen, ed: Screen, out: Path
) -> None:
    """Export is refused while the checks find an error; ticking "export anyway" writes it."""
    await pilot.click("#export")
    await settle(pilot)
    assert app.screen is dialog and not out.exists()
    assert "refusing to export" in str(dialog.query_one("#summary").render())
    dialog.query_one("#force", Checkbox).value = True
    dialog.query_one("#path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen is ed, str(dialog.query_one("#summary").render())


def test_export_dialog_checks_then_writes_tmx(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("space")  # one confirmed bead, saved before exporting
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        summary = str(dialog.query_one("#summary").render())
        assert summary.startswith("1 unit to export, 22 left out")
        dialog.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed, "the dialog closes when the file is written"

    run(KopirApp(corpus, DOC), scenario)
    data = out.read_text("utf-8")
    assert data.count("<tu ") == 1 and 'xml:lang="kk-KZ"' in data


def test_export_dialog_refuses_errors_until_told(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("e")
        await pilot.pause()
        ed.query_one(TextArea).text = "word " * 500
        await pilot.press("ctrl+s", "space")  # an over-long segment, confirmed
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#format", Select).value = "tsv"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value.endswith(".tsv")
        dialog.query_one("#path", Input).value = str(out)
        await settle(pilot)
        assert "1 error," in str(dialog.query_one("#summary").render())
        await _refused_then_forced(pilot, app, dialog, ed, out)

    run(KopirApp(corpus, DOC), scenario)
    assert out.exists()


def test_export_remembers_its_choices_and_asks_before_replacing(
    corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "doc.tmx"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        box = dialog.query_one("#unconfirmed", Checkbox)
        assert "✓" not in str(box.render())
        box.value = True
        assert "✓" in str(box.render()), "a ticked box is shown by more than colour"
        dialog.query_one("#path", Input).value = str(out)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed and out.read_text("utf-8").count("<tu ") == 23
        users_file(out)
        await pilot.press("x")
        await settle(pilot)
        again = app.screen
        assert again.query_one("#unconfirmed", Checkbox).value, "the last choices come back"
        assert Path(again.query_one("#path", Input).value).parent == out.parent
        again.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "an existing file is not replaced unasked"
        await pilot.press("n")
        await settle(pilot)
        assert untouched(out)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert app.screen is ed and out.read_text("utf-8").count("<tu ") == 23

    run(KopirApp(corpus, DOC), scenario)


def test_the_translation_is_exported_as_text_from_the_app(tmp_path: Path) -> None:
    """A translator working in the app had no way to give the client the English article:
    every format of the export dialog gives units."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(
        kazakh_only_doc("news", "Аяз күшейеді", ["Түнде аяз болады.", "Жел соғады."], title="Аяз")
    )
    out = tmp_path / "news.txt"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        for bead, text in ((0, "Frost ahead"), (1, "Frost tonight.")):
            ed.session.set_texts(bead, "en", [text])
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#format", Select).value = "text"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value.endswith("news.txt")
        dialog.query_one("#path", Input).value = str(out)
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed, str(dialog.query_one("#summary").render())

    run(KopirApp(corpus, "news"), scenario)
    assert out.read_text("utf-8") == "Frost ahead\nFrost tonight.\n"


def test_the_text_export_checks_refuses_errors_and_greys_out_what_does_not_apply(
    tmp_path: Path,
) -> None:
    """The boxes for unconfirmed and empty beads did nothing for the text, which takes
    every sentence, and the text was written whatever the checks found."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("d", [("Иә.", "Yes."), ("Жоқ.", " "), ("Бар.", "")], status="auto"))
    out = tmp_path / "d.txt"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert not dialog.query_one("#unconfirmed", Checkbox).disabled
        dialog.query_one("#format", Select).value = "text"
        await settle(pilot)
        assert dialog.query_one("#unconfirmed", Checkbox).disabled
        assert dialog.query_one("#empty", Checkbox).disabled
        assert not dialog.query_one("#force", Checkbox).disabled
        summary = str(dialog.query_one("#summary").render())
        assert summary.startswith("Every sentence delivered, confirmed or not: 2 pairs checked")
        assert "1 bead with one side empty" in summary and "1 error," in summary
        dialog.query_one("#path", Input).value = str(out)
        await _refused_then_forced(pilot, app, dialog, ed, out)

    run(KopirApp(corpus, "d"), scenario)
    assert out.read_text("utf-8").startswith("Yes.")
