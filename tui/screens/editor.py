"""The alignment editor: review, fix and confirm one document's beads.

Every action here is a call into :class:`align.session.Session` (or another
plain function of ``align``); the screen only presents the result. Keys are
single letters in the spirit of InterText and OmegaT's aligner, each binding
has an id so that a user's keymap can move it, and every action is also in
the command palette (Ctrl+P).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
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
from align.model import Alignment, ReviewState
from align.qa import Finding
from align.qa.findings import worst_by_bead
from align.session import Proposal, Session, State
from corpus.errors import KopirError
from corpus.model import LANG_NAMES
from corpus.wording import plural
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import ConfirmDialog, PromptDialog, SplitDialog
from tui.widgets.bead_table import BeadTable, state_words
from tui.widgets.edit_panel import EditPanel, SentenceArea
from tui.widgets.minimap import ConfidenceMap
from tui.widgets.quality import QualityPanel
from tui.widgets.text_line import TextLine

#: Seconds after the last change before the quality checks run again: a pause in
#: the translator's work, so that on a long document the checks (which compete
#: with the screen for the interpreter) do not slow a run of keystrokes.
RECHECK_AFTER = 0.8
#: Seconds after opening before the first check: the screen comes first.
FIRST_CHECK_AFTER = 0.5
#: The key hints under the beads: (binding id, what), while reviewing and editing.
REVIEW_HINTS = (
    ("editor.confirm", "confirm"), ("editor.edit", "edit"), ("editor.merge", "merge"),
    ("editor.split", "split"), ("editor.shift_up", "pull up"), ("editor.shift_down", "push down"),
    ("editor.side", "side"), ("editor.undo", "undo"), ("editor.next_unconfirmed", "next to do"),
    ("editor.quality", "checks"), ("editor.export", "export"), ("app.help", "help"),
)  # fmt: skip
EDIT_HINTS = (
    ("edit.apply", "apply"),
    ("edit.suggest", "matches"),
    ("edit.cancel", "cancel"),
    ("edit.select_all", "select all"),
)


class EditorScreen(Screen):
    """One document open in the alignment editor."""

    BINDINGS = [
        # moving
        Binding("down,j", "move(1)", "Next", show=False, id="editor.down"),
        Binding("up,k", "move(-1)", "Previous", show=False, id="editor.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="editor.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="editor.page_up"),
        Binding("home,g", "first", "First bead", show=False, id="editor.first"),
        Binding("end,G", "last", "Last bead", show=False, id="editor.last"),
        Binding("colon", "goto", "Go to bead", show=False, id="editor.goto"),
        Binding("tab", "switch_side", "Kazakh/English", show=False, id="editor.side"),
        Binding("n", "next_unconfirmed(1)", "Next unconfirmed", id="editor.next_unconfirmed"),
        Binding("N", "next_unconfirmed(-1)", "Prev. unconfirmed", show=False,
                id="editor.prev_unconfirmed"),
        Binding("w", "next_weak(1)", "Next weak", show=False, id="editor.next_weak"),
        Binding("W", "next_weak(-1)", "Prev. weak", show=False, id="editor.prev_weak"),
        Binding("f", "next_flagged(1)", "Next flagged", show=False, id="editor.next_flagged"),
        Binding("F", "next_flagged(-1)", "Prev. flagged", show=False,
                id="editor.prev_flagged"),
        Binding("slash", "search", "Search", show=False, id="editor.search"),
        Binding("full_stop", "next_match(1)", "Next match", show=False, id="editor.next_match"),
        Binding("comma", "next_match(-1)", "Prev. match", show=False, id="editor.prev_match"),
        # changing
        Binding("space", "confirm_next", "Confirm", id="editor.confirm"),
        Binding("c", "toggle_confirm", "Confirm/unconfirm", show=False,
                id="editor.toggle_confirm"),
        Binding("C", "confirm_above", "Confirm all above", show=False,
                id="editor.confirm_above"),
        Binding("m", "merge", "Merge with next", id="editor.merge"),
        Binding("s", "split", "Split", id="editor.split"),
        Binding("K", "shift_up", "Pull sentence up", show=False, id="editor.shift_up"),
        Binding("J", "shift_down", "Push sentence down", show=False, id="editor.shift_down"),
        Binding("i", "insert_empty", "No counterpart", show=False, id="editor.insert_empty"),
        Binding("e,enter", "edit", "Edit text", id="editor.edit"),
        Binding("r", "realign", "Re-align", show=False, id="editor.realign"),
        Binding("p", "quality", "Quality panel", id="editor.quality"),
        Binding("x", "export", "Export", show=False, id="editor.export"),
        Binding("u,ctrl+z", "undo", "Undo", id="editor.undo"),
        Binding("U,ctrl+y,ctrl+r", "redo", "Redo", show=False, id="editor.redo"),
        # panels
        Binding("escape", "close", "Documents", show=False, id="editor.close"),
    ]  # fmt: skip

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

    def __init__(self, session: Session, start_bead: int = 0) -> None:
        super().__init__()
        self.session = session
        self.start_bead = start_bead
        self.flags: dict[int, str] = {}
        self.search = ""
        self.busy = ""
        self._session_closed = False
        self._confirmed: tuple[tuple, int] = ((), 0)
        self.findings: list[Finding] = []
        self._recheck_timer: Timer | None = None

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical():
                yield TextLine(id="columns")
                yield BeadTable(self.session, id="beads")
            yield ConfidenceMap(id="minimap")
        yield EditPanel()
        yield QualityPanel()
        yield TextLine(id="status")
        # Key hints as one line of text: Textual's Footer rebuilds itself whenever
        # the focus moves (into and out of the edit box), at a cost a keystroke
        # on a long document cannot afford.
        yield TextLine(id="hints")

    @property
    def table(self) -> BeadTable:
        return self.query_one(BeadTable)

    def on_mount(self) -> None:
        self.title = f"{self.session.doc_id}"
        self.sub_title = self.session.title
        self.table.focus()
        self._columns()
        self._hints = {
            "review": self._hint_line(REVIEW_HINTS),
            "edit": self._hint_line(EDIT_HINTS),
        }
        self.query_one("#hints", TextLine).show(self._hints["review"])
        self.set_interval(0.5, self._status)
        self.call_after_refresh(self._refresh_views)
        if self.start_bead:
            self.call_after_refresh(self.table.move_to, self.start_bead)
        self._recheck_timer = self.set_timer(FIRST_CHECK_AFTER, self._recheck)
        if self.session.notice:
            self.notify(self.session.notice, severity="warning", timeout=10)
        if self.session.draft is not None:
            draft = self.session.draft
            self.table.move_to(draft.bead)
            self.table.active = draft.lang
            self.call_after_refresh(self._open_editor, draft.text)

    def _hint_line(self, hints: tuple[tuple[str, str], ...]) -> str:
        """``key what`` for each binding id, with the keys the user's keymap gives it."""
        keys: dict[str, list[str]] = {}
        for node in (self, self.query_one(EditPanel), self.query_one(SentenceArea), self.app):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if binding.id:
                        keys.setdefault(binding.id, []).append(self.app.get_key_display(binding))
        return "  ".join(
            f"{'/'.join(dict.fromkeys(keys[binding_id]))} {what}"
            for binding_id, what in hints
            if binding_id in keys
        )

    def _columns(self) -> None:
        def name(lang: str) -> str:
            mark = "◆ " if self.table.active == lang else "  "  # ▶ is the map's "you are here"
            return f"{mark}{LANG_NAMES[lang]}"

        kk_w, _ = self.table._column_widths()
        gutter = f"{'#':>5} ● {'shape':<5} {'cf':>3}   "
        self.query_one("#columns", TextLine).show(f"{gutter}{name('kk'):<{kk_w}} │ {name('en')}")

    def _status(self) -> None:
        s = self.session
        al = s.alignment
        beads = al.beads
        count = len(beads)
        parts = [s.doc_id]
        if count:
            i = min(self.table.cursor, count - 1)
            bead = beads[i]
            parts.append(f"bead {i + 1}/{count} {bead.kind} {state_words(bead)}")
            if self._confirmed[0] is not beads:  # counted once per change, not per key
                self._confirmed = (beads, sum(b.status == "confirmed" for b in beads))
            done = self._confirmed[1]
            parts.append(f"{done}/{count} confirmed ({100 * done // count}%)")
        else:
            parts.append("no beads: import an English text from the documents screen")
        if self.flags:
            errors = sum(1 for v in self.flags.values() if v == "error")
            parts.append(f"QA ⚑ {plural(len(self.flags), 'bead')} ({errors} with errors)")
        if s.read_only:
            parts.append("READ-ONLY")
        elif s.saver is not None and s.saver.error is not None:
            parts.append(f"SAVE FAILED: {s.saver.error} (kept in the journal)")
        elif s.saver is not None and s.saver.pending:
            parts.append("saving…")
        else:
            parts.append("saved")
        if self.busy:
            parts.append(self.busy)
        status = self.query_one("#status", TextLine)
        status.show("  │  ".join(parts))
        status.set_class(s.read_only, "read-only")

    def _refresh_views(self) -> None:
        self._columns()
        table = self.table
        if table.flags is not self.flags or table.search != self.search:
            table.flags = self.flags
            table.search = self.search
            table.redraw()
        table.sync()
        self.query_one(ConfidenceMap).show(
            self.session.alignment.beads, self.flags, table.visible_range()
        )
        self._status()

    @on(BeadTable.CursorMoved)
    def _moved(self) -> None:
        self.query_one(ConfidenceMap).show(
            self.session.alignment.beads, self.flags, self.table.visible_range()
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
        self._jump_to(navigate.weak, direction, "weak (unconfirmed, low confidence)")

    def action_next_flagged(self, direction: int) -> None:
        self._jump_to(navigate.flagged(self.flags), direction, "flagged")

    def action_goto(self) -> None:
        def go(answer: str | None) -> None:
            if answer and answer.strip().isdigit():
                self.table.move_to(int(answer) - 1)

        count = len(self.session.alignment.beads)
        self.app.push_screen(PromptDialog(f"Go to bead (1–{count})", "number"), go)

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

    def _changed(self) -> None:
        """The session changed: redraw what shows it, and re-check it soon."""
        self._refresh_views()
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
        self._recheck_timer = self.set_timer(RECHECK_AFTER, self._recheck)

    # ------------------------------------------------------------ quality

    def _recheck(self) -> None:
        self._check(self.session.state)

    # A description is given: Textual otherwise describes a worker by repr() of
    # its arguments, which for a long document costs a quarter of a second.
    @work(thread=True, group="quality", description="quality checks")
    def _check(self, state: State) -> None:
        """Run the quality checks on a state (one run at a time: the checker remembers)."""
        alignment = state.alignment
        try:
            findings = self.session.check(state)
        except KopirError as exc:
            self.post_message(self.Checked([], {}, alignment, f"checks could not run: {exc}"))
            return
        self.post_message(self.Checked(findings, worst_by_bead(findings), alignment, ""))

    class Checked(Message):
        """Findings of a check, and the worst severity per bead (worked out off the UI thread)."""

        def __init__(
            self, findings: list[Finding], flags: dict[int, str], alignment: Alignment, error: str
        ) -> None:
            super().__init__()
            self.findings, self.flags = findings, flags
            self.alignment, self.error = alignment, error

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        if event.error:
            self.notify(event.error, severity="error", timeout=8)
        if event.alignment is not self.session.alignment:
            return  # the document changed meanwhile: a newer check is on its way
        self.findings = event.findings
        self.flags = event.flags
        self.query_one(QualityPanel).show(event.findings)
        self._refresh_views()

    def action_quality(self) -> None:
        """Show (and go into) the quality panel, or hide it."""
        panel = self.query_one(QualityPanel)
        panel.toggle()
        if not panel.is_open:
            self.table.focus()

    @on(QualityPanel.Hidden)
    def _quality_hidden(self) -> None:
        self.table.focus()

    @on(QualityPanel.Jump)
    def _quality_jump(self, event: QualityPanel.Jump) -> None:
        self.table.move_to(event.bead)
        self.table.focus()

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
        self.query_one("#hints", TextLine).show(self._hints["edit"] + "  (Enter: new sentence)")

    @on(EditPanel.Suggest)
    def _asked_for_matches(self, event: EditPanel.Suggest) -> None:
        self._suggest(event.bead, event.lang)

    @work(thread=True, exclusive=True, group="suggest", description="translation memory")
    def _suggest(self, bead: int, lang: str) -> None:
        """Look the other side of ``bead`` up in the corpus's memory, on a worker."""
        other = "kk" if lang == "en" else "en"
        text = " ".join(self.session.bead_texts(bead)[0 if other == "kk" else 1])
        if not text.strip():
            self.post_message(self.Matches(bead, lang, [], f"no {LANG_NAMES[other]} to look up"))
            return
        try:
            memory = self.app.translation_memory(other)  # type: ignore[attr-defined]
            matches = memory.lookup(text)
        except KopirError as exc:
            self.post_message(self.Matches(bead, lang, [], f"no matches: {exc}"))
            return
        empty = f"no match of 50 % or more among {len(memory):,} confirmed pairs"
        self.post_message(self.Matches(bead, lang, matches, empty))

    class Matches(Message):
        """The memory's matches for a bead's side being typed, from the worker."""

        def __init__(self, bead: int, lang: str, matches: list, empty: str) -> None:
            super().__init__()
            self.bead, self.lang, self.matches, self.empty = bead, lang, matches, empty

    @on(Matches)
    def _matches(self, event: Matches) -> None:
        self.query_one(EditPanel).show_suggestions(
            event.bead, event.lang, event.matches, event.empty
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
        self.query_one("#hints", TextLine).show(self._hints["review"])
        self.table.focus()
        self._changed()
        if event.lines is not None and self.session.cleaned:
            notes = self.session.cleaned
            more = f"\n… and {len(notes) - 3} more" if len(notes) > 3 else ""
            self.notify("\n".join(notes[:3]) + more, title="Cleaned", severity="warning")

    def action_realign(self) -> None:
        if self.session.read_only:
            self.notify(self.session.notice or "read-only", severity="warning")
            return
        beads = self.session.alignment.beads
        manual = sum(1 for b in beads if b.review_state is ReviewState.MANUAL)
        if not manual:
            self._start_realign()
            return

        def answer(go_on: bool | None) -> None:
            if go_on:
                self._start_realign()

        question = (
            f"{plural(manual, 'bead')} you changed by hand (✎) {'is' if manual == 1 else 'are'} "
            "not confirmed, and re-aligning may change them (u undoes it). Confirm them first "
            "to keep them (Space, or C for everything above). Re-align anyway?"
        )
        self.app.push_screen(ConfirmDialog(question), answer)

    def _start_realign(self) -> None:
        self.busy = "re-aligning…"
        self._status()
        self._realign()

    @work(thread=True, exclusive=True, group="realign", description="re-align")
    def _realign(self) -> None:
        try:
            proposal = self.session.propose()
        except KopirError as exc:
            self.post_message(self.Realigned(None, str(exc)))
            return
        self.post_message(self.Realigned(proposal, ""))

    class Realigned(Message):
        """The aligner's proposal, from the worker (posted: never blocks the worker)."""

        def __init__(self, proposal: Proposal | None, error: str) -> None:
            super().__init__()
            self.proposal = proposal
            self.error = error

    @on(Realigned)
    def _realigned(self, event: Realigned) -> None:
        proposal, error = event.proposal, event.error
        self.busy = ""
        if proposal is None:
            self.notify(error, severity="error", timeout=6)
            self._status()
            return
        try:
            report = self.session.accept_proposal(proposal)
        except KopirError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self._changed()
        self.notify(report, timeout=6)

    def action_undo(self) -> None:
        self._history(self.session.undo)

    def action_redo(self) -> None:
        self._history(self.session.redo)

    def _history(self, step) -> None:
        try:
            message = step()
        except KopirError as exc:
            self.notify(str(exc), timeout=3)
            return
        self._changed()
        self.notify(message, timeout=3)

    # ------------------------------------------------------------ closing

    def action_close(self) -> None:
        if self.close_session():
            self.app.pop_screen()

    def close_session(self) -> bool:
        """Save and release the document; False (and a message) if the save failed."""
        if self._session_closed:
            return True
        self._note_typing()
        try:
            self.session.close()
        except KopirError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return False
        self._session_closed = True
        if self.session.kept_typing:
            self.notify(self.kept_typing_note(), timeout=8)
        return True

    def kept_typing_note(self) -> str:
        doc_id = self.session.doc_id
        return (
            f"{doc_id}: your unfinished typing is kept, not applied: it comes back in the "
            f"edit box when {doc_id} is opened again"
        )

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
