"""Reading a plan's rows from the index: the SQL and the scans behind a search.

Each function takes an open connection and a :class:`~corpus.search.plan.Plan`: the
documents its filters keep, a page or every unit that matches its words (FTS5), the units
its regular expressions match (trigram candidates, then :mod:`corpus.search.regexscan`),
and the hits those rows become. :class:`~corpus.search.query.QueryEngine` decides which to
call, caches and pages.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from corpus.search.index import split_unit_id
from corpus.search.plan import Plan, Query, date_bound, unit_ranges
from corpus.search.querylang import QueryError
from corpus.search.regexfilter import quoted
from corpus.search.regexscan import (
    COLUMNS,
    FOLD_COLUMNS,
    FOLD_SOURCE,
    ID_CHUNK,
    READ_COLUMNS,
    Check,
    Row,
    ScanPool,
    Tally,
    TextScan,
    as_rows,
    scan_ids,
    scan_texts,
    split_ranges,
)
from corpus.search.results import Hit
from corpus.search.rows import POSITION_BITS
from corpus.search.searchtext import sentence_breaks, shown
from corpus.search.tables import SCAN_SEPARATOR

#: Trigram candidates are read row by row while they are fewer than 1/TEXT_SCAN_SHARE
#: of the units, else from ``scan_texts`` (measured by benchmarks/bench_query: a
#: third of a million units cost about the same either way).
TEXT_SCAN_SHARE = 3


def document_keys(conn: sqlite3.Connection, query: Query) -> tuple[int, ...] | None:
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
        low = date_bound(query.since, upper=False, name="since") if query.since else "0000"
        high = date_bound(query.until, upper=True, name="until") if query.until else "9999"
        if low > high:
            raise QueryError(f"since {query.since} is after until {query.until}")
        keys &= {
            k
            for (k,) in conn.execute(
                "SELECT key FROM docs WHERE date IS NOT NULL AND date >= ? AND date <= ?",
                (low, high),
            )
        }
    return tuple(sorted(keys))


def subcorpus_texts(
    conn: sqlite3.Connection, query: Query, side: str
) -> Iterator[tuple[str, str | None]]:
    """Each unit's ``side`` text (and, for Kazakh, its reading ``kk_read``) in the
    documents and statuses ``query``'s filters keep (all units without filters), as the
    ``units`` table stores them: what counting a subcorpus's words reads."""
    keys = document_keys(conn, query)
    sql, params = "", []
    if keys is not None:
        ranges = unit_ranges(list(keys))
        sql += " AND (" + (" OR ".join("id BETWEEN ? AND ?" for _ in ranges) or "0") + ")"
        params += [v for r in ranges for v in r]
    if query.statuses:
        sql += f" AND status IN ({', '.join('?' * len(query.statuses))})"
        params += list(query.statuses)
    reading = "kk_read" if side == "kk" else "NULL"
    yield from conn.execute(f"SELECT {side}, {reading} FROM units WHERE 1{sql}", params)


def fts_page(
    conn: sqlite3.Connection, plan: Plan, limit: int | None, offset: int
) -> tuple[int, list[Row]]:
    """One page of the units a word query matches, in document order, and the total."""
    where, params = plan.filters("words.rowid", status=False)
    total = conn.execute(
        f"SELECT count(*) FROM words WHERE words MATCH ?{where}",
        [plan.fts(), *params],
    ).fetchone()[0]
    if limit == 0 or offset >= total:
        return total, []
    return total, fts_units(conn, plan, limit, offset)


def fts_units(conn: sqlite3.Connection, plan: Plan, limit: int | None, offset: int) -> list[Row]:
    """Units ``offset`` to ``offset + limit`` of those a word query matches, in document order."""
    where, params = plan.filters("words.rowid", status=False)
    selected = conn.execute(
        f"SELECT {READ_COLUMNS} FROM words JOIN units u ON u.id = words.rowid "
        f"WHERE words MATCH ?{where} ORDER BY words.rowid LIMIT ? OFFSET ?",
        [plan.fts(), *params, -1 if limit is None else limit, offset],
    )
    return list(as_rows(selected))


