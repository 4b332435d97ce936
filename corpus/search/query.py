"""Searching the aligned corpus: queries, hits, KWIC lines, sorting, paging.

A :class:`Query` holds conditions on the Kazakh side, the English side or
either, positive or negative (``--en-not OSCE``: the English does *not* have
it), as words (:mod:`corpus.search.querylang`) or regular expressions
(:mod:`corpus.search.regexfilter`), and filters by document, date and bead status.
A hit is one aligned unit (see :mod:`corpus.search.index`): its document, bead
index, both texts, status and aligner score, and where each side matched.

:class:`QueryEngine` answers queries for one corpus. It brings the index up
to date before every search (a stat of each TEI file when nothing changed),
so results are never stale, and keeps the last few full result lists so that
paging through a long result (the TUI) does not search again. Word queries in
document order are answered by SQLite alone (count, then one page); regular
expressions, look-alike folding and context sorting build the full list of
matching units first.

Regular expressions run within a time budget (``regex_timeout``, 10 s by
default, or a :class:`Budget` given to the call): past it the search stops
with :class:`RegexTimeout`, and a caller can abandon a search from another
thread (``budget.cancel()``; the search raises :class:`SearchCancelled`).
See :mod:`corpus.search.regexscan`.

    engine = QueryEngine(Corpus(path))
    results = engine.search(Query(kk="Тоқаев*"), limit=50, offset=0, sort="left")
    for hit in results.hits:
        line = hit.kwic(width=40)     # left, match, right, and the aligned text
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import threading
import time
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from corpus.errors import KopirError
from corpus.search.index import POSITION_BITS, STATUSES, Index, UpdateReport, split_unit_id
from corpus.search.querylang import Expression, QueryError, parse_expression
from corpus.search.regexfilter import Pattern, compile_pattern, quoted
from corpus.search.regexscan import (
    COLUMNS,
    DEFAULT_TIMEOUT,
    FOLD_COLUMNS,
    FOLD_SOURCE,
    ID_CHUNK,
    PARALLEL_FROM,
    Budget,
    Check,
    RegexTimeout,
    Row,
    ScanPool,
    SearchCancelled,
    Tally,
    TextScan,
    as_rows,
    match_spans,
    scan_ids,
    scan_texts,
    split_ranges,
)
from corpus.search.searchtext import sort_key, words
from corpus.storage.store import Corpus

Span = tuple[int, int]
SORTS: tuple[str, ...] = ("doc", "left", "right")
SIDES = ("kk", "en")
#: Document filters with more separate id ranges than this test keys instead.
MAX_RANGES = 8
#: Words of context that decide the order when sorting by left or right context.
SORT_WORDS = 6
#: Full result lists kept for paging (per engine; regex, fold and context-sorted searches).
CACHE_SIZE = 4
#: Trigram candidates are read row by row while they are fewer than 1/TEXT_SCAN_SHARE
#: of the units, else from ``scan_texts`` (measured by benchmarks/bench_query: a
#: third of a million units cost about the same either way).
TEXT_SCAN_SHARE = 3
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
T = TypeVar("T")


@dataclass(frozen=True)
class Query:
    """What to search for.

    ``text`` matches either side; ``kk``/``en`` one side; ``kk_not``/``en_not``
    exclude units whose side matches. With ``regex`` every condition is a
    regular expression (``re``'s syntax, run by the ``regex`` module;
    case-insensitive unless ``match_case``); otherwise a word query (words,
    ``"phrases"``, ``prefix*``, ``OR``). ``fold`` repairs look-alike letters
    (Latin ``i`` for Kazakh ``і``) in the text and the query (a pattern's
    literal letters) before matching. ``docs`` are document ids or globs
    (``001_*``); ``since``/``until`` are dates (``2021``, ``2021-03``,
    ``2021-03-15``, inclusive; documents without a date are left out when one
    is given); ``statuses`` are bead statuses (``auto``, ``confirmed``,
    ``unaligned``).
    """

    text: str | None = None
    kk: str | None = None
    en: str | None = None
    kk_not: str | None = None
    en_not: str | None = None
    regex: bool = False
    match_case: bool = False
    fold: bool = False
    docs: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    statuses: tuple[str, ...] = ()

    def describe(self) -> str:
        """The query in one line, as the command line would take it."""
        parts = [self.text] if self.text else []
        for name in ("kk", "en", "kk_not", "en_not"):
            value = getattr(self, name)
            if value:
                parts.append(f"--{name.replace('_', '-')} {value}")
        flags = [f for f in ("regex", "match_case", "fold") if getattr(self, f)]
        parts += [f"--{f.replace('_', '-')}" for f in flags]
        if self.docs:
            parts.append("--doc " + ",".join(self.docs))
        if self.since:
            parts.append(f"--since {self.since}")
        if self.until:
            parts.append(f"--until {self.until}")
        if self.statuses:
            parts.append("--status " + ",".join(self.statuses))
        return " ".join(parts)


@dataclass(frozen=True)
class KwicLine:
    """A concordance line: the match in its context, and the aligned text.

    ``marks`` are every match visible in the line, as spans of
    ``left + match + right`` (the centred one included), for highlighting.
    """

    side: str
    left: str
    match: str
    right: str
    other: str
    other_spans: tuple[Span, ...]
    marks: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One aligned unit that matches, with where it matches on each side.

    ``bead`` is the index in ``Document.links`` (None for a sentence no bead
    covers, status ``unaligned``); ``score`` is the aligner's confidence in
    the bead (None when it has none); ``key`` is the side KWIC lines centre
    on. Spans are ``(start, end)`` character offsets into ``kk`` / ``en``.
    Everything a TMX unit needs is here: document, bead, both texts, status.
    """

    doc: str
    bead: int | None
    position: int
    status: str
    score: float | None
    kk: str
    en: str
    kk_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    kk_spans: tuple[Span, ...]
    en_spans: tuple[Span, ...]
    key: str
    date: str | None = None
    title: str = ""

    def text(self, side: str) -> str:
        return self.kk if side == "kk" else self.en

    def spans(self, side: str) -> tuple[Span, ...]:
        return self.kk_spans if side == "kk" else self.en_spans

    def forms(self, side: str | None = None) -> list[str]:
        """The matched strings on a side (the key side by default), in order."""
        side = side or self.key
        text = self.text(side)
        return [text[s:e] for s, e in self.spans(side)]

    def kwic(self, width: int = 40, right: int | None = None) -> KwicLine:
        """The first match of the key side with up to ``width`` characters of context
        each side (``right`` for the right side, if given).

        Context is cut at a word where one is near, and marked ``…`` when cut.
        """
        text, spans = self.text(self.key), self.spans(self.key)
        start, end = spans[0] if spans else (0, 0)
        first = _left_cut(text, start, width)
        last = _right_cut(text, end, width if right is None else right)
        left = ("…" if first else "") + text[first:start]
        right = text[end:last] + ("…" if last < len(text) else "")
        shift = first - (1 if first else 0)  # where the line starts, in text offsets
        marks = tuple(
            (max(s, first) - shift, min(e, last) - shift)
            for s, e in spans
            if e > first and s < last
        )
        other = "en" if self.key == "kk" else "kk"
        return KwicLine(
            self.key,
            _flat(left),
            _flat(text[start:end]),
            _flat(right),
            self.text(other),
            self.spans(other),
            marks,
        )


