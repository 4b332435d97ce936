"""The concordance as a linguist reads it: one match per line, its translation under it.

Each match is two screen lines. The first is the KWIC line: the text as written,
left context set flush right so that every node starts in the same column, the
node in reverse video, right context straight after it (a comma or a closing
quote touches the node as in the text). The second is the aligned text of the
match's unit, cut to the width around what matters in it: the words the
query matched on that side, or the words a drill-down asks for (a candidate
translation), else the part at the same relative place as the node (in
a one-to-one unit the likely equivalent is roughly there). Matches on the
other side are marked on every line, not only on the highlighted one; so are the
words a drill-down asks for on the node's side (a collocate, an n-gram).

From :data:`WHERE_FROM` columns on, each line starts with its document and bead.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from corpus.search.concordance import MatchLine
from corpus.search.drill import Marker
from corpus.search.plan import Span
from corpus.search.results import Hit
from corpus.text.clean import flat

#: From this content width on, lines begin with their document and bead number.
WHERE_FROM = 120
#: Width of that column (a document name is cut with … to fit).
WHERE = 26
#: How far a cut moves to fall between words.
SNAP = 16
#: The node column is never wider than this share of the line (a wider node is shown
#: whole all the same: it starts further left only when it would not fit otherwise).
NODE_SHARE = 4
NODE_STYLE = "bold reverse"
MARK_STYLE = "bold underline"
OTHER_STYLE = "italic"


def kwic_text(
    line: MatchLine, width: int, node_width: int, where: bool = False, marker: Marker | None = None
) -> Text:
    """The two screen lines of ``line`` at ``width`` cells, nodes in a column ``node_width``
    wide (a wider node runs on to its right; only one wider than the line is cut).

    The first line is the sentence as written (no space added or dropped next to the
    node: a concordance quotes its text), its node in the same column on every line."""
    hit = line.hit
    head = Text("✓ " if hit.status == "confirmed" else "  ", style="green")
    if where:
        bead = "—" if hit.bead is None else str(hit.bead + 1)
        name = _fit(hit.doc, WHERE - len(bead) - 2)
        head = Text.assemble((f"{name} {bead:>{WHERE - len(name) - 2}} ", "dim"), head)
    room = max(8, width - head.cell_len)
    # A node wider than its column (a phrase's hit) stays whole: it runs on into the right
    # context's room, and where that is too little the left context gives way; only a node
    # wider than the whole line is cut, at its end.
    node_len = cell_len(flat(line.node))
    left_width = max(0, min((room - node_width) // 2, room - node_len))
    node_shown = min(node_len, room - left_width)
    cut = line.kwic(left_width, max(1, room - left_width - node_shown))
    whole = Text(cut.left + cut.match + cut.right)
    for start, end in cut.marks:
        whole.stylize(MARK_STYLE, start, end)
    if marker is not None:
        _mark_context(whole, line, cut.left, cut.right, marker)
    # The text as written: the contexts touch the node (a comma, a quote or a dash next
    # to it stays next to it); only the blanks before the left context set the column.
    left, node, right = whole.divide([len(cut.left), len(cut.left) + len(cut.match)])
    node.stylize(NODE_STYLE)
    if cell_len(node.plain) > node_shown:
        node.truncate(node_shown, overflow="ellipsis")
    left.truncate(left_width)
    first = Text.assemble(head, " " * (left_width - left.cell_len), left, node, right)
    first.truncate(width)
    other = "en" if line.side == "kk" else "kk"
    text = flat(hit.text(other)) or f"(no {'English' if other == 'en' else 'Kazakh'})"
    marks = list(hit.spans(other))
    if marker is not None:
        marks += marker(line, other, hit.text(other))
    key_text = hit.text(line.side)
    share = line.span[0] / len(key_text) if key_text else 0.0
    second = Text(" " * head.cell_len) + aligned_window(
        text, sorted(marks), width - head.cell_len, share
    )
    second.truncate(width)
    return Text("\n").join([first, second])


def _mark_context(whole: Text, line: MatchLine, left: str, right: str, marker: Marker) -> None:
    """Mark in ``whole`` (a KWIC line: ``left`` + node + ``right``, each cut end an ``…``)
    the words ``marker`` asks for on the node's side, as far as they are in view."""
    text = line.hit.text(line.side)
    shift = line.span[0] - len(left)  # text offset = line offset + shift
    low = 1 if left != flat(text[: line.span[0]]) else 0  # a cut end is an …
    high = len(whole) - (1 if right != flat(text[line.span[1] :]) else 0)
    for start, end in marker(line, line.side, text):
        start, end = max(start - shift, low), min(end - shift, high)
        if start < end:
            whole.stylize(MARK_STYLE, start, end)