def unit_readings(conn: sqlite3.Connection) -> dict[int, str]:
    """The Cyrillic reading of every unit whose Kazakh is printed in another script, by
    unit id (:mod:`corpus.search.reading`; the partial index ``units_read`` lists those
    few units, so a corpus without them answers at once)."""
    query = "SELECT id, kk_read FROM units WHERE kk_read IS NOT NULL"
    return dict(conn.execute(query).fetchall())


def has_readings(conn: sqlite3.Connection) -> bool:
    """Whether any unit's Kazakh is printed in another script and searched in its Cyrillic
    reading (:mod:`corpus.search.reading`; a partial index answers at once)."""
    found = conn.execute("SELECT 1 FROM units WHERE kk_read IS NOT NULL LIMIT 1").fetchone()
    return found is not None


def fts_joined(
    conn: sqlite3.Connection, plan: Plan, side: str, read: bool = False
) -> tuple[list[int], str]:
    """Ids and ``side`` texts of every unit a word query matches, in document order, the
    texts joined by ``SCAN_SEPARATOR`` (which no text holds) by SQLite itself; with
    ``read``, a Kazakh text printed in another script is its reading (what the word
    index searched, :mod:`corpus.search.reading`).

    One column and one string: reading both sides' text is most of the cost of reading
    rows, and a Python string per unit, as many again. Both aggregates read the same
    rows in the same (FTS5 rowid) order, so the n-th id is the n-th text.
    """
    where, params = plan.filters("u.id", status=False)
    text = "coalesce(u.kk_read, u.kk)" if read and side == "kk" else f"u.{side}"
    ids, joined = conn.execute(
        f"SELECT group_concat(id), group_concat(text, char({ord(SCAN_SEPARATOR)})) FROM "
        f"(SELECT u.id AS id, {text} AS text FROM words JOIN units u ON u.id = words.rowid "
        f"WHERE words MATCH ?{where} ORDER BY words.rowid)",
        [plan.fts(), *params],
    ).fetchone()
    if ids is None:
        return [], ""
    return [int(uid) for uid in ids.split(",")], joined


def rows_of(conn: sqlite3.Connection, ids: Sequence[int], read: bool = False) -> dict[int, Row]:
    """The rows (both texts) of the units ``ids``, by id; with ``read``, a Kazakh text
    printed in another script is searched in its reading, as a word query's rows are
    (:data:`~corpus.search.regexscan.READ_COLUMNS`)."""
    found: dict[int, Row] = {}
    columns = READ_COLUMNS if read else COLUMNS
    for chunk in range(0, len(ids), ID_CHUNK):
        listed = ",".join(str(int(i)) for i in ids[chunk : chunk + ID_CHUNK])
        selected = conn.execute(f"SELECT {columns} FROM units u WHERE u.id IN ({listed})")
        found.update((row[0], row) for row in as_rows(selected))
    return found


def fts_rows(conn: sqlite3.Connection, plan: Plan) -> list[Row]:
    where, params = plan.filters("u.id", status=False)
    if not plan.query.fold:
        selected = conn.execute(
            f"SELECT {READ_COLUMNS} FROM words JOIN units u ON u.id = words.rowid "
            f"WHERE words MATCH ?{where} ORDER BY u.id",
            [plan.fts(), *params],
        )
        return list(as_rows(selected))
    # Clean units are matched on their text (a Kazakh reading's, corpus.search.reading),
    # units with look-alikes on the repair.
    clean = conn.execute(
        f"SELECT {READ_COLUMNS} FROM words JOIN units u ON u.id = words.rowid "
        f"WHERE words MATCH ?{where} AND u.id NOT IN (SELECT id FROM folds)",
        [plan.fts(), *params],
    )
    repaired = conn.execute(
        "SELECT u.id, u.kk, u.en, f.kk, f.en FROM fold_words JOIN folds f "
        "ON f.id = fold_words.rowid JOIN units u ON u.id = f.id "
        f"WHERE fold_words MATCH ?{where}",
        [plan.fts(), *params],
    )
    return sorted([*as_rows(clean), *as_rows(repaired)], key=lambda row: row[0])


