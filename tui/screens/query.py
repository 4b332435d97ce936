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
translations), ``D`` to the matches per document with Gries's DP; Enter on a
row of figures lists the lines it counted (:mod:`corpus.search.drill`), Escape
goes back. Ctrl+X writes every line shown (all pages) to CSV, TSV or JSON, a row
a match, or their units to TMX (:mod:`align.formats.matchlines`), and the
notification says what sanitising changed in the TMX.

A regular expression can take long (or, written badly, forever): the engine
stops it at its time budget with a one-line error, and the screen stays live
meanwhile (``regex`` lets go of the interpreter lock while it matches). A
newer search, or leaving the screen, abandons the one under way
(:class:`corpus.search.regexscan.Budget`), and an answer that comes in after a newer
search began is dropped.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Select, Static

from corpus.errors import KopirError
from corpus.search.concordance import MatchLine
from corpus.search.drill import likely_translations
from corpus.search.frequency import collocates
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, SearchCancelled
from corpus.wording import plural
from tui.dialogs.hit_export import ask_and_export
from tui.screens.query_figures import Figures, TableSettings, count_figures
from tui.screens.query_form import QueryForm
from tui.screens.query_lines import KwicTable, Marker, marked_side, where_line
from tui.screens.query_view import View, fetch_page, kept_page, likely_marker
from tui.typed import kopir_app

#: Concordance lines per page.
PAGE = 100
#: Collocates listed on the screen (the command line's --limit shows more).
COLLOCATE_ROWS = 100
#: From this many rows on, the form shows all its fields and the highlighted line's
#: unit is shown whole under the concordance.
TALL = 40


