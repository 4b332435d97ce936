"""The editor's work off the screen's thread: quality checks, re-aligning, memory lookups.

Each runs on a worker and posts its result as a message, which the screen
applies only if the document is still the one the work was done on: a long
document's checks or re-alignment must never hold a keystroke up, and a
result that arrives late must not undo what the translator did meanwhile.
:class:`EditorWork` is the editor screen's base class; it uses the screen's
session, bead table and redrawing (:class:`tui.screens.editor.EditorScreen`).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from align.cancel import Stopped
from align.model import Alignment, ReviewState
from align.qa import Finding
from align.qa.findings import worst_by_bead
from align.session import Proposal, Session, State
from corpus.errors import KopirError
from corpus.model import LANG_NAMES
from corpus.wording import plural
from tui.dialogs.small import ConfirmDialog
from tui.typed import kopir_app
from tui.widgets.bead_table import BeadTable
from tui.widgets.edit_panel import EditPanel
from tui.widgets.quality import QualityPanel

#: Seconds after the last change before the quality checks run again: a pause in
#: the translator's work, so that on a long document the checks (which compete
#: with the screen for the interpreter) do not slow a run of keystrokes.
RECHECK_AFTER = 0.8
#: Seconds after opening before the first check: the screen comes first.
FIRST_CHECK_AFTER = 0.5


class EditorWork(Screen):
    """The editor's background jobs and what becomes of their results."""

    session: Session
    table: BeadTable
    flags: dict[int, str]
    findings: list[Finding]
    busy: str
    _recheck_timer: Timer | None
    _told_unreadable: bool  # the checks left out unreadable documents: said once

    def _refresh_views(self) -> None:
        """Redraw what shows the session (the editor screen's)."""
        raise NotImplementedError

    # ------------------------------------------------------------ the heap

    # Textual's drawn lines (``Strip``) keep themselves in their own caches, so every
    # repaint leaves reference cycles that only Python's cyclic collector frees, and
    # every few repaints it makes a full pass over every object in the interpreter. A
    # long document is most of them (a 10,000-bead one, 130,000: sentences, beads,
    # links, the autosave's memo), so a full pass took 120-140 ms and a repaint that
    # set one off (opening the quality panel, say) several times its own cost. Those
    # objects live as long as the editor: once it has drawn, and again once the first
    # check has built the checker's memory of every bead, they are moved out of the
    # collector's sight (``gc.freeze``; reference counting still frees them) and given
    # back when it closes.

    def _freeze_heap(self) -> None:
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()  # what the closed document leaves is the collector's to free again

    def _status(self) -> None:
        """Redraw the status line (the editor screen's)."""
        raise NotImplementedError

    def _changed(self) -> None:
        """The session changed: redraw what shows it, and re-check it soon."""
        self._refresh_views()
        if self._recheck_timer is not None:
            self._recheck_timer.stop()
        self._recheck_timer = self.set_timer(RECHECK_AFTER, self._recheck)

    # ------------------------------------------------------------ quality

    def _recheck(self) -> None:
        self._check(self.session.state)

    def stop_checks(self) -> None:
        """Give up any check under way (quitting or closing must not wait for it)."""
        self.workers.cancel_group(self, "quality")

    # A description is given: Textual otherwise describes a worker by repr() of
    # its arguments, which for a long document costs a quarter of a second.
    # Exclusive: a new check cancels the one under way, which stops at its next
    # question (align.cancel) instead of checking a state already gone.
    @work(thread=True, exclusive=True, group="quality", description="quality checks")
    def _check(self, state: State) -> None:
        """Run the quality checks on a state (one run at a time: the checker remembers)."""
        alignment = state.alignment
        worker = get_current_worker()
        try:
            findings = self.session.check(state, lambda: worker.is_cancelled)
        except Stopped:
            return  # a newer check is on its way, or the editor is closing
        except KopirError as exc:
            self.post_message(self.Checked([], {}, alignment, f"checks could not run: {exc}"))
            return
        self.post_message(self.Checked(findings, worst_by_bead(findings), alignment, ""))

    @dataclass
    class Checked(Message):
        """Findings of a check, and the worst severity per bead (worked out off the UI thread)."""

        findings: list[Finding]
        flags: dict[int, str]
        alignment: Alignment
        error: str

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        if event.error:
            self.notify(event.error, severity="error", timeout=8)
        if self.session.unreadable and not self._told_unreadable:
            self._told_unreadable = True
            left_out = plural(len(self.session.unreadable), "unreadable document")
            first = next(iter(self.session.unreadable.values()))
            self.notify(
                f"the length check left out {left_out}: {first}", severity="warning", timeout=10
            )
        if event.alignment is not self.session.alignment:
            return  # the document changed meanwhile: a newer check is on its way
        if not self.findings and not self.flags:  # the first check's results
            self._freeze_heap()
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

    # ------------------------------------------------------------ translation memory

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
            from align.pretranslate import document_memory, lookup  # RapidFuzz: when asked

            memory = kopir_app(self).translation_memory(other)
            matches = lookup(memory, document_memory(self.session.state, other, bead), text)
        except KopirError as exc:
            self.post_message(self.Matches(bead, lang, [], f"no matches: {exc}"))
            return
        empty = f"no match of 50 % or more among {len(memory):,} confirmed pairs"
        self.post_message(self.Matches(bead, lang, matches, empty))

    @work(thread=True, exclusive=True, group="terms", description="glossary terms")
    def _find_terms(self, bead: int, lang: str) -> None:
        """The glossary's terms in ``bead``'s Kazakh, on a worker (the first look loads the
        Kazakh analyser)."""
        try:
            terms, problem = self.session.terms(bead), ""
        except KopirError as exc:
            terms, problem = [], str(exc)
        self.post_message(self.Terms(bead, lang, terms, problem))

    @dataclass
    class Terms(Message):
        """The glossary's terms in a bead's Kazakh, from the worker."""

        bead: int
        lang: str
        terms: list
        problem: str

    @on(Terms)
    def _terms(self, event: Terms) -> None:
        self.query_one(EditPanel).show_terms(event.bead, event.lang, event.terms, event.problem)

    @dataclass
    class Matches(Message):
        """The memory's matches for a bead's side being typed, from the worker."""

        bead: int
        lang: str
        matches: list
        empty: str

    @on(Matches)
    def _matches(self, event: Matches) -> None:
        self.query_one(EditPanel).show_suggestions(
            event.bead, event.lang, event.matches, event.empty
        )

    # ------------------------------------------------------------ pre-translation

    def action_fill_from_memory(self) -> None:
        """Fill every bead whose active side is empty from the memory's exact matches."""
        if self.session.read_only:
            self.notify(self.session.notice or "read-only", severity="warning")
            return
        self._fill(self.table.active)

    @work(thread=True, exclusive=True, group="fill", description="pre-translation")
    def _fill(self, lang: str) -> None:
        """Look every untranslated bead up (the state is immutable: safe off the screen)."""
        from align.pretranslate import exact_fills  # loads RapidFuzz: only when asked

        other = "kk" if lang == "en" else "en"
        try:
            memory = kopir_app(self).translation_memory(other)
            fills = exact_fills(self.session.state, memory, lang)
        except KopirError as exc:
            self.post_message(self.Filled(lang, [], f"no fill: {exc}"))
            return
        empty = (
            f"no bead without {LANG_NAMES[lang]} has an exact match "
            f"among {len(memory):,} confirmed pairs"
        )
        self.post_message(self.Filled(lang, fills, empty))

    @dataclass
    class Filled(Message):
        """The memory's exact matches for the untranslated beads, from the worker."""

        lang: str
        fills: list
        empty: str

    @on(Filled)
    def _filled(self, event: Filled) -> None:
        if not event.fills:
            self.notify(event.empty, timeout=4)
            return
        try:
            message = self.session.fill(event.lang, event.fills)
        except KopirError as exc:
            self.notify(str(exc), severity="error", timeout=5)
            return
        self._changed()
        self.table.move_to(event.fills[0].bead)
        self.notify(f"{message}: unconfirmed, n visits them, Space confirms", timeout=6)

    # ------------------------------------------------------------ re-aligning

    def action_realign(self) -> None:
        if self.session.read_only:
            self.notify(self.session.notice or "read-only", severity="warning")
            return
        beads = self.session.alignment.beads
        cut = self.session.weak_below
        manual = sum(1 for b in beads if b.review_state(cut) is ReviewState.MANUAL)
        if not manual:
            self._start_realign()
            return

        def answer(go_on: bool | None) -> None:
            if go_on:
                self._start_realign()

        is_, them = ("is", "it") if manual == 1 else ("are", "them")
        question = (
            f"{plural(manual, 'bead')} you changed by hand (✎) {is_} not confirmed, and "
            f"re-aligning may change {them} (u undoes it). Confirm {them} first to keep {them} "
            "(Space, or C for everything above). Re-align anyway?"
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

    @dataclass
    class Realigned(Message):
        """The aligner's proposal, from the worker (posted: never blocks the worker)."""

        proposal: Proposal | None
        error: str

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
