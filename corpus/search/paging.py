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
(:func:`vocabulary_count`), which is what finding every span would give.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from corpus.morphology.tokens import word_pattern
from corpus.search.concordance import LINE_SORTS, TIE_WORDS, MatchLine, line_key
from corpus.search.fetch import hits_of
from corpus.search.morphtext import SEP
from corpus.search.plan import Plan, Query, Span
from corpus.search.querylang import LemmaTerm, Term
from corpus.search.regexscan import Row
from corpus.search.searchtext import sort_key

#: Characters after a match read for its context words first (more if they hold too few).
AFTER_CHARS = 200


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
    count from ``first``."""
    found: list[Match] = []
    for n, row in enumerate(rows, first):
        kk_spans, en_spans = plan.hit_spans(row[3], row[4])
        side = plan.key_side(kk_spans, en_spans)
        spans = (kk_spans if side == "kk" else en_spans) or [(0, 0)]
        found += [Match(n, i, side, span) for i, span in enumerate(spans)]
    return found


def sorted_matches(plan: Plan, rows: Sequence[Row], sort: str) -> list[Match]:
    """Every key-side match of ``rows`` in the order ``sort`` names.

    A query whose key side has one single word (or prefix) is done in one pass
    of one regular expression per text (:func:`_one_pass`): a hundred thousand
    matches sorted by the node or R1–R3 take a fraction of what finding the
    spans and then the words after them one match at a time takes. Other
    queries and L1–L3 go match by match (:func:`row_matches`, :func:`sort_matches`).
    """
    fast = _one_pass(plan, rows, sort)
    if fast is not None:
        return fast
    return sort_matches(rows, row_matches(plan, rows), sort)


def _one_pass(plan: Plan, rows: Sequence[Row], sort: str) -> list[Match] | None:
    """:func:`sorted_matches` for a single word on the key side (None for other queries).

    The word's own pattern (``Term.regex``, exactly what finds its spans) finds
    the matches, and the words after each are read from the next
    :data:`AFTER_CHARS` characters (further when those hold too few), so the keys
    are those :func:`line_key` gives.
    """
    term = _single_word(plan)
    if term is None or sort[0] == "L":
        return None
    side, pattern = term
    column = 1 if side == "kk" else 2
    if sort == "doc":
        return [
            Match(n, i, side, m.span())
            for n, row in enumerate(rows)
            for i, m in enumerate(pattern.finditer(row[column]))
        ]
    at = 0 if sort == "node" else int(sort[1]) - 1
    wanted = 1 + TIE_WORDS if sort == "node" else at + 1 + TIE_WORDS
    # Keys as strings, one translation each: words joined by U+0001 compare as the
    # tuples of words would, and U+0000 before the node sorts a shorter context first
    # (text never holds either: searchtext.clean makes them spaces).
    keyed = []
    lowered = re.compile(pattern.pattern)  # the words are in lower case: on lowered text
    for n, row in enumerate(rows):
        text = row[column]
        low = text.lower()
        # Case-sensitive on lowered text lets re look for the word's letters directly
        # (several times faster); a text whose lowering changes its length keeps
        # the case-insensitive pattern and lowers what it finds.
        finder, text = (lowered, low) if len(low) == len(text) else (pattern, text)
        words_in = word_pattern(text)
        for i, m in enumerate(finder.finditer(text)):
            start, end = m.span()
            reach = end + AFTER_CHARS
            words = words_in.findall(text, end, reach)
            if len(words) <= wanted and reach < len(text):  # the last may be cut: read on
                words = words_in.findall(text, end)
            node = sort_key(m.group().lower())
            if sort == "node":
                key = node + "\x00" + sort_key("\x01".join(words[:wanted]).lower())
            else:
                key = sort_key("\x01".join(words[at:wanted]).lower()) + "\x00" + node
            keyed.append((key, len(keyed), n, i, start, end))
    keyed.sort()
    return [Match(n, i, side, (start, end)) for _, _, n, i, start, end in keyed]


def _single_word(plan: Plan) -> tuple[str, re.Pattern[str]] | None:
    """The key side and pattern of a query whose key-side matches are one word's (or
    prefix's): word conditions each on one side, one of them on the key side, and
    that one a single word; no look-alike folding (the searched text is the text)."""
    if plan.regex or plan.query.fold:
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
    return side, term.regex


def sort_matches(rows: Sequence[Row], found: list[Match], sort: str) -> list[Match]:
    """``found`` in the order ``sort`` names, by the keys of
    :func:`~corpus.search.concordance.sort_lines` (document order last)."""
    if sort not in LINE_SORTS:
        raise ValueError(f"unknown sort {sort!r}: use {', '.join(LINE_SORTS)}")
    if sort == "doc":
        return found
    keyed = [
        (line_key(rows[m.row][1 if m.side == "kk" else 2], m.span, sort), n, m)
        for n, m in enumerate(found)
    ]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [m for _, _, m in keyed]


def page_lines(
    conn: sqlite3.Connection, plan: Plan, rows: Sequence[Row], chosen: Sequence[Match]
) -> list[MatchLine]:
    """The lines of ``chosen`` matches, their rows made hits once each."""
    needed = sorted({m.row for m in chosen})
    hits = dict(zip(needed, hits_of(conn, plan, [rows[i] for i in needed]), strict=True))
    return [MatchLine(hits[m.row], m.side, m.number, m.span) for m in chosen]


def one_word(plan: Plan) -> tuple[str, str, bool] | None:
    """(FTS5 column, index term, prefix?) of a query of one word, prefix or lemma on one
    side with no other condition and no filter; None for any other query.

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
        return side, word, prefix
    assert isinstance(term, LemmaTerm)
    lemma, pos = term.words[0]
    if pos:
        return f"{side}_m", f"{lemma}{SEP}{pos.lower()}", False
    return f"{side}_m", f"{lemma}{SEP}", True


def term_filter(column: str, word: str, prefix: bool) -> tuple[str, tuple[str, ...]]:
    """SQL conditions on an FTS5 vocabulary's ``col`` and ``term`` for one word or prefix."""
    if prefix:
        return "col = ? AND term >= ? AND term < ?", (column, word, word + "\U0010ffff")
    return "col = ? AND term = ?", (column, word)


def vocabulary_count(conn: sqlite3.Connection, plan: Plan) -> int | None:
    """The number of matches of a :func:`one_word` query from the FTS5 vocabulary
    (without reading a unit), or None for another query."""
    found = one_word(plan)
    if found is None:
        return None
    where, params = term_filter(*found)
    sql = f"SELECT coalesce(sum(cnt), 0) FROM vocab WHERE {where}"
    return int(conn.execute(sql, params).fetchone()[0])
