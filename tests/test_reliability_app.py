"""The translator's app where work could be lost or let in: re-aligning around
confirmed empty-side beads, control characters pasted into the edit box, and
unapplied typing when the app is quit or its terminal closes."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Label

from align.edit import Confirm, InsertEmpty
from align.session import open_session
from corpus.storage.store import Corpus
from tests.test_tui import DOC, editor, run, settle, two_documents
from tui.app import KopirApp
from tui.dialogs.small import ConfirmDialog


def _corpus(tmp_path: Path) -> Corpus:
    return two_documents(tmp_path / "corpus")


def _screen_text(app: KopirApp) -> str:
    return "\n".join(
        "".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()
    )


def test_realign_in_the_app_keeps_a_confirmed_note_after_a_confirmed_bead(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    session = open_session(corpus, DOC)
    session.apply(InsertEmpty(4, "en"))  # bead 5: a 1-0 and a 0-1 (a translator's note)
    for i in (3, 4, 5):
        session.apply(Confirm(i))
    kept = session.alignment.beads[3:6]
    session.close()

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running and app.screen is ed
        assert ed.session.alignment.beads[3:6] == kept

    run(KopirApp(corpus, DOC), scenario)


def test_the_realign_question_wraps_instead_of_being_cut(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("K", "j", "j", "K")  # two beads changed by hand, not confirmed
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        label = app.screen.query_one(".title", Label)
        assert label.size.height >= 2, "the question is wrapped over several lines"
        assert label.size.width <= app.size.width
        flat = " ".join(_screen_text(app).split())
        assert "Re-align anyway?" in flat.replace("│ ", "").replace("█ ", "")
        await pilot.press("n")
        assert ed.session.alignment.beads[0].status == "auto"

    run(KopirApp(corpus, DOC), scenario)
