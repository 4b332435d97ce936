"""Opening files in a corpus's state folder (``.kopir/``) without following links.

Corpora are copied, unpacked from archives and shared with their ``.kopir/``
folder, so a symbolic link planted there (``.kopir/journal/doc.log`` →
``~/.bashrc``) would have kopir truncate and write a file of the user's
choosing, or read one into a document. Every file kopir writes or reads in
its state folder goes through :func:`check_no_links` (no component under the
corpus folder is a link) and is opened with ``O_NOFOLLOW``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from corpus.errors import CorpusError

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def link_error(path: Path) -> CorpusError:
    """The one-line error for a link found where kopir keeps its own files."""
    return CorpusError(
        f"{path}: is a symbolic link; kopir never follows links in a corpus's .kopir/ "
        "folder (remove the link and try again)"
    )


def check_no_links(path: Path, root: Path) -> None:
    """Raise :class:`CorpusError` if ``path`` or a folder between ``root`` and it is a link.

    ``root`` itself (the corpus folder the user named) may be a link; a
    component that does not exist yet is fine (it will be created as a folder).
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
        root = Path(path.anchor)
    current = root
    for part in parts:
        current = current / part
        try:
            mode = current.lstat().st_mode
        except FileNotFoundError:
            return
        except OSError:
            return  # unreadable: the open that follows says why
        if stat.S_ISLNK(mode):
            raise link_error(current)


def open_state(path: Path, root: Path, flags: int, mode: int = 0o644) -> int:
    """``os.open`` of a file in the state folder, never through a link; a file descriptor."""
    check_no_links(path, root)
    try:
        return os.open(path, flags | NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise link_error(path) from None
        raise


def read_state(path: Path, root: Path, most: int | None = None) -> bytes:
    """The bytes of a file in the state folder, never read through a link; a file of more
    than ``most`` bytes (if given) is not read: ``OSError`` (``EFBIG``)."""
    fd = open_state(path, root, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        if most is None:
            return handle.read()
        size = os.fstat(handle.fileno()).st_size
        data = b"" if size > most else handle.read(most + 1)  # + 1: it may have grown since
    if size > most or len(data) > most:
        raise OSError(errno.EFBIG, f"over {most:,} bytes", str(path))
    return data
