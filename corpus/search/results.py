"""What a search finds: hits (aligned units that match), their KWIC lines, a page of results.

A hit is one aligned unit (see :mod:`corpus.search.index`): its document, bead index, both
texts, status and aligner score, and where each side matched. :meth:`Hit.kwic` cuts the
concordance line around the first match of the key side.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from corpus.search.plan import Query, Span
from corpus.text.clean import flat


@dataclass(frozen=True)
class KwicLine:
    """A concordance line: the match in its context, and the aligned text.

    ``marks`` are every match visible in the line, as spans of
    ``left + match + right`` (the centred one included), for highlighting.
    """

    side: str
    left: str
    match: str
    right: str
    other: str
    other_spans: tuple[Span, ...]
    marks: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One aligned unit that matches, with where it matches on each side.

    ``bead`` is the index in ``Document.links`` (None for a sentence no bead
    covers, status ``unaligned``); ``score`` is the aligner's confidence in
    the bead (None when it has none); ``key`` is the side KWIC lines centre
    on. Spans are ``(start, end)`` character offsets into ``kk`` / ``en``.
    Everything a TMX unit needs is here: document, bead, both texts, status.
    ``kk_breaks``/``en_breaks`` are the offsets of the spaces that join the
    side's sentences (``kk_ids``), so a match can say which sentence it is in.
    """

    doc: str
    bead: int | None
    position: int
    status: str
    score: float | None
    kk: str
    en: str
    kk_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    kk_spans: tuple[Span, ...]
    en_spans: tuple[Span, ...]
    key: str
    date: str | None = None
    title: str = ""
    kk_breaks: tuple[int, ...] = ()
    en_breaks: tuple[int, ...] = ()
    #: the Kazakh read into Cyrillic when printed in another script (corpus.search.reading)
    kk_read: str | None = None

    def text(self, side: str) -> str:
        return self.kk if side == "kk" else self.en

    def spans(self, side: str) -> tuple[Span, ...]:
        return self.kk_spans if side == "kk" else self.en_spans

    def reading(self, side: str) -> str | None:
        """The Cyrillic reading of ``side``'s text (None: it has none; English never has)."""
        return self.kk_read if side == "kk" else None

    def ids(self, side: str) -> tuple[str, ...]:
        return self.kk_ids if side == "kk" else self.en_ids

    def sentence(self, side: str, offset: int) -> str | None:
        """The id of the sentence of ``side`` that holds ``offset`` (None if unknown)."""
        breaks = self.kk_breaks if side == "kk" else self.en_breaks
        ids = self.ids(side)
        at = bisect_right(breaks, offset)
        return ids[at] if at < len(ids) else None

    def forms(self, side: str | None = None) -> list[str]:
        """The matched strings on a side (the key side by default), in order."""
        side = side or self.key
        text = self.text(side)
        return [text[s:e] for s, e in self.spans(side)]

    def kwic(self, width: int = 40, right: int | None = None, centre: int = 0) -> KwicLine:
        """The ``centre``-th match (from 0; the first by default) of the key side with up
        to ``width`` characters of context each side (``right`` for the right side, if
        given). Every match of the side inside the line is in ``marks``.

        Context is cut at a word where one is near, and marked ``…`` when cut.
        """
        text, spans = self.text(self.key), self.spans(self.key)
        start, end = spans[centre] if spans else (0, 0)
        first = _left_cut(text, start, width)
        last = _right_cut(text, end, width if right is None else right)
        left = ("…" if first else "") + text[first:start]
        right = text[end:last] + ("…" if last < len(text) else "")
        shift = first - (1 if first else 0)  # where the line starts, in text offsets
        marks = tuple(
            (max(s, first) - shift, min(e, last) - shift)
            for s, e in spans
            if e > first and s < last
        )
        other = "en" if self.key == "kk" else "kk"
        return KwicLine(
            self.key,
            flat(left),
            flat(text[start:end]),
            flat(right),
            self.text(other),
            self.spans(other),
            marks,
        )


def _left_cut(text: str, start: int, width: int) -> int:
    """Where left context of at most ``width`` characters (with the ``…``) begins."""
    if start <= width:
        return 0
    cut = start - width + 1
    space = text.find(" ", cut, start)
    return space + 1 if 0 <= space - cut < width // 3 else cut


def _right_cut(text: str, end: int, width: int) -> int:
    """Where right context of at most ``width`` characters (with the ``…``) ends."""
    if len(text) - end <= width:
        return len(text)
    cut = end + width - 1
    space = text.rfind(" ", end, cut)
    return space if space > 0 and cut - space < width // 3 else cut


@dataclass
class Results:
    """One page of hits and the total count."""

    query: Query
    total: int
    offset: int
    limit: int | None
    sort: str
    hits: list[Hit]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
