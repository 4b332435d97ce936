"""Frequencies of a query's matches, and its collocates (MI and log-likelihood).

**Frequencies** count the matches of a query on its key side (the side of
its first positive condition; both sides when that condition is on either
side, and then per million words of both): *by form*, each distinct matched string in
lower case (``Тоқаев*`` gives тоқаев, тоқаевтың, тоқаевқа, …), or *by
document*. For each row: the number of matches (occurrences), of units
with at least one (hits), and, by document, the matches per million words
of that side of the document.

**Collocates** are the words that occur near the query's matches more often
than chance. What counts, precisely:

* the *node* is every match on the key side; its tokens are the words the
  match overlaps;
* the *window* is ``window`` words to the left and right of each node,
  inside the same side of the same unit (a unit is a bead's sentences; a
  window never crosses into another unit); positions where windows overlap
  count once, and node tokens never count;
* O11 is how often the word occurs in windows, R1 the number of window
  positions, C1 the word's frequency on that side of the searched corpus
  (the whole index, or the documents and statuses the query filters to),
  N the number of words on that side of it;
* expected E11 = R1·C1/N; MI = log2(O11/E11); log-likelihood is Dunning's G²
  on the 2×2 table (O11, R1−O11, C1−O11, N−R1−C1+O11).

Only attracted words (O11 > E11) with O11 ≥ ``min_freq`` are listed, by
log-likelihood (or MI). Asking for the collocates on the *other* side
(``--kk ЕҚЫҰ --collocates --side en``, or ``side="other"``, which names
the side opposite the query's) compares units instead of positions:
O11 is the number of hit units whose English contains the word, R1 the
number of hit units, C1 the number of units whose English contains it, N
the number of units with English. Its top words are candidate translations.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from corpus.search.fetch import subcorpus_texts
from corpus.search.morphtext import SEP
from corpus.search.plan import Plan, Query, check_statuses, compile_query, counted_side
from corpus.search.query import QueryEngine
from corpus.search.querylang import QueryError
from corpus.search.reading import keyed_words, span_as_read, stored_keys, words_as_read
from corpus.search.regexscan import Budget
from corpus.search.results import Hit
from corpus.search.searchtext import sort_key, word_set
from corpus.wording import plural

By = Literal["form", "doc", "lemma", "pos"]
#: What a word is counted as: its lower-case form, its lemma, or its part of speech.
Unit = Literal["form", "lemma", "pos"]
UNITS = ("form", "lemma", "pos")
OTHER_SIDE = {"kk": "en", "en": "kk"}
#: Collocates are looked up in the vocabulary this many at a time.
_LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class FreqRow:
    """A form or a document, with how often the query matched it."""

    key: str
    occurrences: int
    hits: int
    words: int | None = None  # words on the side (by document), for the normalised rate

    @property
    def per_million(self) -> float | None:
        if not self.words:
            return None
        return self.occurrences * 1_000_000 / self.words


@dataclass
class Frequencies:
    by: str
    side: str
    rows: list[FreqRow]
    total_occurrences: int
    total_hits: int
    warnings: list[str] = field(default_factory=list)
    #: A word list (:func:`word_list`): the rows count every word, not a query's matches.
    every_word: bool = False

    def summary(self) -> str:
        """The table in one line: ``17 matches in 17 units (kk side), 3 forms`` (a word
        list: ``19,835 kk words in 1,401 units, 6,954 forms``, short enough for the Query
        screen's title at 80 columns with a large corpus's counts)."""
        distinct = plural(len(self.rows), _ROW_NAMES.get(self.by, "form"))
        if self.every_word:
            return f"{plural(self.total_occurrences, self.side + ' word')} in " + (
                f"{plural(self.total_hits, 'unit')}, {distinct}"
            )
        matches = plural(self.total_occurrences, "match", "matches")
        return f"{matches} in {plural(self.total_hits, 'unit')} ({self.side} side), {distinct}"


_ROW_NAMES = {"doc": "document", "lemma": "lemma", "pos": "tag"}


def frequencies(
    engine: QueryEngine, query: Query, by: By = "form", budget: Budget | None = None
) -> Frequencies:
    """How often the query matched, by matched form, lemma, part of speech or document.

    Most frequent first. By lemma (or part of speech), a match is the lemmas
    (tags) of the words it covers, so ``Тоқаев*`` groups тоқаев, тоқаевтың,
    тоқаевқа as one row. ``budget`` bounds and can abandon the search, as for
    ``QueryEngine.search``.
    """
    if by not in ("form", "doc", "lemma", "pos"):
        raise QueryError(f"unknown frequency grouping {by!r}: use form, lemma, pos or doc")
    hits, notes = engine.matches(query, budget)
    side = counted_side(compile_query(query))  # the conditions alone: no second look at the index
    counted = ("kk", "en") if side == "kk+en" else (side,)
    occurrences: Counter[str] = Counter()
    units: Counter[str] = Counter()
    for hit in hits:
        if by == "doc":
            keys = [hit.doc for s in counted for _span in hit.spans(s)]
        else:
            keys = [hit_key(hit, s, span, by) for s in counted for span in hit.spans(s)]
        occurrences.update(keys)
        units.update(set(keys))
    words: dict[str, int] = {}
    if by == "doc":
        columns = "kk_tokens + en_tokens" if side == "kk+en" else f"{side}_tokens"
        conn = engine.index.conn
        words = {name: n for name, n in conn.execute(f"SELECT name, {columns} FROM docs")}
    rows = [
        FreqRow(key, n, units[key], words.get(key) if by == "doc" else None)
        for key, n in occurrences.items()
    ]
    rows.sort(key=lambda r: (-r.occurrences, -r.hits, sort_key(r.key)))
    return Frequencies(by, side, rows, sum(occurrences.values()), len(hits), notes)


def word_list(engine: QueryEngine, query: Query, side: str = "kk", by: str = "form") -> Frequencies:
    """Every word of one side, with how often it occurs and in how many units: AntConc's
    word list, of the whole corpus or of the subcorpus ``query``'s filters keep
    (documents, dates, statuses; it has no words to search).

    Most frequent first, as :func:`frequencies` orders its rows. By form a word counts in
    lower case, Kazakh printed in the Latin alphabet or the Arabic script as read into
    Cyrillic (as the index vocabulary, collocates and keywords count it); by lemma or part
    of speech as analysed in its sentence (the reading the index keeps). The total is the
    side's words, the figure ``kopir stats`` and ``--dist`` give.
    """
    if side not in ("kk", "en"):
        raise QueryError(f"unknown side {side!r}: use kk or en")
    if by not in UNITS:
        raise QueryError(
            f"a word list counts words by form, lemma or pos, not by {by}"
            + (": --dist gives the words and matches of each document" if by == "doc" else "")
        )
    check_statuses(query)
    notes = not_counted(engine)
    occurrences: Counter[str] = Counter()
    units: Counter[str] = Counter()
    size = 0
    for text, read in subcorpus_texts(engine.index.conn, query, side):
        keys = stored_keys(text, read, side, by) if text else []
        if keys:
            size += 1
            occurrences.update(keys)
            units.update(set(keys))
    rows = [FreqRow(key, n, units[key]) for key, n in occurrences.items()]
    rows.sort(key=lambda r: (-r.occurrences, -r.hits, sort_key(r.key)))
    return Frequencies(by, side, rows, sum(occurrences.values()), size, notes, every_word=True)


def not_counted(engine: QueryEngine) -> list[str]:
    """Refresh the index; a line for each document it could not read (``X is not counted:
    why``), as a count of the whole corpus (a word list, keywords) warns."""
    return [f"{doc} is not counted: {err}" for doc, err in sorted(engine.refresh().failed.items())]


def hit_key(hit: Hit, side: str, span: tuple[int, int], unit: str) -> str:
    """What a match of ``hit`` counts as by ``unit``: the lemmas or tags of the words it
    covers, or (form) its string in lower case. Kazakh printed in another script counts
    as its Cyrillic reading (:mod:`corpus.search.reading`), as the index vocabulary does:
    a match of whole words as the words read, a match of part of a word (a regular
    expression's) as printed."""
    text = hit.text(side)
    start, end = span
    if unit == "form":
        return span_as_read(text, hit.reading(side), span).lower()
    keyed = hit_words(hit, side, unit)
    at = [i for i, (s, e, _k) in enumerate(keyed) if s < end and e > start]
    return " ".join(keyed[i][2] for i in at) or text[start:end].lower()


def hit_words(hit: Hit, side: str, unit: str) -> list[tuple[int, int, str]]:
    """The words of ``hit``'s ``side`` as (start, end in its text, what they count as): a
    Kazakh text printed in another script counts word for word as its reading."""
    return words_as_read(hit.text(side), hit.reading(side), side, unit)


@dataclass(frozen=True)
class Collocate:
    word: str
    together: int  # O11
    frequency: int  # C1
    expected: float  # E11
    mi: float
    ll: float


@dataclass
class Collocates:
    """Collocates of a query and the figures they were computed from."""

    side: str
    node_side: str
    window: int | None  # None: whole units of the other side
    nodes: int  # node occurrences (or hit units)
    span: int  # R1: window positions (or hit units)
    size: int  # N: words on the side (or units with that side)
    rows: list[Collocate]
    warnings: list[str] = field(default_factory=list)


def collocates(
    engine: QueryEngine,
    query: Query,
    window: int = 5,
    min_freq: int = 3,
    side: str | None = None,
    by: Literal["ll", "mi"] = "ll",
    limit: int | None = 100,
    budget: Budget | None = None,
    unit: Unit = "form",
) -> Collocates:
    """Words attracted to the query's matches (see the module notes for what counts).

    ``unit`` counts words by form, lemma (сапары and сапарға are one
    collocate, сапар; on the other side, candidate translations by lemma) or
    part of speech. ``budget`` bounds and can abandon the search, as for
    ``QueryEngine.search``.
    """
    if unit not in UNITS:
        raise QueryError(f"unknown collocate unit {unit!r}: use form, lemma or pos")
    if window < 1:
        raise QueryError("the collocation window must be at least one word")
    if min_freq < 1:
        raise QueryError("the minimum frequency must be at least 1")
    if by not in ("ll", "mi"):
        raise QueryError(f"unknown collocate measure {by!r}: use ll or mi")
    if side not in (None, "kk", "en", "other"):
        raise QueryError(f"unknown side {side!r}: use kk, en or other")
    plan = engine.plan(query)
    node_sides = plan.positive[0].sides
    node_side = node_sides[0] if len(node_sides) == 1 else "kk"
    if side == "other":
        side = OTHER_SIDE[node_side]
    side = side or node_side
    across = side not in node_sides
    if across:  # whole units: their texts will do, no hits needed
        texts, notes = engine.unit_texts(query, side, budget)
        found, nodes, span = _unit_counts(texts, side, unit)
    else:
        hits, notes = engine.matches(query, budget)
        found, nodes, span = _window_counts(hits, side, window, unit)
    base = _base_frequencies(engine, plan, side, found, units=across, unit=unit)
    size = base.pop("", 0)
    rows = []
    for word, together in found.items():
        if together < min_freq or word not in base:
            continue
        freq = max(base[word], together)
        expected = span * freq / size if size else 0.0
        if expected <= 0 or together <= expected:
            continue
        rows.append(
            Collocate(
                word,
                together,
                freq,
                expected,
                math.log2(together / expected),
                log_likelihood(together, span, freq, size),
            )
        )
    rows.sort(key=lambda c: (-(c.ll if by == "ll" else c.mi), -c.together, sort_key(c.word)))
    return Collocates(
        side,
        node_side,
        None if across else window,
        nodes,
        span,
        size,
        rows[:limit] if limit else rows,
        notes,
    )


def log_likelihood(o11: int, r1: int, c1: int, n: int) -> float:
    """Dunning's G² for a 2×2 table given O11, row total R1, column total C1 and N."""
    observed = (o11, r1 - o11, c1 - o11, n - r1 - c1 + o11)
    rows, cols = (r1, n - r1), (c1, n - c1)
    g2 = 0.0
    for i, o in enumerate(observed):
        expected = rows[i // 2] * cols[i % 2] / n
        if o > 0 and expected > 0:
            g2 += o * math.log(o / expected)
    return 2 * g2


def _window_counts(
    hits: list[Hit], side: str, window: int, unit: str = "form"
) -> tuple[Counter[str], int, int]:
    """Words in the windows around the matches on ``side``; nodes; window positions."""
    found: Counter[str] = Counter()
    nodes = span = 0
    for hit in hits:
        spans = hit.spans(side)
        if not spans:
            continue
        toks = hit_words(hit, side, unit)
        node_positions: set[int] = set()
        around: set[int] = set()
        for start, end in spans:
            covered = [i for i, t in enumerate(toks) if t[0] < end and t[1] > start]
            if not covered:
                continue
            nodes += 1
            node_positions.update(covered)
            first, last = covered[0], covered[-1]
            around.update(range(max(0, first - window), first))
            around.update(range(last + 1, min(len(toks), last + 1 + window)))
        around -= node_positions
        span += len(around)
        found.update(toks[i][2] for i in around)
    return found, nodes, span


def _unit_counts(texts: list[str], side: str, unit: str = "form") -> tuple[Counter[str], int, int]:
    """Words of ``side`` in the hit units' ``texts``, counted once per unit; units; units."""
    found: Counter[str] = Counter()
    units = 0
    for text in texts:
        if not text:
            continue
        units += 1
        if unit == "form":
            found.update(word_set(text))
        else:
            found.update({key for _s, _e, key in keyed_words(text, side, unit)})
    return found, units, units


def _base_frequencies(
    engine: QueryEngine,
    plan: Plan,
    side: str,
    wanted: Counter[str],
    units: bool,
    unit: str = "form",
) -> dict[str, int]:
    """C1 for each of ``wanted`` and N (under the key ""), over the searched (sub)corpus.

    Without filters they come from the FTS5 vocabulary (instant); with
    document, date or status filters the filtered units are counted here.
    By lemma or tag, the vocabulary of the morph column is summed over its
    ``lemma/tag`` tokens (counting units, a unit with one lemma under two
    tags counts twice there: a slight overestimate of C1).
    """
    conn = engine.index.conn
    if unit != "form":
        return _morph_base(conn, plan, side, wanted, units, unit)
    if plan.keys is None and not plan.statuses:
        counts: dict[str, int] = {}
        column = "doc" if units else "cnt"
        candidates = list(wanted)
        for i in range(0, len(candidates), _LOOKUP_CHUNK):
            part = candidates[i : i + _LOOKUP_CHUNK]
            counts.update(
                conn.execute(
                    f"SELECT term, {column} FROM vocab WHERE col = ? "
                    f"AND term IN ({', '.join('?' * len(part))})",
                    [side, *part],
                ).fetchall()
            )
        per_doc = f"{side}_units" if units else f"{side}_tokens"
        size = conn.execute(f"SELECT coalesce(sum({per_doc}), 0) FROM docs").fetchone()[0]
        counts[""] = size
        return counts
    return _count_units(conn, plan, side, wanted, units, "form")


def _morph_base(
    conn: sqlite3.Connection, plan: Plan, side: str, wanted: Counter[str], units: bool, unit: str
) -> dict[str, int]:
    """:func:`_base_frequencies` by lemma or by part of speech."""
    per_doc = f"{side}_units" if units else f"{side}_tokens"
    counted: Counter[str] = Counter()
    if plan.keys is None and not plan.statuses:
        column = "doc" if units else "cnt"
        for term, n in conn.execute(
            f"SELECT term, {column} FROM vocab WHERE col = ?", [f"{side}_m"]
        ):
            lemma, _sep, pos = term.rpartition(SEP)
            key = pos.upper() if unit == "pos" else lemma
            if key in wanted:
                counted[key] += n
        size = conn.execute(f"SELECT coalesce(sum({per_doc}), 0) FROM docs").fetchone()[0]
        return {**counted, "": size}
    return _count_units(conn, plan, side, wanted, units, unit)


def _count_units(
    conn: sqlite3.Connection,
    plan: Plan,
    side: str,
    wanted: Counter[str],
    units: bool,
    unit: str,
) -> dict[str, int]:
    """Count ``wanted`` keys over the plan's units of one side, reading each unit's text.

    A text's keys are its words by ``unit`` (forms, lemmas or parts of speech), Kazakh
    printed in another script as read (:func:`~corpus.search.reading.words_as_read`), as
    the vocabulary the unfiltered counts come from holds them; with ``units`` a key counts
    once per unit and the size is the number of units, else every key counts and the size
    is the number of keys. The size goes under the key ``""``.
    """
    where, params = plan.filters("u.id")
    reading = "u.kk_read" if side == "kk" else "NULL"
    counted: Counter[str] = Counter()
    size = 0
    rows = conn.execute(f"SELECT u.{side}, {reading} FROM units u WHERE 1{where}", params)
    for text, read in rows:
        if not text:
            continue
        keys = stored_keys(text, read, side, unit)
        if units:
            size += 1
            counted.update(set(keys) & wanted.keys())
        else:
            size += len(keys)
            counted.update(k for k in keys if k in wanted)
    return {**counted, "": size}
