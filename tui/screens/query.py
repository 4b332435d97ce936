"""The query screen: a bilingual concordance of the corpus for linguists.

Conditions on either side (words, ``"phrases"``, ``prefix*``, lemmas, or regular
expressions), negative conditions ("where was it *not* rendered so?"),
filters by document, date and bead status. The answer is the concordance
(:meth:`corpus.search.query.QueryEngine.concordance`): one line per match,
"14 matches in 13 units", each line with its aligned text under it
(:mod:`tui.screens.query_lines`), sorted by document, node or a context word (L1–L3,
R1–R3). Enter opens the line's bead in the alignment editor.

``F`` switches to the frequency of the matched forms, ``L`` to the collocates
on the query's side, ``T`` to the words of the other side (candidate
translations), ``D`` to the matches per document, year, date or status with
Gries's DP, ``N`` to the n-grams around the node, ``K`` to the keywords of the
subcorpus the filters keep against the rest; Enter on a row of figures lists
the lines it counted (:mod:`corpus.search.drill`, the collocate or n-gram marked
in them), Escape goes back. Ctrl+S keeps the form under a name, Ctrl+L loads a
saved query (:mod:`tui.dialogs.saved_queries`). Ctrl+X writes every line shown
(all pages) to CSV, TSV or JSON, a row a match, or their units to TMX
(:mod:`align.formats.matchlines`), and the notification says what sanitising
changed in the TMX.

A regular expression can take long (or, written badly, forever): the engine
stops it at its time budget with a one-line error, and the screen stays live
meanwhile (``regex`` lets go of the interpreter lock while it matches). A
newer search, or leaving the screen, abandons the one under way
(:class:`corpus.search.regexscan.Budget`), and an answer that comes in after a newer
search began is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Select, Static

from corpus.errors import KopirError
from corpus.search.concordance import MatchLine
from corpus.search.keywords import keyword_query
from corpus.search.paging import LinePage
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, SearchCancelled
from tui.dialogs.hit_export import ask_and_export
from tui.dialogs.saved_queries import ask_and_load, ask_and_save
from tui.screens.query_figures import (
    Figures,
    TableSettings,
    count_figures,
    drill_view,
    fill_table,
)
from tui.screens.query_form import QueryForm
from tui.screens.query_lines import KwicTable, Marker, unit_text, where_line
from tui.screens.query_messages import Counted, Found, Likely
from tui.screens.query_view import (
    View,
    fetch_page,
    first_of,
    likely_marker,
    likely_words,
    status_text,
)
from tui.typed import kopir_app

#: Concordance lines per page.
PAGE = 100
#: Collocates listed on the screen (the command line's --limit shows more).
COLLOCATE_ROWS = 100
#: The tables' keys, and the pages', share one place each in the footer: at 80 columns
#: there is room for no more (F1 lists each key with what it does).
TABLES = Binding.Group("Tables", compact=True)
PAGES = Binding.Group("Pages", compact=True)
#: From this many rows on, the form shows all its fields and the highlighted line's
#: unit is shown whole under the concordance.
TALL = 40


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

    Found, Likely, Counted = Found, Likely, Counted  # the workers' answers

    def __init__(self, engine: QueryEngine) -> None:
        """``engine`` belongs to the app (``KopirApp.query_engine``), not to the screen:
        it outlives each visit, and the app closes it when it ends."""
        super().__init__()
        self.engine = engine
        self.corpus = engine.corpus
        self.view: View | None = None
        self.figures: Figures | None = None
        self._budget: Budget | None = None  # of the search, count or sort under way
        #: How many answers (lines, a table, an error) the screen has shown: a test or a
        #: benchmark waits for the next one instead of for a time.
        self.answers = 0
        #: The field whose Enter started the search (the lines take the focus from it).
        self._submitted: Input | None = None
        #: The likely translations of a query's node (marked in its lines), and the
        #: budget of the search for them under way.
        self._likely: tuple[Query | None, tuple[str, ...]] = (None, ())
        self._likely_budget: Budget | None = None
        #: The keyword table a keyword's lines came from (Escape goes back to it).
        self._keywords: Figures | None = None

    @property
    def pending(self) -> bool:
        """A search, count or sort is under way, or the likely translations of the lines
        shown are being found: what the screen shows is not final yet."""
        return self._budget is not None or self._likely_budget is not None

    def _answered(self, budget: Budget) -> bool:
        """``budget``'s answer is the one awaited (else it is stale and dropped)."""
        if budget is not self._budget:
            return False
        self._budget = None
        self.answers += 1
        return True

    def _fresh_budget(self) -> Budget:
        """Abandon the search or count under way and give the next one its budget."""
        self._abandon()
        self._budget = self.engine.budget()
        return self._budget

    def _abandon(self, likely: bool = False) -> None:
        """Cancel the search, count or sort under way (and the search for likely
        translations, if ``likely``: a new query's lines need their own)."""
        if self._budget is not None:
            self._budget.cancel()
            self._budget = None
        if likely and self._likely_budget is not None:
            self._likely_budget.cancel()
            self._likely_budget = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield QueryForm(id="form")
        yield Label("Type a query and press Enter.", id="found")
        yield KwicTable(id="hits")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="figures")
        yield Static(id="where")
        yield Static(id="aligned")
        # The room is the bindings' at 80 columns: no palette entry, no extra spacing.
        yield Footer(show_command_palette=False, compact=True)

    @property
    def form(self) -> QueryForm:
        return self.query_one(QueryForm)

    @property
    def shown(self) -> list[MatchLine]:
        """The lines of the page on screen."""
        return self.query_one(KwicTable).lines

    def on_mount(self) -> None:
        self.title = "kopir — query"
        self.sub_title = str(self.corpus.root)
        self.form.toggle_more(self.app.size.height >= TALL)
        self.query_one("#kk", Input).focus()

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
        if action == "figures" and parameters == ("keyword",):
            return True  # of the filters, not of a search
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
            self._abandon()
            self.answers += 1
            self._clear("Type a word, a prefix (Қазақстан*) or a phrase, then Enter.")
            return
        self.query_one("#found", Label).update("Searching…")
        self._abandon(likely=True)
        sort = self.form.sort
        self._fetch(
            View(query, LinePage(query, 0, 0, 0, PAGE, sort, [])), 0, sort, self._fresh_budget()
        )

    @on(Select.Changed, "#sort")
    def _resort(self) -> None:
        """The lines on screen (a drill-down's too) in a new order, from the first."""
        if self.view is not None:
            self.query_one("#found", Label).update("Sorting…")
            self._fetch(self.view, 0, self.form.sort, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _fetch(self, view: View, offset: int, sort: str, budget: Budget) -> None:
        """A page of ``view`` (a new search's first), or the same lines in another order."""
        self._answer(
            Found, budget, lambda: fetch_page(self.engine, view, offset, PAGE, sort, budget)
        )

    def _answer(
        self, answer: Callable[..., Message], budget: Budget, work: Callable[[], object]
    ) -> None:
        """Post ``answer`` with what ``work`` (a worker's job) gives or with its error.

        A cancelled ``work`` posts nothing: a newer search, or the screen left, and nobody
        waits for this one.
        """
        try:
            result = work()
        except SearchCancelled:
            return
        except KopirError as exc:
            self.post_message(answer(budget, None, str(exc)))
            return
        self.post_message(answer(budget, result))

    @on(Found)
    def _found(self, event: Found) -> None:
        if not self._answered(event.budget):
            return  # a search that finished as a newer one began: its answer is stale
        view = event.view
        if view is None:
            self._clear(f"✖ {event.error}")  # the last search's lines must not look like these
            return
        self._show(view)
        both_sides = view.query.kk and view.query.en  # the other side's matches are marked
        if self._likely[0] != view.query and view.page.matches and not both_sides:
            self._likely_budget = self.engine.budget()
            self._equivalents(view.query, self._likely_budget)

    def _show(self, view: View, cursor: int = 0) -> None:
        self.view = view
        self.remove_class("figures")
        table = self.query_one(KwicTable)
        table.show(view.page.lines, self._marker(view), cursor)
        self._status()
        self._highlight(cursor)
        typing = isinstance(self.focused, Input) and self.focused is not self._submitted
        if view.page.lines and not typing:
            table.focus()  # not away from a field the user went on to type in: their Enter
            # would reach the table and open a bead in the editor

    def _marker(self, view: View) -> Marker | None:
        """What to mark: a drill-down's words, and in the aligned texts where those are
        none (a collocate's or an n-gram's lines), the likely translation of the node in
        each unit (once :meth:`_equivalents` has them)."""
        query, words = self._likely
        likely = likely_marker(words) if query == view.query and words else None
        if view.marker is None or likely is None:
            return view.marker or likely
        return first_of(view.marker, likely)

    @work(thread=True, exclusive=True, group="likely", description="likely translations")
    def _equivalents(self, query: Query, budget: Budget) -> None:
        """The candidate translations of ``query``'s node to mark in its lines."""
        try:
            words = likely_words(self.engine, query, budget)
        except SearchCancelled:
            return
        self.post_message(self.Likely(budget, query, words))

    @on(Likely)
    def _likely_found(self, event: Likely) -> None:
        if event.budget is not self._likely_budget:
            return
        self._likely_budget = None
        self._likely = (event.query, event.words)
        view, table = self.view, self.query_one(KwicTable)
        if view is not None and view.query == event.query:  # re-marked where the user is
            table.show(view.page.lines, self._marker(view), table.cursor_row)

    def _status(self) -> None:
        self.refresh_bindings()
        if self.view is not None:
            self.query_one("#found", Label).update(status_text(self.view, PAGE))

    def _clear(self, message: str) -> None:
        """No lines on screen, and ``message`` where their count would be."""
        self.view = self.figures = None
        self.remove_class("figures")
        self.refresh_bindings()
        self.query_one(KwicTable).show([])
        self.query_one("#where", Static).update("")
        self.query_one("#aligned", Static).update("")
        self.query_one("#found", Label).update(message)

    @on(DataTable.RowHighlighted, "#hits")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self._highlight(int(event.row_key.value))

    def _highlight(self, n: int) -> None:
        """Where the ``n``-th line of the page is, and (on a tall screen) its unit whole."""
        where, aligned = self.query_one("#where", Static), self.query_one("#aligned", Static)
        if not 0 <= n < len(self.shown):
            where.update("")
            aligned.update("")
            return
        hit = self.shown[n].hit
        where.update(Text(where_line(hit)))
        aligned.update(unit_text(hit))

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
            self._fetch(view, offset, view.page.sort, self._fresh_budget())

    def action_close(self) -> None:
        """Back one step: from figures to the lines, from a drill-down to all the lines,
        else out of the screen."""
        view = self.view
        if self.has_class("figures") and view is not None:
            self._show(view)
        elif self.has_class("figures"):  # keywords, no search yet
            self._clear("Type a query and press Enter.")
        elif self._keywords is not None:  # a keyword's lines: back to the keywords
            self._show_figures(self._keywords)
            self._keywords = None
        elif view is not None and view.parent is not None:
            self._fetch(view.parent, 0, self.form.sort, self._fresh_budget())
        else:
            self._abandon(likely=True)
            self.app.pop_screen()

    # ------------------------------------------------------------ figures

    def action_figures(self, kind: str) -> None:
        """Frequencies (``form``), collocates (``near``), candidate translations
        (``other``), distribution (``dist``) or n-grams (``ngram``) of the query on
        screen (all its lines, not a drill-down's); or keywords (``keyword``) of the
        subcorpus the form's filters keep."""
        if kind == "keyword":
            query = self.form.read_query()
        elif self.view is None:
            return
        else:
            query = self.view.root.query
        try:
            settings = self.form.settings()
        except KopirError as exc:
            self.answers += 1
            self._no_figures(str(exc))
            return
        self.query_one("#found", Label).update("Counting…")
        self._count(query, kind, settings, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _count(self, query: Query, kind: str, settings: TableSettings, budget: Budget) -> None:
        """The table of ``kind`` as a message; words counted as ``settings.unit``."""
        self._answer(
            Counted,
            budget,
            lambda: count_figures(self.engine, query, kind, settings, COLLOCATE_ROWS, budget),
        )

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if not self._answered(event.budget):
            return
        if event.figures is None:
            self._no_figures(event.error)
        else:
            self._show_figures(event.figures)

    def _no_figures(self, error: str) -> None:
        """Why there is no table; the one on screen, of other settings, goes (it is not
        the answer), and a corrected setting recounts it."""
        self.query_one("#found", Label).update(f"✖ {error}")
        self.query_one("#figures", DataTable).clear(columns=True)

    def _show_figures(self, figures: Figures) -> None:
        self.query_one("#found", Label).update(figures.text)
        self.figures = figures
        table = self.query_one("#figures", DataTable)
        fill_table(table, figures)  # no rows: none (not the last table's) under its text
        self.add_class("figures")
        self.refresh_bindings()
        self.query_one("#where", Static).update("")
        self.query_one("#aligned", Static).update("")
        table.focus()

    @on(DataTable.RowSelected, "#figures")
    def _drill(self, event: DataTable.RowSelected) -> None:
        """The lines the row counted, as a view of their own (Escape: back to all)."""
        figures, key = self.figures, event.row_key.value
        if figures is None or key is None:
            return
        if figures.kind == "keyword" and figures.query is not None:
            self.form.fill(keyword_query(figures.query, figures.side, key))  # a search of its own
            self._submitted = None
            self._search()
            self._keywords = figures
        elif self.view is not None:
            self.query_one("#found", Label).update("Finding its lines…")
            self._lines_of(self.view.root, figures, key, self.form.sort, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _lines_of(self, root: View, figures: Figures, key: str, sort: str, budget: Budget) -> None:
        """The lines of ``figures``' row ``key`` among all of ``root``'s, as a view."""
        self._answer(
            Found, budget, lambda: drill_view(self.engine, root, figures, key, PAGE, sort, budget)
        )

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
