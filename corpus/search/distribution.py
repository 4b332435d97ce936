"""Where a query's matches are: per document, year, date or bead status, with dispersion.

A part is a document (``by="doc"``), the documents of one year (``year``) or
one date (``date``), or the units of one bead status (``status``). Each part
gets its matches, the units they are in, its size in words and the matches per
million words. Matches are counted on the query's key side as
:mod:`corpus.search.frequency` counts them (both sides, and words of both, for
a query on either side), so the document rows are those of ``--freq doc``; here
every part of the searched corpus is listed, those without a match too, since
they are what dispersion is about.

**Dispersion** is Gries's *DP* ("deviation of proportions", Gries 2008,
*Dispersions and adjusted frequencies in corpora*): with ``s`` a part's share
of the corpus's words and ``v`` its share of the matches, DP = ½·Σ|v − s|.
0 means the matches are spread exactly as the text is; it approaches 1 when
they all sit in one small part. ``dp_norm`` divides by its largest possible
value, 1 − min(s) (Lijffijt and Gries 2012), so corpora with different parts
compare. DP rather than Juilland's D because D assumes parts of equal size
(its coefficient of variation treats every part alike), while documents of a
news corpus differ in length by orders of magnitude; DP weighs each part by
its size, needs nothing but the counts, and does not degenerate with many parts.

Counting is cheap where it can be. A query of one word, prefix or lemma on one
side without filters is counted in the FTS5 index itself: its ``instance``
vocabulary lists each occurrence with its unit, so a hundred thousand matches
are grouped in SQLite without reading a text. Other queries count the spans of
every matching unit (no hit is made).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus.search.paging import one_word, term_filter
from corpus.search.plan import Plan, Query, counted_side
from corpus.search.querylang import QueryError
from corpus.search.regexscan import ID_CHUNK, Row
from corpus.search.rows import POSITION_BITS
from corpus.wording import plural

#: What a distribution can be over.
PARTS: tuple[str, ...] = ("doc", "year", "date", "status")
#: The part of documents with no date, by year or date.
UNDATED = "(no date)"
#: The per-connection FTS5 vocabulary of every occurrence (unit, column, position).
INSTANCES = "temp.kopir_instances"


@dataclass(frozen=True)
class Part:
    """One part of the searched corpus and the query's matches in it."""

    key: str
    matches: int
    units: int
    words: int

    @property
    def per_million(self) -> float | None:
        return self.matches * 1_000_000 / self.words if self.words else None


@dataclass
class Distribution:
    """The query's matches over the parts ``by`` names, and their dispersion (DP)."""

    query: Query
    by: str
    side: str
    parts: list[Part]
    warnings: list[str] = field(default_factory=list)

    @property
    def matches(self) -> int:
        return sum(p.matches for p in self.parts)

    @property
    def units(self) -> int:
        return sum(p.units for p in self.parts)

    @property
    def words(self) -> int:
        return sum(p.words for p in self.parts)

    @property
    def dp(self) -> float | None:
        """Gries's DP over the parts (None without matches or words)."""
        matches, words = self.matches, self.words
        if not matches or not words:
            return None
        return sum(abs(p.matches / matches - p.words / words) for p in self.parts) / 2

    @property
    def dp_norm(self) -> float | None:
        """DP divided by its largest possible value for these parts, 1 − the smallest share."""
        dp, words = self.dp, self.words
        if dp is None:
            return None
        most = 1 - min(p.words / words for p in self.parts)
        return dp / most if most > 0 else 0.0

    def summary(self) -> str:
        """``53 matches in 49 units across 5 documents; DP 0.21 (normalised 0.26)``; by year
        or date, the undated documents' part is named, not counted as a year
        (``across 7 years and the undated documents``)."""
        what = {"doc": "document", "year": "year", "date": "date", "status": "status"}[self.by]
        parts = [p for p in self.parts if p.key != UNDATED or self.by not in ("year", "date")]
        undated = " and the undated documents" if len(parts) < len(self.parts) else ""
        text = (
            f"{plural(self.matches, 'match', 'matches')} in {plural(self.units, 'unit')} "
            f"across {plural(len(parts), what, what + 'es' if what == 'status' else None)}"
            f"{undated} ({self.words:,} {self.side} words)"
        )
        dp, norm = self.dp, self.dp_norm
        if dp is not None and norm is not None:
            text += f"; dispersion DP {dp:.3f} (normalised {norm:.3f}; 0 = even, 1 = in one part)"
        return text


