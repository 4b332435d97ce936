"""The Query screen's tables of figures: frequencies (F), candidate translations (T),
collocates (L) and matches per document (D), each row opening its lines; the window,
minimum and measure recounting a table; the form's filters narrowing the search.
The other tables and saved queries are in test_query_tables.py.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from corpus.storage.store import Corpus
from tests.helpers import DOC, answered, ask, run, searched, until
from tui.app import KopirApp
from tui.screens.query import QueryScreen
from tui.screens.query_lines import KwicTable, where_line


async def tabled(pilot: Pilot, words: str, key: str) -> tuple[QueryScreen, int, DataTable]:
    """The Query screen once it has searched ``words`` and shown the table of ``key``, with
    the number of matches the search found and the table."""
    screen = await searched(pilot, words)
    assert screen.view is not None
    every = screen.view.page.matches
    await ask(pilot, screen, key)
    return screen, every, screen.query_one("#figures", DataTable)


def test_enter_on_a_row_of_figures_lists_its_lines(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen, every, figures = await tabled(pilot, "Қазақстан*", "F")
        assert screen.view is not None
        row = figures.get_row_at(1)  # the second most frequent form
        form, matches, units = row[0], int(row[1]), int(row[2])
        await pilot.press("down", "enter")
        await pilot.pause()
        table = screen.query_one("#hits", KwicTable)
        assert table.display and {line.node.lower() for line in table.lines} == {form}
        assert (screen.view.page.matches, screen.view.page.units) == (matches, units)
        assert f"form {form} (Escape: all)" in str(screen.query_one("#found").render())
        await pilot.press("escape")  # back to every line
        await pilot.pause()
        assert screen.view.page.matches == every
        await ask(pilot, screen, "T")  # candidate translations, then the lines of the top one
        word = figures.get_row_at(0)[0]
        await pilot.press("enter")
        await pilot.pause()
        assert all(word in line.hit.en.lower() for line in table.lines)
        text = table.get_row_at(0)[0]
        marked = [text.plain[s.start : s.end] for s in text.spans if "reverse" in str(s.style)]
        assert word in [m.lower() for m in marked], "the translation is marked in the line"
        assert app.screen is screen

    run(KopirApp(corpus), scenario)


def test_the_matches_per_document_open_each_documents_lines(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen, every, figures = await tabled(pilot, "Қазақстан*", "D")
        found = str(screen.query_one("#found").render())
        assert found.startswith(f"{every} matches in 2 documents · DP 0.")
        rows = {figures.get_row_at(i)[0]: figures.get_row_at(i) for i in range(figures.row_count)}
        assert set(rows) == {DOC, "004_d23ac1e4305185a3"}  # every document searched
        assert sum(int(row[1]) for row in rows.values()) == every
        await ask(pilot, screen, "enter")  # the first document's lines
        first = figures.get_row_at(0)
        assert {line.hit.doc for line in screen.view.page.lines} == {first[0]}
        assert screen.view.page.matches == int(first[1])
        assert f"in {first[0]} (Escape: all)" in str(screen.query_one("#found").render())

    run(KopirApp(corpus), scenario)


def test_the_tables_take_window_minimum_and_measure(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "Қазақстан*")
        await ask(pilot, screen, "L")
        found = str(screen.query_one("#found").render())
        assert "within 5 of " in found and "by LL" in found
        rows = screen.query_one("#figures", DataTable).row_count
        screen.query_one("#window", Input).value = "2"
        screen.query_one("#min_freq", Input).value = "1"
        screen.query_one("#window", Input).focus()
        await ask(pilot, screen, "enter")  # a changed setting recounts the table
        found = str(screen.query_one("#found").render())
        assert "within 2 of " in found
        assert screen.figures is not None and screen.figures.window == 2
        assert screen.query_one("#figures", DataTable).row_count != rows
        before = screen.answers
        screen.query_one("#measure", Select).value = "mi"
        await answered(pilot, screen, before)
        assert "by MI" in str(screen.query_one("#found").render())
        mi = [float(screen.figures.rows[n][3]) for n in range(len(screen.figures.rows))]
        assert mi == sorted(mi, reverse=True)
        screen.query_one("#window", Input).value = "0"
        screen.query_one("#window", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "✖ the window must be a whole number" in str(screen.query_one("#found").render())

    run(KopirApp(corpus), scenario)


def test_query_screen_filters_and_collocates(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        # the English of the hit units: candidate translations
        screen, every, table = await tabled(pilot, "ЕҚЫҰ", "T")
        assert screen.view is not None
        assert table.get_row_at(0)[0] == "osce"
        await ask(pilot, screen, "L")  # Kazakh words near the matches
        assert "kk words within 5" in str(screen.query_one("#found").render())
        screen.query_one("#kk_not", Input).value = "Лайчак"
        screen.query_one("#until", Input).value = "2018"
        screen.query_one("#kk", Input).focus()
        await ask(pilot, screen, "enter")
        assert screen.view.page.matches == 0  # the document is from 2019
        assert "--kk-not Лайчак" in screen.view.query.describe()
        screen.query_one("#until", Input).value = "not a date"
        await ask(pilot, screen, "enter")
        assert "✖" in str(screen.query_one("#found").render()) and screen.view is None
        screen.query_one("#until", Input).value = ""
        screen.query_one("#kk_not", Input).value = ""
        screen.query_one("#docs", Input).value = "nothing_like_this*"
        await ask(pilot, screen, "enter")
        assert "no document matches" in str(screen.query_one("#found").render())
        screen.query_one("#docs", Input).value = DOC
        await ask(pilot, screen, "enter")
        assert screen.view is not None and 0 < screen.view.page.matches <= every
        assert {line.hit.doc for line in screen.view.page.lines} == {DOC}

    run(KopirApp(corpus), scenario)


def test_escape_from_a_table_goes_back_to_the_line_the_user_left(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "Қазақстан*")
        table = screen.query_one("#hits", KwicTable)
        await pilot.press("down", "down", "down")
        await until(pilot, lambda: not screen.pending)  # the likely translations marked
        assert table.cursor_row == 3
        marked = table.get_row_at(3)[0]
        await ask(pilot, screen, "F")
        assert not table.display
        await pilot.press("escape")
        await pilot.pause()
        assert table.display and table.has_focus
        assert table.cursor_row == 3, "on the line left, not back at the first"
        assert table.get_row_at(3)[0] == marked, "marked as before"
        where = str(screen.query_one("#where").render())
        assert where == where_line(screen.shown[3].hit), "the line's details follow the cursor"

    run(KopirApp(corpus), scenario)