def _left_cut(text: str, start: int, width: int) -> int:
    """Where left context of at most ``width`` characters (with the ``…``) begins."""
    if start <= width:
        return 0
    cut = start - width + 1
    space = text.find(" ", cut, start)
    return space + 1 if 0 <= space - cut < width // 3 else cut


def _right_cut(text: str, end: int, width: int) -> int:
    """Where right context of at most ``width`` characters (with the ``…``) ends."""
    if len(text) - end <= width:
        return len(text)
    cut = end + width - 1
    space = text.rfind(" ", end, cut)
    return space if space > 0 and cut - space < width // 3 else cut


def _flat(text: str) -> str:
    """Tabs and line breaks as spaces (one for one, so offsets hold)."""
    return text.translate(_FLAT)


_FLAT = {9: " ", 10: " ", 11: " ", 12: " ", 13: " "}


@dataclass
class Results:
    """One page of hits and the total count."""

    query: Query
    total: int
    offset: int
    limit: int | None
    sort: str
    hits: list[Hit]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


# ---------------------------------------------------------------- compiled queries


@dataclass(frozen=True)
class Condition:
    """One condition of a query: on which sides, what, and whether it excludes."""

    sides: tuple[str, ...]
    negated: bool
    expression: Expression | None = None
    pattern: Pattern | None = None

    def spans(self, text: str, budget: Budget) -> list[Span]:
        """Where the condition matches ``text`` (a pattern within ``budget``), never empty."""
        if not text:
            return []
        if self.pattern is not None:
            return match_spans(self.pattern.regex, text, budget)
        assert self.expression is not None
        return self.expression.spans(text)

    def fts(self) -> str:
        assert self.expression is not None
        expr = self.expression.fts()
        return " OR ".join(f"({side} : ({expr}))" for side in self.sides)


