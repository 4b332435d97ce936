"""hunalign's realign pass for a whole corpus: it teaches itself its words, then aligns again.

``kopir build MANIFEST --realign``: after the build, every document of the
manifest is read once more (:func:`align.build.realign_task.harvest` on the
Dask workers) for what it can teach: its confirmed pairs (each taught
:data:`CONFIRMED_WEIGHT` times: a translator's word weighs more) and its
automatic beads scored at least :data:`THRESHOLD` (the best
:data:`MAX_TAUGHT`). IBM Model 1 learns from them on the client, the result
is kept as the corpus's learned lexicon (:mod:`align.learned`) and sent to
every worker once, and each document is aligned again with it
(:func:`align.build.realign_task.realign_one`: confirmed beads and beads
changed by hand never move). Measured (``benchmarks/bench_align_realign.py``):
it lifts corpora of many documents that share their words, and leaves small
ones as they were.

``kopir realign --all`` (:func:`realign_all`) is the same pass over every
document of a corpus, with or without a manifest.

The client writes, under each document's lock and atomically, and only over
the bytes the worker was sent: a document changed meanwhile (the editor saved
it) is kept and reported. **Resumable**: ``<corpus>/.kopir/build/realign.jsonl``
names the lexicon a pass started with (the stored file's hash) and each
document done with it; a pass interrupted is taken up again with the same
lexicon, skipping the documents done (unless they changed since). A pass that
ended learns afresh next time, if a document changed since (a translator
confirmed a bead, a build added a pair); over a corpus as the last pass left
it, a pass does nothing.
"""

from __future__ import annotations

import heapq
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from align.build.cluster import dask_client
from align.build.dispatch import dispatch, scatter_once
from align.build.realign_task import (
    Harvested,
    Realigned,
    Sent,
    harvest,
    realign_documents,
    sha,
)
from align.build.run import PER_TASK
from align.build.state import BUILD_DIR, realign_report, write_report
from align.build.task import Failed, one_line
from align.build.write import Outcome, Writer, save_locked
from align.learned import Taught, corpus_lexicon, learned_path, save_learned
from corpus.errors import CorpusError
from corpus.storage.atomic import atomic_output
from corpus.storage.store import Corpus

#: Automatic beads scored at least this teach the second pass. Measured in process
#: (bench_align_realign): 0.7 beats 0.8 and 0.9 on the synthetic sets; 0.5 does better on
#: Tatoeba (0.957 against 0.947) and no better on the noisy set (0.934 against 0.935): the
#: confidences are calibrated, so a bead at 0.5 is wrong half the time, and a real crawl
#: large enough to settle it is not at hand.
THRESHOLD = 0.7
#: A confirmed pair is taught this many times: a translator's word outweighs the aligner's.
CONFIRMED_WEIGHT = 3
#: Pairs IBM Model 1 learns from at most, the highest-scored automatic ones taken: nltk's
#: is pure Python, 5.4 ms a pair of news sentences (the real dev pairs, measured), so
#: about a minute of the client's time however large the crawl.
MAX_TAUGHT = 10_000
#: Fewer bead pairs than this teach IBM Model 1 more noise than words. Measured when what
#: was taught was merged into the core's meanings: the real development sets pooled (184
#: beads ≥ 0.7 in 40 documents) lost 1.3 points of strict F1, each set alone up to 1.8,
#: where the Tatoeba set (1,179 beads) gained 4.3 and the noisy one (502) 4.5. Since what is
#: taught only speaks for words the core lacks (9615104), the six real sets pooled as one
#: corpus (103 documents) no longer lose (0.8452 first pass, 0.8467 after the pass), but
#: gain too little to lower the floor on. A pass with fewer changes nothing.
MIN_TAUGHT = 300
STATE_FILE = "realign.jsonl"

#: Progress: (phase, "learn" or "realign"; documents done in it; documents in all)
RealignProgress = Callable[[str, int, int], None]


