"""A checkbox whose state reads without colour: ``✓`` when ticked, blank when not.

Textual's :class:`~textual.widgets.Checkbox` draws the same ``X`` either way
and tells ticked from unticked by colour alone, which a colour-blind
translator, a monochrome terminal or a screen reader's text dump cannot see.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

TICKED, UNTICKED = "✓", " "


class TickBox(Checkbox):
    """A :class:`~textual.widgets.Checkbox` showing ``✓`` inside when ticked."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super()._button
