"""How long a search may run its regular expressions, and how it is abandoned.

**Every search has a time budget** (:class:`Budget`). One pattern can
backtrack exponentially on one sentence (``(\\w|\\w\\w|\\s)+$``), and
Python's ``re`` can neither be stopped inside a match nor let other threads
run meanwhile: the search, and the app that ran it, froze until killed.
Patterns are therefore run by the ``regex`` module. It lets go of the
interpreter lock while it matches a ``str`` (so the app's screen stays live;
``concurrent=True`` would only add what it does for mutable buffers, at a
cost measured at 0.3-0.7 µs a call), and in this process every call is
given what is left of the budget, but at most :data:`SENTENCE_LIMIT`
(``timeout=``): a runaway match ends with :class:`RegexTimeout`, and an
abandoned search within a second. Worker processes get no timeout, which costs about a
microsecond a call with its bookkeeping (half a second per worker on a
million units): the parent waits for them in short steps and terminates
them when the budget is spent or the search is abandoned
(:meth:`Budget.cancel`), so no worker outlives its query.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from corpus.errors import KopirError
from corpus.search.querylang import QueryError
from corpus.search.regexfilter import quoted

#: Seconds a search may spend on its regular expressions unless told otherwise.
DEFAULT_TIMEOUT = 10.0
#: The longest budget (a day): regex cannot take a much larger timeout.
MAX_TIMEOUT = 86_400.0
#: Seconds one sentence may take in this process. A real pattern takes
#: microseconds; the limit is what keeps abandoning a search (or quitting
#: the app) quick, since a match under way cannot be stopped from outside.
SENTENCE_LIMIT = 1.0


class RegexTimeout(QueryError):
    """A search stopped because its regular expressions ran past the budget, or past
    :data:`SENTENCE_LIMIT` on one sentence (``one_sentence``)."""

    def __init__(
        self, sources: Sequence[str], seconds: float, *, one_sentence: bool = False
    ) -> None:
        shown = ", ".join(quoted(s) for s in sources)
        what = "regular expression" if len(sources) == 1 else "regular expressions"
        where = " on one sentence" if one_sentence else ""
        super().__init__(
            f"the {what} {shown} took longer than {seconds:g} s{where}, so the search was "
            "stopped; simplify it (nested repeats like (\\w+\\s?)+ and overlapping "
            "alternatives like (\\w|\\w\\w)+ backtrack exponentially)"
        )
        self.one_sentence = one_sentence


class SearchCancelled(KopirError):
    """A search its caller abandoned (a newer search, the screen left, the app closing)."""

    def __init__(self) -> None:
        super().__init__("the search was abandoned")


class Budget:
    """How long a search may run its regular expressions, and a way to abandon it.

    The clock runs from the budget's making and starts again with
    :meth:`start` (the engine calls it once the search has its turn, so time
    spent waiting for an earlier search is not counted).
    :meth:`cancel` may be called from any thread: the search stops at once
    when workers are scanning (they are terminated), else when the match
    under way in this process ends, within :data:`SENTENCE_LIMIT`.
    """

    def __init__(self, seconds: float = DEFAULT_TIMEOUT) -> None:
        if not 0 < seconds <= MAX_TIMEOUT:
            raise QueryError(
                "the time allowed to a regular-expression search must be more than 0 and at "
                f"most {MAX_TIMEOUT:,.0f} seconds, not {seconds:g}"
            )
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cancelled = False  # set from another thread; a plain flag is enough (nobody waits)

    def start(self) -> Budget:
        self.deadline = time.monotonic() + self.seconds
        return self

    def cancel(self) -> None:
        self.cancelled = True

    def left(self, *sources: str) -> float:
        """Seconds left; raises :meth:`expired` for ``sources`` when none are."""
        left = self.deadline - time.monotonic()
        if left <= 0 or self.cancelled:
            raise self.expired(*sources)
        return left

    def expired(self, *sources: str) -> KopirError:
        """The error that ends the search: abandoned, or out of time running ``sources``."""
        if self.cancelled:
            return SearchCancelled()
        return RegexTimeout(sources, self.seconds)

    def for_call(self, source: str) -> float:
        """The timeout of one call into ``regex`` here: what is left, at most a sentence's.

        Called for every unit scanned in this process, so it is kept to the bare minimum.
        """
        left = self.deadline - time.monotonic()
        if left <= 0 or self.cancelled:
            raise self.expired(source)
        return left if left < SENTENCE_LIMIT else SENTENCE_LIMIT

    def overrun(self, source: str, timeout: float) -> KopirError:
        """The error for a call given ``timeout`` (from :meth:`for_call`) that ran out."""
        if timeout < SENTENCE_LIMIT or self.cancelled:
            return self.expired(source)
        return RegexTimeout([source], SENTENCE_LIMIT, one_sentence=True)
