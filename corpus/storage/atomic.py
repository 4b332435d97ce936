"""Atomic file writes: a reader sees the old file or the new one, never half of one.

A file is written to a temporary file beside it (``.<name>.<random>.tmp``),
synced and renamed over it. A process killed mid-write leaves that temporary
file behind, so each temporary file is held with ``flock`` while it is being
written: :func:`sweep_temp_files`, run at the start of a later command,
removes only kopir's own temporary files that are older than the run and that
no live process holds.

A target that is not a regular file (``-o /dev/stdout``, a FIFO, a device) is
written directly: renaming over it would replace the device node or the pipe
its reader is waiting on with a plain file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from corpus.errors import KopirError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

#: When this process started: a temporary file older than this is not this run's.
RUN_STARTED = time.time()
TEMP_SUFFIX = ".tmp"
#: How kopir names its temporary files: ``.`` + the target's name + ``.`` + mkstemp's
#: eight random characters + ``.tmp``; nothing else is ever swept.
TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_swept: set[str] = set()  # folders this process has swept already


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a synced temporary file and ``os.replace``.

    The temporary file lives in the same directory (so the rename is atomic on
    one file system) and is removed if anything fails before the rename.
    """
    with atomic_output(path) as handle:
        handle.write(data)


def sync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_target(path: Path) -> None:
    """Refuse to write ``path`` when it is a folder or its folder does not exist.

    For paths typed on the command line: a missing folder is most likely a
    typo, and creating it would hide the mistake (the app's dialogs, which
    offer an ``exports/`` folder of their own, create it instead).
    """
    if path.is_dir():
        raise KopirError(f"{path}: is a directory; give the name of the file to write")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KopirError(f"{path}: cannot write: the folder {folder} does not exist")


def special_file(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file or folder (a device, a FIFO…)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file to stream into; it becomes ``path`` only if the block ends normally.

    For output too large to build in memory (a TMX of millions of units): the
    data goes to a temporary file beside ``path``, which is synced and renamed
    over ``path`` at the end, or removed if anything goes wrong, so a reader
    never sees half a file and a failed export leaves the old file as it was.
    The file gets the permissions of the file it replaces, or ``rw-r--r--``
    (a temporary file would otherwise be private, unlike any exported file).
    A device or a FIFO is written directly (see the module's note).
    """
    if special_file(path):
        with _direct_output(path) as handle:
            yield handle
        return
    if path.is_dir():
        raise KopirError(f"{path}: is a directory; give the name of the file to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_once(path.parent)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        if fcntl is not None:  # held until closed: a later sweep leaves it alone
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    sync_dir(path.parent)


@contextlib.contextmanager
def _direct_output(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for writing as it is: no temporary file, no rename, no sync."""
    try:
        handle = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise KopirError(f"{path}: cannot write: {exc.strerror or exc}") from None
    with handle:
        yield handle
        handle.flush()


def sweep_once(folder: Path) -> list[Path]:
    """:func:`sweep_temp_files` the first time this process writes in or opens ``folder``.

    A save in the app must not list a folder of 10,000 documents each time.
    """
    try:
        key = str(folder.resolve())
    except OSError:
        return []
    if key in _swept:
        return []
    _swept.add(key)
    return sweep_temp_files(folder)


def sweep_temp_files(folder: Path, started: float = RUN_STARTED) -> list[Path]:
    """Remove kopir's temporary files in ``folder`` left by a killed process; the ones removed.

    Only files named as :func:`atomic_output` names them, last changed before
    ``started`` (this run), and not held (``flock``) by a live process; a
    folder that cannot be read or a file that cannot be removed is left alone.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime >= started:
                continue
            if _held(Path(entry.path)):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _held(path: Path) -> bool:
    """Whether a live process holds ``path`` with ``flock`` (as :func:`atomic_output` does)."""
    if fcntl is None:
        return True  # cannot tell: keep it
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False
