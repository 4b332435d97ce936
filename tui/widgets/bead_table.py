"""The alignment editor's main view: one row per bead, Kazakh left, English right.

A document may have tens of thousands of beads, so this is a Line API
widget: it draws only the lines on screen (``render_line``) from a
:class:`~tui.widgets.layout.RowLayout` of every bead's height, instead of mounting a
widget per row, and keeps the lines it drew until what they show changes.
What a row says (its gutter, its text with search matches marked) is
:mod:`tui.widgets.bead_rows`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from align.model import Alignment, Bead
from tui.widgets.bead_rows import GUTTER, gutter_segments, text_segments
from tui.widgets.layout import RowLayout, changed_span, wrap, wrap_sentences
from tui.widgets.styles import ComponentStyles


class BeadSource(Protocol):
    """What the table shows: the current alignment and each sentence's text (a Session is one).

    The table reads these and nothing else, so it can be fed by anything that holds beads
    and text, and it cannot change the document.
    """

    @property
    def alignment(self) -> Alignment: ...

    #: The corpus's review cut: proposed beads below it are drawn weak.
    weak_below: float

    def text(self, sid: str) -> str: ...

    def paragraph_ends(self, lang: str) -> frozenset[str]:
        """The ids of the sentences that end a paragraph, drawn as a rule under their bead."""
        ...


def column_widths(width: int) -> tuple[int, int]:
    """The Kazakh and English columns' widths in a table ``width`` cells wide."""
    text = max(width, GUTTER + len(SEPARATOR) + 20) - GUTTER - len(SEPARATOR)
    return text // 2, text - text // 2


def measure_beads(source: BeadSource, width: int) -> list[int]:
    """Every bead's height in lines, in a table ``width`` cells wide (thread-safe: for the
    worker that opens a document; the table measures what changes itself)."""
    beads = source.alignment.beads
    ends = (source.paragraph_ends("kk"), source.paragraph_ends("en"))
    widths = column_widths(width)
    return [_height(beads, i, widths, source.text, ends) for i in range(len(beads))]


def _height(
    beads: tuple[Bead, ...],
    i: int,
    widths: tuple[int, int],
    text: Callable[[str], str],
    ends: tuple[frozenset[str], frozenset[str]],
) -> int:
    # Asked for every bead when the document opens: the line counts only, from the
    # cached wrap of each sentence, not the lines themselves (as _bead_lines makes).
    bead = beads[i]
    kk_w, en_w = widths
    kk = sum(len(wrap(text(sid), kk_w)) for sid in bead.kk)
    en = sum(len(wrap(text(sid), en_w)) for sid in bead.en)
    return max(kk, en, 1) + any(_paragraph_end(beads, i, ends))


def _paragraph_end(
    beads: tuple[Bead, ...], i: int, ends: tuple[frozenset[str], frozenset[str]]
) -> tuple[bool, bool]:
    """Whether bead ``i`` ends a Kazakh and an English paragraph (not at the very end)."""
    if i >= len(beads) - 1:
        return False, False
    bead = beads[i]
    kk_ends, en_ends = ends
    return (bool(bead.kk) and bead.kk[-1] in kk_ends, bool(bead.en) and bead.en[-1] in en_ends)


#: Lines kept in view beyond the cursor bead when it moves near the edge.
CONTEXT = 3
SEPARATOR = " │ "


class BeadTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrollable rows of beads with a cursor bead and an active side.

    It takes no keys of its own (the editor screen's bindings move the
    cursor), so that the arrow keys move between beads instead of scrolling.
    """

    COMPONENT_CLASSES = {
        "beadtable--cursor",
        "beadtable--cursor-side",
        "beadtable--confirmed",
        "beadtable--weak",
        "beadtable--manual",
        "beadtable--error",
        "beadtable--warning",
        "beadtable--gutter",
        "beadtable--odd",
        "beadtable--match",
        "beadtable--empty",
        "beadtable--paragraph",
    }
    DEFAULT_CSS = """
    BeadTable {
        background: $surface;
        color: $foreground;
        overflow-y: scroll;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        scrollbar-background: $panel;
        & > .beadtable--cursor { background: $primary 25%; }
        & > .beadtable--cursor-side { background: $primary 45%; text-style: bold; }
        & > .beadtable--confirmed { color: $success; }
        & > .beadtable--weak { color: $error; text-style: bold; }
        & > .beadtable--manual { color: $warning; }
        & > .beadtable--error { color: $error; }
        & > .beadtable--warning { color: $warning; }
        & > .beadtable--gutter { color: $foreground 60%; }
        & > .beadtable--odd { background: $foreground 4%; }
        & > .beadtable--match { background: $warning 50%; color: $foreground; }
        & > .beadtable--empty { color: $foreground 40%; text-style: italic; }
        & > .beadtable--paragraph { color: $foreground 35%; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    active: reactive[str] = reactive("en", init=False)

    @dataclass
    class CursorMoved(Message):
        """The cursor went to another bead (or the beads changed under it)."""

        index: int

    def __init__(
        self, source: BeadSource, measured: tuple[int, list[int]] | None = None, **kwargs
    ) -> None:
        """``measured``, the beads' heights at a width (:func:`measure_beads`, worked out on
        the worker that opened the document), saves measuring them again on the screen's
        thread when the table turns out to be that wide."""
        super().__init__(**kwargs)
        self._measured = measured
        self.source = source
        self.flags: dict[int, str] = {}  # bead → worst QA severity
        self.search = ""
        self._beads: tuple[Bead, ...] = source.alignment.beads
        self._ends: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._layout: RowLayout | None = None
        self._widths = (0, 0)
        self._line_width = 0
        self._style = ComponentStyles(self, "beadtable")
        # Drawn lines by (bead, line within it); dropped whenever what they show changes.
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(2000)

    # ------------------------------------------------------------ layout

    def _column_widths(self) -> tuple[int, int]:
        return column_widths(self.scrollable_content_region.width)

    def _bead_lines(self, i: int, lang: str, width: int) -> list[str]:
        bead = self._beads[i]
        ids = bead.side(lang)
        if not ids:
            return []
        return wrap_sentences([self.source.text(sid) for sid in ids], width)

    def _height(self, i: int) -> int:
        return _height(self._beads, i, self._widths, self.source.text, self._ends)

    def _paragraph_end(self, i: int) -> tuple[bool, bool]:
        """Whether bead ``i`` ends a Kazakh and an English paragraph (not at the very end)."""
        return _paragraph_end(self._beads, i, self._ends)

    def _read_ends(self) -> None:
        self._ends = (self.source.paragraph_ends("kk"), self.source.paragraph_ends("en"))

    def _relayout(self) -> None:
        self._strips.clear()
        self._widths = self._column_widths()
        self._read_ends()
        self._beads = self.source.alignment.beads
        measured, self._measured = self._measured, None  # for the first layout only
        heights = None
        if measured is not None and column_widths(measured[0]) == self._widths:
            heights = measured[1] if len(measured[1]) == len(self._beads) else None
        self._layout = RowLayout(len(self._beads), self._height, heights)
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        assert self._layout is not None
        self.virtual_size = Size(self.scrollable_content_region.width, self._layout.total)

    def on_resize(self, event: events.Resize) -> None:
        if self._column_widths() != self._widths or self._layout is None:
            self._relayout()
        self.scroll_to_cursor(animate=False)  # the edit box opened: keep the bead in view

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()
        self._strips.clear()

    def redraw(self) -> None:
        """What every line shows may have changed (flags, search): draw afresh."""
        self._strips.clear()
        self.refresh()

    def sync(self) -> None:
        """The source's alignment or texts changed: re-measure the beads that changed.

        When as many beads came back as went (a confirmation, a text edit),
        every other bead keeps its number and its drawn lines; otherwise the
        numbers after the change moved, and every line is drawn afresh.
        """
        old, new = self._beads, self.source.alignment.beads
        ends = self._ends
        self._read_ends()
        if self._layout is not None and self._ends != ends:  # a paragraph changed: measure all
            self._relayout()
            self.refresh()
            return
        if self._layout is None or old is new:
            self._strips.clear()  # the texts may have changed under the same beads
            self._beads = new
            self.refresh()
            return
        head, old_end, new_end = changed_span(old, new)
        self._beads = new
        before = self._layout.total
        changed = new_end - head
        self._layout.replace(head, old_end, changed)
        self.cursor = min(self.cursor, max(len(new) - 1, 0))
        if changed != old_end - head:
            self._strips.clear()
            self._update_virtual_size()
            self.refresh()
            return
        drawn = self._strips.keys()  # an LRUCache: not iterable itself
        for key in [key for key in drawn if head <= key[0] < new_end]:
            self._strips.discard(key)  # every line the bead had, however many it has now
        if self._layout.total == before:
            # Same heights too: redraw those beads' lines only.
            top = self._layout.start_of(head) - int(self.scroll_offset.y)
            lines = self._layout.start_of(new_end) - self._layout.start_of(head)
            self.refresh_lines(max(top, 0), lines)
            return
        self._update_virtual_size()
        self.refresh()

    # ------------------------------------------------------------ cursor

    def watch_cursor(self, old: int, new: int) -> None:
        before = self.scroll_offset.y
        self.scroll_to_cursor()
        if self.scroll_offset.y == before:  # no scrolling: redraw just the two beads
            self._refresh_bead(old)
            self._refresh_bead(new)
        self.post_message(self.CursorMoved(new))

    def _refresh_bead(self, i: int) -> None:
        if self._layout is None or not 0 <= i < len(self._beads):
            return
        for k in range(self._layout.height_of(i)):
            self._strips.discard((i, k))
        top = self._layout.start_of(i) - int(self.scroll_offset.y)
        self.refresh_lines(max(top, 0), self._layout.height_of(i))

    def watch_active(self) -> None:
        self._refresh_bead(self.cursor)

    def move_to(self, index: int) -> None:
        if self._beads:
            self.cursor = max(0, min(index, len(self._beads) - 1))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        """Bring the cursor bead into view with context around it.

        A bead off screen (a jump: ``:``, ``n``, ``w``, a search) is put a
        third of the way down, so the beads after it are seen too, which is
        where a reviewer looks next; a move to a bead near the edge scrolls
        just enough to keep :data:`CONTEXT` lines beyond it, as an editor's
        scroll margin does.
        """
        if self._layout is None or not self._beads:
            return
        top = self._layout.start_of(self.cursor)
        height = self._layout.height_of(self.cursor)
        view = max(self.scrollable_content_region.height, 1)
        y = int(self.scroll_offset.y)
        if top + height <= y or top >= y + view:  # off screen: a jump
            above = min(view // 3, max(0, view - height))
            self.scroll_to(y=max(0, top - above), animate=False, immediate=True)
            return
        margin = max(0, min(CONTEXT, (view - height) // 2))
        region = Region(0, max(0, top - margin), 1, min(height + 2 * margin, view))
        self.scroll_to_region(region, animate=animate, immediate=True)

    def page_size(self) -> int:
        """About how many beads a screenful holds here (for page up/down)."""
        if self._layout is None or not self._beads:
            return 1
        top = self._layout.bead_at(int(self.scroll_offset.y))[0]
        bottom = self._layout.bead_at(int(self.scroll_offset.y) + self.size.height - 1)[0]
        if bottom < 0:
            bottom = len(self._beads) - 1
        return max(1, bottom - top)

    def visible_range(self) -> tuple[int, int]:
        """First and last bead (partly) on screen."""
        if self._layout is None or not self._beads:
            return 0, 0
        y = int(self.scroll_offset.y)
        first = max(self._layout.bead_at(y)[0], 0)
        last = self._layout.bead_at(y + self.size.height - 1)[0]
        return first, (len(self._beads) - 1 if last < 0 else last)

    def on_click(self, event: events.Click) -> None:
        if self._layout is None:
            return
        i, _ = self._layout.bead_at(int(self.scroll_offset.y) + event.y)
        if i >= 0:
            kk_w, _ = self._widths
            if event.x >= GUTTER:
                self.active = "kk" if event.x < GUTTER + kk_w + 1 else "en"
            self.cursor = i

    # ------------------------------------------------------------ focus

    # The table looks the same with and without focus, so gaining or losing it
    # need not repaint every visible bead, as Textual's own handlers do; these
    # do the rest of what they do (Textual is pinned: see pyproject.toml).

    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    # ------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # Measured once per drawing instead of per line: Textual works the
        # region out afresh on every call, a fifth of a millisecond each.
        self._line_width = self.scrollable_content_region.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._line_width
        base = self._style("")
        if self._layout is None:
            return Strip.blank(width, base)
        i, k = self._layout.bead_at(int(self.scroll_offset.y) + y)
        if i < 0:
            return Strip.blank(width, base)
        strip = self._strips.get((i, k))
        if strip is None:
            strip = self._render(i, k, width, base)
            self._strips[(i, k)] = strip
        return strip

    def _render(self, i: int, k: int, width: int, base: Style) -> Strip:
        bead = self._beads[i]
        row = base
        if i % 2:
            row = row + self._style("odd")
        on_cursor = i == self.cursor
        if on_cursor:
            row = row + self._style("cursor")
        kk_w, en_w = self._widths
        segments: list[Segment] = []
        ends = self._paragraph_end(i)
        if any(ends) and k == self._layout_height(i) - 1:
            return self._rule(ends, row, width, base)
        if k == 0:
            segments += gutter_segments(
                i + 1, bead, self.flags.get(i), self.source.weak_below, row, self._style
            )
        else:
            segments.append(Segment(" " * GUTTER, row))
        for lang, col_w in (("kk", kk_w), ("en", en_w)):
            style = row + self._style("cursor-side") if on_cursor and lang == self.active else row
            lines = self._bead_lines(i, lang, col_w)
            if not lines and k == 0:
                empty = "— no text —".ljust(col_w)[:col_w]
                segments.append(Segment(empty, style + self._style("empty")))
            else:
                text = lines[k] if k < len(lines) else ""
                segments += text_segments(
                    text, col_w, style, self.search, style + self._style("match")
                )
            if lang == "kk":
                segments.append(Segment(SEPARATOR, row))
        strip = Strip(segments)
        return strip.crop_extend(0, width, base)

    def _layout_height(self, i: int) -> int:
        return self._layout.height_of(i) if self._layout is not None else self._height(i)

    def _rule(self, ends: tuple[bool, bool], row: Style, width: int, base: Style) -> Strip:
        """The line under a bead that ends a paragraph: ``¶ ┄┄┄`` on the side(s) it ends."""
        style = row + self._style("paragraph")
        kk, en = (
            ("¶ " + "┄" * col_w)[:col_w] if ended else " " * col_w
            for ended, col_w in zip(ends, self._widths, strict=True)
        )
        segments = [
            Segment(" " * GUTTER, row),
            Segment(kk, style),
            Segment(SEPARATOR, row),
            Segment(en, style),
        ]
        return Strip(segments).crop_extend(0, width, base)

    @property
    def alignment(self) -> Alignment:
        return self.source.alignment