@dataclass
class RealignSummary:
    """What a realign pass did; ``rows`` (id, kind, reason) are what it wrote to ``report``."""

    documents: int = 0  # documents of the corpus asked about
    confirmed: int = 0  # confirmed pairs taught
    confident: int = 0  # automatic beads taught
    words: int = 0  # Kazakh keys the lexicon learned
    resumed: bool = False  # an interrupted pass taken up with its lexicon (nothing learned)
    current: bool = False  # the last pass ended and no document changed since: nothing done
    written: int = 0  # documents written again
    moved: int = 0  # of them, those with beads moved (the others: only confidences refreshed)
    changed: int = 0  # beads that are new (sentences paired anew) in them
    unchanged: int = 0  # aligned again and found the same: not written
    skipped: int = 0  # done already by the interrupted pass resumed
    kept: int = 0  # open in the app or changed meanwhile: not written
    failed: int = 0
    lexicon: Path | None = None
    interrupted: bool = False
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    report: Path | None = None

    @property
    def taught(self) -> int:
        return self.confirmed + self.confident


class RealignState:
    """The pass under way: the hash of its lexicon file, and each document it has done."""

    def __init__(self, corpus_root: Path) -> None:
        self.path = corpus_root / BUILD_DIR / STATE_FILE
        self.lexicon: str | None = None
        self.header: dict[str, Any] = {}
        self.finished = False
        self.done: dict[str, str] = {}  # document id → the hash of the bytes it was left as
        self._out: IO[str] | None = None
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except FileNotFoundError:
            lines = []
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{self.path}: cannot read the realign state: {exc}") from None
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line torn by a crash
            if not isinstance(record, dict):
                continue
            if "lexicon" in record:
                self.lexicon, self.header, self.done = str(record["lexicon"]), record, {}
                self.finished = False
            elif "finished" in record:
                self.finished = record["finished"] == self.lexicon
            elif "id" in record and "tei" in record:
                self.done[str(record["id"])] = str(record["tei"])

    def start(self, lexicon: str, header: dict[str, Any]) -> None:
        """A new pass with the lexicon whose file hashes to ``lexicon``: the old one forgotten."""
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(self.path) as handle:
            handle.write((json.dumps({"lexicon": lexicon, **header}) + "\n").encode())
        self.lexicon, self.header, self.done, self.finished = lexicon, header, {}, False

    def record(self, doc_id: str, digest: str) -> None:
        self._append({"id": doc_id, "tei": digest})
        self.done[doc_id] = digest

    def finish(self) -> None:
        self._append({"finished": self.lexicon})
        self.finished = True

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def _append(self, record: dict[str, Any]) -> None:
        if self._out is None:
            try:
                self._out = self.path.open("a", encoding="utf-8")
            except OSError as exc:
                raise CorpusError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        self._out.write(json.dumps(record) + "\n")
        self._out.flush()


def realign_corpus(
    corpus: Corpus,
    doc_ids: Iterable[str],
    client: Any,
    *,
    threshold: float = THRESHOLD,
    min_taught: int | None = None,
    per_task: int = PER_TASK,
    report: Path | None = None,
    on_progress: RealignProgress | None = None,
) -> RealignSummary:
    """Teach the corpus's lexicon from ``doc_ids``' beads and align each of them again.

    Documents not in the corpus are passed over (a build's failed pairs). The
    lexicon learned is stored (:func:`align.learned.save_learned`), and every
    later alignment of the corpus's documents uses it. Ctrl+C ends the pass
    early with ``interrupted`` set; the next call with the same documents
    resumes it. Too little to learn from (fewer than ``min_taught``, default
    :data:`MIN_TAUGHT`, confirmed pairs and beads scored ≥ ``threshold``) leaves
    every document and the stored lexicon as they were. The documents kept or
    failed are added to ``report`` (the build report of the build just made),
    or with no ``report`` written to a report of the pass's own
    (:func:`align.build.state.realign_report`).
    """
    least = MIN_TAUGHT if min_taught is None else min_taught
    step = on_progress or (lambda phase, done, total: None)
    ids = [doc_id for doc_id in dict.fromkeys(doc_ids) if corpus.exists(doc_id)]
    summary = RealignSummary(documents=len(ids), report=report or realign_report(corpus.root))
    if not ids:
        return summary
    state = RealignState(corpus.root)
    try:
        if _current(corpus, ids, state):
            summary.current = True
            return summary
        taught = _resumed(corpus, state, summary)
        if taught is None:
            taught = _learn(corpus, ids, client, (threshold, least, per_task), summary, step)
            if taught is None:
                return summary
            digest = sha(learned_path(corpus.root).read_bytes())
            state.start(digest, {"confirmed": summary.confirmed, "confident": summary.confident})
        summary.lexicon = learned_path(corpus.root)
        on_workers = scatter_once(client, taught)
        _second_pass(corpus, ids, client, on_workers, per_task, state, summary, step)
        if not summary.interrupted:
            state.finish()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        state.close()
        kept_in = corpus.root if report is None else None  # its own report, in the corpus
        write_report(summary.report, summary.rows, append=report is not None, corpus_root=kept_in)
    return summary


