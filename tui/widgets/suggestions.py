"""Fuzzy matches from the translation memory, shown in the edit box while translating.

One line a match, best first, as CAT tools show them: the key that inserts it,
the similarity, the memory's translation, and after it the memory's source
with the words that differ from the text being translated marked (reverse
video, so that it does not rely on colour), then the words it lacks.
The widget is given the matches (any values with the attributes of
``align.memory.Suggestion``) and knows nothing of where they come from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.text import Text
from textual.widget import Widget


class Match(Protocol):
    source: str
    target: str
    similarity: float
    differences: tuple[tuple[int, int], ...]
    missing: tuple[str, ...]
    numbers: tuple[tuple[str, str], ...]


#: The keys that insert the first, second and third match (also in the edit box's bindings).
KEYS = ("F2", "F3", "F4")


class Suggestions(Widget):
    """Up to three matches, or a line saying why there are none."""

    DEFAULT_CSS = """
    Suggestions { height: 3; display: none; color: $foreground 85%; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.matches: list[Match] = []
        self._text = Text()

    def show(self, matches: Sequence[Match], empty: str = "") -> None:
        """Show ``matches`` (at most three), or ``empty`` when there are none."""
        self.matches = list(matches)[: len(KEYS)]
        text = Text(no_wrap=True, overflow="ellipsis")
        for n, match in enumerate(self.matches):
            if n:
                text.append("\n")
            text.append(f"{KEYS[n]} {match.similarity:3.0f}% ", style="bold")
            text.append(match.target)
            if match.numbers:
                changed = ", ".join(f"{old}→{new}" for old, new in match.numbers)
                text.append(f" (numbers: {changed})", style="italic")
            text.append("   ← ", style="dim")
            text.append_text(_marked(match.source, match.differences))
            if match.missing:
                text.append(f"  (lacks: {' '.join(match.missing)})", style="italic")
        if not self.matches:
            text.append(empty, style="dim")
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text


def _marked(source: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """``source`` with the character ``spans`` in reverse video."""
    text = Text(source, style="dim")
    for start, end in spans:
        text.stylize("reverse", start, end)
    return text
