"""Editing a bead's text in place: a box under the bead table.

The box shows the other language's text of the bead for reference and the
side being edited in a text area, one sentence per line: a line break splits
a sentence, joining two lines merges them, an empty box removes the side's
sentences, and typing into an empty box gives a Kazakh sentence its English.
Every keystroke is reported (``Draft``) so the app can journal it.

While idle the box is one line under the table saying how to use it, so
that the beads have the screen (at 80×24 a fixed box of ten lines left a long
bead no room to be seen whole); it opens to :data:`OPEN_HEIGHT` lines to edit.
Opening and closing change the screen's layout, which Textual answers by
laying out and repainting the whole screen, a cost paid once per edit, not
per keystroke. Its title and reference are :class:`TextLine` s: filling them
in repaints them and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, TextArea

from align.typed import soft_breaks_to_spaces
from corpus.glossary import Term
from corpus.model import LANG_NAMES, join_sentences
from corpus.text.segment import split_sentences
from tui.widgets.suggestions import Match, Suggestions
from tui.widgets.text_line import TextLine

#: Lines of the box while editing (its top border included), and more with matches shown.
OPEN_HEIGHT = 10
SUGGESTION_LINES = 3
#: The keys that insert the first, second and third glossary term (EditPanel's bindings).
TERM_KEYS = ("F6", "F7", "F8")


class SentenceArea(TextArea):
    """The text box: Ctrl+A selects everything, as translators expect from any editor.

    Ctrl+A is a priority binding: the app acts on it the moment it takes the key
    from the terminal, in turn with the letters after it. As an ordinary binding
    it acted only once the key had gone down to the box and bubbled back up to
    the app, and letters typed right behind it (a fast typist, or keys queued on
    a loaded machine) were by then added to the end of the old text.
    """

    BINDINGS = [
        Binding(
            "ctrl+a", "select_all", "Select all", show=False, priority=True, id="edit.select_all"
        )
    ]

    def _on_paste(self, event: events.Paste) -> None:
        """Word's line breaks (VT, FF) and Unicode's are spaces in a sentence, not new lines.

        TextArea splits pasted text into lines wherever ``str.splitlines``
        does, and a line here is a sentence; this runs before TextArea's own
        handler inserts the text (see ``align.typed``).
        """
        event.text = soft_breaks_to_spaces(event.text)


class EditPanel(Vertical):
    """The text editor of one side of one bead."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply edit", id="edit.apply"),
        Binding("ctrl+n", "apply(True)", "Apply, confirm, edit next", id="edit.apply_next"),
        Binding("escape", "cancel", "Cancel edit", id="edit.cancel"),
        Binding("ctrl+t", "suggest", "Suggest translations", id="edit.suggest"),
        Binding("f2", "use(0)", "Insert match 1", show=False, id="edit.use_1"),
        Binding("f3", "use(1)", "Insert match 2", show=False, id="edit.use_2"),
        Binding("f4", "use(2)", "Insert match 3", show=False, id="edit.use_3"),
        # priority: the text box has F6 and F7 of its own (select the line, select all;
        # Ctrl+A selects all here too)
        *(
            Binding(
                key.lower(),
                f"use_term({n})",
                f"Insert glossary term {n + 1}",
                show=False,
                priority=True,
                id=f"edit.term_{n + 1}",
            )
            for n, key in enumerate(TERM_KEYS)
        ),
    ]
    DEFAULT_CSS = """
    EditPanel {
        height: 2;
        border-top: thick $panel-lighten-2;
        background: $panel;
        padding: 0 1;
    }
    EditPanel #edit-title { text-style: bold; }
    EditPanel #edit-reference { height: 2; color: $foreground 75%; }
    EditPanel TextArea { height: 5; border: none; padding: 0; }
    EditPanel TextArea:focus { border: none; background: $boost; }
    EditPanel #edit-hint { color: $foreground 55%; }
    EditPanel #edit-terms { display: none; }
    """
    IDLE = "Edit box: e or Enter edits the side marked ◆ of the bead under the cursor"

    @dataclass
    class Draft(Message):
        """The text in the box changed (not yet applied)."""

        bead: int
        lang: str
        text: str

    @dataclass
    class Suggest(Message):
        """The translator asks for matches from the translation memory for this bead."""

        bead: int
        lang: str

    @dataclass
    class Done(Message):
        """The edit was applied (``lines``) or cancelled (``lines`` is None)."""

        bead: int
        lang: str
        lines: list[str] | None
        advance: bool = False  # then confirm the bead and edit the next unconfirmed one

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bead = -1
        self.lang = "en"
        self._loading = False
        # A plain flag, not a CSS class: a class change restyles and repaints
        # the box's every widget, for no visible gain (the title says it all).
        self._open = False
        #: The glossary's terms in the bead's Kazakh, while editing its English (F6…).
        self.terms: list[Term] = []

    def compose(self) -> ComposeResult:
        yield TextLine(id="edit-title")
        yield TextLine(wrap=True, id="edit-reference")
        yield Suggestions(id="edit-suggestions")
        yield TextLine(id="edit-terms")
        yield SentenceArea(id="edit-text", soft_wrap=True, show_line_numbers=False)
        yield Label(
            "One sentence per line: Enter splits a sentence, joining lines merges them. "
            "Ctrl+A selects all, Ctrl+S applies, Ctrl+N applies, confirms and edits the next "
            "unconfirmed bead, Escape cancels.",
            id="edit-hint",
        )

    @property
    def is_open(self) -> bool:
        return self._open

    def open(
        self, bead: int, lang: str, lines: list[str], reference: list[str], restored: bool = False
    ) -> None:
        self.bead, self.lang = bead, lang
        self.styles.height = OPEN_HEIGHT
        other = "kk" if lang == "en" else "en"
        title = f"Bead {bead + 1}: {LANG_NAMES[lang]}" + (" (restored draft)" if restored else "")
        self.query_one("#edit-title", TextLine).show(title)
        ref = join_sentences(reference) or "(no text)"
        self.query_one("#edit-reference", TextLine).show(f"{LANG_NAMES[other]}: {ref}")
        area = self.query_one(TextArea)
        self._loading = True
        area.show_line_numbers = True  # sentence numbers, while there are sentences to edit
        area.load_text("\n".join(lines))
        self._loading = False
        self._open = True
        area.focus()
        area.move_cursor(area.document.end)

    def on_mount(self) -> None:
        self.query_one("#edit-title", TextLine).show(self.IDLE)

    def show_suggestions(self, bead: int, lang: str, matches: list[Match], empty: str) -> None:
        """Show the memory's matches for the text of ``bead`` being typed (if still open on it).

        The box grows by their three lines while they are shown: a new layout,
        paid only when there is something to show.
        """
        if not (self.is_open and (bead, lang) == (self.bead, self.lang)):
            return
        box = self.query_one(Suggestions)
        box.show(matches, empty)
        if not box.display:
            box.display = True
            self.styles.height = self._height()

    def show_terms(self, bead: int, lang: str, terms: list[Term], problem: str = "") -> None:
        """Show the glossary's terms in the bead's Kazakh, each with its English and the key
        that inserts it (if the box is still open on that bead): one line more."""
        if not (self.is_open and (bead, lang) == (self.bead, self.lang)):
            return
        self.terms = terms[: len(TERM_KEYS)]
        line = self.query_one("#edit-terms", TextLine)
        if not self.terms and not problem:
            self._hide_terms()
            return
        shown = [
            f"{key} {term.kk} → {' | '.join(term.en)}"
            for key, term in zip(TERM_KEYS, self.terms, strict=False)
        ]
        line.show("Terms: " + ("   ".join(shown) if shown else f"glossary not read: {problem}"))
        if not line.display:
            line.display = True
            self.styles.height = self._height()

    def _hide_terms(self) -> None:
        line = self.query_one("#edit-terms", TextLine)
        self.terms = []
        if line.display:
            line.display = False
            line.show("")
            self.styles.height = self._height() if self.is_open else None

    def _height(self) -> int:
        """The open box's height: its lines, the matches' and the terms' when shown."""
        matches = SUGGESTION_LINES if self.query_one(Suggestions).display else 0
        terms = 1 if self.query_one("#edit-terms", TextLine).display else 0
        return OPEN_HEIGHT + matches + terms

    def action_use_term(self, n: int) -> None:
        """Insert term ``n``'s first English rendering where the cursor is."""
        if self.is_open and n < len(self.terms):
            area = self.query_one(TextArea)
            area.insert(self.terms[n].en[0])
            area.focus()

    def _hide_suggestions(self) -> None:
        box = self.query_one(Suggestions)
        if box.display:
            box.display = False
            box.show([])
            self.styles.height = self._height() if self.is_open else None

    def action_suggest(self) -> None:
        if self.is_open:
            self.post_message(self.Suggest(self.bead, self.lang))

    def action_use(self, n: int) -> None:
        """Insert match ``n``'s translation where the cursor is (into an empty box: all of it),
        a sentence a line: a unit of two sentences (a 1-2 bead's) gives the bead two again."""
        matches = self.query_one(Suggestions).matches
        if self.is_open and n < len(matches):
            area = self.query_one(TextArea)
            area.insert("\n".join(split_sentences(matches[n].target, self.lang)))
            area.focus()

    def close(self) -> None:
        """Back to idle: the box empties (what it held was applied or given up) and folds."""
        self._open = False
        self._hide_suggestions()
        self._hide_terms()
        self.styles.height = None  # the CSS height: the idle line
        self.query_one("#edit-title", TextLine).show(self.IDLE)
        self.query_one("#edit-reference", TextLine).show("")
        area = self.query_one(TextArea)
        self._loading = True
        area.show_line_numbers = False
        area.load_text("")
        self._loading = False

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self._loading and self.is_open:
            self.post_message(self.Draft(self.bead, self.lang, event.text_area.text))

    # The editor closes the box once it has recorded the outcome: if recording
    # fails, the text stays in the box.

    def action_apply(self, advance: bool = False) -> None:
        if self.is_open:
            lines = self.query_one(TextArea).text.split("\n")
            self.post_message(self.Done(self.bead, self.lang, lines, advance))

    def action_cancel(self) -> None:
        if self.is_open:
            self.post_message(self.Done(self.bead, self.lang, None))
