"""Running regular expressions over many units: in this process, or split over processes.

A regular expression without a literal the trigram index can use has to be
tried on every unit. Reading a million rows out of the ``units`` table costs
more than the matching itself (SQLite walks a B-tree of wide rows and makes a
Python string per row), so such a scan reads ``scan_texts`` instead: one row
per document with its unit texts joined by a separator the texts never hold,
split in Python at a fraction of the cost, and each unit's text is still
searched on its own, exactly as if it had been read by itself.

Both halves (reading, matching) hold the interpreter lock, so threads do not
help. Processes do: each reads and scans its own range of unit ids over its
own connection (SQLite lets any number of readers in), and the results are
put back together in id order. Small scans stay in-process, where starting
workers would cost more than it saves.

**Every search has a time budget** (:class:`~corpus.search.budget.Budget`):
in this process every call into ``regex`` is given what is left of it, at
most a sentence's share; worker processes get none and are terminated by the
parent when the budget is spent or the search abandoned (see
:mod:`corpus.search.budget` for why).

A unit is a hit only for a non-empty match: an empty match (``\\b``, a
look-ahead, ``x*`` where there is no ``x``) marks no text, so it is never a
span and never makes a hit. Units whose matches were all empty are counted
(:class:`Tally`) so that a search finding nothing can say why.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool

import regex

from corpus.errors import KopirError

# Re-exported (``as``): searches imported the time-budget names from here before budget.py.
from corpus.search.budget import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from corpus.search.budget import Budget
from corpus.search.budget import RegexTimeout as RegexTimeout
from corpus.search.budget import SearchCancelled as SearchCancelled
from corpus.search.reading import ReadText
from corpus.search.regexguard import GUARDED_WORK, POLL, Found, guarded, start_resource_tracker
from corpus.search.rows import MAX_UNITS, POSITION_BITS
from corpus.search.searchtext import SENTENCE_BREAK
from corpus.search.tables import SCAN_SEPARATOR

Row = tuple[int, str, str, str, str]  # id, kk, en, kk as searched, en as searched
#: What to select for :func:`as_rows`: the texts once, and look-alike repairs where there are any.
COLUMNS = "u.id, u.kk, u.en"
#: What a word query reads: the texts and the Kazakh reading the word index searched
#: (:mod:`corpus.search.reading`), which its matches are found in.
READ_COLUMNS = "u.id, u.kk, u.en, u.kk_read"
FOLD_COLUMNS = "u.id, u.kk, u.en, f.kk, f.en"
FOLD_SOURCE = "units u LEFT JOIN folds f ON f.id = u.id"
#: Scan in worker processes from this many units on.
PARALLEL_FROM = 150_000
#: Unit ids per statement when reading a list of candidates.
ID_CHUNK = 5000
Span = tuple[int, int]
#: Units whose every match was empty, by pattern.
Tally = Counter[str]


def match_spans(pattern: regex.Pattern[str], text: str, budget: Budget) -> list[Span]:
    """Where ``pattern`` matches ``text``, empty matches left out, within ``budget``."""
    if len(text) * len(pattern.pattern) > GUARDED_WORK:
        return guarded(pattern, text, budget, first=False)  # type: ignore[return-value]
    timeout = budget.for_call(pattern.pattern)
    try:
        found = pattern.finditer(text, timeout=timeout)
        return [m.span() for m in found if m.end() > m.start()]
    except TimeoutError:
        raise budget.overrun(pattern.pattern, timeout) from None


@dataclass(frozen=True)
class Check:
    """A condition as plain data a worker process can take: where, what, whether it excludes."""

    columns: tuple[int, ...]  # row positions searched: 3 (Kazakh) and/or 4 (English)
    source: str
    flags: int
    negated: bool


def as_rows(selected: Iterable[tuple[object, ...]]) -> Iterator[Row]:
    """Rows of :data:`COLUMNS`, :data:`READ_COLUMNS` or :data:`FOLD_COLUMNS` as
    :data:`Row` s (a Kazakh reading as the text searched, carrying the printed text).

    Selecting each text once and pairing it with itself here is a quarter
    faster than having SQLite hand out every text twice.
    """
    for row in selected:
        if len(row) == 3:
            yield row[0], row[1], row[2], row[1], row[2]  # type: ignore[misc]
        elif len(row) == 4:
            kk = row[1] if row[3] is None else ReadText(row[3], row[1])  # type: ignore[arg-type]
            yield row[0], row[1], row[2], kk, row[2]  # type: ignore[misc]
        else:
            kk, en = (
                row[3] if row[3] is not None else row[1],
                row[4] if row[4] is not None else row[2],
            )
            yield row[0], row[1], row[2], kk, en  # type: ignore[misc]


def _matcher(check: Check, budget: Budget | None, tally: Tally) -> Callable[[str], bool]:
    """Whether a text holds a non-empty match of ``check``'s pattern.

    The first match decides nearly always; only when it is empty are the
    others looked at, as :func:`match_spans` would (a unit is a hit exactly
    when it has a span). ``budget`` None is for worker processes, which the
    parent stops; otherwise every call gets its timeout from the budget.
    Texts with empty matches only are counted in ``tally`` for positive checks.
    """
    pattern = regex.compile(check.source, check.flags)
    source = check.source
    search: Callable[[str], regex.Match[str] | None]
    if budget is None:
        search = pattern.search

        def nonempty(text: str) -> bool:
            return any(m.end() > m.start() for m in pattern.finditer(text))
    else:

        def search(text: str) -> regex.Match[str] | None:
            if len(text) * len(source) > GUARDED_WORK:
                span = guarded(pattern, text, budget, first=True)
                return None if span is None else Found(*span)  # type: ignore[return-value,misc]
            timeout = budget.for_call(source)
            try:
                return pattern.search(text, timeout=timeout)
            except TimeoutError:
                raise budget.overrun(source, timeout) from None

        def nonempty(text: str) -> bool:
            return bool(match_spans(pattern, text, budget))

    def found(text: str) -> bool:
        if SENTENCE_BREAK in text:  # a pattern sees one sentence at a time
            return any(found(sentence) for sentence in text.split(SENTENCE_BREAK))
        match = search(text)
        if match is None:
            return False
        if match.end() > match.start() or nonempty(text):
            return True
        if not check.negated:
            tally[source] += 1
        return False

    return found


def scan(
    selected: Iterable[tuple[object, ...]], checks: Sequence[Check],
    budget: Budget | None, tally: Tally,
) -> list[Row]:  # fmt: skip
    """The rows every check accepts (a positive check must match a column, a negative none)."""
    compiled = [(c.columns, _matcher(c, budget, tally), c.negated) for c in checks]
    if len(compiled) == 1 and len(compiled[0][0]) == 1 and not compiled[0][2]:
        column, search = compiled[0][0][0], compiled[0][1]
        return [row for row in as_rows(selected) if search(row[column])]  # the common case
    return [
        row
        for row in as_rows(selected)
        if all(
            any(row[c] and search(row[c]) for c in columns) != negated
            for columns, search, negated in compiled
        )
    ]


@dataclass(frozen=True)
class TextScan:
    """A scan of every unit in an id range, as plain data a worker process can take."""

    lo: int
    hi: int
    keys: frozenset[int] | None  # documents to read (None: all in the range)
    statuses: tuple[str, ...]  # unit statuses to keep (empty: all)
    fold: bool  # search look-alike repairs where a unit has them
    only: tuple[int, ...] | None = None  # the trigram index's candidates in lo..hi, sorted


def scan_texts(
    conn: sqlite3.Connection, part: TextScan, checks: Sequence[Check],
    budget: Budget | None, tally: Tally,
) -> list[Row]:  # fmt: skip
    """The units with ids in ``part`` that every check accepts, read from ``scan_texts``.

    Only the sides the checks search are read and split (decoding Cyrillic
    text into Python strings is most of the reading); the other side's text
    is then fetched for the matching units alone.
    """
    compiled = [(c.columns, _matcher(c, budget, tally), c.negated) for c in checks]
    searched_columns = {c for columns, _, _ in compiled for c in columns}
    repairs: dict[int, list[tuple[int, str, str]]] = {}  # by document key
    if part.fold:
        sql = "SELECT id, kk, en FROM folds WHERE id BETWEEN ? AND ?"
        for uid, kk, en in conn.execute(sql, (part.lo, part.hi)):
            repairs.setdefault(uid >> POSITION_BITS, []).append((uid, kk, en))
    kk_column = "kk" if 3 in searched_columns else "NULL"
    en_column = "en" if 4 in searched_columns else "NULL"
    # Only the documents worth reading are selected: sqlite3 decodes every text it
    # hands over, and that decoding is most of a scan's cost. Keys are integers
    # from the index itself, safe to write into the SQL.
    wanted = part.keys
    if part.only is not None:
        holding = {uid >> POSITION_BITS for uid in part.only}
        wanted = holding if wanted is None else holding & wanted
    among = "" if wanted is None else f" AND key IN ({','.join(str(int(k)) for k in wanted)})"
    selected = conn.execute(
        f"SELECT key, {kk_column}, {en_column}, status FROM scan_texts "
        f"WHERE key BETWEEN ? AND ?{among} ORDER BY key",
        (part.lo >> POSITION_BITS, part.hi >> POSITION_BITS),
    )
    found: list[list[object]] = []  # id, kk, en, kk searched, en searched (None: not read)
    for key, kk_joined, en_joined, status_joined in selected:
        base = key << POSITION_BITS
        first = max(part.lo - base, 0)
        if part.only is not None:
            low = bisect_left(part.only, base + first)
            high = bisect_right(part.only, min(part.hi, base + MAX_UNITS))
            if low == high:
                continue  # no candidate here: not even split
        statuses = status_joined.split(SCAN_SEPARATOR)
        texts: dict[int, list[str] | None] = {
            3: None if kk_joined is None else kk_joined.split(SCAN_SEPARATOR),
            4: None if en_joined is None else en_joined.split(SCAN_SEPARATOR),
        }
        stop = min(part.hi - base + 1, len(statuses))
        positions: Sequence[int] = range(first, stop)
        if part.only is not None:
            positions = [uid - base for uid in part.only[low:high]]
        if part.statuses:
            positions = [p for p in positions if statuses[p] in part.statuses]
        searched = dict(texts)
        for uid, kk_fixed, en_fixed in repairs.get(key, ()):
            # The look-alike repairs are searched instead of the texts.
            for column, fixed in ((3, kk_fixed), (4, en_fixed)):
                side = searched[column]
                if side is not None:
                    if side is texts[column]:
                        side = searched[column] = list(side)
                    side[uid - base] = fixed
        if len(compiled) == 1 and len(compiled[0][0]) == 1 and not compiled[0][2]:
            text, search = searched[compiled[0][0][0]], compiled[0][1]
            assert text is not None
            kept = [p for p in positions if search(text[p])]  # the common case
        else:
            kept = [
                p
                for p in positions
                if all(
                    any(searched[c][p] and search(searched[c][p]) for c in columns)  # type: ignore[index]
                    != negated
                    for columns, search, negated in compiled
                )
            ]
        kk, en, kk_searched, en_searched = texts[3], texts[4], searched[3], searched[4]
        found += [
            [
                base + p,
                kk and kk[p],
                en and en[p],
                kk_searched and kk_searched[p],
                en_searched and en_searched[p],
            ]
            for p in kept
        ]
    for column, name in ((3, "kk"), (4, "en")):
        if column not in searched_columns and found:
            _fill_side(conn, found, name, part.fold)
    return [tuple(row) for row in found]  # type: ignore[misc]


def _fill_side(conn: sqlite3.Connection, rows: list[list[object]], side: str, fold: bool) -> None:
    """Fetch one side's text (and with ``fold``, its repair) for rows that did not read it."""
    column = 1 if side == "kk" else 2
    select = (
        f"SELECT u.id, u.{side}, f.{side} FROM units u LEFT JOIN folds f ON f.id = u.id"
        if fold
        else f"SELECT u.id, u.{side}, NULL FROM units u"
    )
    for start in range(0, len(rows), ID_CHUNK):
        chunk = rows[start : start + ID_CHUNK]
        listed = ",".join(str(int(row[0])) for row in chunk)  # type: ignore[call-overload]
        texts = {
            uid: (text, fixed)
            for uid, text, fixed in conn.execute(f"{select} WHERE u.id IN ({listed})")
        }
        for row in chunk:
            text, fixed = texts[row[0]]
            row[column], row[column + 2] = text, fixed if fixed is not None else text


