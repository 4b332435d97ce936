"""What a linguist asks, and the plan that runs it: queries, their conditions, sorting.

A :class:`Query` holds conditions on the Kazakh side, the English side or either, positive
or negative (``--en-not OSCE``: the English does *not* have it), as words
(:mod:`corpus.search.querylang`) or regular expressions (:mod:`corpus.search.regexfilter`),
and filters by document, date and bead status. :func:`compile_query` turns it into
:class:`Condition` values; :class:`Plan` is a query made ready to run against the index
(document filters resolved to keys, a time budget for its regular expressions).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from corpus.errors import Remedy
from corpus.search.index import STATUSES
from corpus.search.querylang import Expression, QueryError, parse_expression
from corpus.search.reading import ReadText, context_as_read
from corpus.search.regexfilter import Pattern, compile_pattern
from corpus.search.regexscan import (
    Budget,
    Row,
    match_spans,
)
from corpus.search.rows import POSITION_BITS
from corpus.search.searchtext import SENTENCE_BREAK, shown, sort_key, words

Span = tuple[int, int]


SORTS: tuple[str, ...] = ("doc", "left", "right")


SIDES = ("kk", "en")


#: Document filters with more separate id ranges than this test keys instead.
MAX_RANGES = 8


#: Words of context that decide the order when sorting by left or right context.
SORT_WORDS = 6


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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

    @property
    def empty(self) -> bool:
        """No condition to search by (filters such as ``docs`` alone search nothing): the one
        rule the command line and the app's Query screen share for "is there a query"."""
        sources = (self.text, self.kk, self.en, self.kk_not, self.en_not)
        return not any(s and s.strip() for s in sources)

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
class Condition:
    """One condition of a query: on which sides, what, and whether it excludes."""

    sides: tuple[str, ...]
    negated: bool
    expression: Expression | None = None
    pattern: Pattern | None = None

    def spans(self, text: str, budget: Budget, side: str = "kk") -> list[Span]:
        """Where the condition matches indexed ``text`` of ``side`` (a pattern within
        ``budget``), never across a sentence end: a pattern sees one sentence at a
        time (``^`` and ``$`` are its ends), a phrase may not span two."""
        if not text:
            return []
        if isinstance(text, ReadText) and self.pattern is None:
            # Found in the reading (shown where the printed words are) or as printed.
            read = text.printed_spans(self.spans(str(text), budget, side))
            return sorted({*read, *self.spans(text.printed, budget, side)})
        if self.pattern is not None:
            if SENTENCE_BREAK not in text:
                return match_spans(self.pattern.regex, text, budget)
            found: list[Span] = []
            start = 0
            for sentence in text.split(SENTENCE_BREAK):
                found += [
                    (s + start, e + start)
                    for s, e in match_spans(self.pattern.regex, sentence, budget)
                ]
                start += len(sentence) + 1
            return found
        assert self.expression is not None
        if SENTENCE_BREAK not in text:
            return self.expression.spans(text, side)
        return [
            (s, e)
            for s, e in self.expression.spans(shown(text), side)
            if SENTENCE_BREAK not in text[s:e]
        ]

    def holds(self, texts: dict[str, str]) -> bool:
        """Whether a word condition holds in a unit's indexed ``texts`` (by side): on one
        of its sides every group has a term that matches within a sentence."""
        assert self.expression is not None
        for side in self.sides:
            text = texts[side]
            # a reading (corpus.search.reading) or the text as printed
            for variant in (str(text), text.printed) if isinstance(text, ReadText) else (text,):
                if variant and all(
                    any(_within(term.spans(shown(variant), side), variant) for term in group)
                    for group in self.expression.groups
                ):
                    return True
        return False

    @property
    def checked(self) -> bool:
        """Whether FTS5's answer must be checked against the text (it has phrases)."""
        return self.expression is not None and self.expression.phrases

    def fts(self) -> str:
        assert self.expression is not None
        return " OR ".join(f"({self.expression.fts(side)})" for side in self.sides)


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

    @property
    def checked(self) -> bool:
        """Whether FTS5's units must be checked against their text (:meth:`accepts`)."""
        return any(c.checked for c in self.conditions)

    def fts(self) -> str:
        """The whole word query for FTS5, the status filter included.

        A negative condition with a phrase is left to :meth:`accepts`: FTS5
        would exclude a unit where the phrase runs across a sentence end.
        """
        expr = " AND ".join(f"({c.fts()})" for c in self.positive)
        if self.statuses:
            expr += " AND (status : (" + " OR ".join(f'"{s}"' for s in self.statuses) + "))"
        for c in self.conditions:
            if c.negated and not c.checked:
                expr = f"({expr}) NOT ({c.fts()})"
        return expr

    def accepts(self, row: Row) -> bool:
        """Whether a unit FTS5 found really matches: its phrases within sentences."""
        texts = {"kk": row[3], "en": row[4]}
        return all(c.holds(texts) != c.negated for c in self.conditions if c.checked)

    def ranges(self) -> list[tuple[int, int]]:
        """The unit id ranges of the kept documents (consecutive documents joined)."""
        return unit_ranges(sorted(self.keys)) if self.keys is not None else []

    def filters(self, column: str, *, status: bool = True) -> tuple[str, list[object]]:
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
                found[side].update(condition.spans(texts[side], self.budget, side))
        return _merge(found["kk"]), _merge(found["en"])

    def key_side(self, kk_spans: Sequence[Span], en_spans: Sequence[Span]) -> str:
        sides = self.positive[0].sides
        if len(sides) == 1:
            return sides[0]
        return "en" if en_spans and not kk_spans else "kk"


