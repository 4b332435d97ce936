"""The kopir translator's app (Textual): documents, the alignment editor, help.

The app holds no logic of its own: screens call ``corpus`` and ``align`` and
show the results. Work that may take a while (loading the corpus summary,
importing and aligning, re-aligning) runs in worker threads, so the screen
never freezes.
"""

from __future__ import annotations

import signal
import sys
import termios
import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label

from align.opening import open_at_place
from align.session import Session
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from tui.config import BindingScope, UserConfig
from tui.dialogs.small import Dialog
from tui.screens.documents import DocumentsScreen
from tui.screens.editor import EditorScreen, table_width
from tui.screens.opening import OpeningScreen, close_off_screen, closing_notes, in_background
from tui.wording import in_app

if TYPE_CHECKING:
    from align.memory import TranslationMemory
    from corpus.search.query import QueryEngine


def _binding_classes() -> list[type]:
    """The app, its screens, widgets and dialogs: every class whose ``BINDINGS`` a keymap moves."""
    from tui.dialogs import small as dialogs
    from tui.screens.query import QueryScreen
    from tui.widgets.edit_panel import EditPanel, SentenceArea
    from tui.widgets.quality import QualityPanel

    dialog_classes = [
        cls for cls in vars(dialogs).values() if isinstance(cls, type) and issubclass(cls, Dialog)
    ]
    return [
        KopirApp, DocumentsScreen, EditorScreen, QueryScreen, EditPanel, SentenceArea,
        QualityPanel, *dialog_classes,
    ]  # fmt: skip


def all_bindings() -> dict[str, tuple[str, str]]:
    """Every remappable binding: id → (default keys, description)."""
    found: dict[str, tuple[str, str]] = {}
    for cls in _binding_classes():
        for binding in cls.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, (binding.key, binding.description))
    return found


def binding_scopes() -> list[BindingScope]:
    """The bindings live at once, scope by scope, for finding a key a keymap gives two actions.

    A screen's or widget's keys are live together with the app's own (a screen's
    key shadows the app's, so ``ctrl+q`` given to a screen action would stop
    quitting there).
    """

    def rows(cls: type) -> list[tuple[str | None, str, str]]:
        return [
            (b.id, b.key, b.description or b.action) for b in cls.BINDINGS if isinstance(b, Binding)
        ]

    app_rows = rows(KopirApp)
    scopes = [BindingScope("app", app_rows)]
    for cls in _binding_classes()[1:]:
        scopes.append(BindingScope(cls.__name__, rows(cls) + app_rows))
    return scopes


LEGEND = (
    "The gutter: ✓ confirmed · ○ proposed by the aligner · ? proposed, low confidence · "
    "✎ changed by hand, not yet confirmed · ⚑ flagged by the quality checks; then the bead's "
    "shape (1-2: one Kazakh, two English sentences) and the aligner's confidence. "
    "The strip on the right: █ confirmed · ░ good · ▒ middling · ▓ weak · ⚑ flagged · "
    "▶ where you are."
)


def _ours(binding: Binding) -> bool:
    """kopir's own bindings (with ids), not the widgets' built-in ones."""
    return bool(binding.id) and binding.id.split(".")[0] in BINDING_GROUPS


BINDING_GROUPS = {"app", "documents", "editor", "edit", "quality", "query", "dialog", "confirm"}


