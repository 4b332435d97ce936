"""The search index: an SQLite database derived from the TEI corpus.

It lives in ``<corpus>/.kopir/index.sqlite`` and holds nothing the TEI files
do not: deleting it loses nothing, and the next search builds it again.

What is indexed is the *unit*: a bead of a document's alignment (its Kazakh
sentences joined by a space, its English sentences likewise), with the
bead's index in ``Document.links``, status and score. A sentence that no bead
covers (a document not aligned yet, an English text without links) is a unit
of its own with status ``unaligned`` and an empty other side, after the
beads; so everything in the corpus is searchable, and a two-sided query only
finds aligned text.

Tables: ``docs`` (one row per TEI file: its size, mtime and SHA-256, header
facts and counts for ``kopir stats``), ``units`` (the text), ``words`` (FTS5
``unicode61`` over units, external content), ``folds`` and ``fold_words``
(the look-alike-repaired text of the few units that need it), and
``tri_kk``/``tri_en`` (contentless trigram indexes for the regular-expression
prefilter), all without per-row sizes (``columnsize=0``: kopir does not rank
by BM25, so the sizes would only cost writes). A unit's id is
``doc key << 24 | position``, so id order is document order and a document's
units are one id range.

Updating is incremental: a cheap pass compares each file's size and mtime
with the index; a changed file is re-read, and re-indexed only if its SHA-256
changed; files gone from the corpus are dropped. All changes of one update
are one SQLite transaction (WAL journal, so readers go on reading the old
state), so a crash leaves the previous index whole. The index records its
schema version and the SQLite, Unicode and ``regex`` versions it was built
with, and is rebuilt from scratch when they differ or the file cannot be read. Writers
take an exclusive lock file (``.kopir/index.lock``) so two processes never
build at once; readers take none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import regex

from corpus.errors import KopirError
from corpus.model import Document, join_sentences
from corpus.search.searchtext import TOKENIZER, clean, count_tokens, fold_lookalikes, trigram_text
from corpus.storage.nofollow import check_no_links, open_state
from corpus.storage.store import _DOC_ID as DOC_ID
from corpus.storage.store import MAX_DOCUMENT_BYTES, STATE_DIR, Corpus
from corpus.storage.tei import from_bytes

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writers are not serialised
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 5
INDEX_DIR = STATE_DIR
INDEX_NAME = "index.sqlite"
LOCK_NAME = "index.lock"
#: The files SQLite keeps beside the index (write-ahead log, shared memory, rollback journal).
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
#: Unit ids are ``doc key << POSITION_BITS | position``.
POSITION_BITS = 24
MAX_UNITS = (1 << POSITION_BITS) - 1
#: Joins a document's unit texts in ``scan_texts``: a control character that
#: indexed text never holds (``searchtext.clean`` makes it a space).
SCAN_SEPARATOR = "\x1f"
STATUSES = ("auto", "confirmed", "unaligned")
#: Bytes of pending FTS5 data held in memory before a segment is written.
FTS_HASH = 32 * 1024 * 1024
#: Parse documents in worker processes when at least this many need reading.
PARALLEL_FROM = 16

Progress = Callable[[int, int], None]


class IndexWriteError(KopirError):
    """The index cannot be created or written (a read-only corpus, a full disk)."""


@dataclass(frozen=True)
class Unit:
    """What the index stores for one bead (or one unaligned sentence)."""

    position: int
    bead: int | None  # index in Document.links; None for an unaligned sentence
    status: str  # "auto" | "confirmed" | "unaligned" (or a link's own subtype)
    score: float | None
    kk_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    kk: str
    en: str


def document_units(doc: Document) -> list[Unit]:
    """A document's units in order: its beads, then sentences no bead covers."""
    kk_text = {s.id: clean(s.text) for s in doc.kk.sentences()}
    en_text = {s.id: clean(s.text) for s in doc.en.sentences()}
    units: list[Unit] = []
    covered: set[str] = set()
    for number, link in enumerate(doc.links):
        covered.update(link.kk, link.en)
        units.append(
            Unit(
                len(units),
                number,
                link.status,
                link.score,
                link.kk,
                link.en,
                join_sentences(kk_text[i] for i in link.kk if i in kk_text),
                join_sentences(en_text[i] for i in link.en if i in en_text),
            )
        )
    for sid, text in kk_text.items():
        if sid not in covered:
            units.append(Unit(len(units), None, "unaligned", None, (sid,), (), text, ""))
    for sid, text in en_text.items():
        if sid not in covered:
            units.append(Unit(len(units), None, "unaligned", None, (), (sid,), "", text))
    return units


