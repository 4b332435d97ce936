"""The query screen: a bilingual concordance of the corpus for linguists.

Conditions on either side (words, ``"phrases"``, ``prefix*``, or regular
expressions), negative conditions ("where was it *not* rendered so?"),
filters by document, date and bead status, and a sort order; the hits come
as KWIC lines with the aligned sentence of the highlighted hit under them.
Enter opens the hit's bead in the alignment editor; ``F`` switches to the
frequency of the matched forms, ``L`` to the collocates on the query's side,
``T`` to the words of the other side (candidate translations); Ctrl+X writes
every hit to TMX, CSV, TSV or JSON (:mod:`align.formats.hits`), and the
notification says what sanitising changed in the TMX. Everything is
:mod:`corpus.search.query`, :mod:`corpus.search.frequency` and :mod:`align.formats.hits`,
run in worker threads.

A regular expression can take long (or, written badly, forever): the engine
stops it at its time budget with a one-line error, and the screen stays live
meanwhile (``regex`` lets go of the interpreter lock while it matches). A
newer search, or leaving the screen, abandons the one under way
(:class:`corpus.search.query.Budget`), and an answer that comes in after a newer
search began is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Select, Static

from align.formats.hits import endings, export_hits, hit_format
from corpus.errors import KopirError
from corpus.search.frequency import Collocates, Frequencies, Unit, collocates, frequencies
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, SearchCancelled
from corpus.search.results import Hit, Results
from corpus.wording import plural
from tui.dialogs.small import ConfirmDialog, PromptDialog
from tui.typed import kopir_app

PAGE = 100
#: Collocates listed on the screen (the command line's --limit shows more).
COLLOCATE_ROWS = 100
CONTEXT = 38
STATUSES = [("any status", ""), ("confirmed only", "confirmed"), ("unconfirmed", "auto")]
SORTS = [("document order", "doc"), ("left context", "left"), ("right context", "right")]
#: What F, L and T count words as.
COUNT_BY = [("count forms", "form"), ("count lemmas", "lemma"), ("count tags", "pos")]


class QueryScreen(Screen):
    """Search the aligned corpus."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="query.close"),
        Binding("ctrl+n", "page(1)", "Next page", id="query.next_page"),
        # Not Ctrl+B (tmux's prefix), Ctrl+A (GNU screen's) nor Ctrl+P (Textual's palette).
        Binding("ctrl+o", "page(-1)", "Prev. page", id="query.prev_page"),
        Binding("F", "frequencies", "Frequencies", id="query.frequencies"),
        Binding("L", "collocates", "Collocates", id="query.collocates"),
        Binding("T", "translations", "Translations", id="query.translations"),
        Binding("ctrl+x", "export", "Export hits", id="query.export"),
    ]
    DEFAULT_CSS = """
    QueryScreen #form { height: auto; padding: 0 1; background: $panel; }
    QueryScreen #form Horizontal { height: auto; }
    QueryScreen #form Input { width: 1fr; }
    QueryScreen #form Select { width: 1fr; max-width: 26; min-width: 20; }
    QueryScreen #form .date { width: 16; }
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
        """A table of figures instead of hits: frequencies or collocates (of ``budget``'s
        search: an answer to an older one is dropped)."""

        def __init__(
            self,
            budget: Budget,
            text: str,
            columns: tuple[str, ...] = (),
            rows: Sequence[tuple[str, ...]] = (),
        ) -> None:
            super().__init__()
            self.budget, self.text, self.columns, self.rows = budget, text, columns, list(rows)

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
                yield Input(placeholder='Kazakh: word, "phrase", prefix*, lemma:сапар', id="kk")
                yield Input(placeholder="English (lemma:visit/NOUN too)", id="en")
                yield Input(placeholder="English must not have", id="en_not")
            with Horizontal():
                yield Input(placeholder="Kazakh must not have", id="kk_not")
                yield Input(placeholder="documents: 001_* 003_*", id="docs")
                yield Input(placeholder="since 2021", id="since", classes="date")
                yield Input(placeholder="until 2022-06", id="until", classes="date")
            with Horizontal():
                yield Select(STATUSES, value="", allow_blank=False, id="status")
                yield Select(SORTS, value="doc", allow_blank=False, id="sort")
                yield Select(COUNT_BY, value="form", allow_blank=False, id="by")
                yield Checkbox("regex", id="regex", tooltip="Python regular expressions")
                yield Checkbox(
                    "fold i/і",
                    id="fold",
                    tooltip="fold look-alike letters: a Latin i typed for Kazakh і, and others",
                )
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
            kk_not=value("kk_not"),
            en_not=value("en_not"),
            docs=tuple((value("docs") or "").replace(",", " ").split()),
            since=value("since"),
            until=value("until"),
            regex=self.query_one("#regex", Checkbox).value,
            fold=self.query_one("#fold", Checkbox).value,
            statuses=(status,) if status else (),
        )

    @on(Input.Submitted)
    @on(Select.Changed, "#status, #sort")
    def _submit(self) -> None:
        self.page_start = 0
        self._search()

    @on(Checkbox.Changed, "#regex, #fold")
    def _option_changed(self) -> None:
        """Ticking regex or fold re-runs the search: the hits shown must be the form's."""
        if not self.query_from_form().empty:
            self._submit()

    def _search(self) -> None:
        query = self.query_from_form()
        if query.empty:
            self._clear("Type a word, a prefix (Қазақстан*) or a phrase, then Enter.")
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
            self._clear(f"✖ {event.error}")  # the last search's rows must not look like this one's
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
        shown = f"{results.offset + 1:,}–{last:,} of " if results.hits and results.total > 1 else ""
        more = "  Ctrl+N / Ctrl+O: pages" if results.total > PAGE else ""
        found.update(
            f"{shown}{plural(results.total, 'hit')} for {results.query.describe()}  "
            f"Enter opens the bead in the editor{more}"
            + ("".join(f"  ⚠ {w}" for w in results.warnings))
        )
        self._show_aligned(0)
        if results.hits:
            table.focus()

    def _clear(self, message: str) -> None:
        """No results on screen, and ``message`` where their count would be."""
        self.results = None
        self.showing = "hits"
        self.query_one("#hits", DataTable).clear(columns=True)
        self.query_one("#aligned", Static).update("")
        self.query_one("#found", Label).update(message)

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
        kopir_app(self).open_document(hit.doc, hit.bead or 0)

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
        self._figures("form")

    def action_collocates(self) -> None:
        self._figures("collocates")

    def action_translations(self) -> None:
        self._figures("translations")

    def _figures(self, kind: str) -> None:
        query = self.query_from_form()
        if not query.empty:
            self.query_one("#found", Label).update("Counting…")
            by = str(self.query_one("#by", Select).value)
            self._count(query, kind, by, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _count(self, query: Query, kind: str, by: Unit, budget: Budget) -> None:
        """Frequencies of the matches, or the collocates on the query's side
        (``collocates``) or on the other (``translations``), as a table message;
        words counted by ``by``: form, lemma or part of speech."""
        try:
            if kind == "form":
                table = frequencies(self.engine, query, by, budget)
                self.post_message(_frequency_table(budget, table))
                return
            side = None if kind == "collocates" else "other"
            found = collocates(
                self.engine, query, side=side, limit=COLLOCATE_ROWS, budget=budget, unit=by
            )
        except SearchCancelled:
            return
        except KopirError as exc:
            self.post_message(self.Counted(budget, f"✖ {exc}"))
            return
        self.post_message(_collocate_table(budget, found))

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if event.budget is not self._budget:
            return
        self.query_one("#found", Label).update(event.text)
        if not event.columns:
            return
        self.showing = "figures"
        table = self.query_one("#hits", DataTable)
        table.clear(columns=True)
        for n, column in enumerate(event.columns):
            table.add_column(column, width=40 if n == 0 else 12)
        for row in event.rows:
            table.add_row(*row)
        self.query_one("#aligned", Static).update("")
        table.focus()

    @on(DataTable.RowSelected, "#hits")
    def _back_to_hits(self) -> None:
        if self.showing == "figures":
            self._search()

    # ------------------------------------------------------------ export

    def action_export(self) -> None:
        query = self.query_from_form()
        if query.empty:
            self.notify("search for something first", timeout=3)
            return

        sort = str(self.query_one("#sort", Select).value)

        def replace_or_not(path: Path, replace: bool | None) -> None:
            if replace:
                self._export(query, sort, path)

        def chosen(name: str | None) -> None:
            if not (name and name.strip()):
                return
            path = Path(name.strip()).expanduser()
            if path.exists():
                self.app.push_screen(
                    ConfirmDialog(f"{path} exists. Replace it?"),
                    partial(replace_or_not, path),
                )
            else:
                self._export(query, sort, path)

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
    def _export(self, query: Query, sort: str, path: Path) -> None:
        """Every hit to ``path`` in the format its ending names; the report as a notification
        (notify is thread-safe), sanitising changes included: the translator must know
        where the TMX differs from the corpus."""
        try:
            fmt = hit_format(path)  # a wrong ending is said before searching
            results = self.engine.search(query, None, 0, sort)  # in the order on screen
            if fmt == "tmx":  # it reads and checks the hits' documents: seconds, not a blink
                self.app.notify(
                    f"Writing {plural(results.total, 'hit')} to {path}…",
                    title="Exporting hits",
                    timeout=4,
                    markup=False,
                )
            report = export_hits(self.engine.corpus, results, path, fmt)
        except KopirError as exc:
            self.app.notify(str(exc), severity="error", timeout=8, markup=False)
            return
        lines = [report.notice(), *(f"⚠ {w}" for w in results.warnings)]
        troubled = bool(report.changes or report.errors or report.stale or results.warnings)
        self.app.notify(
            "\n".join(lines),
            title="Exported hits",
            severity="warning" if troubled else "information",
            timeout=20 if troubled else 8,
            markup=False,  # paths and sentence ids are not markup
        )


def _frequency_table(budget: Budget, table: Frequencies) -> QueryScreen.Counted:
    rows = [(row.key, f"{row.occurrences:,}", f"{row.hits:,}") for row in table.rows]
    text = f"{table.summary()}, most frequent first; Enter: back to hits"
    name = {"pos": "tag"}.get(table.by, table.by)
    return QueryScreen.Counted(budget, text, (name, "matches", "units"), rows)


def _collocate_table(budget: Budget, found: Collocates) -> QueryScreen.Counted:
    rows = [
        (c.word, f"{c.together:,}", f"{c.frequency:,}", f"{c.mi:.2f}", f"{c.ll:.1f}")
        for c in found.rows
    ]
    if found.window is None:
        what = (
            f"{found.side} words of the {plural(found.nodes, 'hit unit')}, "
            "by log-likelihood: candidate translations"
        )
    else:
        what = (
            f"{found.side} words within {found.window} of the "
            f"{plural(found.nodes, 'match', 'matches')}, by log-likelihood"
        )
    text = f"{what}; Enter: back to hits" if rows else f"{what}: none attracted"
    return QueryScreen.Counted(budget, text, ("word", "together", "frequency", "MI", "LL"), rows)


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
