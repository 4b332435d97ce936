"""A table of figures' title fits an 80-column terminal whole, its hint ("Enter: its
lines") included: a translator at 80×24 who pressed T saw the title cut after "by
log-likelihood ·" and never learnt that Enter opens a row's lines."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from corpus.search.frequency import Collocate, Collocates, FreqRow, Frequencies
from corpus.search.keywords import Keyword, Keywords
from corpus.search.ngrams import Ngrams
from corpus.search.plan import Query
from corpus.storage.store import Corpus
from tests.helpers import DOC, ask, make_doc, searched
from tui.app import KopirApp
from tui.screens.query_figures import (
    HINT,
    collocate_figures,
    frequency_figures,
    keyword_figures,
    ngram_figures,
)

#: What the title has at 80 columns (the label's padding is one column either side).
ROOM = 78


def test_every_table_title_is_seen_whole_at_80_columns(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await searched(pilot, "Қазақстан*")
        for key in "FLTDNK":
            if key == "K":  # keywords are of a subcorpus: one document's
                screen.query_one("#docs", Input).value = DOC
            await ask(pilot, screen, key)
            found = screen.query_one("#found", Label)
            shown = found.render_line(0).text.strip()
            assert shown == str(found.render()).strip(), f"{key}: the title is cut: {shown!r}"
            rows = screen.figures is not None and screen.figures.rows
            assert shown.endswith(HINT) or (key == "N" and not rows), f"{key}: {shown!r}"

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=(80, 24)) as pilot:
            await scenario(pilot)

    asyncio.run(main())


@pytest.mark.parametrize("window", [None, 10])
@pytest.mark.parametrize("measure", ["ll", "mi"])
def test_collocate_titles_fit_with_counts_of_a_large_corpus(
    window: int | None, measure: str
) -> None:
    row = Collocate("visit", 12_345, 67_890, 1.5, 3.2, 1234.5)
    found = Collocates("en", "kk", window, 1_234_567, 1_234_567, 23_456_789, [row])
    text = collocate_figures(found, "form", measure).text
    assert text.endswith(HINT) and cell_len(text) <= ROOM, text


def test_a_word_list_title_fits_with_counts_of_a_large_corpus() -> None:
    rows = [FreqRow("сапар", 12_345, 6_789)] * 123_456
    for by in ("form", "lemma"):
        listed = Frequencies(by, "kk", rows, 12_345_678, 1_234_567, every_word=True)
        text = frequency_figures(listed, Query()).text
        assert text.endswith(HINT) and cell_len(text) <= ROOM, text


def test_keyword_and_ngram_titles_fit_with_counts_of_a_large_corpus() -> None:
    row = Keyword("visit", 12_345, 67_890, 1234.5, 2.5)
    for text in (
        keyword_figures(Keywords(Query(kk="сапар*"), "en", 12_345_678, 23_456_789, [row])).text,
        ngram_figures(Ngrams(Query(kk="сапар*"), 3, 1_234_567, [("a b c", 12)])).text,
    ):
        assert text.endswith(HINT) and cell_len(text) <= ROOM, text


def test_a_distribution_at_80_columns_shows_every_figure_and_cuts_long_names_visibly(
    tmp_path: Path,
) -> None:
    """A corpus of real pairs named by date and topic (a 52-letter name) at 80×24: the
    names took 40 columns, pushing the rates off screen (3,316 read as "3,"), and were
    cut with no mark; now the figures fit and a long name ends in "…" (Enter still opens
    its lines: the row's key is the whole name)."""
    long_name = "real_test2__2023-09-12_womens_chess_team_silver_post"
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc(long_name, [("Қазақстан жеңді.", "Kazakhstan won.")]))
    corpus.save(make_doc("d2", [("Қазақстан бар.", "Kazakhstan is.")]))

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=(80, 24)) as pilot:
            screen = await searched(pilot, "Қазақстан")
            await ask(pilot, screen, "D")
            table = screen.query_one("#figures", DataTable)
            widths = [column.width + 2 for column in table.columns.values()]  # padding
            assert sum(widths) <= 78, widths  # the scrollbar has the last two columns
            first = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
            assert any(n.endswith("…") and long_name.startswith(n[:-1]) for n in first)
            assert long_name in [key.value for key in table.rows]

    asyncio.run(main())
