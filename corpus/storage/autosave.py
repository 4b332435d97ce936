"""Saving a document in the background while it is being edited.

The editor's session (``align.session``) asks for a save after every change;
:class:`AutoSaver` coalesces those requests and writes the newest snapshot on
its own thread. It is persistence only: it knows a corpus and a way to take a
snapshot, not what an edit is.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from corpus.errors import CorpusError, KopirError
from corpus.model import Document
from corpus.storage.store import Corpus
from corpus.storage.tei import TeiWriter

#: A save waits for a pause in the edits this many times as long as the last write took...
PAUSE_PER_WRITE = 3.0
#: ...and lets the TEI file fall at most this many times that behind the edits.
STALE_PER_WRITE = 20.0


def pacing(quiet: float, at_most: float, last_write: float) -> tuple[float, float]:
    """The pause to wait for and the most to wait, given how long the last write took.

    A long document's write holds the interpreter for seconds (3 s for 50,000
    beads, far more on a loaded machine), and every key pressed meanwhile
    waits for it: so the longer a write takes, the longer the pause in the
    edits it waits for, and the further the TEI file may fall behind. Safe,
    because the journal holds every change on disk; ``flush`` (export, close)
    writes at once.
    """
    return max(quiet, PAUSE_PER_WRITE * last_write), max(at_most, STALE_PER_WRITE * last_write)


class AutoSaver:
    """Writes the latest snapshot in a background thread, coalescing bursts of edits.

    ``request`` returns at once. Writing a long document's TEI takes a good
    fraction of a second of CPU, and while the thread serialises it the
    editor competes for the interpreter, so the thread waits for a pause in
    the edits (``quiet`` seconds), though never more than ``at_most``
    seconds after the first unsaved change (both longer after a long write:
    :func:`pacing`), and then writes the newest state atomically. Nothing
    waits on it to be safe: the journal already holds every change on disk.
    ``flush`` writes at once and waits until what was requested is on disk;
    errors are kept for the app to show.

    Only this saver writes the file while the document is open (the lock keeps kopir's
    other commands off it), so a file that changed since it was opened or last saved
    here was changed by another program (an editor, a sync tool): it is not
    overwritten, and the save fails saying so.
    """

    def __init__(
        self,
        corpus: Corpus,
        snapshot: Callable[[], Document],
        quiet: float = 0.5,
        at_most: float = 2.0,
        doc_id: str | None = None,
        writer: TeiWriter | None = None,
    ) -> None:
        """``writer``: a remembering writer that has just written the document as it opens
        (the opener checked its bytes), so that there is nothing to :meth:`_prime`."""
        self._corpus = corpus
        self._snapshot = snapshot
        self._doc_id = doc_id if doc_id is not None else snapshot().id
        #: The file as opened or as last written here (None: none then).
        self._on_disk = self._signature()
        self.quiet, self.at_most = quiet, at_most
        self._wanted = 0
        self._written = 0
        self._urgent = False
        self._closed = False
        self._last_request = 0.0
        self._last_write = 0.0  # seconds the last write took
        self._cond = threading.Condition()
        # Remembers each block's and link's bytes: a save after an edit serialises
        # only what the edit made (see corpus.storage.teiwrite). Used by the thread only.
        self._writer = writer or TeiWriter(remember=True)
        self._primed = writer is not None
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="kopir-autosave", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._cond:
            self._wanted += 1
            self._last_request = time.monotonic()
            self._cond.notify_all()

    def flush(self, timeout: float = 30.0) -> bool:
        """Write now and wait until every requested save is written; False on timeout."""
        with self._cond:
            target = self._wanted
            self._urgent = True
            self._cond.notify_all()
            return self._cond.wait_for(lambda: self._written >= target, timeout)

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=30)

    @property
    def serialised(self) -> int:
        """Blocks and links the last save had to serialise (the rest were remembered)."""
        return self._writer.written

    @property
    def pending(self) -> bool:
        with self._cond:
            return self._written < self._wanted

    def _due(self, first_pending: float) -> float:
        """Seconds until a save is due (≤ 0: now)."""
        if self._urgent or self._closed:
            return 0.0
        quiet, at_most = pacing(self.quiet, self.at_most, self._last_write)
        return min(self._last_request + quiet, first_pending + at_most) - time.monotonic()

    def _prime(self) -> None:
        """Serialise the document as opened, writing nothing, so that the writer remembers it.

        The first save after opening would otherwise serialise the whole document
        (a second or more for 50,000 beads on a loaded machine), and a translator
        who changes one bead and quits would wait for it.
        """
        with contextlib.suppress(Exception):  # the first real save reports what is wrong
            self._writer.write(self._snapshot())

    def _run(self) -> None:
        if not self._primed:
            self._prime()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._closed or self._written < self._wanted)
                if self._closed and self._written >= self._wanted:
                    return
                first_pending = self._last_request
                while (wait := self._due(first_pending)) > 0:
                    self._cond.wait(wait)
                self._urgent = False
                target = self._wanted
            # Outside the lock: building the links of a long document takes tens of
            # milliseconds, and every edit's request() waits for this lock. The state
            # read is at least as new as ``target`` (edits change it before asking).
            started = time.monotonic()
            doc = self._snapshot()
            try:
                self._check_unchanged()
                self._corpus.save_bytes(doc.id, self._writer.write(doc))
                self._on_disk = self._signature()
                self.error = None
            except Exception as exc:  # shown by the app; the next edit retries
                self.error = exc
            with self._cond:
                self._last_write = time.monotonic() - started
                self._written = max(self._written, target)
                self._cond.notify_all()

    def _signature(self) -> tuple[int, int] | None:
        """The document's file as its size and time of change (None: no file). Not its
        inode: on a shared drive (SMB without server inode numbers) the client may number
        the same file anew, and every save would then fail."""
        try:
            info = self._corpus.path(self._doc_id).stat()
        except (OSError, KopirError):
            return None
        return info.st_size, info.st_mtime_ns

    def _check_unchanged(self) -> None:
        """Refuse to write over a file another program changed since it was last seen here."""
        if self._on_disk is not None and self._signature() != self._on_disk:
            raise CorpusError(
                f"{self._corpus.path(self._doc_id)} was changed on disk by another program "
                "while open here: not overwritten (close the document and open it again to "
                "go on from your changes; that replaces the other program's)"
            )