@dataclass(frozen=True)
class Plan:
    """A query made ready to run: conditions and SQL filters."""

    query: Query
    conditions: tuple[Condition, ...]
    keys: tuple[int, ...] | None  # documents (keys) the filters keep; None = all
    statuses: tuple[str, ...]
    budget: Budget  # the time its regular expressions may take, and how to abandon it

    @property
    def positive(self) -> list[Condition]:
        return [c for c in self.conditions if not c.negated]

    @property
    def regex(self) -> bool:
        return self.query.regex

    def fts(self) -> str:
        """The whole word query for FTS5, the status filter included."""
        expr = " AND ".join(f"({c.fts()})" for c in self.positive)
        if self.statuses:
            expr += " AND (status : (" + " OR ".join(f'"{s}"' for s in self.statuses) + "))"
        for c in self.conditions:
            if c.negated:
                expr = f"({expr}) NOT ({c.fts()})"
        return expr

    def ranges(self) -> list[tuple[int, int]]:
        """The unit id ranges of the kept documents (consecutive documents joined)."""
        return _ranges(sorted(self.keys)) if self.keys is not None else []

    def filters(self, column: str, status: bool = True) -> tuple[str, list[object]]:
        """SQL conditions on a unit id column (and ``u.status``), with their parameters.

        A few document ranges become ``BETWEEN`` tests (which FTS5 uses to skip
        ahead); many become a test of the document key against a list.
        """
        sql: list[str] = []
        params: list[object] = []
        if self.keys is not None:
            ranges = self.ranges()
            if not ranges:
                sql.append("0")
            elif len(ranges) <= MAX_RANGES:
                sql.append("(" + " OR ".join(f"{column} BETWEEN ? AND ?" for _ in ranges) + ")")
                params += [v for r in ranges for v in r]
            else:  # keys are integers from the index itself: safe to write into the SQL
                keys = ", ".join(str(int(k)) for k in sorted(self.keys))
                sql.append(f"({column} >> {POSITION_BITS}) IN ({keys})")
        if status and self.statuses:
            sql.append(f"u.status IN ({', '.join('?' * len(self.statuses))})")
            params += list(self.statuses)
        return "".join(f" AND {s}" for s in sql), params

    def hit_spans(self, kk: str, en: str) -> tuple[list[Span], list[Span]]:
        """Spans of every positive condition, per side, merged and in order."""
        found: dict[str, set[Span]] = {"kk": set(), "en": set()}
        texts = {"kk": kk, "en": en}
        for condition in self.positive:
            for side in condition.sides:
                found[side].update(condition.spans(texts[side], self.budget))
        return _merge(found["kk"]), _merge(found["en"])

    def key_side(self, kk_spans: Sequence[Span], en_spans: Sequence[Span]) -> str:
        sides = self.positive[0].sides
        if len(sides) == 1:
            return sides[0]
        return "en" if en_spans and not kk_spans else "kk"


