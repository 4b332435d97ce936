"""From a figure back to its lines: the concordance lines behind a frequency or collocate row.

A table of figures (:mod:`corpus.search.frequency`) is a summary of a concordance;
a linguist who sees that a form, a collocate or a candidate translation is
frequent wants to read its lines. :func:`drill` is the one call that gives them:
given the search and the row (a :class:`Figure`), the lines the row counted, what
they are, and what to mark in them, paged in any order (:meth:`Drilled.page`). A
front end (the Query screen's Enter on a row) or a script makes that call alone.

Each function it calls keeps the lines of a
:class:`~corpus.search.concordance.Concordance` that one kind of row counted:

* :func:`lines_of_key`: the lines whose node is counted as ``key`` in a frequency
  table by form, lemma or part of speech (the row's "matches" is their number);
* :func:`lines_near`: the lines with ``key`` within ``window`` words of their node,
  on the node's side (a collocate row of ``L``);
* :func:`lines_with`: the lines whose unit has ``key`` on the other side (a
  candidate-translation row of ``T``);
* :func:`lines_in_part`: the lines in one document, year, date or status (a row of
  a distribution);
* :func:`lines_with_run`: the lines with one n-gram around their node (a row of
  :func:`corpus.search.ngrams.ngrams`).

:func:`key_spans` (:func:`line_key_spans` in a line's unit) says where a word counted
as ``key`` is in a text, so that a screen can mark the collocate or the translation in
each line; :func:`likely_translations` and :func:`equivalent_marker` mark, in each line's
aligned text, the word that most likely translates the node (co-occurrence:
the best candidate translation the unit contains). Kazakh printed in the Latin alphabet
or in the Arabic script counts as its Cyrillic reading, as the tables counted it, and is
marked where it is printed (:func:`corpus.search.reading.words_as_read`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from corpus.search.concordance import Concordance, MatchLine, sort_lines
from corpus.search.distribution import UNDATED
from corpus.search.frequency import Collocates, hit_key, hit_words
from corpus.search.ngrams import run_spans, runs
from corpus.search.paging import LinePage
from corpus.search.plan import Query, Span
from corpus.search.query import QueryEngine
from corpus.search.reading import Keyed, keyed_words
from corpus.search.regexscan import Budget

#: What to mark in a line beside its node: given the line, a side and that side's text
#: in the line's unit, the spans of the words to mark there.
Marker = Callable[[MatchLine, str, str], list[Span]]

#: The kinds of row that open lines: a frequency row (``form``), a collocate on the
#: node's side (``near``), a candidate translation (``other``), a part of a
#: distribution (``dist``), an n-gram (``ngram``). A keyword row leads to a search of
#: its own instead (:func:`corpus.search.keywords.keyword_query`).
KINDS = ("form", "near", "other", "dist", "ngram")


@dataclass(frozen=True)
class Figure:
    """One row of a table of figures, as much of it as says which lines it counted.

    ``key`` is the row's item (a form, lemma or tag as ``unit`` counts words; a
    part; an n-gram's words); ``side`` the side of a candidate translation;
    ``window`` a collocate's; ``by`` what a distribution is over.
    """

    kind: str
    key: str
    unit: str = "form"
    side: str = "en"
    window: int = 5
    by: str = "doc"


@dataclass(frozen=True)
class Drilled:
    """The lines a row of figures counted (``lines``, in document order), what they
    are for a status line (``focus``), what to mark in them beside the node
    (``marker``), and the search's warnings."""

    query: Query
    lines: Concordance
    focus: str
    marker: Marker | None = None
    warnings: tuple[str, ...] = ()

    def page(self, offset: int = 0, limit: int | None = None, sort: str = "doc") -> LinePage:
        """The lines from ``offset`` (at most ``limit``; None: all) in the order ``sort``
        names, with the counts of all of them."""
        ordered = sort_lines(self.lines.lines, sort)
        chosen = ordered[offset : None if limit is None else offset + limit]
        kept = self.lines
        return LinePage(
            self.query, kept.matches, kept.units, offset, limit, sort, chosen, list(self.warnings)
        )


