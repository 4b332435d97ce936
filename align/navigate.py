"""Finding the beads a reviewer should look at next.

A translator reviews front to back and jumps: to the next bead nobody has
confirmed, the next one the aligner was unsure of, the next one the quality
checks flagged, the next one whose text matches a search. Each is a plain
function over an :class:`Alignment`, so the editor's keys and a script
behave the same.

Searching is case-insensitive in both scripts (``ҚАЗАҚ`` finds ``қазақ``),
NFC-normalised, and keeps Kazakh letters distinct from their Russian or
Latin neighbours (``ә`` is not ``а``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container

from align.model import Alignment, Bead, ReviewState

Predicate = Callable[[int, Bead], bool]


def next_bead(al: Alignment, start: int, wanted: Predicate, *, forward: bool = True) -> int | None:
    """The first bead after (or before) ``start`` that is ``wanted``, wrapping around.

    ``start`` itself is looked at last, so repeating the jump cycles through
    every match. ``None`` when no bead is wanted.
    """
    count = len(al.beads)
    if not count:
        return None
    step = 1 if forward else -1
    for k in range(1, count + 1):
        i = (start + step * k) % count
        if wanted(i, al.beads[i]):
            return i
    return None


def rank(al: Alignment, index: int, wanted: Predicate) -> tuple[int, int]:
    """Which of the wanted beads ``index`` is, counted from the top, and how many there are.

    ``(k, n)`` for a search's "match k of n"; ``k`` is 0 when the bead at
    ``index`` is not wanted.
    """
    k = n = 0
    for i, bead in enumerate(al.beads):
        if wanted(i, bead):
            n += 1
            if i == index:
                k = n
    return k, n


def first_change(before: Alignment, after: Alignment) -> int | None:
    """The first bead of ``after`` unlike ``before``'s bead at its place; ``None`` if equal.

    Where an undo or redo changed the document, so the editor can show it: the
    step's own description names beads by number, but a re-alignment or a text
    edit changes beads the translator may have scrolled far away from. A change
    that only added beads at the end points at the first of them, one that only
    dropped beads from the end at the new last bead.
    """
    for i, (old, new) in enumerate(zip(before.beads, after.beads, strict=False)):
        if old != new:
            return i
    if len(before.beads) == len(after.beads) or not after.beads:
        return None
    return min(len(before.beads), len(after.beads) - 1)  # the first new bead, or the new last


def unconfirmed(_: int, bead: Bead) -> bool:
    return bead.status != "confirmed"


def weak(weak_below: float) -> Predicate:
    """Unconfirmed beads the aligner was unsure of (a confidence below ``weak_below``, the
    corpus's review cut) or gave no score (changed by hand)."""
    return lambda _, bead: bead.review_state(weak_below) in (ReviewState.WEAK, ReviewState.MANUAL)


def flagged(beads: Container[int]) -> Predicate:
    """Beads with quality findings (``beads`` holds their indices)."""
    return lambda i, _: i in beads


def fold(text: str) -> str:
    """Text as search compares it: NFC and case-folded (Kazakh capitals included)."""
    return unicodedata.normalize("NFC", text).casefold()


def matching(query: str, text_of: Callable[[str], str], lang: str | None = None) -> Predicate:
    """Beads where ``query`` occurs in a sentence of either side (or of ``lang`` only).

    ``text_of`` gives a sentence's text by id.
    """
    needle = fold(query.strip())

    def wanted(_: int, bead: Bead) -> bool:
        if not needle:
            return False
        ids = bead.side(lang) if lang else bead.kk + bead.en
        return any(needle in fold(text_of(sid)) for sid in ids)

    return wanted
