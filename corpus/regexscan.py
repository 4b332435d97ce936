"""Running regular expressions over many units: in this process, or split over processes.

A regular expression without a literal the trigram index can use has to be
tried on every unit. Reading a million units out of SQLite and running
``re`` over them takes about three seconds in one process on the machines
kopir is measured on, and both halves of that (SQLite decoding rows into
Python strings, and ``re``) hold the interpreter lock, so threads do not
help. Processes do: each reads and scans its own range of unit ids over its
own connection (SQLite lets any number of readers in), and the results are
put back together in id order. Small scans stay in-process, where starting
workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

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
    path: str, sql: str, params: Sequence[object], part: tuple[int, int] | Sequence[int],
    checks: Sequence[Check],
) -> list[Row]:  # fmt: skip
    """One worker's share: an id range (``sql`` ends with ``BETWEEN ? AND ?``) or an id list."""
    conn = sqlite3.connect(path, timeout=60)
    try:
        if isinstance(part, tuple):
            return scan(conn.execute(sql, [*params, *part]), checks)
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
        parts: Sequence[tuple[int, int] | Sequence[int]], checks: Sequence[Check],
    ) -> list[Row]:  # fmt: skip
        """Each part (an id range or an id list) in a worker; the rows in part order."""
        if self._pool is None:
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
