"""N-grams around a node (AntConc's clusters): the runs of N words that hold a match.

For every match on the key side (each line of the concordance), every run of
``size`` consecutive words of its sentence that covers all the match's words is
counted once: with ``size`` 3 and a one-word node, "X Y node", "X node Y" and
"node X Y". Runs never cross a sentence end (a bead may hold several sentences)
and a node longer than ``size`` words gives none. Words are in lower case, as the
index cuts them, and Kazakh printed in the Latin alphabet or in the Arabic script is
read into Cyrillic, as frequencies count it; the runs are listed most frequent first.
:func:`run_spans` says where a run is in a line, so that a screen can mark it in the
line's context.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from corpus.search.concordance import MatchLine
from corpus.search.frequency import hit_words
from corpus.search.plan import Query, Span
from corpus.search.query import QueryEngine
from corpus.search.querylang import QueryError
from corpus.search.regexscan import Budget
from corpus.search.searchtext import sort_key

#: N-grams listed unless asked otherwise.
NGRAM_ROWS = 100


@dataclass
class Ngrams:
    """The runs of ``size`` words around the query's matches, most frequent first."""

    query: Query
    size: int
    matches: int
    rows: list[tuple[str, int]]
    warnings: list[str] = field(default_factory=list)


def ngrams(
    engine: QueryEngine, query: Query, size: int = 3, min_freq: int = 2,
    rows: int | None = NGRAM_ROWS, budget: Budget | None = None,
) -> Ngrams:  # fmt: skip
    """Count the ``size``-word runs around every match of ``query`` (at least ``min_freq``)."""
    if not 2 <= size <= 8:
        raise QueryError(f"n-grams of {size} words: choose 2 to 8")
    if min_freq < 1:
        raise QueryError("--min-freq must be at least 1")
    found, notes = engine.concordance(query, budget=budget)
    counted: Counter[str] = Counter()
    for line in found.lines:
        counted.update(runs(line, size))
    kept = [(run, n) for run, n in counted.items() if n >= min_freq]
    kept.sort(key=lambda r: (-r[1], sort_key(r[0])))
    return Ngrams(query, size, found.matches, kept[:rows], notes)


def runs(line: MatchLine, size: int) -> list[str]:
    """The ``size``-word runs of the line's sentence that cover its match."""
    return [" ".join(word for _s, _e, word in run) for run in _runs(line, size)]


def run_spans(line: MatchLine, run: str) -> list[Span]:
    """Where ``run`` (one of :func:`runs`' strings) is in the line's text, from its first
    word's start to its last word's end: once for each place it covers the match."""
    size = len(run.split())
    return [
        (words[0][0], words[-1][1])
        for words in _runs(line, size)
        if " ".join(word for _s, _e, word in words) == run
    ]


def _runs(line: MatchLine, size: int) -> Iterator[list[tuple[int, int, str]]]:
    """The runs as (start, end in the line's text, the word in lower case) a word: Kazakh
    printed in another script as read (:func:`~corpus.search.frequency.hit_words`), so its
    runs count with the Cyrillic ones and are marked where they are printed."""
    hit, (start, end) = line.hit, line.span
    breaks = hit.kk_breaks if line.side == "kk" else hit.en_breaks
    words = hit_words(hit, line.side, "form")
    covered = [i for i, (s, e, _w) in enumerate(words) if s < end and e > start]
    if not covered or covered[-1] - covered[0] + 1 > size:
        return
    sentence = [bisect_right(breaks, s) for s, _e, _w in words]
    first, last = covered[0], covered[-1]
    for begin in range(max(0, last - size + 1), first + 1):
        stop = begin + size
        if stop > len(words) or sentence[begin] != sentence[stop - 1]:
            continue
        yield words[begin:stop]
