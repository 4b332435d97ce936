"""Document locks: one translator edits a document at a time.

A second editor on the same document would overwrite the first one's saves,
so the editor takes a lock file ``<corpus>/.kopir/locks/<doc>.lock`` holding
the owner's process id, host name and start time. Another instance that finds
the lock opens the document read-only and says who holds it.

The holder also keeps the file open under ``flock``: the kernel lets go of
it the moment the holder dies, however it dies, and only one process can win
it. That makes taking over a stale lock atomic (two processes racing for the
lock of a dead one cannot both get it) and tells a live holder from a process
id that was merely reused. The dance is the usual one: open (creating if
need be), ``flock``, then check that the path still names the file locked (a
releasing holder unlinks it first), else start again.

A lock whose owner died (a crash, ``kill -9``, a closed terminal) is stale and
is taken over: on this host when nobody holds its ``flock`` and its process
is gone (or dying: it lets go of the ``flock`` a moment before it is a
zombie). A lock file nobody holds whose process id is alive (a reused id)
is respected, and the message says how to remove it (``kopir unlock``); so is
a lock from another host, which is never presumed dead, since the corpus may
be on a shared drive. :func:`break_lock` removes a lock on request, and
refuses a lock a live process on this host holds unless forced.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorpusError, KopirError
from corpus.storage.journal import Journal
from corpus.storage.readonly import CorpusReadOnly, is_read_only
from corpus.storage.store import STATE_DIR, check_doc_id

LOCK_DIR = Path(STATE_DIR) / "locks"
#: Bytes of a lock file read at most: it holds one small JSON object.
MAX_LOCK_BYTES = 4096


@contextlib.contextmanager
def corpus_folder_lock(root: Path, error: type[KopirError]) -> Iterator[None]:
    """Held while a file of the whole corpus (its settings, its glossary) is read and
    rewritten: a ``flock`` on the corpus folder, so two changes at once both keep theirs;
    ``error`` is raised, naming the folder, when it cannot be opened."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise error(f"{root}: cannot open the corpus folder: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock."""

    pid: int
    host: str
    since: float

    def describe(self) -> str:
        try:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        except (OverflowError, ValueError, OSError):  # a lock file's nonsense time (1e300, nan)
            return f"process {self.pid} on {self.host}, since an unreadable time"
        return f"process {self.pid} on {self.host}, since {when}"


_TAKEN, _AGAIN = object(), object()


class DocumentLock:
    """An exclusive lock on one document of a corpus; release it when done."""

    def __init__(self, corpus_root: Path, doc_id: str) -> None:
        self.path = corpus_root / LOCK_DIR / f"{check_doc_id(doc_id)}.lock"
        self.doc_id = doc_id
        self.held = False
        self.took_over: LockInfo | None = None  # a stale lock this one replaced
        self._fd: int | None = None

    def acquire(self) -> LockInfo | None:
        """Take the lock; return ``None`` on success, else who holds it."""
        root = self.path.parents[2]
        if root.exists() and not root.is_dir():
            raise CorpusError(f"{root}: the corpus path is not a directory")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if is_read_only(exc):
                raise CorpusReadOnly(root, exc) from None
            raise CorpusError(f"{self.path.parent}: cannot create: {exc.strerror or exc}") from None
        for _ in range(20):  # a holder may unlink the file between our steps
            fd = _open(self.path, root)
            try:
                outcome = self._take(fd)
            except BaseException:
                os.close(fd)
                raise
            if outcome is _TAKEN:
                self._fd, self.held = fd, True
                return None
            os.close(fd)
            if outcome is not _AGAIN:
                return outcome
        raise CorpusError(f"{self.path}: cannot take the lock: it keeps changing")

    def _take(self, fd: int) -> LockInfo | object:
        """Take the lock through ``fd``: ``_TAKEN``, ``_AGAIN``, or who holds it."""
        if not _flock(fd):
            return _read_fd(fd) or LockInfo(0, "unknown", time.time())
        if not _names(self.path, fd):
            return _AGAIN  # released (unlinked) while we opened it
        holder = _read_fd(fd)
        if holder is not None and not _is_stale(holder):
            return holder
        _write_fd(fd, self.path)
        self.took_over = holder
        return _TAKEN

    def release(self) -> None:
        """Remove the lock if this process holds it (never someone else's)."""
        if not self.held or self._fd is None:
            return
        try:
            if _names(self.path, self._fd):  # not replaced by 'kopir unlock --force'
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
        finally:
            os.close(self._fd)  # lets go of the flock
            self._fd = None
            self.held = False

    def abandon(self) -> None:
        """Let go of the ``flock`` and leave the file, as a killed holder does (for tests)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self.held = False

    def __enter__(self) -> DocumentLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _open(path: Path, root: Path) -> int:
    """The lock file, opened for reading and writing (created if missing); never a symlink.

    A corpus that cannot be written (``root``) cannot be locked: that is said as such.
    """
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if is_read_only(exc):
            raise CorpusReadOnly(root, exc) from None
        raise CorpusError(f"{path}: cannot open lock: {exc.strerror or exc}") from None


def _flock(fd: int) -> bool:
    """Try to ``flock`` the file; False if another holder has it.

    A file system without ``flock`` counts as free: the process id check
    alone then decides, as it did before locks were held open.
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
    return True


def _names(path: Path, fd: int) -> bool:
    """Whether ``path`` is still the file open as ``fd``."""
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def _write_fd(fd: int, path: Path) -> None:
    data = json.dumps({"pid": os.getpid(), "host": _host(), "since": time.time()}).encode()
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)
        os.fsync(fd)
    except OSError as exc:
        # A full disk: leave no empty lock file behind (we hold it, so it is ours to remove).
        with contextlib.suppress(OSError):
            if os.fstat(fd).st_size == 0 and _names(path, fd):
                os.unlink(path)
        raise CorpusError(f"{path}: cannot write lock: {exc.strerror or exc}") from None


