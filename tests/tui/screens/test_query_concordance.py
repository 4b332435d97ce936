"""The Query screen's concordance, driven key by key: one line per match with its
translation under it, sorted by a context word, paged, filling a small terminal; a
lemma's forms found and counted; and the whole tour, from a search through its
frequencies and an export to a line opened in the editor and back.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from corpus.search.query import Query
from corpus.storage.store import Corpus
from tests.helpers import answered, ask, editor, make_doc, run, searched, settle, until
from tui.app import KopirApp
from tui.screens.editor import EditorScreen
from tui.screens.query_lines import KwicTable


def test_query_screen_concordance_frequencies_and_export(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "hits.tmx"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "ЕҚЫҰ")
        table = screen.query_one("#hits", KwicTable)
        assert screen.view is not None
        assert table.row_count == screen.view.page.matches > 1
        for n, line in enumerate(table.lines):
            assert line.node == "ЕҚЫҰ"
            first, second = str(table.get_row_at(n)[0]).split("\n")
            after = first[first.index("ЕҚЫҰ") :].rstrip("…")
            assert after in line.hit.kk, "the text as written, no space added by the node"
            assert second.strip(" …") in line.hit.en, "the aligned text under every line"
            text = table.get_row_at(n)[0]
            marked = [text.plain[s.start : s.end] for s in text.spans if "reverse" in str(s.style)]
            assert marked[0] == "ЕҚЫҰ" and set(marked[1:]) == {"OSCE"}, "its translation too"
        hit = table.lines[0].hit
        where = str(screen.query_one("#where").render())
        assert where.startswith(f"{hit.doc} bead {hit.bead + 1} · ")
        shown = screen.query_one("#aligned").render()
        assert isinstance(shown, Content) and "OSCE" in str(shown)
        reversed_ = [s for s in shown.spans if getattr(s.style, "reverse", False) is True]
        marked = [str(shown)[s.start : s.end] for s in reversed_]
        assert marked == hit.forms("kk") + hit.forms("en")  # the matches stand out
        await ask(pilot, screen, "F")  # frequencies of the matched forms
        figures = screen.query_one("#figures", DataTable)
        forms = [figures.get_row_at(i)[0] for i in range(figures.row_count)]
        assert forms == ["еқыұ"]
        await pilot.press("escape")  # back to the lines
        await pilot.pause()
        assert table.display and not figures.display
        screen.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")  # the second line, in the editor
        hit = table.lines[1].hit
        # The editor moves to the bead after its first refresh: under load, later than a pause.
        await until(
            pilot,
            lambda: isinstance(app.screen, EditorScreen) and app.screen.table.cursor == hit.bead,
        )
        ed = editor(app)
        assert ed.table.cursor == hit.bead
        assert " ".join(ed.session.bead_texts(hit.bead)[0]) == hit.kk
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen, "Escape returns to the query"

    run(KopirApp(corpus), scenario)
    data = out.read_text("utf-8")
    assert data.count("<tu ") >= 2 and "ЕҚЫҰ" in data


def test_one_line_per_match_with_both_counts(tmp_path: Path) -> None:
    """A unit matching twice is two lines; the status line counts matches and units."""
    corpus = Corpus(tmp_path / "corpus")
    pairs = [("Мен бардым, мен келдім.", "I went, I came."), ("Сен мен ол.", "You and he.")]
    corpus.save(make_doc("d", pairs))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "мен")
        table = screen.query_one("#hits", KwicTable)
        assert table.row_count == 3
        assert [line.hit.kk for line in table.lines] == [pairs[0][0], pairs[0][0], pairs[1][0]]
        found = str(screen.query_one("#found").render())
        assert found.startswith("3 matches in 2 units · --kk мен")
        first, second = (str(table.get_row_at(n)[0]).split("\n")[0] for n in range(2))
        assert first.index("Мен") == second.index("мен"), "the nodes in one column"
        assert "келдім" in second and "бардым," in second  # both contexts, each side

    run(KopirApp(corpus), scenario)


def test_sorting_by_a_context_word(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    kk = ["Сөз бар.", "Бір сөз жоқ.", "Әр сөз алма.", "Сөз ғой."]
    corpus.save(make_doc("d", [(k, f"Word {n}.") for n, k in enumerate(kk)]))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "сөз")
        assert screen.view is not None
        before = screen.answers
        screen.query_one("#sort", Select).value = "R1"
        await answered(pilot, screen, before)
        table = screen.query_one("#hits", KwicTable)
        r1 = [line.right_words()[0] for line in table.lines]
        assert r1 == ["алма", "бар", "ғой", "жоқ"]  # Kazakh alphabetical order
        before = screen.answers
        screen.query_one("#sort", Select).value = "L1"
        await answered(pilot, screen, before)
        assert [line.hit.kk for line in table.lines] == [kk[0], kk[3], kk[2], kk[1]]

    run(KopirApp(corpus), scenario)


def test_query_screen_finds_a_lemma_and_counts_by_lemma(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "lemma:сапар")
        every_form = Query(kk=r"(?<![\w-])сапар\w*", regex=True)  # only сапар starts so here
        assert screen.view is not None
        assert screen.view.page.units == screen.engine.count(every_form) > 5
        forms = {line.node.lower() for line in screen.view.page.lines}
        assert forms == {"сапар", "сапары", "сапармен", "сапардағы", "сапардың", "сапарды"}
        screen.query_one("#by", Select).value = "lemma"
        await ask(pilot, screen, "F")
        table = screen.query_one("#figures", DataTable)
        matches = screen.view.page.matches
        assert [table.get_row_at(i)[:2] for i in range(table.row_count)] == [
            ["сапар", str(matches)]
        ]

    run(KopirApp(corpus), scenario)


def test_query_screen_pages_forward_and_back(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.save(make_doc("d", [(f"Сөз {n} бар.", f"Word {n}.") for n in range(130)]))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "сөз")
        assert screen.view is not None and screen.view.page.matches == 130
        assert screen.view.page.offset == 0
        found = str(screen.query_one("#found").render())
        assert "1–100 (Ctrl+N/Ctrl+O)" in found
        table = screen.query_one("#hits", KwicTable)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.view.page.offset == 100 and table.row_count == 30
        assert table.lines[0].hit.kk == "Сөз 100 бар."
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.view.page.offset == 0 and table.row_count == 100

    run(KopirApp(corpus), scenario)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_the_concordance_fills_a_small_terminal(corpus: Corpus, size: tuple[int, int]) -> None:
    """At 80×24 at least 8 lines show, each with both contexts and its translation."""

    async def scenario(pilot: Pilot) -> None:
        screen = await searched(pilot, "Қазақстан*")
        table = screen.query_one("#hits", KwicTable)
        shown = table.scrollable_content_region.height // 2
        assert shown >= (8 if size == (80, 24) else 18)
        width = size[0]
        columns = set()
        for n in range(min(shown, table.row_count)):
            text = table.get_row_at(n)[0]
            first, second = text.plain.split("\n")
            line = table.lines[n]
            node = next(s.start for s in text.spans if str(s.style) == "bold reverse")
            columns.add(node)
            assert first[node:].startswith(line.node)
            assert node > width // 4 and len(first) - node - len(line.node) > width // 5
            assert line.left_words() == [] or first[:node].strip(), "left context shown"
            english = second.strip(" …")
            assert len(english) >= min(len(line.hit.en), width // 2), "the translation shown"
            assert english in line.hit.en or (english, line.hit.en) == ("(no English)", "")
        assert len(columns) == 1, "every node starts in the same column"

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=size) as pilot:
            await scenario(pilot)

    asyncio.run(main())
