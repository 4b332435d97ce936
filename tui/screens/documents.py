"""The documents screen: the corpus at a glance, and where a translator's day starts.

Every document with its sentence counts, how much of its alignment is
confirmed and what is left to review; open one in the editor, import an
English text for it and align it.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from align.overview import CorpusOverview
from align.summary import DocumentSummary, english_beside
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from corpus.wording import shorten
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import ImportDialog
from tui.typed import kopir_app
from tui.wording import in_app

# Fixed widths: the table keeps its shape while rows load and reload.
COLUMNS = {
    "document": 22, "title": 36, "date": 10, "kk": 6, "en": 6, "beads": 6,
    "confirmed": 9, "weak": 5, "QA ✖/▲": 8, "state": 11,
}  # fmt: skip


class DocumentsScreen(Screen):
    BINDINGS = [
        # priority: the table's own Enter would otherwise hide this one from the
        # footer and the F1 help (the table has no other use for it)
        Binding("enter", "open", "Open", id="documents.open", priority=True),
        Binding("i", "import_english", "Import English", id="documents.import"),
        Binding("a", "align", "Align", id="documents.align"),
        Binding("slash", "query", "Query", id="documents.query"),
        Binding("x", "export", "Export", id="documents.export"),
        Binding("X", "export_all", "Export all", id="documents.export_all"),
        Binding("f5,ctrl+l", "reload", "Reload", id="documents.reload"),
    ]
    DEFAULT_CSS = """
    DocumentsScreen #summary { height: auto; padding: 0 1; background: $panel; }
    DocumentsScreen DataTable { height: 1fr; }
    """

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.overview = CorpusOverview(corpus)
        self.summaries: dict[str, DocumentSummary] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="documents")
        # The Footer is mounted when the screen is first shown (see _reload_if_shown):
        # building its keys costs a tenth of a second that `kopir open DOC` should not wait.

    def on_mount(self) -> None:
        self.title = "kopir"
        self.sub_title = str(self.corpus.root)
        table = self.query_one(DataTable)
        for name, width in COLUMNS.items():
            table.add_column(name, key=name, width=width)
        table.focus()

    def on_screen_resume(self) -> None:
        """Shown for the first time or again (after the editor): bring the table up to date
        (reading only the documents that changed meanwhile).

        Not when the app opens straight into a document: reading and checking
        every document would compete with the editor for the interpreter.
        """
        self.call_later(self._reload_if_shown)

    def _reload_if_shown(self) -> None:
        if self.is_current:
            if not self.query(Footer):
                self.mount(Footer())
            self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="documents", description="read the corpus")
    def _load(self) -> None:
        overview = self.overview.refresh()  # reads only the documents changed since last time
        quality = {
            doc_id: f"{counts['error']}/{counts['warning']}"
            for doc_id, counts in overview.quality.items()
        }
        self.post_message(self.Loaded(overview.summaries, quality, overview.errors))

    class Loaded(Message):
        """The summaries a worker read (posted, never awaited: the app may be closing)."""

        def __init__(
            self,
            summaries: dict[str, DocumentSummary],
            quality: dict[str, str],
            errors: list[str],
        ) -> None:
            super().__init__()
            self.summaries = summaries
            self.quality = quality  # "errors/warnings" per aligned document
            self.errors = errors

    class Done(Message):
        """A background change of a document finished: what to tell the translator."""

        def __init__(
            self,
            doc_id: str,
            notes: list[tuple[str, str]],
            retry: tuple[Path, bool] | None = None,
        ) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.notes = notes  # (severity, message)
            self.retry = retry  # an import that failed: the path and choice, to try again

    @on(Done)
    def _done(self, event: Done) -> None:
        kopir_app(self).busy.discard(event.doc_id)
        if event.retry is not None:  # the import dialog again, the typed path kept
            error = "; ".join(message for _, message in event.notes)
            self._ask_import(event.doc_id, *event.retry, error=error)
            self.action_reload()
            return
        for severity, message in event.notes:
            self.notify(message, severity=severity, timeout=8)  # type: ignore[arg-type]
        self.action_reload()

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        summaries, errors = event.summaries, event.errors
        self.summaries = summaries
        table = self.query_one(DataTable)
        current = self.selected
        table.clear()
        for s in summaries.values():
            share = f"{100 * s.confirmed_share:.0f}%" if s.beads else "—"
            table.add_row(
                s.doc_id, shorten(s.title, COLUMNS["title"]), s.date, str(s.kk), str(s.en),
                str(s.beads), share, str(s.weak), event.quality.get(s.doc_id, "—"), s.state,
                key=s.doc_id,
            )  # fmt: skip
        if current in summaries:
            table.move_cursor(row=table.get_row_index(current))
        beads = sum(s.beads for s in summaries.values())
        done = sum(s.confirmed for s in summaries.values())
        text = (
            f"{len(summaries)} documents · {sum(s.kk for s in summaries.values())} Kazakh and "
            f"{sum(s.en for s in summaries.values())} English sentences · "
            f"{done}/{beads} beads confirmed"
        )
        if not summaries:
            text = f"No documents in {self.corpus.root}: add some with 'kopir ingest PATH…'"
        self.query_one("#summary", Static).update(text)
        for error in errors:
            self.notify(error, severity="error", timeout=10)

    @property
    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()  # a click on the selected row

    def action_open(self) -> None:
        doc_id = self.selected
        if doc_id is not None:
            kopir_app(self).open_document(doc_id)

    def action_query(self) -> None:
        from tui.screens.query import QueryScreen

        self.app.push_screen(QueryScreen(kopir_app(self).query_engine()))

    def action_export(self) -> None:
        doc_id = self.selected
        if doc_id is not None:
            self._export([doc_id], doc_id)

    def action_export_all(self) -> None:
        self._export(None, self.corpus.root.resolve().name or "corpus")

    def _export(self, doc_ids: list[str] | None, name: str) -> None:
        def done(lines: list[str] | None) -> None:
            if lines:
                self.notify("\n".join(lines), title="Exported", timeout=10)

        self.app.push_screen(ExportDialog(self.corpus, doc_ids, name), done)

    def action_import_english(self) -> None:
        doc_id = self.selected
        if doc_id is None:
            return
        summary = self.summaries.get(doc_id)
        # Where a user keeps an English version: here, ./seeds, beside the corpus.
        folders = (Path.cwd(), Path.cwd() / "seeds", self.corpus.root.parent)
        suggestion = english_beside(summary.source_file, folders) if summary else None
        self._ask_import(doc_id, suggestion, False)

    def _ask_import(self, doc_id: str, path: Path | None, replace: bool, error: str = "") -> None:
        """The import dialog for ``doc_id``, offering ``path`` (and why the last try failed)."""
        summary = self.summaries.get(doc_id)

        def chosen(answer: tuple[Path, bool] | None) -> None:
            if answer is not None and self._claim(doc_id, "import into"):
                self.notify(f"importing {answer[0]} into {doc_id}…", timeout=3)
                self._import(doc_id, *answer)

        dialog = ImportDialog(doc_id, path, bool(summary and summary.en), error, replace)
        self.app.push_screen(dialog, chosen)

    @work(thread=True, group="import", description="import and align")
    def _import(self, doc_id: str, path: Path, replace: bool) -> None:
        # The aligner is loaded on first use, in this worker: the app starts
        # faster without it, and only importing or aligning needs it.
        from align.document import import_and_align

        try:
            warnings, report = import_and_align(self.corpus, doc_id, path, replace=replace)
        except KopirError as exc:
            self.post_message(self.Done(doc_id, [("error", in_app(exc))], (path, replace)))
            return
        notes = [("warning", warning) for warning in warnings[:5]]
        self.post_message(self.Done(doc_id, [*notes, ("information", report)]))

    def action_align(self) -> None:
        doc_id = self.selected
        if doc_id is not None and self._claim(doc_id, "align"):
            self.notify(f"aligning {doc_id}…", timeout=3)
            self._align(doc_id)

    def _claim(self, doc_id: str, what: str) -> bool:
        """Mark a document busy for a background change, unless this app is using it."""
        app = kopir_app(self)
        if doc_id in app.editing():
            self.notify(
                f"{doc_id} is open in the editor: close it first (or press r there to re-align)",
                severity="warning",
                timeout=6,
            )
            return False
        if doc_id in app.busy:
            self.notify(f"cannot {what} {doc_id} yet: it is already being changed", timeout=5)
            return False
        app.busy.add(doc_id)
        return True

    @work(thread=True, group="import", description="import and align")
    def _align(self, doc_id: str) -> None:
        from align.document import import_and_align

        try:
            _, report = import_and_align(self.corpus, doc_id)
        except KopirError as exc:
            self.post_message(self.Done(doc_id, [("error", in_app(exc))]))
            return
        self.post_message(self.Done(doc_id, [("information", report)]))