class HelpScreen(Dialog):
    """Every key of the screen below, with what it does."""

    # The whole terminal, and no padding above and below: at 80 × 24 the 90% box with
    # the legend left room for five keys of the editor's thirty.
    DEFAULT_CSS = """
    HelpScreen > Vertical { height: 100%; max-height: 100%; padding: 0 1; }
    HelpScreen DataTable { height: 1fr; }
    """

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                "Keys (Escape closes this; Ctrl+P lists every action by name)", classes="title"
            )
            if isinstance(self.under, EditorScreen):
                yield Label(LEGEND, classes="hint")
            yield DataTable(cursor_type="row", zebra_stripes=True)
            yield Label(
                "Keys can be changed by binding id in ~/.config/kopir/config.toml "
                "(\\[keys] section); 'kopir keys' lists the ids.",
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("keys", "action", "binding id")
        seen: dict[str, list[str]] = {}
        described: dict[str, tuple[str, str]] = {}
        for active in self.under.active_bindings.values():
            binding = active.binding
            if not _ours(binding):
                continue
            ident = binding.id or binding.action
            seen.setdefault(ident, []).append(self.app.get_key_display(binding))
            described[ident] = (binding.description or binding.action, binding.id or "")
        for ident, keys in seen.items():
            description, binding_id = described[ident]
            table.add_row(", ".join(dict.fromkeys(keys)), description, binding_id)
        table.focus()


class KopirApp(App):
    """Align, translate, review and export a Kazakh–English corpus."""

    TITLE = "kopir"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        # priority, as Textual's own: a dialog is a modal screen, which hides the app's
        # bindings, and Ctrl+Q must quit from a dialog left open too.
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self, corpus: Corpus, doc_id: str | None = None, config: UserConfig | None = None
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.start_doc = doc_id
        self.config = config or UserConfig()
        self.problems: list[str] = []  # what went wrong on the way out, to print after exit
        self.notes: list[str] = []  # what to tell the translator after exit (kept typing…)
        #: Documents a background job (import, align) is changing right now.
        self.busy: set[str] = set()
        #: The last export's choices (format, folder, options), offered again.
        self.last_export: dict = {}
        #: Set when the terminal went away: the caller must not wait for Textual's
        #: input thread, which spins on a hung-up terminal instead of ending.
        self.hung_up = False
        self._query_engine: QueryEngine | None = None
        self._memories: dict[str, TranslationMemory] = {}
        self._memory_lock = threading.Lock()
        #: Long documents being opened or closed on a worker, with what is happening.
        self.settling: dict[str, str] = {}
        #: Sessions a worker opened and the screen has not taken yet (see hand_over).
        self._opened: dict[str, Session] = {}
        self._opened_lock = threading.Lock()
        #: Set by quitting: what a close on a worker says goes in ``problems`` and ``notes``.
        self.quitting = False

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.push_screen(DocumentsScreen(self.corpus))
        if self.start_doc:
            self.open_document(self.start_doc)
        if not self.is_headless:
            self._watch_terminal()

    # ------------------------------------------------------------ the terminal going away

    def _watch_terminal(self) -> None:
        """Save and quit when the terminal closes, instead of running on without one.

        A closed terminal window sends SIGHUP, but not always to us (under
        ``make run``, make takes it): so the terminal is also checked every
        second, and a hung-up terminal ends the app as Ctrl+Q would.
        """
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, self._hang_up)
        self.set_interval(1.0, self._check_terminal)

    def _check_terminal(self) -> None:
        try:
            termios.tcgetattr(sys.__stdin__.fileno())
        except (termios.error, OSError, ValueError, AttributeError):
            self._hang_up()

    def _hang_up(self) -> None:
        self.hung_up = True
        self.quitting = True
        self._close_editors()
        self.exit(return_code=1)

    # ------------------------------------------------------------ documents

    def open_document(self, doc_id: str, bead: int | None = None) -> None:
        """Open a document in the editor, its cursor on ``bead``, else where it was left.

        A long document (:func:`tui.screens.opening.in_background`) opens on a worker
        behind an "Opening…" box that Escape closes; a short one at once.
        """
        if doc_id in self.busy:
            self.notify(
                f"{doc_id} is being imported or aligned: open it when that is done",
                severity="warning",
                timeout=5,
            )
            return
        if doc_id in self.editing():
            self.notify(f"{doc_id} is open already: Escape goes back to it", timeout=5)
            return
        if doc_id in self.settling:
            self.notify(f"{doc_id} {self.settling[doc_id]}: open it in a moment", timeout=5)
            return
        if in_background(self.corpus, doc_id):
            self.settling[doc_id] = "is still opening"
            width = table_width(self.size.width)
            self.push_screen(
                OpeningScreen(self.corpus, doc_id, bead, self._length_of(doc_id), width)
            )
            return
        try:
            session, place = open_at_place(self.corpus, doc_id)
        except KopirError as exc:
            self.notify(in_app(exc), severity="error", timeout=10)
            return
        self.push_screen(EditorScreen(session, place if bead is None else bead))

    def _length_of(self, doc_id: str) -> str:
        """How long a document is, for the "Opening…" box: its beads, as the documents
        screen last counted them, else its file's size."""
        for screen in self.screen_stack:
            if isinstance(screen, DocumentsScreen) and doc_id in screen.summaries:
                return f"{screen.summaries[doc_id].beads:,} beads"
        try:
            return f"{self.corpus.path(doc_id).stat().st_size / 2**20:.1f} MB"
        except (OSError, KopirError):
            return ""

    def hand_over(self, doc_id: str, session: Session, given_up: Callable[[], bool]) -> bool:
        """From the worker that opened ``doc_id``: keep its session for the screen to take
        (:class:`OpeningScreen.Opened`), unless the opening was ``given_up`` meanwhile:
        False, and the worker closes it."""
        with self._opened_lock:
            if given_up() or self.quitting:
                return False
            self._opened[doc_id] = session
            return True

    def _take_opened(self, doc_id: str) -> Session | None:
        with self._opened_lock:
            return self._opened.pop(doc_id, None)

    def give_up_opening(self, doc_id: str) -> None:
        """Escape on the "Opening…" box: a session already handed over is closed again."""
        session = self._take_opened(doc_id)
        if session is not None:
            self.close_later(session)

    @on(OpeningScreen.Opened)
    def _opened_document(self, event: OpeningScreen.Opened) -> None:
        session = self._take_opened(event.doc_id)
        if session is None:  # given up (Escape) before this arrived
            return
        self.settling.pop(event.doc_id, None)
        screen = self.screen
        if not (isinstance(screen, OpeningScreen) and screen.doc_id == event.doc_id):
            self.close_later(session)
            return
        self.pop_screen()
        self.push_screen(EditorScreen(session, event.bead, event.layout))

    def close_later(self, session: Session) -> None:
        """Close a long document's session on a worker (its last save, the journal's end):
        the translator goes on meanwhile, and the app does not exit before it is done."""
        self.settling[session.doc_id] = "is still being saved and closed"
        self._close_on_worker(session)

    @work(thread=True, group="closing", description="save and close a document")
    def _close_on_worker(self, session: Session) -> None:
        error, notes = close_off_screen(session)
        if self.quitting:  # said after exit, as _close_editors says it
            if error:
                self.problems.append(error)
            self._keep_notes(notes)
        elif session.closing_notice:
            session.closing_said()  # said on screen now: the next opening need not say it
        self.post_message(OpeningScreen.Settled(session.doc_id, error, notes))

    @on(OpeningScreen.Settled)
    def _settled(self, event: OpeningScreen.Settled) -> None:
        """An opening given up or failed, or a close on a worker done: say what it says, and
        bring the documents screen up to date (the document's file changed)."""
        self.settling.pop(event.doc_id, None)
        screen = self.screen
        if isinstance(screen, OpeningScreen) and screen.doc_id == event.doc_id:
            self.pop_screen()  # the opening failed: its box goes, the error says why
        if event.error:
            self.notify(event.error, severity="error", timeout=10)
        for note in event.notes:
            self.notify(note, severity="warning", timeout=10)
        if isinstance(self.screen, DocumentsScreen):
            self.screen.action_reload()

    def query_engine(self) -> QueryEngine:
        """The corpus's search engine: made on the first query, kept until the app ends.

        Every visit to the Query screen uses it, so the open index, the cached
        result lists (paging) and the worker processes of large regex scans
        outlive the screen: with an engine per visit each visit started the
        workers again (a second or more before the first such search).
        """
        if self._query_engine is None:
            from corpus.search.query import QueryEngine  # not at start: most sessions never search

            self._query_engine = QueryEngine(self.corpus)
        return self._query_engine

    def translation_memory(self, source: str) -> TranslationMemory:
        """The corpus's memory with ``source`` ("kk" or "en") as the side looked up.

        Built on first use (on a worker thread: reading every document takes a
        while on a large corpus) and kept until the app ends, so a translator's
        confirmations of this session are not in it until kopir is started again.
        """
        with self._memory_lock:
            if source not in self._memories:
                from align.memory import corpus_memory  # loads RapidFuzz: only when asked

                self._memories[source] = corpus_memory(self.corpus, source)
            return self._memories[source]

    def editing(self) -> set[str]:
        """The documents open in an editor of this app."""
        return {s.session.doc_id for s in self.screen_stack if isinstance(s, EditorScreen)}

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        done = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.action in done or not binding.description or not _ours(binding):
                continue
            done.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"key: {self.get_key_display(binding)}",
                partial(self.run_action, binding.action, active.node),
            )

    async def action_quit(self) -> None:
        self.quitting = True
        self._close_editors()
        # Work under way (a corpus overview, a check) is asked to stop: the process
        # ends only when its threads have, and a long document's work takes seconds.
        self.workers.cancel_all()
        self.exit()

    def _close_editors(self) -> None:
        with self._opened_lock:  # opened on a worker, never shown: nothing changed in them
            opened, self._opened = list(self._opened.values()), {}
        for session in opened:
            error, _ = close_off_screen(session)
            if error:
                self.problems.append(error)
        for screen in self.screen_stack:
            if not isinstance(screen, EditorScreen):
                continue
            if not screen.close_session(on_screen=False):
                self.problems.append(
                    f"{screen.session.doc_id}: the last changes were not saved; they are "
                    "kept in its journal and recovered when it is opened again"
                )
                continue
            self._keep_notes(closing_notes(screen.session))

    def _keep_notes(self, notes: Iterable[str]) -> None:
        """Notes said after exit, each once."""
        self.notes.extend(note for note in notes if note not in self.notes)

    def on_unmount(self) -> None:
        self._close_editors()
        if self._query_engine is not None:
            self._query_engine.close()  # abandons a search under way; stops the workers
