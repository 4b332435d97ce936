"""Running one regular-expression call in a worker process that can be terminated.

``regex`` stops a call at its ``timeout`` only where it looks at the clock,
and on some calls it looks too rarely: ``(?:а{300}б|ж)`` (a long literal in
an alternation) over a sentence holding a run of 2,000,000 ``а`` tried the
literal at every position for 9 s under a timeout of 1 s, and a search of a
10 s budget took 66 s, Ctrl+Q in the app 58 s. Such a call's work grows with
the text's length times the pattern's, so a call above :data:`GUARDED_WORK`
runs in a worker process instead, which is terminated when the sentence limit
or the search's budget is passed: the budget holds whatever the pattern and
the text. Real sentences and patterns stay far below the bound and are
matched in the searching process, as before.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from multiprocessing import resource_tracker
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING

import regex

from corpus.errors import KopirError

if TYPE_CHECKING:
    from corpus.search.regexscan import Budget

Span = tuple[int, int]
#: How often (seconds) the parent looks at the budget while a worker matches.
POLL = 0.05
#: Above this many characters of text times characters of pattern, one call is run in a
#: worker process that can be terminated (see :func:`guarded`): ``regex`` looks at its
#: ``timeout`` too rarely on such calls (``(?:а{300}б|ж)`` over a run of 2,000,000 ``а``
#: took 9 s with a timeout of 1 s). A sentence of 5,000 characters and a pattern of 1,000
#: are still matched here.
GUARDED_WORK = 5_000_000


@dataclass(frozen=True)
class Found:
    """Where a match run by :func:`guarded` was (what ``_matcher`` asks of a match)."""

    at: int
    to: int

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.to


_guard_pool: Pool | None = None


def guarded(
    pattern: regex.Pattern[str], text: str, budget: Budget, *, first: bool
) -> Span | list[Span] | None:
    """One search (``first``: the first match's span or None) or the spans of every
    non-empty match, run in a worker process that is terminated at the sentence limit
    or when the budget runs out, so the budget holds whatever the pattern and the text.

    The worker is started once (its start-up counts against the budget, not the
    sentence limit) and kept for later calls; a terminated one is started anew.
    """
    global _guard_pool
    source = pattern.pattern
    if _guard_pool is None:
        start_resource_tracker()
        _guard_pool = multiprocessing.get_context("spawn").Pool(1)
        _wait(_guard_pool.apply_async(_ready), budget, source, None)
    timeout = budget.for_call(source)
    call = _guard_pool.apply_async(_guarded_call, (source, pattern.flags, text, first))
    return _wait(call, budget, source, time.monotonic() + timeout, timeout)


def _wait(
    call: AsyncResult, budget: Budget, source: str, deadline: float | None, timeout: float = 0
) -> object:
    """``call``'s result; the worker is terminated when the budget or ``deadline`` is passed."""
    try:
        while not call.ready():
            wait = min(POLL, budget.left(source))
            if deadline is not None:
                if time.monotonic() >= deadline:
                    raise budget.overrun(source, timeout)
                wait = min(wait, max(deadline - time.monotonic(), 0.001))
            call.wait(wait)
    except KopirError:
        close_guard()
        raise
    return call.get()


def close_guard() -> None:
    """Stop the worker of :func:`guarded` (it holds nothing worth waiting for)."""
    global _guard_pool
    if _guard_pool is not None:
        _guard_pool.terminate()
        _guard_pool.join()
        _guard_pool = None


def _ready() -> bool:
    return True


def _guarded_call(source: str, flags: int, text: str, first: bool) -> Span | list[Span] | None:
    pattern = regex.compile(source, flags)
    if first:
        match = pattern.search(text)
        return None if match is None else match.span()
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker even when ``sys.stderr`` has no file.

    Starting worker processes starts the tracker, which is handed
    ``sys.stderr.fileno()``. Inside a Textual app ``sys.stderr`` is a capture
    whose ``fileno()`` is -1, and the start fails ("bad value(s) in
    fds_to_keep"), so a large regex search, or an index update that reads many
    documents in worker processes, would crash the app. The tracker
    inherits descriptor 2 anyway; it is started here with a real file as
    ``sys.stderr`` for the moment it takes. Once running it is never started
    again (the swap is process-wide, so it is done only when needed).
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()
