"""Never losing work: document locks, the session journal and crash recovery."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from align.edit import Confirm, Merge, ShiftDown
from align.model import Alignment
from align.opening import open_session
from align.session import Session
from corpus.storage.journal import Journal
from corpus.storage.lock import DocumentLock, break_lock, read_lock, stat_says_dying
from corpus.storage.store import Corpus
from corpus.storage.tei import to_bytes
from tests.helpers import REPO, dead_pid, one_seed_corpus

DOC = "003_02315eec3f8dba4a"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return one_seed_corpus(tmp_path / "c")


def _crash(session: Session, saved: bytes | None = None) -> None:
    """Leave a session as a killed process would: journal and lock left behind.

    ``saved`` puts the TEI file back to older bytes, as if the background
    save never ran.
    """
    assert session.saver is not None
    session.saver.close()
    assert session.journal is not None and session.lock is not None
    session.journal.abandon()
    session.lock.abandon()  # the kernel lets go of a killed process's flock
    session.lock.path.write_text(
        json.dumps({"pid": dead_pid(), "host": socket.gethostname(), "since": time.time()})
    )
    if saved is not None:
        session.corpus.path(session.doc_id).write_bytes(saved)


def test_a_clean_session_leaves_no_journal_or_lock(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    assert session.journal is not None and session.journal.pending
    session.apply(Confirm(0))
    session.close()
    assert not session.journal.pending
    assert not (corpus.root / ".kopir" / "locks" / f"{DOC}.lock").exists()
    assert corpus.load(DOC).links[0].status == "confirmed"


def test_crash_before_the_save_is_recovered_with_undo_history(corpus: Corpus) -> None:
    before = corpus.path(DOC).read_bytes()
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    session.apply(Merge(1))
    session.set_texts(2, "en", ["Typed by the translator."])
    session.undo()
    session.redo()
    expected = session.alignment
    expected_text = session.bead_texts(2)
    _crash(session, saved=before)

    again = open_session(corpus, DOC)
    try:
        assert not again.read_only
        assert "recovered 5 changes" in again.notice
        assert again.alignment == expected
        assert again.bead_texts(2) == expected_text
        assert again.saver is not None and again.saver.flush()
        assert Alignment.from_document(corpus.load(DOC)) == expected  # saved at once
        again.undo()  # the history came back too
        assert again.bead_texts(2) != expected_text
    finally:
        again.close()


def test_a_line_cut_short_by_the_crash_is_dropped(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    expected = session.alignment
    _crash(session, saved=None)
    with session.journal.log_path.open("ab") as log:
        log.write(b'{"t":"op","op":"Merge","i":')
    again = open_session(corpus, DOC)
    try:
        assert again.alignment == expected
        again.apply(Confirm(3))  # appending after the cut line still gives a readable log
        assert Journal(corpus.root, DOC).read()[1][-1]["i"] == 3
    finally:
        again.close()


def test_a_crashed_session_without_changes_does_not_say_recovered_0(corpus: Corpus) -> None:
    idle = open_session(corpus, DOC)
    _crash(idle)
    again = open_session(corpus, DOC)
    try:
        assert "recovered" not in again.notice and "no changes" in again.notice
        assert "nothing lost" in again.notice and "0" not in again.notice
        again.note_draft(1, "en", "x")
        again.end_draft()  # typing begun and dropped: journalled, but no change either
    finally:
        _crash(again)
    last = open_session(corpus, DOC)
    try:
        assert "recovered" not in last.notice and "no changes" in last.notice
    finally:
        last.close()


def test_unfinished_typing_comes_back(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.note_draft(4, "en", "Half a sen")
    session.note_draft(4, "en", "Half a sentence")
    _crash(session)
    again = open_session(corpus, DOC)
    try:
        assert again.draft is not None
        draft = again.draft
        assert (draft.bead, draft.lang, draft.text) == (4, "en", "Half a sentence")
        assert "unfinished typing" in again.notice
        again.end_draft()  # dropped (Escape); a close would keep it for the next session
    finally:
        again.close()
    applied = open_session(corpus, DOC)
    assert applied.draft is None
    applied.note_draft(1, "en", "x")
    applied.end_draft()
    _crash(applied)
    assert open_session(corpus, DOC).draft is None


def test_an_unreadable_journal_is_set_aside_not_guessed_at(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    _crash(session)
    log = session.journal.log_path
    log.write_bytes(b"not json\n" + log.read_bytes())
    again = open_session(corpus, DOC)
    try:
        assert "could not be replayed" in again.notice
        assert log.with_suffix(".log.unrecovered").exists()
        assert again.alignment.beads[0].status == "confirmed"  # the background save had run
    finally:
        again.close()


def test_a_journal_that_does_not_fit_its_base_is_set_aside(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.apply(Merge(0))
    _crash(session)
    with session.journal.log_path.open("a") as log:
        log.write(json.dumps({"t": "op", "op": "Merge", "i": 9999}) + "\n")
    again = open_session(corpus, DOC)
    try:
        assert "entry 2 cannot be replayed" in again.notice
    finally:
        again.close()


def test_second_editor_opens_read_only_and_says_who(corpus: Corpus) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = corpus.root / ".kopir" / "locks" / f"{DOC}.lock"
        lock.parent.mkdir(parents=True)
        info = {"pid": holder.pid, "host": socket.gethostname(), "since": time.time()}
        lock.write_text(json.dumps(info))
        reader = open_session(corpus, DOC)
        assert reader.read_only
        assert f"process {holder.pid}" in reader.notice
        reader.close()
        assert lock.exists(), "a reader never removes someone else's lock"
    finally:
        holder.kill()
        holder.wait()
    writer = open_session(corpus, DOC)  # the holder died: its lock is stale
    assert not writer.read_only
    writer.close()


def test_locks_from_other_hosts_are_respected_until_broken(tmp_path: Path) -> None:
    path = tmp_path / ".kopir" / "locks" / "doc.lock"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"pid": 1, "host": "elsewhere.example", "since": 0}))
    lock = DocumentLock(tmp_path, "doc")
    holder = lock.acquire()
    assert holder is not None and holder.host == "elsewhere.example"
    assert break_lock(tmp_path, "doc") == holder
    assert lock.acquire() is None
    assert read_lock(path).pid == os.getpid()
    lock.release()
    assert not path.exists()


def test_a_half_written_lock_file_counts_as_stale(tmp_path: Path) -> None:
    path = tmp_path / ".kopir" / "locks" / "doc.lock"
    path.parent.mkdir(parents=True)
    path.write_text('{"pid": ')
    with DocumentLock(tmp_path, "doc") as lock:
        assert lock.acquire() is None
        assert lock.took_over is not None


def test_kill_9_right_after_an_edit_loses_nothing(corpus: Corpus) -> None:
    """A real process, killed without warning the moment it reports the edit made."""
    script = textwrap.dedent(
        f"""
        import sys
        from align.edit import Confirm, ShiftDown
        from align.opening import open_session
        from corpus.storage.store import Corpus
        session = open_session(Corpus(__import__("pathlib").Path({str(corpus.root)!r})), {DOC!r})
        session.apply(ShiftDown(0, "en"))
        session.set_texts(1, "en", ["Edited just before the crash."])
        session.apply(Confirm(1))
        print("done", flush=True)
        sys.stdin.read()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "done"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    again = open_session(corpus, DOC)
    try:
        assert again.bead_texts(1)[1] == ["Edited just before the crash."]
        assert again.alignment.beads[1].status == "confirmed"
        assert again.saver is not None and again.saver.flush()
    finally:
        again.close()
    saved = corpus.load(DOC)  # and the TEI file itself is whole and holds the edit
    assert "Edited just before the crash." in {s.text for s in saved.en.sentences()}
    assert to_bytes(saved) == corpus.path(DOC).read_bytes()