def scan_ids(
    conn: sqlite3.Connection, sql: str, params: Sequence[object], ids: Sequence[int],
    checks: Sequence[Check], budget: Budget | None, tally: Tally,
) -> list[Row]:  # fmt: skip
    """``sql`` (with ``{ids}`` where the id list goes) over ``ids`` in chunks, then :func:`scan`.

    The ids are integers from the index itself, written into the SQL: a
    chunk of thousands costs one statement instead of thousands.
    """

    def chunks() -> Iterator[tuple[object, ...]]:
        for start in range(0, len(ids), ID_CHUNK):
            listed = ",".join(str(int(i)) for i in ids[start : start + ID_CHUNK])
            yield from conn.execute(sql.format(ids=listed), params)

    return scan(chunks(), checks, budget, tally)


def _scan_part(
    path: str, sql: str, params: Sequence[object], part: TextScan | Sequence[int],
    checks: Sequence[Check],
) -> tuple[list[Row], Tally]:  # fmt: skip
    """One worker's share: a :class:`TextScan`, or an id list for ``sql``; rows and tally.

    No budget: the parent terminates the worker when the search runs out of time.
    """
    conn = sqlite3.connect(path, timeout=60)
    tally: Tally = Counter()
    try:
        if isinstance(part, TextScan):
            return scan_texts(conn, part, checks, None, tally), tally
        return scan_ids(conn, sql, params, part, checks, None, tally), tally
    finally:
        conn.close()


