"""Kazakh printed in the Latin alphabet of 2018 or in the Arabic script, searched in Cyrillic.

A linguist searches the corpus in Cyrillic; a document printed in another script of
Kazakh (:mod:`corpus.text.script`) would never be found. So each Kazakh sentence not in
Cyrillic has a *reading*: its words read into Cyrillic, one for one. The index searches the
reading (the word and lemma columns, :mod:`corpus.search.tables`), while the concordance
shows the text as printed: a match found in the reading is mapped back to the printed words
by their order, which the reading keeps (a reading that does not keep the number of words
is not used, and the sentence is searched as printed). The printed words are indexed
too (:func:`printed_words`), so a word query in the printed spelling still finds them.
Regular expressions and the keyword lists read the printed text; frequencies and
collocates count a unit's words as read (:func:`corpus.search.frequency.hit_words`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from corpus.search.searchtext import tokens
from corpus.text.script import kk_cyrillic_lines, tote_cyrillic

Span = tuple[int, int]


def kk_readings(texts: Sequence[str]) -> list[str | None]:
    """For each Kazakh sentence of a document, in order, its Cyrillic reading, or None
    when it is read as printed (Cyrillic) or its reading does not keep its words one for
    one. The document's sentences go together: a short line of a Latin-script edition may
    lack that alphabet's own letters (:func:`corpus.text.script.kk_cyrillic_lines`)."""
    readings: list[str | None] = []
    for printed, latin_read in zip(texts, kk_cyrillic_lines(texts), strict=True):
        reading = tote_cyrillic(latin_read)
        same_words = reading != printed and len(tokens(reading)) == len(tokens(printed))
        readings.append(reading if same_words else None)
    return readings


def printed_words(printed: str, reading: str) -> str:
    """The printed text with the words spelt as in their reading (numbers, mostly) made
    spaces: what the index adds to a reading so the printed spelling finds it too, no word
    counted twice (a phrase of a number and a printed word is found in the reading only
    when the word is read the same)."""
    out = list(printed)
    for shown, read in zip(tokens(printed), tokens(reading), strict=True):
        if shown.norm == read.norm:
            out[shown.start : shown.end] = " " * (shown.end - shown.start)
    return "".join(out)


class ReadText(str):
    """A unit's Kazakh reading, as the text a query's matches are found in, carrying the
    text as printed (:attr:`printed`) to map them back with :meth:`printed_spans`."""

    printed: str

    def __new__(cls, reading: str, printed: str) -> ReadText:
        text = super().__new__(cls, reading)
        text.printed = printed
        return text

    def printed_spans(self, spans: Sequence[Span]) -> list[Span]:
        """``spans`` of this reading as spans of the printed text: from the start of the
        printed word where a span starts to the end of the one where it ends (the n-th
        word of the reading is the n-th printed word)."""
        read, printed = tokens(self), tokens(self.printed)
        if not read or len(read) != len(printed):
            return [(0, 0) for _ in spans]
        starts = [t.start for t in read]
        ends = [t.end for t in read]
        last = len(read) - 1
        out: list[Span] = []
        for start, end in spans:
            first = max(bisect_right(starts, start) - 1, 0)
            if end <= start:
                out.append((printed[first].start, printed[first].start))
                continue
            out.append((printed[first].start, printed[min(bisect_left(ends, end), last)].end))
        return out
