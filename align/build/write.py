"""The client's writes into the corpus, a few at a time: one writer for a build and for
its realign pass.

A synced write waits on the disk three times (the lock file, the document,
its folder), 15 ms each on a busy shared disk: one thread writing would hold
back two or more workers. A few threads overlap the waits; the pass's
summary, its state and the progress are updated under one mutex.
:func:`save_locked` is the one way either pass writes a document: under its
lock, atomically, after a last look at what the corpus holds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from align.build.state import BuildState
from align.build.summary import Summary
from align.build.task import Built, one_line
from corpus.errors import CorpusError, KopirError
from corpus.storage.lock import hold
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes

#: Threads writing documents; writes queued beyond twice this wait for one to end.
WRITERS = 4

#: What became of a document: a count of the pass's summary, and the report's reason.
Outcome = tuple[str, str]


class Writer:
    """A few threads writing documents, and the tally of what became of each.

    ``summary`` is the pass's (:class:`~align.build.summary.Summary` or
    :class:`~align.build.realign.RealignSummary`): each outcome names one of
    its counts, and a reason is a row of its report. ``step(doc_id)`` follows
    each count (the progress bar).
    """

    def __init__(self, summary: Any, step: Callable[[str], None], name: str) -> None:
        self.summary, self.step = summary, step
        self.mutex = threading.Lock()
        self.pool = ThreadPoolExecutor(WRITERS, thread_name_prefix=f"kopir-{name}-write")
        self.pending: set[Future[None]] = set()

    def submit(self, store: Callable[[], None]) -> None:
        """Run ``store`` soon in a writer thread; waits while too many writes are queued."""
        while len(self.pending) >= 2 * WRITERS:
            done, self.pending = wait(self.pending, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()
        self.pending.add(self.pool.submit(store))

    def count(
        self, doc_id: str, outcome: str, reason: str = "", then: Callable[[], None] | None = None
    ) -> None:
        """Count ``doc_id``'s ``outcome`` (and its ``reason`` in the report), run ``then``
        under the same mutex (the state, the totals), and step the progress."""
        with self.mutex:
            setattr(self.summary, outcome, getattr(self.summary, outcome) + 1)
            if reason:
                self.summary.rows.append((doc_id, outcome, one_line(reason)))
            if then is not None:
                then()
            self.step(doc_id)

    def close(self) -> None:
        """Wait for the writes queued (each is atomic: none is left half done)."""
        self.pool.shutdown(wait=True)
        for future in self.pending:
            future.result()
        self.pending.clear()


def save_locked(
    corpus: Corpus, doc_id: str, tei: bytes, judge: Callable[[bytes | None], Outcome | None]
) -> Outcome:
    """Write ``tei`` as ``doc_id``, under the document's lock and atomically, unless
    ``judge`` (shown the corpus's bytes then, None for no document) says what to do instead.

    Written: ``("created" | "updated", "")``. Not written: ``judge``'s outcome,
    ``("kept", why)`` when the document is locked (open in the app, or not
    recovered), ``("failed", why)`` when the write failed.
    """
    locked = False
    try:
        with hold(corpus.root, doc_id):
            locked = True
            old = corpus.read_bytes(doc_id) if corpus.exists(doc_id) else None
            verdict = judge(old)
            if verdict is not None:
                return verdict
            corpus.save_bytes(doc_id, tei)
            return ("created" if old is None else "updated"), ""
    except CorpusError as exc:
        return ("failed" if locked else "kept"), one_line(str(exc))


def write_built(writer: Writer, corpus: Corpus, state: BuildState, built: Built) -> None:
    """The build's write of one document, soon (never over translators' work)."""
    summary: Summary = writer.summary

    def judge(old: bytes | None) -> Outcome | None:
        if old == built.tei:
            return "unchanged", ""
        if old is not None and (work := translator_work(old, corpus.path(built.doc_id))):
            return "kept", f"not overwritten: {work}"
        return None

    def tally() -> None:  # a document the corpus now holds as built
        doc_id = built.doc_id
        state.record(doc_id, built.key)
        summary.kk += built.kk
        summary.en += built.en
        summary.beads += built.beads
        summary.weak += built.weak
        summary.errors += built.errors
        summary.warnings += built.warnings
        summary.rows += [(doc_id, "warning", one_line(note)) for note in built.notes]

    def store() -> None:
        outcome, reason = save_locked(corpus, built.doc_id, built.tei, judge)
        built_now = outcome in ("created", "updated", "unchanged")
        writer.count(built.doc_id, outcome, reason, tally if built_now else None)

    writer.submit(store)


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
