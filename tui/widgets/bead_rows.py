"""What one row of the bead table shows: its gutter and its sides' text.

The gutter says, in symbols as well as colours, what a bead is: its number,
its review state (``✓`` confirmed, ``○`` proposed, ``?`` weak, ``✎``
changed by hand), its shape (``1-2``), the aligner's confidence and ``⚑``
when the quality checks flag it. A side's text is drawn with the search's
matches marked. These are plain functions of a bead and styles, apart from
the table's scrolling and caching (:mod:`tui.widgets.bead_table`), so that
what a row says can be read and tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style

from align.listing import waiting_words
from align.model import Alignment, Bead, ReviewState
from align.navigate import fold

GUTTER = 20  # "12345 ✓ 1-2   .87 ⚑ "

#: The one-character review state a translator reads without colour.
SYMBOLS = {
    ReviewState.CONFIRMED: "✓",
    ReviewState.MANUAL: "✎",
    ReviewState.WEAK: "?",
    ReviewState.PROPOSED: "○",
}


#: The symbol of a bead nobody made or changed (:attr:`align.model.Bead.never_touched`).
UNTOUCHED = "·"


def status_symbol(bead: Bead, weak_below: float) -> str:
    """The gutter's symbol for the bead's review state (weak below ``weak_below``)."""
    if bead.never_touched:
        return UNTOUCHED
    return SYMBOLS[bead.review_state(weak_below)]


def state_words(bead: Bead, weak_below: float, alignment: Alignment | None = None) -> str:
    """The bead's review state in words, as the gutter's symbol means it (a bead nobody
    touched: what it waits for in ``alignment``, its document's)."""
    if bead.never_touched:
        return waiting_words(bead, alignment or Alignment((), (), (bead,)))
    return {
        ReviewState.CONFIRMED: "confirmed",
        ReviewState.MANUAL: "changed by hand",
        ReviewState.WEAK: f"proposed, low confidence {bead.score or 0:.2f}",
        ReviewState.PROPOSED: f"proposed, confidence {bead.score or 0:.2f}",
    }[bead.review_state(weak_below)]


def gutter_text(number: int, bead: Bead, flag: str | None, weak_below: float) -> str:
    """The gutter as text, :data:`GUTTER` characters: number, state, shape, confidence, flag;
    weak below ``weak_below``, the corpus's review cut."""
    if bead.score is None:
        score = "   "
    else:
        score = "1.0" if bead.score >= 0.995 else f"{bead.score:.2f}"[1:]
    kind = bead.kind if len(bead.kind) <= 5 else "many"
    state = status_symbol(bead, weak_below)
    return f"{number:>5} {state} {kind:<5} {score} {'⚑' if flag else ' '} "


def gutter_segments(
    number: int,
    bead: Bead,
    flag: str | None,
    weak_below: float,
    row: Style,
    style: Callable[[str], Style],
) -> list[Segment]:
    """The gutter drawn on a row's style; ``style(name)`` gives a component style
    (``gutter``, a review state's, ``error``, ``warning``)."""
    gutter = gutter_text(number, bead, flag, weak_below)
    state = bead.review_state(weak_below)
    kind = None if state is ReviewState.PROPOSED else state.value
    number_text, rest = gutter[:6], gutter[6:]
    out = [Segment(number_text, row + style("gutter"))]
    out.append(Segment(rest[:1], row + style(kind or "gutter")))
    body, tail = rest[1:-2], rest[-2:]
    out.append(Segment(body, row + style("gutter")))
    out.append(Segment(tail, row + style("error" if flag == "error" else "warning")))
    return out


def text_segments(
    text: str, width: int, style: Style, search: str, match_style: Style
) -> list[Segment]:
    """``text`` padded to ``width``, the (case- and accent-folded) matches of ``search`` marked."""
    padded = text + " " * max(0, width - len(text))
    if not search or not text:
        return [Segment(padded, style)]
    needle = fold(search)
    hay = fold(text)
    if len(hay) != len(text) or needle not in hay:
        return [Segment(padded, style)]
    out: list[Segment] = []
    at = 0
    while (found := hay.find(needle, at)) >= 0:
        out.append(Segment(padded[at:found], style))
        out.append(Segment(padded[found : found + len(needle)], match_style))
        at = found + len(needle)
    out.append(Segment(padded[at:], style))
    return out