@dataclass
class UpdateReport:
    """What an update did, for the user."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: str | None = None  # why the index was built from scratch, if it was
    failed: dict[str, str] = field(default_factory=dict)  # document → error
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def describe(self) -> str:
        parts = [
            f"{n} {what}"
            for what, n in (
                ("added", self.added),
                ("updated", self.updated),
                ("removed", self.removed),
                ("unchanged", self.unchanged),
            )
            if n
        ]
        text = ", ".join(parts) or "no documents"
        if self.failed:
            text += f", {len(self.failed)} unreadable"
        return f"{text} in {self.seconds:.1f} s"


# ---------------------------------------------------------------- preparing documents


@dataclass
class _Prepared:
    """A TEI file read and turned into index rows (in a worker process, maybe)."""

    name: str
    size: int
    mtime_ns: int
    sha256: str
    error: str | None = None
    doc_row: dict[str, object] = field(default_factory=dict)
    units: list[tuple[object, ...]] = field(default_factory=list)


def _prepare(path: str, name: str, size: int, mtime_ns: int, known_sha: str | None) -> _Prepared:
    """Read, hash and (unless unchanged) parse one document into rows."""
    try:
        if size > MAX_DOCUMENT_BYTES:
            raise KopirError(f"{path}: {size:,} bytes is over the document size limit")
        data = Path(path).read_bytes()
    except OSError as exc:
        return _Prepared(name, size, mtime_ns, "", f"{path}: cannot read: {exc.strerror or exc}")
    except KopirError as exc:
        return _Prepared(name, size, mtime_ns, "", str(exc))
    sha = hashlib.sha256(data).hexdigest()
    prepared = _Prepared(name, len(data), mtime_ns, sha)
    if sha == known_sha:
        return prepared  # touched, not changed
    try:
        doc = from_bytes(data, path, name)
    except KopirError as exc:
        prepared.error = str(exc)
        return prepared
    except Exception as exc:  # a file no reader expects: report it, index the rest
        prepared.error = f"{path}: cannot read: {type(exc).__name__}: {exc}"
        return prepared
    units = document_units(doc)
    if len(units) > MAX_UNITS:
        prepared.error = f"{path}: {len(units):,} units is more than the index takes per document"
        return prepared
    kk_sentences, en_sentences = doc.kk.sentences(), doc.en.sentences()
    words = {s.id: count_tokens(s.text) for s in (*kk_sentences, *en_sentences)}
    for u in units:
        kk_fold, en_fold = fold_lookalikes(u.kk), fold_lookalikes(u.en)
        prepared.units.append(
            (
                u.position, u.bead, u.status, u.score, " ".join(u.kk_ids), " ".join(u.en_ids),
                u.kk, u.en, sum(words.get(i, 0) for i in u.kk_ids),
                sum(words.get(i, 0) for i in u.en_ids), kk_fold, en_fold,
                trigram_text(u.kk), trigram_text(u.en),
            )
        )  # fmt: skip
    beads = Counter(f"{len(link.kk)}-{len(link.en)}" for link in doc.links)
    prepared.doc_row = {
        "title": doc.meta.title,
        "date": doc.meta.date,
        "kk_sentences": len(kk_sentences),
        "en_sentences": len(en_sentences),
        "kk_tokens": sum(words[s.id] for s in kk_sentences),
        "en_tokens": sum(words[s.id] for s in en_sentences),
        "beads": len(doc.links),
        "confirmed": sum(1 for link in doc.links if link.status == "confirmed"),
        "bead_types": json.dumps(dict(sorted(beads.items()))),
        "unaligned_kk": sum(1 for u in units if u.bead is None and u.kk),
        "unaligned_en": sum(1 for u in units if u.bead is None and u.en),
        "units": len(units),
        "kk_units": sum(1 for u in units if u.kk),
        "en_units": sum(1 for u in units if u.en),
    }
    return prepared


# ---------------------------------------------------------------- the database

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    error TEXT,
    title TEXT NOT NULL DEFAULT '',
    date TEXT,
    kk_sentences INTEGER NOT NULL DEFAULT 0,
    en_sentences INTEGER NOT NULL DEFAULT 0,
    kk_tokens INTEGER NOT NULL DEFAULT 0,
    en_tokens INTEGER NOT NULL DEFAULT 0,
    beads INTEGER NOT NULL DEFAULT 0,
    confirmed INTEGER NOT NULL DEFAULT 0,
    bead_types TEXT NOT NULL DEFAULT '{{}}',
    unaligned_kk INTEGER NOT NULL DEFAULT 0,
    unaligned_en INTEGER NOT NULL DEFAULT 0,
    units INTEGER NOT NULL DEFAULT 0,
    kk_units INTEGER NOT NULL DEFAULT 0,
    en_units INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE units(
    id INTEGER PRIMARY KEY,
    bead INTEGER,
    status TEXT NOT NULL,
    score REAL,
    kk_ids TEXT NOT NULL,
    en_ids TEXT NOT NULL,
    kk TEXT NOT NULL,
    en TEXT NOT NULL,
    kk_tokens INTEGER NOT NULL,
    en_tokens INTEGER NOT NULL
);
CREATE TABLE scan_texts(
    key INTEGER PRIMARY KEY, kk TEXT NOT NULL, en TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE folds(
    id INTEGER PRIMARY KEY, kk TEXT NOT NULL, en TEXT NOT NULL, status TEXT NOT NULL);
CREATE VIRTUAL TABLE words USING fts5(
    kk, en, status, content='units', content_rowid='id', columnsize=0, tokenize="{TOKENIZER}");
CREATE VIRTUAL TABLE fold_words USING fts5(
    kk, en, status, content='folds', content_rowid='id', columnsize=0, tokenize="{TOKENIZER}");
CREATE VIRTUAL TABLE tri_kk USING fts5(
    t, content='', detail=none, columnsize=0, tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE tri_en USING fts5(
    t, content='', detail=none, columnsize=0, tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE vocab USING fts5vocab(words, 'col');
"""


