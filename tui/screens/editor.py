"""The alignment editor: review, fix and confirm one document's beads.

Every action here is a call into :class:`align.session.Session` (or another
plain function of ``align``); the screen only presents the result. Its keys
are :mod:`tui.screens.editor_keys`, its work off the screen's thread (checks,
re-aligning, memory lookups) :mod:`tui.screens.editor_work`, its status line
:mod:`tui.screens.editor_status`; every action is also in the command palette
(Ctrl+P).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header

from align import navigate
from align.edit import (
    Confirm,
    ConfirmUpTo,
    InsertEmpty,
    Merge,
    Operation,
    ShiftDown,
    ShiftUp,
    Split,
    Unconfirm,
)
from align.place import remember_place
from align.qa import Finding
from align.session import Session
from corpus.errors import KopirError
from corpus.model import LANG_NAMES
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import PromptDialog, SplitDialog, TermDialog, ask_review_cut
from tui.screens.editor_keys import (
    EDIT_HINTS,
    EDITOR_BINDINGS,
    REVIEW_HINTS,
    HintLine,
    hint_line,
)
from tui.screens.editor_status import EditorStatus
from tui.screens.editor_work import FIRST_CHECK_AFTER, EditorWork
from tui.screens.opening import in_background, kept_typing_note
from tui.typed import kopir_app
from tui.widgets.bead_table import BeadTable
from tui.widgets.edit_panel import EditPanel, SentenceArea
from tui.widgets.minimap import ConfidenceMap
from tui.widgets.quality import QualityPanel
from tui.widgets.text_line import TextLine
from tui.wording import in_app

#: Cells of the screen's width beside the bead table: the confidence map (2) and the
#: table's scroll bar (1). tests/tui/test_opening.py holds it to the table as drawn.
BESIDE_THE_TABLE = 3


def table_width(screen_width: int) -> int:
    """The bead table's width, for its text, in a terminal ``screen_width`` cells wide."""
    return screen_width - BESIDE_THE_TABLE


