"""What the Query screen's worker threads send back: lines, likely translations, figures.

Each answer carries the :class:`~corpus.search.regexscan.Budget` of the work that
made it, so that the screen can drop an answer to a search, count or sort that a
newer one replaced.
"""

from __future__ import annotations

from textual.message import Message

from corpus.search.plan import Query
from corpus.search.regexscan import Budget
from tui.screens.query_figures import Figures
from tui.screens.query_view import View


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
