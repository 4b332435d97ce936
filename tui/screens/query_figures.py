"""The Query screen's tables of figures: frequencies, collocates, candidate translations.

Each table comes with what its rows lead to: :meth:`Figures.lines` keeps the
concordance lines a row counted (:mod:`corpus.search.drill`), so Enter on a
row of figures opens its lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.search.concordance import Concordance, MatchLine
from corpus.search.distribution import Distribution
from corpus.search.drill import key_spans, lines_in_part, lines_near, lines_of_key, lines_with
from corpus.search.frequency import Collocates, Frequencies, collocates, frequencies
from corpus.search.plan import Query, Span
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget
from corpus.wording import plural
from tui.screens.query_lines import Marker


@dataclass(frozen=True)
class Figures:
    """A table of figures: what it is, its columns, and its rows keyed by their item.

    ``kind`` is ``form`` (frequencies), ``near`` (collocates on the node's side,
    within ``window``), ``other`` (words of the other side: candidate
    translations, on ``side``) or ``doc`` (the distribution over documents);
    ``unit`` what a word counts as.
    """

    kind: str
    text: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]
    unit: str = "form"
    side: str = "en"
    window: int = 5
    keys: list[str] = field(default_factory=list)

    def lines(self, doc: Concordance, key: str) -> tuple[Concordance, str, Marker | None]:
        """The lines of ``doc`` that the row of ``key`` counted, what they are (for the
        status line), and what to mark in their aligned text."""
        what = {"pos": "tag"}.get(self.unit, self.unit)
        if self.kind == "form":
            return lines_of_key(doc, key, self.unit), f"{what} {key}", None
        if self.kind == "doc":
            return lines_in_part(doc, "doc", key), f"in {key}", None
        if self.kind == "near":
            kept = lines_near(doc, key, self.window, self.unit)
            return kept, f"with {key} within {self.window} words", None
        unit, side = self.unit, self.side

        def marker(_line: MatchLine, on: str, text: str) -> list[Span]:
            return key_spans(text, on, key, unit) if on == side else []

        return lines_with(doc, key, side, unit), f"{side} has {key}", marker


def frequency_figures(table: Frequencies) -> Figures:
    rows = [(row.key, f"{row.occurrences:,}", f"{row.hits:,}") for row in table.rows]
    text = f"{table.summary()} · Enter: its lines"
    name = {"pos": "tag"}.get(table.by, table.by)
    return Figures(
        "form", text, (name, "matches", "units"), rows, table.by, keys=[r.key for r in table.rows]
    )


def distribution_figures(spread: Distribution) -> Figures:
    """Matches per document, every document searched listed (those without one too)."""
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
    text = (
        f"{plural(spread.matches, 'match', 'matches')} in "
        f"{plural(len(spread.parts), 'document')}{spread_of} · Enter: its lines"
    )
    columns = ("document", "matches", "units", "words", "per million")
    return Figures("doc", text, columns, rows, keys=[part.key for part in spread.parts])


def collocate_figures(found: Collocates, unit: str, measure: str) -> Figures:
    rows = [
        (c.word, f"{c.together:,}", f"{c.frequency:,}", f"{c.mi:.2f}", f"{c.ll:.1f}")
        for c in found.rows
    ]
    by = "log-likelihood" if measure == "ll" else "MI"
    if found.window is None:
        what = (
            f"candidate translations: {found.side} words of the "
            f"{plural(found.nodes, 'hit unit')}, by {by}"
        )
    else:
        what = (
            f"collocates: {found.side} words within {found.window} of the "
            f"{plural(found.nodes, 'match', 'matches')}, by {by}"
        )
    text = f"{what} · Enter: its lines" if rows else f"{what}: none attracted"
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


def count_figures(
    engine: QueryEngine,
    query: Query,
    kind: str,
    settings: TableSettings,
    limit: int,
    budget: Budget | None = None,
) -> Figures:
    """The table of ``kind`` for ``query``: frequencies of the matched forms (``form``),
    collocates on the node's side (``near``) or on the other (``other``), or the
    matches per document (``doc``)."""
    if kind == "doc":
        return distribution_figures(engine.distribution(query, "doc", budget))
    if kind == "form":
        table = frequencies(engine, query, settings.unit, budget)  # type: ignore[arg-type]
        return frequency_figures(table)
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
