"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from corpus.errors import KopirError


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


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file to stream into; it becomes ``path`` only if the block ends normally.

    For output too large to build in memory (a TMX of millions of units): the
    data goes to a temporary file beside ``path``, which is synced and renamed
    over ``path`` at the end, or removed if anything goes wrong, so a reader
    never sees half a file and a failed export leaves the old file as it was.
    The file gets the permissions of the file it replaces, or ``rw-r--r--``
    (a temporary file would otherwise be private, unlike any exported file).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