def drill(
    engine: QueryEngine, query: Query, figure: Figure, budget: Budget | None = None
) -> Drilled:
    """The lines of ``query`` that ``figure`` (a row of one of its tables) counted: as
    many as its count of matches, the collocate, translation or n-gram marked.
    ``budget`` as for :meth:`~corpus.search.query.QueryEngine.search`."""
    if figure.kind not in KINDS:
        raise ValueError(f"a {figure.kind!r} row has no lines of the search: use {KINDS}")
    every, notes = engine.concordance(query, "doc", budget)
    kept, focus, marker = _lines_of(every, figure)
    return Drilled(query, kept, focus, marker, tuple(notes))


def _lines_of(every: Concordance, figure: Figure) -> tuple[Concordance, str, Marker | None]:
    key, unit, side = figure.key, figure.unit, figure.side
    what = {"pos": "tag"}.get(unit, unit)
    if figure.kind == "form":
        return lines_of_key(every, key, unit), f"{what} {key}", None
    if figure.kind == "dist":
        return lines_in_part(every, figure.by, key), f"in {key}", None
    if figure.kind == "ngram":

        def run_marker(line: MatchLine, on: str, _text: str) -> list[Span]:
            return run_spans(line, key) if on == line.side else []

        return lines_with_run(every, key), f"in “{key}”", run_marker
    if figure.kind == "near":

        def near_marker(line: MatchLine, on: str, _text: str) -> list[Span]:
            return line_key_spans(line, on, key, unit) if on == line.side else []

        kept = lines_near(every, key, figure.window, unit)
        return kept, f"with {key} within {figure.window} words", near_marker

    def marker(line: MatchLine, on: str, _text: str) -> list[Span]:
        return line_key_spans(line, on, key, unit) if on == side else []

    return lines_with(every, key, side, unit), f"{side} has {key}", marker


def node_key(line: MatchLine, unit: str) -> str:
    """What a frequency table by ``unit`` (form, lemma or pos) counts this line's node as."""
    return hit_key(line.hit, line.side, line.span, unit)


def key_spans(text: str, side: str, key: str, unit: str = "form") -> list[Span]:
    """Where the words of ``text`` (on ``side``, taken as it stands) that count as ``key`` are
    (:func:`line_key_spans` for a line's unit, Kazakh in another script as read)."""
    return _spans_of(keyed_words(text, side, unit), key)


def line_key_spans(line: MatchLine, side: str, key: str, unit: str = "form") -> list[Span]:
    """Where the words counted as ``key`` are in ``side``'s text of ``line``'s unit, counted
    as the tables counted them (a Kazakh text as read) and marked as printed."""
    return _spans_of(hit_words(line.hit, side, unit), key)


def _spans_of(keyed: Sequence[Keyed], key: str) -> list[Span]:
    """The spans of the words of ``keyed`` that count as ``key``."""
    return [(s, e) for s, e, k in keyed if k == key]


def lines_of_key(concordance: Concordance, key: str, unit: str = "form") -> Concordance:
    """The lines whose node counts as ``key`` (a frequency row's lines), in the same order."""
    return _kept(concordance, [line for line in concordance.lines if node_key(line, unit) == key])


def lines_near(concordance: Concordance, key: str, window: int, unit: str = "form") -> Concordance:
    """The lines with a word counted as ``key`` at most ``window`` words left or right of
    the node, on the node's side (node words themselves do not count, as for collocates)."""
    kept = []
    for line in concordance.lines:
        keyed = hit_words(line.hit, line.side, unit)  # as collocates counted them
        places = [(s, e) for s, e, _k in keyed]
        wanted = {(s, e) for s, e, k in keyed if k == key}
        start, end = line.span
        covered = [i for i, (s, e) in enumerate(places) if s < end and e > start]
        if not covered:
            continue
        first, last = covered[0], covered[-1]
        around = [*range(max(0, first - window), first), *range(last + 1, last + 1 + window)]
        if any(i < len(places) and places[i] in wanted for i in around):
            kept.append(line)
    return _kept(concordance, kept)


