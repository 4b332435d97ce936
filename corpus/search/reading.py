"""Kazakh printed in the Latin alphabet of 2018 or in the Arabic script, searched in Cyrillic.

A linguist searches the corpus in Cyrillic; a document printed in another script of
Kazakh (:mod:`corpus.text.script`) would never be found. So each Kazakh sentence not in
Cyrillic has a *reading*: its words read into Cyrillic, one for one. The index searches the
reading (the word and lemma columns, :mod:`corpus.search.tables`), while the concordance
shows the text as printed: a match found in the reading is mapped back to the printed words
by their order, which the reading keeps (a reading that does not keep the number of words
is not used, and the sentence is searched as printed). The printed words are indexed
too (:func:`printed_words`), so a word query in the printed spelling still finds them.
Regular expressions read the printed text. The linguist's views count a unit's words as
read and show them where they are printed: frequencies, collocates, keyword lists,
n-grams, the concordance's sorting and the marks of a drill-down all take a text's words
from :func:`words_as_read` (a match's text from :func:`span_as_read`, its context from
:func:`context_as_read`), the one place that pairs the printed words with the words of
their reading.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from corpus.search.morphtext import encode_lemma
from corpus.search.morphtext import readings as analyses
from corpus.search.searchtext import shown, tokens, words
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
    for word, read in zip(tokens(printed), tokens(reading), strict=True):
        if word.norm == read.norm:
            out[word.start : word.end] = " " * (word.end - word.start)
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


#: A word of a text: (start, end in the text, what it counts as).
Keyed = tuple[int, int, str]


def words_as_read(text: str, read: str | None, side: str, unit: str = "form") -> list[Keyed]:
    """The words of a unit's ``side`` ``text`` as (start, end in ``text``, what they count
    as by ``unit``: the lower-case form, the lemma or the part of speech), where ``read`` is
    its Cyrillic reading (the index's ``kk_read``; None: it has none).

    Each printed word is where it is shown and counts as the word of the reading in its
    place (the reading keeps the words one for one), so Kazakh in any script is counted
    with the Cyrillic, as the index vocabulary counts it, and marked where it is printed.
    A reading that does not keep the number of words is not used: the text counts as
    printed, as it is searched then."""
    if read is not None and side == "kk":
        keyed = keyed_words(read, side, unit)
        printed = tokens(text)
        if len(keyed) == len(printed):
            return [(t.start, t.end, k) for t, (_s, _e, k) in zip(printed, keyed, strict=True)]
    return keyed_words(text, side, unit)


def stored_keys(text: str, read: str | None, side: str, unit: str = "form") -> list[str]:
    """What the words of a unit's ``side`` text count as by ``unit`` (:func:`words_as_read`),
    ``text`` and ``read`` as the ``units`` table stores them (``kk``/``en`` and ``kk_read``,
    sentence breaks in place): what counting a subcorpus's units reads."""
    reading = None if read is None else shown(read)
    return [key for _s, _e, key in words_as_read(shown(text), reading, side, unit)]


def span_as_read(text: str, read: str | None, span: Span) -> str:
    """The text of ``span`` of ``text`` as read: from the reading, when ``read`` (as for
    :func:`words_as_read`) keeps the words and ``span`` covers whole words (a word query's
    match); else as printed (part of a word: a regular expression's match)."""
    start, end = span
    if read is not None:
        printed, reading = tokens(text), tokens(read)
        if len(printed) == len(reading):
            at = [i for i, t in enumerate(printed) if t.start < end and t.end > start]
            if at and printed[at[0]].start == start and printed[at[-1]].end == end:
                return read[reading[at[0]].start : reading[at[-1]].end]
    return text[start:end]


def context_as_read(text: str, read: str, span: Span) -> tuple[list[str], list[str]]:
    """The words left of ``span`` of ``text`` (nearest first) and right of it, in lower
    case, ``read`` being its Cyrillic reading (as for :func:`words_as_read`): what a
    concordance sorts a line by. Whole words are the words of the reading; the rest of a
    word the span cuts (a regular expression's match of part of it) is a word of the
    context as printed, as it is in a Cyrillic text."""
    start, end = span
    left: list[str] = []
    right: list[str] = []
    for s, e, word in words_as_read(text, read, "kk"):
        if e <= start:
            left.append(word)
        elif s < start:
            left += words(text[s:start])
        if s >= end:
            right.append(word)
        elif e > end:
            right += words(text[end:e])
    return left[::-1], right


def word_key(lemma: str, upos: str, unit: str) -> str:
    """A word counted by lemma (as the index stores it) or by part of speech."""
    return upos if unit == "pos" else encode_lemma(lemma)


def keyed_words(text: str, side: str, unit: str = "form") -> list[Keyed]:
    """The words of ``text`` as it stands (start, end, what they count as by ``unit``)."""
    if unit == "form":
        return [(t.start, t.end, t.norm) for t in tokens(text)]
    return [(t.start, t.end, word_key(r.lemma, r.upos, unit)) for t, r in analyses(text, side)]
