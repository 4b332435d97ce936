"""Editing a bead's text in place: a panel under the bead table.

The panel shows the other language's text of the bead for reference and the
side being edited in a text area, one sentence per line: a line break splits
a sentence, joining two lines merges them, an empty box removes the side's
sentences, and typing into an empty box gives a Kazakh sentence its English.
It stays mounted (hidden) so that opening it costs no more than showing it.
Every keystroke is reported (``Draft``) so the app can journal it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static, TextArea

LANG_NAMES = {"kk": "Kazakh", "en": "English"}


class SentenceArea(TextArea):
    """The text box: Ctrl+A selects everything, as translators expect from any editor."""

    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False, id="edit.select_all")]


class EditPanel(Vertical):
    """The text editor of one side of one bead."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply edit", id="edit.apply"),
        Binding("escape", "cancel", "Cancel edit", id="edit.cancel"),
    ]
    DEFAULT_CSS = """
    EditPanel {
        display: none;
        height: auto;
        max-height: 50%;
        border-top: thick $primary;
        background: $panel;
        padding: 0 1;
    }
    EditPanel.open { display: block; }
    EditPanel #edit-title { text-style: bold; }
    EditPanel #edit-reference { color: $foreground 75%; max-height: 6; overflow-y: auto; }
    EditPanel TextArea { height: auto; min-height: 3; max-height: 12; }
    EditPanel #edit-hint { color: $foreground 55%; }
    """

    class Draft(Message):
        """The text in the box changed (not yet applied)."""

        def __init__(self, bead: int, lang: str, text: str) -> None:
            super().__init__()
            self.bead, self.lang, self.text = bead, lang, text

    class Done(Message):
        """The edit was applied (``lines``) or cancelled (``lines`` is None)."""

        def __init__(self, bead: int, lang: str, lines: list[str] | None) -> None:
            super().__init__()
            self.bead, self.lang, self.lines = bead, lang, lines

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bead = -1
        self.lang = "en"
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Label(id="edit-title")
        yield Static(id="edit-reference")
        yield SentenceArea(id="edit-text", soft_wrap=True, show_line_numbers=True)
        yield Label(
            "One sentence per line: Enter splits a sentence, joining lines merges them. "
            "Ctrl+A selects all, Ctrl+S applies, Escape cancels.",
            id="edit-hint",
        )

    @property
    def is_open(self) -> bool:
        return self.has_class("open")

    def open(
        self, bead: int, lang: str, lines: list[str], reference: list[str], restored: bool = False
    ) -> None:
        self.bead, self.lang = bead, lang
        other = "kk" if lang == "en" else "en"
        title = f"Bead {bead + 1}: {LANG_NAMES[lang]}" + (" (restored draft)" if restored else "")
        self.query_one("#edit-title", Label).update(title)
        ref = " ".join(reference) or "(no text)"
        self.query_one("#edit-reference", Static).update(f"{LANG_NAMES[other]}: {ref}")
        area = self.query_one(TextArea)
        self._loading = True
        area.load_text("\n".join(lines))
        self._loading = False
        self.add_class("open")
        area.focus()
        area.move_cursor(area.document.end)

    def close(self) -> None:
        self.remove_class("open")

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading and self.is_open:
            self.post_message(self.Draft(self.bead, self.lang, event.text_area.text))

    def action_apply(self) -> None:
        self.close()
        self.post_message(
            self.Done(self.bead, self.lang, self.query_one(TextArea).text.split("\n"))
        )

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Done(self.bead, self.lang, None))
