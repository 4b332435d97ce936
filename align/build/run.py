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
  receive and a synced write, done by a few threads (:mod:`align.build.write`)
  while the workers go on.

A task is a few pairs (:func:`align.build.task.build_pairs` says why), and at
most two tasks a worker are in flight, so memory stays flat for a manifest of
any length and a crash or Ctrl+C loses only those.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from align.build.manifest import Pair, Problem
from align.build.state import BuildState, default_report, write_report
from align.build.summary import Progress, Summary
from align.build.task import Built, Failed, Job, build_pairs, one_line, pair_key
from align.build.write import Writer
from align.document import teaching_pairs
from align.learned import Taught, corpus_lexicon, learned_path
from align.qa import load_config
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from corpus.text.textio import MAX_BYTES, file_size, read_bounded

#: Tasks in flight per worker thread: one running, one waiting (the client writes meanwhile).
IN_FLIGHT = 2
#: Pairs per Dask task (see align.build.task.build_pairs): 8 pairs are a task of 0.2–1 s.
PER_TASK = 8


def build_corpus(
    corpus: Corpus,
    entries: Iterable[Pair | Problem],
    client: Any,
    *,
    rebuild: bool = False,
    per_task: int = PER_TASK,
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
    from distributed import as_completed

    # Results gathered in bunches, not one round trip each; a task's error is a value.
    pending = as_completed(with_results=True, raise_errors=False)
    flying: dict[Any, tuple[Any, list[str]]] = {}  # tasks in flight by key: future, pair ids
    writer = Writer(corpus, state, summary, on_progress or (lambda s, d: None))
    batch: list[Job] = []

    def send() -> None:
        future = client.submit(build_pairs, list(batch), taught, config, pure=False)
        flying[future.key] = (future, [job.pair.doc_id for job in batch])
        pending.add(future)
        batch.clear()
        while len(flying) >= window:
            _finish(*next(pending), flying, writer)

    try:
        for entry in entries:
            job = _job(entry, corpus, state, rebuild, writer)
            if job is not None:
                batch.append(job)
                if len(batch) >= per_task:
                    send()
        if batch:
            send()
        while flying:
            _finish(*next(pending), flying, writer)
    except KeyboardInterrupt:  # Ctrl+C: what is written stays, the next run goes on from it
        summary.interrupted = True
    finally:
        pending.clear()
        if flying:  # interrupted: what is in flight is lost, and not left running
            client.cancel([future for future, _ in flying.values()])
        try:
            writer.close()
        finally:
            state.close()
            write_report(summary.report, summary.rows)
    return summary


def _taught(corpus: Corpus, client: Any) -> Any:
    """The corpus's lexicon (:func:`align.learned.corpus_lexicon`: its stored learned
    entries, its confirmed pairs taught), sent once to every worker; or None if it has none."""
    pairs = teaching_pairs(corpus) if corpus.is_corpus() else []
    if not pairs and not learned_path(corpus.root).is_file():
        return None
    taught: Taught = corpus_lexicon(corpus, pairs)
    return scatter_once(client, taught)


def scatter_once(client: Any, data: Any) -> Any:
    """``data`` on every worker, once, as a future the build's tasks take."""
    # A key of its own (no content hash): another build sending the same lexicon, its copy
    # released when it ends, must not take this build's data with it.
    return client.scatter([data], broadcast=True, hash=False)[0]


def _job(
    entry: Pair | Problem, corpus: Corpus, state: BuildState, rebuild: bool, writer: Writer
) -> Job | None:
    """The job for a pair, or None when there is nothing to send (done, or failed already)."""
    if isinstance(entry, Problem):
        writer.note(entry.doc_id, "failed", entry.reason)
        return None
    try:
        kk = _read(entry.kk)
        en = None if entry.en is None else _read(entry.en)
    except KopirError as exc:
        writer.note(entry.doc_id, "failed", str(exc))
        return None
    key = pair_key(entry, kk, en)
    if not rebuild and state.done(entry.doc_id, key) and corpus.exists(entry.doc_id):
        writer.note(entry.doc_id, "skipped")
        return None
    return Job(entry, kk, en, key)


def _read(path: Path) -> bytes:
    file_size(path, MAX_BYTES, f"the {MAX_BYTES:,}-byte limit", KopirError)
    return read_bounded(path, MAX_BYTES)


def _finish(
    future: Any, result: Any, flying: dict[Any, tuple[Any, list[str]]], writer: Writer
) -> None:
    """Take one finished task: hand its documents to the writer, or report why there are none."""
    doc_ids = flying.pop(future.key)[1]
    if future.status != "finished":  # the worker died (KilledWorker), or the task was cancelled
        error = result[1] if isinstance(result, tuple) else result
        reason = one_line(f"{type(error).__name__}: {error}")
        for doc_id in doc_ids:
            writer.note(doc_id, "failed", reason)
        return
    outcome: Built | Failed
    for outcome in result:
        if isinstance(outcome, Failed):
            writer.note(outcome.doc_id, "failed", outcome.reason)
        else:
            writer.write(outcome)
