"""Small helpers that make kopir's messages read as English."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the cut marked with ``…``
    (for a message or a column: quoted texts can be of any length)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``1 bead``, ``2 beads``, ``0 beads`` (``many`` for irregular plurals)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {many or noun + 's'}"
