"""What the Query screen shows: a page of a concordance, and how to get another page of it.

A search's lines come a page at a time from the engine
(:meth:`corpus.search.query.QueryEngine.lines`: only the page's units are read
as hits). A drill-down from a row of figures keeps the lines that row counted
(:mod:`corpus.search.drill`) and pages and sorts them here. Either way the
screen holds a :class:`View`, and :func:`fetch_page` gives another page of it
(another offset, another order) in a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from corpus.search.concordance import Concordance, sort_lines
from corpus.search.paging import LinePage
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget
from corpus.wording import plural
from tui.screens.query_lines import Marker

#: Concordance lines per page.
PAGE = 100


@dataclass(frozen=True)
class View:
    """A page of lines on screen and the counts of all of them (``page``).

    A drill-down is a view of its own: ``kept`` its lines (document order),
    ``focus`` what they are, ``marker`` what to mark in their aligned text,
    ``parent`` the view Escape goes back to.
    """

    query: Query
    page: LinePage
    focus: str = ""
    marker: Marker | None = None
    parent: View | None = None
    kept: Concordance | None = None

    @property
    def root(self) -> View:
        """The search's own view (this one, when it is no drill-down)."""
        return self if self.parent is None else self.parent.root


def kept_page(
    query: Query, kept: Concordance, offset: int, limit: int | None, sort: str,
    warnings: Sequence[str] = (),
) -> LinePage:  # fmt: skip
    """A page of a drill-down's lines in the order ``sort`` names."""
    lines = sort_lines(kept.lines, sort)
    chosen = lines[offset : None if limit is None else offset + limit]
    return LinePage(query, kept.matches, kept.units, offset, limit, sort, chosen, list(warnings))


def fetch_page(
    engine: QueryEngine, view: View, offset: int, limit: int | None, sort: str,
    budget: Budget | None = None,
) -> View:  # fmt: skip
    """``view`` at another page or in another order (``limit`` None: every line)."""
    if view.kept is None:
        return replace(view, page=engine.lines(view.query, limit, offset, sort, budget))
    page = kept_page(view.query, view.kept, offset, limit, sort, view.page.warnings)
    return replace(view, page=page)


def status_text(view: View, page_size: int) -> str:
    """The status line over the lines: both counts, where the page is, the query, and
    what a drill-down keeps (with the search's warnings)."""
    page = view.page
    counts = f"{plural(page.matches, 'match', 'matches')} in {plural(page.units, 'unit')}"
    where = ""
    if page.matches > page_size:
        last = min(page.offset + page_size, page.matches)
        where = f" · {page.offset + 1:,}–{last:,} (Ctrl+N/Ctrl+O)"
    focus = f" · {view.focus} (Escape: all)" if view.focus else ""
    text = f"{counts}{where} · {view.query.describe()}{focus}"
    return text + "".join(f"  ⚠ {w}" for w in page.warnings)
