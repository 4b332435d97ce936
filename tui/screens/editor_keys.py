"""The editor's keys: its bindings and the line of key hints under the beads.

Keys are single letters in the spirit of InterText and OmegaT's aligner;
each binding has an id so that a user's keymap can move it, and the hints
are built from those ids, so they show the keys the user's keymap gives.
At 80 columns not every hint fits: the spare ones go first, so that help and
quit are always shown (F1 lists every key).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widget import Widget

#: The key hints under the beads: (binding id, what), while reviewing and editing.
REVIEW_HINTS = (
    ("editor.confirm", "confirm"), ("editor.edit", "edit"), ("editor.merge", "merge"),
    ("editor.split", "split"), ("editor.shift_up", "pull up"), ("editor.shift_down", "push down"),
    ("editor.side", "side"), ("editor.undo", "undo"), ("editor.next_unconfirmed", "next to do"),
    ("editor.quality", "checks"), ("editor.export", "export"), ("app.help", "help"),
    ("app.quit", "quit"),
)  # fmt: skip
#: The hints left out first, in this order, when the line is narrower than all of them.
SPARE_HINTS = (
    "editor.shift_down", "editor.shift_up", "editor.side", "editor.export", "editor.split",
    "editor.quality", "editor.merge", "editor.next_unconfirmed", "edit.select_all",
)  # fmt: skip
EDIT_HINTS = (
    ("edit.apply", "apply"),
    ("edit.suggest", "matches"),
    ("edit.cancel", "cancel"),
    ("edit.select_all", "select all"),
)

EDITOR_BINDINGS = [
    # moving
    Binding("down,j", "move(1)", "Next", show=False, id="editor.down"),
    Binding("up,k", "move(-1)", "Previous", show=False, id="editor.up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="editor.page_down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="editor.page_up"),
    Binding("home,g", "first", "First bead", show=False, id="editor.first"),
    Binding("end,G", "last", "Last bead", show=False, id="editor.last"),
    Binding("colon", "goto", "Go to bead", show=False, id="editor.goto"),
    Binding("tab", "switch_side", "Kazakh/English", show=False, id="editor.side"),
    Binding("n", "next_unconfirmed(1)", "Next unconfirmed", id="editor.next_unconfirmed"),
    Binding("N", "next_unconfirmed(-1)", "Prev. unconfirmed", show=False,
            id="editor.prev_unconfirmed"),
    Binding("w", "next_weak(1)", "Next weak", show=False, id="editor.next_weak"),
    Binding("W", "next_weak(-1)", "Prev. weak", show=False, id="editor.prev_weak"),
    Binding("v", "review_cut", "Review cut", show=False, id="editor.review_cut"),
    Binding("f", "next_flagged(1)", "Next flagged", show=False, id="editor.next_flagged"),
    Binding("F", "next_flagged(-1)", "Prev. flagged", show=False, id="editor.prev_flagged"),
    Binding("slash", "search", "Search", show=False, id="editor.search"),
    Binding("Q", "query", "Search the corpus", show=False, id="editor.query"),
    Binding("full_stop", "next_match(1)", "Next match", show=False, id="editor.next_match"),
    Binding("comma", "next_match(-1)", "Prev. match", show=False, id="editor.prev_match"),
    # changing
    Binding("space", "confirm_next", "Confirm", id="editor.confirm"),
    Binding("c", "toggle_confirm", "Confirm/unconfirm", show=False, id="editor.toggle_confirm"),
    Binding("C", "confirm_above", "Confirm all above", show=False, id="editor.confirm_above"),
    Binding("m", "merge", "Merge with next", id="editor.merge"),
    Binding("s", "split", "Split", id="editor.split"),
    Binding("K", "shift_up", "Pull sentence up", show=False, id="editor.shift_up"),
    Binding("J", "shift_down", "Push sentence down", show=False, id="editor.shift_down"),
    Binding("i", "insert_empty", "No counterpart", show=False, id="editor.insert_empty"),
    Binding("e,enter", "edit", "Edit text", id="editor.edit"),
    Binding("r", "realign", "Re-align", show=False, id="editor.realign"),
    Binding("T", "fill_from_memory", "Fill from memory", show=False, id="editor.fill"),
    Binding("t", "add_term", "Add a glossary term", show=False, id="editor.add_term"),
    Binding("p", "quality", "Quality panel", id="editor.quality"),
    Binding("x", "export", "Export", show=False, id="editor.export"),
    Binding("u,ctrl+z", "undo", "Undo", id="editor.undo"),
    Binding("U,ctrl+y,ctrl+r", "redo", "Redo", show=False, id="editor.redo"),
    # panels
    Binding("escape", "close", "Documents", show=False, id="editor.close"),
]  # fmt: skip


#: One hint: its binding id, its text (``keys what``) and its text with the first key only.
Hint = tuple[str, str, str]


def hint_line(nodes: list[DOMNode], hints: tuple[tuple[str, str], ...]) -> list[Hint]:
    """``key what`` for each binding id, with the keys ``nodes``' bindings give it
    (after the user's keymap); a hint whose binding none of them has is left out."""
    app = nodes[0].app
    keys: dict[str, list[str]] = {}
    for node in nodes:
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.id:
                    keys.setdefault(binding.id, []).append(app.get_key_display(binding))
    return [
        (
            binding_id,
            f"{'/'.join(dict.fromkeys(keys[binding_id]))} {what}",
            f"{keys[binding_id][0]} {what}",
        )
        for binding_id, what in hints
        if binding_id in keys
    ]


def fit_hints(hints: list[Hint], width: int) -> str:
    """The hints on one line of ``width`` cells: with every key if they fit, else with
    the first key of each, else leaving out spare ones (SPARE_HINTS order) until the
    rest fit; what still does not fit is cut by the caller."""
    kept = list(hints)
    for spare in (*SPARE_HINTS, None):
        for line in (
            "  ".join(text for _, text, _ in kept),
            "  ".join(short for _, _, short in kept),
        ):
            if Text(line).cell_len <= width:
                return line
        kept = [hint for hint in kept if hint[0] != spare]
    return line


class HintLine(Widget):
    """The key hints under the beads, as many as the width takes; redrawn, never laid
    out again (like TextLine: a layout costs more than a keystroke)."""

    DEFAULT_CSS = "HintLine { height: 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._hints: list[Hint] = []

    def show(self, hints: list[Hint]) -> None:
        """Show ``hints``; repaint only if they changed."""
        if hints != self._hints:
            self._hints = list(hints)
            self.refresh()

    def render(self) -> Text:
        line = fit_hints(self._hints, self.size.width)
        return Text(line, no_wrap=True, overflow="ellipsis")
