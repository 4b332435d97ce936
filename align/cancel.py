"""Giving up long work that is no longer wanted: a question asked now and then.

A quality check of a long document takes seconds and competes with the
editor's screen and its saving for the interpreter. The editor starts one
after every pause in the edits; when another edit makes it stale, or the
translator quits, it must stop rather than run to its end (quitting would
wait for it). Work that can be given up takes a ``should_stop`` callable and
asks it every :data:`ASK_EVERY` items; True ends the work with :class:`Stopped`.
"""

from __future__ import annotations

from collections.abc import Callable

#: Asked now and then during long work; True gives the work up.
ShouldStop = Callable[[], bool]
#: How many items (units, beads) long work goes through between two questions.
ASK_EVERY = 500


class Stopped(Exception):
    """Work given up because its ``should_stop()`` said so (nothing it made is kept)."""


def ask(should_stop: ShouldStop | None) -> None:
    """Raise :class:`Stopped` if ``should_stop`` says so."""
    if should_stop is not None and should_stop():
        raise Stopped
