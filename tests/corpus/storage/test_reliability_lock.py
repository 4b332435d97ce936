"""The document lock and the crash journal, seen from the command line.

After a ``kill -9`` the lock is stale and the journal pending: a command that
changed the TEI then had its work thrown away when the app replayed the old
journal over its old base. Taking over a stale lock was racy, ``kopir
unlock`` removed a live process's lock without a word, and ``kopir import tmx
--replace`` wrote under an open editor's feet.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from align.edit import Confirm
from align.opening import open_session
from align.session import Session
from corpus.storage.lock import DocumentLock, read_lock
from corpus.storage.store import Corpus
from tests.helpers import REPO, SEEDS, dead_pid, one_seed_corpus
from tui.cli.main import main

DOC = "003_02315eec3f8dba4a"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return one_seed_corpus(tmp_path / "c")


def _lock_path(root: Path, doc_id: str = DOC) -> Path:
    return root / ".kopir" / "locks" / f"{doc_id}.lock"


def _write_lock(root: Path, pid: int, doc_id: str = DOC) -> Path:
    path = _lock_path(root, doc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "since": time.time()}))
    return path


def _crashed_session(corpus: Corpus) -> Session:
    """An editing session left as ``kill -9`` leaves it: journal pending, lock stale."""
    session = open_session(corpus, DOC)
    session.apply(Confirm(0))
    session.set_texts(1, "en", ["Typed in the app before the crash."])
    assert session.saver is not None and session.journal and session.lock
    session.saver.close()
    session.journal.abandon()
    session.lock.abandon()
    _write_lock(corpus.root, dead_pid())
    return session


def kopir(root: Path, *args: str) -> int:
    return main(["--corpus", str(root), *args])


# ---------------------------------------------------------------- item 2


@pytest.mark.parametrize(
    "command",
    [
        ["realign", DOC],
        ["align", DOC, "--en", str(SEEDS / f"{DOC}.en.txt"), "--replace"],
        ["ingest", "--replace", "SOURCE"],
        ["import", "tmx", "TMX", "--id", DOC, "--replace"],
        ["import", "tmx", "TMX", "--id", DOC, "--merge"],
    ],
    ids=["realign", "align", "ingest", "import", "merge"],
)
def test_a_command_refuses_a_document_with_an_unrecovered_journal(
    corpus: Corpus, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / f"{DOC}.txt"
    source.write_bytes((SEEDS / f"{DOC}.txt").read_bytes() + "\nЖаңа сөйлем.\n".encode())
    tmx = tmp_path / "doc.tmx"
    assert kopir(corpus.root, "export", "tmx", DOC, "-o", str(tmx), "--include-unconfirmed") == 0
    command = [{"SOURCE": str(source), "TMX": str(tmx)}.get(a, a) for a in command]
    _crashed_session(corpus)
    before = corpus.path(DOC).read_bytes()
    capsys.readouterr()

    assert kopir(corpus.root, *command) == 1
    err = capsys.readouterr().err
    assert "did not end cleanly" in err and f"kopir open {DOC}" in err, err
    assert "Traceback" not in err
    assert corpus.path(DOC).read_bytes() == before, "the TEI file is untouched"

    again = open_session(corpus, DOC)  # the app recovers the journal…
    try:
        assert again.bead_texts(1)[1] == ["Typed in the app before the crash."]
        assert "recovered" in again.notice
    finally:
        again.close()
    assert kopir(corpus.root, "realign", DOC) == 0  # …and then the command may run
    saved = corpus.load(DOC)
    assert "Typed in the app before the crash." in {s.text for s in saved.en.sentences()}


# ---------------------------------------------------------------- item 3


@pytest.mark.parametrize("how", ["--replace", "--merge"])
def test_import_tmx_replace_refuses_a_document_open_in_the_editor(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    tmx = tmp_path / "doc.tmx"
    assert kopir(corpus.root, "export", "tmx", DOC, "-o", str(tmx), "--include-unconfirmed") == 0
    session = open_session(corpus, DOC)
    try:
        before = corpus.path(DOC).read_bytes()
        capsys.readouterr()
        assert kopir(corpus.root, "import", "tmx", str(tmx), "--id", DOC, how) == 1
        err = capsys.readouterr().err
        assert f"{DOC} is open in another kopir" in err and err.count("\n") == 1, err
        assert corpus.path(DOC).read_bytes() == before
    finally:
        session.close()
    assert kopir(corpus.root, "import", "tmx", str(tmx), "--id", DOC, how) == 0
    assert not _lock_path(corpus.root).exists(), "the import let go of its lock"


# ---------------------------------------------------------------- item 6


def _contend(root: str, barrier, results, trials: int, me: int) -> None:
    for trial in range(trials):
        barrier.wait()  # the parent has laid a stale lock
        lock = DocumentLock(Path(root), "doc")
        results[trial * 2 + me] = 1 if lock.acquire() is None else 0
        barrier.wait()  # both have tried: the parent counts
        lock.release()
        barrier.wait()


def test_two_processes_never_both_take_over_a_stale_lock(tmp_path: Path) -> None:
    trials = 300
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(3)
    results = context.Array("i", trials * 2)
    contenders = [
        context.Process(target=_contend, args=(str(tmp_path), barrier, results, trials, me))
        for me in (0, 1)
    ]
    dead = dead_pid()
    for process in contenders:
        process.start()
    both = none = 0
    try:
        for trial in range(trials):
            _write_lock(tmp_path, dead, "doc")
            barrier.wait(timeout=30)
            barrier.wait(timeout=30)
            took = results[trial * 2] + results[trial * 2 + 1]
            both += took == 2
            none += took == 0
            barrier.wait(timeout=30)
    finally:
        for process in contenders:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    assert both == 0, f"both processes held the lock in {both} of {trials} trials"
    assert none == 0, f"neither took the stale lock in {none} of {trials} trials"


def test_a_lock_held_by_a_live_kopir_is_not_taken_whatever_its_file_says(tmp_path: Path) -> None:
    """The flock is the truth: a holder's half-written or stale-looking file is still held."""
    holder = DocumentLock(tmp_path, "doc")
    assert holder.acquire() is None
    try:
        holder.path.write_text(json.dumps({"pid": dead_pid(), "host": socket.gethostname()}))
        other = DocumentLock(tmp_path, "doc")
        assert other.acquire() is not None and not other.held
    finally:
        holder.release()
    assert not holder.path.exists()


