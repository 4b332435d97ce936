"""Text of a fixed height that changes often (a status line): redrawn, never laid out again.

Textual's ``Static.update`` asks for a new layout of the screen, which on a
busy screen costs more than the rest of a keystroke; text of fixed height
only needs repainting. One line by default; with ``wrap``, as many lines as
the widget's CSS height gives it, the rest cut off.
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
        return Text(self._text, no_wrap=not self._wrap, overflow="ellipsis")