def lines_with(concordance: Concordance, key: str, side: str, unit: str = "form") -> Concordance:
    """The lines whose unit has a word counted as ``key`` on ``side`` (the other side's
    text of a candidate translation)."""
    holds: dict[int, bool] = {}  # by hit: one test per unit, however many lines it has
    kept = []
    for line in concordance.lines:
        found = holds.get(id(line.hit))
        if found is None:
            # as candidate translations counted them (a Kazakh text as read)
            found = any(k == key for _s, _e, k in hit_words(line.hit, side, unit))
            holds[id(line.hit)] = found
        if found:
            kept.append(line)
    return _kept(concordance, kept)


def _kept(concordance: Concordance, lines: list[MatchLine]) -> Concordance:
    """A concordance of ``lines`` (from ``concordance``), its units counted anew."""
    units = len({id(line.hit) for line in lines})
    return Concordance(tuple(lines), units, concordance.sort)


#: G² above this is significant at p < 0.05 (one degree of freedom): a marked word is a
#: guess shown to a reader, not a claim, and a small corpus has small figures.
SIGNIFICANT_LL = 3.84


def likely_translations(found: Collocates, top: int = 3) -> list[str]:
    """The candidate translations worth marking in the lines: the ``top`` best rows of a
    table of other-side collocates (``collocates(..., side="other")``) whose
    log-likelihood is significant, best first."""
    rows = sorted(found.rows, key=lambda c: -c.ll)
    return [c.word for c in rows if c.ll >= SIGNIFICANT_LL][:top]


def equivalent_spans(
    text: str, side: str, candidates: Sequence[str], unit: str = "form"
) -> list[Span]:
    """Where in ``text`` the best-ranked of ``candidates`` that it contains is (each of its
    occurrences), as InterCorp's Treq marks the likely equivalent of a node; none
    when it contains none of them."""
    return _best_spans(keyed_words(text, side, unit), candidates)


def _best_spans(keyed: Sequence[Keyed], candidates: Sequence[str]) -> list[Span]:
    """The spans of the best-ranked of ``candidates`` among the words of ``keyed`` (the
    words cut and analysed once, whatever the number of candidates)."""
    for key in candidates:
        spans = _spans_of(keyed, key)
        if spans:
            return spans
    return []


def equivalent_marker(candidates: Sequence[str], unit: str = "form") -> Marker:
    """Marks, in each line's aligned text (the side opposite its node), the best of
    ``candidates`` (likely translations of the node, best first, as
    :func:`likely_translations` gives them) that the unit contains: counted as the
    candidates were (a Kazakh text as read) and marked where they are printed."""

    def marker(line: MatchLine, side: str, _text: str) -> list[Span]:
        if side == line.side:
            return []
        return _best_spans(hit_words(line.hit, side, unit), candidates)

    return marker


def part_of(line: MatchLine, by: str) -> str:
    """The part of a distribution (:mod:`corpus.search.distribution`) ``line`` is in: its
    document, year, date or status (an undated document's year and date: ``UNDATED``)."""
    hit = line.hit
    if by == "doc":
        return hit.doc
    if by == "status":
        return hit.status
    if not hit.date:
        return UNDATED
    return hit.date[:4] if by == "year" else hit.date


def lines_in_part(concordance: Concordance, by: str, key: str) -> Concordance:
    """The lines in one part of a distribution by ``by`` (a row of ``--dist``)."""
    return _kept(concordance, [line for line in concordance.lines if part_of(line, by) == key])


def lines_with_run(concordance: Concordance, run: str) -> Concordance:
    """The lines that have ``run`` (an n-gram row's words) around their node: the
    occurrences the row counted, one line each."""
    size = len(run.split())
    return _kept(concordance, [line for line in concordance.lines if run in runs(line, size)])
