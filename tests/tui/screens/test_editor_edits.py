"""The alignment editor's edits, driven key by key with Textual's pilot: confirm, merge,
split, shift, type, realign and undo, what reaches the disk, and a locked or crashed
session (read-only, unfinished typing offered back).

Each test starts the real app on a corpus built from the seeds, presses the
keys a translator would, and checks what the session holds and what reached
the disk.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from align.model import Alignment
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.journal import Journal
from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, settle
from tui.app import KopirApp
from tui.dialogs.small import ConfirmDialog, SplitDialog
from tui.screens.editor import EditorScreen
from tui.screens.query import QueryScreen
from tui.widgets.edit_panel import EditPanel


def on_disk(corpus: Corpus) -> Alignment:
    return Alignment.from_document(corpus.load(DOC))


def test_confirm_merge_undo_redo_reach_the_disk(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        beads = len(ed.session.alignment.beads)
        await pilot.press("space")
        assert ed.session.alignment.beads[0].status == "confirmed"
        assert ed.table.cursor == 1, "confirming moves on to the next bead"
        await pilot.press("m")
        assert len(ed.session.alignment.beads) == beads - 1
        await pilot.press("u")
        assert len(ed.session.alignment.beads) == beads
        await pilot.press("U")
        assert len(ed.session.alignment.beads) == beads - 1
        assert ed.session.saver is not None and ed.session.saver.flush()
        assert on_disk(corpus) == ed.session.alignment
        await pilot.press("escape")  # back to the documents; the session ends cleanly
        await pilot.pause()
        assert not Journal(corpus.root, DOC).pending

    run(KopirApp(corpus, DOC), scenario)


def test_toggle_and_confirm_all_above(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("c")
        assert ed.session.alignment.beads[0].status == "confirmed"
        await pilot.press("c")
        assert ed.session.alignment.beads[0].status == "auto"
        await pilot.press("j", "j", "j", "C")
        statuses = [b.status for b in ed.session.alignment.beads[:5]]
        assert statuses == ["confirmed"] * 4 + ["auto"]

    run(KopirApp(corpus, DOC), scenario)


def test_split_a_bead_in_the_dialog(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        two = next(i for i, b in enumerate(ed.session.alignment.beads) if b.kind == "1-2")
        ed.table.move_to(two)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        options = dialog.query_one(OptionList)
        assert options.option_count == 4  # 1-2 splits: (0,1) (0,2) (1,0) (1,1)
        (a, b) = dialog.points()[options.highlighted]
        assert (a, b) == (1, 1), "the proportional split is offered first"
        rows = [str(options.get_option_at_index(n).prompt) for n in range(4)]
        assert all(len(row.splitlines()) == 2 for row in rows)
        widest = max(cell_len(line) for row in rows for line in row.splitlines())
        assert widest <= options.scrollable_content_region.width, "a choice wraps"
        marked = [n for n, row in enumerate(rows) if row.startswith("▶")]
        assert marked == [options.highlighted], "the highlight is shown by more than colour"
        await pilot.press("down")
        await pilot.pause()
        rows = [str(options.get_option_at_index(n).prompt) for n in range(4)]
        assert [n for n, row in enumerate(rows) if row.startswith("▶")] == [options.highlighted]
        await pilot.press("up")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        kinds = [bead.kind for bead in ed.session.alignment.beads[two : two + 2]]
        assert kinds == ["1-1", "0-1"]

    run(KopirApp(corpus, DOC), scenario)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_a_long_list_of_splits_keeps_each_choice_on_its_two_lines(
    corpus: Corpus, size: tuple[int, int]
) -> None:
    """A bead of several sentences has more choices than fit: the list's scroll bar took
    two columns the rows were not cut for, and a choice's English wrapped onto a third
    line at the list's left edge (seen at 80x24 and 100x30)."""

    async def main() -> None:
        app = KopirApp(corpus, DOC)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press("m", "m", "m", "s")  # four beads in one, then split it
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            assert options.option_count > 8 and options.max_scroll_y > 0
            assert options.virtual_size.height == 2 * options.option_count, "a choice wraps"

    asyncio.run(main())


