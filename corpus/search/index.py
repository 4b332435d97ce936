"""The search index: an SQLite database derived from the TEI corpus.

It lives in ``<corpus>/.kopir/index.sqlite`` and holds nothing the TEI files
do not: deleting it loses nothing, and the next search builds it again. A
corpus kopir cannot write (a read-only mount, a CD) is indexed in the user's
cache instead (:func:`corpus.storage.readonly.cache_folder`), so it can still
be searched.

What is indexed is the *unit* (:mod:`corpus.search.rows`), in the tables of
:mod:`corpus.search.tables`.

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
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from corpus.errors import KopirError
from corpus.search import morphtable
from corpus.search.budget import SearchCancelled
from corpus.search.morphtable import AnalysisTable
from corpus.search.rows import MAX_UNITS, POSITION_BITS, prepare_all
from corpus.search.tables import (
    FTS_HASH,
    SCHEMA,
    build_signature,
    clear_tables,
    connect,
    drop_document,
    fill_search_tables,
    insert_document,
    set_merging,
)
from corpus.storage.nofollow import check_no_links, open_state
from corpus.storage.readonly import cache_folder, is_read_only
from corpus.storage.store import _DOC_ID as DOC_ID
from corpus.storage.store import STATE_DIR, Corpus

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: writers are not serialised
    fcntl = None  # type: ignore[assignment]

INDEX_DIR = STATE_DIR
INDEX_NAME = "index.sqlite"
LOCK_NAME = "index.lock"
#: The files SQLite keeps beside the index (write-ahead log, shared memory, rollback journal).
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
STATUSES = ("auto", "confirmed", "unaligned")

Progress = Callable[[int, int], None]


class IndexWriteError(KopirError):
    """The index cannot be created or written (a read-only corpus, a full disk)."""


class _CorpusReadOnly(IndexWriteError):
    """The corpus's ``.kopir/`` cannot be written: the index moves to the user's cache."""


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


class Index:
    """The search index of one corpus: open it, keep it fresh, query its connection.

    ``Index(corpus).refresh()`` brings it up to date with the TEI files (cheap
    when nothing changed) and returns what it did; ``conn`` is then a live
    connection for queries. Not thread-safe by itself: callers share one
    ``Index`` between threads only under their own lock (``QueryEngine`` does).
    """

    def __init__(self, corpus: Corpus, progress: Progress | None = None) -> None:
        self.corpus = corpus
        self.base = corpus.root  # no link is followed below it (see corpus.storage.nofollow)
        self.folder = corpus.root / INDEX_DIR
        self.path = self.folder / INDEX_NAME
        self.progress = progress
        #: Asked between documents whether to give up an update under way (the app
        #: quitting): it then ends with SearchCancelled, its transaction rolled back.
        self.stop: Callable[[], bool] | None = None
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

    def size(self) -> tuple[int, int]:
        """How many documents and units the index holds."""
        docs = self.conn.execute("SELECT count(*) FROM docs").fetchone()[0]
        units = self.conn.execute("SELECT count(*) FROM units").fetchone()[0]
        return docs, units

    def generation(self) -> int:
        """A number that changes whenever the indexed content changes."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    # -- keeping it fresh

    def refresh(self, *, rebuild: bool = False, damaged: str | None = None) -> UpdateReport:
        """Make the index match the corpus: build, repair or update it as needed.

        ``rebuild`` rebuilds from scratch in one transaction (readers keep the
        old index until it commits); ``damaged`` says the open file turned out
        damaged while reading it, so it is discarded and built anew. When the
        corpus cannot be written, the index is kept in the user's cache.
        """
        try:
            return self._refresh(rebuild, damaged)
        except _CorpusReadOnly:
            self.close()
            self.base = self.folder = cache_folder(self.corpus.root)
            self.path = self.folder / INDEX_NAME
            return self._refresh(rebuild, None)

    def _refresh(self, rebuild: bool, damaged: str | None) -> UpdateReport:
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
            try:
                report = self._update(self._scan(), full=rebuild or problem is not None)
            except sqlite3.OperationalError as exc:  # a full disk, a read-only file
                self.close()
                raise IndexWriteError(
                    f"cannot write the search index {self.path}: {exc} "
                    "(the documents are not affected; free some space and run 'kopir index')"
                ) from None
            report.rebuilt = problem if problem is not None else ("asked" if rebuild else None)
        report.seconds = time.perf_counter() - started
        return report

    def _check_links(self) -> None:
        """Refuse a link among the index's files: SQLite and the lock would write through it."""
        for name in (INDEX_NAME, *(INDEX_NAME + s for s in SQLITE_SIDE_FILES), LOCK_NAME):
            check_no_links(self.folder / name, self.base)

    def _open_existing(self) -> str | None:
        """Open the index file if it is sound; otherwise say why it is not usable."""
        if self.path.is_dir():
            raise IndexWriteError(
                f"{self.path}: is a directory, not kopir's search index file "
                "(remove or rename it; the index is rebuilt from the documents)"
            )
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
            conn = connect(self.path)
            rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            with contextlib.suppress(Exception):
                conn.close()
            if _out_of_room(exc):  # no damage: the sound index is kept for a later try
                raise IndexWriteError(
                    f"cannot open the search index {self.path}: {exc} (kept as it is; "
                    "the documents are not affected; free some space and try again)"
                ) from None
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
            self.folder.mkdir(parents=self.base != self.corpus.root, exist_ok=True)
            self._check_links()
            fd = open_state(self.folder / LOCK_NAME, self.base, os.O_RDWR | os.O_CREAT)
            handle = os.fdopen(fd, "r+b")
        except OSError as exc:
            if is_read_only(exc) and self.base == self.corpus.root:
                raise _CorpusReadOnly(str(exc)) from None
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
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")

    def _create(self) -> None:
        """A new, empty index file (in rollback-journal mode until its first build is in).

        The first build writes every page once; in WAL mode it would write
        them twice (to the log, then to the file). A crash during it leaves a
        hot journal, and SQLite rolls the file back to empty.
        """
        try:
            conn = connect(self.path)
            conn.execute("BEGIN IMMEDIATE")
            for statement in SCHEMA.split(";"):
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
        analyses: AnalysisTable | None = None
        try:
            conn.execute("BEGIN IMMEDIATE")
            if full:
                clear_tables(self.conn)
            stored = {
                row[0]: row[1:]
                for row in conn.execute("SELECT name, key, size, mtime_ns, sha256 FROM docs")
            }
            for name in sorted(set(stored) - set(files)):
                drop_document(self.conn, stored[name][0])
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
                set_merging(self.conn, False)
            next_key = (conn.execute("SELECT max(key) FROM docs").fetchone()[0] or 0) + 1
            analyses = morphtable.open_writer(self.folder, self.base) if todo else None
            for done, prepared in enumerate(prepare_all(todo, analyses), 1):
                if analyses is not None:
                    analyses.add(prepared.analyses)
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
                        drop_document(self.conn, key)
                        conn.execute("DELETE FROM docs WHERE key = ?", (key,))
                        report.updated += 1
                    else:
                        key, next_key = next_key, next_key + 1
                        report.added += 1
                    insert_document(self.conn, key, prepared, fts=not bulk)
                    if prepared.error:
                        report.failed[prepared.name] = prepared.error
                if self.progress:
                    self.progress(done, len(todo))
                if self.stop is not None and self.stop():
                    raise SearchCancelled
            if bulk:
                fill_search_tables(self.conn)
            self._record_failures(report)
            signature = {**build_signature(), "complete": "1"}
            generation = int(
                dict(conn.execute("SELECT key, value FROM meta").fetchall()).get("generation", 0)
            )
            signature["generation"] = str(generation + 1)
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", signature.items())
            # Which index file this is, whatever its name or inode later (caches key on it);
            # set by its first write, or by the first write of an index made before it was kept.
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('instance', ?)", (uuid.uuid4().hex,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            if analyses is not None:
                analyses.close()
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


def _out_of_room(exc: sqlite3.Error) -> bool:
    """Whether opening the index failed for want of disk or memory, not for damage: a
    WAL file cannot be opened on a full disk, where SQLite cannot size its shared-memory
    file (``SQLITE_IOERR_SHMSIZE``)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_NOMEM"))


def split_unit_id(uid: int) -> tuple[int, int]:
    """(document key, position in the document) of a unit id."""
    return uid >> POSITION_BITS, uid & MAX_UNITS
