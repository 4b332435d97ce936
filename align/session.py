"""An editing session on one document: the state the translator's app works on.

Everything the app does is a call here, so every action can be scripted and
tested without a terminal. A session holds the document and its alignment,
applies alignment operations (``align.edit``) and text edits of sentences,
keeps undo and redo over both, and saves.

State is copy-on-write: an edit builds new ``Side`` block lists and a new
``Alignment`` and never changes the old ones. That makes undo cheap (a step
keeps references to the states before and after) and lets a background thread
save a consistent snapshot while the translator keeps typing.

:func:`open_session` is how an editor opens a document: it takes the
document's lock (or opens it read-only and says who has it), replays the
journal of a session that did not end cleanly (``corpus.storage.journal``), and starts
journalling, so that no change is ever lost between background saves.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from align.edit import Operation, ReplaceRange, from_record, to_record
from align.model import Alignment, AlignmentError
from align.provenance import current_user, keep_originals, now, stamp_run
from align.qa import DocumentChecker, Finding, calibrate, load_config
from align.typed import clean_typed, without_surrogates
from corpus.errors import KopirError
from corpus.model import LANG_NAMES, Block, BlockKind, Document, Sentence, Side, Stamp
from corpus.storage.journal import CHANGES, CLOSED, Draft, Journal
from corpus.storage.lock import DocumentLock, explain
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes
from corpus.wording import plural

MAX_HISTORY = 1000


@dataclass(frozen=True)
class State:
    """What the translator sees at one moment; never changed, only replaced."""

    kk: Side
    en: Side
    alignment: Alignment
    sentences: dict[str, Sentence]  # by id, both sides: shared by states with the same text


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
        self.saver = AutoSaver(corpus, self.snapshot) if autosave and not read_only else None
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
        self._ends: dict[str, tuple[Side, frozenset[str]]] = {}
        #: Who the beads this session makes or changes are stamped with (align.provenance).
        self.user = current_user()
        self._checker: DocumentChecker | None = None
        self._checker_lock = threading.Lock()
        #: Other documents the checks' length calibration could not read, with their errors.
        self.unreadable: dict[str, str] = {}
        #: A stamp to use instead of the clock: set while a journal is replayed.
        self._replayed_stamp: Stamp | None = None

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
        return Document(
            self._doc.id, self._doc.meta, state.kk, state.en, state.alignment.to_links()
        )

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
        self._log({"t": "op", **to_record(op), **_stamp_record(stamp)})
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
        bead = al.beads[bead_index]
        side = self.side(lang)
        old_ids = bead.side(lang)
        old = {sid: self._state.sentences[sid] for sid in old_ids}
        next_number = self._next_number[lang]
        new_sentences: list[Sentence] = []
        for n, text in enumerate(texts):
            if n < len(old_ids):
                keep = old[old_ids[n]]
                new_sentences.append(keep if keep.text == text else Sentence.plain(keep.id, text))
            else:
                new_sentences.append(Sentence.plain(f"{lang}.s{next_number}", text))
                next_number += 1
        if [s.text for s in new_sentences] == [old[i].text for i in old_ids]:
            return "nothing to change"
        if lang == "kk":
            new_sentences = keep_originals([old[i] for i in old_ids], new_sentences)
        self._next_number[lang] = next_number
        before, after = _neighbours(al, bead_index, lang)
        new_side = _replace_run(side, al.ids(lang), old_ids, new_sentences, before, after)
        new_ids = tuple(s.id for s in new_sentences)
        alignment = al.replace_sentences(bead_index, lang, new_ids, before)
        stamp = self._stamp()
        if len(alignment.beads) == len(al.beads):
            edited = alignment.beads[bead_index]
            alignment = alignment.splice(
                bead_index, bead_index + 1, stamp_run((bead,), (edited,), stamp)
            )
        kk_side = new_side if lang == "kk" else self._state.kk
        en_side = new_side if lang == "en" else self._state.en
        sentences = dict(self._state.sentences)
        for sid in old_ids:
            del sentences[sid]
        sentences.update((s.id, s) for s in new_sentences)
        what = LANG_NAMES[lang]
        description = f"edit the {what} of bead {bead_index + 1}"
        self._log(
            {"t": "texts", "bead": bead_index, "lang": lang, "texts": texts, **_stamp_record(stamp)}
        )
        self._record(description, State(kk_side, en_side, alignment, sentences))
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

        proposal, report = propose_alignment(self.snapshot(), self.corpus)
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

    def check(self, state: State | None = None) -> list[Finding]:
        """The quality findings of ``state`` (default: the current one).

        The checker is set up on first use (the corpus's ``kopir.toml`` and its length
        calibration) and then re-checks only the beads that changed since the last call,
        so an editor can call this after every edit. One call at a time (a lock holds
        the others), from any thread.
        """
        state = state or self.state
        with self._checker_lock:
            if self._checker is None:
                config = load_config(self.corpus.root)
                calibration = calibrate(self.corpus, config.min_pairs, self.unreadable)
                self._checker = DocumentChecker(config, calibration)
            return self._checker.check(self.snapshot(state), state.alignment)

    def undo(self) -> str:
        if not self._done:
            raise AlignmentError("nothing to undo")
        self._log({"t": "undo"})
        step = self._done.pop()
        self._undone.append(step)
        self._set(step.before)
        return f"undid: {step.description}"

    def redo(self) -> str:
        if not self._undone:
            raise AlignmentError("nothing to redo")
        self._log({"t": "redo"})
        step = self._undone.pop()
        self._done.append(step)
        self._set(step.after)
        return f"redid: {step.description}"

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
                self.journal.finish()
        finally:
            if self.lock is not None:
                self.lock.release()


def open_session(corpus: Corpus, doc_id: str) -> Session:
    """Open a document for editing: lock, recover an unfinished session, journal.

    If another kopir holds the document, it opens read-only and
    ``session.notice`` says who. If the last session on this document did not
    end cleanly, its journal is replayed, undo history and unfinished typing
    (``session.draft``) included, and the session goes on in that journal.
    """
    lock = DocumentLock(corpus.root, doc_id)
    holder = lock.acquire()
    if holder is not None:
        session = Session(corpus, corpus.load(doc_id), read_only=True)
        session.notice = f"read-only: {doc_id} is open in another kopir: {explain(holder, doc_id)}"
        return session
    try:
        journal = Journal(corpus.root, doc_id)
        if journal.pending:
            session = _recover(corpus, doc_id, journal)
        else:
            session = _fresh(corpus, doc_id, journal)
        session.lock = lock
        return session
    except BaseException:
        lock.release()
        raise


def _fresh(corpus: Corpus, doc_id: str, journal: Journal) -> Session:
    """The document as saved, with a new journal based on the file itself (hard-linked)."""
    data = corpus.read_bytes(doc_id)
    doc = from_bytes(data, str(corpus.path(doc_id)), doc_id)
    journal.start(data, corpus.path(doc_id))
    return Session(corpus, doc, journal=journal)


def _recover(corpus: Corpus, doc_id: str, journal: Journal) -> Session:
    """Replay an unfinished session's journal and go on journalling in it.

    A journal that cannot be replayed is set aside (kept for a human to
    look at) and the document opens as it was last saved.
    """
    try:
        base, entries = journal.read()
        replayed = Session(corpus, from_bytes(base, str(journal.base_path), doc_id), autosave=False)
        draft = replay(replayed, entries)
    except KopirError as exc:
        kept = journal.set_aside()
        session = _fresh(corpus, doc_id, journal)
        session.notice = f"the last session's journal could not be replayed ({exc}); kept as {kept}"
        return session
    journal.resume()
    session = Session(corpus, replayed.snapshot(), journal=journal)
    session._done, session._undone = replayed._done, replayed._undone
    session._next_number = dict(replayed._next_number)
    session.draft = draft
    session.typing = draft is not None
    if draft is not None and journal.typing_only():
        session.notice = (
            f"your unfinished typing in bead {draft.bead + 1} ({LANG_NAMES[draft.lang]}) is back "
            "in the edit box: Ctrl+S applies it, Escape drops it"
        )
    else:
        changes = sum(1 for e in entries if e.get("t") in CHANGES)
        recovered = [plural(changes, "change")] if changes else []
        recovered += ["your unfinished typing"] if draft else []
        session.notice = (
            f"recovered {' and '.join(recovered)} from a session that did not end cleanly"
            if recovered
            else "the last session did not end cleanly, but it had made no changes: nothing lost"
        )
    if session.saver is not None:
        session.saver.request()
    return session


def replay(session: Session, entries: list[dict]) -> Draft | None:
    """Apply journal entries to a session; returns the unfinished draft, if any."""
    draft: Draft | None = None
    for n, entry in enumerate(entries, 1):
        kind = entry.get("t")
        session._replayed_stamp = _stamp_of(entry)
        try:
            if kind == "op":
                record = {k: v for k, v in entry.items() if k not in _NOT_OPERATION}
                session.apply(from_record(record))
            elif kind == "texts":
                session.set_texts(int(entry["bead"]), str(entry["lang"]), list(entry["texts"]))
            elif kind == "undo":
                session.undo()
            elif kind == "redo":
                session.redo()
            elif kind == "draft":
                draft = Draft(int(entry["bead"]), str(entry["lang"]), str(entry["text"]))
            elif kind == "draft-end":
                draft = None
            elif kind == CLOSED:
                pass  # a close that kept unapplied typing: nothing to change
            else:
                raise AlignmentError(f"unknown entry type {kind!r}")
        except (KeyError, TypeError, ValueError) as exc:
            raise AlignmentError(f"journal entry {n} is malformed ({exc})") from None
        except AlignmentError as exc:
            raise AlignmentError(f"journal entry {n} cannot be replayed: {exc}") from None
        finally:
            session._replayed_stamp = None
    return draft


_NOT_OPERATION = {"t", "by", "at"}


def _stamp_record(stamp: Stamp) -> dict[str, str]:
    """A stamp as journal entry fields, so that replaying gives the same stamps."""
    return {"by": stamp.who, "at": stamp.when}


def _stamp_of(entry: dict) -> Stamp | None:
    """The stamp a journal entry carries; none in entries written before stamps were kept."""
    by, at = entry.get("by"), entry.get("at")
    return Stamp(by, at) if isinstance(by, str) and isinstance(at, str) else None


def _neighbours(al: Alignment, i: int, lang: str) -> tuple[str | None, str | None]:
    """The last sentence of ``lang`` before bead i and the first after it (for insertion)."""
    before = next((b.side(lang)[-1] for b in reversed(al.beads[:i]) if b.side(lang)), None)
    after = next((b.side(lang)[0] for b in al.beads[i + 1 :] if b.side(lang)), None)
    return before, after


def _blocks_holding(side: Side, order: tuple[str, ...], ids: set[str]) -> set[int]:
    """Indices of the blocks of ``side`` that hold any of ``ids``.

    ``order`` is the side's sentence ids in document order (the alignment
    keeps it), so each id's position is found at C speed and mapped to its
    block by counting block lengths, without visiting every sentence.
    """
    positions = sorted(order.index(sid) for sid in ids)
    found: set[int] = set()
    start = 0
    at = 0
    for n, block in enumerate(side.blocks):
        end = start + len(block.sentences)
        while at < len(positions) and positions[at] < end:
            found.add(n)
            at += 1
        if at == len(positions):
            break
        start = end
    return found


def _replace_run(
    side: Side,
    order: tuple[str, ...],
    old_ids: tuple[str, ...],
    new: list[Sentence],
    before: str | None,
    after: str | None,
) -> Side:
    """A new side with the sentences ``old_ids`` replaced by ``new`` (copy-on-write).

    The new sentences go where the first old one was; with no old ones, right
    after ``before`` (same block), else right before ``after``, else into a
    new paragraph at the end. Blocks left without sentences disappear. Only
    the blocks holding those sentences are rebuilt (``order``: the side's ids).
    """
    gone = set(old_ids)
    anchor = old_ids[0] if old_ids else None
    touched = _blocks_holding(side, order, {sid for sid in (*old_ids, before, after) if sid})
    placed = False
    blocks: list[Block] = []
    for n, block in enumerate(side.blocks):
        if block.kind is BlockKind.FW or n not in touched:
            blocks.append(block)
            continue
        sentences: list[Sentence] = []
        for s in block.sentences:
            if not placed and s.id == after and anchor is None and before is None:
                sentences.extend(new)
                placed = True
            if s.id == anchor:
                sentences.extend(new)
                placed = True
            elif s.id not in gone:
                sentences.append(s)
            if not placed and s.id == before and anchor is None:
                sentences.extend(new)
                placed = True
        if sentences:
            blocks.append(replace(block, sentences=sentences))
    if not placed and new:
        blocks.append(Block(BlockKind.P, list(new)))
    return Side(side.lang, blocks)


class AutoSaver:
    """Writes the latest snapshot in a background thread, coalescing bursts of edits.

    ``request`` returns at once. Writing a long document's TEI takes a good
    fraction of a second of CPU, and while the thread serialises it the
    editor competes for the interpreter, so the thread waits for a pause in
    the edits (``quiet`` seconds), though never more than ``at_most``
    seconds after the first unsaved change, and then writes the newest state
    atomically. Nothing waits on it to be safe: the journal already holds
    every change on disk. ``flush`` writes at once and waits until what was
    requested is on disk; errors are kept for the app to show.
    """

    def __init__(
        self,
        corpus: Corpus,
        snapshot: Callable[[], Document],
        quiet: float = 0.5,
        at_most: float = 2.0,
    ) -> None:
        self._corpus = corpus
        self._snapshot = snapshot
        self.quiet, self.at_most = quiet, at_most
        self._wanted = 0
        self._written = 0
        self._urgent = False
        self._closed = False
        self._last_request = 0.0
        self._cond = threading.Condition()
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="kopir-autosave", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._cond:
            self._wanted += 1
            self._last_request = time.monotonic()
            self._cond.notify_all()

    def flush(self, timeout: float = 30.0) -> bool:
        """Write now and wait until every requested save is written; False on timeout."""
        with self._cond:
            target = self._wanted
            self._urgent = True
            self._cond.notify_all()
            return self._cond.wait_for(lambda: self._written >= target, timeout)

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=30)

    @property
    def pending(self) -> bool:
        with self._cond:
            return self._written < self._wanted

    def _due(self, first_pending: float) -> float:
        """Seconds until a save is due (≤ 0: now)."""
        if self._urgent or self._closed:
            return 0.0
        now = time.monotonic()
        return min(self._last_request + self.quiet, first_pending + self.at_most) - now

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._written < self._wanted)
                if self._closed and self._written >= self._wanted:
                    return
                first_pending = self._last_request
                while (wait := self._due(first_pending)) > 0:
                    self._cond.wait(wait)
                self._urgent = False
                target = self._wanted
            # Outside the lock: building the links of a long document takes tens of
            # milliseconds, and every edit's request() waits for this lock. The state
            # read is at least as new as ``target`` (edits change it before asking).
            doc = self._snapshot()
            try:
                self._corpus.save(doc)
                self.error = None
            except Exception as exc:  # shown by the app; the next edit retries
                self.error = exc
            with self._cond:
                self._written = max(self._written, target)
                self._cond.notify_all()
