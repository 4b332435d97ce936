"""Regular-expression pages counted in the word index's vocabulary, not in every unit.

A pattern such as ``\\w+стан\\b`` or ``[әө]\\w+ді\\b`` can only match inside one
word: every character it takes is a letter or a digit, and ``\\b`` looks only at
a word's edges. Its matches in a text are then its matches in each run of word
characters taken alone, so they can be found once per distinct word of the index
(the FTS5 vocabulary: tens of thousands of terms, not a million units) and
multiplied by each word's number of occurrences. The units are those holding a
matched word; the page (in document order) needs only its first units' texts.

This is exact only where the index's words and the pattern's words are the same
runs of characters, compared the same way. They differ on

* characters ``\\w`` takes that do not make words for FTS5 (the underscore,
  combining marks, connector punctuation, joiners): ``ab_cd`` is one run for the
  pattern but two index words;
* case: the index lowercases words with SQLite's own table, the pattern ignores
  case with ``regex``'s, and the two part ways on letters such as ``İ`` and ``ı``.

So a pattern takes this path only when (:func:`vocabulary_pattern`) each of its
characters is a letter or digit of :data:`~corpus.search.searchtext.PLAIN`
(ASCII, Latin to the end of the IPA block, Cyrillic: the alphabets of Kazakh in both
scripts and of English, letters whose case is one-to-one in both tables) or
``\\w`` / ``\\d``, its anchors are ``\\b`` / ``\\B`` only, and no text of its side
in the corpus holds a word character outside that set (the index records which
documents do: :data:`~corpus.search.searchtext.DOUBTFUL`). Hyphens, private-use
characters and other numerals are part of index words but not of ``\\w``: they
stay in the vocabulary's words, where they separate runs exactly as in the text.
Anything else takes the scan.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from corpus.search.concordance import MatchLine
from corpus.search.fetch import has_readings, rows_of
from corpus.search.paging import page_lines, row_matches
from corpus.search.plan import Plan
from corpus.search.regexfilter import parse_pattern, sre_constants
from corpus.search.regexscan import Row, match_spans
from corpus.search.searchtext import PLAIN

_PLAIN_CHAR = regex.compile(PLAIN)
#: Ranges in a pattern's class are checked character by character up to this size.
RANGE_LIMIT = 2000

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_WORD_CLASSES = (sre_constants.CATEGORY_WORD, sre_constants.CATEGORY_DIGIT)
_EDGES = (sre_constants.AT_BOUNDARY, sre_constants.AT_NON_BOUNDARY)


def vocabulary_pattern(plan: Plan, sort: str) -> tuple[str, regex.Pattern[str]] | None:
    """(side, pattern) of a query the vocabulary can answer, None for any other.

    One positive case-insensitive regular expression on one side, no document,
    status or look-alike filter, document order, and a pattern confined to one
    word (:func:`_confined`).
    """
    if not plan.regex or sort != "doc" or plan.query.fold or plan.query.match_case:
        return None
    if len(plan.conditions) != 1 or plan.keys is not None or plan.statuses:
        return None
    condition = plan.conditions[0]
    pattern = condition.pattern
    if condition.negated or pattern is None or len(condition.sides) != 1:
        return None
    if pattern.regex.flags & ~(regex.IGNORECASE | regex.UNICODE | regex.VERSION0):
        return None
    parsed = parse_pattern(pattern.source, pattern.regex.flags)
    if parsed is None or parsed.state.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    # At least one character: no empty match, which the scan would note.
    if parsed.getwidth()[0] < 1 or not pattern.regex.flags & regex.IGNORECASE:
        return None
    if not _confined(parsed):
        return None
    return condition.sides[0], pattern.regex


def _confined(items: Iterable[tuple[object, object]]) -> bool:
    """Whether every item of a parsed pattern takes only characters of
    :data:`~corpus.search.searchtext.PLAIN` or ``\\w`` / ``\\d``, anchored by
    ``\\b`` / ``\\B`` at most (conservatively: any construct not listed here makes
    it False)."""
    for op, arg in items:
        if op is sre_constants.LITERAL:
            if not _plain(arg):  # type: ignore[arg-type]
                return False
        elif op is sre_constants.IN:
            if not all(_in_item(kind, value) for kind, value in arg):  # type: ignore[attr-defined]
                return False
        elif op in _REPEATS:
            if not _confined(arg[2]):  # type: ignore[index]
                return False
        elif op is sre_constants.SUBPATTERN:
            _, add, remove, body = arg  # type: ignore[misc]
            if add or remove or not _confined(body):
                return False
        elif op is sre_constants.BRANCH:
            if not all(_confined(branch) for branch in arg[1]):  # type: ignore[index]
                return False
        elif op is sre_constants.AT:
            if arg not in _EDGES:
                return False
        else:
            return False
    return True


def _in_item(kind: object, value: object) -> bool:
    """Whether one member of a character class takes only word characters of a plain kind."""
    if kind is sre_constants.LITERAL:
        return _plain(value)  # type: ignore[arg-type]
    if kind is sre_constants.RANGE:
        low, high = value  # type: ignore[misc]
        return high - low < RANGE_LIMIT and all(_plain(c) for c in range(low, high + 1))
    if kind is sre_constants.CATEGORY:
        return value in _WORD_CLASSES
    return False  # NEGATE and anything else


def _plain(code: int) -> bool:
    return _PLAIN_CHAR.fullmatch(chr(code)) is not None


def has_doubtful(conn: sqlite3.Connection, side: str) -> bool:
    """Whether some document's text of ``side`` holds a :data:`~corpus.search.searchtext.DOUBTFUL`
    character."""
    sql = "SELECT EXISTS (SELECT 1 FROM doubtful WHERE side = ?)"
    return bool(conn.execute(sql, (side,)).fetchone()[0])


def vocabulary_page(
    conn: sqlite3.Connection, plan: Plan, sort: str, offset: int, limit: int | None
) -> tuple[int, int, list[MatchLine]] | None:
    """(matches, units, the page's lines) of a query :func:`vocabulary_pattern`
    accepts, counted in the vocabulary; None for other queries or corpora."""
    chosen = vocabulary_pattern(plan, sort)
    if chosen is None or limit is None:
        return None
    side, pattern = chosen
    if has_doubtful(conn, side) or (side == "kk" and has_readings(conn)):
        return None  # the vocabulary holds the Cyrillic reading, a pattern reads the print
    matched = _matched_terms(conn, side, pattern, plan)
    matches = sum(count * found for count, found in matched.values())
    units = _units_holding(conn, side, list(matched))
    want = offset + limit
    # Every unit holding a matched word has a match: the page is in its first units.
    ids = units[:want]
    fetched = rows_of(conn, ids)
    rows: list[Row] = [fetched[uid] for uid in ids]
    chosen_matches = row_matches(plan, rows)[offset:want]
    return matches, len(units), page_lines(conn, plan, rows, chosen_matches)


def _matched_terms(
    conn: sqlite3.Connection, side: str, pattern: regex.Pattern[str], plan: Plan
) -> dict[str, tuple[int, int]]:
    """Each vocabulary word of ``side`` the pattern matches: (occurrences, matches in it).

    The words are searched a chunk at a time, joined by a space: a confined
    pattern's match never takes the space, and a space is a word's edge just as
    the end of a text is, so each word's matches are those it has alone.
    """
    found: dict[str, tuple[int, int]] = {}
    for chunk in word_list(conn, side):
        for start, _ in match_spans(pattern, chunk.joined, plan.budget):
            at = bisect_right(chunk.starts, start) - 1
            term = chunk.term(at)
            found[term] = (chunk.counts[at], found.get(term, (0, 0))[1] + 1)
    return found


@dataclass(frozen=True)
class Chunk:
    """Vocabulary words joined by spaces, with where each starts and how often it occurs."""

    joined: str
    starts: array[int]
    counts: array[int]

    def term(self, at: int) -> str:
        end = self.starts[at + 1] - 1 if at + 1 < len(self.starts) else len(self.joined)
        return self.joined[self.starts[at] : end]


def word_list(conn: sqlite3.Connection, side: str) -> tuple[Chunk, ...]:
    """The index's distinct words of ``side`` with their occurrences, in chunks.

    Reading them from the FTS5 vocabulary walks the whole word index (1.7 s at a
    million pairs, nearly all of a regex page's time), and they change only when
    the index does: so they are kept per index file and generation
    (:meth:`~corpus.search.index.SearchIndex.generation` grows with every
    write; the ``instance`` the file was created with tells two files apart) and
    read again only after a change. An index made before ``instance`` was
    recorded is read every time.
    """
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('instance', 'generation')"))
    key = (meta.get("instance"), meta.get("generation"), side)
    with _LOCK:
        kept = _KEPT.get(key)
    if kept is not None:
        return kept
    kept = tuple(_read_chunks(conn, side))
    if key[0] is not None:
        with _LOCK:
            for old in [k for k in _KEPT if k[0] == key[0] and k[2] == side]:
                del _KEPT[old]  # an older generation of the same index: never asked again
            while len(_KEPT) >= KEPT_LISTS:
                del _KEPT[next(iter(_KEPT))]
            _KEPT[key] = kept
    return kept


def _read_chunks(conn: sqlite3.Connection, side: str) -> Iterator[Chunk]:
    selected = conn.execute("SELECT term, cnt FROM vocab WHERE col = ?", (side,))
    while rows := selected.fetchmany(TERM_CHUNK):
        starts, at = array("q"), 0
        for term, _ in rows:
            starts.append(at)
            at += len(term) + 1
        joined = " ".join(term for term, _ in rows)
        yield Chunk(joined, starts, array("q", (count for _, count in rows)))


#: Vocabulary words searched in one call (a few hundred thousand characters).
TERM_CHUNK = 20_000
#: Word lists kept in a process (a few indexes' two sides: an app has one corpus open).
KEPT_LISTS = 4
_KEPT: dict[tuple[str | None, str | None, str], tuple[Chunk, ...]] = {}
_LOCK = threading.Lock()
#: The per-connection FTS5 vocabulary of every occurrence (as in distribution.py).
_INSTANCES = "temp.kopir_instances"


def _units_holding(conn: sqlite3.Connection, side: str, terms: list[str]) -> list[int]:
    """The ids, in order, of the units whose ``side`` holds one of ``terms``."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_INSTANCES} USING fts5vocab(main, words, instance)"
    )
    found: set[int] = set()
    sql = f"SELECT doc FROM {_INSTANCES} WHERE term = ? AND col = ?"
    for term in terms:
        found.update(uid for (uid,) in conn.execute(sql, (term, side)))
    return sorted(found)
