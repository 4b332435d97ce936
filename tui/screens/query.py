"""The query screen: a bilingual concordance of the corpus for linguists.

Conditions on either side (words, ``"phrases"``, ``prefix*``, lemmas, or regular
expressions), negative conditions ("where was it *not* rendered so?"),
filters by document, date and bead status. The answer is the concordance
(:meth:`corpus.search.query.QueryEngine.concordance`): one line per match,
"14 matches in 13 units", each line with its aligned text under it
(:mod:`tui.screens.query_lines`), sorted by document, node or a context word (L1–L3,
R1–R3). Enter opens the line's bead in the alignment editor.

``F``, ``L``, ``T``, ``D``, ``N`` and ``K`` switch to a table of figures
(frequencies, collocates, candidate translations, distribution, n-grams, keywords:
:mod:`tui.screens.query_figures_table`, a widget that counts and opens its rows
itself), whose Enter lists the lines a row counted; Escape goes back. Ctrl+S keeps
the form under a name, Ctrl+L loads a saved query (:mod:`tui.dialogs.saved_queries`).
Ctrl+X writes every line shown (all pages) to CSV, TSV or JSON, a row a match, or
their units to TMX (:mod:`align.formats.matchlines`), and the notification says what
sanitising changed in the TMX.

A regular expression can take long (or, written badly, forever): the engine
stops it at its time budget with a one-line error, and the screen stays live
meanwhile (``regex`` lets go of the interpreter lock while it matches). A
newer search, or leaving the screen, abandons the one under way
(:class:`corpus.search.regexscan.Budget`), and an answer that comes in after a newer
search began is dropped.
"""

from __future__ import annotations

import time

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Select

from corpus.errors import KopirError
from corpus.search.concordance import MatchLine
from corpus.search.paging import LinePage
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget
from tui.dialogs.hit_export import ask_and_export
from tui.dialogs.saved_queries import ask_and_load, ask_and_save
from tui.screens.query_figures import Figures
from tui.screens.query_figures_table import FiguresTable
from tui.screens.query_form import QueryForm
from tui.screens.query_likely import LikelyTranslations
from tui.screens.query_lines import KwicTable, LineDetails
from tui.screens.query_messages import Counted, Found, Indexing, Likely, OneJob, post_answer
from tui.screens.query_view import PAGE, View, fetch_page, status_text, warning_text
from tui.typed import kopir_app
from tui.wording import in_app

#: The tables' keys, and the pages', share one place each in the footer: at 80 columns
#: there is room for no more (F1 lists each key with what it does).
TABLES = Binding.Group("Tables", compact=True)
PAGES = Binding.Group("Pages", compact=True)
#: From this many rows on, the form shows all its fields and the highlighted line's
#: unit is shown whole under the concordance.
TALL = 40
#: Seconds between two reports of an index update's progress.
INDEXING_EVERY = 0.25


