"""The quality panel's list: one row per finding under a fixed header, a cursor row.

A Line API widget like the bead table: it draws only the rows on screen and
keeps each drawn row until the rows change. Textual's ``DataTable`` did this
job before, but it matches its stylesheet again and forgets every drawn cell
whenever it gains or loses focus, which the panel does on every ``p``: on a
long document's editor that was a quarter of the cost of opening the panel.
The rows are plain text in fixed columns, so nothing here needs a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.styles import ComponentStyles

#: The columns' titles and widths; the last column takes the rest of the line.
COLUMNS = (("bead", 6), ("severity", 10), ("check", 22), ("message", 0))


def row_text(cells: tuple[str, ...], width: int) -> str:
    """``cells`` in the columns, a space either side of each, cut or padded to ``width``."""
    parts = []
    for (_, column_width), cell in zip(COLUMNS, cells, strict=True):
        text = cell if not column_width else cell[:column_width].ljust(column_width)
        parts.append(f" {text} ")
    return "".join(parts)[:width].ljust(width)


class FindingsList(ScrollView, can_focus=True):
    """Rows of text cells with a cursor row; Enter (or a click) selects the cursor's row."""

    BINDINGS = [
        Binding("enter", "select", "Go to the finding's bead", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
    ]
    COMPONENT_CLASSES = {"findings--header", "findings--cursor", "findings--odd"}
    DEFAULT_CSS = """
    FindingsList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .findings--header { text-style: bold; background: $panel; color: $foreground; }
        & > .findings--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .findings--odd { background: $surface-darken-1 40%; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Selected(Message):
        """Enter or a click on row ``row``."""

        row: int

    @dataclass
    class Highlighted(Message):
        """The cursor went to row ``row``."""

        row: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[tuple[str, ...]] = []
        self._style = ComponentStyles(self, "findings")
        self._drawn: LRUCache[tuple[int, int], Strip] = LRUCache(200)  # (row, width)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        """Show ``rows`` (one text per column), the cursor kept where it was if it can be."""
        self.rows = rows
        self._drawn.clear()
        self.virtual_size = Size(self.size.width, len(rows) + 1)  # + the header
        self.cursor = max(0, min(self.cursor, len(rows) - 1))
        self.refresh()

    # ------------------------------------------------------------ cursor

    def watch_cursor(self, old: int, new: int) -> None:
        for row in (old, new):
            self._drawn.discard((row, self._width()))
        view = max(self.scrollable_content_region.height - 1, 1)  # rows under the header
        top = int(self.scroll_offset.y)
        if new < top or new >= top + view:
            self.scroll_to(y=new if new < top else new - view + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(new))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(self.cursor + step, len(self.rows) - 1))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(self.scrollable_content_region.height - 1, 1))

    def action_move_to(self, row: int) -> None:
        if self.rows:
            self.cursor = row % len(self.rows)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self.cursor))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self.rows):
            self.cursor = row
            self.post_message(self.Selected(row))

    # ------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()
        self._drawn.clear()

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        width = self._width()
        if y == 0:
            titles = tuple(title for title, _ in COLUMNS)
            return Strip([Segment(row_text(titles, width), self._style("header"))], width)
        row = int(self.scroll_offset.y) + y - 1
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, self._style(""))
        strip = self._drawn.get((row, width))
        if strip is None:
            style = self._style("")
            if row % 2:
                style = style + self._style("odd")
            if row == self.cursor and self.rows:
                style = style + self._style("cursor")
            strip = Strip([Segment(row_text(self.rows[row], width), style)], width)
            self._drawn[(row, width)] = strip
        return strip

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