def _read_fd(fd: int) -> LockInfo | None:
    try:
        return _parse(os.pread(fd, MAX_LOCK_BYTES, 0))
    except OSError:
        return LockInfo(0, _host(), 0.0)


def _parse(data: bytes) -> LockInfo | None:
    """The holder a lock file's bytes name; ``None`` for an empty file (just created).

    A lock file that cannot be understood (half written by a process that
    died) counts as stale: it says nobody is alive.
    """
    if not data:
        return None
    try:
        found = json.loads(data)
        return LockInfo(int(found["pid"]), str(found["host"]), float(found["since"]))
    except (ValueError, KeyError, TypeError):
        return LockInfo(0, _host(), 0.0)  # pid 0 on this host: stale


def read_lock(path: Path) -> LockInfo | None:
    """The holder recorded in a lock file; ``None`` if there is none.

    A lock file that exists but cannot be understood counts as stale (pid 0).
    """
    try:
        with open(path, "rb") as handle:
            return _parse(handle.read(MAX_LOCK_BYTES)) or LockInfo(0, _host(), 0.0)
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo(0, _host(), 0.0)


def held_by_live_process(path: Path) -> bool:
    """Whether a process holds the lock file's ``flock`` right now."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return not _flock(fd)
    finally:
        os.close(fd)  # also lets go of the flock if we just took it


def break_lock(corpus_root: Path, doc_id: str, *, force: bool = False) -> LockInfo | None:
    """Remove a document's lock; returns who held it.

    A lock a live kopir on this host holds (or whose process is alive here)
    is refused unless ``force``: its saves would go on over whatever the
    next editor does. Another host's lock cannot be checked, which is what
    this is for.
    """
    path = corpus_root / LOCK_DIR / f"{check_doc_id(doc_id)}.lock"
    holder = read_lock(path)
    if holder is None:
        return None
    if not force:
        if held_by_live_process(path):
            raise CorpusError(
                f"{doc_id} is open in a running kopir ({holder.describe()}): close it there; "
                f"'kopir unlock --force {doc_id}' removes the lock anyway, and its saves go on"
            )
        if holder.host == _host() and not _is_stale(holder):
            raise CorpusError(
                f"{doc_id} is locked by process {holder.pid} on this machine, which is running: "
                f"if it is not a kopir with {doc_id} open (process ids are reused), "
                f"run 'kopir unlock --force {doc_id}'"
            )
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:  # a read-only corpus (a CD, a share mounted read-only)
        raise CorpusError(
            f"{path}: cannot remove the lock: {exc.strerror or exc} (is the corpus read-only? "
            "a read-only corpus cannot be edited, so its lock holds nothing back)"
        ) from None
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
    except (ProcessLookupError, OverflowError):
        return True  # gone, or a number no process can have
    except PermissionError:
        return False  # alive, owned by another user
    return _dying(holder.pid)


#: The kernel's flag on a task that has begun to exit (``PF_EXITING``, include/linux/sched.h).
PF_EXITING = 0x4


def _dying(pid: int) -> bool:
    """Whether ``pid`` has died, or is dying, but has not been reaped yet (Linux; elsewhere:
    not known).

    A killed process lets go of its files (and so of its ``flock``) before it becomes a
    zombie: between the two it still answers ``kill(pid, 0)``, and a kopir reopening the
    document at that moment took it for a live holder ("open in another kopir" right
    after a ``kill -9``, seen on a loaded machine, where the dying process may wait its
    turn for the CPU in that window). The kernel marks such a process as exiting.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat_says_dying(stat)