def realign_all(
    corpus: Corpus, client: Any | None = None, *, workers: int | None = None, **options: Any
) -> RealignSummary:
    """:func:`realign_corpus` over every document of ``corpus``, however it was made (a
    build, ``kopir ingest`` + ``kopir align``, the app): ``kopir realign --all``.

    On ``client``'s Dask workers, or with none on a local cluster of
    ``workers`` processes started for the pass (:func:`align.build.dask_client`):
    the pass aligns every document again, the same work as a build's, and it is
    the workers that make a corpus of thousands of documents take minutes, not
    an hour. ``options`` are :func:`realign_corpus`'s.
    """
    if client is not None:
        return realign_corpus(corpus, corpus.ids(), client, **options)
    with dask_client(None, workers) as own:
        return realign_corpus(corpus, corpus.ids(), own, **options)


def _current(corpus: Corpus, ids: list[str], state: RealignState) -> bool:
    """Whether the last pass ended, with the lexicon stored now, and left every one of
    ``ids`` as the corpus holds it: a pass again would learn the same and change nothing."""
    path = learned_path(corpus.root)
    if not state.finished or not path.is_file() or sha(path.read_bytes()) != state.lexicon:
        return False
    try:
        return all(state.done.get(doc_id) == sha(corpus.read_bytes(doc_id)) for doc_id in ids)
    except CorpusError:
        return False  # unreadable now: the pass reports it


def _resumed(corpus: Corpus, state: RealignState, summary: RealignSummary) -> Taught | None:
    """The lexicon of an interrupted pass whose stored file is still the one it started with."""
    path = learned_path(corpus.root)
    if state.lexicon is None or state.finished or not path.is_file():
        return None
    if sha(path.read_bytes()) != state.lexicon:
        return None
    lexicon, _, _ = corpus_lexicon(corpus, [])  # the core and the stored entries, as started
    summary.resumed = True
    summary.confirmed = int(state.header.get("confirmed", 0))
    summary.confident = int(state.header.get("confident", 0))
    summary.words = len(lexicon.learned())
    return lexicon, summary.words, summary.taught


