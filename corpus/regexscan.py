"""Running regular expressions over many units: in this process, or split over processes.

A regular expression without a literal the trigram index can use has to be
tried on every unit. Reading a million rows out of the ``units`` table costs
more than the ``re`` work itself (SQLite walks a B-tree of wide rows and
makes a Python string per row), so such a scan reads ``scan_texts`` instead:
one row per document with its unit texts joined by a separator the texts
never hold, split in Python at a fraction of the cost, and each unit's text
is still searched on its own, exactly as if it had been read by itself.

Both halves (reading, ``re``) hold the interpreter lock, so threads do not
help. Processes do: each reads and scans its own range of unit ids over its
own connection (SQLite lets any number of readers in), and the results are
put back together in id order. Small scans stay in-process, where starting
workers would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import sqlite3
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import resource_tracker

from corpus.index import MAX_UNITS, POSITION_BITS, SCAN_SEPARATOR

Row = tuple[int, str, str, str, str]  # id, kk, en, kk as searched, en as searched
#: What to select for :func:`as_rows`: the texts once, and look-alike repairs where there are any.
COLUMNS = "u.id, u.kk, u.en"
FOLD_COLUMNS = "u.id, u.kk, u.en, f.kk, f.en"
FOLD_SOURCE = "units u LEFT JOIN folds f ON f.id = u.id"
#: Scan in worker processes from this many units on.
PARALLEL_FROM = 150_000
#: Unit ids per statement when reading a list of candidates.
ID_CHUNK = 5000


@dataclass(frozen=True)
class Check:
    """A condition as plain data a worker process can take: where, what, whether it excludes."""

    columns: tuple[int, ...]  # row positions searched: 3 (Kazakh) and/or 4 (English)
    source: str
    flags: int
    negated: bool


def as_rows(selected: Iterable[tuple[object, ...]]) -> Iterator[Row]:
    """Rows of :data:`COLUMNS` or :data:`FOLD_COLUMNS` as :data:`Row` s.

    Selecting each text once and pairing it with itself here is a quarter
    faster than having SQLite hand out every text twice.
    """
    for row in selected:
        if len(row) == 3:
            yield row[0], row[1], row[2], row[1], row[2]  # type: ignore[misc]
        else:
            kk, en = (
                row[3] if row[3] is not None else row[1],
                row[4] if row[4] is not None else row[2],
            )
            yield row[0], row[1], row[2], kk, en  # type: ignore[misc]


def scan(selected: Iterable[tuple[object, ...]], checks: Sequence[Check]) -> list[Row]:
    """The rows every check accepts (a positive check must match a column, a negative none)."""
    compiled = [(c.columns, re.compile(c.source, c.flags).search, c.negated) for c in checks]
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


def scan_texts(conn: sqlite3.Connection, part: TextScan, checks: Sequence[Check]) -> list[Row]:
    """The units with ids in ``part`` that every check accepts, read from ``scan_texts``.

    Only the sides the checks search are read and split (decoding Cyrillic
    text into Python strings is most of the reading); the other side's text
    is then fetched for the matching units alone.
    """
    compiled = [(c.columns, re.compile(c.source, c.flags).search, c.negated) for c in checks]
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
    checks: Sequence[Check],
) -> list[Row]:  # fmt: skip
    """``sql`` (with ``{ids}`` where the id list goes) over ``ids`` in chunks, then :func:`scan`.

    The ids are integers from the index itself, written into the SQL: a
    chunk of thousands costs one statement instead of thousands.
    """

    def chunks() -> Iterator[tuple[object, ...]]:
        for start in range(0, len(ids), ID_CHUNK):
            listed = ",".join(str(int(i)) for i in ids[start : start + ID_CHUNK])
            yield from conn.execute(sql.format(ids=listed), params)

    return scan(chunks(), checks)


def _scan_part(
    path: str, sql: str, params: Sequence[object], part: TextScan | Sequence[int],
    checks: Sequence[Check],
) -> list[Row]:  # fmt: skip
    """One worker's share: a :class:`TextScan`, or an id list for ``sql``."""
    conn = sqlite3.connect(path, timeout=60)
    try:
        if isinstance(part, TextScan):
            return scan_texts(conn, part, checks)
        return scan_ids(conn, sql, params, part, checks)
    finally:
        conn.close()


class ScanPool:
    """Worker processes for large scans, started on first use and kept until closed."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def run(
        self, path: str, sql: str, params: Sequence[object],
        parts: Sequence[TextScan | Sequence[int]], checks: Sequence[Check],
    ) -> list[Row]:  # fmt: skip
        """Each part (a text scan or an id list) in a worker; the rows in part order."""
        if self._pool is None:
            _start_resource_tracker()
            # "spawn": forking a process with open SQLite connections and threads is not safe.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        futures = [
            self._pool.submit(_scan_part, path, sql, list(params), part, list(checks))
            for part in parts
        ]
        return [row for future in futures for row in future.result()]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker even when ``sys.stderr`` has no file.

    Starting worker processes starts the tracker, which is handed
    ``sys.stderr.fileno()``. Inside a Textual app ``sys.stderr`` is a capture
    whose ``fileno()`` is -1, and the start fails ("bad value(s) in
    fds_to_keep"), so a large regex search would crash the app. The tracker
    inherits descriptor 2 anyway; it is started here with a real file as
    ``sys.stderr`` for the moment it takes. Once running it is never started
    again (the swap is process-wide, so it is done only when needed).
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()


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
