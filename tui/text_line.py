"""One line of text that changes often (a status line): redrawn, never laid out again.

Textual's ``Static.update`` asks for a new layout of the screen, which on a
busy screen costs more than the rest of a keystroke; a line of fixed height
only needs repainting.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextLine(Widget):
    DEFAULT_CSS = "TextLine { height: 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = ""

    def show(self, text: str) -> None:
        """Show ``text`` (plain, no markup); repaint only if it changed."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return Text(self._text, no_wrap=True, overflow="ellipsis")