def _learn(
    corpus: Corpus,
    ids: list[str],
    client: Any,
    limits: tuple[float, int, int],
    summary: RealignSummary,
    step: RealignProgress,
) -> Taught | None:
    """The first pass's teaching, gathered on the workers, learned here and stored; None
    when it is too little (``limits``: threshold, least pairs, documents a task)."""
    threshold, least, per_task = limits
    confirmed: list[tuple[str, str]] = []
    best: list[tuple[float, int, str, str]] = []  # a heap of the best MAX_TAUGHT automatic
    order = itertools.count()
    seen = 0

    def take(result: Harvested | Failed) -> None:
        nonlocal seen
        seen += 1
        step("learn", seen, len(ids))
        if isinstance(result, Failed):
            return  # not taught (a worker died, a bad file): the second pass reports it
        confirmed.extend(result.confirmed)
        for score, kk, en in result.confident:
            item = (score, -next(order), kk, en)  # equal scores: the earlier bead wins
            if len(best) < MAX_TAUGHT:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)

    batches = _sent(corpus, ids, per_task, lambda doc_id, reason: None)
    dispatch(client, harvest, batches, (threshold,), _sent_id, take)
    confirmed = confirmed[: MAX_TAUGHT // CONFIRMED_WEIGHT]
    pairs = confirmed * CONFIRMED_WEIGHT + [(kk, en) for _, _, kk, en in sorted(best, reverse=True)]
    summary.confirmed, summary.confident = len(confirmed), len(best)
    if not pairs or summary.taught < least:
        return None
    # Afresh from the core: the stored entries are what this pass replaces.
    lexicon, summary.words, _ = corpus_lexicon(corpus, pairs, stored=False)
    save_learned(corpus.root, lexicon, summary.taught)
    return lexicon, summary.words, summary.taught


def _sent(
    corpus: Corpus, ids: list[str], per_task: int, unreadable: Callable[[str, str], None]
) -> Iterator[list[Sent]]:
    """The documents' bytes, read here, a task's worth at a time."""
    batch: list[Sent] = []
    for doc_id in ids:
        try:
            batch.append((doc_id, corpus.read_bytes(doc_id)))
        except CorpusError as exc:
            unreadable(doc_id, one_line(str(exc)))
            continue
        if len(batch) >= per_task:
            yield batch
            batch = []
    if batch:
        yield batch


def _second_pass(
    corpus: Corpus,
    ids: list[str],
    client: Any,
    taught: Any,
    per_task: int,
    state: RealignState,
    summary: RealignSummary,
    step: RealignProgress,
) -> None:
    """Each document aligned again on the workers and written here (skipping those done)."""
    writer = Writer(summary, lambda _: step("realign", _done(summary), len(ids)), "realign")

    def unreadable(doc_id: str, reason: str) -> None:
        writer.count(doc_id, "failed", reason)

    def take(result: Realigned | Failed) -> None:
        if isinstance(result, Failed):
            writer.count(result.doc_id, "failed", result.reason)
        elif result.tei is None:
            writer.count(result.doc_id, "unchanged", then=lambda: state.record(*_done_as(result)))
        else:
            writer.submit(lambda: _store(corpus, writer, state, result))

    def todo() -> Iterator[list[Sent]]:
        for batch in _sent(corpus, ids, per_task, unreadable):
            fresh = []
            for doc_id, data in batch:
                if state.done.get(doc_id) == sha(data):
                    writer.count(doc_id, "skipped")
                else:
                    fresh.append((doc_id, data))
            if fresh:
                yield fresh

    try:
        dispatch(client, realign_documents, todo(), (taught,), _sent_id, take)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        writer.close()


def _done(summary: RealignSummary) -> int:
    return summary.written + summary.unchanged + summary.skipped + summary.kept + summary.failed


def _sent_id(sent: Sent) -> str:
    return sent[0]


def _done_as(result: Realigned) -> tuple[str, str]:
    """What the state records of a document done: its id, the hash of the bytes it is now."""
    return result.doc_id, result.sha if result.tei is None else sha(result.tei)


def _store(corpus: Corpus, writer: Writer, state: RealignState, result: Realigned) -> None:
    """Write a re-aligned document, only over the bytes the worker was sent (in a writer
    thread); a document changed meanwhile (the editor saved it) is kept."""
    assert result.tei is not None

    def judge(old: bytes | None) -> Outcome | None:
        if old is None or sha(old) != result.sha:
            return "kept", "it changed while the pass ran (run it again)"
        return None

    outcome, reason = save_locked(corpus, result.doc_id, result.tei, judge)
    if outcome not in ("created", "updated"):
        writer.count(result.doc_id, outcome, f"not re-aligned: {reason}")
        return

    def done() -> None:
        writer.summary.changed += result.changed
        writer.summary.moved += result.changed > 0
        state.record(*_done_as(result))

    writer.count(result.doc_id, "written", then=done)
