"""The documents screen: the corpus at a glance, and where a translator's day starts.

Every document with its sentence counts, how much of its alignment is
confirmed and what is left to review; open one in the editor, import an
English text for it and align it, or add a Kazakh source text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from align.cancel import Stopped
from align.model import WEAK_BELOW
from align.overview import CorpusOverview
from align.review import change_review_cut, load_review_cut
from align.summary import DocumentSummary, english_beside
from corpus.errors import InputError, KopirError
from corpus.folder import not_read_line
from corpus.storage.store import Corpus
from corpus.wording import plural, shorten
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import (
    ConfirmDialog,
    ImportDialog,
    Merge,
    MergeTmxDialog,
    Source,
    SourceDialog,
    ask_review_cut,
)
from tui.typed import kopir_app
from tui.widgets.fixed_table import FixedWidthTable
from tui.wording import in_app, merge_controls

# Fixed widths: the table keeps its shape while rows load and reload. Where each
# document stands comes first, the title last: at 80 columns the first six fit, and a line
# under the summary names the columns off-screen (see DocumentsScreen._show_hidden_columns).
COLUMNS = {
    "document": 22, "state": 11, "confirmed": 9, "beads": 6, "weak": 5, "QA ✖/▲": 8,
    "kk": 6, "en": 6, "date": 10, "title": 36,
}  # fmt: skip


#: Exporting one document or all share one place in the footer: at 80 columns there is
#: room for no more beside Quit and Help (F1 lists each key with what it does).
EXPORTS = Binding.Group("Export", compact=True)


def hidden_columns(table: DataTable) -> tuple[list[str], list[str]]:
    """The labels of the columns whose text is not wholly in view: those scrolled off to
    the left, and those beyond the right edge (the fixed columns are always in view; a
    column's padding may be cut)."""
    view = table.scrollable_content_region.width
    if view <= 0:
        return [], []
    columns = table.ordered_columns
    fixed = sum(c.get_render_width(table) for c in columns[: table.fixed_columns])
    start, end = table.scroll_x + fixed, table.scroll_x + view
    left, right = [], []
    x = fixed
    pad = table.cell_padding
    for column in columns[table.fixed_columns :]:
        width = column.get_render_width(table)
        if x + pad < start:
            left.append(column.label.plain)
        elif x + width - pad > end:
            right.append(column.label.plain)
        x += width
    return left, right


def _cells(summary: DocumentSummary, quality: dict[str, str]) -> tuple[str, ...]:
    """A document's row, in the order of :data:`COLUMNS`."""
    s = summary
    share = f"{100 * s.confirmed_share:.0f}%" if s.beads else "—"
    return (
        s.doc_id, s.state, share, str(s.beads), str(s.weak), quality.get(s.doc_id, "—"),
        str(s.kk), str(s.en), s.date, shorten(s.title, COLUMNS["title"]),
    )  # fmt: skip


class DocumentsScreen(Screen):
    BINDINGS = [
        # priority: the table's own Enter would otherwise hide this one from the
        # footer and the F1 help (the table has no other use for it)
        Binding("enter", "open", "Open", id="documents.open", priority=True),
        Binding("i", "import_english", "Import English", id="documents.import"),
        # Not in the footer, which has no room at 80 columns: F1 lists it, and the Import
        # English dialog names it.
        Binding("m", "merge_tmx", "Merge TMX", id="documents.merge_tmx", show=False),
        Binding("a", "align", "Align", id="documents.align"),
        Binding("n", "add_source", "Add Kazakh", id="documents.add_source"),
        Binding("slash", "query", "Query", id="documents.query"),
        Binding("x", "export", "Export", id="documents.export", group=EXPORTS),
        Binding("X", "export_all", "Export all", id="documents.export_all", group=EXPORTS),
        # Not in the footer (F1 lists it): the list reloads itself on coming back to it.
        Binding("f5,ctrl+l", "reload", "Reload", id="documents.reload", show=False),
        # The summary line above the table names it, with the cut.
        Binding("v", "review_cut", "Review cut", id="documents.review_cut", show=False),
        # The editor's keys for the next and previous bead move through the list too.
        Binding("j", "move(1)", "Next document", id="documents.down", show=False),
        Binding("k", "move(-1)", "Previous document", id="documents.up", show=False),
    ]
    DEFAULT_CSS = """
    DocumentsScreen #summary { height: auto; padding: 0 1; background: $panel; }
    DocumentsScreen #offscreen {
        height: auto; padding: 0 1; background: $panel; color: $text-muted;
    }
    DocumentsScreen DataTable { height: 1fr; }
    DocumentsScreen Footer.-compact FooterLabel { margin: 0 1 0 0; }
    DocumentsScreen Footer.-compact KeyGroup.-compact { padding-left: 0; }
    """

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.overview = CorpusOverview(corpus)
        self.summaries: dict[str, DocumentSummary] = {}
        self._select: str | None = None  # a document to select once the table is reloaded
        # Folders Kazakh sources were added from in this session, the latest first: their
        # x.en.txt is where a translator who downloaded a pair keeps the English.
        self._added_from: list[Path] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield Static(id="offscreen")
        # The document's id stays in view when the table is scrolled right to its title.
        yield FixedWidthTable(
            cursor_type="row", zebra_stripes=True, fixed_columns=1, id="documents"
        )
        # The Footer is mounted when the screen is first shown (see _reload_if_shown):
        # building its keys costs a tenth of a second that `kopir open DOC` should not wait.

    def on_mount(self) -> None:
        self.title = "kopir"
        self.sub_title = str(self.corpus.root)
        table = self.query_one(DataTable)
        for name, width in COLUMNS.items():
            table.add_column(name, key=name, width=width)
        self.watch(table, "scroll_x", self._show_hidden_columns)
        table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_hidden_columns)

    def _show_hidden_columns(self) -> None:
        """Name the columns the table's width leaves out of view, and the keys that show them.

        At 80 columns the table shows where each document stands and leaves its
        sentence counts, date and title off to the right, with nothing on screen
        to say they are there (a new translator never found them).
        """
        hint = self.query_one("#offscreen", Static)
        left, right = hidden_columns(self.query_one(DataTable))
        parts = []
        if left:
            parts.append(f"← {', '.join(left)} (← or Home)")
        if right:
            parts.append(f"more columns → {', '.join(right)} (→ or End)")
        hint.update(" · ".join(parts))
        hint.display = bool(parts)

    def on_screen_resume(self) -> None:
        """Shown for the first time or again (after the editor): bring the table up to date
        (reading only the documents that changed meanwhile).

        Not when the app opens straight into a document: reading and checking
        every document would compete with the editor for the interpreter.
        """
        self.call_later(self._reload_if_shown)

    def _reload_if_shown(self) -> None:
        # The top screen, not ``is_current``: a screen pushed a moment ago (the editor,
        # when the app opens straight into a document) leaves this one "current" as a
        # background screen, and reading a 50,000-bead document here would compete
        # with the editor and hold quitting up until it was done.
        if self.app.screen is self:
            if not self.query(Footer):
                self.mount(Footer(show_command_palette=False, compact=True))
            self._list_ids()
            # A long document still being saved and closed (or opened) on a worker: the
            # app reloads when that is done (KopirApp._settled); read now, it would be read
            # again, and a 50,000-bead document takes seconds to read.
            if not kopir_app(self).settling:
                self.action_reload()

    def _list_ids(self) -> None:
        """The documents by id, before they are read: keys typed meanwhile move and open.

        Reading and checking every document takes seconds on a large corpus, and
        an empty table swallowed the Down and Enter a translator typed meanwhile.
        """
        table = self.query_one(DataTable)
        if table.row_count:
            return
        waiting = ["…"] * (len(COLUMNS) - 1)
        for doc_id in self.corpus.ids():
            table.add_row(doc_id, *waiting, key=doc_id)

    def action_reload(self) -> None:
        self._load()

    def action_review_cut(self) -> None:
        """Show the corpus's review cut and what each cut finds; set a new one."""
        try:
            cut = load_review_cut(self.corpus.root)
        except KopirError as exc:
            self.notify(in_app(str(exc)), severity="error", timeout=10)
            return

        def change(value: str) -> str:
            return change_review_cut(self.corpus.root, value)[1]

        ask_review_cut(self, cut, change, self.action_reload)

    @work(thread=True, exclusive=True, group="documents", description="read the corpus")
    def _load(self) -> None:
        worker = get_current_worker()
        try:  # reads only the documents changed since last time
            overview = self.overview.refresh(lambda: worker.is_cancelled)
        except Stopped:
            return  # the app is closing, or a newer load is on its way
        quality = {
            doc_id: f"{counts['error']}/{counts['warning']}"
            for doc_id, counts in overview.quality.items()
        }
        self.post_message(
            self.Loaded(overview.summaries, quality, overview.errors, overview.weak_below)
        )

    @dataclass
    class Loaded(Message):
        """The summaries a worker read (posted, never awaited: the app may be closing)."""

        summaries: dict[str, DocumentSummary]
        quality: dict[str, str]  # "errors/warnings" per aligned document
        errors: list[str]
        weak_below: float  # the review cut the weak counts are at

    @dataclass
    class Done(Message):
        """A background change of a document finished: what to tell the translator."""

        doc_id: str
        notes: list[tuple[str, str]]  # (severity, message)
        #: An import that failed: the path and choice, to try again.
        retry: tuple[Path, bool] | None = None
        merge: Merge | None = None  # a TMX merge that failed: its dialog comes back

    @dataclass
    class Unrelated(Message):
        """An import not stored because the texts look unrelated: ask whether to go on."""

        doc_id: str
        path: Path
        replace: bool
        why: str

    @on(Unrelated)
    def _unrelated(self, event: Unrelated) -> None:
        kopir_app(self).busy.discard(event.doc_id)

        def answer(anyway: bool | None) -> None:
            if anyway and self._claim(event.doc_id, "import into"):
                self.notify(f"importing {event.path} into {event.doc_id}…", timeout=3)
                self._import(event.doc_id, event.path, event.replace, unrelated_ok=True)
            elif not anyway:
                self.notify(f"nothing imported into {event.doc_id}", timeout=5)

        question = f"These texts look unrelated. {event.why}. Import it anyway?"
        self.app.push_screen(ConfirmDialog(question), answer)

    @on(Done)
    def _done(self, event: Done) -> None:
        kopir_app(self).busy.discard(event.doc_id)
        error = "; ".join(message for _, message in event.notes)
        if event.merge is not None:  # the merge dialog again, what was chosen kept
            self._ask_merge(event.doc_id, event.merge, error)
            self.action_reload()
            return
        if event.retry is not None:  # the import dialog again, the typed path kept
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
        rows = {s.doc_id: _cells(s, event.quality) for s in summaries.values()}
        if [row.key.value for row in table.ordered_rows] == list(rows):
            # The same documents (a reload, a return from the editor): only the cells
            # that changed. Clearing and adding every row again had the table measure
            # every cell anew, 1.1 s of a frozen screen at 2,000 documents.
            for doc_id, cells in rows.items():
                for column, old, new in zip(COLUMNS, table.get_row(doc_id), cells, strict=True):
                    if old != new:
                        table.update_cell(doc_id, column, new)
        else:
            table.clear()
            for doc_id, cells in rows.items():
                table.add_row(*cells, key=doc_id)
        wanted, self._select = self._select or current, None
        if wanted in summaries:
            table.move_cursor(row=table.get_row_index(wanted))
        beads = sum(s.beads for s in summaries.values())
        done = sum(s.confirmed for s in summaries.values())
        text = (
            f"{len(summaries)} documents · {sum(s.kk for s in summaries.values())} Kazakh and "
            f"{sum(s.en for s in summaries.values())} English sentences · "
            f"{done}/{beads} beads confirmed"
        )
        if event.weak_below != WEAK_BELOW:  # the corpus's own review cut: say so (v sets it)
            text += f" · weak: below {event.weak_below:g}"
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

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

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
        # Where a user keeps an English version: beside a Kazakh text just added, here,
        # ./seeds, beside the corpus.
        folders = (*self._added_from, Path.cwd(), Path.cwd() / "seeds", self.corpus.root.parent)
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
    def _import(self, doc_id: str, path: Path, replace: bool, unrelated_ok: bool = False) -> None:
        # The aligner is loaded on first use, in this worker: the app starts
        # faster without it, and only importing or aligning needs it.
        from align.document import import_and_align
        from align.relatedness import UnrelatedTexts

        try:
            warnings, report = import_and_align(
                self.corpus, doc_id, path, replace=replace, unrelated_ok=unrelated_ok
            )
        except UnrelatedTexts as exc:
            self.post_message(self.Unrelated(doc_id, path, replace, exc.message))
            return
        except KopirError as exc:
            self.post_message(self.Done(doc_id, [("error", in_app(exc))], (path, replace)))
            return
        notes = [("warning", warning) for warning in warnings[:5]]
        self.post_message(self.Done(doc_id, [*notes, ("information", report)]))

    def action_merge_tmx(self) -> None:
        doc_id = self.selected
        if doc_id is not None:
            self._ask_merge(doc_id, None)

    def _ask_merge(self, doc_id: str, last: Merge | None, error: str = "") -> None:
        """The Merge TMX dialog for ``doc_id``, with what was chosen last (and why it failed)."""

        def chosen(answer: tuple[Merge, bool] | None) -> None:
            if answer is not None and self._claim(doc_id, "merge into"):
                self.notify(f"merging {answer[0].path} into {doc_id}…", timeout=3)
                self._merge(doc_id, answer[0])

        typed, add = (str(last.path), last.add_unmatched) if last else ("", False)
        self.app.push_screen(MergeTmxDialog(doc_id, typed, error, add), chosen)

    @work(thread=True, group="import", description="merge a TMX")
    def _merge(self, doc_id: str, merge: Merge) -> None:
        """``kopir import tmx --merge``'s core call, under the document's lock; its report."""
        from align.formats.tmx_merge import merge_tmx

        try:
            report = merge_tmx(self.corpus, merge.path, doc_id, add_unmatched=merge.add_unmatched)
        except KopirError as exc:
            error = in_app(exc, merge_controls(doc_id))
            self.post_message(self.Done(doc_id, [("error", error)], merge=merge))
            return
        notes = [("warning", f"sanitised: {change.describe()}") for change in report.changes[:3]]
        summary = "\n".join(in_app(line) for line in report.summary())
        self.post_message(self.Done(doc_id, [*notes, ("information", summary)]))

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

    def action_add_source(self) -> None:
        self._ask_source(Source(""), False)

    def _ask_source(self, source: Source, replace: bool, error: str = "") -> None:
        """The add-a-source dialog, with what was typed (and ticked) and why it failed
        last time."""

        def chosen(answer: tuple[Source, bool] | None) -> None:
            if answer is not None:
                self.notify(f"adding {answer[0].typed}…", timeout=3)
                self._add_source(*answer)

        dialog = SourceDialog(source.typed, error, replace, source.fix_homoglyphs)
        self.app.push_screen(dialog, chosen)

    @work(thread=True, group="import", description="add Kazakh sources")
    def _add_source(self, source: Source, replace: bool) -> None:
        """Ingest a file, or a folder's Kazakh texts: ``kopir ingest``'s core call."""
        from align.sources import add_sources

        path = Path(source.typed).expanduser()
        notes: list[tuple[str, str]] = []
        try:
            added = add_sources(
                self.corpus, [path], fix_homoglyphs=source.fix_homoglyphs, replace=replace
            )
            if not added.files:
                raise InputError(f"{path}: no Kazakh text (.txt) in this folder")
        except KopirError as exc:
            self.post_message(self.SourceFailed(source, replace, in_app(exc)))
            return
        # what the folder held and gave no document: said last, so that it is shown
        left = [("warning", e.reason) for e in added.left_out if e.why != "not-text"]
        if others := not_read_line(added.left_out):
            left.append(("information", others))
        for outcome in added.files:
            if outcome.error is not None:
                notes.append(("error", in_app(outcome.error)))
                continue
            result = outcome.result
            assert result is not None
            notes += [("warning", in_app(warning)) for warning in result.warnings[:3]]
            sentences = plural(result.sentences, "Kazakh sentence")
            notes.append(("information", f"{result.doc_id}: {result.status}, {sentences}"))
        ids = [outcome.result.doc_id for outcome in added.files if outcome.result is not None]
        if not ids and len(added.files) == 1:  # nothing done: the dialog again, the path kept
            self.post_message(self.SourceFailed(source, replace, notes[-1][1]))
            return
        folder = path if path.is_dir() else path.parent
        self.post_message(self.SourcesAdded(ids, notes + left, folder))

    @dataclass
    class SourceFailed(Message):
        """Adding a source failed: the dialog comes back with the typed path and the error."""

        source: Source
        replace: bool
        error: str

    @dataclass
    class SourcesAdded(Message):
        """Sources were added (or found unchanged): what to tell, and which to select."""

        doc_ids: list[str]
        notes: list[tuple[str, str]]
        folder: Path | None = None  # where they were added from

    @on(SourceFailed)
    def _source_failed(self, event: SourceFailed) -> None:
        self._ask_source(event.source, event.replace, event.error)

    @on(SourcesAdded)
    def _sources_added(self, event: SourcesAdded) -> None:
        for severity, message in event.notes[-6:]:
            self.notify(message, severity=severity, timeout=8)  # type: ignore[arg-type]
        if event.doc_ids:
            self._select = event.doc_ids[0]
        if event.folder is not None:
            folder = event.folder.resolve()
            self._added_from = [folder, *(f for f in self._added_from if f != folder)][:5]
        self.action_reload()
