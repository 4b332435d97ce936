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

A task is a few pairs, sent through :func:`align.build.dispatch.dispatch` (the
loop the realign pass shares), so memory stays flat for a manifest of any
length and a crash or Ctrl+C loses only the tasks in flight.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from align.build.dispatch import dispatch, scatter_once
from align.build.manifest import Pair, Problem
from align.build.state import BuildState, default_report, write_report
from align.build.summary import Progress, Summary
from align.build.task import Built, Failed, Job, build_pairs, pair_key
from align.build.write import Writer, write_built
from align.document import teaching_pairs
from align.learned import Taught, corpus_lexicon, learned_path
from align.qa import load_config
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from corpus.text.textio import MAX_BYTES, file_size, read_bounded

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
    summary = Summary(
        total=len(entries),
        report=report or default_report(corpus.root),
        weak_below=config.weak_below,
    )
    state = BuildState(corpus.root)
    taught = _taught(corpus, client)
    step = on_progress or (lambda s, d: None)
    writer = Writer(summary, lambda doc_id: step(summary, doc_id), "build")

    def take(outcome: Built | Failed) -> None:
        if isinstance(outcome, Failed):
            writer.count(outcome.doc_id, "failed", outcome.reason)
        else:
            write_built(writer, corpus, state, outcome)

    jobs = _batches(entries, corpus, state, rebuild, writer, per_task)
    try:
        dispatch(client, build_pairs, jobs, (taught, config), _pair_id, take)
    except KeyboardInterrupt:  # Ctrl+C: what is written stays, the next run goes on from it
        summary.interrupted = True
    finally:
        try:
            writer.close()
        finally:
            state.close()
            kept_in = corpus.root if report is None else None  # its own report, in the corpus
            write_report(summary.report, summary.rows, corpus_root=kept_in)
    return summary


def _pair_id(job: Job) -> str:
    return job.pair.doc_id


def _taught(corpus: Corpus, client: Any) -> Any:
    """The corpus's lexicon (:func:`align.learned.corpus_lexicon`: its stored learned
    entries, its confirmed pairs taught), sent once to every worker; or None if it has none."""
    pairs = teaching_pairs(corpus) if corpus.is_corpus() else []
    if not pairs and not learned_path(corpus.root).is_file():
        return None
    taught: Taught = corpus_lexicon(corpus, pairs)
    return scatter_once(client, taught)


def _batches(
    entries: list[Pair | Problem],
    corpus: Corpus,
    state: BuildState,
    rebuild: bool,
    writer: Writer,
    per_task: int,
) -> Iterator[list[Job]]:
    """The jobs to send, a task's worth at a time (read as the window has room)."""
    batch: list[Job] = []
    for entry in entries:
        job = _job(entry, corpus, state, rebuild, writer)
        if job is not None:
            batch.append(job)
            if len(batch) >= per_task:
                yield batch
                batch = []
    if batch:
        yield batch


def _job(
    entry: Pair | Problem, corpus: Corpus, state: BuildState, rebuild: bool, writer: Writer
) -> Job | None:
    """The job for a pair, or None when there is nothing to send (done, or failed already)."""
    if isinstance(entry, Problem):
        writer.count(entry.doc_id, "failed", entry.reason)
        return None
    try:
        kk = _read(entry.kk)
        en = None if entry.en is None else _read(entry.en)
    except KopirError as exc:
        writer.count(entry.doc_id, "failed", str(exc))
        return None
    key = pair_key(entry, kk, en)
    if not rebuild and state.done(entry.doc_id, key) and corpus.exists(entry.doc_id):
        writer.count(entry.doc_id, "skipped")
        return None
    return Job(entry, kk, en, key)


def _read(path: Path) -> bytes:
    file_size(path, MAX_BYTES, f"the {MAX_BYTES:,}-byte limit", KopirError)
    return read_bounded(path, MAX_BYTES)
