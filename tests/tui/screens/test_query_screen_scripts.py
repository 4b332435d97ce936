"""The Query screen on Kazakh printed in three scripts (``tests.helpers.SCRIPTS``: the same
sentences in Cyrillic, the 2018 Latin alphabet and töte): a collocate's row opens its
lines with the collocate marked where each line prints it, and the likely translation
of an English node is marked in the Kazakh under it, in every script.

Each step waits for the screen's answer counter (``ask``/``answered``), never a time.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable

from tests.helpers import SCRIPTS, ask, make_corpus, open_query, run
from tui.app import KopirApp
from tui.screens.query_lines import MARK_STYLE, NODE_STYLE, KwicTable


def _styled(text: Text, style: str, second: bool) -> list[str]:
    """The strings of a concordance line marked ``style``, on its first screen line (the
    KWIC) or its second (the aligned text)."""
    first = len(text.plain.split("\n")[0])
    return [
        text.plain[span.start : span.end]
        for span in text.spans
        if str(span.style) == style and (span.start > first if second else span.end <= first)
    ]


def test_a_collocates_lines_have_it_marked_in_every_script(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SCRIPTS)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        await ask(pilot, screen, *"өзен*", "enter")
        await ask(pilot, screen, "L")
        figures = screen.query_one("#figures", DataTable)
        rows = [str(figures.get_row_at(n)[0]) for n in range(figures.row_count)]
        # Балықшылар is next to өзен/өзеннен in sentences 1 and 3 of each document.
        await pilot.press(*["down"] * rows.index("балықшылар"))
        await ask(pilot, screen, "enter")
        table = screen.query_one("#hits", KwicTable)
        assert table.row_count == 6
        marked = [  # beside the node (marked as every match of the query is)
            [w for w in _styled(table.get_row_at(n)[0], MARK_STYLE, False) if w != line.node]
            for n, line in enumerate(table.lines)
        ]
        assert marked == [["Балықшылар"]] * 2 + [["Balyqshylar"]] * 2 + [["بالىقشىلار"]] * 2

    run(KopirApp(corpus), scenario)


def test_a_likely_translation_is_marked_in_every_script(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SCRIPTS)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        screen.query_one("#kk").value = ""
        english = screen.query_one("#en")
        english.focus()
        await ask(pilot, screen, *"fishermen", "enter")
        table = screen.query_one("#hits", KwicTable)
        assert table.row_count == 6  # sentences 1 and 3 of each document
        await pilot.pause()

        def under(n: int) -> list[str]:
            return _styled(table.get_row_at(n)[0], NODE_STYLE, True)

        # Балықшылар is the likeliest translation of "fishermen" (in every unit it is in).
        shown = [under(n) for n in range(6)]
        assert shown == [["Балықшылар"]] * 2 + [["Balyqshylar"]] * 2 + [["بالىقشىلار"]] * 2

    run(KopirApp(corpus), scenario)
