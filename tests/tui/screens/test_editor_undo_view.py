"""Undo and redo in the editor show what they changed: the cursor goes to the bead.

A translator who confirms bead 1 (the cursor moves on), wanders off to the
last bead and presses ``u`` must see the bead that went back, not only read
"undid: confirm bead 1" in a notification while the table shows something else.
"""

from __future__ import annotations

from textual.pilot import Pilot

from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run
from tui.app import KopirApp


def test_undo_and_redo_move_the_cursor_to_the_bead_they_changed(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "space")  # confirm bead 3; the cursor moves on to 4
        assert ed.session.alignment.beads[2].status == "confirmed"
        await pilot.press("G")
        last = len(ed.session.alignment.beads) - 1
        assert ed.table.cursor == last
        await pilot.press("u")
        assert ed.session.alignment.beads[2].status == "auto"
        assert ed.table.cursor == 2, "undo shows the bead it changed"
        await pilot.press("G", "U")
        assert ed.session.alignment.beads[2].status == "confirmed"
        assert ed.table.cursor == 2, "redo shows the bead it changed"
        await pilot.press("m")  # merge beads 3 and 4, then undo from the top
        await pilot.press("g", "u")
        assert ed.table.cursor == 2

    run(KopirApp(corpus, DOC), scenario)


def test_nothing_to_undo_leaves_the_cursor(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "u")
        assert ed.table.cursor == 2

    run(KopirApp(corpus, DOC), scenario)
