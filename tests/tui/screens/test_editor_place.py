"""A document reopened in the editor comes back where the translator left it: after
Escape and Enter on the documents screen, and after Ctrl+Q and ``kopir open`` again."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import DataTable, TextArea

from align.model import Alignment
from align.place import remember_place
from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, until
from tui.app import KopirApp
from tui.screens.editor import EditorScreen
from tui.widgets.edit_panel import EditPanel


def _at(app: KopirApp, bead: int) -> bool:
    """The editor is up, its cursor on ``bead`` (False while the screen is still being built)."""
    try:
        return isinstance(app.screen, EditorScreen) and app.screen.table.cursor == bead
    except NoMatches:
        return False


def test_escape_and_enter_come_back_to_the_same_bead(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press(*"jjjjj")
        assert editor(app).table.cursor == 5
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, EditorScreen))
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(DOC))
        await pilot.press("enter")
        await until(pilot, lambda: _at(app, 5))
        assert editor(app).table.cursor == 5, "the bead the translator left, not bead 1"

    run(KopirApp(corpus, DOC), scenario)


def test_quitting_and_opening_again_comes_back_to_the_same_bead(corpus: Corpus) -> None:
    async def leave(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press(*"jjjjjjj")
        assert editor(app).table.cursor == 7
        await pilot.press("ctrl+q")

    async def back(pilot: Pilot, app: KopirApp) -> None:
        await until(pilot, lambda: _at(app, 7))
        assert editor(app).table.cursor == 7

    run(KopirApp(corpus, DOC), leave)
    run(KopirApp(corpus, DOC), back)


def test_a_hit_opened_from_a_query_goes_to_the_hit_not_the_last_place(corpus: Corpus) -> None:
    async def leave(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press(*"jjjjjjj", "escape")
        await until(pilot, lambda: not isinstance(app.screen, EditorScreen))
        app.open_document(DOC, 2)  # what the Query screen does with a hit's bead
        await until(pilot, lambda: _at(app, 2))
        assert editor(app).table.cursor == 2

    run(KopirApp(corpus, DOC), leave)


def test_unfinished_typing_wins_over_the_remembered_place(corpus: Corpus) -> None:
    async def type_and_quit(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press(*"jjj", "e")
        await until(pilot, lambda: editor(app).query_one(EditPanel).is_open)
        editor(app).query_one(TextArea).text = "Half-typed sentence"
        await pilot.pause()
        await pilot.press("ctrl+q")

    async def back(pilot: Pilot, app: KopirApp) -> None:
        await until(pilot, lambda: _at(app, 3) and editor(app).query_one(EditPanel).is_open)
        ed = editor(app)
        assert ed.table.cursor == 3 and ed.query_one(EditPanel).bead == 3
        assert ed.query_one(TextArea).text == "Half-typed sentence"

    run(KopirApp(corpus, DOC), type_and_quit)
    remember_place(corpus, DOC, Alignment.from_document(corpus.load(DOC)), 6)  # elsewhere since
    run(KopirApp(corpus, DOC), back)