def test_shift_sentences_and_insert_an_empty_counterpart(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        first, second = ed.session.alignment.beads[:2]
        await pilot.press("K")  # pull the first English sentence of bead 2 up
        bead = ed.session.alignment.beads[0]
        assert bead.en == first.en + second.en[:1]
        await pilot.press("J")  # and push it back down
        ids = [(b.kk, b.en) for b in ed.session.alignment.beads[:2]]
        assert ids == [(first.kk, first.en), (second.kk, second.en)]
        await pilot.press("tab", "J")  # now on the Kazakh side: push its sentence down
        assert ed.session.alignment.beads[0].kk == ()
        await pilot.press("u", "tab", "i")  # undo; English gets a bead of its own
        kinds = [b.kind for b in ed.session.alignment.beads[:2]]
        assert kinds == ["1-0", "0-1"]

    run(KopirApp(corpus, DOC), scenario)


def test_edit_english_in_place_split_a_sentence_and_undo(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        old_kk, old_en = ed.session.bead_texts(0)
        await pilot.press("e")
        await pilot.pause()
        assert ed.query_one(EditPanel).is_open
        area = ed.query_one(TextArea)
        area.text = "First half of it.\nSecond half of it."
        await pilot.pause()
        journal = Journal(corpus.root, DOC).read()[1]
        assert journal[-1]["t"] == "draft", "typing is journalled before it is applied"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(0) == (old_kk, ["First half of it.", "Second half of it."])
        assert ed.session.alignment.beads[0].kind == "1-2"
        assert ed.session.saver is not None and ed.session.saver.flush()
        texts = {s.text for s in corpus.load(DOC).en.sentences()}
        assert "Second half of it." in texts
        await pilot.press("u")
        assert ed.session.bead_texts(0) == (old_kk, old_en)

    run(KopirApp(corpus, DOC), scenario)


def test_ctrl_a_and_the_typing_behind_it_replace_the_text(corpus: Corpus) -> None:
    """Ctrl+A and the letters after it, arriving together (a fast typist, or keys queued
    up on a loaded machine): the letters replace the box's text. Ctrl+A used to act only
    once its key had gone down to the box and back up to the app, by which time the
    letters queued behind it had been typed at the end of the old text."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("e")
        await pilot.pause()
        area = ed.query_one(TextArea)
        assert area.text, "bead 1's English, to be replaced"
        for key in ("ctrl+a", *"new"):  # as the terminal hands them over: no wait between
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        assert area.text == "new"

    run(KopirApp(corpus, DOC), scenario)


def test_type_english_for_a_kazakh_sentence_that_has_none(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "i")  # bead 3's English goes away: Kazakh stands alone
        assert ed.session.alignment.beads[2].kind == "1-0"
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == ""
        await pilot.press(*"Typed anew.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(2)[1] == ["Typed anew."]
        await pilot.press("escape")  # leave cleanly: the file is valid TEI with the edit
        await pilot.pause()
        assert "Typed anew." in {s.text for s in corpus.load(DOC).en.sentences()}

    run(KopirApp(corpus, DOC), scenario)


def test_escape_abandons_an_edit(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        before = ed.session.bead_texts(0)
        await pilot.press("e", "x", "y", "escape")
        await pilot.pause()
        assert ed.session.bead_texts(0) == before
        assert Journal(corpus.root, DOC).read()[1][-1] == {"t": "draft-end"}

    run(KopirApp(corpus, DOC), scenario)


def test_an_edit_that_cannot_be_recorded_stays_in_the_box(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        panel, area = ed.query_one(EditPanel), ed.query_one(TextArea)
        area.focus()  # as a click into the idle box does
        await pilot.press("x", "ctrl+s", "escape")  # nothing to apply or cancel
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and not ed.session.can_undo
        ed.table.focus()
        old = ed.session.bead_texts(0)
        await pilot.press("e")
        await pilot.pause()
        area.text = "Kept when the disk is full."
        await pilot.pause()

        def full(*args: object) -> str:
            from corpus.errors import KopirError

            raise KopirError("cannot write the journal: No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(ed.session, "set_texts", full)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert panel.is_open and area.text == "Kept when the disk is full."
            assert ed.session.bead_texts(0) == old
        await pilot.press("ctrl+s")  # the disk has room again
        await pilot.pause()
        assert not panel.is_open and area.text == ""
        assert ed.session.bead_texts(0)[1] == ["Kept when the disk is full."]
        assert app.focused is ed.table and ed.table.has_focus and not area.has_focus

    run(KopirApp(corpus, DOC), scenario)


def test_realign_keeps_confirmed_beads_and_is_undoable(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("K")  # a wrong link…
        wrong = ed.session.alignment
        await pilot.press("j", "j", "space")  # …and a confirmed one further down
        confirmed = ed.session.alignment.beads[2]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "beads changed by hand: asked first"
        await pilot.press("y")
        await settle(pilot)
        al = ed.session.alignment
        assert al.beads[al.bead_of_kk(confirmed.kk[0])] == confirmed
        assert al.beads[0] != wrong.beads[0], "the aligner fixed the wrong link"
        await pilot.press("u")
        assert ed.session.alignment.beads[0] == wrong.beads[0]

    run(KopirApp(corpus, DOC), scenario)


def test_second_instance_is_read_only_and_says_so(corpus: Corpus) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    lock = corpus.root / ".kopir" / "locks" / f"{DOC}.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname(), "since": 0}))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        assert ed.session.read_only
        status = str(ed.query_one("#status").render())
        assert "READ-ONLY" in status
        await pilot.press("space", "m", "e")
        await pilot.pause()
        assert ed.session.alignment == on_disk(corpus), "nothing changed"
        assert not ed.query_one(EditPanel).is_open

    try:
        run(KopirApp(corpus, DOC), scenario)
    finally:
        holder.kill()
        holder.wait()
    assert lock.exists()


def test_unfinished_typing_is_offered_back_after_a_crash(corpus: Corpus) -> None:
    from align.opening import open_session

    session = open_session(corpus, DOC)
    session.note_draft(1, "en", "Half-typed sentence")
    assert session.saver is not None and session.journal is not None and session.lock
    session.saver.close()
    session.journal.abandon()
    session.lock.abandon()  # the kernel lets go of a killed process's flock
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    session.lock.path.write_text(
        json.dumps({"pid": dead.pid, "host": socket.gethostname(), "since": time.time()})
    )

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.pause()
        ed = editor(app)
        assert ed.query_one(EditPanel).is_open
        assert ed.query_one(TextArea).text == "Half-typed sentence"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(1)[1] == ["Half-typed sentence"]

    run(KopirApp(corpus, DOC), scenario)


def test_ctrl_n_applies_confirms_and_opens_the_next_bead_to_translate(tmp_path: Path) -> None:
    """Translating a sentence cost Enter, the typing, Ctrl+S and Space, then Enter again
    for the next: CAT tools confirm and open the next segment with one key."""
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [Block(BlockKind.P, [
        Sentence.plain(f"kk.s{n}", text) for n, text in enumerate(
            ("Аяз болады.", "Қар жауады.", "Жел соғады."), 1)])])  # fmt: skip
    corpus.save(Document("news", Metadata(title="Аяз"), kk, Side("en", [])))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("e", *"Frost.", "ctrl+n")
        await pilot.pause()
        panel = ed.query_one(EditPanel)
        assert panel.is_open and panel.bead == 1 and ed.table.cursor == 1
        await pilot.press(*"Snow.", "ctrl+n")
        await pilot.pause()
        assert panel.is_open and panel.bead == 2
        assert [ed.session.bead_texts(i)[1] for i in range(3)] == [["Frost."], ["Snow."], []]
        assert [b.status for b in ed.session.alignment.beads] == ["confirmed", "confirmed", "auto"]

    run(KopirApp(corpus, "news"), scenario)


def test_capital_q_searches_the_corpus_from_the_editor_and_escape_comes_back(
    corpus: Corpus,
) -> None:
    """The editor's / searches the document only: to see how a word was translated
    elsewhere the translator had to leave the document for the documents screen."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "Q")
        await settle(pilot)
        assert isinstance(app.screen, QueryScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is ed and ed.table.cursor == 2

    run(KopirApp(corpus, DOC), scenario)
