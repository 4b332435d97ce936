"""The Query screen's tables of figures: frequencies, collocates, candidate translations,
the distribution over documents, years, dates or statuses, n-grams and keywords.

Each table comes with what its rows lead to: :meth:`Figures.figure` names a row
for :func:`corpus.search.drill.drill`, the one core call that gives the lines the
row counted and what to mark in them, so Enter on a row of figures opens its lines.
A keyword row leads to a search of its own
(:func:`corpus.search.keywords.keyword_query`): keywords are of a subcorpus, not
of the query's lines. The widget that counts, shows and opens them
is :class:`tui.screens.query_figures_table.FiguresTable`; this module is the
tables' content, and needs no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.search.distribution import Distribution
from corpus.search.drill import Figure, drill
from corpus.search.frequency import Collocates, Frequencies, collocates, frequencies, word_list
from corpus.search.keywords import Keywords, keywords
from corpus.search.ngrams import Ngrams, ngrams
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget
from corpus.wording import plural
from tui.screens.query_view import View

#: What a table's title ends with: what Enter does on a row. Titles are worded to keep
#: it in view at 80 columns (78 for the text), counts of a large corpus included.
HINT = "Enter: its lines"


@dataclass(frozen=True)
class Figures:
    """A table of figures: what it is, its columns, and its rows keyed by their item.

    ``kind`` is ``form`` (frequencies), ``near`` (collocates on the node's side,
    within ``window``), ``other`` (words of the other side: candidate
    translations, on ``side``), ``dist`` (the distribution over the parts ``by``
    names), ``ngram`` (runs of words around the node) or ``keyword`` (keywords on
    ``side`` of the subcorpus ``query`` keeps; a ``form`` table with a ``query`` is the
    word list of that side of it); ``unit`` what a word counts as.
    """

    kind: str
    text: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    unit: str = "form"
    side: str = "en"
    window: int = 5
    keys: list[str] = field(default_factory=list)
    by: str = "doc"
    query: Query | None = None

    def figure(self, key: str) -> Figure:
        """The row of ``key``, as :func:`corpus.search.drill.drill` takes it."""
        return Figure(self.kind, key, self.unit, self.side, self.window, self.by)


def frequency_figures(table: Frequencies, subcorpus: Query | None = None) -> Figures:
    """A query's matches by form, lemma or tag; or, with ``subcorpus`` (the filters a word
    list is of), every word of its side: a row's Enter is then a search of its own."""
    rows = [(row.key, f"{row.occurrences:,}", f"{row.hits:,}") for row in table.rows]
    text = f"{table.summary()} · {HINT}"
    name = {"pos": "tag"}.get(table.by, table.by)
    counted = "frequency" if table.every_word else "matches"
    keys = [r.key for r in table.rows]
    return Figures(
        "form", text, (name, counted, "units"), rows, table.by, table.side, keys=keys,
        query=subcorpus,
    )  # fmt: skip


PART_NAMES = {"doc": "document", "year": "year", "date": "date", "status": "status"}


def distribution_figures(spread: Distribution) -> Figures:
    """Matches per part (document, year, date or status), every part searched listed
    (those without a match too)."""
    rows = [
        (
            part.key,
            f"{part.matches:,}",
            f"{part.units:,}",
            f"{part.words:,}",
            "—" if part.per_million is None else f"{part.per_million:,.0f}",
        )
        for part in spread.parts
    ]
    # Shorter than spread.summary(): the dispersion must fit in 80 columns.
    dp, norm = spread.dp, spread.dp_norm
    spread_of = "" if dp is None or norm is None else f" · DP {dp:.2f} (normalised {norm:.2f})"
    what = PART_NAMES[spread.by]
    parts = plural(len(spread.parts), what, "statuses" if what == "status" else None)
    text = f"{plural(spread.matches, 'match', 'matches')} in {parts}{spread_of} · {HINT}"
    columns = (what, "matches", "units", "words", "per million")
    keys = [part.key for part in spread.parts]
    return Figures("dist", text, columns, rows, keys=keys, by=spread.by)


def ngram_figures(found: Ngrams) -> Figures:
    rows = [(run, f"{n:,}") for run, n in found.rows]
    what = f"{found.size}-word runs around the {plural(found.matches, 'match', 'matches')}"
    text = f"{what} · {HINT}" if rows else f"{what}: none as frequent as asked"
    return Figures("ngram", text, ("n-gram", "matches"), rows, keys=[run for run, _ in rows])


