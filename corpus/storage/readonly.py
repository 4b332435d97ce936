"""A corpus kopir may not write: on a read-only mount or a CD, or in a folder not the user's.

Such a corpus is still read: searched, listed, checked, exported elsewhere, and
its documents opened (read-only). What kopir would keep in the corpus's
``.kopir/`` folder for reading alone, the search index, goes to the user's
cache instead (:func:`cache_folder`). A command that would change the corpus
says in one line that the corpus is read-only (:class:`CorpusReadOnly`),
rather than naming the lock or temporary file it failed to create.

Read-only is told by the failure itself (``EROFS``, ``EACCES``, ``EPERM`` on a
write), not guessed beforehand: ``access(2)`` answers for the real user and
misses an immutable file, and the write is what counts.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from corpus.errors import CorpusError

#: What a write into a corpus that cannot be written fails with.
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def is_read_only(exc: OSError) -> bool:
    """Whether a write failed because the place cannot be written (not full, not missing)."""
    return exc.errno in READ_ONLY_ERRNOS


class CorpusReadOnly(CorpusError):
    """A change refused because the corpus cannot be written."""

    def __init__(self, root: Path, exc: OSError) -> None:
        why = exc.strerror or str(exc)
        super().__init__(
            f"{root}: the corpus is read-only ({why}): it can be searched and read, not "
            "changed; copy it to a folder you can write to change it"
        )


def cache_folder(root: Path) -> Path:
    """Where kopir keeps what it derives from the corpus at ``root`` when it cannot write there.

    ``$XDG_CACHE_HOME/kopir/<folder name>-<hash of its full path>``
    (``~/.cache`` when unset): one folder per corpus, found again on the next run.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    full = os.path.realpath(root)
    digest = hashlib.sha256(full.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(base) / "kopir" / f"{Path(full).name or 'corpus'}-{digest}"
