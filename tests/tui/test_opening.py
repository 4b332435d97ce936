"""A long document opens and closes on a worker: the app answers keys meanwhile.

Opening a 50,000-bead document took 3-6 s on the screen's thread: nothing
repainted, Escape and Ctrl+Q did nothing. Now an "Opening…" box shows, keys are
refused with a word until the document is whole, Escape stops the opening
(lock, journal and history as they were), Ctrl+Q quits at once; and closing
returns to the documents at once while the last save finishes on a worker, which
the app waits for before it exits. The threshold is lowered to 0 bytes here, so
that a short document of the test's own takes the long documents' path, and the
slow part is held by the test.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import tui.screens.opening as opening_screen
from align.opening import open_at_place
from align.overview import CorpusOverview
from align.session import Session
from corpus.storage.journal import Journal
from corpus.storage.lock import DocumentLock
from corpus.storage.store import Corpus
from tests.helpers import run, settle, until
from tests.helpers.documents import make_doc
from tui.app import KopirApp
from tui.screens.documents import DocumentsScreen
from tui.screens.editor import EditorScreen, table_width
from tui.screens.opening import OpeningScreen
from tui.widgets.bead_table import measure_beads

DOC = "caravan"
KK = ["Керуен шықты.", "Жол ұзақ еді.", "Құдыққа жетті.", "Түйелер су ішті.", "Таң атты."]
EN = ["The caravan set out.", "The road was long.", "It reached a well.", "The camels drank.",
      "Dawn broke."]  # fmt: skip


def _corpus(root: Path) -> Corpus:
    corpus = Corpus(root)
    corpus.save(make_doc(DOC, list(zip(KK, EN, strict=True)), status="auto"))
    return corpus


@pytest.fixture
def long_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document takes the long documents' path."""
    monkeypatch.setattr(opening_screen, "BACKGROUND_BYTES", 0)


def _held(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Hold the first opening until released or given up: (started, release)."""
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow(corpus, doc_id, should_stop=None):
        calls.append(1)
        if len(calls) == 1:
            started.set()
            while not release.wait(0.01):  # a long parse, unless given up
                if should_stop is not None and should_stop():
                    break
        return open_at_place(corpus, doc_id, should_stop)

    monkeypatch.setattr(opening_screen, "open_at_place", slow)
    return started, release


def _messages(app: KopirApp) -> list[str]:
    return [n.message for n in app._notifications]


def _free(corpus: Corpus) -> bool:
    """No session holds the document and none left a journal to recover."""
    lock = DocumentLock(corpus.root, DOC)
    holder = lock.acquire()
    if holder is None:
        lock.release()
    return holder is None and not Journal(corpus.root, DOC).pending


@pytest.mark.usefixtures("long_path")
def test_keys_during_the_opening_are_refused_politely_then_the_editor_opens_laid_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "c")
    started, release = _held(monkeypatch)
    app = KopirApp(corpus, DOC)

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, started.is_set)
        assert isinstance(app.screen, OpeningScreen)
        assert f"Opening {DOC}" in str(app.screen.query_one(".title").render())
        for key in ("j", "space", "m", "e"):  # would move, confirm, merge, edit
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen)  # nothing acted on half a document
        assert f"{DOC} is still opening: Escape stops it" in _messages(app)
        release.set()
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.session.alignment.beads[0].status == "auto"  # the space did not confirm
        table = editor.table
        await pilot.pause()
        # The worker laid the beads out at the width the table turned out to have.
        assert table.scrollable_content_region.width == table_width(app.size.width)
        assert table._layout is not None
        assert table._layout.heights == measure_beads(editor.session, table_width(app.size.width))
        await pilot.press("space")  # the editor takes keys now
        await pilot.pause()
        assert editor.session.alignment.beads[0].status == "confirmed"

    run(app, scenario)


@pytest.mark.usefixtures("long_path")
def test_escape_stops_the_opening_and_leaves_the_document_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "c")
    started, _ = _held(monkeypatch)
    app = KopirApp(corpus)

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        app.open_document(DOC)
        await until(pilot, started.is_set)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)  # at once, not when the parse ends
        await settle(pilot)
        assert DOC not in app.settling
        assert _free(corpus)
        app.open_document(DOC)  # and it opens again, writable
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen) and not editor.session.read_only
        await settle(pilot)

    run(app, scenario)


@pytest.mark.usefixtures("long_path")
def test_ctrl_q_during_the_opening_quits_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "c")
    started, _ = _held(monkeypatch)
    app = KopirApp(corpus, DOC)

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, started.is_set)
        await pilot.press("ctrl+q")
        for _ in range(200):  # 10 s at most; the held parse would go on for ever
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
        assert not app.is_running

    run(app, scenario)
    assert _free(corpus)


def _held_close(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Hold every session's close until released: (closing, release)."""
    closing, release = threading.Event(), threading.Event()
    close = Session.close

    def slow(self: Session) -> None:
        closing.set()
        release.wait(30)
        close(self)

    monkeypatch.setattr(Session, "close", slow)
    return closing, release


@pytest.mark.usefixtures("long_path")
def test_closing_returns_at_once_and_the_save_finishes_on_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "c")
    app = KopirApp(corpus, DOC)
    reads = []
    refresh = CorpusOverview.refresh
    monkeypatch.setattr(
        CorpusOverview, "refresh", lambda self, *stop: reads.append(1) or refresh(self, *stop)
    )

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        closing, release = _held_close(monkeypatch)
        await pilot.press("space")  # confirm bead 1
        await pilot.press("escape")
        await until(pilot, closing.is_set)
        assert isinstance(app.screen, DocumentsScreen)  # the save is still being written
        app.open_document(DOC)
        await pilot.pause()
        assert isinstance(app.screen, DocumentsScreen)
        assert f"{DOC} is still being saved and closed: open it in a moment" in _messages(app)
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert reads == []  # the list is read once the save is done, not before and again
        release.set()
        await settle(pilot)
        await until(pilot, lambda: bool(reads))
        await settle(pilot)
        assert reads == [1]
        assert DOC not in app.settling
        assert corpus.load(DOC).links[0].status == "confirmed"
        assert _free(corpus)

    run(app, scenario)