def unit_counts(conn: sqlite3.Connection, plan: Plan, rows: Sequence[Row] | None) -> Counter[int]:
    """Matches per unit id: from the FTS5 instances of a
    :func:`~corpus.search.paging.one_word` query (``rows`` None), else from ``rows``."""
    counted: Counter[int] = Counter()
    if rows is None:
        found = one_word(plan)
        assert found is not None
        where, params = term_filter(*found)
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {INSTANCES} USING fts5vocab(main, words, instance)"
        )
        sql = f"SELECT doc, count(*) FROM {INSTANCES} WHERE {where} GROUP BY doc"
        counted.update(dict(conn.execute(sql, params)))
        return counted
    side = counted_side(plan.conditions)
    sides = ("kk", "en") if side == "kk+en" else (side,)
    for row in rows:
        kk_spans, en_spans = plan.hit_spans(row[3], row[4])
        n = (len(kk_spans) if "kk" in sides else 0) + (len(en_spans) if "en" in sides else 0)
        if n:
            counted[row[0]] = n
    return counted


def distribute(
    conn: sqlite3.Connection, plan: Plan, counts: Counter[int], by: str, notes: list[str]
) -> Distribution:
    """The matches per unit, ``counts``, gathered into the parts ``by`` names."""
    if by not in PARTS:
        raise QueryError(f"unknown distribution {by!r}: use {', '.join(PARTS)}")
    side = counted_side(plan.conditions)
    sizes_column = "kk_tokens + en_tokens" if side == "kk+en" else f"{side}_tokens"
    kept = set(plan.keys) if plan.keys is not None else None
    docs = {
        key: (name, date)
        for key, name, date in conn.execute("SELECT key, name, date FROM docs ORDER BY key")
        if kept is None or key in kept
    }
    matches: Counter[str] = Counter()
    units: Counter[str] = Counter()
    if by == "status":
        statuses = _statuses(conn, list(counts))
        part_of = {uid: statuses[uid] for uid in counts}
    else:
        part_of = {uid: _doc_part(docs[uid >> POSITION_BITS], by) for uid in counts}
    for uid, n in counts.items():
        matches[part_of[uid]] += n
        units[part_of[uid]] += 1
    words = _sizes(conn, plan, docs, by, sizes_column)
    keys = sorted(set(words) | set(matches), key=lambda k: (k == UNDATED, k))
    parts = [Part(k, matches[k], units[k], words.get(k, 0)) for k in keys]
    return Distribution(plan.query, by, side, parts, notes)


def _doc_part(doc: tuple[str, str | None], by: str) -> str:
    name, date = doc
    if by == "doc":
        return name
    if not date:
        return UNDATED
    return date[:4] if by == "year" else date


def _sizes(
    conn: sqlite3.Connection, plan: Plan, docs: dict[int, tuple[str, str | None]], by: str,
    column: str,
) -> Counter[str]:  # fmt: skip
    """Words of the counted side(s) in each part (of the kept documents and statuses)."""
    sizes: Counter[str] = Counter()
    if by == "doc" or by in ("year", "date"):
        if plan.statuses:  # only the units of the kept statuses count
            where, params = plan.filters("u.id")
            per_doc = dict(
                conn.execute(
                    f"SELECT u.id >> {POSITION_BITS}, sum({column}) FROM units u "
                    f"WHERE 1{where} GROUP BY 1",
                    params,
                )
            )
        else:
            per_doc = dict(conn.execute(f"SELECT key, {column} FROM docs"))
        for key, doc in docs.items():
            sizes[_doc_part(doc, by)] += per_doc.get(key, 0) or 0
        return sizes
    where, params = plan.filters("u.id")
    for status, n in conn.execute(
        f"SELECT u.status, sum({column}) FROM units u WHERE 1{where} GROUP BY 1", params
    ):
        sizes[str(status)] += n or 0
    return sizes


def _statuses(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(ids), ID_CHUNK):
        listed = ",".join(str(int(i)) for i in ids[start : start + ID_CHUNK])
        found.update(conn.execute(f"SELECT id, status FROM units WHERE id IN ({listed})"))
    return found
