"""What a build remembers between runs, and the report it leaves.

**State** (``<corpus>/.kopir/build/state.jsonl``): one line ``{"id": …, "key": …}``
appended when a document is written (or found equal to what the build would
write), the pair's key being :func:`align.build.task.pair_key`. A second run
skips every pair whose key is recorded and whose document is still there,
without reading the document. Lines are appended and flushed one by one, so
a crash loses at most the last few; a document whose line was lost is built
again, found byte-equal to the file on disk, and not written. A torn last line
is ignored. The TEI stays exactly what ``kopir ingest`` + ``kopir align``
write, which a hash in its header would not.

**Report** (``<corpus>/.kopir/build/report.tsv`` unless told otherwise):
``id<TAB>kind<TAB>reason``, one line per pair that failed, per document kept
as it was (translator's work, open in the app) and per warning about a text.
A build's realign pass adds its own lines to it; a pass run on its own
(``kopir realign --all``) writes ``realign-report.tsv`` beside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from corpus.errors import CorpusError
from corpus.storage.atomic import atomic_output
from corpus.storage.readonly import CorpusReadOnly, is_read_only
from corpus.storage.store import STATE_DIR

BUILD_DIR = Path(STATE_DIR) / "build"
STATE_FILE = "state.jsonl"
REPORT_FILE = "report.tsv"
REALIGN_REPORT_FILE = "realign-report.tsv"


class BuildState:
    """The keys of the documents built so far; :meth:`record` adds one at once."""

    def __init__(self, corpus_root: Path) -> None:
        self.path = corpus_root / BUILD_DIR / STATE_FILE
        self.keys: dict[str, str] = {}
        lines = 0
        try:
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    lines += 1
                    record = _record(line)
                    if record is not None:
                        self.keys[record[0]] = record[1]
        except FileNotFoundError:
            pass
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{self.path}: cannot read the build state: {exc}") from None
        if lines > 2 * len(self.keys) + 1000:
            self._compact()  # documents rebuilt many times over: keep one line each
        self._out: IO[str] | None = None

    def done(self, doc_id: str, key: str) -> bool:
        return self.keys.get(doc_id) == key

    def record(self, doc_id: str, key: str) -> None:
        """Remember that ``doc_id`` in the corpus is what ``key`` builds (flushed at once)."""
        if self._out is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._out = self.path.open("a", encoding="utf-8")
            except OSError as exc:
                raise CorpusError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        self._out.write(json.dumps({"id": doc_id, "key": key}) + "\n")
        self._out.flush()
        self.keys[doc_id] = key

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def _compact(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(self.path) as handle:
            for doc_id, key in self.keys.items():
                handle.write((json.dumps({"id": doc_id, "key": key}) + "\n").encode())


def _record(line: str) -> tuple[str, str] | None:
    try:
        data = json.loads(line)
        return str(data["id"]), str(data["key"])
    except (ValueError, KeyError, TypeError):
        return None  # a line torn by a crash


def write_report(
    path: Path,
    rows: Iterable[tuple[str, str, str]],
    *,
    append: bool = False,
    corpus_root: Path | None = None,
) -> None:
    """The report, written atomically: ``id<TAB>kind<TAB>reason`` lines; ``append`` keeps the
    rows it holds (a build's, when its realign pass adds its own) and adds these.

    ``corpus_root``: the corpus the report is kept in (its default place), whose being
    read-only is said as every command that would change a corpus says it
    (:class:`CorpusReadOnly`), not as a report that could not be written."""
    header = b"id\tkind\treason\n"
    try:
        kept = path.read_bytes() if append and path.is_file() else header
        with atomic_output(path) as handle:
            handle.write(kept if kept.endswith(b"\n") else kept + b"\n")
            for doc_id, kind, reason in rows:
                line = "\t".join(" ".join(f.split()) for f in (doc_id, kind, reason))
                handle.write((line + "\n").encode("utf-8"))
    except OSError as exc:
        if corpus_root is not None and is_read_only(exc):
            raise CorpusReadOnly(corpus_root, exc) from None
        raise CorpusError(f"{path}: cannot write the build report: {exc.strerror or exc}") from None


def default_report(corpus_root: Path) -> Path:
    return corpus_root / BUILD_DIR / REPORT_FILE


def realign_report(corpus_root: Path) -> Path:
    """The report of a realign pass run on its own (``kopir realign --all``)."""
    return corpus_root / BUILD_DIR / REALIGN_REPORT_FILE