class EditorScreen(EditorWork):
    """One document open in the alignment editor."""

    BINDINGS = EDITOR_BINDINGS

    DEFAULT_CSS = """
    EditorScreen #columns { height: 1; background: $panel; color: $foreground 70%; }
    EditorScreen #status { height: 1; background: $panel; padding: 0 1; }
    EditorScreen #status.read-only { background: $warning 40%; }
    EditorScreen #hints { background: $panel; color: $foreground 75%; padding: 0 1; }
    EditorScreen #main { height: 1fr; }
    """

    # Textual repaints the whole screen whenever the focus moves (Screen.focused
    # repaints); here only the two widgets gaining and losing focus look any
    # different, and they repaint themselves, so going into and out of the edit
    # box need not cost a full repaint of a long document's screen.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(
        self, session: Session, start_bead: int = 0, measured: tuple[int, list[int]] | None = None
    ) -> None:
        """``measured``: the beads' heights at a table width, as :func:`measure_beads` gives."""
        super().__init__()
        self.session = session
        self._measured = measured
        self.start_bead = start_bead
        self.flags: dict[int, str] = {}
        self.search = ""
        self.busy = ""
        self._session_closed = False
        self.findings: list[Finding] = []
        self._recheck_timer: Timer | None = None
        self._told_unreadable = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical():
                yield TextLine(id="columns")
                yield BeadTable(self.session, self._measured, id="beads")
            yield ConfidenceMap(id="minimap")
        yield EditPanel()
        yield QualityPanel()
        yield EditorStatus(id="status")
        # Key hints as one line of text: Textual's Footer rebuilds itself whenever
        # the focus moves (into and out of the edit box), at a cost a keystroke
        # on a long document cannot afford.
        yield HintLine(id="hints")

    @property
    def table(self) -> BeadTable:
        return self.query_one(BeadTable)

    def on_mount(self) -> None:
        self.title = f"{self.session.doc_id}"
        self.sub_title = self.session.title
        self.table.focus()
        self._columns()
        nodes = [self, self.query_one(EditPanel), self.query_one(SentenceArea), self.app]
        self._hints = {
            "review": hint_line(nodes, REVIEW_HINTS),
            "edit": hint_line(nodes, EDIT_HINTS),
        }
        self.query_one(HintLine).show(self._hints["review"])
        self.set_interval(0.5, self._status)
        self.call_after_refresh(self._refresh_views)
        if self.start_bead and self.session.draft is None:  # unfinished typing: its bead wins
            self.call_after_refresh(self.table.move_to, self.start_bead)
        self._recheck_timer = self.set_timer(FIRST_CHECK_AFTER, self._recheck)
        self.call_after_refresh(self._freeze_heap)
        if self.session.notice:
            self.notify(self.session.notice, severity="warning", timeout=10)
        if self.session.review_cut_problem:
            self.notify(in_app(self.session.review_cut_problem), severity="error", timeout=10)
        if self.session.draft is not None:
            draft = self.session.draft
            self.table.move_to(draft.bead)
            self.table.active = draft.lang
            self.call_after_refresh(self._open_editor, draft.text)

    def _columns(self) -> None:
        def name(lang: str) -> str:
            mark = "◆ " if self.table.active == lang else "  "  # ▶ is the map's "you are here"
            return f"{mark}{LANG_NAMES[lang]}"

        kk_w, _ = self.table._column_widths()
        gutter = f"{'#':>5} ● {'shape':<5} {'cf':>3}   "
        self.query_one("#columns", TextLine).show(f"{gutter}{name('kk'):<{kk_w}} │ {name('en')}")

    def _status(self) -> None:
        status = self.query_one(EditorStatus)
        status.show_document(self.session, self.table.cursor, self.flags, self.busy)

    def _refresh_views(self) -> None:
        self._columns()
        table = self.table
        if table.flags is not self.flags or table.search != self.search:
            table.flags = self.flags
            table.search = self.search
            table.redraw()
        table.sync()
        self._moved()

    @on(BeadTable.CursorMoved)
    def _moved(self) -> None:
        """The map and the status line, which follow the cursor."""
        self.query_one(ConfidenceMap).show(
            self.session.alignment.beads,
            self.flags,
            self.table.visible_range(),
            self.session.weak_below,
        )
        self._status()

    @on(ConfidenceMap.Jump)
    def _jump(self, event: ConfidenceMap.Jump) -> None:
        self.table.move_to(event.index)

    # ------------------------------------------------------------ moving

    def action_move(self, step: int) -> None:
        self.table.move_to(self.table.cursor + step)

    def action_page(self, direction: int) -> None:
        self.table.move_to(self.table.cursor + direction * self.table.page_size())

    def action_first(self) -> None:
        self.table.move_to(0)

    def action_last(self) -> None:
        self.table.move_to(len(self.session.alignment.beads) - 1)

    def action_switch_side(self) -> None:
        self.table.active = "kk" if self.table.active == "en" else "en"
        self._columns()

    def _jump_to(self, wanted: navigate.Predicate, direction: int, what: str) -> int | None:
        """Move to the next (or previous) wanted bead; return where it is, ``None`` for none."""
        found = navigate.next_bead(
            self.session.alignment, self.table.cursor, wanted, forward=direction > 0
        )
        if found is None:
            self.notify(f"no bead is {what}", timeout=3)
        elif found == self.table.cursor:
            self.notify(f"this is the only bead that is {what}", timeout=3)
        else:
            self.table.move_to(found)
        return found

    def action_next_unconfirmed(self, direction: int) -> None:
        self._jump_to(navigate.unconfirmed, direction, "unconfirmed")

    def action_next_weak(self, direction: int) -> None:
        cut = self.session.weak_below
        self._jump_to(navigate.weak(cut), direction, f"weak (unconfirmed, confidence < {cut:g})")

    def action_review_cut(self) -> None:
        """Show the corpus's review cut and what each cut finds; set a new one (for the
        whole corpus: the documents screen counts with it too)."""

        def redraw() -> None:
            self.table.redraw()
            self._refresh_views()

        ask_review_cut(self, self.session.weak_below, self.session.set_review_cut, redraw)

    def action_add_term(self) -> None:
        """Add a term to the corpus's glossary from this bead (a dialog with both sides)."""
        if not self.session.alignment.beads:
            return
        i = self.table.cursor
        kk, en = (" ".join(side) for side in self.session.bead_texts(i))

        def added(line: str | None) -> None:
            if line is not None:
                self.notify(f"glossary: {line}", timeout=4)
                self._changed()  # re-check: the new term is looked for at once

        self.app.push_screen(TermDialog(i + 1, kk, en, self.session.add_term), added)

    def action_next_flagged(self, direction: int) -> None:
        self._jump_to(navigate.flagged(self.flags), direction, "flagged")

    def action_goto(self) -> None:
        def go(answer: str | None) -> None:
            if answer and answer.strip().isdigit():
                self.table.move_to(int(answer) - 1)

        count = len(self.session.alignment.beads)
        self.app.push_screen(PromptDialog(f"Go to bead (1–{count})", "number"), go)

    def action_query(self) -> None:
        """The corpus's concordance (the documents screen's ``/``) over this document:
        how a word was translated elsewhere, Escape back to the bead, the edit box as it was."""
        from tui.screens.query import QueryScreen

        self.app.push_screen(QueryScreen(kopir_app(self).query_engine()))

    def action_search(self) -> None:
        def found(query: str | None) -> None:
            if query is None:
                return
            self.search = query.strip()
            self._refresh_views()
            if self.search:
                self.action_next_match(1)

        self.app.push_screen(
            PromptDialog(
                "Search both languages",
                "word or phrase",
                self.search,
                "Case-insensitive. Then '.' and ',' go to the next and previous match.",
            ),
            found,
        )

    def action_next_match(self, direction: int) -> None:
        if not self.search:
            self.action_search()
            return
        wanted = navigate.matching(self.search, self.session.text)
        found = self._jump_to(wanted, direction, f"matching {self.search!r}")
        if found is not None:  # where the search stands, as CAT tools say it
            k, n = navigate.rank(self.session.alignment, found, wanted)
            if n > 1:
                self.notify(f"match {k} of {n} for {self.search!r}", timeout=3)

    # ------------------------------------------------------------ changing

    def _do(self, op: Operation, then_move: int = 0) -> bool:
        try:
            message = self.session.apply(op)
        except KopirError as exc:
            self.notify(str(exc), severity="error", timeout=5)
            return False
        self._changed()
        if then_move:
            self.table.move_to(self.table.cursor + then_move)
        if message == "nothing to change":
            self.notify(message, timeout=2)
        return True

    def action_export(self) -> None:
        saver = self.session.saver
        if saver is not None and not saver.flush():
            self.notify("the document could not be saved: export waits", severity="error")
            return

        def done(lines: list[str] | None) -> None:
            if lines:
                self.notify("\n".join(lines), title="Exported", timeout=10)

        corpus, doc_id = self.session.corpus, self.session.doc_id
        self.app.push_screen(ExportDialog(corpus, [doc_id], doc_id), done)

    def action_confirm_next(self) -> None:
        self._do(Confirm(self.table.cursor), then_move=1)

    def action_toggle_confirm(self) -> None:
        i = self.table.cursor
        bead = self.session.alignment.beads[i] if self.session.alignment.beads else None
        if bead is not None:
            self._do(Unconfirm(i) if bead.status == "confirmed" else Confirm(i))

    def action_confirm_above(self) -> None:
        self._do(ConfirmUpTo(self.table.cursor))

    def action_merge(self) -> None:
        self._do(Merge(self.table.cursor))

    def action_split(self) -> None:
        i = self.table.cursor
        if not self.session.alignment.beads:
            return
        kk, en = self.session.bead_texts(i)
        if len(kk) + len(en) < 2:
            self.notify("this bead has only one sentence: nothing to split", timeout=3)
            return

        def split(point: tuple[int, int] | None) -> None:
            if point is not None:
                self._do(Split(i, *point))

        self.app.push_screen(SplitDialog(i + 1, kk, en), split)

    def action_shift_up(self) -> None:
        self._do(ShiftUp(self.table.cursor, self.table.active))

    def action_shift_down(self) -> None:
        self._do(ShiftDown(self.table.cursor, self.table.active))

    def action_insert_empty(self) -> None:
        self._do(InsertEmpty(self.table.cursor, self.table.active))

    def action_edit(self) -> None:
        if self.session.read_only:
            self.notify(self.session.notice or "read-only", severity="warning")
            return
        self._open_editor(None)

    def _open_editor(self, draft: str | None) -> None:
        if not self.session.alignment.beads:
            return
        i, lang = self.table.cursor, self.table.active
        kk, en = self.session.bead_texts(i)
        mine, theirs = (kk, en) if lang == "kk" else (en, kk)
        lines = draft.split("\n") if draft is not None else mine
        self.query_one(EditPanel).open(i, lang, lines, theirs, restored=draft is not None)
        if not "".join(lines).strip() and theirs:  # a side to translate: what does the memory say?
            self._suggest(i, lang)
        if lang == "en" and kk:  # the client's terms in the Kazakh, with their English
            self._find_terms(i, lang)
        self.query_one(HintLine).show(
            [*self._hints["edit"], ("", "(Enter: new sentence)", "(Enter: new sentence)")]
        )

    @on(EditPanel.Draft)
    def _draft(self, event: EditPanel.Draft) -> None:
        try:
            self.session.note_draft(event.bead, event.lang, event.text)
        except KopirError as exc:
            self.notify(str(exc), severity="error")

    @on(EditPanel.Done)
    def _edited(self, event: EditPanel.Done) -> None:
        """Record the edit (journal first), then close the panel; on error it stays open."""
        try:
            if event.lines is not None:
                self.session.set_texts(event.bead, event.lang, event.lines)
            self.session.end_draft()
        except KopirError as exc:
            self.notify(str(exc), severity="error", timeout=5)
            return
        self.query_one(EditPanel).close()
        self.query_one(HintLine).show(self._hints["review"])
        self.table.focus()
        self._changed()
        if event.lines is not None and self.session.cleaned:
            notes = self.session.cleaned
            more = f"\n… and {len(notes) - 3} more" if len(notes) > 3 else ""
            self.notify("\n".join(notes[:3]) + more, title="Cleaned", severity="warning")
        if event.advance and event.lines is not None and self._do(Confirm(event.bead)):
            # as a CAT tool's "confirm and next": the next bead to do, open to type into
            self.table.move_to(event.bead)
            found = self._jump_to(navigate.unconfirmed, 1, "unconfirmed")
            if found is not None and found != event.bead:
                self._open_editor(None)

    def action_undo(self) -> None:
        self._history(self.session.undo)

    def action_redo(self) -> None:
        self._history(self.session.redo)

    def _history(self, step) -> None:
        before = self.session.alignment
        try:
            message = step()
        except KopirError as exc:
            self.notify(str(exc), timeout=3)
            return
        self._changed()
        changed = navigate.first_change(before, self.session.alignment)
        if changed is not None:  # show the bead the step changed, wherever the cursor was
            self.table.move_to(changed)
        self.notify(message, timeout=3)

    # ------------------------------------------------------------ closing

    def action_close(self) -> None:
        if in_background(self.session.corpus, self.session.doc_id):
            # A long document's last save and its journal's end need not keep the
            # translator waiting: the app finishes them on a worker, and before it exits.
            self._before_close()
            self._session_closed = True
            kopir_app(self).close_later(self.session)
            self.app.pop_screen()
            return
        if self.close_session():
            self.app.pop_screen()

    def close_session(self, *, on_screen: bool = True) -> bool:
        """Save and release the document; False (and a message) if the save failed.

        A session whose undo history could not be kept says so here when the app goes
        on (``on_screen``); when it is quitting, the app says it after exit, and the
        next opening says it again, since a closing terminal hears nothing.
        """
        if self._session_closed:
            return True
        self._before_close()
        try:
            self.session.close()
        except KopirError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        self._session_closed = True
        if self.session.kept_typing:
            self.notify(kept_typing_note(self.session.doc_id), timeout=8)
        if self.session.closing_notice and on_screen:
            self.notify(self.session.closing_notice, severity="warning", timeout=10)
            self.session.closing_said()
        return True

    def _before_close(self) -> None:
        """What every close does before the session's: checks stopped, place and typing kept."""
        self.stop_checks()  # the last save must not share the interpreter with a check
        self._remember_place()
        self._note_typing()

    def _remember_place(self) -> None:
        """Keep the cursor's bead, so that the document reopens there."""
        try:
            cursor = self.table.cursor
        except NoMatches:  # the app is ending and the table is gone: nothing new to keep
            return
        session = self.session
        remember_place(session.corpus, session.doc_id, session.alignment, cursor)

    def _note_typing(self) -> None:
        """Put the edit box's text in the journal as it stands, before the session closes.

        Quitting (Ctrl+Q, the terminal closing) with the box open keeps what
        was typed as a draft, as a kill would (the last keystroke's draft may
        not have been journalled yet); a box opened and left as it was keeps
        nothing.
        """
        try:
            panel = self.query_one(EditPanel)
            text = self.query_one(SentenceArea).text
        except NoMatches:
            return
        if not panel.is_open or self.session.read_only:
            return
        kk, en = self.session.bead_texts(panel.bead)
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        try:
            if lines == (kk if panel.lang == "kk" else en):
                self.session.end_draft()
            else:
                self.session.note_draft(panel.bead, panel.lang, text)
        except KopirError as exc:
            self.notify(str(exc), severity="error")
