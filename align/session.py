"""An editing session on one document: the state the translator's app works on.

Everything the app does is a call here, so every action can be scripted and
tested without a terminal. A session holds the document and its alignment,
applies alignment operations (``align.edit``) and text edits of sentences,
keeps undo and redo over both, and saves.

State is copy-on-write: an edit builds new ``Side`` block lists and a new
``Alignment`` and never changes the old ones. That makes undo cheap (a step
keeps references to the states before and after) and lets a background thread
save a consistent snapshot while the translator keeps typing.

Its parts live by job: the state and the text edit in ``align.state``, opening a
document (its lock, recovering a session that did not end cleanly, a new journal) in
``align.opening``, replaying a journal in ``align.replay``, saving in the background in
``corpus.storage.autosave``.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from align.cancel import ShouldStop, ask
from align.edit import Operation, ReplaceRange, to_record
from align.model import WEAK_BELOW, Alignment, AlignmentError
from align.provenance import current_user, now, stamp_run
from align.qa import DocumentChecker, Finding, calibrate, load_config
from align.replay import stamp_fields
from align.review import change_review_cut, review_cut_or_default
from align.state import LinkMemo, State, edit_texts, links_of
from align.typed import clean_typed, without_surrogates
from corpus.errors import KopirError
from corpus.glossary import Term, add_term, glossary_matcher, make_term
from corpus.glossary.tabular import RENDERING_SEPARATOR
from corpus.model import LANG_NAMES, Document, Link, Side, Stamp
from corpus.storage.autosave import AutoSaver
from corpus.storage.journal import CLOSED, Draft, Journal
from corpus.storage.lock import DocumentLock
from corpus.storage.store import Corpus
from corpus.storage.tei import TeiWriter
from corpus.wording import plural

if TYPE_CHECKING:
    from align.pretranslate import Fill  # loads RapidFuzz: only where a fill is made

MAX_HISTORY = 1000


@dataclass(frozen=True)
class Step:
    """One undoable change: what it was and the states on either side of it."""

    description: str
    before: State
    after: State


@dataclass(frozen=True)
class Proposal:
    """The aligner's answer for a document: applied only if the alignment is still ``based_on``."""

    based_on: Alignment
    alignment: Alignment
    report: str


