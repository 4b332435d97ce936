"""The query screen: a bilingual concordance of the corpus for linguists.

Conditions on either side (words, ``"phrases"``, ``prefix*``, or regular
expressions), a negative condition on the English ("where was it *not*
rendered so?"), a status filter and a sort order; the hits come as KWIC lines
with the aligned sentence of the highlighted hit under them. Enter opens the
hit's bead in the alignment editor; ``F`` switches to the frequency of the
matched forms; Ctrl+X writes every hit to TMX, CSV, TSV or JSON
(:mod:`align.hit_export`), and the notification says what sanitising changed
in the TMX. Everything is :mod:`corpus.query`, :mod:`corpus.frequency` and
:mod:`align.hit_export`, run in worker threads.

A regular expression can take long (or, written badly, forever): the engine
stops it at its time budget with a one-line error, and the screen stays live
meanwhile (``regex`` lets go of the interpreter lock while it matches). A
newer search, or leaving the screen, abandons the one under way
(:class:`corpus.query.Budget`), and an answer that comes in after a newer
search began is dropped.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Select, Static

from align.hit_export import endings, export_hits, hit_format
from corpus.errors import KopirError
from corpus.frequency import frequencies
from corpus.query import Budget, Hit, Query, QueryEngine, Results, SearchCancelled
from tui.dialogs import PromptDialog

PAGE = 100
CONTEXT = 38
STATUSES = [("any status", ""), ("confirmed only", "confirmed"), ("unconfirmed", "auto")]
SORTS = [("document order", "doc"), ("left context", "left"), ("right context", "right")]


class QueryScreen(Screen):
    """Search the aligned corpus."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="query.close"),
        Binding("ctrl+n", "page(1)", "Next page", id="query.next_page"),
        Binding("ctrl+b", "page(-1)", "Prev. page", id="query.prev_page"),
        Binding("F", "frequencies", "Frequencies", id="query.frequencies"),
        Binding("ctrl+x", "export", "Export hits", id="query.export"),
    ]
    DEFAULT_CSS = """
    QueryScreen #form { height: auto; padding: 0 1; background: $panel; }
    QueryScreen #form Horizontal { height: auto; }
    QueryScreen #form Input { width: 1fr; }
    QueryScreen #form Select { width: 24; }
    QueryScreen #found { height: 1; padding: 0 1; background: $panel; color: $foreground 80%; }
    QueryScreen #hits { height: 1fr; }
    QueryScreen #aligned {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary; overflow-y: auto;
    }
    """

    class Found(Message):
        def __init__(self, budget: Budget, results: Results | None, error: str) -> None:
            super().__init__()
            self.budget, self.results, self.error = budget, results, error

    class Counted(Message):
        def __init__(self, budget: Budget, text: str, rows: list[tuple[str, int, int]]) -> None:
            super().__init__()
            self.budget, self.text, self.rows = budget, text, rows

    def __init__(self, engine: QueryEngine) -> None:
        """``engine`` belongs to the app (``KopirApp.query_engine``), not to the screen:
        it outlives each visit, and the app closes it when it ends."""
        super().__init__()
        self.engine = engine
        self.corpus = engine.corpus
        self.results: Results | None = None
        self.page_start = 0
        self.showing = "hits"
        self._budget: Budget | None = None  # of the search or count under way

    def _fresh_budget(self) -> Budget:
        """Abandon the search or count under way and give the next one its budget."""
        self._abandon()
        self._budget = self.engine.budget()
        return self._budget

    def _abandon(self) -> None:
        if self._budget is not None:
            self._budget.cancel()
            self._budget = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="form"):
            with Horizontal():
                yield Input(placeholder='Kazakh: word, "phrase", prefix*', id="kk")
                yield Input(placeholder="English", id="en")
                yield Input(placeholder="English must not have", id="en_not")
            with Horizontal():
                yield Select(STATUSES, value="", allow_blank=False, id="status")
                yield Select(SORTS, value="doc", allow_blank=False, id="sort")
                yield Checkbox("regular expressions", id="regex")
                yield Checkbox("fold look-alikes (Latin i = і)", id="fold")
        yield Label("Type a query and press Enter.", id="found")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="hits")
        yield Static(id="aligned")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "kopir — query"
        self.sub_title = str(self.corpus.root)
        self.query_one("#kk", Input).focus()

    def query_from_form(self) -> Query:
        def value(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        status = str(self.query_one("#status", Select).value)
        return Query(
            kk=value("kk"),
            en=value("en"),
            en_not=value("en_not"),
            regex=self.query_one("#regex", Checkbox).value,
            fold=self.query_one("#fold", Checkbox).value,
            statuses=(status,) if status else (),
        )

    @on(Input.Submitted)
    @on(Select.Changed, "#status, #sort")
    def _submit(self) -> None:
        self.page_start = 0
        self._search()

    def _search(self) -> None:
        query = self.query_from_form()
        if not (query.kk or query.en or query.en_not):
            return
        self.showing = "hits"
        self.query_one("#found", Label).update("Searching…")
        sort = str(self.query_one("#sort", Select).value)
        self._run(query, self.page_start, sort, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _run(self, query: Query, offset: int, sort: str, budget: Budget) -> None:
        try:
            results = self.engine.search(query, PAGE, offset, sort, budget)
        except SearchCancelled:
            return  # a newer search, or the screen left: nobody waits for this one
        except KopirError as exc:
            self.post_message(self.Found(budget, None, str(exc)))
            return
        self.post_message(self.Found(budget, results, ""))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.budget is not self._budget:
            return  # a search that finished as a newer one began: its answer is stale
        found = self.query_one("#found", Label)
        table = self.query_one("#hits", DataTable)
        if event.results is None:
            found.update(f"✖ {event.error}")
            return
        results = self.results = event.results
        table.clear(columns=True)
        table.add_column("document", width=22)
        table.add_column("bead", width=5)
        table.add_column("left context", width=CONTEXT)
        table.add_column("match")
        table.add_column("right context", width=CONTEXT)
        table.add_column("status", width=9)
        for n, hit in enumerate(results.hits):
            line = hit.kwic(CONTEXT)
            bead = "—" if hit.bead is None else str(hit.bead + 1)
            table.add_row(
                hit.doc, bead, line.left.rjust(CONTEXT)[-CONTEXT:], f"‹{line.match}›",
                line.right[:CONTEXT], hit.status, key=str(n),
            )  # fmt: skip
        last = results.offset + len(results.hits)
        shown = f"{results.offset + 1:,}–{last:,} of " if results.hits else ""
        more = "  Ctrl+N / Ctrl+B: pages" if results.total > PAGE else ""
        found.update(
            f"{shown}{results.total:,} hits for {results.query.describe()}  "
            f"Enter opens the bead in the editor{more}"
            + ("".join(f"  ⚠ {w}" for w in results.warnings))
        )
        self._show_aligned(0)
        if results.hits:
            table.focus()

    @on(DataTable.RowHighlighted, "#hits")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.showing == "hits" and event.row_key is not None:
            self._show_aligned(int(str(event.row_key.value)))

    def _show_aligned(self, n: int) -> None:
        aligned = self.query_one("#aligned", Static)
        if self.results is None or not 0 <= n < len(self.results.hits):
            aligned.update("")
            return
        hit = self.results.hits[n]
        aligned.update(
            Text("\n").join(
                [
                    Text(_bead_line(hit), style="dim"),
                    _marked("kk", hit.kk, hit.kk_spans),
                    _marked("en", hit.en or "(no English)", hit.en_spans),
                ]
            )
        )

    @on(DataTable.RowSelected, "#hits")
    def _open(self, event: DataTable.RowSelected) -> None:
        if self.showing != "hits" or self.results is None:
            return
        hit = self.results.hits[int(str(event.row_key.value))]
        self.app.open_document(hit.doc, hit.bead or 0)  # type: ignore[attr-defined]

    def action_page(self, step: int) -> None:
        if self.results is None:
            return
        offset = self.page_start + step * PAGE
        if 0 <= offset < self.results.total:
            self.page_start = offset
            self._search()

    def action_close(self) -> None:
        self._abandon()
        self.app.pop_screen()

    # ------------------------------------------------------------ frequencies

    def action_frequencies(self) -> None:
        query = self.query_from_form()
        if query.kk or query.en or query.en_not:
            self.query_one("#found", Label).update("Counting…")
            self._count(query, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _count(self, query: Query, budget: Budget) -> None:
        try:
            table = frequencies(self.engine, query, "form", budget)
        except SearchCancelled:
            return
        except KopirError as exc:
            self.post_message(self.Counted(budget, f"✖ {exc}", []))
            return
        rows = [(row.key, row.occurrences, row.hits) for row in table.rows]
        text = (
            f"{table.total_occurrences:,} matches in {table.total_hits:,} units, "
            f"{len(rows):,} forms ({table.side} side), most frequent first; Enter: back to hits"
        )
        self.post_message(self.Counted(budget, text, rows))

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if event.budget is not self._budget:
            return
        self.query_one("#found", Label).update(event.text)
        if not event.rows:
            return
        self.showing = "frequencies"
        table = self.query_one("#hits", DataTable)
        table.clear(columns=True)
        table.add_column("form", width=40)
        table.add_column("matches", width=10)
        table.add_column("units", width=10)
        for form, occurrences, hits in event.rows:
            table.add_row(form, f"{occurrences:,}", f"{hits:,}")
        self.query_one("#aligned", Static).update("")
        table.focus()

    @on(DataTable.RowSelected, "#hits")
    def _back_to_hits(self) -> None:
        if self.showing == "frequencies":
            self._search()

    # ------------------------------------------------------------ export

    def action_export(self) -> None:
        query = self.query_from_form()
        if not (query.kk or query.en or query.en_not):
            self.notify("search for something first", timeout=3)
            return

        def chosen(name: str | None) -> None:
            if name and name.strip():
                self._export(query, Path(name.strip()).expanduser())

        self.app.push_screen(
            PromptDialog(
                "Export every hit to a file",
                "hits.tmx",
                str(Path.cwd() / "exports" / "hits.tmx"),  # where the documents' exports go
                f"The ending says the format: {endings()}.",
            ),
            chosen,
        )

    @work(thread=True, group="query-export", description="export hits")
    def _export(self, query: Query, path: Path) -> None:
        """Every hit to ``path`` in the format its ending names; the report as a notification
        (notify is thread-safe), sanitising changes included: the translator must know
        where the TMX differs from the corpus."""
        try:
            fmt = hit_format(path)  # a wrong ending is said before searching
            results = self.engine.search(query, None, 0, "doc")
            report = export_hits(results, path, fmt)
        except KopirError as exc:
            self.app.notify(str(exc), severity="error", timeout=8, markup=False)
            return
        lines = [report.notice(), *(f"⚠ {w}" for w in results.warnings)]
        troubled = bool(report.changes or results.warnings)
        self.app.notify(
            "\n".join(lines),
            title="Exported hits",
            severity="warning" if troubled else "information",
            timeout=20 if troubled else 8,
            markup=False,  # paths and sentence ids are not markup
        )


def _bead_line(hit: Hit) -> str:
    """Where the hit is and what state its bead is in, for the line above its text."""
    if hit.bead is None:
        return f"{hit.doc} · {' '.join(hit.kk_ids + hit.en_ids)} · in no bead"
    shape = f"{len(hit.kk_ids)}-{len(hit.en_ids)}"
    state = "confirmed" if hit.status == "confirmed" else "proposed"
    if hit.status != "confirmed" and hit.score is not None:
        state += f", confidence {hit.score:.2f}"
    where = f"{hit.doc} bead {hit.bead + 1} ({' '.join(hit.kk_ids + hit.en_ids)})"
    dated = f" · {hit.date}" if hit.date else ""
    return f"{where} · {shape} {state}{dated}"


def _marked(label: str, text: str, spans: tuple[tuple[int, int], ...]) -> Text:
    """A side of the hit, its matches in reverse video as in the concordance."""
    line = Text.assemble((label, "bold"), " ", text)
    shift = len(label) + 1
    for start, end in spans:
        line.stylize("reverse", start + shift, end + shift)
    return line
