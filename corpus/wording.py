"""Small helpers that make kopir's messages read as English."""

from __future__ import annotations


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``1 bead``, ``2 beads``, ``0 beads`` (``many`` for irregular plurals)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {many or noun + 's'}"