def aligned_window(text: str, marks: Sequence[Span], width: int, share: float = 0.0) -> Text:
    """``text`` cut to ``width`` cells around the one of its ``marks`` nearest the point
    ``share`` of the way through it (every mark in view marked), or around that point;
    ``…`` where it is cut, at a word boundary when one is near and no mark is cut by it."""
    marks = sorted(marks)
    if len(text) <= width:
        start, end = 0, len(text)
    else:
        start, end = _window(len(text), marks, width, share)
        seen = [m for m in marks if m[1] > start and m[0] < end]
        first = seen[0][0] if seen else end
        last = max(e for _, e in seen) if seen else start
        if start:
            space = text.find(" ", start, start + SNAP)
            start = space + 1 if 0 <= space < first else start
        if end < len(text):
            space = text.rfind(" ", end - SNAP, end)
            end = space if space >= max(start, last) else end
    shown = Text(("…" if start else "") + text[start:end] + ("…" if end < len(text) else ""))
    shown.stylize(OTHER_STYLE)
    shift = start - (1 if start else 0)
    for s, e in marks:
        if e > start and s < end:
            shown.stylize(NODE_STYLE, max(s, start) - shift, min(e, end) - shift)
    return shown


def _window(length: int, marks: Sequence[Span], width: int, share: float) -> tuple[int, int]:
    """Where a ``width``-cell window of a longer text starts and ends (room left for an
    ``…`` at each cut end): centred on the mark nearest the point ``share`` of the way
    through (the second match of a unit has its own translation), else on that point."""
    centre = int(share * length)
    anchor = min(marks, key=lambda m: (abs(m[0] - centre), m[0])) if marks else None
    if anchor is not None:
        centre = (anchor[0] + min(anchor[1], anchor[0] + width - 2)) // 2
    start = max(0, centre - width // 2)
    if start == 0 or (anchor is not None and anchor[1] <= width - 1):
        return 0, width - 1
    if anchor is not None:  # the anchor whole, when it fits between the two …
        start = min(anchor[0], max(start, anchor[1] - (width - 2)))
    tail = length - (width - 1)
    if start + width - 2 >= length or (anchor is not None and anchor[0] >= tail):
        return tail, length
    return start, start + width - 2


def where_line(hit: Hit) -> str:
    """Where the line is and what state its bead is in."""
    if hit.bead is None:
        return f"{hit.doc} · {' '.join(hit.kk_ids + hit.en_ids)} · in no bead"
    shape = f"{len(hit.kk_ids)}-{len(hit.en_ids)}"
    state = "confirmed" if hit.status == "confirmed" else "proposed"
    if hit.status != "confirmed" and hit.score is not None:
        state += f" {hit.score:.2f}"
    dated = f" · {hit.date}" if hit.date else ""
    ids = " ".join(hit.kk_ids + hit.en_ids)
    return f"{hit.doc} bead {hit.bead + 1} · {shape} {state}{dated} · {ids}"


def unit_text(hit: Hit) -> Text:
    """The line's unit whole, both sides, its matches marked."""
    return Text("\n").join(
        [
            marked_side("kk", hit.kk, hit.kk_spans),
            marked_side("en", hit.en or "(no English)", hit.en_spans),
        ]
    )


def marked_side(label: str, text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """A side of the unit, its matches in reverse video as in the concordance."""
    line = Text.assemble((label, "bold"), " ", text)
    shift = len(label) + 1
    for start, end in spans:
        line.stylize("reverse", start + shift, end + shift)
    return line


def _fit(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


class KwicTable(DataTable):
    """The concordance lines of one page, two screen lines each, re-cut to the width."""

    DEFAULT_CSS = """
    KwicTable { scrollbar-size-vertical: 1; }
    """

    def __init__(self, **options: object) -> None:
        super().__init__(
            cursor_type="row",
            zebra_stripes=True,
            show_header=False,
            cell_padding=0,
            **options,  # type: ignore[arg-type]
        )
        self.lines: list[MatchLine] = []
        self.marker: Marker | None = None
        self._width = 0

    def show(
        self, lines: Sequence[MatchLine], marker: Marker | None = None, cursor: int = 0
    ) -> None:
        """Show ``lines``, the cursor on the ``cursor``-th; ``marker`` marks extra words."""
        self.lines, self.marker = list(lines), marker
        self._fill(cursor)

    def _fill(self, cursor: int) -> None:
        width = self.size.width - 1  # the scroll bar's column
        self._width = width
        self.clear(columns=True)
        if width < 10 or not self.lines:
            return
        where = width >= WHERE_FROM
        node_width = min(
            max(cell_len(flat(line.node)) for line in self.lines) or 1,
            width // NODE_SHARE,
        )
        self.add_column("line", width=width, key="line")
        for n, line in enumerate(self.lines):
            self.add_row(
                kwic_text(line, width, node_width, where, self.marker), height=2, key=str(n)
            )
        self.move_cursor(row=min(cursor, len(self.lines) - 1))

    def on_resize(self, event: events.Resize) -> None:
        if self.lines and self.size.width - 1 != self._width:
            self._fill(self.cursor_row)


class LineDetails(Vertical):
    """Under the lines: where the highlighted one is (``#where``) and, on a tall screen,
    its unit whole (``#aligned``); both blank when no line is highlighted."""

    DEFAULT_CSS = """
    LineDetails { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        yield Static(id="aligned")

    def show(self, hit: Hit | None) -> None:
        """The details of ``hit``'s line (None: none)."""
        self.query_one("#where", Static).update("" if hit is None else Text(where_line(hit)))
        self.query_one("#aligned", Static).update("" if hit is None else unit_text(hit))