def counted_side(conditions: Sequence[Condition]) -> str:
    """The side whose matches a count counts: that of the first positive condition,
    ``kk+en`` when it is on either side (frequencies and distributions agree on it)."""
    sides = next(c for c in conditions if not c.negated).sides
    return sides[0] if len(sides) == 1 else "kk+en"


def _within(spans: list[Span], text: str) -> bool:
    """Whether a span lies inside one sentence of indexed ``text``."""
    return any(SENTENCE_BREAK not in text[s:e] for s, e in spans)


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
        pattern = compile_pattern(source, match_case=query.match_case, fold=query.fold)
        return Condition(sides, negated, pattern=pattern)
    expression = parse_expression(source, fold=query.fold)
    if query.fold and expression.has_lemmas:
        raise QueryError("lemma: terms do not combine with fold (lemmas are of the text as is)")
    if expression.has_features:
        if sides == ("en",):
            raise QueryError(
                f"{source!r}: features (Case=Abl) are the Kazakh analyser's: ask them with --kk"
            )
        sides = ("kk",)  # a query of either side: only Kazakh words have features
    return Condition(sides, negated, expression=expression)


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
                "what a unit must not have can only narrow a search: add something to find"
            )
        raise QueryError("nothing to search for", Remedy("words", "say what to find"))
    check_statuses(query)
    return conditions


def check_statuses(query: Query) -> None:
    """A :class:`QueryError` naming the first of ``query``'s statuses that is none."""
    bad = [s for s in query.statuses if s not in STATUSES]
    if bad:
        raise QueryError(f"unknown status {bad[0]!r}: use {', '.join(STATUSES)}")


def date_bound(text: str, *, upper: bool, name: str) -> str:
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


def unit_ranges(keys: list[int]) -> tuple[tuple[int, int], ...]:
    """Unit id ranges covering the documents ``keys`` (consecutive keys joined)."""
    ranges: list[tuple[int, int]] = []
    for key in keys:
        if ranges and key == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], key)
        else:
            ranges.append((key, key))
    return tuple((lo << POSITION_BITS, ((hi + 1) << POSITION_BITS) - 1) for lo, hi in ranges)


def sort_by_context(
    plan: Plan, rows: list[Row], sort: str, readings: Mapping[int, str] | None = None
) -> list[Row]:
    """Rows ordered by the words left of the first match (nearest first) or right of it.

    The nearest :data:`SORT_WORDS` words decide, compared in Kazakh alphabetical
    order, case ignored; ties keep document order. Kazakh printed in another script
    sorts by the words of its reading (:func:`~corpus.search.reading.context_as_read`), as
    the concordance's lines do: the one a word query's row carries, else the one in
    ``readings`` (by unit id, :func:`~corpus.search.fetch.unit_readings`).
    """
    known = readings or {}

    def key(row: Row) -> tuple[tuple[str, ...], int]:
        kk_spans, en_spans = plan.hit_spans(row[3], row[4])
        side = plan.key_side(kk_spans, en_spans)
        text = row[3] if side == "kk" else row[4]
        spans = kk_spans if side == "kk" else en_spans
        start, end = spans[0] if spans else (0, 0)
        reading = known.get(row[0]) if side == "kk" else None
        if isinstance(text, ReadText):  # the spans are the printed text's
            text, reading = text.printed, str(text)
        if reading is not None:
            left, right = context_as_read(text, reading, (start, end))
            near = (left if sort == "left" else right)[:SORT_WORDS]
        elif sort == "left":
            near = words(text[:start])[-SORT_WORDS:][::-1]
        else:
            near = words(text[end:])[:SORT_WORDS]
        return tuple(sort_key(w) for w in near), row[0]

    return sorted(rows, key=key)
