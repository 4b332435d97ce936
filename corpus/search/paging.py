"""Pages of match lines, made without turning every matching unit into a hit.

:class:`~corpus.search.concordance.Concordance` holds every line of a search as
a :class:`~corpus.search.concordance.MatchLine`, each on a full
:class:`~corpus.search.results.Hit` (a bead's metadata read from SQLite, both
sides' spans found): fine for a few thousand matches, slow for a hundred
thousand. A page needs that only for its own lines. So a search's units stay
:data:`~corpus.search.regexscan.Row` s (id and texts, as the scans return them),
each match of a row is a small :class:`Match` (which row, which of its matches,
where), the matches are sorted by the same keys as
:func:`~corpus.search.concordance.sort_lines`, and only the rows of the page
become hits (:func:`page_lines`).

Counts are of matches and of units. For a word query in document order the
engine does not even read every row: the units come a chunk at a time until
the page is full, and the number of matches of a single word (or prefix, or
lemma) on one side with no filter is the FTS5 vocabulary's count of that word
(:func:`vocabulary_count`), which is what finding every span would give. A query
whose key side is one word, in any order, reads only that side's text and finds its
matches in one pass over the joined texts, keying in full only those the page needs
(:func:`single_word_page`, :mod:`corpus.search.wordsort`); Kazakh printed in another
script is joined as its reading, so it is found and sorted as read, as a page of every
match would (unless the word is itself a printed spelling of one: then unit by unit).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from corpus.search.concordance import LINE_SORTS, MatchLine, line_key
from corpus.search.fetch import fts_joined, has_readings, hits_of, rows_of
from corpus.search.morphtext import SEP
from corpus.search.plan import Plan, Query, Span
from corpus.search.querylang import LemmaTerm, Term
from corpus.search.reading import ReadText
from corpus.search.regexscan import Row
from corpus.search.wordsort import one_pass


class Match(NamedTuple):
    """One match of ``rows[row]``: the ``number``-th span (from 0) of its ``side``."""

    row: int
    number: int
    side: str
    span: Span


@dataclass
class LinePage:
    """One page of match lines and the search's counts.

    ``matches`` is the number of match lines of the whole search, ``units``
    the number of aligned units they are in; ``lines`` are those from
    ``offset`` (at most ``limit``), in the order ``sort`` names.
    """

    query: Query
    matches: int
    units: int
    offset: int
    limit: int | None
    sort: str
    lines: list[MatchLine]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def row_matches(plan: Plan, rows: Sequence[Row], first: int = 0) -> list[Match]:
    """Every key-side match of ``rows`` in text order (a row without one gives one line
    at (0, 0), as :func:`~corpus.search.concordance.match_lines` does); row indices
    count from ``first``.

    A query of one regular expression on one side (the usual one) has its spans found
    directly: they are those :meth:`~corpus.search.plan.Plan.hit_spans` would give
    (one pattern's matches never overlap, so there is nothing to merge), without its
    per-row sets, merging and choice of side, which cost more than the matching.
    """
    found: list[Match] = []
    positive = plan.positive
    if len(positive) == 1 and positive[0].pattern is not None and len(positive[0].sides) == 1:
        condition, side = positive[0], positive[0].sides[0]
        column = 3 if side == "kk" else 4
        for n, row in enumerate(rows, first):
            spans = condition.spans(row[column], plan.budget, side) or [(0, 0)]
            found += [Match(n, i, side, span) for i, span in enumerate(spans)]
        return found
    for n, row in enumerate(rows, first):
        kk_spans, en_spans = plan.hit_spans(row[3], row[4])
        side = plan.key_side(kk_spans, en_spans)
        spans = (kk_spans if side == "kk" else en_spans) or [(0, 0)]
        found += [Match(n, i, side, span) for i, span in enumerate(spans)]
    return found


def sorted_matches(
    plan: Plan, rows: Sequence[Row], sort: str, readings: Mapping[int, str] | None = None
) -> list[Match]:
    """Every key-side match of ``rows``, match by match, in the order ``sort`` names
    (what a query :func:`single_word_page` does not take goes this way); ``readings`` as
    for :func:`sort_matches`."""
    return sort_matches(rows, row_matches(plan, rows), sort, readings)


def single_word_page(
    conn: sqlite3.Connection, plan: Plan, sort: str, offset: int, limit: int | None
) -> tuple[int, int, list[MatchLine]] | None:
    """(matches, units, the page's lines) of a query whose key side is one word, reading
    only that side's text (:func:`~corpus.search.wordsort.one_pass`), both texts for the
    page's units alone; None for other queries."""
    term = _single_word(plan)
    if term is None:
        return None
    side, word = term
    read = side == "kk" and has_readings(conn)
    if read and _printed_spelling(conn, word):
        return None  # found in some printed text too, which the joined readings do not hold
    ids, joined = fts_joined(conn, plan, side, read)
    matches, page = one_pass(joined, word, sort, offset, limit)
    chosen = [Match(n, i, side, span) for n, i, span in page]
    rows = rows_of(conn, [ids[m.row] for m in chosen], read)
    lines = page_lines(conn, plan, {m.row: rows[ids[m.row]] for m in chosen}, chosen)
    return matches, len(ids), [_as_printed(line) for line in lines] if read else lines


def _printed_spelling(conn: sqlite3.Connection, word: tuple[str, bool]) -> bool:
    """Whether a word (or prefix) is the printed spelling of some Kazakh word printed in
    another script (the ``kk_p`` column): a query of it is found in that printed text,
    not in the reading, and must be searched unit by unit."""
    where, params = term_filter("kk_p", *word)
    return conn.execute(f"SELECT 1 FROM vocab WHERE {where} LIMIT 1", params).fetchone() is not None


def _as_printed(line: MatchLine) -> MatchLine:
    """``line`` found in its unit's reading (Kazakh printed in another script), its span
    moved to the printed words, where the concordance shows it."""
    read = line.hit.reading(line.side)
    if read is None:
        return line
    span = ReadText(read, line.hit.kk).printed_spans([line.span])[0]
    return MatchLine(line.hit, line.side, line.number, span)


def _single_word(plan: Plan) -> tuple[str, tuple[str, bool]] | None:
    """The key side and the word (search form, prefix?) of a query whose key-side
    matches are one word's (or prefix's): word conditions each on one side, one of
    them on the key side, and that one a single word; no look-alike folding (the
    searched text is the text)."""
    if plan.regex or plan.query.fold or plan.checked:
        return None
    positive = plan.positive
    if any(len(c.sides) != 1 or c.expression is None for c in positive):
        return None
    side = positive[0].sides[0]
    on_side = [c for c in positive if c.sides[0] == side]
    assert on_side[0].expression is not None
    terms = on_side[0].expression.terms()
    if len(on_side) != 1 or len(terms) != 1:
        return None
    term = terms[0]
    if not isinstance(term, Term) or len(term.words) != 1:
        return None
    return side, term.words[0]


def sort_matches(
    rows: Sequence[Row], found: list[Match], sort: str, readings: Mapping[int, str] | None = None
) -> list[Match]:
    """``found`` in the order ``sort`` names, by the keys of
    :func:`~corpus.search.concordance.sort_lines` (document order last). A Kazakh text
    printed in another script sorts by its reading: the one its row's searched text
    carries (a word query's), else the one in ``readings`` (by unit id,
    :func:`~corpus.search.fetch.unit_readings`), as the lines of a concordance do."""
    if sort not in LINE_SORTS:
        raise ValueError(f"unknown sort {sort!r}: use {', '.join(LINE_SORTS)}")
    if sort == "doc":
        return found
    read = readings or {}
    keyed = [(_line_key(rows[m.row], m, sort, read), n, m) for n, m in enumerate(found)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [m for _, _, m in keyed]


def _line_key(row: Row, match: Match, sort: str, readings: Mapping[int, str]) -> tuple[object, ...]:
    """:func:`~corpus.search.concordance.line_key` of ``match`` of ``row``: a Kazakh text
    printed in another script by its reading, which the row's searched text carries
    (:class:`~corpus.search.reading.ReadText`) or ``readings`` holds."""
    if match.side == "en":
        return line_key(row[2], match.span, sort)
    read = str(row[3]) if isinstance(row[3], ReadText) else readings.get(row[0])
    return line_key(row[1], match.span, sort, read)


def page_lines(
    conn: sqlite3.Connection, plan: Plan, rows: Sequence[Row] | Mapping[int, Row],
    chosen: Sequence[Match],
) -> list[MatchLine]:  # fmt: skip
    """The lines of ``chosen`` matches, their rows made hits once each."""
    needed = sorted({m.row for m in chosen})
    hits = dict(zip(needed, hits_of(conn, plan, [rows[i] for i in needed]), strict=True))
    return [MatchLine(hits[m.row], m.side, m.number, m.span) for m in chosen]


def one_word(plan: Plan) -> tuple[str, str, bool] | None:
    """(FTS5 columns, space-separated; index term, prefix?) of a query of one word,
    prefix or lemma on one side with no other condition and no filter; None for any
    other query.

    Such a query's matches are exactly the term's occurrences in that column (a
    single word never spans a sentence end), so the index can count them.
    """
    if len(plan.conditions) != 1 or plan.keys is not None or plan.statuses or plan.query.fold:
        return None
    condition = plan.conditions[0]
    expression = condition.expression
    if condition.negated or expression is None or len(condition.sides) != 1:
        return None
    terms = expression.terms()
    if len(terms) != 1 or len(terms[0].words) != 1:
        return None
    side, term = condition.sides[0], terms[0]
    if isinstance(term, Term):
        word, prefix = term.words[0]
        return ("kk kk_p" if side == "kk" else side), word, prefix  # as Term.fts_on asks
    if not isinstance(term, LemmaTerm):  # features: FTS5 knows the unit, not the word
        return None
    lemma, pos = term.words[0]
    # A Kazakh word's second lemma (the also column) is never its first: the counts add up.
    columns = "kk_m kk_a" if side == "kk" else f"{side}_m"
    if pos:
        return columns, f"{lemma}{SEP}{pos.lower()}", False
    return columns, f"{lemma}{SEP}", True


def term_filter(columns: str, word: str, prefix: bool) -> tuple[str, tuple[str, ...]]:
    """SQL conditions on an FTS5 vocabulary's ``col`` and ``term`` for one word or prefix
    in any of ``columns`` (space-separated)."""
    names = columns.split()
    col = f"col IN ({', '.join('?' * len(names))})"
    if prefix:
        return f"{col} AND term >= ? AND term < ?", (*names, word, word + "\U0010ffff")
    return f"{col} AND term = ?", (*names, word)


def vocabulary_count(conn: sqlite3.Connection, plan: Plan) -> int | None:
    """The number of matches of a :func:`one_word` query from the FTS5 vocabulary
    (without reading a unit), or None for another query."""
    found = one_word(plan)
    if found is None:
        return None
    where, params = term_filter(*found)
    sql = f"SELECT coalesce(sum(cnt), 0) FROM vocab WHERE {where}"
    return int(conn.execute(sql, params).fetchone()[0])