class ScanPool:
    """Worker processes for large scans, started on first use and kept until closed.

    A ``multiprocessing`` pool rather than ``concurrent.futures``: it can be
    terminated, which is how a scan that runs out of budget, or is
    abandoned, is stopped (a worker stuck in a match is never waited for).
    The next scan starts fresh workers. (A worker that dies on its own is
    replaced by the pool but its share is lost; the scan then ends at its
    budget.)
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: Pool | None = None

    def run(
        self, path: str, sql: str, params: Sequence[object],
        parts: Sequence[TextScan | Sequence[int]], checks: Sequence[Check],
        budget: Budget, tally: Tally,
    ) -> list[Row]:  # fmt: skip
        """Each part (a text scan or an id list) in a worker; the rows in part order."""
        if self._pool is None:
            start_resource_tracker()
            # "spawn": forking a process with open SQLite connections and threads is not safe.
            self._pool = multiprocessing.get_context("spawn").Pool(self.workers)
        pending: list[AsyncResult[tuple[list[Row], Tally]]] = [
            self._pool.apply_async(_scan_part, (path, sql, list(params), part, list(checks)))
            for part in parts
        ]
        sources = [c.source for c in checks]
        try:
            for result in pending:
                while not result.ready():
                    result.wait(min(POLL, budget.left(*sources)))
        except KopirError:  # out of time or abandoned
            self.close()
            raise
        rows: list[Row] = []
        for result in pending:
            found, counted = result.get()
            rows += found
            tally.update(counted)
        return rows

    def close(self) -> None:
        """Stop the workers now (they hold no state worth waiting for)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def split_ranges(counts: Sequence[tuple[int, int, int]], parts: int) -> list[tuple[int, int]]:
    """Cut consecutive id ranges ``(lo, hi, units)`` into ``parts`` of about equal units.

    A document's units are numbered ``lo``, ``lo + 1``, … so a range holding
    more than a part's share is cut exactly by id.
    """
    total = sum(n for _, _, n in counts)
    if total == 0:
        return []
    share = -(-total // parts)
    out: list[tuple[int, int]] = []
    start: int | None = None
    filled = 0
    for lo, hi, units in counts:
        position = lo
        left = units
        while left > 0:
            if start is None:
                start = position
            take = min(left, share - filled)
            filled += take
            left -= take
            position_end = position + take - 1 if left > 0 else hi
            if filled >= share:
                out.append((start, position_end))
                start, filled = None, 0
            position = position_end + 1
    if start is not None:
        out.append((start, counts[-1][1]))
    return out
