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

from corpus.errors import KopirError
from corpus.search.concordance import Concordance, MatchLine, sort_lines
from corpus.search.drill import equivalent_spans, likely_translations
from corpus.search.frequency import collocates
from corpus.search.paging import LinePage
from corpus.search.plan import Query, Span
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, SearchCancelled
from corpus.wording import plural
from tui.screens.query_lines import Marker


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


def likely_words(engine: QueryEngine, query: Query, budget: Budget) -> tuple[str, ...]:
    """The likely translations of ``query``'s node, best first (none when they cannot be
    counted: the lines are shown already, and go unmarked)."""
    try:
        found = collocates(engine, query, side="other", min_freq=2, limit=20, budget=budget)
    except SearchCancelled:
        raise
    except KopirError:
        return ()
    return tuple(likely_translations(found))


def likely_marker(words: Sequence[str]) -> Marker:
    """Marks, in each line's aligned text, the best of ``words`` (likely translations of
    the node, best first) that the unit contains."""

    def likely(line: MatchLine, side: str, text: str) -> list[Span]:
        return equivalent_spans(text, side, words) if side != line.side else []

    return likely


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


def first_of(first: Marker, then: Marker) -> Marker:
    """Marks what ``first`` marks in a text, or, where it marks nothing, what ``then`` does."""

    def marker(line: MatchLine, side: str, text: str) -> list[Span]:
        return first(line, side, text) or then(line, side, text)

    return marker
