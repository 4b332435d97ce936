"""A widget's component styles by short name, cached: a line drawn asks for them per cell."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class ComponentStyles:
    """``styles("cursor")`` is ``widget``'s ``PREFIX--cursor`` component style, and
    ``styles("")`` the widget's own; cached until :meth:`clear` (call it from the widget's
    ``notify_style_update``, when a theme or class change makes them stale)."""

    def __init__(self, widget: Widget, prefix: str) -> None:
        self._widget = widget
        self._prefix = prefix
        self._cache: dict[str, Style] = {}

    def __call__(self, name: str) -> Style:
        style = self._cache.get(name)
        if style is None:
            widget = self._widget
            style = (
                widget.get_component_rich_style(f"{self._prefix}--{name}")
                if name
                else widget.rich_style
            )
            self._cache[name] = style
        return style

    def clear(self) -> None:
        self._cache.clear()
