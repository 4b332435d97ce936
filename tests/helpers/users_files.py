"""A file of the user's that kopir must not replace unasked (an earlier export, a
spreadsheet): the export dialogs' tests write one where kopir is told to write, then
check it is still the user's."""

from __future__ import annotations

from pathlib import Path

#: What the user's file holds: no format kopir writes could produce it.
USERS_TEXT = "a file the user cares about"


def users_file(path: Path) -> Path:
    """Write the user's file at ``path``; returns ``path``."""
    path.write_text(USERS_TEXT, "utf-8")
    return path


def untouched(path: Path) -> bool:
    """Whether ``path`` still holds the user's file."""
    return path.read_text("utf-8") == USERS_TEXT
