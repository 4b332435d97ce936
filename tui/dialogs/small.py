"""Small modal dialogs of the translator's app: split, search, go to, import, merge, add, yes/no.

Each returns its answer through ``dismiss`` (``None`` when cancelled with
Escape) and does nothing itself: the screen that opened it calls the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from align.review import cut_table, what_cut_means
from corpus.errors import KopirError
from corpus.model import join_sentences
from corpus.storage.atomic import special_file
from corpus.wording import shorten
from tui.dialogs.paths import PathSuggester
from tui.widgets.tickbox import TickBox
from tui.wording import ADD_UNMATCHED_LABEL, REPAIR_LABEL, in_app


class Dialog(ModalScreen):
    """A centred box; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 90%;
        max-width: 120;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $panel;
        padding: 1 2;
        overflow-y: auto;
    }
    Dialog .title { text-style: bold; margin-bottom: 1; width: 100%; }
    Dialog .error { color: $error; text-style: bold; width: 100%; margin-top: 1; }
    Dialog .hint { color: $foreground 60%; margin-top: 1; width: 100%; }
    Dialog .reference {
        color: $foreground 80%; max-height: 10; overflow-y: auto; margin-bottom: 1;
    }
    Dialog Horizontal { height: auto; margin-top: 1; }
    Dialog Button { margin-right: 2; }
    """

    def _on_mount(self) -> None:
        """Open on a clear box: the reports already up about what was done before the
        dialog (an export's "Exported" report, a count of what ingest did) are dismissed;
        warnings and errors stay until they time out, since a translator who presses F1 or
        meets a confirmation has not necessarily read them yet.

        At 80 × 24 a dialog fills the terminal and the toasts, stacked at the bottom
        right, sat on its summary and buttons until they timed out (found as a new
        user: the "Exported" report over the export dialog opened again). Textual calls
        this beside a dialog's own ``on_mount``. A notification raised while the dialog
        is open is news about it, and shows. Textual has no public way to dismiss one
        notification; the pinned version's (pyproject.toml) is used.
        """
        reports = [n for n in self.app._notifications if n.severity == "information"]
        for note in reports:
            self.app._unnotify(note, refresh=False)
        if reports:
            self.app._refresh_notifications()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitDialog(Dialog):
    """Choose where a bead splits: which sentences of each side go into the first part."""

    def __init__(self, number: int, kk: list[str], en: list[str]) -> None:
        super().__init__()
        self.number = number
        self.kk, self.en = kk, en

    def points(self) -> list[tuple[int, int]]:
        k, e = len(self.kk), len(self.en)
        return [
            (a, b) for a in range(k + 1) for b in range(e + 1) if (a, b) not in ((0, 0), (k, e))
        ]

    def compose(self) -> ComposeResult:
        # The dialog is 90% of the screen up to 120 columns, less its border and
        # padding, the list's border and padding, and the scroll bar a long list has
        # (a bead of several sentences): each row fits without wrapping. Two more
        # columns go to the marker of the highlighted choice.
        width = min(int(self.app.size.width * 0.9), 120) - 16
        self.rows = {
            f"{a},{b}": _split_row(a, b, self.kk, self.en, width) for a, b in self.points()
        }
        options = [Option(_marked(row, False), id=key) for key, row in self.rows.items()]
        with Vertical():
            yield Label(
                f"Split bead {self.number}: what goes into the first part?", classes="title"
            )
            yield Label(
                "Each choice: the two parts' shapes, where the first part ends, "
                "and where the second begins (Kazakh ‖ English).",
                classes="hint",
            )
            yield OptionList(*options)
            yield Label("Enter splits there, Escape cancels.", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        points = self.points()
        # Start on the split that leaves fewest parts with an empty side, keeps
        # the sides most in proportion, and then gives the first part most.
        k, e = len(self.kk), len(self.en)

        def badness(point: tuple[int, int]) -> tuple[int, int, int]:
            a, b = point
            empties = (a == 0) + (b == 0) + (a == k) + (b == e)
            return empties, abs(a * e - b * k), -(a + b)

        best = min(range(len(points)), key=lambda n: badness(points[n]))
        options.highlighted = best
        options.focus()

    @on(OptionList.OptionHighlighted)
    def _mark_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Put ``▶`` on the highlighted choice: the highlight is not shown by colour alone."""
        options = event.option_list
        for key, row in self.rows.items():
            options.replace_option_prompt(key, _marked(row, key == event.option.id))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        a, b = (int(x) for x in (event.option.id or "0,0").split(","))
        self.dismiss((a, b))


def _marked(row: str, highlighted: bool) -> str:
    """A split choice's two lines behind the highlight marker (``▶``) or blanks."""
    first, _, second = row.partition("\n")
    return f"{'▶' if highlighted else ' '} {first}\n  {second}"


def _split_row(a: int, b: int, kk: list[str], en: list[str], width: int) -> str:
    """Two lines for a split choice: ``1-1 + 0-1``, the first part's end, the second's start."""
    head = f"{a}-{b} + {len(kk) - a}-{len(en) - b}"
    room = max(10, (width - len(head) - 2 - 3) // 2)  # two sides and " ‖ "

    def ending(texts: list[str]) -> str:
        text = join_sentences(texts)
        return "∅" if not text else (text if len(text) <= room else "…" + text[1 - room :])

    def beginning(texts: list[str]) -> str:
        text = join_sentences(texts)
        return shorten(text, room) if text else "∅"

    first = f"{ending(kk[:a]):<{room}} ‖ {ending(en[:b])}"
    second = f"{beginning(kk[a:]):<{room}} ‖ {beginning(en[b:])}"
    return f"{head}  {first}\n{' ' * len(head)}  {second}"


class PromptDialog(Dialog):
    """Ask for one line of text (search, go to bead, a file name)."""

    def __init__(self, title: str, placeholder: str = "", value: str = "", hint: str = "") -> None:
        super().__init__()
        self.heading, self.placeholder, self.value, self.hint = title, placeholder, value, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="title")
            yield Input(self.value, placeholder=self.placeholder)
            if self.hint:
                yield Label(self.hint, classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


def ask_review_cut(
    screen: Screen, cut: float, change: Callable[[str], str], then: Callable[[], None]
) -> None:
    """Ask for a new review cut, showing what ``cut`` finds and what the usual cuts find
    (:func:`align.review.what_cut_means`, :func:`align.review.cut_table`). The screen's
    core call ``change`` sets the text typed and says what it did, which is shown (its
    error instead, nothing set); ``then`` redraws what counts with the cut."""
    report = [what_cut_means(cut), *cut_table(cut)]
    hint = "\n".join([*report, "Enter sets it for the whole corpus; Escape keeps it."])

    def answer(value: str | None) -> None:
        if value is None or not value.strip():
            return
        try:
            said = change(value)
        except KopirError as exc:
            screen.notify(in_app(str(exc)), severity="error", timeout=10)
            return
        screen.notify(said, timeout=10)
        then()

    title = "Review cut: beads proposed below it are weak"
    screen.app.push_screen(PromptDialog(title, "0.5", f"{cut:.2f}", hint), answer)


class PathDialog(Dialog):
    """A file (or folder) to read and whether to replace what it would overwrite: the shape
    of Import English and Add Kazakh. Dismisses with ``(chosen(path), replace)``."""

    heading = ""
    placeholder = ""
    replace_label = ""
    hint = ""
    ok_label = "OK"
    #: What the file is for ("read", "write"), as the refusal of a pipe or a device says.
    file_for = "read"

    def __init__(
        self, value: str = "", error: str = "", replace: bool = False, can_replace: bool = True
    ) -> None:
        super().__init__()
        self.value = value  # the path typed last time, kept when the dialog comes back
        self.error = error  # why the last try failed
        self.replace = replace
        self.can_replace = can_replace

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="title")
            yield Input(
                self.value, placeholder=self.placeholder, id="path", suggester=PathSuggester()
            )
            if self.error:
                yield Label(self.error, classes="error")
            # Compact (a line each), as in the export dialog: at 80 × 24 the boxes and
            # buttons at their full height pushed the dialog's title out of view.
            if self.replace_label:  # a dialog that never replaces has no such box
                yield TickBox(
                    self.replace_label, value=self.replace, id="replace",
                    disabled=not self.can_replace, compact=True,
                )  # fmt: skip
            yield from self.options()
            yield Label(self.hint, classes="hint")
            with Horizontal():
                yield Button(self.ok_label, variant="primary", id="ok", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def options(self) -> ComposeResult:
        """A dialog's own options, under the replace box (none here)."""
        yield from ()

    def chosen(self, path: str) -> object:
        """What the dialog answers for the typed ``path`` (not empty)."""
        return path

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if path and special_file(Path(path).expanduser()):  # a pipe waits for its other end
            message = f"{path}: a pipe or a device, not a file: give the file to {self.file_for}"
            self.notify(message, severity="error", timeout=8)
            return
        if path:
            replace = any(box.value for box in self.query("#replace").results(Checkbox))
            self.dismiss((self.chosen(path), replace))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ImportDialog(PathDialog):
    """Import an English text for a document: a file name and whether to replace."""

    placeholder = "path/to/english.txt (→ completes the name)"
    replace_label = "Replace its English and beads"  # what it keeps is said in the hint
    hint = (
        "Plain text, one paragraph per line; it is segmented into sentences and aligned with "
        "the Kazakh. Replacing keeps a confirmed bead whose English is in the new text. "
        "A TMX back from a CAT tool: m on the documents screen merges it."
    )
    ok_label = "Import and align"

    def __init__(
        self,
        doc_id: str,
        suggestion: Path | None,
        has_english: bool,
        error: str = "",
        replace: bool = False,
    ) -> None:
        super().__init__(str(suggestion or ""), error, replace, can_replace=has_english)
        self.heading = f"Import an English text for {doc_id} and align it"

    def chosen(self, path: str) -> Path:
        return Path(path).expanduser()


@dataclass(frozen=True)
class Merge:
    """What the Merge TMX dialog answers: the TMX, and whether to add the units whose
    Kazakh is none of the document's (``kopir import tmx --merge --add-unmatched``)."""

    path: Path
    add_unmatched: bool = False


class MergeTmxDialog(PathDialog):
    """Merge a CAT tool's TMX into a document: ``kopir import tmx --merge``. Answers
    ``(Merge, False)``: a merge replaces nothing, so there is no Replace box."""

    placeholder = "path/to/project-level1.tmx (→ completes the name)"
    # three lines at 80 columns, so that the heading stays in view at 80 × 24
    hint = (
        "Units go onto the beads their tuids name, else onto those of their Kazakh (a "
        "repeated sentence's onto each occurrence); one whose Kazakh the document lacks is "
        "left out and listed unless ticked."
    )
    ok_label = "Merge"

    def __init__(
        self, doc_id: str, value: str = "", error: str = "", add_unmatched: bool = False
    ) -> None:
        super().__init__(value, error)
        self.heading = f"Merge a TMX from a CAT tool into {doc_id}"
        self.add_unmatched = add_unmatched

    def options(self) -> ComposeResult:
        yield TickBox(
            ADD_UNMATCHED_LABEL, value=self.add_unmatched, id="add_unmatched", compact=True
        )

    def chosen(self, path: str) -> Merge:
        return Merge(Path(path).expanduser(), self.query_one("#add_unmatched", Checkbox).value)


@dataclass(frozen=True)
class Source:
    """What the Add Kazakh dialog answers: the typed path, and whether to repair words
    that mix Latin and Cyrillic letters (``kopir ingest --fix-homoglyphs``)."""

    typed: str
    fix_homoglyphs: bool = False


class SourceDialog(PathDialog):
    """Add a Kazakh source text (or a folder of them) to the corpus: what ``kopir ingest`` does.

    Answers a :class:`Source` for the path.
    """

    heading = "Add a Kazakh source text to the corpus"
    placeholder = "path/to/kazakh.txt or a folder of them (→ completes the name)"
    replace_label = "Replace it if changed"  # what that discards is said in the hint
    hint = (
        "Plain text, one paragraph per line; a folder adds every .txt in it (x.en.txt "
        "translations are left for Import English). x.txt or x.kk.txt is the document x. "
        "Replacing a changed document discards its English and beads."
    )
    ok_label = "Add"

    def __init__(
        self, value: str = "", error: str = "", replace: bool = False, fix: bool = False
    ) -> None:
        super().__init__(value, error, replace)
        self.fix = fix

    def options(self) -> ComposeResult:
        yield TickBox(REPAIR_LABEL, value=self.fix, id="fix", compact=True)

    def chosen(self, path: str) -> Source:
        return Source(path, self.query_one("#fix", Checkbox).value)


class TermDialog(Dialog):
    """Add a glossary term from a bead: the bead's Kazakh and English shown, the term's
    Kazakh, English and note asked. ``add`` is the screen's core call; its error is shown
    here and the dialog stays open, its line is the answer.

    The boxes are one line each and the bead's texts at most three lines each, so that
    at 80 × 24 the whole dialog shows with a long bead behind it.
    """

    DEFAULT_CSS = """
    TermDialog .reference { width: 100%; max-height: 3; margin-bottom: 0; }
    TermDialog Input { margin-top: 1; }
    TermDialog #term-error { display: none; }
    """

    def __init__(self, number: int, kk: str, en: str, add: Callable[[str, str, str], str]) -> None:
        super().__init__()
        self.number, self.kk, self.en, self.add = number, kk, en, add

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Add a glossary term from bead {self.number}", classes="title")
            yield Label(f"Kazakh: {self.kk or '(none)'}", classes="reference")
            yield Label(f"English: {self.en or '(none)'}", classes="reference")
            yield Input(
                placeholder="Kazakh term, in its dictionary form", compact=True, id="term-kk"
            )
            yield Input(
                placeholder="English (several: separate them with |)", compact=True, id="term-en"
            )
            yield Input(placeholder="note (optional)", compact=True, id="term-note")
            yield Label("", classes="error", id="term-error")
            yield Label(
                "Enter: the next box, then adds the term to the corpus's glossary; Escape cancels.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#term-kk", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        kk, en, note = (self.query_one(f"#term-{n}", Input).value for n in ("kk", "en", "note"))
        if event.input.id == "term-kk" and not en.strip():
            self.query_one("#term-en", Input).focus()
            return
        try:
            line = self.add(kk, en, note)
        except KopirError as exc:
            error = self.query_one("#term-error", Label)
            error.update(in_app(exc))
            error.display = True
            return
        self.dismiss(line)


class ConfirmDialog(Dialog):
    """A yes/no question, wrapped to the box (a Label is as wide as its text, and cut).

    Every question asked is whether to go on with something risky (replace a file or a
    saved query, which no undo brings back; import texts that look unrelated; re-align
    over beads changed by hand): Enter answers No, as the replace-file questions of
    desktop systems do, and Yes takes y or a click. With Yes focused, an Enter pressed
    twice (the export dialog's path, then its question) replaced the file.
    """

    DEFAULT_CSS = "ConfirmDialog .title { width: 100%; }"
    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("y", "yes", "Yes", id="confirm.yes"),
        Binding("n,escape", "cancel", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="title")
            with Horizontal():
                yield Button("Yes (y)", variant="warning", id="yes")
                yield Button("No (n)", id="no")

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)
