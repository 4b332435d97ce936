"""Opening a document may be given up (the app's Escape, Ctrl+Q) and leaves it as it was.

A long document takes seconds to open, on a worker: the translator may stop
waiting. ``open_session(..., should_stop)`` asks between its steps; given up at
any of them, the document's lock is free, no journal is left to be mistaken for
a crash, and the undo history kept by the last close (or an unfinished session's
journal) is still there for the next opening. A document with kept history is
parsed once (its base), not twice.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

import align.opening as opening
from align.cancel import Stopped
from align.edit import Confirm, Merge
from align.model import Alignment
from align.opening import open_at_place, open_session
from corpus.model import Document
from corpus.storage.journal import Journal
from corpus.storage.store import Corpus
from corpus.storage.tei import TeiWriter
from tests.helpers import dead_pid
from tests.helpers.documents import make_doc

DOC = "steppe"
KK = ["Дала кең.", "Жел соқты.", "Күн батты.", "Түн түсті."]
EN = ["The steppe is wide.", "The wind blew.", "The sun set.", "Night fell."]


def _corpus(root: Path) -> Corpus:
    corpus = Corpus(root)
    corpus.save(make_doc(DOC, list(zip(KK, EN, strict=True)), status="auto"))
    return corpus


def _stop_at(n: int):
    """A ``should_stop`` that says stop at its ``n``-th question (1-based), and counts them."""
    asked = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) == n

    return should_stop, asked


def _questions(corpus: Corpus) -> int:
    """How many times an opening of DOC asks, as the corpus stands (opened and closed again)."""
    should_stop, asked = _stop_at(0)
    open_session(corpus, DOC, should_stop).close()
    return len(asked)


def _with_history(root: Path) -> tuple[Corpus, Alignment, Alignment]:
    """DOC after a session that confirmed bead 1 and merged beads 2-3 and closed cleanly:
    (corpus, alignment before, alignment after)."""
    corpus = _corpus(root)
    session = open_session(corpus, DOC)
    before = session.alignment
    session.apply(Confirm(0))
    session.apply(Merge(1))
    after = session.alignment
    session.close()
    return corpus, before, after


@pytest.mark.parametrize("history", [False, True])
def test_an_opening_given_up_at_any_step_leaves_the_document_as_it_was(
    tmp_path: Path, history: bool
) -> None:
    if history:
        corpus, before, after = _with_history(tmp_path / "c")
    else:
        corpus = _corpus(tmp_path / "c")
        before = after = Alignment.from_document(corpus.load(DOC))
    steps = _questions(corpus)
    assert steps >= (5 if history else 3)  # it asks between its steps, not only at the start
    for n in range(1, steps + 1):
        should_stop, _ = _stop_at(n)
        with pytest.raises(Stopped):
            open_session(corpus, DOC, should_stop)
        assert not Journal(corpus.root, DOC).pending, f"stopped at {n}: not a crash to recover"
        again = open_session(corpus, DOC)  # the lock is free: not read-only
        try:
            assert not again.read_only, f"stopped at {n}: {again.notice}"
            assert again.alignment == after
            if history:
                assert again.can_undo and "undo reaches back" in again.notice, f"stopped at {n}"
                again.undo()
                again.undo()
                assert again.alignment == before
                again.redo()
                again.redo()
            else:
                assert not again.can_undo and again.notice == ""
        finally:
            again.close()


def test_an_unfinished_session_stopped_while_recovering_is_recovered_next_time(
    tmp_path: Path,
) -> None:
    corpus = _corpus(tmp_path / "c")
    saved = corpus.path(DOC).read_bytes()
    session = open_session(corpus, DOC)
    session.apply(Merge(0))
    merged = session.alignment
    assert session.saver is not None and session.journal is not None and session.lock
    # A kill before the background save: the journal and a dead process's lock are left.
    session.saver.close()
    session.journal.abandon()
    session.lock.abandon()
    session.lock.path.write_text(
        json.dumps({"pid": dead_pid(), "host": socket.gethostname(), "since": time.time()})
    )
    corpus.path(DOC).write_bytes(saved)  # as if the background save never ran
    for n in range(1, 10):
        should_stop, asked = _stop_at(n)
        try:
            stopped = open_session(corpus, DOC, should_stop)
        except Stopped:
            assert Journal(corpus.root, DOC).pending, f"stopped at {n}: the journal is kept"
            continue
        try:  # fewer questions than n: it opened, and recovered
            assert len(asked) < n and stopped.alignment == merged
            assert "recovered 1 change" in stopped.notice
        finally:
            stopped.close()
        return
    pytest.fail("recovery asked more than nine times")


def test_a_document_with_kept_history_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _, after = _with_history(tmp_path / "c")
    parsed = []
    from_bytes = opening.from_bytes

    def counting(data: bytes, name: str, doc_id: str | None = None):
        parsed.append(name)
        return from_bytes(data, name, doc_id)

    monkeypatch.setattr(opening, "from_bytes", counting)
    session, place = open_at_place(corpus, DOC)
    try:
        assert session.alignment == after and session.can_undo
        assert len(parsed) == 1, parsed  # the history's base, replayed; not the file too
        assert place == 0
    finally:
        session.close()


def test_a_document_with_kept_history_is_serialised_once_before_its_first_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Replaying kept history is checked by writing the result; the session's saver takes
    that writer, and neither builds the session again nor serialises it all a second time."""
    corpus, _, _ = _with_history(tmp_path / "c")
    writes = []
    write = TeiWriter.write

    def counting(self: TeiWriter, doc: Document) -> bytes:
        writes.append(self.remember)
        return write(self, doc)

    monkeypatch.setattr(TeiWriter, "write", counting)
    session = open_session(corpus, DOC)
    try:
        assert session.can_undo
        session.apply(Confirm(2))
        assert session.saver is not None and session.saver.flush()
        assert len(writes) == 2, writes  # the replay's check, then the save
        assert session.saver.serialised == 1  # the save wrote the one link that changed
    finally:
        session.close()
    assert corpus.load(DOC).links[2].status == "confirmed"
