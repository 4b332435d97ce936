"""Completing a file path as it is typed, as a shell does.

Typing a path was most of the keys of an import (43 of 48 in a translator's
trial). :class:`PathSuggester` offers the rest of the name of the file or
folder the typed text begins, shown greyed after the cursor; → (or End)
takes it. A folder is completed with its ``/`` so the next name can follow;
when several names fit, the longest part they share is offered, text files
before others.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

#: At most this many entries of a folder are looked at (a huge folder must not stall typing).
MAX_ENTRIES = 5000


class PathSuggester(Suggester):
    """Suggests the completion of a typed path from the file system (``~`` understood)."""

    def __init__(self, base: Path | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base or Path.cwd()

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self.base)


def complete(value: str, base: Path) -> str | None:
    """``value`` completed to the longest path that every match of it begins with."""
    if not value:
        return None
    head, _, prefix = value.rpartition("/")
    folder = Path(os.path.expanduser(head + "/" if head or value.startswith("/") else "."))
    if not folder.is_absolute():
        folder = base / folder
    try:
        with os.scandir(folder) as entries:
            names = []
            for n, entry in enumerate(entries):
                if n >= MAX_ENTRIES:
                    break
                if entry.name.startswith(prefix) and (prefix or not entry.name.startswith(".")):
                    names.append(entry.name + ("/" if entry.is_dir() else ""))
    except OSError:
        return None
    if not names:
        return None
    texts = [name for name in names if name.endswith(".txt")]
    common = _shared_start(texts if len(texts) == 1 else names)
    if len(common) <= len(prefix):
        return None
    return value + common[len(prefix) :]


def _shared_start(names: list[str]) -> str:
    """The longest beginning all ``names`` have (letter by letter: a name completes a name)."""
    first, last = min(names), max(names)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]