def test_shift_then_realign_replays_exactly(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.apply(ShiftDown(0, "en"))
    session.apply(Confirm(5))
    session.realign()
    expected = session.alignment
    _crash(session, saved=corpus.path(DOC).read_bytes())
    again = open_session(corpus, DOC)
    try:
        assert again.alignment == expected
    finally:
        again.close()


def test_a_lock_of_a_dead_but_unreaped_process_is_stale(tmp_path: Path) -> None:
    """A killed editor whose parent has not reaped it yet (a zombie) holds nothing."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        os.kill(child.pid, signal.SIGKILL)
        time.sleep(0.3)  # dead, and not waited for: a zombie
        path = tmp_path / ".kopir" / "locks" / "doc.lock"
        path.parent.mkdir(parents=True)
        info = {"pid": child.pid, "host": socket.gethostname(), "since": time.time()}
        path.write_text(json.dumps(info))
        with DocumentLock(tmp_path, "doc") as lock:
            assert lock.acquire() is None
            assert lock.took_over is not None and lock.took_over.pid == child.pid
    finally:
        child.wait()


def test_a_lock_of_a_process_still_exiting_is_stale() -> None:
    """``kill -9`` lets go of a process's files, its ``flock`` with them, before it is a
    zombie: in between, ``kill(pid, 0)`` still finds it, and on a loaded machine the
    editor reopened at that moment said "open in another kopir". The kernel has marked
    it exiting (``PF_EXITING`` in ``/proc/PID/stat``'s flags): it holds nothing."""
    # A kopir's stat line as /proc gives it (a command name may hold ") "), running…
    running = "4242 (kopir (a) b) S 4240 4242 4242 34816 4242 4194560 2711 0 0 0 95 12 0 0 39 19"
    assert not stat_says_dying(running)
    # … killed: state R or D while it exits, flags 0x40840c (PF_EXITING set), then a zombie.
    exiting = running.replace(" S ", " R ").replace(" 4194560 ", f" {0x40840C} ")
    assert stat_says_dying(exiting)
    assert stat_says_dying(running.replace(" S ", " Z "))


def test_undo_history_survives_a_clean_close(corpus: Corpus) -> None:
    original = open_session(corpus, DOC)
    first = original.alignment
    original.apply(Confirm(0))
    original.apply(Merge(1))
    merged = original.alignment
    original.close()
    assert not Journal(corpus.root, DOC).pending  # commands may write the document

    again = open_session(corpus, DOC)
    try:
        assert again.alignment == merged and again.can_undo
        assert "undo" in again.notice
        again.undo()
        again.undo()
        assert again.alignment == first
        again.redo()  # redo is kept too, and this session's changes join the history
    finally:
        again.close()
    third = open_session(corpus, DOC)
    try:
        assert third.alignment == Alignment.from_document(corpus.load(DOC)) != first
        third.undo()
        assert third.alignment == first
    finally:
        third.close()


def test_kept_history_is_dropped_when_the_document_changed_since(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.apply(Merge(1))
    session.close()
    changed = corpus.load(DOC)  # as kopir realign or ingest --replace would rewrite it
    changed.links[0] = replace(changed.links[0], status="confirmed")
    corpus.save(changed)
    again = open_session(corpus, DOC)
    try:
        assert not again.can_undo, "history of another text is never applied"
        assert again.alignment == Alignment.from_document(changed)
    finally:
        again.close()


def test_a_crash_after_a_kept_history_recovers_both_sessions(corpus: Corpus) -> None:
    first = open_session(corpus, DOC)
    start = first.alignment
    first.apply(Merge(1))
    first.close()
    before = corpus.path(DOC).read_bytes()
    second = open_session(corpus, DOC)
    second.apply(Confirm(0))
    expected = second.alignment
    _crash(second, saved=before)
    third = open_session(corpus, DOC)
    try:
        assert third.alignment == expected
        third.undo()
        third.undo()
        assert third.alignment == start
    finally:
        third.close()


def test_a_crash_after_a_kept_history_counts_only_its_own_changes(corpus: Corpus) -> None:
    first = open_session(corpus, DOC)
    for bead in range(3):
        first.apply(Confirm(bead))
    first.close()  # three changes kept as undo history
    before = corpus.path(DOC).read_bytes()
    second = open_session(corpus, DOC)
    second.apply(Merge(4))
    _crash(second, saved=before)
    third = open_session(corpus, DOC)
    try:
        # the crash lost one change, not four: the history's were saved long ago
        assert "recovered 1 change " in third.notice
    finally:
        third.close()


def test_history_with_nothing_left_to_undo_is_not_announced_as_undo(corpus: Corpus) -> None:
    first = open_session(corpus, DOC)
    first.apply(Confirm(0))
    first.undo()  # the file ends as it began; the change can only be redone
    first.close()
    again = open_session(corpus, DOC)
    try:
        assert not again.can_undo and again.can_redo
        assert "undo reaches" not in again.notice and "(0 changes)" not in again.notice
        assert "redo" in again.notice
    finally:
        again.close()


def test_an_oversized_history_is_dropped_unread(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    session.close()
    journal = Journal(corpus.root, DOC)
    size = journal.history_log.stat().st_size
    # a history the close would never have written (a hostile or damaged one, many
    # megabytes): opening must not read it into memory, only drop it
    monkeypatch.setattr("corpus.storage.journal.HISTORY_LIMIT", size - 1)
    again = open_session(corpus, DOC)
    try:
        assert not again.can_undo
        assert not journal.history_log.exists()
        assert again.alignment == Alignment.from_document(corpus.load(DOC))
    finally:
        again.close()


def _closed_with_history(corpus: Corpus) -> Journal:
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    session.apply(Merge(1))
    session.close()
    journal = Journal(corpus.root, DOC)
    assert journal.history_log.is_file()
    return journal


def test_the_translator_is_told_why_undo_does_not_reach_back(corpus: Corpus) -> None:
    _closed_with_history(corpus)
    changed = corpus.load(DOC)  # as kopir realign would rewrite it
    changed.links[-1] = replace(changed.links[-1], status="confirmed")
    corpus.save(changed)
    again = open_session(corpus, DOC)
    try:
        assert not again.can_undo
        assert again.notice.startswith("undo history of the last session dropped: ")
        assert "changed since" in again.notice and "\n" not in again.notice
    finally:
        again.close()


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda raw: b"\x00" * 8 + raw[:-20], "damaged"),  # NUL bytes, the end cut off
        (lambda raw: raw.split(b"\n", 1)[1], "does not give the document"),  # a change lost
    ],
)
def test_a_damaged_history_is_dropped_with_a_word(corpus: Corpus, damage, said: str) -> None:
    journal = _closed_with_history(corpus)
    journal.history_log.write_bytes(damage(journal.history_log.read_bytes()))
    saved = corpus.path(DOC).read_bytes()
    again = open_session(corpus, DOC)
    try:
        assert not again.can_undo and said in again.notice
        assert corpus.path(DOC).read_bytes() == saved  # the TEI file is what opened
    finally:
        again.close()
    assert not journal.history_log.exists()


def test_a_history_too_large_to_keep_is_announced_on_close_and_on_opening(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    session.apply(Merge(1))
    merged = session.alignment
    monkeypatch.setattr("corpus.storage.journal.HISTORY_LIMIT", 10)  # two changes are more
    session.close()
    assert "undo history was not kept" in session.closing_notice
    assert "larger than" in session.closing_notice and "\n" not in session.closing_notice
    journal = Journal(corpus.root, DOC)
    assert not journal.history_log.exists() and not journal.pending
    monkeypatch.undo()
    again = open_session(corpus, DOC)
    try:
        assert again.alignment == merged, "the document is saved: only its history is lost"
        assert not again.can_undo
        assert again.notice.startswith("undo history of the last session dropped: ")
        assert "larger than" in again.notice and "\n" not in again.notice
    finally:
        again.close()
    third = open_session(corpus, DOC)  # said once: the next opening is a plain one
    try:
        assert third.notice == "" and not third.can_undo
    finally:
        third.close()


def test_a_history_the_disk_cannot_hold_is_announced_and_nothing_else_lost(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.storage.journal as journal_module

    session = open_session(corpus, DOC)
    session.apply(Merge(1))
    merged = session.alignment
    real_write = journal_module.atomic_write

    def full_disk(path: Path, data: bytes) -> None:
        if path.name.endswith(".history.log"):
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(journal_module, "atomic_write", full_disk)
    session.close()
    assert "No space left on device" in session.closing_notice
    monkeypatch.undo()
    journal = Journal(corpus.root, DOC)
    assert not journal.history_log.exists() and not journal.history_base.exists()
    assert not journal.pending and not journal.base_path.exists()
    again = open_session(corpus, DOC)
    try:
        assert again.alignment == merged and not again.can_undo
        assert "No space left on device" in again.notice and "\n" not in again.notice
    finally:
        again.close()


def test_a_close_that_told_the_translator_does_not_tell_again_on_opening(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(corpus, DOC)
    session.apply(Merge(1))
    monkeypatch.setattr("corpus.storage.journal.HISTORY_LIMIT", 10)
    session.close()
    assert session.closing_notice
    session.closing_said()  # the editor showed it
    monkeypatch.undo()
    again = open_session(corpus, DOC)
    try:
        assert again.notice == ""
    finally:
        again.close()