# ---------------------------------------------------------------- item 7


def _holder_process(root: Path) -> subprocess.Popen:
    """Another process on this machine holding DOC's lock, as an open editor does."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from corpus.storage.lock import DocumentLock
        lock = DocumentLock(Path({str(root)!r}), {DOC!r})
        assert lock.acquire() is None
        print("held", flush=True)
        sys.stdin.read()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert child.stdout is not None and child.stdout.readline().strip() == b"held"
    return child


def test_unlock_refuses_the_lock_of_a_live_process_unless_forced(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    child = _holder_process(corpus.root)
    try:
        assert kopir(corpus.root, "unlock", DOC) == 1
        err = capsys.readouterr().err
        assert f"process {child.pid}" in err and f"kopir unlock --force {DOC}" in err, err
        assert read_lock(_lock_path(corpus.root)).pid == child.pid, "the lock is still there"
        assert kopir(corpus.root, "unlock", "--force", DOC) == 0
        assert f"lock of process {child.pid}" in capsys.readouterr().out
        assert not _lock_path(corpus.root).exists()
    finally:
        child.kill()
        child.wait()


def test_a_stale_lock_whose_pid_was_reused_says_how_to_unlock(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lock file nobody holds, naming a process id a live, unrelated process now has."""
    unrelated = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(corpus.root, unrelated.pid)
        reader = open_session(corpus, DOC)
        assert reader.read_only and f"kopir unlock --force {DOC}" in reader.notice
        reader.close()
        assert kopir(corpus.root, "realign", DOC) == 1
        assert f"kopir unlock --force {DOC}" in capsys.readouterr().err
        assert kopir(corpus.root, "unlock", DOC) == 1
        assert f"kopir unlock --force {DOC}" in capsys.readouterr().err
        assert kopir(corpus.root, "unlock", "--force", DOC) == 0
        assert kopir(corpus.root, "realign", DOC) == 0
    finally:
        unrelated.kill()
        unrelated.wait()


def test_unlock_removes_a_dead_process_lock_and_another_hosts(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_lock(corpus.root, dead_pid())
    assert kopir(corpus.root, "unlock", DOC) == 0
    assert not _lock_path(corpus.root).exists()
    path = _lock_path(corpus.root)
    path.write_text(json.dumps({"pid": os.getpid(), "host": "elsewhere.example", "since": 0}))
    assert kopir(corpus.root, "realign", DOC) == 1
    assert f"kopir unlock {DOC}" in capsys.readouterr().err
    assert kopir(corpus.root, "unlock", DOC) == 0
    assert not path.exists()


def test_unlock_of_a_mistyped_corpus_is_an_error_not_not_locked(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kopir --corpus TYPO unlock DOC`` said ``DOC: not locked`` and exit 0, so the user
    took the lock for gone while it stayed in the real corpus: like every command but
    ingest, import and build, unlock refuses a corpus that is not there (README)."""
    path = _write_lock(corpus.root, dead_pid())
    assert kopir(tmp_path / "typo", "unlock", DOC) == 1
    assert "no corpus at" in capsys.readouterr().err
    assert kopir(tmp_path, "unlock", DOC) == 1  # a folder holding no corpus, the corpus's parent
    assert "is not a kopir corpus" in capsys.readouterr().err
    assert path.exists() and not (tmp_path / "typo").exists()
    assert kopir(corpus.root, "unlock", DOC) == 0
    assert not path.exists()


# ---------------------------------------------------------------- one-line errors


@pytest.mark.parametrize(
    ("pid", "since"),
    [(10**30, time.time()), (-5, 1e300), (2**63, float("nan")), (0, -1e300)],
)
def test_a_lock_file_with_a_huge_pid_or_time_is_a_stale_lock_not_a_traceback(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], pid: int, since: float
) -> None:
    path = _lock_path(corpus.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "since": since}))
    session = open_session(corpus, DOC)  # no process has such an id: stale, taken over
    assert not session.read_only
    session.close()
    path.write_text(json.dumps({"pid": pid, "host": socket.gethostname(), "since": since}))
    assert kopir(corpus.root, "unlock", DOC) == 0, capsys.readouterr().err
    assert f"lock of process {pid} on" in capsys.readouterr().out
    assert not path.exists()


def test_unlock_on_a_read_only_corpus_is_a_one_line_error(
    corpus: Corpus, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores file modes, so the read-only file system is what unlink says."""
    path = _write_lock(corpus.root, dead_pid())

    def read_only(self: Path, missing_ok: bool = False) -> None:
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "unlink", read_only)
    assert kopir(corpus.root, "unlock", DOC) == 1
    err = capsys.readouterr().err
    assert "cannot remove the lock: Read-only file system" in err and "read-only" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert path.exists()