def stat_says_dying(stat: str) -> bool:
    """Whether a ``/proc/PID/stat`` line is a zombie's or an exiting process's."""
    # The state follows the command name, which is in parentheses and may hold spaces;
    # the flags are the seventh field after it (proc(5): state, ppid, pgrp, session,
    # tty_nr, tpgid, flags).
    fields = stat.rpartition(")")[2].split()
    if fields[:1] in (["Z"], ["X"]):
        return True
    try:
        return bool(int(fields[6]) & PF_EXITING)
    except (IndexError, ValueError):
        return False


@contextlib.contextmanager
def hold(corpus_root: Path, doc_id: str) -> Iterator[DocumentLock]:
    """Hold a document's lock for a change made outside the editor (``kopir align``, …).

    Raises :class:`CorpusError` naming the holder when the document is open
    in a kopir editor, whose saves would otherwise overwrite the change.
    """
    lock = DocumentLock(corpus_root, doc_id)
    holder = lock.acquire()
    if holder is not None:
        raise CorpusError(f"{doc_id} is open in another kopir: {explain(holder, doc_id)}")
    try:
        journal = Journal(corpus_root, doc_id)
        if journal.pending and journal.typing_only():
            raise CorpusError(
                f"{doc_id} has unfinished typing kept from its last editing session: open it in "
                f"the app ('kopir open {doc_id}') to apply or drop it, then run this again"
            )
        if journal.pending:
            raise CorpusError(
                f"{doc_id} has changes from an editing session that did not end cleanly, not "
                f"yet in its TEI file ({journal.log_path}): open it in the app ('kopir open "
                f"{doc_id}') to recover them, then run this again"
            )
        yield lock
    finally:
        lock.release()


def explain(holder: LockInfo, doc_id: str) -> str:
    """Who holds a lock and what to do about it, for a one-line message."""
    if holder.host != _host():
        return (
            f"{holder.describe()}; close it there, or if that kopir is gone, "
            f"run 'kopir unlock {doc_id}'"
        )
    return (
        f"{holder.describe()}; close it there first (if no kopir has it open, its process "
        f"id was reused: run 'kopir unlock --force {doc_id}')"
    )
