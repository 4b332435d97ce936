"""What the Query screen shows: a page of a concordance, and how to get another page of it.

A search's lines come a page at a time from the engine
(:meth:`corpus.search.query.QueryEngine.lines`: only the page's units are read
as hits). A drill-down from a row of figures holds the lines that row counted
(:func:`corpus.search.drill.drill`), and pages and sorts them itself. Either way the
screen holds a :class:`View`, and :func:`fetch_page` gives another page of it
(another offset, another order) in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from corpus.search.drill import Drilled, Marker
from corpus.search.paging import LinePage
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget
from corpus.wording import plural

#: Concordance lines per page.
PAGE = 100


@dataclass(frozen=True)
class View:
    """A page of lines on screen and the counts of all of them (``page``).

    A drill-down is a view of its own: ``drilled`` its lines,
    ``focus`` what they are, ``marker`` what to mark in their aligned text,
    ``parent`` the view Escape goes back to.
    """

    query: Query
    page: LinePage
    focus: str = ""
    marker: Marker | None = None
    parent: View | None = None
    drilled: Drilled | None = None

    @property
    def root(self) -> View:
        """The search's own view (this one, when it is no drill-down)."""
        return self if self.parent is None else self.parent.root


def fetch_page(
    engine: QueryEngine, view: View, offset: int, limit: int | None, sort: str,
    budget: Budget | None = None,
) -> View:  # fmt: skip
    """``view`` at another page or in another order (``limit`` None: every line)."""
    if view.drilled is None:
        return replace(view, page=engine.lines(view.query, limit, offset, sort, budget))
    return replace(view, page=view.drilled.page(offset, limit, sort))


def status_text(view: View, page_size: int) -> str:
    """The status line over the lines: both counts, where the page is, the query, and
    what a drill-down keeps (the search's warnings are :func:`warning_text`)."""
    page = view.page
    counts = f"{plural(page.matches, 'match', 'matches')} in {plural(page.units, 'unit')}"
    where = ""
    if page.matches > page_size:
        last = min(page.offset + page_size, page.matches)
        where = f" · {page.offset + 1:,}–{last:,} (Ctrl+N/Ctrl+O)"
    focus = f" · {view.focus} (Escape: all)" if view.focus else ""
    return f"{counts}{where} · {view.query.describe()}{focus}"


def warning_text(view: View) -> str:
    """The search's warnings, each after a ⚠ ("" when there are none)."""
    return "  ".join(f"⚠ {w}" for w in view.page.warnings)