class Session:
    """One document open for editing (or for reading only)."""

    def __init__(
        self,
        corpus: Corpus,
        doc: Document,
        *,
        read_only: bool = False,
        journal: Journal | None = None,
        autosave: bool = True,
    ) -> None:
        self.corpus = corpus
        self.read_only = read_only
        self._doc = doc
        sentences = {s.id: s for side in (doc.kk, doc.en) for s in side.sentences()}
        self._state = State(doc.kk, doc.en, Alignment.from_document(doc), sentences)
        self._done: list[Step] = []
        self._undone: list[Step] = []
        # New sentences are numbered on from the highest number in the document,
        # and the count never goes back (not even on undo): ids are never reused.
        self._next_number = {lang: doc.side(lang).next_sentence_number() for lang in LANG_NAMES}
        self.journal = journal
        self._link_memo: LinkMemo = {}  # see _links; set before the saver's thread uses it
        self.saver = (
            AutoSaver(corpus, self.snapshot, doc_id=doc.id) if autosave and not read_only else None
        )
        self.lock: DocumentLock | None = None
        #: What the editor should tell the translator on opening (read-only, recovery).
        self.notice = ""
        #: Unfinished typing recovered from a session that did not end cleanly.
        self.draft: Draft | None = None
        #: What cleaning changed in the text of the last :meth:`set_texts` (one note each).
        self.cleaned: list[str] = []
        #: The translator is typing (a draft noted and neither applied nor dropped).
        self.typing = False
        #: Set by :meth:`close` when unapplied typing was kept in the journal.
        self.kept_typing = False
        #: Set by :meth:`close` when the session's changes could not be kept as undo
        #: history (one line; the next opening says it too, unless :meth:`closing_said`).
        self.closing_notice = ""
        self._ends: dict[str, tuple[Side, frozenset[str]]] = {}
        #: Who the beads this session makes or changes are stamped with (align.provenance).
        self.user = current_user()
        self._checker: DocumentChecker | None = None
        self._checker_lock = threading.Lock()
        #: Other documents the checks' length calibration could not read, with their errors.
        self.unreadable: dict[str, str] = {}
        #: A stamp to use instead of the clock: set while a journal is replayed (align.replay).
        self._replayed_stamp: Stamp | None = None
        #: The corpus's review cut (align.review): proposed beads below it are weak. A
        #: settings file kopir cannot read leaves it at 0.5 and says why here.
        self.weak_below, problem = review_cut_or_default(corpus.root)
        self.review_cut_problem = f"review cut left at {WEAK_BELOW}: {problem}" if problem else ""

    def terms(self, i: int) -> list[Term]:
        """The corpus glossary's terms in bead ``i``'s Kazakh, in the order they first appear
        (inflected forms found: :mod:`corpus.glossary.match`)."""
        kk, _ = self.bead_texts(i)
        return glossary_matcher(self.corpus.root).terms_in(" ".join(kk))

    def add_term(self, kk: str, en: str, note: str = "") -> str:
        """Add a term to the corpus's glossary (``en``: renderings separated by ``|``); says
        what happened. The next check looks for it."""
        line = add_term(self.corpus.root, make_term(kk, en.split(RENDERING_SEPARATOR), note))
        with self._checker_lock:
            # Its settings hold the glossary as it was; its length calibration (every
            # document of the corpus read) still holds.
            old, self._checker = self._checker, None
            if old is not None:
                with contextlib.suppress(KopirError):  # else the next check says what is wrong
                    self._checker = DocumentChecker(load_config(self.corpus.root), old.calibration)
        return line

    def set_review_cut(self, value: object) -> str:
        """Make ``value`` the corpus's review cut (:func:`align.review.change_review_cut`)
        and this session's; says what it means."""
        cut, report = change_review_cut(self.corpus.root, value)
        self.weak_below, self.review_cut_problem = cut, ""
        return report

    # ------------------------------------------------------------ reading

    @property
    def doc_id(self) -> str:
        return self._doc.id

    @property
    def title(self) -> str:
        return self._doc.meta.title

    @property
    def alignment(self) -> Alignment:
        return self._state.alignment

    def side(self, lang: str) -> Side:
        return self._state.kk if lang == "kk" else self._state.en

    def paragraph_ends(self, lang: str) -> frozenset[str]:
        """The ids of the sentences of ``lang`` that end a paragraph (or other block).

        Worked out once per version of the side (an edit of the other side or
        of the alignment leaves it as it was): the editor asks on every change.
        """
        side = self.side(lang)
        known = self._ends.get(lang)
        if known is None or known[0] is not side:
            ends = frozenset(b.sentences[-1].id for b in side.blocks if b.sentences)
            known = self._ends[lang] = (side, ends)
        return known[1]

    def text(self, sid: str) -> str:
        """The text of a sentence by id."""
        return self._state.sentences[sid].text

    def bead_texts(self, i: int) -> tuple[list[str], list[str]]:
        bead = self.alignment.beads[i]
        return [self.text(s) for s in bead.kk], [self.text(s) for s in bead.en]

    @property
    def state(self) -> State:
        """The current state: immutable, so another thread may build a snapshot of it."""
        return self._state

    def snapshot(self, state: State | None = None) -> Document:
        """The document as it stands now (or at ``state``), with links from the alignment.

        Building the links costs tens of milliseconds on a long document, so
        the app takes ``state`` on its own thread and snapshots it on a worker.
        """
        state = state or self._state
        return Document(self._doc.id, self._doc.meta, state.kk, state.en, self._links(state))

    def _links(self, state: State) -> list[Link]:
        """The state's beads as links, the same ``Link`` for a bead as last time (safe from
        any thread: the memo is replaced whole): see :func:`align.state.links_of`."""
        links, self._link_memo = links_of(state.alignment, self._link_memo)
        return links

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def history(self) -> list[str]:
        return [step.description for step in self._done]

    # ------------------------------------------------------------ editing

    def apply(self, op: Operation) -> str:
        """Apply an alignment operation; returns its description.

        The beads it makes or changes are stamped with the session's user and
        the time (:func:`align.provenance.stamp_run`); the stamp goes into the
        journal with the operation, so a recovered session keeps it.
        """
        self._writable()
        al = self.alignment
        start, end, beads = op.replacement(al)
        stamp = self._stamp()
        after = al.splice(start, end, stamp_run(al.beads[start:end], beads, stamp))
        if after == al:
            return "nothing to change"
        self._log({"t": "op", **to_record(op), **stamp_fields(stamp)})
        self._record(op.describe(), replace(self._state, alignment=after))
        return op.describe()

    def _stamp(self) -> Stamp:
        return self._replayed_stamp or now(self.user)

    def set_texts(self, bead_index: int, lang: str, texts: list[str]) -> str:
        """Replace the sentences of one side of a bead by ``texts``, one sentence each.

        This is editing text, splitting a sentence (more texts than
        sentences), merging sentences (fewer), typing a translation where the
        bead had none, or deleting one side (no texts). Sentences whose text is
        unchanged keep their id and any recorded repairs; new sentences get new
        ids, never reused ones.
        """
        self._writable()
        al = self.alignment
        if not 0 <= bead_index < len(al.beads):
            raise AlignmentError(f"there is no bead {bead_index + 1}")
        # Pasted control characters would make every later save fail: cleaned as
        # ingest cleans, each change reported (``cleaned``); a lone surrogate refused.
        texts, self.cleaned = clean_typed(list(texts), bead_index, lang)
        stamp = self._stamp()
        edited = edit_texts(self._state, bead_index, lang, texts, self._next_number[lang], stamp)
        if edited is None:
            return "nothing to change"
        state, self._next_number[lang] = edited
        what = LANG_NAMES[lang]
        description = f"edit the {what} of bead {bead_index + 1}"
        before = al.beads[bead_index].kk if lang == "kk" else al.beads[bead_index].en
        if not texts and before:
            # An emptied edit box takes the side's sentences out of the document; the
            # undo and redo messages must say so, not pass for an edit of the text.
            description = (
                f"delete the {what} of bead {bead_index + 1} ({plural(len(before), 'sentence')})"
            )
        self._log(
            {"t": "texts", "bead": bead_index, "lang": lang, "texts": texts, **stamp_fields(stamp)}
        )
        self._record(description, state)
        return description

    def fill(self, lang: str, fills: list[Fill]) -> str:
        """Give each bead of ``fills`` its translation (``align.pretranslate``) as one
        undoable step, the beads unconfirmed and stamped as changed by hand; a fill whose
        bead changed since it was looked up (its ``lang`` side no longer empty, the other
        side's text another) is left out."""
        self._writable()
        other = "kk" if lang == "en" else "en"
        beads = self.alignment.beads
        valid = [
            (f.bead, f.texts)
            for f in fills
            if 0 <= f.bead < len(beads)
            and not beads[f.bead].side(lang)
            and " ".join(self.text(sid) for sid in beads[f.bead].side(other)) == f.source
        ]
        if not valid:
            return "nothing to change"
        stamp = self._stamp()
        self._log(
            {"t": "fill", "lang": lang, "beads": [[i, t] for i, t in valid], **stamp_fields(stamp)}
        )
        return self.filled(lang, valid, stamp)

    def filled(self, lang: str, edits: list[tuple[int, list[str]]], stamp: Stamp) -> str:
        """Apply a journalled fill (:meth:`fill`, or replaying its entry)."""
        state = self._state
        for bead_index, texts in edits:
            edited = edit_texts(state, bead_index, lang, texts, self._next_number[lang], stamp)
            if edited is not None:
                state, self._next_number[lang] = edited
        description = f"fill {plural(len(edits), 'bead')} from the memory's exact matches"
        self._record(description, state)
        return description

    def realign(self) -> str:
        """Re-run the aligner on every unconfirmed stretch (one undoable step)."""
        return self.accept_proposal(self.propose())

    def propose(self) -> Proposal:
        """The aligner's proposal for the current state, without applying it.

        The aligner may take a while on a long document, so an editor runs this
        in the background and then calls :meth:`accept_proposal`.
        """
        self._writable()
        based_on = self.alignment
        # Imported here: the aligner (and its numerical libraries) is only needed
        # when asked for, and an editor opens faster without loading it.
        from align.document import propose_alignment

        proposal, report = propose_alignment(
            self.snapshot(), self.corpus, weak_below=self.weak_below
        )
        return Proposal(based_on, proposal, report)

    def accept_proposal(self, proposal: Proposal) -> str:
        """Apply a :meth:`propose` result, unless the alignment changed meanwhile."""
        self._writable()
        based_on = proposal.based_on
        if self.alignment is not based_on:
            raise AlignmentError("the alignment changed while the aligner ran: re-align again")
        if proposal.alignment.beads == based_on.beads:
            return f"{proposal.report}; nothing changed"
        beads = len(based_on.beads)
        self.apply(ReplaceRange(0, beads, proposal.alignment.beads, "re-align unconfirmed beads"))
        return proposal.report

    # ------------------------------------------------------------ quality

    def check(
        self, state: State | None = None, should_stop: ShouldStop | None = None
    ) -> list[Finding]:
        """The quality findings of ``state`` (default: the current one).

        The checker is set up on first use (``kopir.toml``, the length calibration) and
        then re-checks only the beads that changed, so an editor can call this after
        every edit; one call at a time, from any thread. ``should_stop`` is asked while
        waiting and now and then: True ends it with :class:`align.cancel.Stopped`.
        """
        state = state or self.state
        while not self._checker_lock.acquire(timeout=0.05):
            ask(should_stop)
        try:
            ask(should_stop)
            doc = self.snapshot(state)
            if self._checker is None:  # calibrated on this document as it is, not read again
                config = load_config(self.corpus.root)
                found = calibrate(self.corpus, config.min_pairs, self.unreadable, should_stop, doc)
                self._checker = DocumentChecker(config, found)
            return self._checker.check(doc, state.alignment, should_stop)
        finally:
            self._checker_lock.release()

    def undo(self) -> str:
        """Go back to before the last change; says which."""
        step = self._move(self._done, self._undone, "undo")
        self._set(step.before)
        return f"undid: {step.description}"

    def redo(self) -> str:
        """Make the last undone change again; says which."""
        step = self._move(self._undone, self._done, "redo")
        self._set(step.after)
        return f"redid: {step.description}"

    def _move(self, source: list[Step], target: list[Step], what: str) -> Step:
        """Journal an undo or redo and move its step from one history to the other."""
        if not source:
            raise AlignmentError(f"nothing to {what}")
        self._log({"t": what})
        step = source.pop()
        target.append(step)
        return step

    def note_draft(self, bead_index: int, lang: str, text: str) -> None:
        """Record what the translator is typing into a side of a bead, keystroke by keystroke."""
        if self.journal is not None and not self.read_only:
            text = without_surrogates(text)  # JSON of a lone surrogate cannot be written
            self.journal.append(
                {"t": "draft", "bead": bead_index, "lang": lang, "text": text}, durable=False
            )
            self.typing = True

    def end_draft(self) -> None:
        """The typing was applied (``set_texts``) or abandoned: nothing to restore."""
        self.draft = None
        if self.journal is not None and not self.read_only:
            self.journal.append({"t": "draft-end"}, durable=False)
        self.typing = False

    def _log(self, entry: dict) -> None:
        """Write-ahead: the change is in the journal before the session shows it."""
        if self.journal is not None:
            self.journal.append(entry)

    def _writable(self) -> None:
        if self.read_only:
            raise AlignmentError(f"{self.doc_id} is open read-only: changes are not allowed")

    def _record(self, description: str, after: State) -> None:
        self._done.append(Step(description, self._state, after))
        del self._done[:-MAX_HISTORY]
        self._undone.clear()
        self._set(after)

    def _set(self, state: State) -> None:
        self._state = state
        if self.saver is not None:
            self.saver.request()

    def closing_said(self) -> None:
        """The editor showed :attr:`closing_notice`: the next opening need not say it again."""
        if self.journal is not None:
            self.journal.forget_note()

    def go_on(self, journal: Journal, writer: TeiWriter | None = None) -> None:
        """Go on as the editing session of the document this session was replayed into
        (made with ``autosave=False``): journal every change in ``journal`` from now on and
        save in the background. ``writer``, a remembering writer that has just written this
        state, spares the saver serialising the whole document again."""
        self.journal = journal
        if not self.read_only:
            self.saver = AutoSaver(self.corpus, self.snapshot, doc_id=self.doc_id, writer=writer)

    def close(self) -> None:
        """Write any pending change, stop saving, end the journal and release the lock.

        If the last save failed, the journal is kept, so the next session
        recovers the changes, and the error is raised.
        """
        try:
            if self.saver is not None:
                self.saver.close()
                if self.saver.error is not None:
                    if self.journal is not None:
                        self.journal.abandon()
                    raise KopirError(
                        f"{self.doc_id}: the last changes could not be saved ({self.saver.error}); "
                        "they are kept in the journal and recovered when the document is opened"
                    )
            if self.journal is not None and self.typing:
                # Unapplied typing is kept as a kill would keep it: the journal
                # stays (synced, marked closed: the TEI file holds every change)
                # and the next session offers the typing back in the edit box.
                self.journal.append({"t": CLOSED})
                self.journal.abandon()
                self.kept_typing = True
            elif self.journal is not None:
                # The TEI file now holds everything; the changes stay as undo history.
                try:
                    saved = self.corpus.read_bytes(self.doc_id)
                except (KopirError, OSError):
                    self.journal.finish()  # no file to tie a history to: none is kept
                else:
                    self.journal.keep(saved)
                    if self.journal.not_kept:
                        self.closing_notice = (
                            f"{self.doc_id} is saved, but this session's undo history was not "
                            f"kept: {self.journal.not_kept}"
                        )
        finally:
            if self.lock is not None:
                self.lock.release()
