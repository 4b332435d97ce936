"""The translator's app where work could be lost or let in: re-aligning around
confirmed empty-side beads, control characters pasted into the edit box, and
unapplied typing when the app is quit or its terminal closes."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

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


def test_pasted_word_line_breaks_and_controls_are_cleaned_in_the_edit_box(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "e")
        await pilot.pause()
        area = ed.query_one(TextArea)
        area.text = ""
        app.post_message(
            events.Paste(  # as the terminal driver does: to the app
                "Pasted from Word,\x0bone sentence\x07 still."
            )
        )
        await pilot.pause()
        assert area.text == "Pasted from Word, one sentence\x07 still.", "VT is not a new line"
        notes: list[str] = []
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(1)[1] == ["Pasted from Word, one sentence still."]
        assert any("bead 2 (English)" in n and "U+0007" in n for n in notes), notes
        await pilot.press("ctrl+q")
        await pilot.pause()

    app = KopirApp(corpus, DOC)
    run(app, scenario)
    assert app.problems == [], "the document saved: Ctrl+Q exits cleanly"
    saved = {s.text for s in corpus.load(DOC).en.sentences()}
    assert "Pasted from Word, one sentence still." in saved
