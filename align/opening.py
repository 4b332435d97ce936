"""Opening a document for editing: its lock, a crashed session's recovery, a new journal.

:func:`open_session` is how an editor gets a :class:`align.session.Session`. It takes the
document's lock, or opens the document read-only and says who has it (or why the corpus
cannot be written); it replays the journal of a session that did not end cleanly
(:func:`align.replay.replay`, ``corpus.storage.journal``), or takes back the undo history
the last clean close kept, when the TEI file is still exactly what that session left; and
it journals, so that no change is ever lost between background saves. A ``Session`` itself
knows nothing of how it was opened: a test or a script makes one from a document directly.

Opening a long document takes seconds (50,000 beads: parsing and checking the TEI file, and
replaying kept undo history), so the app opens on a worker and the translator may give up
waiting: ``should_stop`` is asked between the steps, and an opening given up leaves the
document, its lock and its journal as they were (:class:`align.cancel.Stopped` is raised).
"""

from __future__ import annotations

from align.cancel import ShouldStop, Stopped, ask
from align.place import last_place
from align.replay import replay
from align.session import Session
from corpus.errors import KopirError
from corpus.model import LANG_NAMES
from corpus.storage.journal import CHANGES, Journal, since_kept
from corpus.storage.lock import DocumentLock, explain
from corpus.storage.readonly import CorpusReadOnly
from corpus.storage.store import Corpus
from corpus.storage.tei import TeiWriter, from_bytes
from corpus.wording import plural


def open_at_place(
    corpus: Corpus, doc_id: str, should_stop: ShouldStop | None = None
) -> tuple[Session, int]:
    """Open a document for editing (:func:`open_session`) with the index of the bead it
    was left on (:func:`align.place.last_place`): what the editor shows first."""
    session = open_session(corpus, doc_id, should_stop)
    return session, last_place(corpus, doc_id, session.alignment)


def open_session(corpus: Corpus, doc_id: str, should_stop: ShouldStop | None = None) -> Session:
    """Open a document for editing: lock, recover an unfinished session, journal.

    If another kopir holds the document, it opens read-only and
    ``session.notice`` says who; so it does, saying why, in a corpus that
    cannot be written. If the last session on this document did not
    end cleanly, its journal is replayed, undo history and unfinished typing
    (``session.draft``) included, and the session goes on in that journal.
    ``should_stop`` (see the module notes) is asked between the steps.
    """
    lock = DocumentLock(corpus.root, doc_id)
    try:
        holder = lock.acquire()
        why = (
            None
            if holder is None
            else f"{doc_id} is open in another kopir: {explain(holder, doc_id)}"
        )
    except CorpusReadOnly as exc:  # a CD, a read-only mount: reading is all there is
        why = str(exc)
    if why is not None:
        session = Session(corpus, corpus.load(doc_id), read_only=True)
        session.notice = f"read-only: {why}"
        return session
    try:
        ask(should_stop)
        journal = Journal(corpus.root, doc_id)
        if journal.pending:
            session = _recover(corpus, doc_id, journal, should_stop)
        else:
            session = _fresh(corpus, doc_id, journal, should_stop)
        session.lock = lock
        return session
    except BaseException:
        lock.release()
        raise


def _fresh(
    corpus: Corpus, doc_id: str, journal: Journal, should_stop: ShouldStop | None = None
) -> Session:
    """The document as saved, with the undo history the last clean close kept
    (:func:`_with_history`), else a new journal based on the file itself (hard-linked).

    The file is parsed only when there is no history to replay: replaying gives the
    document itself (it is checked to serialise to exactly the file's bytes), and
    parsing a long document costs seconds."""
    data = corpus.read_bytes(doc_id)
    ask(should_stop)
    session = _with_history(corpus, doc_id, data, journal, should_stop)
    if isinstance(session, Session):
        return session
    doc = from_bytes(data, str(corpus.path(doc_id)), doc_id)
    ask(should_stop)  # the last question: a journal started is a session begun
    journal.start(data, corpus.path(doc_id))
    fresh = Session(corpus, doc, journal=journal)
    fresh.notice = f"undo history of the last session dropped: {session}" if session else ""
    return fresh


def _with_history(
    corpus: Corpus,
    doc_id: str,
    data: bytes,
    journal: Journal,
    should_stop: ShouldStop | None = None,
) -> Session | str:
    """The document with the undo history the last session kept on closing, going on in
    that history's journal; else why it was dropped ("" when there was none), when the
    file changed since or replaying it does not give exactly the file: the TEI file is what
    opens, always. Stopped (``should_stop``) before the session is made, it keeps the
    history again as the last close did, so the next opening takes it back."""
    kept = journal.take_history(data)
    if kept is None:
        return journal.dropped
    base, entries = kept
    writer = TeiWriter(remember=True)  # what it writes, the session's saver need not again
    try:
        ask(should_stop)
        replayed = Session(corpus, from_bytes(base, str(journal.base_path), doc_id), autosave=False)
        ask(should_stop)
        replay(replayed, entries)
        ask(should_stop)
        same = writer.write(replayed.snapshot()) == data
        ask(should_stop)
    except KopirError:
        same = False
    except Stopped:
        journal.keep(data)
        raise
    if not same:
        journal.finish()
        return "replaying it does not give the document as saved"
    journal.resume()
    # The replayed session goes on: it holds the document as saved (checked above) and
    # its undo history, and a second session built from it would build its state again.
    replayed.go_on(journal, writer)
    replayed.notice = _history_notice(len(replayed.history()), replayed.can_redo)
    return replayed


def _history_notice(undo: int, redo: bool) -> str:
    """What the translator is told of the history taken back: what undo reaches (a history
    whose changes were all undone before closing has nothing to undo, only to redo)."""
    if undo:
        return f"undo reaches back into the last session ({plural(undo, 'change')})"
    return "redo reaches back into the last session (its changes were undone)" if redo else ""


def _recover(
    corpus: Corpus, doc_id: str, journal: Journal, should_stop: ShouldStop | None = None
) -> Session:
    """Replay an unfinished session's journal and go on journalling in it.

    A journal that cannot be replayed is set aside (kept for a human to
    look at) and the document opens as it was last saved. Stopped (``should_stop``),
    it leaves the journal as it found it, to be recovered by the next opening.
    """
    try:
        base, entries = journal.read()
        ask(should_stop)
        replayed = Session(corpus, from_bytes(base, str(journal.base_path), doc_id), autosave=False)
        ask(should_stop)
        draft = replay(replayed, entries)
        ask(should_stop)
    except KopirError as exc:
        kept = journal.set_aside()
        session = _fresh(corpus, doc_id, journal)
        session.notice = f"the last session's journal could not be replayed ({exc}); kept as {kept}"
        return session
    journal.resume()
    session = replayed  # it goes on, undo history and sentence numbering with it
    session.go_on(journal)
    session.draft = draft
    session.typing = draft is not None
    if draft is not None and journal.typing_only():
        session.notice = (
            f"your unfinished typing in bead {draft.bead + 1} ({LANG_NAMES[draft.lang]}) is back "
            "in the edit box: Ctrl+S applies it, Escape drops it"
        )
    else:
        changes = sum(1 for e in since_kept(entries) if e.get("t") in CHANGES)
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