def _merge(spans: set[Span]) -> list[Span]:
    """Spans in order with overlapping ones joined (a prefix inside a phrase, say)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _condition(sides: tuple[str, ...], source: str, negated: bool, query: Query) -> Condition:
    if query.regex:
        pattern = compile_pattern(source, query.match_case, query.fold)
        return Condition(sides, negated, pattern=pattern)
    return Condition(sides, negated, expression=parse_expression(source, query.fold))


def compile_query(query: Query) -> list[Condition]:
    """The query's conditions; :class:`QueryError` when it has nothing to find."""
    conditions = []
    for sides, source, negated in (
        (SIDES, query.text, False),
        (("kk",), query.kk, False),
        (("en",), query.en, False),
        (("kk",), query.kk_not, True),
        (("en",), query.en_not, True),
    ):
        if source is not None and source.strip():
            conditions.append(_condition(sides, source, negated, query))
        elif source is not None and source and not source.strip():
            raise QueryError("an empty search pattern: give a word or a pattern")
    if not any(not c.negated for c in conditions):
        if conditions:
            raise QueryError(
                "--kk-not/--en-not only narrow a search: add something to find "
                "(words, --kk or --en)"
            )
        raise QueryError("nothing to search for: give words, --kk or --en")
    bad = [s for s in query.statuses if s not in STATUSES]
    if bad:
        raise QueryError(f"unknown status {bad[0]!r}: use {', '.join(STATUSES)}")
    return conditions


def _date_bound(text: str, upper: bool, name: str) -> str:
    match = _DATE.match(text.strip())
    if not match:
        raise QueryError(f"{name} {text!r}: use a date like 2021, 2021-03 or 2021-03-15")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise QueryError(f"{name} {text!r} is not a real date") from None
    if upper:
        return f"{year}-{month or '12'}-{day or '31'}"
    return f"{year}-{month or '01'}-{day or '01'}"