@pytest.mark.usefixtures("long_path")
def test_quitting_right_after_closing_waits_for_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "c")
    app = KopirApp(corpus, DOC)

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        closing, release = _held_close(monkeypatch)
        await pilot.press("space")
        await pilot.press("escape")
        await until(pilot, closing.is_set)
        threading.Timer(1.0, release.set).start()  # the save ends after the app was told to
        await pilot.press("ctrl+q")

    run(app, scenario)
    assert corpus.load(DOC).links[0].status == "confirmed"
    assert _free(corpus)


@pytest.mark.usefixtures("long_path")
def test_a_document_that_cannot_be_opened_says_why_and_the_box_goes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c")
    corpus.path(DOC).write_bytes(b"<TEI>cut short")
    app = KopirApp(corpus, DOC)

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert any(DOC in message for message in _messages(app)), _messages(app)
        assert DOC not in app.settling and _free(corpus)

    run(app, scenario)


@pytest.mark.usefixtures("long_path")
def test_a_close_that_fails_after_escape_during_the_layout_is_said_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape while the worker lays the beads out: the worker closes the session again.
    A close that failed there (a save that could not be written) went up through the
    worker: no word to the translator, the document "still opening" for good, the app
    ended by the worker's error. It is said as any close on a worker says it."""
    from corpus.errors import KopirError

    corpus = _corpus(tmp_path / "c")
    measuring, given_up = threading.Event(), threading.Event()

    def slow_measure(session, width):
        measuring.set()
        given_up.wait(30)
        return measure_beads(session, width)

    original = Session.close

    def failing_close(self) -> None:
        original(self)
        raise KopirError(f"{self.doc_id}: the last changes could not be saved (disk full)")

    monkeypatch.setattr(opening_screen, "measure_beads", slow_measure)
    monkeypatch.setattr(Session, "close", failing_close)
    app = KopirApp(corpus)

    async def scenario(pilot, app: KopirApp) -> None:
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        app.open_document(DOC)
        await until(pilot, measuring.is_set)
        await pilot.press("escape")
        await pilot.pause()
        given_up.set()
        await until(pilot, lambda: DOC not in app.settling)
        await settle(pilot)
        assert DOC not in app.settling and isinstance(app.screen, DocumentsScreen)
        assert any("disk full" in message for message in _messages(app)), _messages(app)

    run(app, scenario)