def regex_rows(
    conn: sqlite3.Connection, plan: Plan, tally: Tally, pool: ScanPool | None, path: str,
    parallel_from: int,
) -> list[Row]:  # fmt: skip
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
    budget = plan.budget
    candidates = trigram_candidates(conn, plan)
    counts = unit_counts(conn, plan)
    units = sum(n for _, _, n in counts)
    if candidates is not None and len(candidates) * TEXT_SCAN_SHARE < units:
        # Few candidates: read just their rows.
        sql = f"SELECT {columns} FROM {source} WHERE u.id IN ({{ids}}){where}"
        if pool is not None and len(candidates) >= parallel_from:
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
    if pool is not None and work >= parallel_from:
        parts = [part(lo, hi) for lo, hi in split_ranges(counts, pool.workers)]
        return pool.run(path, "", [], parts, checks, budget, tally)
    return scan_texts(conn, part(counts[0][0], counts[-1][1]), checks, budget, tally)


def trigram_candidates(conn: sqlite3.Connection, plan: Plan) -> list[int] | None:
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


def unit_counts(conn: sqlite3.Connection, plan: Plan) -> list[tuple[int, int, int]]:
    """(first id, last id, units) of each kept document, in id order."""
    counts = []
    for key, units in conn.execute("SELECT key, units FROM docs ORDER BY key"):
        if plan.keys is None or key in plan.keys:
            lo, hi = unit_ranges([key])[0]
            counts.append((lo, hi, units))
    return counts


def hits_of(conn: sqlite3.Connection, plan: Plan, rows: Sequence[Row]) -> list[Hit]:
    info: dict[int, tuple[object, ...]] = {}
    ids = [r[0] for r in rows]
    for chunk in range(0, len(ids), ID_CHUNK):
        listed = ",".join(str(int(i)) for i in ids[chunk : chunk + ID_CHUNK])
        for row in conn.execute(
            "SELECT u.id, u.bead, u.status, u.score, u.kk_ids, u.en_ids, d.name, d.date, "
            f"d.title, u.kk_read FROM units u JOIN docs d ON d.key = (u.id >> {POSITION_BITS}) "
            f"WHERE u.id IN ({listed})"
        ):
            info[row[0]] = row[1:]
    hits = []
    for uid, kk, en, kk_searched, en_searched in rows:
        bead, status, score, kk_ids, en_ids, name, date, title, kk_read = info[uid]
        kk_spans, en_spans = plan.hit_spans(kk_searched, en_searched)
        hits.append(
            Hit(
                doc=str(name),
                bead=bead if isinstance(bead, int) else None,
                position=split_unit_id(uid)[1],
                status=str(status),
                score=score if isinstance(score, float) else None,
                kk=shown(kk),
                en=shown(en),
                kk_ids=tuple(str(kk_ids).split()),
                en_ids=tuple(str(en_ids).split()),
                kk_spans=tuple(kk_spans),
                en_spans=tuple(en_spans),
                key=plan.key_side(kk_spans, en_spans),
                date=date if isinstance(date, str) else None,
                title=str(title or ""),
                kk_breaks=sentence_breaks(kk),
                en_breaks=sentence_breaks(en),
                kk_read=shown(kk_read) if isinstance(kk_read, str) else None,
            )
        )
    return hits


def empty_only_note(source: str, units: int) -> str:
    """The note for a pattern whose matches were all empty."""
    return (
        f"the regular expression {quoted(source)} found only empty matches (in {units:,} units), "
        "and an empty match is never a hit: make it need at least one character"
    )


def is_damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether an SQLite error means the index file is damaged (and worth rebuilding)."""
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "no such" in str(exc)