# ---------------------------------------------------------------- the engine


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

    def close(self) -> None:
        """Abandon the search under way, if any, then close the index and stop the workers."""
        running = self._running
        if running is not None:
            running.cancel()
        with self._lock:
            self.index.close()
            if self._pool is not None:
                self._pool.close()

    def __enter__(self) -> QueryEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- freshness

    def refresh(self, rebuild: bool = False) -> UpdateReport:
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
            if not _damaged(exc):
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
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use {', '.join(SORTS)}")
        if offset < 0 or (limit is not None and limit < 0):
            raise QueryError("limit and offset cannot be negative")
        started = time.perf_counter()
        with self._lock, self._turn(budget) as budget:
            notes = self._fresh()
            plan = self._plan(query, budget)
            notes += self._undated(query)

            def work(conn: sqlite3.Connection) -> tuple[int, list[Hit]]:
                if sort == "doc" and not plan.regex and not query.fold:
                    total, rows = self._fts_page(conn, plan, limit, offset)
                else:
                    every = self._all_rows(conn, plan, sort, notes)
                    total = len(every)
                    rows = every[offset : None if limit is None else offset + limit]
                return total, self._hits(conn, plan, rows)

            total, hits = self._run(work, notes)
        elapsed = time.perf_counter() - started
        return Results(query, total, offset, limit, sort, hits, notes, elapsed)

    def matches(self, query: Query, budget: Budget | None = None) -> tuple[list[Hit], list[str]]:
        """Every hit of ``query`` in document order, and warnings (for frequencies, collocates).

        ``budget`` as for :meth:`search`.
        """
        with self._lock, self._turn(budget) as budget:
            notes = self._fresh()
            plan = self._plan(query, budget)
            notes += self._undated(query)
            hits = self._run(
                lambda conn: self._hits(conn, plan, self._all_rows(conn, plan, "doc", notes)),
                notes,
            )
            return hits, notes

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
        keys = self._keys(self.index.conn, query)
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

    @staticmethod
    def _keys(conn: sqlite3.Connection, query: Query) -> tuple[int, ...] | None:
        """Keys of the documents the filters keep (None: no filter)."""
        if not (query.docs or query.since or query.until):
            return None
        keys = {key for (key,) in conn.execute("SELECT key FROM docs")}
        if query.docs:
            chosen: set[int] = set()
            for pattern in query.docs:
                found = {
                    k for (k,) in conn.execute("SELECT key FROM docs WHERE name GLOB ?", (pattern,))
                }
                if not found:
                    raise QueryError(f"no document matches {pattern!r} (see 'kopir ls')")
                chosen |= found
            keys = chosen
        if query.since or query.until:
            low = _date_bound(query.since, False, "--since") if query.since else "0000"
            high = _date_bound(query.until, True, "--until") if query.until else "9999"
            if low > high:
                raise QueryError(f"--since {query.since} is after --until {query.until}")
            keys &= {
                k
                for (k,) in conn.execute(
                    "SELECT key FROM docs WHERE date IS NOT NULL AND date >= ? AND date <= ?",
                    (low, high),
                )
            }
        return tuple(sorted(keys))

    def _fts_page(
        self, conn: sqlite3.Connection, plan: Plan, limit: int | None, offset: int
    ) -> tuple[int, list[Row]]:
        where, params = plan.filters("words.rowid", status=False)
        total = conn.execute(
            f"SELECT count(*) FROM words WHERE words MATCH ?{where}",
            [plan.fts(), *params],
        ).fetchone()[0]
        if limit == 0 or offset >= total:
            return total, []
        selected = conn.execute(
            f"SELECT {COLUMNS} FROM words JOIN units u ON u.id = words.rowid "
            f"WHERE words MATCH ?{where} ORDER BY words.rowid LIMIT ? OFFSET ?",
            [plan.fts(), *params, -1 if limit is None else limit, offset],
        )
        return total, list(as_rows(selected))

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
            found = self._regex_rows(conn, plan, tally)
            if not found:
                said = [_empty_only(source, units) for source, units in tally.items()]
        else:
            found = self._fts_rows(conn, plan)
        if sort != "doc":
            found = _sort_by_context(plan, found, sort)
        self._cache[cache_key] = (found, said)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        notes += said
        return found

    def _fts_rows(self, conn: sqlite3.Connection, plan: Plan) -> list[Row]:
        where, params = plan.filters("u.id", status=False)
        if not plan.query.fold:
            selected = conn.execute(
                f"SELECT {COLUMNS} FROM words JOIN units u ON u.id = words.rowid "
                f"WHERE words MATCH ?{where} ORDER BY u.id",
                [plan.fts(), *params],
            )
            return list(as_rows(selected))
        # Clean units are matched on their text, units with look-alikes on the repair.
        selected = conn.execute(
            "SELECT u.id, u.kk, u.en, NULL, NULL FROM words JOIN units u ON u.id = words.rowid "
            f"WHERE words MATCH ?{where} AND u.id NOT IN (SELECT id FROM folds) "
            "UNION ALL "
            "SELECT u.id, u.kk, u.en, f.kk, f.en FROM fold_words JOIN folds f "
            "ON f.id = fold_words.rowid JOIN units u ON u.id = f.id "
            f"WHERE fold_words MATCH ?{where} ORDER BY 1",
            [plan.fts(), *params, plan.fts(), *params],
        )
        return list(as_rows(selected))

    def _regex_rows(self, conn: sqlite3.Connection, plan: Plan, tally: Tally) -> list[Row]:
        """Units whose text satisfies every regex condition, in id order.

        When a condition has literals, only the units the trigram index offers
        are tried, otherwise every unit of the kept documents is. Few
        candidates are read row by row; many (a common literal) or all are
        read from the per-document ``scan_texts``, which is cheaper per unit.
        Either way, in worker processes when there are many
        (:mod:`corpus.search.regexscan`), always within the plan's budget. Units
        whose matches were all empty are counted in ``tally``.
        """
        if plan.query.fold:
            columns, source = FOLD_COLUMNS, FOLD_SOURCE
        else:
            columns, source = COLUMNS, "units u"
        where, params = plan.filters("u.id")
        checks = [
            Check(
                tuple(3 if side == "kk" else 4 for side in c.sides),
                c.pattern.finder.pattern,
                c.pattern.finder.flags,
                c.negated,
            )
            for c in plan.conditions
            if c.pattern is not None
        ]
        pool, path, budget = self._pool, str(self.index.path), plan.budget
        candidates = self._candidates(conn, plan)
        counts = self._unit_counts(conn, plan)
        units = sum(n for _, _, n in counts)
        if candidates is not None and len(candidates) * TEXT_SCAN_SHARE < units:
            # Few candidates: read just their rows.
            sql = f"SELECT {columns} FROM {source} WHERE u.id IN ({{ids}}){where}"
            if pool is not None and len(candidates) >= self.parallel_from:
                share = -(-len(candidates) // pool.workers)
                parts = [candidates[i : i + share] for i in range(0, len(candidates), share)]
                return pool.run(path, sql, params, parts, checks, budget, tally)
            return scan_ids(conn, sql, params, candidates, checks, budget, tally)
        if not counts:
            return []
        keys = frozenset(plan.keys) if plan.keys is not None else None
        statuses, fold = plan.statuses, plan.query.fold

        def part(lo: int, hi: int) -> TextScan:
            if candidates is None:
                return TextScan(lo, hi, keys, statuses, fold)
            inside = candidates[bisect_left(candidates, lo) : bisect_right(candidates, hi)]
            return TextScan(lo, hi, keys, statuses, fold, tuple(inside))

        work = units if candidates is None else len(candidates)
        if pool is not None and work >= self.parallel_from:
            parts = [part(lo, hi) for lo, hi in split_ranges(counts, pool.workers)]
            return pool.run(path, "", [], parts, checks, budget, tally)
        return scan_texts(conn, part(counts[0][0], counts[-1][1]), checks, budget, tally)

    @staticmethod
    def _candidates(conn: sqlite3.Connection, plan: Plan) -> list[int] | None:
        """Units the trigram index says may match every narrowing condition (None: no help)."""
        found: set[int] | None = None
        repaired: set[int] | None = None  # units with look-alike repairs, read once
        for condition in plan.positive:
            assert condition.pattern is not None
            trigrams = condition.pattern.trigram_query()
            if trigrams is None:
                continue
            ids: set[int] = set()
            for side in condition.sides:
                sql = f"SELECT rowid FROM tri_{side} WHERE tri_{side} MATCH ?"
                ids.update(uid for (uid,) in conn.execute(sql, (trigrams,)))
            if plan.query.fold:  # repaired text is not in the trigram index: check it all
                if repaired is None:
                    repaired = {uid for (uid,) in conn.execute("SELECT id FROM folds")}
                ids |= repaired
            found = ids if found is None else found & ids
        if found is None:
            return None
        if plan.keys is not None:
            keys = set(plan.keys)
            found = {uid for uid in found if uid >> POSITION_BITS in keys}
        return sorted(found)

    @staticmethod
    def _unit_counts(conn: sqlite3.Connection, plan: Plan) -> list[tuple[int, int, int]]:
        """(first id, last id, units) of each kept document, in id order."""
        counts = []
        for key, units in conn.execute("SELECT key, units FROM docs ORDER BY key"):
            if plan.keys is None or key in plan.keys:
                lo, hi = _ranges([key])[0]
                counts.append((lo, hi, units))
        return counts

    @staticmethod
    def _hits(conn: sqlite3.Connection, plan: Plan, rows: Sequence[Row]) -> list[Hit]:
        info: dict[int, tuple[object, ...]] = {}
        ids = [r[0] for r in rows]
        for chunk in range(0, len(ids), ID_CHUNK):
            listed = ",".join(str(int(i)) for i in ids[chunk : chunk + ID_CHUNK])
            for row in conn.execute(
                "SELECT u.id, u.bead, u.status, u.score, u.kk_ids, u.en_ids, d.name, d.date, "
                f"d.title FROM units u JOIN docs d ON d.key = (u.id >> {POSITION_BITS}) "
                f"WHERE u.id IN ({listed})"
            ):
                info[row[0]] = row[1:]
        hits = []
        for uid, kk, en, kk_searched, en_searched in rows:
            bead, status, score, kk_ids, en_ids, name, date, title = info[uid]
            kk_spans, en_spans = plan.hit_spans(kk_searched, en_searched)
            hits.append(
                Hit(
                    doc=str(name),
                    bead=bead if isinstance(bead, int) else None,
                    position=split_unit_id(uid)[1],
                    status=str(status),
                    score=score if isinstance(score, float) else None,
                    kk=kk,
                    en=en,
                    kk_ids=tuple(str(kk_ids).split()),
                    en_ids=tuple(str(en_ids).split()),
                    kk_spans=tuple(kk_spans),
                    en_spans=tuple(en_spans),
                    key=plan.key_side(kk_spans, en_spans),
                    date=date if isinstance(date, str) else None,
                    title=str(title or ""),
                )
            )
        return hits


def _empty_only(source: str, units: int) -> str:
    """The note for a pattern whose matches were all empty."""
    return (
        f"the regular expression {quoted(source)} found only empty matches (in {units:,} units), "
        "and an empty match is never a hit: make it need at least one character"
    )


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether an SQLite error means the index file is damaged (and worth rebuilding)."""
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "no such" in str(exc)


def _ranges(keys: list[int]) -> tuple[tuple[int, int], ...]:
    """Unit id ranges covering the documents ``keys`` (consecutive keys joined)."""
    ranges: list[tuple[int, int]] = []
    for key in keys:
        if ranges and key == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], key)
        else:
            ranges.append((key, key))
    return tuple((lo << POSITION_BITS, ((hi + 1) << POSITION_BITS) - 1) for lo, hi in ranges)


def _sort_by_context(plan: Plan, rows: list[Row], sort: str) -> list[Row]:
    """Rows ordered by the words left of the first match (nearest first) or right of it.

    The nearest :data:`SORT_WORDS` words decide, compared in Kazakh alphabetical
    order, case ignored; ties keep document order.
    """

    def key(row: Row) -> tuple[tuple[str, ...], int]:
        kk_spans, en_spans = plan.hit_spans(row[3], row[4])
        side = plan.key_side(kk_spans, en_spans)
        text = row[3] if side == "kk" else row[4]
        spans = kk_spans if side == "kk" else en_spans
        start, end = spans[0] if spans else (0, 0)
        if sort == "left":
            near = words(text[:start])[-SORT_WORDS:][::-1]
        else:
            near = words(text[end:])[:SORT_WORDS]
        return tuple(sort_key(w) for w in near), row[0]

    return sorted(rows, key=key)


# ---------------------------------------------------------------- one-call helpers


def search(
    corpus: Corpus, query: Query, limit: int | None = 50, offset: int = 0, sort: str = "doc"
) -> Results:
    """Search ``corpus`` once (opens and closes an engine; keep a QueryEngine to page)."""
    with QueryEngine(corpus) as engine:
        return engine.search(query, limit, offset, sort)


__all__ = [
    "SORTS",
    "Budget",
    "Condition",
    "Hit",
    "KopirError",
    "KwicLine",
    "Plan",
    "Query",
    "QueryEngine",
    "QueryError",
    "RegexTimeout",
    "Results",
    "SearchCancelled",
    "compile_query",
    "search",
]