class QueryScreen(Screen):
    """Search the aligned corpus."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="query.close"),
        Binding("f2", "more", "More", id="query.more"),
        Binding("ctrl+n", "page(1)", "Next page", id="query.next_page"),
        # Not Ctrl+B (tmux's prefix), Ctrl+A (GNU screen's) nor Ctrl+P (Textual's palette).
        Binding("ctrl+o", "page(-1)", "Prev. page", id="query.prev_page"),
        Binding("F", "figures('form')", "Frequency", id="query.frequencies"),
        Binding("L", "figures('near')", "Collocates", id="query.collocates"),
        Binding("T", "figures('other')", "Translations", id="query.translations"),
        Binding("D", "figures('doc')", "Documents", id="query.distribution"),
        Binding("ctrl+x", "export", "Export", id="query.export"),
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
    """

    class Found(Message):
        def __init__(self, budget: Budget, view: View | None, error: str = "") -> None:
            super().__init__()
            self.budget, self.view, self.error = budget, view, error

    class Likely(Message):
        """The likely translations of ``query``'s node (for ``budget``'s search)."""

        def __init__(self, budget: Budget, query: Query, words: tuple[str, ...]) -> None:
            super().__init__()
            self.budget, self.query, self.words = budget, query, words

    class Counted(Message):
        """A table of figures (or why there is none) for ``budget``'s count: an answer
        to an older one is dropped."""

        def __init__(self, budget: Budget, figures: Figures | None, error: str = "") -> None:
            super().__init__()
            self.budget, self.figures, self.error = budget, figures, error

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

    @on(Checkbox.Changed, "#regex, #fold")
    def _option_changed(self) -> None:
        """Ticking regex or fold re-runs the search: the lines shown must be the form's."""
        if not self.form.read_query().empty:
            self._search()

    @on(Input.Submitted, "#window, #min_freq")
    @on(Select.Changed, "#by, #measure")
    def _settings_changed(self) -> None:
        """A changed table setting recounts the table on screen."""
        if self.figures is not None and self.has_class("figures"):
            self.action_figures(self.figures.kind)

    def _search(self) -> None:
        query = self.form.read_query()
        if query.empty:
            self._abandon()
            self.answers += 1
            self._clear("Type a word, a prefix (Қазақстан*) or a phrase, then Enter.")
            return
        self.query_one("#found", Label).update("Searching…")
        self._abandon(likely=True)
        self._run(query, self.form.sort, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _run(self, query: Query, sort: str, budget: Budget) -> None:
        try:
            page = self.engine.lines(query, PAGE, 0, sort, budget)
        except SearchCancelled:
            return  # a newer search, or the screen left: nobody waits for this one
        except KopirError as exc:
            self.post_message(self.Found(budget, None, str(exc)))
            return
        self.post_message(self.Found(budget, View(query, page)))

    @on(Select.Changed, "#sort")
    def _resort(self) -> None:
        """The lines on screen (a drill-down's too) in a new order, from the first."""
        if self.view is not None:
            self.query_one("#found", Label).update("Sorting…")
            self._fetch(self.view, 0, self.form.sort, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="page")
    def _fetch(self, view: View, offset: int, sort: str, budget: Budget) -> None:
        """Another page of ``view``, or the same lines in another order."""
        try:
            found = fetch_page(self.engine, view, offset, PAGE, sort, budget)
        except SearchCancelled:
            return
        except KopirError as exc:
            self.post_message(self.Found(budget, None, str(exc)))
            return
        self.post_message(self.Found(budget, found))

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
        """What to mark in the aligned texts: a drill-down's word, else the likely
        translation of the node in each unit (once :meth:`_equivalents` has them)."""
        if view.marker is not None:
            return view.marker
        query, words = self._likely
        return likely_marker(words) if query == view.query and words else None

    @work(thread=True, exclusive=True, group="likely", description="likely translations")
    def _equivalents(self, query: Query, budget: Budget) -> None:
        """The candidate translations of ``query``'s node to mark in its lines."""
        try:
            found = collocates(
                self.engine, query, side="other", min_freq=2, limit=20, budget=budget
            )
        except SearchCancelled:
            return
        except KopirError:  # the lines are shown already; they go unmarked
            found = None
        words = tuple(likely_translations(found)) if found is not None else ()
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
        view = self.view
        if view is None:
            return
        page = view.page
        counts = f"{plural(page.matches, 'match', 'matches')} in {plural(page.units, 'unit')}"
        where = ""
        if page.matches > PAGE:
            last = min(page.offset + PAGE, page.matches)
            where = f" · {page.offset + 1:,}–{last:,} (Ctrl+N/Ctrl+O)"
        focus = f" · {view.focus} (Escape: all)" if view.focus else ""
        text = f"{counts}{where} · {view.query.describe()}{focus}"
        self.query_one("#found", Label).update(text + "".join(f"  ⚠ {w}" for w in page.warnings))

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
        aligned.update(
            Text("\n").join(
                [
                    marked_side("kk", hit.kk, hit.kk_spans),
                    marked_side("en", hit.en or "(no English)", hit.en_spans),
                ]
            )
        )

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
        elif view is not None and view.parent is not None:
            self._fetch(view.parent, 0, self.form.sort, self._fresh_budget())
        else:
            self._abandon(likely=True)
            self.app.pop_screen()

    # ------------------------------------------------------------ figures

    def action_figures(self, kind: str) -> None:
        """Frequencies (``form``), collocates (``near``) or candidate translations
        (``other``) of the query on screen (all its lines, not a drill-down's)."""
        if self.view is None:
            return
        query = self.view.root.query
        try:
            settings = self.form.settings()
        except KopirError as exc:
            self.answers += 1
            self.query_one("#found", Label).update(f"✖ {exc}")
            return
        self.query_one("#found", Label).update("Counting…")
        self._count(query, kind, settings, self._fresh_budget())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _count(self, query: Query, kind: str, settings: TableSettings, budget: Budget) -> None:
        """The table of ``kind`` as a message; words counted as ``settings.unit``."""
        try:
            figures = count_figures(self.engine, query, kind, settings, COLLOCATE_ROWS, budget)
        except SearchCancelled:
            return
        except KopirError as exc:
            self.post_message(self.Counted(budget, None, str(exc)))
            return
        self.post_message(self.Counted(budget, figures))

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        if not self._answered(event.budget):
            return
        figures = event.figures
        if figures is None:
            self.query_one("#found", Label).update(f"✖ {event.error}")
            return
        self.query_one("#found", Label).update(figures.text)
        self.figures = figures
        if not figures.rows:
            return
        table = self.query_one("#figures", DataTable)
        table.clear(columns=True)
        first = min(40, max(len(figures.columns[0]), *(len(key) for key in figures.keys)))
        for n, column in enumerate(figures.columns):
            table.add_column(column, width=first if n == 0 else max(9, len(column)))
        for key, row in zip(figures.keys, figures.rows, strict=True):
            table.add_row(*row, key=key)
        self.add_class("figures")
        self.refresh_bindings()
        self.query_one("#where", Static).update("")
        self.query_one("#aligned", Static).update("")
        table.focus()

    @on(DataTable.RowSelected, "#figures")
    def _drill(self, event: DataTable.RowSelected) -> None:
        """The lines the row counted, as a view of their own (Escape: back to all)."""
        if self.figures is None or self.view is None or event.row_key.value is None:
            return
        self.query_one("#found", Label).update("Finding its lines…")
        root = self.view.root
        self._lines_of(
            root, self.figures, event.row_key.value, self.form.sort, self._fresh_budget()
        )

    @work(thread=True, exclusive=True, group="query", description="query")
    def _lines_of(self, root: View, figures: Figures, key: str, sort: str, budget: Budget) -> None:
        """The lines of ``figures``' row ``key`` among all of ``root``'s, as a view."""
        try:
            every, notes = self.engine.concordance(root.query, "doc", budget)
        except SearchCancelled:
            return
        except KopirError as exc:
            self.post_message(self.Found(budget, None, str(exc)))
            return
        kept, focus, marker = figures.lines(every, key)
        page = kept_page(root.query, kept, 0, PAGE, sort, notes)
        self.post_message(self.Found(budget, View(root.query, page, focus, marker, root, kept)))

    # ------------------------------------------------------------ export

    def action_export(self) -> None:
        """Every line of the view on screen, in its order, to a file the user names."""
        view = self.view
        if view is None:
            self.notify("search for something first", timeout=3)
            return
        sort = view.page.sort
        ask_and_export(self, self.engine, lambda: fetch_page(self.engine, view, 0, None, sort).page)