def build_signature() -> dict[str, str]:
    """What the index depends on besides the TEI: a change means a rebuild."""
    return {
        "schema": str(SCHEMA_VERSION),
        "sqlite": sqlite3.sqlite_version,
        "unicode": unicodedata.unidata_version,
        "regex": regex.__version__,  # its case folding is the trigram form
    }


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    conn.create_function("kopir_trigram", 1, trigram_text, deterministic=True)
    return conn


class Index:
    """The search index of one corpus: open it, keep it fresh, query its connection.

    ``Index(corpus).refresh()`` brings it up to date with the TEI files (cheap
    when nothing changed) and returns what it did; ``conn`` is then a live
    connection for queries. Not thread-safe by itself: callers share one
    ``Index`` between threads only under their own lock (``QueryEngine`` does).
    """

    def __init__(self, corpus: Corpus, progress: Progress | None = None) -> None:
        self.corpus = corpus
        self.folder = corpus.root / INDEX_DIR
        self.path = self.folder / INDEX_NAME
        self.progress = progress
        self._conn: sqlite3.Connection | None = None
        self._inode: tuple[int, int] | None = None
        self._stored: tuple[sqlite3.Connection, int, dict[str, tuple[int, int]]] | None = None

    # -- connection

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise KopirError("the search index is not open: call refresh() first")
        return self._conn

    def close(self) -> None:
        self._stored = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def generation(self) -> int:
        """A number that changes whenever the indexed content changes."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    # -- keeping it fresh

    def refresh(self, rebuild: bool = False, damaged: str | None = None) -> UpdateReport:
        """Make the index match the corpus: build, repair or update it as needed.

        ``rebuild`` rebuilds from scratch in one transaction (readers keep the
        old index until it commits); ``damaged`` says the open file turned out
        damaged while reading it, so it is discarded and built anew.
        """
        started = time.perf_counter()
        self.corpus.require()
        self._check_links()
        problem = damaged or self._open_existing()
        files = self._scan()
        if problem is None and not rebuild and not self._stale(files):
            report = UpdateReport(unchanged=len(files))
            self._record_failures(report)
            report.seconds = time.perf_counter() - started
            return report
        with self._locked():
            if damaged is None:
                problem = self._open_existing()  # another process may have fixed it meanwhile
            if problem is not None:
                self._discard_files()
                self._create()
            report = self._update(self._scan(), full=rebuild or problem is not None)
            report.rebuilt = problem if problem is not None else ("asked" if rebuild else None)
        report.seconds = time.perf_counter() - started
        return report

    def _check_links(self) -> None:
        """Refuse a link among the index's files: SQLite and the lock would write through it."""
        for name in (INDEX_NAME, *(INDEX_NAME + s for s in SQLITE_SIDE_FILES), LOCK_NAME):
            check_no_links(self.folder / name, self.corpus.root)

    def _open_existing(self) -> str | None:
        """Open the index file if it is sound; otherwise say why it is not usable."""
        try:
            stat = self.path.stat()
        except OSError:  # missing, or its folder is not one: build it (or say why not)
            self.close()
            return "no index yet"
        inode = (stat.st_dev, stat.st_ino)
        if self._conn is not None and inode == self._inode:
            return None
        self.close()
        try:
            conn = _connect(self.path)
            rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            with contextlib.suppress(Exception):
                conn.close()
            return f"the index file was unreadable ({exc})"
        expected = build_signature()
        if rows.get("complete") != "1":
            conn.close()
            return "the index was incomplete (an interrupted build)"
        changed = [k for k, v in expected.items() if rows.get(k) != v]
        if changed:
            conn.close()
            what = ", ".join(f"{k} {rows.get(k, '?')} → {expected[k]}" for k in changed)
            return f"the index was made by another version ({what})"
        self._conn, self._inode = conn, inode
        return None

    def _scan(self) -> dict[str, tuple[int, int]]:
        """The corpus's TEI files now: name → (size, mtime in ns); what ``Corpus.ids()`` lists."""
        files = {}
        try:
            entries = list(os.scandir(self.corpus.root))
        except OSError:
            return files
        for entry in entries:
            name = entry.name
            if not name.endswith(".xml") or not DOC_ID.match(name[:-4]):
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue  # removed while we looked
            files[name[:-4]] = (stat.st_size, stat.st_mtime_ns)
        return files

    def _stale(self, files: dict[str, tuple[int, int]]) -> bool:
        return self._stored_files() != files

    def _stored_files(self) -> dict[str, tuple[int, int]]:
        """The files the index holds, name → (size, mtime): remembered between searches.

        Reading them is a fifth of a word search's time on a 1,000-document
        corpus. ``PRAGMA data_version`` changes when another connection
        commits; this connection's own writes (``_update``) forget them.
        """
        conn = self.conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self._stored is not None and self._stored[:2] == (conn, version):
            return self._stored[2]
        stored = {
            name: (size, mtime)
            for name, size, mtime in conn.execute("SELECT name, size, mtime_ns FROM docs")
        }
        self._stored = (conn, version, stored)
        return stored

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.folder.mkdir(exist_ok=True)
            self._check_links()
            fd = open_state(self.folder / LOCK_NAME, self.corpus.root, os.O_RDWR | os.O_CREAT)
            handle = os.fdopen(fd, "r+b")
        except OSError as exc:
            raise IndexWriteError(
                f"cannot write the search index in {self.folder}: {exc.strerror or exc}"
            ) from None
        with handle:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _discard_files(self) -> None:
        self.close()
        for suffix in ("", *SQLITE_SIDE_FILES):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def _create(self) -> None:
        """A new, empty index file (in rollback-journal mode until its first build is in).

        The first build writes every page once; in WAL mode it would write
        them twice (to the log, then to the file). A crash during it leaves a
        hot journal, and SQLite rolls the file back to empty.
        """
        try:
            conn = _connect(self.path)
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            for table in ("words", "fold_words", "tri_kk", "tri_en"):
                # Bigger in-memory batches before FTS5 writes a segment: fewer merges.
                conn.execute(
                    f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (FTS_HASH,)
                )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise IndexWriteError(f"cannot create the search index {self.path}: {exc}") from None
        stat = self.path.stat()
        self._conn, self._inode = conn, (stat.st_dev, stat.st_ino)

    # -- the update transaction

    def _update(self, files: dict[str, tuple[int, int]], full: bool) -> UpdateReport:
        conn = self.conn
        self._stored = None  # this connection's writes do not change its data_version
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -131072")  # 128 MiB while writing
        report = UpdateReport()
        try:
            conn.execute("BEGIN IMMEDIATE")
            if full:
                self._clear()
            stored = {
                row[0]: row[1:]
                for row in conn.execute("SELECT name, key, size, mtime_ns, sha256 FROM docs")
            }
            for name in sorted(set(stored) - set(files)):
                self._drop(stored[name][0])
                conn.execute("DELETE FROM docs WHERE key = ?", (stored[name][0],))
                report.removed += 1
            todo = [
                (
                    str(self.corpus.path(name)),
                    name,
                    size,
                    mtime,
                    stored.get(name, (0, 0, 0, None))[3],
                )
                for name, (size, mtime) in sorted(files.items())
                if stored.get(name, (None, None, None))[1:3] != (size, mtime)
            ]
            report.unchanged = len(files) - len(todo)
            bulk = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM units)").fetchone()[0] == 1
            if bulk:
                self._merging(False)
            next_key = (conn.execute("SELECT max(key) FROM docs").fetchone()[0] or 0) + 1
            for done, prepared in enumerate(self._prepare_all(todo), 1):
                known = stored.get(prepared.name)
                if known is not None and prepared.sha256 == known[3] and prepared.error is None:
                    conn.execute(
                        "UPDATE docs SET size = ?, mtime_ns = ? WHERE key = ?",
                        (prepared.size, prepared.mtime_ns, known[0]),
                    )
                    report.unchanged += 1
                else:
                    if known is not None:
                        key = known[0]
                        self._drop(key)
                        conn.execute("DELETE FROM docs WHERE key = ?", (key,))
                        report.updated += 1
                    else:
                        key, next_key = next_key, next_key + 1
                        report.added += 1
                    self._insert(key, prepared, fts=not bulk)
                    if prepared.error:
                        report.failed[prepared.name] = prepared.error
                if self.progress:
                    self.progress(done, len(todo))
            if bulk:
                self._fill_search_tables()
            self._record_failures(report)
            signature = {**build_signature(), "complete": "1"}
            generation = int(
                dict(conn.execute("SELECT key, value FROM meta").fetchall()).get("generation", 0)
            )
            signature["generation"] = str(generation + 1)
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", signature.items())
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if full:
            conn.execute("PRAGMA optimize")
        self._use_wal()
        return report

    def _use_wal(self) -> None:
        """Switch to WAL (readers never wait for a writer), if no one else has the file open."""
        conn = self.conn
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            return
        with contextlib.suppress(sqlite3.OperationalError):  # busy: next update tries again
            conn.execute("PRAGMA journal_mode = WAL")

    def _record_failures(self, report: UpdateReport) -> None:
        """Failures from earlier updates still stand while their files are unchanged."""
        for name, error in self.conn.execute(
            "SELECT name, error FROM docs WHERE error IS NOT NULL"
        ):
            report.failed.setdefault(name, error)

    def _prepare_all(
        self, todo: list[tuple[str, str, int, int, str | None]]
    ) -> Iterator[_Prepared]:
        """Prepared documents in order; in worker processes when there are many."""
        workers = min(os.cpu_count() or 1, 4)
        if len(todo) < PARALLEL_FROM or workers < 2:
            for args in todo:
                yield _prepare(*args)
            return
        window = workers * 2  # bounded read-ahead: memory stays a few documents deep
        # "spawn": forking a process that holds an SQLite transaction (or, in the
        # app, other threads) is not safe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            pending: list[Future[_Prepared]] = []
            for args in todo:
                pending.append(pool.submit(_prepare, *args))
                if len(pending) >= window:
                    yield pending.pop(0).result()
            for future in pending:
                yield future.result()

    def _clear(self) -> None:
        conn = self.conn
        for table in ("words", "fold_words", "tri_kk", "tri_en"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
        for table in ("units", "folds", "scan_texts", "docs"):
            conn.execute(f"DELETE FROM {table}")

    def _drop(self, key: int) -> None:
        """Remove a document's units from every table (search tables first: they need the text)."""
        lo, hi = key << POSITION_BITS, ((key + 1) << POSITION_BITS) - 1
        conn = self.conn
        conn.execute(
            "INSERT INTO words(words, rowid, kk, en, status) "
            "SELECT 'delete', id, kk, en, status FROM units WHERE id BETWEEN ? AND ?",
            (lo, hi),
        )
        conn.execute(
            "INSERT INTO fold_words(fold_words, rowid, kk, en, status) "
            "SELECT 'delete', id, kk, en, status FROM folds WHERE id BETWEEN ? AND ?",
            (lo, hi),
        )
        for side in ("kk", "en"):
            conn.execute(
                f"INSERT INTO tri_{side}(tri_{side}, rowid, t) "
                f"SELECT 'delete', id, kopir_trigram({side}) FROM units "
                f"WHERE id BETWEEN ? AND ? AND {side} != ''",
                (lo, hi),
            )
        conn.execute("DELETE FROM folds WHERE id BETWEEN ? AND ?", (lo, hi))
        conn.execute("DELETE FROM units WHERE id BETWEEN ? AND ?", (lo, hi))
        conn.execute("DELETE FROM scan_texts WHERE key = ?", (key,))

    def _insert(self, key: int, prepared: _Prepared, fts: bool) -> None:
        conn = self.conn
        doc = {
            "key": key,
            "name": prepared.name,
            "size": prepared.size,
            "mtime_ns": prepared.mtime_ns,
            "sha256": prepared.sha256,
            "error": prepared.error,
            **prepared.doc_row,
        }
        columns = ", ".join(doc)
        conn.execute(
            f"INSERT INTO docs({columns}) VALUES ({', '.join('?' * len(doc))})", list(doc.values())
        )
        if not prepared.units:
            return
        base = key << POSITION_BITS
        lo, hi = base, base + MAX_UNITS
        conn.executemany(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((base + row[0], *row[1:10]) for row in prepared.units),
        )
        conn.executemany(
            "INSERT INTO folds VALUES (?, ?, ?, ?)",
            (
                (base + row[0], row[10] or row[6], row[11] or row[7], row[2])
                for row in prepared.units
                if row[10] is not None or row[11] is not None
            ),
        )
        # Each side's texts (clean, so without the separator) and the statuses
        # (which a hostile file might give anything) joined, in position order.
        kk, en = (SCAN_SEPARATOR.join(str(row[c]) for row in prepared.units) for c in (6, 7))
        status = SCAN_SEPARATOR.join(
            str(row[2]).replace(SCAN_SEPARATOR, " ") for row in prepared.units
        )
        conn.execute("INSERT INTO scan_texts VALUES (?, ?, ?, ?)", (key, kk, en, status))
        for side, column in (("kk", 12), ("en", 13)):  # trigram forms made by the worker
            conn.executemany(
                f"INSERT INTO tri_{side}(rowid, t) VALUES (?, ?)",
                ((base + row[0], row[column]) for row in prepared.units if row[column]),
            )
        if fts:
            conn.execute(
                "INSERT INTO words(rowid, kk, en, status) SELECT id, kk, en, status FROM units "
                "WHERE id BETWEEN ? AND ?",
                (lo, hi),
            )
            conn.execute(
                "INSERT INTO fold_words(rowid, kk, en, status) "
                "SELECT id, kk, en, status FROM folds WHERE id BETWEEN ? AND ?",
                (lo, hi),
            )

    def _fill_search_tables(self) -> None:
        """Fill the word tables from all units at once: much faster than row by row.

        The trigram tables have no stored text to rebuild from; they were
        filled document by document (while workers parsed the rest) without
        merging, and are merged into one segment each now.
        """
        conn = self.conn
        conn.execute("INSERT INTO words(words) VALUES ('rebuild')")
        conn.execute("INSERT INTO fold_words(fold_words) VALUES ('rebuild')")
        for table in ("tri_kk", "tri_en"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        self._merging(True)

    def _merging(self, on: bool) -> None:
        """FTS5's incremental merging of the trigram tables: off while bulk-loading them.

        Merging as they grow costs more and more as the index grows (a
        million units took twice as long per document at the end as at the
        start); one merge at the end is cheaper. It is on for updates.
        """
        for table in ("tri_kk", "tri_en"):
            self.conn.execute(
                f"INSERT INTO {table}({table}, rank) VALUES ('automerge', ?)", (4 if on else 0,)
            )


def split_unit_id(uid: int) -> tuple[int, int]:
    """(document key, position in the document) of a unit id."""
    return uid >> POSITION_BITS, uid & MAX_UNITS
