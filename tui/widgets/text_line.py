"""Text of a fixed height that changes often (a status line): redrawn, never laid out again.

Textual's ``Static.update`` asks for a new layout of the screen, which on a
busy screen costs more than the rest of a keystroke; text of fixed height
only needs repainting. One line by default; with ``wrap``, as many lines as
the widget's CSS height gives it, the rest cut off and the cut marked ``…``.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextLine(Widget):
    DEFAULT_CSS = "TextLine { height: 1; }"

    def __init__(self, wrap: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = ""
        self._wrap = wrap

    def show(self, text: str) -> None:
        """Show ``text`` (plain, no markup); repaint only if it changed."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        text = Text(self._text, no_wrap=not self._wrap, overflow="ellipsis")
        width, height = self.size
        if not (self._wrap and width and height):
            return text
        lines = text.wrap(self.app.console, width)
        if len(lines) <= height:
            return text
        # More than fits: say so with "…" at the end of the last line shown.
        kept = lines[:height]
        last = kept[-1]
        last.rstrip()
        last.truncate(width - 1)
        last.append("…")
        return Text("\n").join(kept)
