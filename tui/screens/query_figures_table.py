"""The Query screen's table of figures, as a widget that does its own work.

``F`` frequencies of the matched forms, ``L`` collocates on the query's side,
``T`` the words of the other side (candidate translations), ``D`` the matches per
document, year, date or status with Gries's DP, ``N`` the n-grams around the node,
``K`` the keywords of the subcorpus the filters keep against the rest. The table
counts itself in a worker (:func:`~tui.screens.query_figures.count_figures`), and
Enter on a row opens what the row counted: its lines, as a view of their own
(:func:`~tui.screens.query_figures.drill_view`, the collocate or n-gram marked in
them), or, for a keyword, a search of its own in the subcorpus.

It is fed the engine and those core calls, never the screen: what the screen is to
show comes as messages (:class:`~tui.screens.query_messages.Counted` and
:class:`~tui.screens.query_messages.Found`, the same answers as the screen's own
workers give, and :class:`FiguresTable.Status`, :class:`FiguresTable.Search`). Its
work shares the screen's :class:`~tui.screens.query_messages.OneJob`: a count or a
row's lines abandons the search under way, and a search abandons them.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.message import Message
from textual.widgets import DataTable

from corpus.search.keywords import keyword_query
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget
from corpus.wording import shorten
from tui.screens.query_figures import Figures, TableSettings, count_figures, drill_view
from tui.screens.query_messages import Counted, Found, OneJob, post_answer
from tui.screens.query_view import PAGE, View

#: Collocates listed on the screen (the command line's --limit shows more).
COLLOCATE_ROWS = 100
#: The first column's least width, however narrow the table (the figures then scroll).
FIRST_WIDTH = 12


class FiguresTable(DataTable):
    """A table of figures, each row keyed by its item, and what Enter on a row opens."""

    class Status(Message):
        """What the table is doing (``text``), to say where the answer will be."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Search(Message):
        """Search ``query`` (a keyword's lines); Escape goes back to ``figures``."""

        def __init__(self, query: Query, figures: Figures) -> None:
            super().__init__()
            self.query, self.figures = query, figures

    def __init__(
        self, engine: QueryEngine, job: OneJob, sort: Callable[[], str], *, id: str | None = None
    ) -> None:
        """``sort`` names the order a row's lines come in (the form's, when Enter is
        pressed)."""
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.engine, self.job, self._sort = engine, job, sort
        #: The table shown last (None: none yet, or the screen was cleared).
        self.figures: Figures | None = None
        #: The search's own view the table counts the lines of: a row's lines are a
        #: drill-down of it.
        self._root: View | None = None

    def count(self, query: Query, kind: str, settings: TableSettings, root: View | None) -> None:
        """Count the table of ``kind`` for ``query`` (``root``'s, or for keywords the
        form's); the answer comes as :class:`Counted`."""
        self._root = root
        self.post_message(self.Status("Counting…"))
        self._count(query, kind, settings, self.job.start())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _count(self, query: Query, kind: str, settings: TableSettings, budget: Budget) -> None:
        """The table of ``kind`` as a message; words counted as ``settings.unit``."""
        post_answer(
            self,
            Counted,
            budget,
            lambda: count_figures(self.engine, query, kind, settings, COLLOCATE_ROWS, budget),
        )

    def show(self, figures: Figures) -> None:
        """Show ``figures``, each row keyed by its item (what Enter opens); no rows: none
        (not the last table's) under its text.

        The figures always fit the table's width; the first column (documents, words)
        takes the rest, and an item longer than that is cut with ``…``: at 80 columns a
        distribution's document names of 40 letters pushed its rates off screen, cut to
        ``3,`` for 3,316 per million, and a name cut at 40 letters showed no cut at all.
        """
        self.figures = figures
        self.clear(columns=True)
        widths = [max(9, len(column)) for column in figures.columns[1:]]
        longest = max([len(figures.columns[0]), *(len(key) for key in figures.keys)])
        # Hidden until its figures are shown, the table has no size yet: it is as wide as
        # the app. Each column has a cell's padding either side; the scrollbar takes two.
        room = (self.size.width or self.app.size.width) - sum(widths) - 2 * len(widths) - 4
        first = min(longest, max(FIRST_WIDTH, room))
        for column, width in zip(figures.columns, [first, *widths], strict=True):
            self.add_column(column, width=width)
        for key, row in zip(figures.keys, figures.rows, strict=True):
            self.add_row(shorten(row[0], first), *row[1:], key=key)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        """The lines the row counted, as a view of their own (Escape: back to all); a
        keyword's, as a search of its own."""
        event.stop()
        figures, key = self.figures, event.row_key.value
        if figures is None or key is None:
            return
        if figures.query is not None and figures.unit != "pos":  # a keyword's, a word's
            wanted = keyword_query(figures.query, figures.side, key, figures.unit)
            self.post_message(self.Search(wanted, figures))
        elif self._root is not None:
            self.post_message(self.Status("Finding its lines…"))
            self._lines_of(self._root, figures, key, self._sort(), self.job.start())

    @work(thread=True, exclusive=True, group="query", description="query")
    def _lines_of(self, root: View, figures: Figures, key: str, sort: str, budget: Budget) -> None:
        """The lines of ``figures``' row ``key`` among all of ``root``'s, as a view."""
        post_answer(
            self,
            Found,
            budget,
            lambda: drill_view(self.engine, root, figures, key, PAGE, sort, budget),
        )
