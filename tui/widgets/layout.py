"""Where each bead's text goes on screen: word wrapping and row offsets.

The alignment editor shows thousands of beads, each as many screen lines as
its longer side needs. Only the visible lines are ever drawn (the Line API),
but scrolling needs every bead's height, so heights are computed for the
whole document up front with a fast greedy word wrap, and wrapped lines are
cached by text and width. A change to a few beads recomputes only those.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate

from rich.cells import cell_len

# Characters that may take two cells (CJK, emoji): measured with rich then.
_MAYBE_WIDE = re.compile("[\u1100-\U0010ffff]")
_SPACES = re.compile(r"\s+")


def changed_span(old: Sequence[object], new: Sequence[object]) -> tuple[int, int, int]:
    """Where ``new`` differs from ``old``: ``(head, old_end, new_end)``, so that
    ``old[head:old_end]`` became ``new[head:new_end]`` and the rest is the same.

    An edit of the alignment builds a new tuple that reuses every bead it did
    not change, so the common head and tail are long: their lengths are found
    by bisection on slice equality (which compares identical items at C
    speed) rather than by walking ten thousand beads in Python.
    """
    limit = min(len(old), len(new))

    def longest(same: Callable[[int], bool], most: int) -> int:
        low, high = 0, most  # same(low) holds; find the largest n <= most with same(n)
        while low < high:
            middle = (low + high + 1) // 2
            if same(middle):
                low = middle
            else:
                high = middle - 1
        return low

    head = longest(lambda n: old[:n] == new[:n], limit)
    tail = longest(lambda n: old[len(old) - n :] == new[len(new) - n :], limit - head)
    return head, len(old) - tail, len(new) - tail


def width_of(word: str) -> int:
    return cell_len(word) if _MAYBE_WIDE.search(word) else len(word)


@lru_cache(maxsize=100_000)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """Greedy word wrap to ``width`` cells; words longer than a line are cut.

    Runs of whitespace become one space (a sentence has no layout of its own);
    an empty text is one empty line, so every sentence takes a line.
    """
    width = max(width, 1)
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for word in _SPACES.split(text.strip()):
        size = width_of(word)
        while size > width:  # a URL or a 100,000-character "word": cut it
            if line:
                lines.append(" ".join(line))
                line, used = [], 0
            head, word = _cut(word, width)
            lines.append(head)
            size = width_of(word)
        needed = size if not line else used + 1 + size
        if needed > width:
            lines.append(" ".join(line))
            line, used = [word], size
        else:
            line.append(word)
            used = needed
    if line or not lines:
        lines.append(" ".join(line))
    return tuple(lines)


def _cut(word: str, width: int) -> tuple[str, str]:
    """The longest head of ``word`` that fits ``width`` cells, and the rest."""
    if not _MAYBE_WIDE.search(word):
        return word[:width], word[width:]
    used = 0
    for n, ch in enumerate(word):
        used += cell_len(ch)
        if used > width:
            return word[: max(n, 1)], word[max(n, 1) :]
    return word, ""


def wrap_sentences(texts: Sequence[str], width: int) -> list[str]:
    """Each sentence wrapped on its own lines, in order (so sentence starts stay visible)."""
    lines: list[str] = []
    for text in texts:
        lines.extend(wrap(text, width))
    return lines


class RowLayout:
    """The screen lines of every bead: heights and their running offsets.

    ``height_of(i, kk_width, en_width)`` says how many lines bead ``i``
    needs; the layout keeps the offsets so that line ``y`` → bead is a binary
    search and bead → first line is a lookup.
    """

    def __init__(
        self, count: int, height_of: Callable[[int], int], heights: list[int] | None = None
    ) -> None:
        """``heights``, when given, are the ``count`` heights measured already."""
        self._height_of = height_of
        if heights is None:
            heights = [height_of(i) for i in range(count)]
        self.heights = list(heights)
        self._offsets()

    def _offsets(self) -> None:
        # Plain lists (not numpy, whose import was a tenth of the editor's start): a
        # running sum of 50,000 heights takes a millisecond, and bisect on a list is
        # many times faster per call than numpy on a scalar; every line drawn asks.
        self.starts: list[int] = list(accumulate(self.heights, initial=0))

    @property
    def total(self) -> int:
        return self.starts[-1]

    def bead_at(self, y: int) -> tuple[int, int]:
        """The bead shown on line ``y`` and the line within it; (-1, 0) past the end."""
        if y < 0 or y >= self.starts[-1]:
            return -1, 0
        i = bisect_right(self.starts, y) - 1
        return i, y - self.starts[i]

    def start_of(self, i: int) -> int:
        return self.starts[i]

    def height_of(self, i: int) -> int:
        return self.starts[i + 1] - self.starts[i]

    def replace(self, start: int, end: int, count: int) -> None:
        """Beads ``start:end`` became ``count`` new beads: measure just those."""
        self.heights[start:end] = [self._height_of(i) for i in range(start, start + count)]
        self._offsets()
