"""Merging a CAT tool's TMX from the app (m on the documents screen): the same core call
as ``kopir import tmx --merge``, its report shown, the document's lock respected, and a
bad file brings the dialog back with the typed path and one line saying why."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Label

from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.lock import DocumentLock
from corpus.storage.store import Corpus
from tests.helpers import run, settle, tmx, until
from tui.app import HelpScreen, KopirApp
from tui.dialogs.small import ImportDialog, MergeTmxDialog
from tui.wording import ADD_UNMATCHED_LABEL

#: A unit as OmegaT 3.6 gives one back: no tuid, the translator's name on the English.
UNIT = (
    '<tu><tuv xml:lang="kk-KZ"><seg>{kk}</seg></tuv><tuv xml:lang="en-US" changeid="aigerim" '
    'changedate="20261207T101500Z"><seg>{en}</seg></tuv></tu>'
)


def news(root: Path) -> Corpus:
    """A document of three 1-1 beads, the first sentence repeated at the end."""
    corpus = Corpus(root)
    texts = [("Иә.", "Yes."), ("Жоқ.", "No."), ("Иә.", "Yes.")]
    kk = [Sentence.plain(f"kk.s{n}", k) for n, (k, _) in enumerate(texts, 1)]
    en = [Sentence.plain(f"en.s{n}", e) for n, (_, e) in enumerate(texts, 1)]
    links = [Link((f"kk.s{n}",), (f"en.s{n}",), "auto", 0.8) for n in (1, 2, 3)]
    sides = Side("kk", [Block(BlockKind.P, kk)]), Side("en", [Block(BlockKind.P, en)])
    corpus.save(Document("news", Metadata(title="Иә."), *sides, links))
    return corpus


async def merge(pilot: Pilot, app: KopirApp, path: Path, add_unmatched: bool = False) -> None:
    """On the documents screen: m on the document's row, the path typed (the box that adds
    units of other Kazakh ticked if asked), Enter."""
    await settle(pilot)
    await pilot.press("m")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, MergeTmxDialog)
    assert not dialog.query("#replace")  # a merge replaces nothing: no box for it
    dialog.query_one("#add_unmatched", Checkbox).value = add_unmatched
    dialog.query_one("#path", Input).value = str(path)
    dialog.query_one("#path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)


def test_a_tmx_is_merged_from_the_documents_screen_and_its_report_shown(tmp_path: Path) -> None:
    corpus = news(tmp_path / "corpus")
    path = tmp_path / "proj-level1.tmx"
    path.write_text(tmx(UNIT.format(kk="Иә.", en="Yeah.") + UNIT.format(kk="Жоқ.", en="No.")))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await merge(pilot, app, path)
        messages = [n.message for n in app._notifications]
        report = next(m for m in messages if m.startswith("merged 2 units"))
        assert "(0 by tuid, 2 by their Kazakh)" in report
        assert "1 more bead took the translation of a sentence the document repeats" in report
        assert "aigerim changed 3 beads" in report
        await until(
            pilot, lambda: app.screen.query_one(DataTable).get_cell("news", "confirmed") == "100%"
        )
        assert app.screen.query_one(DataTable).get_cell("news", "confirmed") == "100%"

    run(KopirApp(corpus), scenario)
    doc = corpus.load("news")
    assert [s.text for s in doc.en.sentences()] == ["Yeah.", "No.", "Yeah."]
    assert [link.status for link in doc.links] == ["confirmed"] * 3


def test_a_file_that_is_not_a_tmx_brings_the_dialog_back_and_changes_nothing(
    tmp_path: Path,
) -> None:
    corpus = news(tmp_path / "corpus")
    before = corpus.path("news").read_bytes()
    path = tmp_path / "notes.tmx"
    path.write_text("Иә. Yeah.\n", "utf-8")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await merge(pilot, app, path)
        dialog = app.screen
        assert isinstance(dialog, MergeTmxDialog)  # back, with what was typed and why
        assert dialog.query_one("#path", Input).value == str(path)
        error = str(dialog.query_one(".error", Label).render())
        assert str(path) in error and "\n" not in error

    run(KopirApp(corpus), scenario)
    assert corpus.path("news").read_bytes() == before


def test_a_refused_unit_says_what_the_app_cannot_do_and_the_command_line_can(
    tmp_path: Path,
) -> None:
    """The core offers --replace for a unit of other Kazakh; the dialog has no such box,
    so the error names the command, not a box to tick."""
    corpus = news(tmp_path / "corpus")
    before = corpus.path("news").read_bytes()
    path = tmp_path / "other.tmx"
    unit = UNIT.format(kk="Бір.", en="One.").replace("<tu>", '<tu tuid="news:kk.s2:en.s2">')
    path.write_text(tmx(unit), "utf-8")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await merge(pilot, app, path)
        error = str(app.screen.query_one(".error", Label).render())
        assert "other Kazakh than kk.s2" in error
        assert "run 'kopir import tmx --replace --id news FILE'" in error
        assert "tick" not in error

    run(KopirApp(corpus), scenario)
    assert corpus.path("news").read_bytes() == before


def test_a_document_open_in_another_kopir_is_not_merged_into(tmp_path: Path) -> None:
    corpus = news(tmp_path / "corpus")
    before = corpus.path("news").read_bytes()
    path = tmp_path / "proj-level1.tmx"
    path.write_text(tmx(UNIT.format(kk="Иә.", en="Yeah.")), "utf-8")
    lock = DocumentLock(corpus.root, "news")
    assert lock.acquire() is None  # another kopir's editor has it open

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await merge(pilot, app, path)
        assert isinstance(app.screen, MergeTmxDialog)
        assert "news is open in another kopir" in str(
            app.screen.query_one(".error", Label).render()
        )

    try:
        run(KopirApp(corpus), scenario)
    finally:
        lock.release()
    assert corpus.path("news").read_bytes() == before


def test_the_merge_is_found_in_the_help_and_in_the_import_dialog(tmp_path: Path) -> None:
    corpus = news(tmp_path / "corpus")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        hints = " ".join(str(label.render()) for label in app.screen.query(".hint").results(Label))
        assert "m on the documents screen merges it" in hints
        await pilot.press("escape", "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(row) for row in range(table.row_count)]
        assert any(str(row[1]) == "Merge TMX" and "m" in str(row[0]) for row in rows)

    run(KopirApp(corpus), scenario)


def test_a_unit_of_other_kazakh_is_left_out_unless_the_box_is_ticked(tmp_path: Path) -> None:
    """The report's remedy is the dialog's box, not the command line's flag; ticked, the
    unit is added as a new bead after its neighbour in the file."""
    corpus = news(tmp_path / "corpus")
    before = corpus.load("news")
    path = tmp_path / "memory.tmx"  # a memory holding another document's unit too
    path.write_text(tmx(UNIT.format(kk="Жоқ.", en="Nope.") + UNIT.format(kk="Қар.", en="Snow.")))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await merge(pilot, app, path)
        report = next(n.message for n in app._notifications if n.message.startswith("merged"))
        assert "left out 1 unit whose Kazakh is none of news's ('Қар.')" in report
        assert f'tick "{ADD_UNMATCHED_LABEL}" and merge again' in report
        assert "--add-unmatched" not in report
        await until(pilot, lambda: corpus.load("news").en.sentences()[1].text == "Nope.")
        assert corpus.load("news").kk == before.kk  # no Kazakh the document never had
        await merge(pilot, app, path, add_unmatched=True)

    run(KopirApp(corpus), scenario)
    doc = corpus.load("news")
    assert [s.text for s in doc.kk.sentences()] == ["Иә.", "Жоқ.", "Қар.", "Иә."]
    assert [s.text for s in doc.en.sentences()] == ["Yes.", "Nope.", "Snow.", "Yes."]


def test_the_dialog_fits_an_80_by_24_terminal(tmp_path: Path) -> None:
    """Its heading (which document) and the box's whole label in view, not scrolled off."""
    corpus = news(tmp_path / "corpus")

    async def main() -> None:
        app = KopirApp(corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("m")
            await settle(pilot)
            await pilot.pause(0.2)
            shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
            assert "Merge a TMX from a CAT tool into news" in shown
            assert ADD_UNMATCHED_LABEL in shown and "Merge" in shown and "Cancel" in shown

    asyncio.run(main())


def test_a_pipe_typed_as_the_file_is_refused_in_the_dialog(tmp_path: Path) -> None:
    """A named pipe typed into the dialog (seen in the real app): the merge worker waited
    for ever for a writer, nothing was said, and Ctrl+Q hung on that worker. The dialog
    now stays, saying why; nothing is read. (The thread below feeds the pipe an empty file
    if it is ever opened, so that this test fails rather than hangs.)"""
    import os
    import threading
    import time

    corpus = news(tmp_path / "corpus")
    before = corpus.path("news").read_bytes()
    pipe = tmp_path / "memory.tmx"
    os.mkfifo(pipe)
    done = threading.Event()

    def feed_if_read() -> None:
        while not done.is_set():
            try:
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))  # a reader is waiting
            except OSError:
                time.sleep(0.1)

    feeder = threading.Thread(target=feed_if_read, daemon=True)
    feeder.start()

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await merge(pilot, app, pipe)
        assert isinstance(app.screen, MergeTmxDialog)
        messages = [n.message for n in app._notifications]
        assert f"{pipe}: a pipe or a device, not a file" in " ".join(messages)

    try:
        run(KopirApp(corpus), scenario)
    finally:
        done.set()
    assert corpus.path("news").read_bytes() == before
