"""The glossary in the editor: t adds a term from the bead (a dialog with both sides), the
edit box of a bead's English shows the terms in its Kazakh with their English, F6 inserts
one, and the checks flag the bead at once."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from corpus.glossary import add_term, load_glossary, make_term
from corpus.storage.store import Corpus
from tests.helpers import editor, make_doc, run, settle
from tui.app import KopirApp
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import TermDialog
from tui.widgets.edit_panel import EditPanel
from tui.widgets.text_line import TextLine


def corpus(root: Path) -> Corpus:
    store = Corpus(root)
    store.save(
        make_doc(
            "d",
            [("Қазақстан Республикасының Парламенті жиналды.", "The Senate met."), ("Иә.", "Yes.")],
        )
    )
    return store


async def fill(pilot: Pilot, app: KopirApp, kk: str, en: str) -> None:
    dialog = app.screen
    assert isinstance(dialog, TermDialog)
    dialog.query_one("#term-kk", Input).value = kk
    dialog.query_one("#term-en", Input).value = en
    dialog.query_one("#term-en", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


def test_add_a_term_see_it_while_translating_insert_it_and_get_it_checked(
    tmp_path: Path,
) -> None:
    store = corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("t")
        await pilot.pause()
        shown = " ".join(str(label.render()) for label in app.screen.query(".reference"))
        assert "Парламенті жиналды" in shown and "The Senate met." in shown
        await fill(pilot, app, "Сенат", " ")  # no English: said in the dialog, which stays
        assert isinstance(app.screen, TermDialog)
        error = str(app.screen.query_one("#term-error", Label).render())
        assert error == "the term 'Сенат' has no English rendering"
        await fill(pilot, app, "Парламент", "Parliament")
        assert app.screen is ed
        assert [t.kk for t in load_glossary(store.root).terms] == ["Парламент"]
        await pilot.pause(1.2)  # the re-check after a change
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [f.bead for f in ed.findings if f.check == "glossary-term"] == [0]
        await pilot.press("e")  # edit bead 1's English (the active side at first)
        await app.workers.wait_for_complete()
        await pilot.pause()
        line = app.screen.query_one("#edit-terms", TextLine)
        assert line.display and line._text == "Terms: F6 Парламент → Parliament"
        area = app.screen.query_one(TextArea)
        area.load_text("The ")
        area.move_cursor(area.document.end)
        await pilot.press("f6")
        await pilot.pause()
        assert area.text == "The Parliament"
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query_one("#edit-terms", TextLine).display
        assert not app.screen.query_one(EditPanel).is_open

    run(KopirApp(store, "d"), scenario)


def test_no_terms_no_line(tmp_path: Path) -> None:
    store = corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#edit-terms", TextLine).display

    run(KopirApp(store, "d"), scenario)


def test_the_export_dialog_writes_the_glossary_beside_a_tmx(tmp_path: Path) -> None:
    store = corpus(tmp_path / "c")
    add_term(store.root, make_term("Парламент", ["Parliament"]))
    out = tmp_path / "job.tmx"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one("#glossary", Checkbox)
        assert not box.disabled and not box.value
        dialog.query_one("#format", Select).value = "tsv"
        await pilot.pause()
        assert box.disabled  # only a TMX goes to a CAT tool with a termbase
        dialog.query_one("#format", Select).value = "tmx"
        await pilot.pause()
        box.value = True
        dialog.query_one("#path", Input).value = str(out)
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed

    run(KopirApp(store, "d"), scenario)
    assert out.is_file()
    assert b"<term>Parliament</term>" in (tmp_path / "job.tbx").read_bytes()
