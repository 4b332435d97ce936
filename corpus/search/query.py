"""The search engine: a :class:`QueryEngine` answers queries for one corpus.

It brings the index up to date before every search (a stat of each TEI file
when nothing changed), so results are never stale, and keeps the last few full
result lists so that paging through a long result (the TUI) does not search
again. Word queries in document order are answered by SQLite alone (count, then
one page); regular expressions, look-alike folding and context sorting build
the full list of matching units first. What a query is lives in
:mod:`corpus.search.plan`, what it finds in :mod:`corpus.search.results`, the
SQL and scans in :mod:`corpus.search.fetch`.

Regular expressions run within a time budget (``regex_timeout``, 10 s by
default, or a :class:`~corpus.search.regexscan.Budget` given to the call): past
it the search stops with ``RegexTimeout``, and a caller can abandon a search
from another thread (``budget.cancel()``; the search raises ``SearchCancelled``).

    engine = QueryEngine(Corpus(path))
    results = engine.search(Query(kk="Тоқаев*"), limit=50, offset=0, sort="left")
    for hit in results.hits:
        line = hit.kwic(width=40)     # left, match, right, and the aligned text
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from corpus.errors import KopirError
from corpus.search.concordance import LINE_SORTS, Concordance, MatchLine
from corpus.search.distribution import PARTS, Distribution, distribute, unit_counts
from corpus.search.fetch import (
    document_keys,
    empty_only_note,
    fts_page,
    fts_rows,
    fts_units,
    hits_of,
    is_damaged,
    regex_rows,
    unit_readings,
)
from corpus.search.index import Index, UpdateReport
from corpus.search.paging import (
    LinePage,
    Match,
    one_word,
    page_lines,
    row_matches,
    single_word_page,
    sorted_matches,
    vocabulary_count,
)
from corpus.search.plan import SORTS, Plan, Query, compile_query, sort_by_context
from corpus.search.querylang import QueryError
from corpus.search.regexscan import (
    DEFAULT_TIMEOUT,
    PARALLEL_FROM,
    Budget,
    Row,
    ScanPool,
    Tally,
)
from corpus.search.regexvocab import vocabulary_page
from corpus.search.results import Hit, Results
from corpus.search.searchtext import shown
from corpus.storage.store import Corpus
from corpus.wording import plural

#: Full result lists kept for paging (per engine; regex, fold and context-sorted searches).
CACHE_SIZE = 4
#: Units read at a time while filling a page of match lines in document order.
LINE_CHUNK = 200
T = TypeVar("T")


class QueryEngine:
    """Searches one corpus; safe to share between threads (calls are serialised).

    Every public call first brings the index up to date with the TEI files;
    what that found (documents that could not be read, a rebuilt index) is in
    the ``warnings`` of the result. ``regex_timeout`` is the budget, in
    seconds, of a search that is not given one.
    """

    def __init__(
        self, corpus: Corpus, cache_size: int = CACHE_SIZE, regex_timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self.corpus = corpus
        self.index = Index(corpus)
        # Set by close(): an index update under way stops at its next document, so that
        # closing (quitting the app) does not wait for a first build of a large corpus.
        self._closing = threading.Event()
        self.index.stop = self._closing.is_set
        self.last_update: UpdateReport | None = None
        self.regex_timeout = regex_timeout
        self._lock = threading.RLock()
        self._cache: OrderedDict[tuple[object, ...], tuple[list[Row], list[str]]] = OrderedDict()
        self._cache_size = cache_size
        self._running: Budget | None = None  # the budget of the search under way
        workers = min(os.cpu_count() or 1, 4)
        self._pool = ScanPool(workers) if workers > 1 else None
        #: Scans of at least this many units run in worker processes.
        self.parallel_from = PARALLEL_FROM

    def budget(self) -> Budget:
        """A fresh budget of ``regex_timeout`` seconds, for a search the caller may abandon."""
        return Budget(self.regex_timeout)

    @property
    def closing(self) -> bool:
        """:meth:`close` has been called and is waiting for the work under way to stop."""
        return self._closing.is_set()

    def close(self) -> None:
        """Abandon the search (and the index update) under way, if any, then close the index
        and stop the workers."""
        self._closing.set()
        running = self._running
        if running is not None:
            running.cancel()
        with self._lock:
            self._closing.clear()  # what ran has stopped: a later search may update again
            self.index.close()
            if self._pool is not None:
                self._pool.close()

    def __enter__(self) -> QueryEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- freshness

    def refresh(self, *, rebuild: bool = False) -> UpdateReport:
        """Bring the index up to date with the TEI files; what it did."""
        with self._lock:
            report = self.index.refresh(rebuild=rebuild)
            self.last_update = report
            return report

    def _fresh(self) -> list[str]:
        """Refresh, and the warnings a user should see about it."""
        report = self.refresh()
        notes = []
        if report.rebuilt and report.rebuilt not in ("no index yet", "asked"):
            notes.append(f"rebuilt the search index: {report.rebuilt}")
        notes += [f"{doc} is not searchable: {err}" for doc, err in sorted(report.failed.items())]
        return notes

    def _run(self, work: Callable[[sqlite3.Connection], T], notes: list[str]) -> T:
        """``work(conn)``; if the index file turns out damaged, rebuild it once and retry."""
        try:
            return work(self.index.conn)
        except sqlite3.DatabaseError as exc:
            if not is_damaged(exc):
                raise KopirError(f"the search index failed: {exc}") from None
            reason = f"the index file was damaged ({exc})"
            self.index.refresh(damaged=reason)
            self._cache.clear()
            notes.append(f"rebuilt the search index: {reason}")
            return work(self.index.conn)

    # -- searching

    def search(
        self, query: Query, limit: int | None = 50, offset: int = 0, sort: str = "doc",
        budget: Budget | None = None,
    ) -> Results:  # fmt: skip
        """A page of hits (``limit`` None: all) and the total, in the order asked.

        :class:`RegexTimeout` when the regular expressions run past the budget
        (``regex_timeout`` unless ``budget`` is given), :class:`SearchCancelled`
        when ``budget`` is cancelled.
        """
        _check_page(sort, SORTS, limit, offset)
        started = time.perf_counter()
        with self._searching(query, budget) as (plan, notes):

            def work(conn: sqlite3.Connection) -> tuple[int, list[Hit]]:
                if _index_order(plan, sort):
                    total, rows = fts_page(conn, plan, limit, offset)
                else:
                    every = self._all_rows(conn, plan, sort, notes)
                    total = len(every)
                    rows = every[offset : None if limit is None else offset + limit]
                return total, hits_of(conn, plan, rows)

            total, hits = self._run(work, notes)
        elapsed = time.perf_counter() - started
        return Results(query, total, offset, limit, sort, hits, notes, elapsed)

    def matches(self, query: Query, budget: Budget | None = None) -> tuple[list[Hit], list[str]]:
        """Every hit of ``query`` in document order, and warnings (for frequencies, collocates).

        ``budget`` as for :meth:`search`.
        """
        with self._searching(query, budget) as (plan, notes):
            hits = self._run(
                lambda conn: hits_of(conn, plan, self._all_rows(conn, plan, "doc", notes)),
                notes,
            )
            return hits, notes

    def unit_texts(
        self, query: Query, side: str, budget: Budget | None = None
    ) -> tuple[list[str], list[str]]:
        """The ``side`` text of every unit ``query`` matches, in document order, and
        warnings: what counting words per unit needs (candidate translations), without
        making every unit a hit. Kazakh printed in another script is its Cyrillic reading
        (:mod:`corpus.search.reading`), as the index vocabulary counts it. ``budget`` as
        for :meth:`search`.
        """
        column = 1 if side == "kk" else 2

        def texts(conn: sqlite3.Connection) -> list[str]:
            rows = self._all_rows(conn, plan, "doc", notes)
            read = unit_readings(conn) if side == "kk" else {}
            return [shown(read.get(row[0]) or row[column]) for row in rows]

        with self._searching(query, budget) as (plan, notes):
            return self._run(texts, notes), notes

    def concordance(
        self, query: Query, sort: str = "doc", budget: Budget | None = None
    ) -> tuple[Concordance, list[str]]:
        """Every match of ``query`` as one line each (:mod:`corpus.search.concordance`),
        in the order ``sort`` names (one of ``LINE_SORTS``), and warnings.

        The concordance counts both matches and the units they are in; page it
        with :meth:`Concordance.page`. ``budget`` as for :meth:`search`.
        """
        _check_page(sort, LINE_SORTS)
        hits, notes = self.matches(query, budget)
        return Concordance.of(hits, sort), notes

    def lines(
        self, query: Query, limit: int | None = 50, offset: int = 0, sort: str = "doc",
        budget: Budget | None = None,
    ) -> LinePage:  # fmt: skip
        """A page of match lines (one per match, :mod:`corpus.search.paging`) from
        ``offset`` (``limit`` None: all), in the order ``sort`` names (one of
        ``LINE_SORTS``), with the counts of matches and of units.

        Only the page's units become hits. A word query in document order reads
        units only until the page is full when the vocabulary can count its
        matches (:func:`~corpus.search.paging.vocabulary_count`). ``budget`` as
        for :meth:`search`.
        """
        _check_page(sort, LINE_SORTS, limit, offset)
        started = time.perf_counter()
        with self._searching(query, budget) as (plan, notes):

            def work(conn: sqlite3.Connection) -> tuple[int, int, list[MatchLine]]:
                counted = vocabulary_count(conn, plan) if _index_order(plan, sort) else None
                if counted is not None:
                    return self._first_lines(conn, plan, counted, limit, offset)
                single = single_word_page(conn, plan, sort, offset, limit)
                if single is not None:
                    return single
                counted_in_words = vocabulary_page(conn, plan, sort, offset, limit)
                if counted_in_words is not None:
                    return counted_in_words
                rows = self._all_rows(conn, plan, "doc", notes)
                # Kazakh printed in another script sorts as read, whatever found it (the
                # rows of a regular expression do not carry the reading).
                read = unit_readings(conn) if sort != "doc" else {}
                found = sorted_matches(plan, rows, sort, read)
                chosen = found[offset : None if limit is None else offset + limit]
                return len(found), len(rows), page_lines(conn, plan, rows, chosen)

            matches, units, chosen = self._run(work, notes)
        if matches == 0:
            notes += self._fold_note(query)
        elapsed = time.perf_counter() - started
        return LinePage(query, matches, units, offset, limit, sort, chosen, notes, elapsed)

    def _fold_note(self, query: Query) -> list[str]:
        """For a search that matched nothing: how many units it matches with ``fold``, if any.

        Scraped Kazakh mixes look-alike letters into words (``«Кaznews.mn»`` with a
        Cyrillic К), so a word searched as it should be spelt finds nothing, and a bare
        "no hits" tells the linguist the word is not there. Only asked when nothing
        matched, so it costs one count on empty answers; not for regular expressions
        (a second scan could take the whole time budget again) nor for lemmas (which
        do not fold).
        """
        if query.fold or query.regex:
            return []
        try:
            found = self.count(dataclasses.replace(query, fold=True))
        except QueryError:
            return []
        if not found:
            return []
        return [
            "nothing matches as written; with fold (look-alike letters repaired, such as a "
            f"Latin a or i typed for a Kazakh letter) {plural(found, 'unit')} "
            f"match{'es' if found == 1 else ''}"
        ]

    def _first_lines(
        self, conn: sqlite3.Connection, plan: Plan, matches: int, limit: int | None, offset: int
    ) -> tuple[int, int, list[MatchLine]]:
        """A page in document order read a chunk of units at a time, until it is full."""
        units, rows = fts_page(conn, plan, 0, 0)
        found: list[Match] = []
        want = None if limit is None else offset + limit
        while want is None or len(found) < want:
            chunk = fts_units(conn, plan, LINE_CHUNK, len(rows))
            if not chunk:
                break
            found += row_matches(plan, chunk, len(rows))
            rows += chunk
        chosen = found[offset:want]
        return matches, units, page_lines(conn, plan, rows, chosen)

    def distribution(
        self, query: Query, by: str = "doc", budget: Budget | None = None
    ) -> Distribution:
        """The query's matches per document, year, date or status, every part of the
        searched corpus listed, with Gries's DP (:mod:`corpus.search.distribution`).
        ``budget`` as for :meth:`search`."""
        if by not in PARTS:
            raise QueryError(f"unknown distribution {by!r}: use {', '.join(PARTS)}")
        with self._searching(query, budget) as (plan, notes):

            def work(conn: sqlite3.Connection) -> Distribution:
                rows = None if one_word(plan) else self._all_rows(conn, plan, "doc", notes)
                return distribute(conn, plan, unit_counts(conn, plan, rows), by, notes)

            return self._run(work, notes)

    def count(self, query: Query) -> int:
        """How many units match (the total of a search, without fetching hits)."""
        return self.search(query, limit=0).total

    def plan(self, query: Query) -> Plan:
        """The query compiled against the current index (document filters resolved)."""
        with self._lock:
            self._fresh()
            return self._plan(query, self.budget())

    # -- internals

    @contextlib.contextmanager
    def _searching(self, query: Query, budget: Budget | None) -> Iterator[tuple[Plan, list[str]]]:
        """What every search does first, in one place: take the engine's lock and the
        budget's turn, bring the index up to date, compile ``query``; yields the plan and
        the warnings so far (the refresh's, and documents a date filter leaves out)."""
        with self._lock, self._turn(budget) as running:
            notes = self._fresh()
            plan = self._plan(query, running)
            notes += self._undated(query)
            yield plan, notes

    @contextlib.contextmanager
    def _turn(self, budget: Budget | None) -> Iterator[Budget]:
        """The search's budget, its clock started now that the search has the lock;
        known to :meth:`close` (which abandons it) while the search runs."""
        budget = (budget or self.budget()).start()
        self._running = budget
        try:
            yield budget
        finally:
            self._running = None

    def _plan(self, query: Query, budget: Budget) -> Plan:
        conditions = compile_query(query)
        keys = document_keys(self.index.conn, query)
        statuses = tuple(dict.fromkeys(query.statuses))
        return Plan(query, tuple(conditions), keys, statuses, budget)

    def _undated(self, query: Query) -> list[str]:
        """A note that a date filter left out the documents with no date (of those chosen)."""
        if not (query.since or query.until):
            return []
        chosen = " OR ".join("name GLOB ?" for _ in query.docs) or "1"
        n = self.index.conn.execute(
            f"SELECT count(*) FROM docs WHERE date IS NULL AND ({chosen})", query.docs
        ).fetchone()[0]
        if not n:
            return []
        undated = "1 document has no date" if n == 1 else f"{n:,} documents have no date"
        return [f"{undated}: the date filter leaves {'it' if n == 1 else 'them'} out"]

    def _all_rows(
        self, conn: sqlite3.Connection, plan: Plan, sort: str, notes: list[str]
    ) -> list[Row]:
        """Every matching unit as (id, texts, searched texts), sorted; cached per generation.

        When a regular expression found nothing but empty matches, ``notes``
        says so: an empty match is never a hit, and "0 hits" alone would
        leave the user guessing.
        """
        cache_key = (plan.query, sort, self.index.generation(), self.index.path)
        if cache_key in self._cache:
            self._cache.move_to_end(cache_key)
            found, said = self._cache[cache_key]
            notes += said
            return found
        said = []
        if plan.regex:
            tally: Tally = Counter()
            found = regex_rows(
                conn, plan, tally, self._pool, str(self.index.path), self.parallel_from
            )
            if not found:
                said = [empty_only_note(source, units) for source, units in tally.items()]
        else:
            found = fts_rows(conn, plan)
            if plan.checked:  # phrases: FTS5 does not know where sentences end
                found = [row for row in found if plan.accepts(row)]
        if sort != "doc":
            found = sort_by_context(plan, found, sort, unit_readings(conn))
        self._cache[cache_key] = (found, said)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        notes += said
        return found


def _check_page(sort: str, sorts: Sequence[str], limit: int | None = None, offset: int = 0) -> None:
    """A :class:`QueryError` for a sort not among ``sorts`` or a negative limit or offset,
    before anything is searched."""
    if sort not in sorts:
        raise QueryError(f"unknown sort {sort!r}: use {', '.join(sorts)}")
    if offset < 0 or (limit is not None and limit < 0):
        raise QueryError("limit and offset cannot be negative")


def _index_order(plan: Plan, sort: str) -> bool:
    """Whether SQLite alone can page this search: document order, and nothing (a regular
    expression, look-alike folding, a phrase's sentence check) that needs every unit first."""
    return sort == "doc" and not plan.regex and not plan.query.fold and not plan.checked


# ---------------------------------------------------------------- one-call helpers


def search(
    corpus: Corpus, query: Query, limit: int | None = 50, offset: int = 0, sort: str = "doc"
) -> Results:
    """Search ``corpus`` once (opens and closes an engine; keep a QueryEngine to page)."""
    with QueryEngine(corpus) as engine:
        return engine.search(query, limit, offset, sort)