class QueryScreen(Screen):
    """Search the aligned corpus."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="query.close"),
        Binding("f2", "more", "More", id="query.more", show=False),  # the form says "F2: more"
        Binding("ctrl+n", "page(1)", "Next page", id="query.next_page", group=PAGES),
        # Not Ctrl+B (tmux's prefix), Ctrl+A (GNU screen's) nor Ctrl+P (Textual's palette).
        Binding("ctrl+o", "page(-1)", "Prev. page", id="query.prev_page", group=PAGES),
        Binding("F", "figures('form')", "Frequency", id="query.frequencies", group=TABLES),
        Binding("L", "figures('near')", "Collocates", id="query.collocates", group=TABLES),
        Binding("T", "figures('other')", "Translations", id="query.translations", group=TABLES),
        Binding("D", "figures('dist')", "Distribution", id="query.distribution", group=TABLES),
        Binding("N", "figures('ngram')", "N-grams", id="query.ngrams", group=TABLES),
        Binding("K", "figures('keyword')", "Keywords", id="query.keywords", group=TABLES),
        Binding("ctrl+x", "export", "Export", id="query.export"),
        Binding("ctrl+s", "save", "Save", id="query.save"),
        Binding("ctrl+l", "load", "Load", id="query.load"),
    ]
    DEFAULT_CSS = """
    QueryScreen #found { height: 1; width: 1fr; padding: 0 1; background: $panel;
        color: $foreground 80%; }
    QueryScreen #warned { height: auto; max-height: 3; width: 1fr; padding: 0 1;
        background: $panel; color: $warning; display: none; }
    QueryScreen #hits { height: 1fr; }
    QueryScreen #figures { height: 1fr; display: none; }
    QueryScreen.figures #figures { display: block; }
    QueryScreen.figures #hits { display: none; }
    QueryScreen #where { height: 1; padding: 0 1; background: $panel; color: $foreground 70%; }
    QueryScreen #aligned {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary; overflow-y: auto;
        display: none;
    }
    QueryScreen.tall #aligned { display: block; }
    QueryScreen Footer.-compact FooterLabel { margin: 0 1 0 0; }
    QueryScreen Footer.-compact KeyGroup.-compact { padding-left: 0; }
    """

    Found, Likely = Found, Likely  # the workers' answers

    def __init__(self, engine: QueryEngine) -> None:
        """``engine`` belongs to the app (``KopirApp.query_engine``), not to the screen:
        it outlives each visit, and the app closes it when it ends."""
        super().__init__()
        self.engine = engine
        self.corpus = engine.corpus
        self.view: View | None = None
        #: The search, count or sort under way, the screen's or its table's.
        self.job = OneJob(engine)
        #: The field whose Enter started the search (the lines take the focus from it).
        self._submitted: Input | None = None
        #: The likely translations of a query's node, marked in its lines.
        self.likely = LikelyTranslations(engine)
        #: The keyword table a keyword's lines came from (Escape goes back to it).
        self._keywords: Figures | None = None
        self._indexing_said = 0.0  # when an index update's progress was last posted

    @property
    def answers(self) -> int:
        """How many answers (lines, a table, an error) the screen has shown: a test or a
        benchmark waits for the next one instead of for a time."""
        return self.job.answers

    @property
    def pending(self) -> bool:
        """A search, count or sort is under way, or the likely translations of the lines
        shown are being found: what the screen shows is not final yet."""
        return self.job.budget is not None or self.likely.budget is not None

    def compose(self) -> ComposeResult:
        yield Header()
        yield QueryForm(id="form")
        yield Label("Type a query and press Enter.", id="found")
        yield Label(id="warned")  # the search's warnings, whole (wrapped), when it has any
        yield KwicTable(id="hits")
        yield FiguresTable(self.engine, self.job, lambda: self.form.sort, id="figures")
        yield LineDetails()
        # The room is the bindings' at 80 columns: no palette entry, no extra spacing.
        yield Footer(show_command_palette=False, compact=True)

    @property
    def form(self) -> QueryForm:
        return self.query_one(QueryForm)

    @property
    def figures_table(self) -> FiguresTable:
        return self.query_one(FiguresTable)

    @property
    def figures(self) -> Figures | None:
        """The table of figures shown last."""
        return self.figures_table.figures

    @property
    def shown(self) -> list[MatchLine]:
        """The lines of the page on screen."""
        return self.query_one(KwicTable).lines

    def on_mount(self) -> None:
        self.title = "kopir — query"
        self.sub_title = str(self.corpus.root)
        self.form.toggle_more(self.app.size.height >= TALL)
        self.query_one("#kk", Input).focus()
        # The first search after documents were added reads them into the index first:
        # on a large corpus that takes minutes, which "Searching…" alone did not say.
        self.engine.index.progress = self._index_progress

    def on_unmount(self) -> None:
        if self.engine.index.progress == self._index_progress:
            self.engine.index.progress = None

    def _index_progress(self, done: int, total: int) -> None:
        """An index update's progress, from the search's worker: posted at most every
        :data:`INDEXING_EVERY` seconds, and at the end."""
        now = time.monotonic()
        if done == total or now - self._indexing_said >= INDEXING_EVERY:
            self._indexing_said = now
            self.post_message(Indexing(done, total))

    @on(Indexing)
    def _indexing(self, event: Indexing) -> None:
        if self.pending:  # else the answer is in, and says what it found
            self._status(
                f"Reading {event.done:,} of {event.total:,} new or changed documents into the "
                "search index…"
            )

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height >= TALL, "tall")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Paging only when there are pages, figures and export only of a search: the
        footer shows what works (at 80 columns there is no room for the rest)."""
        if action == "page":
            return (
                self.view is not None
                and self.view.page.matches > PAGE
                and not self.has_class("figures")
            )
        if action == "figures" and parameters in (("keyword",), ("form",)):
            return True  # of the filters, not of a search (F with none: the word list)
        if action in ("figures", "export"):
            return self.view is not None
        return True

    def action_more(self) -> None:
        self.form.toggle_more()

    # ------------------------------------------------------------ searching

    @on(Input.Submitted, "#kk, #en, #kk_not, #en_not, #docs, #since, #until")
    @on(Select.Changed, "#status")
    def _submit(self, event: Input.Submitted | Select.Changed) -> None:
        self._submitted = event.control if isinstance(event, Input.Submitted) else None
        self._search()

    @on(Input.Changed)
    def _typing_again(self, event: Input.Changed) -> None:
        """Typing on in the field whose Enter asked for lines is a new query: the answer
        to the old one must leave the focus there (else the next Enter opens a bead)."""
        if event.input is self._submitted:
            self._submitted = None

    @on(Checkbox.Changed, "#regex, #fold")
    def _option_changed(self) -> None:
        """Ticking regex or fold re-runs the search: the lines shown must be the form's."""
        if not self.form.read_query().empty:
            self._search()

    @on(Input.Submitted, "#window, #min_freq, #size")
    @on(Select.Changed, "#by, #measure, #parts, #side")
    def _settings_changed(self) -> None:
        """A changed table setting recounts the table on screen."""
        if self.figures is not None and self.has_class("figures"):
            self.action_figures(self.figures.kind)

    def _search(self) -> None:
        self._keywords = None
        query = self.form.read_query()
        if query.empty:
            self.job.abandon()
            self.job.answers += 1
            self._clear("Type a word, a prefix (Қазақстан*) or a phrase, then Enter.")
            return
        self._status("Searching…")
        self.likely.abandon()  # a new query's lines need their own
        sort = self.form.sort
        self._fetch(
            View(query, LinePage(query, 0, 0, 0, PAGE, sort, [])), 0, sort, self.job.start()
        )

    @on(Select.Changed, "#sort")
    def _resort(self) -> None:
        """The lines on screen (a drill-down's too) in a new order, from the first."""
        if self.view is not None:
            self._status("Sorting…")
            self._fetch(self.view, 0, self.form.sort, self.job.start())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _fetch(self, view: View, offset: int, sort: str, budget: Budget) -> None:
        """A page of ``view`` (a new search's first), or the same lines in another order."""
        post_answer(
            self, Found, budget, lambda: fetch_page(self.engine, view, offset, PAGE, sort, budget)
        )

    @on(Found)
    def _found(self, event: Found) -> None:
        if not self.job.answered(event.budget):
            return  # a search that finished as a newer one began: its answer is stale
        view = event.view
        if view is None:
            self._clear(f"✖ {event.error}")  # the last search's lines must not look like these
            return
        self._show(view)
        self.likely.find(self, view)

    def _show(self, view: View, cursor: int = 0, redraw: bool = True) -> None:
        """Show ``view``'s lines, the cursor on the ``cursor``-th (``redraw`` False: the
        table holds them already, marked as they should be, and only the cursor moves)."""
        self.view = view
        self.remove_class("figures")
        table = self.query_one(KwicTable)
        if redraw or table.lines != list(view.page.lines):
            table.show(view.page.lines, self.likely.marker(view), cursor)
        elif table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self.refresh_bindings()
        self._status(status_text(view, PAGE), warning_text(view))
        self._highlight(cursor)
        typing = isinstance(self.focused, Input) and self.focused is not self._submitted
        if view.page.lines and not typing:
            table.focus()  # not away from a field the user went on to type in: their Enter
            # would reach the table and open a bead in the editor

    @on(Likely)
    def _likely_found(self, event: Likely) -> None:
        """The lines of the query whose translations came are marked again, the cursor
        where the user is."""
        view, table = self.view, self.query_one(KwicTable)
        if self.likely.take(event) and view is not None and view.query == event.query:
            table.show(view.page.lines, self.likely.marker(view), table.cursor_row)

    def _status(self, text: str, warnings: str = "") -> None:
        """``text`` where the lines' count goes, and the search's ``warnings`` under it: on
        lines of their own, wrapped, so that a long one is read whole (none: no line)."""
        self.query_one("#found", Label).update(text)
        warned = self.query_one("#warned", Label)
        warned.update(warnings)
        warned.display = bool(warnings)

    def _clear(self, message: str) -> None:
        """No lines on screen, and ``message`` where their count would be."""
        self.view = self.figures_table.figures = None
        self.remove_class("figures")
        self.refresh_bindings()
        self.query_one(KwicTable).show([])
        self.query_one(LineDetails).show(None)
        self._status(message)

    @on(DataTable.RowHighlighted, "#hits")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self._highlight(int(event.row_key.value))

    def _highlight(self, n: int) -> None:
        """Where the ``n``-th line of the page is, and (on a tall screen) its unit whole."""
        self.query_one(LineDetails).show(self.shown[n].hit if 0 <= n < len(self.shown) else None)

    @on(DataTable.RowSelected, "#hits")
    def _open(self, event: DataTable.RowSelected) -> None:
        hit = self.shown[int(str(event.row_key.value))].hit
        kopir_app(self).open_document(hit.doc, hit.bead or 0)

    def action_page(self, step: int) -> None:
        view = self.view
        if view is None or self.has_class("figures"):
            return
        offset = view.page.offset + step * PAGE
        if 0 <= offset < view.page.matches:
            self._fetch(view, offset, view.page.sort, self.job.start())

    def action_close(self) -> None:
        """Back one step: from figures to the lines, from a drill-down to all the lines,
        else out of the screen."""
        view = self.view
        if self.has_class("figures") and view is not None:
            # Back to the lines under the table (kept, and kept marked: _likely_found),
            # on the line the user left; drawing them again took a fifth of a second.
            self._show(view, self.query_one(KwicTable).cursor_row, redraw=False)
        elif self.has_class("figures"):  # keywords, no search yet
            self._clear("Type a query and press Enter.")
        elif self._keywords is not None:  # a keyword's lines: back to the keywords
            self._show_figures(self._keywords)
            self._keywords = None
        elif view is not None and view.parent is not None:
            self._fetch(view.parent, 0, self.form.sort, self.job.start())
        else:
            self.job.abandon()
            self.likely.abandon()
            self.app.pop_screen()

    # ------------------------------------------------------------ figures

    def action_figures(self, kind: str) -> None:
        """Frequencies (``form``), collocates (``near``), candidate translations
        (``other``), distribution (``dist``) or n-grams (``ngram``) of the query on
        screen (all its lines, not a drill-down's); or keywords (``keyword``) of the
        subcorpus the form's filters keep, and with no words typed the word list
        (``form``) of that subcorpus's side (the keywords' side setting)."""
        typed = self.form.read_query()
        if kind == "keyword" or (kind == "form" and typed.empty):  # F alone: the word list
            # Of the filters, not of the lines on screen: a row is a search of its own, and
            # a tag's row (no search finds a tag alone) opens nothing, not those lines.
            query, root = typed, None
        elif self.view is None:
            return
        else:
            root = self.view.root
            query = root.query
        try:
            settings = self.form.settings()
        except KopirError as exc:
            self.job.answers += 1
            self._no_figures(in_app(exc))
            return
        self.figures_table.count(query, kind, settings, root)

    @on(FiguresTable.Status)
    def _table_status(self, event: FiguresTable.Status) -> None:
        self._status(event.text)

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if not self.job.answered(event.budget):
            return
        if event.figures is None:
            self._no_figures(event.error)
        else:
            self._show_figures(event.figures)

    def _no_figures(self, error: str) -> None:
        """Why there is no table; the one on screen, of other settings, goes (it is not
        the answer), and a corrected setting recounts it."""
        self._status(f"✖ {error}")
        self.figures_table.clear(columns=True)

    def _show_figures(self, figures: Figures) -> None:
        self._status(figures.text)
        table = self.figures_table
        table.show(figures)
        self.add_class("figures")
        self.refresh_bindings()
        self.query_one(LineDetails).show(None)
        table.focus()

    @on(FiguresTable.Search)
    def _keyword_search(self, event: FiguresTable.Search) -> None:
        """A keyword's lines: a search of its own, whose Escape goes back to the keywords."""
        self.form.fill(event.query)
        self._submitted = None
        self._search()
        self._keywords = event.figures

    # ------------------------------------------------------------ export

    def action_export(self) -> None:
        """Every line of the view on screen, in its order, to a file the user names."""
        view = self.view
        if view is None:
            self.notify("search for something first", timeout=3)
            return
        sort = view.page.sort
        ask_and_export(self, self.engine, lambda: fetch_page(self.engine, view, 0, None, sort).page)

    # ------------------------------------------------------------ saved queries

    def action_save(self) -> None:
        """Keep the form's query in the corpus under a name the user gives."""
        ask_and_save(self, self.corpus, self.form.read_query())

    def action_load(self) -> None:
        """Put a saved query into the form and run it."""

        def search() -> None:
            self._submitted = None
            self._search()

        ask_and_load(self, self.corpus, self.form.fill, search)
