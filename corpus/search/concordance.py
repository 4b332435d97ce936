"""The match-level concordance: one line per match, not per aligned unit.

A :class:`~corpus.search.results.Hit` is one aligned unit (a bead) with every place it
matches; a linguist counts matches, so a unit that matches twice gives two lines here.
A :class:`MatchLine` is one match: the hit it belongs to (its bead, both texts, the
aligned text), which match of the hit it is, and its KWIC cut centred on that match.

Lines sort by the node (the matched form) or by the word at one position of the context,
``L1``–``L3`` (first to third word left of the match) or ``R1``–``R3`` (right of it);
ties are broken by the next context words outward from the sort position, then by
document order (document, unit, match), so the order is total and repeatable.

    lines = match_lines(hits)                       # document order
    lines = sort_lines(lines, "R1")                 # by the first word right of the match
    page = Concordance.of(hits, sort="R1").page(0, 50)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from corpus.morphology.tokens import word_pattern
from corpus.search.plan import Span
from corpus.search.reading import context_as_read, span_as_read
from corpus.search.results import Hit, KwicLine
from corpus.search.searchtext import sort_key, words

#: How match lines can be ordered: document order, the node, a context word.
LINE_SORTS: tuple[str, ...] = ("doc", "node", "L1", "L2", "L3", "R1", "R2", "R3")

#: Context words compared after the sort position before document order decides.
TIE_WORDS = 3
#: Characters of left context read first when sorting by L1–L3 (more if they hold too few words).
LEFT_WINDOW = 160


@dataclass(frozen=True)
class MatchLine:
    """One match of a hit on its key side: the ``number``-th (from 0) of ``hit``'s matches.

    ``span`` is the match's ``(start, end)`` in ``hit.text(side)``. The aligned
    text, bead, document and status are the hit's; several lines can share a hit.
    """

    hit: Hit
    side: str
    number: int
    span: Span

    @property
    def node(self) -> str:
        """The matched text."""
        start, end = self.span
        return self.hit.text(self.side)[start:end]

    def left_words(self) -> list[str]:
        """Words left of the match, nearest first (L1, L2, …)."""
        return words(self.hit.text(self.side)[: self.span[0]])[::-1]

    def right_words(self) -> list[str]:
        """Words right of the match, nearest first (R1, R2, …)."""
        return words(self.hit.text(self.side)[self.span[1] :])

    def kwic(self, width: int = 40, right: int | None = None) -> KwicLine:
        """The concordance line centred on this match (every match of the side marked)."""
        return self.hit.kwic(width, right, centre=self.number)


def match_lines(hits: Iterable[Hit]) -> list[MatchLine]:
    """Every match of every hit on its key side, in the hits' order then text order.

    A hit matched only through its other side (``--en X`` with the key side
    English has matches; a hit found by a negative-only side cannot exist)
    always has at least one key-side span; a hit with none still gives one
    line, centred on nothing, so no unit is lost from the concordance.
    """
    lines: list[MatchLine] = []
    for hit in hits:
        spans = hit.spans(hit.key) or ((0, 0),)
        lines.extend(MatchLine(hit, hit.key, n, span) for n, span in enumerate(spans))
    return lines


def sort_lines(lines: Sequence[MatchLine], sort: str = "doc") -> list[MatchLine]:
    """``lines`` ordered by ``sort`` (one of :data:`LINE_SORTS`); a stable, total order."""
    if sort not in LINE_SORTS:
        raise ValueError(f"unknown sort {sort!r}: use {', '.join(LINE_SORTS)}")
    if sort == "doc":
        return list(lines)
    keyed = [
        (line_key(ln.hit.text(ln.side), ln.span, sort, ln.hit.reading(ln.side)), n, ln)
        for n, ln in enumerate(lines)
    ]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [line for _, _, line in keyed]


def line_key(text: str, span: Span, sort: str, read: str | None = None) -> tuple[object, ...]:
    """What orders a match at ``span`` of ``text`` by ``sort`` (not ``doc``): by the node,
    the next words right breaking ties; or by the word at L1–L3 / R1–R3, the words
    further out, then the node. Words compare case-insensitively in Kazakh order.

    ``read`` is the text's Cyrillic reading when it is Kazakh printed in another script
    (:mod:`corpus.search.reading`): its words then sort as read, among the Cyrillic ones
    (``Ózen`` and ``Өзен`` are one word to a linguist, as to the frequency tables)."""
    if read is not None:
        return _read_key(text, read, span, sort)
    start, end = span
    node = sort_key(text[start:end].lower())
    if sort == "node":
        return node, _right(text, end, 1 + TIE_WORDS)
    at = int(sort[1]) - 1
    wanted = at + 1 + TIE_WORDS
    near = _left(text, start, wanted) if sort[0] == "L" else _right(text, end, wanted)
    return near[at:], node


def _read_key(text: str, read: str, span: Span, sort: str) -> tuple[object, ...]:
    """:func:`line_key` of a text printed in another script, its words as read (few texts
    are: they are cut into words whole)."""
    node = sort_key(span_as_read(text, read, span).lower())
    left, right = context_as_read(text, read, span)
    if sort == "node":
        return node, tuple(sort_key(w) for w in right[: 1 + TIE_WORDS])
    at = int(sort[1]) - 1
    near = left if sort[0] == "L" else right
    return tuple(sort_key(w) for w in near[at : at + 1 + TIE_WORDS]), node


def _right(text: str, end: int, most: int) -> tuple[str, ...]:
    """Sort keys of the first ``most`` words after ``end``."""
    finder = word_pattern(text)
    return tuple(sort_key(m.group().lower()) for m in islice(finder.finditer(text, end), most))


def _left(text: str, start: int, most: int) -> tuple[str, ...]:
    """Sort keys of the ``most`` words before ``start``, nearest first (reading only
    as far back as they need: a long text is not cut into words for each match)."""
    finder = word_pattern(text)
    window = LEFT_WINDOW
    while True:
        begin = max(0, start - window)
        found = [m.group() for m in finder.finditer(text, begin, start)]
        if begin > 0:
            found = found[1:]  # the first may be the end of a longer word
        if len(found) >= most or begin == 0:
            return tuple(sort_key(w.lower()) for w in found[::-1][:most])
        window *= 4


@dataclass(frozen=True)
class Concordance:
    """Every match line of a search in one order, with both counts.

    ``matches`` is the number of lines, ``units`` the number of aligned units
    (hits) they come from: a bead matching twice counts once in ``units``.
    """

    lines: tuple[MatchLine, ...]
    units: int
    sort: str = "doc"

    @classmethod
    def of(cls, hits: Sequence[Hit], sort: str = "doc") -> Concordance:
        return cls(tuple(sort_lines(match_lines(hits), sort)), len(hits), sort)

    @property
    def matches(self) -> int:
        return len(self.lines)

    def page(self, offset: int = 0, limit: int | None = None) -> list[MatchLine]:
        """Lines ``offset`` to ``offset + limit`` (all after ``offset`` when ``limit`` is None)."""
        return list(self.lines[offset : None if limit is None else offset + limit])
