"""The export dialog: TMX (or Moses, TSV, JSONL) with the quality summary before writing.

The translator picks a format, a file and what to take (unconfirmed beads,
beads with an empty side); the dialog runs the quality checks on exactly
those units and shows what they found before anything is written. An export
with errors is refused unless "export despite errors" is ticked, as on the
command line (``kopir export … --force``). The translation as text takes every
sentence: its boxes for unconfirmed and empty beads are greyed out, and its checks
see every pair with text on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from align.formats.export import ExportOptions
from align.formats.registry import EXPORT_ENDINGS, EXPORT_FORMATS, ExportFormat
from align.qa.findings import count_line
from corpus.errors import KopirError
from corpus.glossary import glossary_beside
from corpus.storage.store import Corpus
from corpus.wording import plural
from tui.dialogs.small import ConfirmDialog, Dialog
from tui.typed import kopir_app
from tui.widgets.tickbox import TickBox
from tui.wording import in_app

MAX_LISTED = 4


class ExportDialog(Dialog):
    """Export some documents (or all) to a file; dismisses with the report's lines."""

    DEFAULT_CSS = """
    ExportDialog Select { width: 60; }
    ExportDialog #summary { margin-top: 1; height: auto; max-height: 8; overflow-y: auto; }
    ExportDialog #summary.errors { color: $error; }
    """

    @dataclass
    class Checked(Message):
        text: str
        errors: bool

    @dataclass
    class Finished(Message):
        lines: list[str] | None
        error: str

    def __init__(self, corpus: Corpus, doc_ids: list[str] | None, name: str) -> None:
        super().__init__()
        self.corpus = corpus
        self.doc_ids = doc_ids
        self.name_stem = name

    @property
    def last(self) -> dict:
        """The choices of the last export in this app, offered again (format, options, folder)."""
        return kopir_app(self).last_export

    def compose(self) -> ComposeResult:
        what = ", ".join(self.doc_ids) if self.doc_ids else "the whole corpus"
        with Vertical():
            yield Label(f"Export {what}", classes="title")
            kind = self.last.get("format", "tmx")
            folder = self.last.get("folder", Path.cwd() / "exports")
            yield Select(
                [(f.label, f.name) for f in EXPORT_FORMATS.values()],
                value=kind,
                allow_blank=False,
                id="format",
            )
            yield Input(str(folder / f"{self.name_stem}{EXPORT_FORMATS[kind].suffix}"), id="path")
            # Compact (a line each, the focus shown on the label): at 80 × 24 the
            # summary and the Export button must fit below the choices.
            yield TickBox(
                "Include unconfirmed beads", value=self.last.get("unconfirmed", False),
                id="unconfirmed", compact=True,
            )  # fmt: skip
            yield TickBox(
                "Include beads with an empty side (1-0, 0-1)", value=self.last.get("empty", False),
                id="empty", compact=True,
            )  # fmt: skip
            yield TickBox("Export despite errors", id="force", compact=True)
            yield Static("Checking…", id="summary")
            with Horizontal():
                yield Button("Export", variant="primary", id="export", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                # beside the buttons: at 80 × 24 a line more above them hid the summary
                yield TickBox(
                    "with the glossary (.tbx)",
                    value=self.last.get("glossary", False), id="glossary", compact=True,
                )  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self._fit_boxes()
        self._check()

    def chosen(self) -> ExportFormat:
        """The format picked in the menu."""
        return EXPORT_FORMATS[str(self.query_one("#format", Select).value)]

    def _fit_boxes(self) -> None:
        """Grey out the boxes that choose units when the format takes its own."""
        fixed = self.chosen().takes is not None
        for box in ("#unconfirmed", "#empty"):
            self.query_one(box, Checkbox).disabled = fixed
        self.query_one("#glossary", Checkbox).disabled = self.chosen().name != "tmx"

    def options(self) -> ExportOptions:
        return ExportOptions(
            include_empty=self.query_one("#empty", Checkbox).value,
            include_unconfirmed=self.query_one("#unconfirmed", Checkbox).value,
            force=self.query_one("#force", Checkbox).value,
        )

    @on(Select.Changed, "#format")
    def _format(self, event: Select.Changed) -> None:
        field = self.query_one("#path", Input)
        path = Path(field.value)
        suffix = EXPORT_FORMATS[str(event.value)].suffix
        known = path.suffix in EXPORT_ENDINGS
        stem = path.name.removesuffix(path.suffix) if known else path.name
        field.value = str(path.with_name(stem + suffix))
        self._fit_boxes()
        self._check()

    @on(Checkbox.Changed, "#unconfirmed, #empty")
    def _options_changed(self) -> None:
        self._check()

    @work(thread=True, exclusive=True, group="export-check", description="check the export")
    def _check(self) -> None:
        """Count the units and run the checks on exactly what would be exported."""
        fmt = self.chosen()
        try:
            preview = fmt.preview(self.corpus, self.doc_ids, self.options())
        except KopirError as exc:
            self.post_message(self.Checked(in_app(exc), True))
            return
        findings = preview.findings
        taken = (
            f"Every sentence delivered, confirmed or not: {plural(preview.units, 'pair')} "
            f"checked, {plural(preview.skipped, 'bead')} with one side empty (listed when "
            "written)."
            if fmt.takes
            else f"{plural(preview.units, 'unit')} to export, {preview.skipped:,} left out "
            "by the options above."
        )
        lines = [taken, f"Quality checks: {count_line(findings)}."]
        if preview.unreadable:  # left out, as the export will: the first error says why
            first = next(iter(preview.unreadable.values()))
            lines.append(
                f"Left out {plural(len(preview.unreadable), 'unreadable document')}: {first}"
            )
        errors = [f for f in findings if f.severity == "error"]
        lines += [f"  ✖ {f.where}: {f.message}" for f in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"  … and {len(errors) - MAX_LISTED} more (kopir check lists them all)")
        if errors:
            lines.append("Fix them in the editor, or tick 'Export despite errors'.")
        self.post_message(self.Checked("\n".join(lines), bool(errors)))

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        summary = self.query_one("#summary", Static)
        summary.update(event.text)
        summary.set_class(event.errors, "errors")

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        kind = str(self.query_one("#format", Select).value)
        try:
            EXPORT_FORMATS[kind].check_output(path)  # before asking to replace a file
        except KopirError as exc:
            summary = self.query_one("#summary", Static)
            summary.update(in_app(exc))
            summary.add_class("errors")
            return
        existing = [p for p in EXPORT_FORMATS[kind].outputs(path) if p.exists()]
        if not existing:
            self._start(kind, path)
            return

        def answer(replace: bool | None) -> None:
            if replace:
                self._start(kind, path)

        names = " and ".join(str(p) for p in existing)
        self.app.push_screen(ConfirmDialog(f"{names} exists already. Replace it?"), answer)

    def _start(self, kind: str, path: Path) -> None:
        self.query_one("#summary", Static).update("Exporting…")
        options = self.options()
        kopir_app(self).last_export = {
            "format": kind,
            "folder": path.parent,
            "unconfirmed": options.include_unconfirmed,
            "empty": options.include_empty,
            "glossary": self.query_one("#glossary", Checkbox).value,
        }
        self._run(kind, path, kind == "tmx" and self.query_one("#glossary", Checkbox).value)

    @work(thread=True, exclusive=True, group="export", description="export")
    def _run(self, kind: str, path: Path, glossary: bool) -> None:
        """Export, and write the glossary beside a TMX when ``glossary`` (the box's value,
        read on the screen's thread)."""
        fmt = EXPORT_FORMATS[kind]
        try:
            report = fmt.export(self.corpus, self.doc_ids, path, self.options())
            lines = report.summary()
            if glossary:
                lines = [*lines, glossary_beside(self.corpus.root, path)]
        except KopirError as exc:  # ExportRefused (the checks found errors) among them
            self.post_message(self.Finished(None, in_app(exc)))
            return
        self.post_message(self.Finished(lines, ""))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        if event.lines is None:
            summary = self.query_one("#summary", Static)
            summary.update(event.error)
            summary.add_class("errors")
            return
        self.dismiss(event.lines)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
