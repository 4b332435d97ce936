"""The build's client: read pairs, hand them to Dask workers, write what comes back.

**The client writes, the workers compute.** A worker gets a pair's bytes and
returns a serialised TEI document (:mod:`align.build.task`); the client takes
the document's lock, looks at what the corpus holds, and writes atomically.
Why, rather than workers writing into the corpus:

* a cluster needs no shared file system: workers on other machines read and
  write nothing, so ``--scheduler tcp://…`` works with whatever workers it has;
* the corpus's rules are kept in one process: locks are taken on the host
  that holds the corpus (a lock left by a killed process there is known to be
  stale; one from another host never is, so killed remote writers would leave
  documents locked until ``kopir unlock``), and the build state is appended
  by one writer;
* what it costs is small next to the work: a document is tens of kilobytes to
  receive and one synced write, against about 0.1 s of segmenting and aligning.

At most a few tasks per worker are in flight, so memory stays flat for a
manifest of any length and a crash or Ctrl+C loses only those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from align.build.manifest import Pair, Problem
from align.build.state import BuildState, default_report, write_report
from align.build.task import Built, Failed, Job, Taught, build_pair, one_line, pair_key
from align.document import taught_lexicon, teaching_pairs
from align.qa import load_config
from corpus.errors import CorpusError, KopirError
from corpus.storage.lock import hold
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes
from corpus.text.textio import MAX_BYTES, read_bounded

#: Tasks in flight per worker thread: enough to keep each busy while the client writes.
IN_FLIGHT = 3


@dataclass
class Summary:
    """What a build did; ``rows`` is its report (id, kind, reason)."""

    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # built again and found equal to the corpus's file: not written
    skipped: int = 0  # recorded as built from the same pair: not even sent to a worker
    kept: int = 0  # not overwritten: translator's work, or open in the app
    failed: int = 0
    kk: int = 0  # sentences, beads, … of the documents built in this run
    en: int = 0
    beads: int = 0
    weak: int = 0
    errors: int = 0
    warnings: int = 0
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    report: Path | None = None
    interrupted: bool = False

    @property
    def done(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped + self.kept + self.failed


Progress = Callable[[Summary, str], None]


def build_corpus(
    corpus: Corpus,
    entries: Iterable[Pair | Problem],
    client: Any,
    *,
    rebuild: bool = False,
    report: Path | None = None,
    on_progress: Progress | None = None,
) -> Summary:
    """Build every pair of ``entries`` into ``corpus`` on the Dask ``client``'s workers.

    ``rebuild`` builds pairs the state says are done too (documents holding
    translators' work are still kept). ``on_progress(summary, doc_id)`` is
    called after each pair. Ctrl+C ends the build early with
    ``summary.interrupted`` set (the documents in flight are lost, the report
    is written); the search index is not brought up to date here (see
    :func:`align.build.update_index`).
    """
    corpus.root.mkdir(parents=True, exist_ok=True)
    config = load_config(corpus.root)
    entries = list(entries)
    summary = Summary(total=len(entries), report=report or default_report(corpus.root))
    state = BuildState(corpus.root)
    taught = _taught(corpus, client)
    window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
    step = on_progress or (lambda s, d: None)
    from distributed import as_completed

    pending = as_completed()
    flying: dict[Any, tuple[Any, str]] = {}  # the futures in flight by key, with their ids
    try:
        for entry in entries:
            job = _job(entry, corpus, state, rebuild, summary)
            if job is None:
                step(summary, entry.doc_id)
                continue
            future = client.submit(build_pair, job, taught, config, pure=False)
            flying[future.key] = (future, entry.doc_id)
            pending.add(future)
            while len(flying) >= window:
                _finish(next(pending), flying, corpus, state, summary, step)
        for future in pending:
            _finish(future, flying, corpus, state, summary, step)
    except KeyboardInterrupt:  # Ctrl+C: what is written stays, the next run goes on from it
        summary.interrupted = True
    finally:
        state.close()
        pending.clear()
        if flying:  # interrupted: what is in flight is lost, and not left running
            client.cancel([future for future, _ in flying.values()])
        write_report(summary.report, summary.rows)
    return summary


def _taught(corpus: Corpus, client: Any) -> Any:
    """The lexicon the corpus's confirmed pairs teach, sent once to every worker; or None."""
    pairs = teaching_pairs(corpus) if corpus.is_corpus() else []
    if not pairs:
        return None
    lexicon, learned = taught_lexicon(pairs)
    taught: Taught = (lexicon, learned, len(pairs))
    return client.scatter([taught], broadcast=True)[0]


def _job(
    entry: Pair | Problem, corpus: Corpus, state: BuildState, rebuild: bool, summary: Summary
) -> Job | None:
    """The job for a pair, or None when there is nothing to send (done, or failed already)."""
    if isinstance(entry, Problem):
        _fail(summary, entry.doc_id, entry.reason)
        return None
    try:
        kk = _read(entry.kk)
        en = None if entry.en is None else _read(entry.en)
    except KopirError as exc:
        _fail(summary, entry.doc_id, str(exc))
        return None
    key = pair_key(entry, kk, en)
    if not rebuild and state.done(entry.doc_id, key) and corpus.exists(entry.doc_id):
        summary.skipped += 1
        return None
    return Job(entry, kk, en, key)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise KopirError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise KopirError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit")
    return read_bounded(path, MAX_BYTES)


def _finish(
    future: Any,
    flying: dict[Any, tuple[Any, str]],
    corpus: Corpus,
    state: BuildState,
    summary: Summary,
    step: Progress,
) -> None:
    """Take one finished task: write its document, or report why not."""
    doc_id = flying.pop(future.key)[1]
    try:
        result: Built | Failed = future.result()
    except Exception as exc:  # the worker itself died (KilledWorker) or could not run the task
        result = Failed(doc_id, one_line(f"{type(exc).__name__}: {exc}"))
    if isinstance(result, Failed):
        _fail(summary, result.doc_id, result.reason)
    else:
        _store(result, corpus, state, summary)
    step(summary, doc_id)


def _store(built: Built, corpus: Corpus, state: BuildState, summary: Summary) -> None:
    doc_id = built.doc_id
    locked = False
    try:
        with hold(corpus.root, doc_id):
            locked = True
            old = corpus.read_bytes(doc_id) if corpus.exists(doc_id) else None
            if old == built.tei:
                summary.unchanged += 1
            else:
                work = None if old is None else translator_work(old, corpus.path(doc_id))
                if work:
                    summary.kept += 1
                    summary.rows.append((doc_id, "kept", f"not overwritten: {work}"))
                    return
                corpus.save_bytes(doc_id, built.tei)
                if old is None:
                    summary.created += 1
                else:
                    summary.updated += 1
            state.record(doc_id, built.key)
    except CorpusError as exc:  # open in the app or not recovered (no lock), or the write failed
        kind = "failed" if locked else "kept"
        if kind == "kept":
            summary.kept += 1
        else:
            summary.failed += 1
        summary.rows.append((doc_id, kind, one_line(str(exc))))
        return
    summary.kk += built.kk
    summary.en += built.en
    summary.beads += built.beads
    summary.weak += built.weak
    summary.errors += built.errors
    summary.warnings += built.warnings
    summary.rows += [(doc_id, "warning", one_line(note)) for note in built.notes]


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


def _fail(summary: Summary, doc_id: str, reason: str) -> None:
    summary.failed += 1
    summary.rows.append((doc_id, "failed", one_line(reason)))