def keyword_figures(found: Keywords) -> Figures:
    """Keywords are word forms whatever the tables count (as ``kopir query --keywords``
    says): the rest of the corpus is counted from the index's vocabulary of forms, and a
    row's lines are a search for that form. With "count lemmas" chosen, a title that said
    only "kk keywords" passed шежіресі off as a lemma, so the title and column say form."""
    rows = [(k.word, f"{k.here:,}", f"{k.rest:,}", f"{k.ll:.1f}", f"{k.log_ratio:.2f}")
            for k in found.rows]  # fmt: skip
    what = (
        f"{found.side} keywords by form: here {found.size_here:,} words, rest {found.size_rest:,}"
    )
    text = f"{what} · {HINT}" if rows else f"{what}: none"
    columns = ("word form", "here", "rest", "LL", "log ratio")
    keys = [k.word for k in found.rows]
    return Figures("keyword", text, columns, rows, side=found.side, keys=keys, query=found.query)


def collocate_figures(found: Collocates, unit: str, measure: str) -> Figures:
    rows = [
        (c.word, f"{c.together:,}", f"{c.frequency:,}", f"{c.mi:.2f}", f"{c.ll:.1f}")
        for c in found.rows
    ]
    by = "LL" if measure == "ll" else "MI"  # the columns' names, short enough for 80 columns
    if found.window is None:
        what = f"translations: {found.side} words of {plural(found.nodes, 'hit unit')}, by {by}"
    else:
        what = (
            f"collocates: {found.side} words within {found.window} of "
            f"{plural(found.nodes, 'match', 'matches')}, by {by}"
        )
    text = f"{what} · {HINT}" if rows else f"{what}: none attracted"
    return Figures(
        "other" if found.window is None else "near",
        text,
        ("word", "together", "frequency", "MI", "LL"),
        rows,
        unit,
        found.side,
        found.window or 0,
        [c.word for c in found.rows],
    )


@dataclass(frozen=True)
class TableSettings:
    """How the tables are computed: what a word counts as, and ``collocates``' arguments."""

    unit: str = "form"
    window: int = 5
    min_freq: int = 3
    measure: str = "ll"
    #: What a distribution is over (corpus.search.distribution.PARTS).
    parts: str = "doc"
    #: Words in an n-gram.
    size: int = 3
    #: The side keywords are of.
    side: str = "kk"


def count_figures(
    engine: QueryEngine,
    query: Query,
    kind: str,
    settings: TableSettings,
    limit: int,
    budget: Budget | None = None,
) -> Figures:
    """The table of ``kind`` for ``query``: frequencies of the matched forms (``form``),
    collocates on the node's side (``near``) or on the other (``other``), the matches
    per part (``dist``), the n-grams around them (``ngram``), or the keywords of the
    subcorpus ``query``'s filters keep (``keyword``)."""
    if kind == "dist":
        return distribution_figures(engine.distribution(query, settings.parts, budget))
    if kind == "ngram":
        return ngram_figures(ngrams(engine, query, settings.size, settings.min_freq, limit, budget))
    if kind == "keyword":
        return keyword_figures(keywords(engine, query, settings.side, settings.min_freq, limit))
    if kind == "form" and query.empty:  # no words to find: the word list of the filters
        return frequency_figures(word_list(engine, query, settings.side, settings.unit), query)
    if kind == "form":
        counted = frequencies(engine, query, settings.unit, budget)  # type: ignore[arg-type]
        return frequency_figures(counted)
    found = collocates(
        engine,
        query,
        window=settings.window,
        min_freq=settings.min_freq,
        side=None if kind == "near" else "other",
        by=settings.measure,  # type: ignore[arg-type]
        limit=limit,
        budget=budget,
        unit=settings.unit,  # type: ignore[arg-type]
    )
    return collocate_figures(found, settings.unit, settings.measure)


def drill_view(
    engine: QueryEngine, root: View, figures: Figures, key: str, page_size: int, sort: str,
    budget: Budget | None = None,
) -> View:  # fmt: skip
    """The lines of ``figures``' row ``key`` among all of ``root``'s (the search's own
    view), as a view of their own whose Escape goes back to ``root``: its first page
    in the order ``sort`` names."""
    drilled = drill(engine, root.query, figures.figure(key), budget)
    page = drilled.page(0, page_size, sort)
    return View(root.query, page, drilled.focus, drilled.marker, root, drilled)
