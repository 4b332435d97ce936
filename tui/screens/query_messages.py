"""What the Query screen's worker threads send back (lines, likely translations, figures),
and the one search, count or sort at a time that decides which answer is awaited.

Each answer carries the :class:`~corpus.search.regexscan.Budget` of the work that
made it, so that the screen can drop an answer to a search, count or sort that a
newer one replaced. The screen and its table of figures
(:class:`tui.screens.query_figures_table.FiguresTable`) both start such work: they
share one :class:`OneJob`, so that whichever starts the next abandons the last. The
search for likely translations (:mod:`tui.screens.query_likely`) runs beside it
under a :class:`OneJob` of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.message_pump import MessagePump

from corpus.errors import KopirError
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, SearchCancelled
from tui.screens.query_figures import Figures
from tui.screens.query_view import View
from tui.wording import in_app


class Found(Message):
    """A page of lines (``view``), or why there is none (``error``)."""

    def __init__(self, budget: Budget, view: View | None, error: str = "") -> None:
        super().__init__()
        self.budget, self.view, self.error = budget, view, error


class Likely(Message):
    """The likely translations of ``query``'s node (for ``budget``'s search)."""

    def __init__(self, budget: Budget, query: Query, words: tuple[str, ...]) -> None:
        super().__init__()
        self.budget, self.query, self.words = budget, query, words


class Counted(Message):
    """A table of figures (or why there is none) for ``budget``'s count."""

    def __init__(self, budget: Budget, figures: Figures | None, error: str = "") -> None:
        super().__init__()
        self.budget, self.figures, self.error = budget, figures, error


class Indexing(Message):
    """The search index is being brought up to date: ``done`` of ``total`` documents read
    (from the worker of the search that waits for it)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class OneJob:
    """The work under way on the Query screen (a search, count or sort; or, in a job of
    their own, the likely translations): one at a time, the newest.

    Starting one cancels the budget of the one before (its worker stops, or its answer
    comes in stale and is dropped), as does leaving the screen.
    """

    def __init__(self, engine: QueryEngine) -> None:
        self._engine = engine
        #: The budget of the job under way (None: nothing is).
        self.budget: Budget | None = None
        #: How many answers (lines, a table, an error) the screen has shown: a test or a
        #: benchmark waits for the next one instead of for a time.
        self.answers = 0

    def start(self) -> Budget:
        """Abandon the job under way and give the next one its budget."""
        self.abandon()
        self.budget = self._engine.budget()
        return self.budget

    def abandon(self) -> None:
        """Cancel the job under way, if any."""
        if self.budget is not None:
            self.budget.cancel()
            self.budget = None

    def answered(self, budget: Budget) -> bool:
        """``budget``'s answer is the one awaited (else it is stale and dropped); it
        counts as shown."""
        if budget is not self.budget:
            return False
        self.budget = None
        self.answers += 1
        return True


def post_answer(
    to: MessagePump, answer: Callable[..., Message], budget: Budget, work: Callable[[], object]
) -> None:
    """Post ``answer`` to ``to`` with what ``work`` (a worker's job) gives or with its error.

    A cancelled ``work`` posts nothing: a newer job, or the screen left, and nobody
    waits for this one.
    """
    try:
        result = work()
    except SearchCancelled:
        return
    except KopirError as exc:
        to.post_message(answer(budget, None, in_app(exc)))
        return
    to.post_message(answer(budget, result))
