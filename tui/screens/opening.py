"""Opening a long document on a worker: the app stays live, and Escape stops it.

Parsing and checking a 50,000-bead document, replaying its undo history and
laying its beads out take seconds (:mod:`align.opening`). Done on the screen's
thread, nothing repainted meanwhile and no key was heard, not even Ctrl+Q: a
translator took the app for hung. A document larger than
:data:`BACKGROUND_BYTES` opens here instead: a box says what is opening and how
long it is; Escape stops the opening (the document, its lock and its undo history
as they were); every other key is refused with a word, since nothing of the
document is on screen before it is whole; Ctrl+Q quits. A smaller document opens
at once, as before, with no box to flash by. The editor closes a large document
the same way round: off the screen's thread (:meth:`tui.app.KopirApp.close_later`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label
from textual.worker import get_current_worker

from align.cancel import Stopped
from align.opening import open_at_place
from align.session import Session
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from tui.dialogs.small import Dialog
from tui.typed import kopir_app
from tui.widgets.bead_table import measure_beads
from tui.wording import in_app

#: A document whose TEI file is larger than this (about 2,000 beads) opens and closes on a
#: worker: at 5,000 beads opening takes about a second, at 50,000 several.
BACKGROUND_BYTES = 1024 * 1024


def in_background(corpus: Corpus, doc_id: str) -> bool:
    """Whether ``doc_id`` is long enough to open and close on a worker (a missing or
    unreadable file is not: opening it says what is wrong at once)."""
    try:
        return corpus.path(doc_id).stat().st_size > BACKGROUND_BYTES
    except (OSError, KopirError):
        return False


def kept_typing_note(doc_id: str) -> str:
    """What the translator is told when unapplied typing is kept in the journal."""
    return (
        f"{doc_id}: your unfinished typing is kept, not applied: it comes back in the "
        f"edit box when {doc_id} is opened again"
    )


def closing_notes(session: Session) -> tuple[str, ...]:
    """What to tell the translator once ``session`` is closed: typing kept, undo history
    not kept."""
    notes = [kept_typing_note(session.doc_id)] if session.kept_typing else []
    return (*notes, *([session.closing_notice] if session.closing_notice else []))


def close_off_screen(session: Session) -> tuple[str, tuple[str, ...]]:
    """Close ``session`` off the editor (:meth:`Session.close`): what went wrong ("" for
    nothing), and what to tell the translator (:func:`closing_notes`)."""
    try:
        session.close()
    except KopirError as exc:
        return in_app(exc), ()
    return "", closing_notes(session)


class OpeningScreen(Dialog):
    """ "Opening DOC (n beads)…" while a worker opens it; Escape stops it."""

    DEFAULT_CSS = """
    OpeningScreen > Vertical { width: 70; }
    """

    def __init__(
        self, corpus: Corpus, doc_id: str, bead: int | None, length: str, width: int
    ) -> None:
        """``length`` says how long the document is ("50,000 beads"), ``width`` how wide the
        editor's bead table will be (:func:`tui.screens.editor.table_width`)."""
        super().__init__()
        self.corpus = corpus
        self.doc_id = doc_id
        self.bead = bead
        self.length = length
        #: The worker lays the beads out for this width, so that the editor need not do
        #: it on the screen's thread (it does if the terminal is resized meanwhile).
        self.width = width

    def compose(self) -> ComposeResult:
        length = f" ({self.length})" if self.length else ""
        with Vertical():
            yield Label(f"Opening {self.doc_id}{length}…", classes="title")
            yield Label(
                "Reading and checking a long document. Escape stops opening it.", classes="hint"
            )

    def on_mount(self) -> None:
        self._open()

    def on_key(self, event: events.Key) -> None:
        """Keys other than Escape wait for nothing: the document is not there to act on."""
        if event.key == "escape":
            return
        event.stop()
        event.prevent_default()
        self.notify(f"{self.doc_id} is still opening: Escape stops it", timeout=3)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "opening")
        kopir_app(self).give_up_opening(self.doc_id)
        self.dismiss(None)

    # Described: Textual otherwise describes a worker by repr() of its arguments.
    @work(thread=True, exclusive=True, group="opening", description="open a document")
    def _open(self) -> None:
        worker = get_current_worker()
        app = kopir_app(self)
        try:
            session, place = open_at_place(self.corpus, self.doc_id, lambda: worker.is_cancelled)
        except Stopped:
            app.post_message(self.Settled(self.doc_id))
            return
        except KopirError as exc:
            app.post_message(self.Settled(self.doc_id, in_app(exc)))
            return
        handed = False
        try:
            measured = (self.width, measure_beads(session, self.width))
            handed = app.hand_over(self.doc_id, session, lambda: worker.is_cancelled)
        finally:
            if not handed:  # given up meanwhile (or failed): closed again, off the screen
                error, _ = close_off_screen(session)  # a failure said, as any close's is
                app.post_message(self.Settled(self.doc_id, error))
        if handed:
            bead = place if self.bead is None else self.bead
            app.post_message(self.Opened(self.doc_id, bead, measured))

    @dataclass
    class Opened(Message):
        """The document is open (its session handed to the app) and laid out."""

        doc_id: str
        bead: int
        layout: tuple[int, list[int]]

    @dataclass
    class Settled(Message):
        """The opening (or a close on a worker) is over, with what went wrong, if anything."""

        doc_id: str
        error: str = ""
        notes: tuple[str, ...] = ()
