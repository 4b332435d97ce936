"""A confidence overview of the whole document, to jump to weak stretches.

A narrow strip beside the bead table: each of its lines stands for an equal
run of beads and shows the worst of them, in a symbol and a colour — ``█``
all confirmed, ``░`` proposed with good confidence, ``▒`` middling, ``▓``
weak, ``⚑`` flagged by the quality checks. ``▶`` marks where the editor is.
Clicking a line jumps to its first bead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from align.model import WEAK_BELOW, Bead, ReviewState
from tui.widgets.layout import changed_span
from tui.widgets.styles import ComponentStyles

GOOD_FROM = 0.8

# Worst first: a bucket shows the worst bead it holds.
LEVELS = ("flag", "weak", "middling", "good", "confirmed")
SYMBOLS = {"flag": "⚑", "weak": "▓", "middling": "▒", "good": "░", "confirmed": "█"}


def level(bead: Bead, flagged: bool, weak_below: float) -> str:
    if flagged:
        return "flag"
    state = bead.review_state(weak_below)
    if state is ReviewState.CONFIRMED:
        return "confirmed"
    if state in (ReviewState.WEAK, ReviewState.MANUAL) or bead.score is None:
        return "weak"
    return "middling" if bead.score < GOOD_FROM else "good"


def ranks(
    beads: Sequence[Bead], flags: set[int] | dict[int, str], weak_below: float, offset: int = 0
) -> list[int]:
    """Each bead's level as a rank, worst = 0 (``beads`` start at bead ``offset``; weak
    below ``weak_below``, the corpus's review cut)."""
    rank = {name: n for n, name in enumerate(LEVELS)}
    return [rank[level(bead, i in flags, weak_below)] for i, bead in enumerate(beads, offset)]


def buckets(ranked: list[int], lines: int) -> list[str]:
    """The level shown on each of ``lines`` lines: the worst rank of its run of beads.

    Ranking is done once per change (:func:`ranks`); a resize only re-slices.
    """
    count = len(ranked)
    if not count or lines <= 0:
        return []
    shown = min(lines, count)
    return [
        LEVELS[min(ranked[line * count // shown : (line + 1) * count // shown])]
        for line in range(shown)
    ]


class ConfidenceMap(Widget):
    """The document's beads squeezed into the height of the screen."""

    COMPONENT_CLASSES = {f"minimap--{name}" for name in LEVELS} | {"minimap--here"}
    DEFAULT_CSS = """
    ConfidenceMap {
        width: 2;
        height: 1fr;
        background: $surface;
        & > .minimap--flag { color: $error; text-style: bold; }
        & > .minimap--weak { color: $error; }
        & > .minimap--middling { color: $warning; }
        & > .minimap--good { color: $foreground 50%; }
        & > .minimap--confirmed { color: $success; }
        & > .minimap--here { color: $accent; text-style: bold; }
    }
    """

    @dataclass
    class Jump(Message):
        index: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.beads: tuple[Bead, ...] = ()
        self.flags: dict[int, str] = {}
        self.weak_below = WEAK_BELOW
        self.view = (0, 0)
        self._ranks: list[int] = []
        self._levels: list[str] = []
        self._style = ComponentStyles(self, "minimap")

    def show(
        self,
        beads: tuple[Bead, ...],
        flags: dict[int, str],
        view: tuple[int, int],
        weak_below: float,
    ) -> None:
        """Show these beads with the editor's view on ``view`` (first, last bead), weak
        below ``weak_below`` (the corpus's review cut)."""
        same_cut = weak_below == self.weak_below
        changed = beads is not self.beads or flags is not self.flags or not same_cut
        if changed:
            if flags is self.flags and same_cut and len(self._ranks) == len(self.beads):
                # The same findings: rank only the beads an edit replaced.
                head, old_end, new_end = changed_span(self.beads, beads)
                fresh = ranks(beads[head:new_end], flags, weak_below, offset=head)
                self._ranks[head:old_end] = fresh
            else:
                self._ranks = ranks(beads, flags, weak_below)
            self.beads, self.flags, self.weak_below = beads, flags, weak_below
            self._levels = buckets(self._ranks, self.size.height)
        moved = self._marked(view) != self._marked(self.view)
        self.view = view
        if changed or moved:
            self.refresh()

    def _marked(self, view: tuple[int, int]) -> tuple[int, int]:
        return self._line_of(view[0]), self._line_of(view[1])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()

    def on_resize(self) -> None:
        self._levels = buckets(self._ranks, self.size.height)

    def _line_of(self, index: int) -> int:
        count = len(self.beads)
        lines = min(self.size.height, count)
        return index * lines // count if count else 0

    def render_line(self, y: int) -> Strip:
        if y >= len(self._levels):
            return Strip.blank(self.size.width, self._style(""))
        name = self._levels[y]
        top, bottom = self._marked(self.view)
        marker = Segment("▶" if top <= y <= bottom else " ", self._style("here"))
        cell = Segment(SYMBOLS[name], self._style(name))
        return Strip([marker, cell]).crop_extend(0, self.size.width, self._style(""))

    def on_click(self, event: events.Click) -> None:
        count = len(self.beads)
        if not count:
            return
        lines = min(self.size.height, count)
        line = max(0, min(event.y, lines - 1))
        self.post_message(self.Jump(line * count // lines))
