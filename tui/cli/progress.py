"""Progress for long commands: a status line on a terminal, nothing in a pipe.

``kopir align`` of a long document takes tens of seconds; a silent terminal
looks hung. :func:`working` shows ``aligning 003…  12 s`` on stderr, updated
twice a second, with whatever count the work reports (``12,000 units``), and
erases it when the work ends, so the command's own output starts on a clean
line. When stderr is not a terminal (a pipe, a log file, a test) it writes
nothing at all: scripts see only results and warnings.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any, TextIO

#: Seconds between updates, and before the first: quick work never shows a line.
INTERVAL = 0.5
CLEAR = "\r\x1b[K"


class Status:
    """The line being shown: a label, the seconds so far and the latest count."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.detail = ""
        self.started = time.monotonic()
        self._lock = threading.Lock()

    def note(self, detail: str) -> None:
        """Say how far the work has got (``"1,200 of 5,000 documents"``)."""
        self.detail = detail

    def count(self, done: int, total: int | None = None, what: str = "") -> None:
        """:meth:`note` for a count, the shape progress callbacks have, with a % of a total."""
        of = f" of {total:,}" if total else ""
        share = f" ({100 * done // total} %)" if total else ""
        self.note(f"{done:,}{of} {what}".rstrip() + share)

    def draw(self) -> None:
        seconds = time.monotonic() - self.started
        detail = f", {self.detail}" if self.detail else ""
        with self._lock:
            self.stream.write(f"{CLEAR}{self.label}…  {seconds:.0f} s{detail}")
            self.stream.flush()

    def clear(self) -> None:
        with self._lock:
            self.stream.write(CLEAR)
            self.stream.flush()


def on_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


@contextlib.contextmanager
def working(
    label: str, stream: TextIO | None = None, interval: float | None = None
) -> Iterator[Status]:
    """Show ``label`` and the time so far on ``stream`` (stderr) while the block runs.

    The :class:`Status` it yields takes counts from the work; off a terminal
    it records them and shows nothing.
    """
    stream = stream or sys.stderr
    interval = INTERVAL if interval is None else interval
    status = Status(label, stream)
    if not on_terminal(stream):
        yield status
        return
    stop = threading.Event()
    drawn = threading.Event()

    def tick() -> None:
        while not stop.wait(interval):
            status.draw()
            drawn.set()

    thread = threading.Thread(target=tick, name="kopir-progress", daemon=True)
    thread.start()
    try:
        yield status
    finally:
        stop.set()
        thread.join()
        if drawn.is_set():
            status.clear()


def count_bar(total: int, quiet: bool, desc: str = "build", unit: str = "pair") -> Any:
    """A progress bar on stderr (done/total, rate, ETA) when it is a terminal; else None."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm  # nltk's own dependency, as kopir ingest uses it

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, smoothing=0.1)
