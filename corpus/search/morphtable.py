"""The table of word analyses beside the search index: each word type analysed once.

Guessing a Kazakh word the lexicon lacks costs about half a millisecond, and
loading the analysers (the Kazakh lexicon, LemmInflect) a few seconds per
process. A crawl has hundreds of thousands of word types, and each parse
worker of an index build used to analyse every one of them itself, at every
build. ``.kopir/analyses.sqlite`` keeps each type's readings
(``corpus.morphology.KINDS``: a Kazakh word, one at a sentence's start, an
English word), keyed by :func:`corpus.morphology.version`: a new analyser
empties it.

The builder (:class:`~corpus.search.index.Index`, under the index's lock) is
its only writer. Workers open it read-only and look up each type they meet
for the first time; what they had to analyse goes back to the builder with
the document's rows (:attr:`~corpus.search.rows.Prepared.analyses`), and the
builder stores it and commits at once, so the other workers find it. Like
the index, it holds nothing the analyser cannot make again: a damaged file
is replaced, an unreadable one is done without (the build only gets slower).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from corpus import morphology
from corpus.errors import CorpusError
from corpus.morphology import Reading
from corpus.storage.nofollow import check_no_links

TABLE_NAME = "analyses.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS analyses(kind TEXT NOT NULL, form TEXT NOT NULL, "
    "readings TEXT NOT NULL, PRIMARY KEY (kind, form)) WITHOUT ROWID",
)
#: A new analysis in transit from a worker to the builder: (kind, form, encoded readings).
Made = tuple[str, str, str]


def encode(readings: tuple[Reading, ...]) -> str:
    """Readings as stored: JSON, never pickle (the file comes with a corpus, maybe hostile)."""
    return json.dumps(
        [[r.lemma, r.upos, [list(f) for f in r.feats], r.known, r.weight] for r in readings],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(text: str) -> tuple[Reading, ...] | None:
    """The readings :func:`encode` stored, or None if ``text`` is not such a list."""
    try:
        readings = tuple(
            Reading(lemma, upos, tuple((name, value) for name, value in feats), known, weight)
            for lemma, upos, feats, known, weight in json.loads(text)
        )
    except (ValueError, TypeError):
        return None
    ok = readings and all(
        isinstance(r.lemma, str)
        and isinstance(r.upos, str)
        and isinstance(r.known, bool)
        and isinstance(r.weight, float | int)
        and all(isinstance(n, str) and isinstance(v, str) for n, v in r.feats)
        for r in readings
    )
    return readings if ok else None


class AnalysisTable:
    """One connection to the table: a :class:`corpus.morphology.AnalysisStore`.

    ``made`` only collects; :meth:`take` hands the collected analyses over
    (a worker returns them with a document) and the writer's :meth:`add`
    stores them.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._made: list[Made] = []
        self._broken = False

    def find(self, kind: str, form: str) -> tuple[Reading, ...] | None:
        if self._broken:
            return None
        try:
            row = self.conn.execute(
                "SELECT readings FROM analyses WHERE kind = ? AND form = ?", (kind, form)
            ).fetchone()
        except sqlite3.Error:  # damaged or gone under us: analyse everything from here on
            self._broken = True
            return None
        return decode(row[0]) if row else None

    def made(self, kind: str, form: str, readings: tuple[Reading, ...]) -> None:
        self._made.append((kind, form, encode(readings)))

    def take(self) -> list[Made]:
        """The analyses made since the last call."""
        made, self._made = self._made, []
        return made

    def add(self, made: list[Made]) -> None:
        """Store new analyses and commit, so that the workers see them (writer only)."""
        if not made or self._broken:
            return
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            # REPLACE: a row that did not decode was analysed again; the new one is right.
            conn.executemany("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", made)
            conn.execute("COMMIT")
        except sqlite3.Error:  # a full disk: the index is what matters, go on without
            self._broken = True
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()


def open_writer(folder: Path, base: Path) -> AnalysisTable | None:
    """The builder's connection, the table emptied if another analyser made it; None if the
    file cannot be had (a read-only folder): the index is then built without it."""
    path = folder / TABLE_NAME
    for attempt in range(2):
        try:
            check_no_links(path, base)
            for suffix in ("-wal", "-shm"):
                check_no_links(Path(f"{path}{suffix}"), base)
            conn = sqlite3.connect(path, timeout=60, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = WAL")  # workers read while it is written
                conn.execute("PRAGMA synchronous = NORMAL")
                for statement in _SCHEMA:
                    conn.execute(statement)
                version = morphology.version()
                row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
                if row is None or row[0] != version:
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute("DELETE FROM analyses")
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
                    conn.execute("COMMIT")
            except sqlite3.Error:
                conn.close()
                raise
            return AnalysisTable(conn, path)
        except sqlite3.DatabaseError:  # not a database, damaged: start a new one
            if attempt:
                return None
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{path}{suffix}")
        except (sqlite3.Error, OSError, CorpusError):
            return None
    return None


def open_reader(path: str) -> AnalysisTable | None:
    """A worker's read-only connection, if the table is there and of this analyser."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
        row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[0] != morphology.version():
        conn.close()
        return None
    return AnalysisTable(conn, Path(path))


#: The table this thread analyses through (the builder's or a worker's main thread).
_local = threading.local()


def use(table: AnalysisTable | None) -> None:
    """Analyse this thread's words through ``table`` (None: stop)."""
    _local.table = table
    morphology.remember(table)


@contextlib.contextmanager
def using(table: AnalysisTable | None) -> Iterator[None]:
    """:func:`use` for a while (the builder, when it parses documents itself)."""
    use(table)
    try:
        yield
    finally:
        use(None)


def take_made() -> list[Made]:
    """What this thread analysed since the last call, for the builder to store."""
    table = getattr(_local, "table", None)
    return table.take() if table is not None else []


def start_worker(path: str | None) -> None:
    """A parse worker's initializer: read the builder's table, if it has one."""
    use(open_reader(path) if path else None)
