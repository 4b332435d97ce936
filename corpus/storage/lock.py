"""Document locks: one translator edits a document at a time.

A second editor on the same document would overwrite the first one's saves,
so the editor takes a lock file ``<corpus>/.kopir/locks/<doc>.lock`` holding
the owner's process id, host name and start time. Another instance that finds
the lock opens the document read-only and says who holds it.

A lock whose owner died (a crash, ``kill -9``, a closed terminal) is stale and
is taken over: on the same host that is known for sure (the process id is no
longer running); a lock from another host is never presumed dead, since the
corpus may be on a shared drive, but :func:`break_lock` removes it on request.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorpusError
from corpus.storage.store import STATE_DIR, check_doc_id

LOCK_DIR = Path(STATE_DIR) / "locks"


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock."""

    pid: int
    host: str
    since: float

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        return f"process {self.pid} on {self.host}, since {when}"


class DocumentLock:
    """An exclusive lock on one document of a corpus; release it when done."""

    def __init__(self, corpus_root: Path, doc_id: str) -> None:
        self.path = corpus_root / LOCK_DIR / f"{check_doc_id(doc_id)}.lock"
        self.doc_id = doc_id
        self.held = False
        self.took_over: LockInfo | None = None  # a stale lock this one replaced

    def acquire(self) -> LockInfo | None:
        """Take the lock; return ``None`` on success, else who holds it."""
        root = self.path.parents[2]
        if root.exists() and not root.is_dir():
            raise CorpusError(f"{root}: the corpus path is not a directory")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{self.path.parent}: cannot create: {exc.strerror or exc}") from None
        for _ in range(3):  # a competitor may remove a stale lock between our steps
            if self._create():
                self.held = True
                return None
            holder = read_lock(self.path)
            if holder is None:
                continue  # vanished or unreadable while we looked: try again
            if not _is_stale(holder):
                return holder
            self.took_over = holder
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        holder = read_lock(self.path)
        return holder or LockInfo(0, "unknown", time.time())

    def release(self) -> None:
        """Remove the lock if this process holds it (never someone else's)."""
        if not self.held:
            return
        holder = read_lock(self.path)
        if holder is not None and holder.pid == os.getpid() and holder.host == _host():
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        self.held = False

    def _create(self) -> bool:
        info = {"pid": os.getpid(), "host": _host(), "since": time.time()}
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise CorpusError(f"{self.path}: cannot create lock: {exc.strerror or exc}") from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(info, handle)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def __enter__(self) -> DocumentLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def read_lock(path: Path) -> LockInfo | None:
    """The holder recorded in a lock file; ``None`` if there is none or it is unreadable.

    A lock file that exists but cannot be understood (half written by a
    process that died) counts as stale: it says nobody is alive.
    """
    try:
        data = json.loads(path.read_text("utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), float(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo(0, _host(), 0.0)  # pid 0 on this host: stale


def break_lock(corpus_root: Path, doc_id: str) -> LockInfo | None:
    """Remove a document's lock whoever holds it; returns who held it."""
    path = corpus_root / LOCK_DIR / f"{check_doc_id(doc_id)}.lock"
    holder = read_lock(path)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return holder


def _host() -> str:
    return socket.gethostname() or "localhost"


def _is_stale(holder: LockInfo) -> bool:
    if holder.host != _host():
        return False
    if holder.pid <= 0:
        return True
    if holder.pid == os.getpid():
        return False  # this very process: another window of the same app
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    return _zombie(holder.pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has died but not been reaped yet (Linux; elsewhere: not known)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # The state follows the command name, which is in parentheses and may hold spaces.
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


@contextlib.contextmanager
def hold(corpus_root: Path, doc_id: str) -> Iterator[DocumentLock]:
    """Hold a document's lock for a change made outside the editor (``kopir align``, …).

    Raises :class:`CorpusError` naming the holder when the document is open
    in a kopir editor, whose saves would otherwise overwrite the change.
    """
    lock = DocumentLock(corpus_root, doc_id)
    holder = lock.acquire()
    if holder is not None:
        raise CorpusError(
            f"{doc_id} is open in another kopir ({holder.describe()}): close it there first"
        )
    try:
        yield lock
    finally:
        lock.release()
