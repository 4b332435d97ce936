"""The likely translations of a query's node, marked in its lines' aligned text.

Once a search's lines are on screen, a worker counts the words of the other side
that their units attract (:func:`corpus.search.frequency.collocates`, the best of
them by :func:`corpus.search.drill.likely_translations`), and the lines are marked
again with the best of those each unit contains: the equivalent of the node stands
out without a drill-down. A drill-down's own words (a collocate, an n-gram) come
first where it marks any. They are found once a query; a new query, or leaving the
screen, abandons the search for them.
"""

from __future__ import annotations

from textual.dom import DOMNode

from corpus.errors import KopirError
from corpus.search.concordance import MatchLine
from corpus.search.drill import Marker, equivalent_marker, likely_translations
from corpus.search.frequency import collocates
from corpus.search.plan import Query, Span
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, SearchCancelled
from tui.screens.query_messages import Likely, OneJob
from tui.screens.query_view import View


class LikelyTranslations:
    """The likely translations of the node of the query on screen, best first."""

    def __init__(self, engine: QueryEngine) -> None:
        self.engine = engine
        #: The query whose node's translations are known (``words``).
        self.query: Query | None = None
        self.words: tuple[str, ...] = ()
        #: The search for them under way: one at a time, the newest.
        self.job = OneJob(engine)

    @property
    def budget(self) -> Budget | None:
        """The budget of the search for them under way (None: none is)."""
        return self.job.budget

    def find(self, node: DOMNode, view: View) -> None:
        """Find the translations of ``view``'s node in a worker of ``node``, which is sent
        them as :class:`Likely`; not when they are known already, when there are no lines
        to mark, or when the query has both sides (the other side's matches are marked)."""
        both_sides = view.query.kk and view.query.en
        if self.query == view.query or not view.page.matches or both_sides:
            return
        query, budget = view.query, self.job.start()

        def search() -> None:
            try:
                words = likely_words(self.engine, query, budget)
            except SearchCancelled:
                return
            node.post_message(Likely(budget, query, words))

        node.run_worker(
            search, thread=True, exclusive=True, group="likely", description="likely translations"
        )

    def take(self, answer: Likely) -> bool:
        """Keep the words ``answer`` brings if it answers the search under way (else it is
        stale and dropped)."""
        if not self.job.answered(answer.budget):
            return False
        self.query, self.words = answer.query, answer.words
        return True

    def abandon(self) -> None:
        """Cancel the search for them under way, if any."""
        self.job.abandon()

    def marker(self, view: View) -> Marker | None:
        """What to mark in ``view``'s lines: a drill-down's words, and in the aligned texts
        where those are none (a collocate's or an n-gram's lines), the likely translation
        of the node in each unit (once found)."""
        likely = equivalent_marker(self.words) if self.query == view.query and self.words else None
        if view.marker is None or likely is None:
            return view.marker or likely
        return first_of(view.marker, likely)


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


def first_of(first: Marker, then: Marker) -> Marker:
    """Marks what ``first`` marks in a text, or, where it marks nothing, what ``then`` does."""

    def marker(line: MatchLine, side: str, text: str) -> list[Span]:
        return first(line, side, text) or then(line, side, text)

    return marker
