"""The client's side of a build: built documents written into the corpus, a few at a time.

A synced write waits on the disk three times (the lock file, the document,
its folder), 15 ms each on a busy shared disk: one thread writing would hold
back two or more workers. A few threads overlap the waits; the summary, the
state and the progress are updated under one mutex.
"""

from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from align.build.state import BuildState
from align.build.summary import Progress, Summary
from align.build.task import Built, one_line
from corpus.errors import CorpusError, KopirError
from corpus.storage.lock import hold
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes

#: Threads writing documents; writes queued beyond twice this wait for one to end.
WRITERS = 4


class Writer:
    """Writes built documents (under their lock, never over translators' work) and counts."""

    def __init__(self, corpus: Corpus, state: BuildState, summary: Summary, step: Progress) -> None:
        self.corpus, self.state, self.summary, self.step = corpus, state, summary, step
        self.mutex = threading.Lock()
        self.pool = ThreadPoolExecutor(WRITERS, thread_name_prefix="kopir-build-write")
        self.pending: set[Future[None]] = set()

    def write(self, built: Built) -> None:
        """Write ``built`` soon (in a writer thread); waits while too many writes are queued."""
        while len(self.pending) >= 2 * WRITERS:
            done, self.pending = wait(self.pending, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()
        self.pending.add(self.pool.submit(self._store, built))

    def note(self, doc_id: str, kind: str, reason: str = "") -> None:
        """Count a pair that needs no write: ``skipped``, or ``failed`` for ``reason``."""
        with self.mutex:
            if kind == "skipped":
                self.summary.skipped += 1
            else:
                self.summary.failed += 1
                self.summary.rows.append((doc_id, "failed", one_line(reason)))
            self.step(self.summary, doc_id)

    def close(self) -> None:
        """Wait for the writes queued (each is atomic: none is left half done)."""
        self.pool.shutdown(wait=True)
        for future in self.pending:
            future.result()
        self.pending.clear()

    def _store(self, built: Built) -> None:
        corpus, doc_id = self.corpus, built.doc_id
        locked = False
        try:
            with hold(corpus.root, doc_id):
                locked = True
                old = corpus.read_bytes(doc_id) if corpus.exists(doc_id) else None
                if old == built.tei:
                    outcome, reason = "unchanged", ""
                elif old is not None and (work := translator_work(old, corpus.path(doc_id))):
                    outcome, reason = "kept", f"not overwritten: {work}"
                else:
                    corpus.save_bytes(doc_id, built.tei)
                    outcome, reason = ("created" if old is None else "updated"), ""
        except CorpusError as exc:  # open in the app or not recovered (no lock), or a write failed
            outcome, reason = ("failed" if locked else "kept"), one_line(str(exc))
        with self.mutex:
            self._count(built, outcome, reason)

    def _count(self, built: Built, outcome: str, reason: str) -> None:
        summary, doc_id = self.summary, built.doc_id
        setattr(summary, outcome, getattr(summary, outcome) + 1)
        if reason:
            summary.rows.append((doc_id, outcome, reason))
        if outcome in ("created", "updated", "unchanged"):
            self.state.record(doc_id, built.key)
            summary.kk += built.kk
            summary.en += built.en
            summary.beads += built.beads
            summary.weak += built.weak
            summary.errors += built.errors
            summary.warnings += built.warnings
            summary.rows += [(doc_id, "warning", one_line(note)) for note in built.notes]
        self.step(summary, doc_id)


def translator_work(tei: bytes, path: Path) -> str | None:
    """What in a corpus document a rebuild must not overwrite, in words; None if nothing.

    Confirmed beads and beads changed by hand (no aligner score) are a
    translator's; so is a file kopir cannot read (it may be theirs, mid-repair).
    """
    try:
        doc = from_bytes(tei, str(path))
    except KopirError as exc:
        return f"the corpus's copy cannot be read ({one_line(str(exc), 120)})"
    confirmed = sum(link.status == "confirmed" for link in doc.links)
    by_hand = sum(link.status != "confirmed" and link.score is None for link in doc.links)
    if not confirmed and not by_hand:
        return None
    parts = [f"{confirmed} confirmed"] * bool(confirmed) + [f"{by_hand} changed by hand"] * bool(
        by_hand
    )
    return f"holds translators' work ({' and '.join(parts)} beads)"
