"""The translator's app where work could be lost or let in: re-aligning around
confirmed empty-side beads, control characters pasted into the edit box, and
unapplied typing when the app is quit or its terminal closes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from align.edit import Confirm, InsertEmpty, ShiftUp
from align.model import Alignment, Bead
from align.opening import open_session
from align.session import Session
from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, settle, two_documents
from tui.app import KopirApp
from tui.cli.main import main
from tui.dialogs.small import ConfirmDialog
from tui.widgets.edit_panel import EditPanel


def _corpus(tmp_path: Path) -> Corpus:
    return two_documents(tmp_path / "corpus")


def _screen_text(app: KopirApp) -> str:
    return "\n".join(
        "".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()
    )


def _confirmed_note(corpus: Corpus) -> tuple[Session, tuple[Bead, ...]]:
    """An open session where beads 4 to 6 are confirmed, bead 5 split into a 1-0 and a 0-1
    (a translator's note); those three beads."""
    session = open_session(corpus, DOC)
    session.apply(InsertEmpty(4, "en"))
    for i in (3, 4, 5):
        session.apply(Confirm(i))
    return session, session.alignment.beads[3:6]


def test_realign_in_the_app_keeps_a_confirmed_note_after_a_confirmed_bead(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    session, kept = _confirmed_note(corpus)
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


def test_the_realign_question_about_one_bead_says_it(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        editor(app)
        await pilot.press("m", "r")  # one bead changed by hand (two merged), not confirmed
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = " ".join(str(app.screen.query_one(".title", Label).render()).split())
        assert "1 bead you changed by hand (✎) is not confirmed, and re-aligning may " in question
        assert "may change it (u undoes it). Confirm it first to keep it" in question
        await pilot.press("n")

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


def _type_and_leave(tmp_path: Path, leave: str) -> tuple[Corpus, KopirApp]:
    """Type into bead 2's English without applying it, then quit or lose the terminal."""
    corpus = _corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "e")
        await pilot.pause()
        ed.query_one(TextArea).text = "Typed, never applied."
        if leave == "ctrl+q":
            await pilot.press("ctrl+q")
        else:
            app._hang_up()  # what SIGHUP (the terminal closing) calls
        await pilot.pause()

    app = KopirApp(corpus, DOC)
    run(app, scenario)
    return corpus, app


@pytest.mark.parametrize("leave", ["ctrl+q", "sighup"])
def test_quitting_with_unapplied_typing_keeps_it_as_a_draft(tmp_path: Path, leave: str) -> None:
    corpus, app = _type_and_leave(tmp_path, leave)
    assert app.problems == []
    assert any("unfinished typing is kept" in note for note in app.notes), app.notes
    assert "Typed, never applied." not in {s.text for s in corpus.load(DOC).en.sentences()}

    async def scenario(pilot: Pilot, again: KopirApp) -> None:
        await pilot.pause()
        ed = editor(again)
        assert "back in the edit box" in ed.session.notice
        assert ed.query_one(EditPanel).is_open
        assert ed.query_one(TextArea).text == "Typed, never applied."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()

    again = KopirApp(corpus, DOC)
    run(again, scenario)
    assert again.notes == [] and again.problems == []
    assert "Typed, never applied." in {s.text for s in corpus.load(DOC).en.sentences()}
    assert not (corpus.root / ".kopir" / "journal" / f"{DOC}.log").exists(), "a clean end"


def test_kept_typing_blocks_a_command_with_a_message_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, _ = _type_and_leave(tmp_path, "ctrl+q")
    assert main(["--corpus", str(corpus.root), "realign", DOC]) == 1
    err = capsys.readouterr().err
    assert "unfinished typing kept" in err and f"kopir open {DOC}" in err, err


def test_an_edit_box_opened_and_left_as_it_was_keeps_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press("j", "e")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()

    app = KopirApp(corpus, DOC)
    run(app, scenario)
    assert app.notes == []
    assert not (corpus.root / ".kopir" / "journal" / f"{DOC}.log").exists()


def test_align_on_the_documents_screen_keeps_confirmed_empty_side_beads(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    session, kept = _confirmed_note(corpus)
    session.apply(ShiftUp(10, "en"))  # a wrong link the aligner puts right
    session.close()
    # Scored as if the aligner had proposed it: a bead changed by hand (no score) is kept
    # by a re-alignment that cannot be undone, as confirmed ones are.
    doc = corpus.load(DOC)
    alignment = Alignment.from_document(doc)
    beads = list(alignment.beads)
    beads[10] = dataclasses.replace(beads[10], score=0.9)
    doc.links = Alignment(alignment.kk, alignment.en, tuple(beads)).to_links()
    corpus.save(doc)
    wrong = beads[10]

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await pilot.press("a")  # the cursor is on the first document, DOC
        await settle(pilot)
        assert app.is_running

    run(KopirApp(corpus), scenario)
    after = Alignment.from_document(corpus.load(DOC))
    assert after.beads[3:6] == kept
    assert after.beads[10] != wrong, "the document was aligned again"


@pytest.mark.parametrize("leave", ["escape", "ctrl+q"])
def test_a_close_that_keeps_no_undo_history_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leave: str
) -> None:
    corpus = _corpus(tmp_path)
    monkeypatch.setattr("corpus.storage.journal.HISTORY_LIMIT", 10)  # any change is more
    said: list[str] = []

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        ed.session.apply(Confirm(0))
        app.notify = lambda message, **kw: said.append(str(message))  # type: ignore[method-assign]
        await pilot.press(leave)
        await pilot.pause()

    app = KopirApp(corpus, DOC)
    run(app, scenario)
    assert app.problems == []
    told = [n for n in said + app.notes if "undo history was not kept" in n]
    assert len(told) == 1 and "\n" not in told[0], (said, app.notes)
    note = corpus.root / ".kopir" / "journal" / f"{DOC}.history.note"
    # said on the screen: not again; said after exit (the terminal may be gone): again on opening
    assert note.exists() == (leave == "ctrl+q")
