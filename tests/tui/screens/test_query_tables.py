"""The Query screen's tables beyond frequencies and collocates, and saved queries: the
distribution over documents, years, dates and statuses (D), n-grams around the node
(N), keywords of the filtered subcorpus (K), each row opening its lines; a collocate's
or an n-gram's words marked in the lines they open; the form saved under a name and
loaded back (Ctrl+S, Ctrl+L); the footer at 80 columns; the table of figures as a
widget of its own, outside the screen.

Each step waits for the screen's answer counter (``ask``/``answered``), never a time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select
from textual.widgets._footer import FooterKey

from corpus.search.frequency import frequencies, word_list
from corpus.search.keywords import keywords
from corpus.search.ngrams import ngrams
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.saved import saved_queries
from corpus.search.searchtext import words
from corpus.storage.store import Corpus
from tests.helpers import DOC, answered, ask, make_doc, open_query, run, settle, until
from tui.app import KopirApp
from tui.dialogs.saved_queries import PickQueryDialog
from tui.dialogs.small import ConfirmDialog, PromptDialog
from tui.screens.query import QueryScreen
from tui.screens.query_figures import TableSettings
from tui.screens.query_figures_table import FiguresTable
from tui.screens.query_lines import MARK_STYLE, KwicTable
from tui.screens.query_messages import Counted, Found, OneJob
from tui.screens.query_view import PAGE, View


def rows_of(screen: QueryScreen) -> list[list[str]]:
    table = screen.query_one("#figures", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def marked_words(text: Text) -> list[str]:
    """The words of a concordance line's KWIC part (its first screen line) that are
    marked as a drill-down's words (underlined, not the node's reverse video)."""
    first = len(text.plain.split("\n")[0])
    return [
        word
        for span in text.spans
        if str(span.style) == MARK_STYLE and span.end <= first
        for word in words(text.plain[span.start : span.end])
    ]


async def set_value(pilot: Pilot, screen: QueryScreen, selector: str, value: str) -> None:
    """Set a select or a field of the form (the table on screen is recounted, if any)."""
    widget = screen.query_one(selector)
    before = screen.answers
    if isinstance(widget, Select):
        widget.value = value
    else:
        assert isinstance(widget, Input)
        widget.value = value
        widget.focus()
        await pilot.press("enter")
    if screen.has_class("figures"):
        await answered(pilot, screen, before)


@pytest.mark.parametrize("parts", ["year", "date", "status"])
def test_the_distribution_by_year_date_or_status_opens_each_parts_lines(
    corpus: Corpus, parts: str
) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        await ask(pilot, screen, *"Қазақстан*", "enter")
        assert screen.view is not None
        every = screen.view.page.matches
        spread = screen.engine.distribution(screen.view.query, parts)  # the core call
        await ask(pilot, screen, "D")
        await set_value(pilot, screen, "#parts", parts)  # recounts the table shown
        found = str(screen.query_one("#found").render())
        what = {"year": "year", "date": "date", "status": "status"}[parts]
        assert f"{every} matches in " in found and what in found
        rows = rows_of(screen)
        assert [(r[0], int(r[1])) for r in rows] == [(p.key, p.matches) for p in spread.parts]
        assert sum(int(r[1]) for r in rows) == every
        first = next(r for r in rows if int(r[1]))
        await pilot.press(*["down"] * rows.index(first))
        await ask(pilot, screen, "enter")
        lines = screen.view.page.lines
        assert screen.view.page.matches == int(first[1]) and lines
        for line in lines:
            hit = line.hit
            part = {"year": (hit.date or "")[:4], "date": hit.date, "status": hit.status}[parts]
            assert part == first[0]
        assert f"in {first[0]} (Escape: all)" in str(screen.query_one("#found").render())

    run(KopirApp(corpus), scenario)


def test_ngrams_open_their_lines_with_the_run_marked(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        await set_value(pilot, screen, "#min_freq", "2")
        screen.query_one("#kk", Input).focus()
        await ask(pilot, screen, *"және", "enter")
        assert screen.view is not None
        await ask(pilot, screen, "N")
        expected = ngrams(screen.engine, screen.view.query, 3, min_freq=2)  # the core call
        rows = rows_of(screen)
        assert [(r[0], int(r[1])) for r in rows] == expected.rows and len(rows) > 1
        run_words, count = rows[1][0].split(), int(rows[1][1])
        await pilot.press("down")
        await ask(pilot, screen, "enter")
        table = screen.query_one("#hits", KwicTable)
        assert screen.view.page.matches == count == table.row_count
        for n in range(table.row_count):
            text = table.get_row_at(n)[0]
            marked = marked_words(text)
            # the run's words around the node are marked (the node itself in reverse)
            assert [w for w in marked if w != "және"] == [w for w in run_words if w != "және"]
        await ask(pilot, screen, "escape")  # back to every line
        await set_value(pilot, screen, "#size", "2")
        table.focus()  # N in a field would be typed in it
        await ask(pilot, screen, "N")
        assert all(len(r[0].split()) == 2 for r in rows_of(screen))

    run(KopirApp(corpus), scenario)


def test_a_collocates_lines_have_the_collocate_marked(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        await ask(pilot, screen, *"Қазақстан*", "enter")
        await ask(pilot, screen, "L")
        word = rows_of(screen)[0][0]
        await ask(pilot, screen, "enter")
        table = screen.query_one("#hits", KwicTable)
        assert table.row_count > 0
        likely = []
        for n in range(table.row_count):
            text = table.get_row_at(n)[0]
            assert word in marked_words(text), table.lines[n].hit.kk
            first = len(text.plain.split("\n")[0])
            likely += [text.plain[s.start : s.end] for s in text.spans if s.start > first
                       and str(s.style) == "bold reverse"]  # fmt: skip
        # the English under them still has the node's likely translation marked
        assert "kazakhstan" in {w.lower() for w in likely}

    run(KopirApp(corpus), scenario)


def test_f_with_nothing_to_find_is_the_word_list_whose_rows_open_their_lines(
    corpus: Corpus,
) -> None:
    """F with no words typed: every word of the filtered documents (the core's word list),
    by form and by lemma; Enter on a row searches that word (or lemma) there."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        screen.query_one("#docs", Input).value = DOC
        screen.query_one("#sort", Select).focus()  # F in a field would be typed in it
        await ask(pilot, screen, "F")
        subcorpus = screen.form.read_query()
        expected = word_list(screen.engine, subcorpus, "kk")  # the core call
        rows = rows_of(screen)
        assert [r[0] for r in rows[:20]] == [w.key for w in expected.rows[:20]] and rows
        assert str(screen.query_one("#found").render()).startswith(expected.summary())
        word, frequency = rows[0][0], int(rows[0][1])
        await ask(pilot, screen, "enter")  # the word's lines in the documents filtered
        assert screen.query_one("#kk", Input).value == f'"{word}"'
        assert screen.view is not None and screen.view.page.matches == frequency
        assert {line.hit.doc for line in screen.view.page.lines} == {DOC}
        await pilot.press("escape")  # back to the word list
        await pilot.pause()
        assert screen.has_class("figures") and rows_of(screen)[0][0] == word
        screen.query_one("#kk", Input).value = ""
        await set_value(pilot, screen, "#by", "lemma")
        screen.query_one("#sort", Select).focus()
        await ask(pilot, screen, "F")
        lemmas = {r[0]: int(r[1]) for r in rows_of(screen)}
        assert lemmas == {w.key: w.occurrences for w in word_list(
            screen.engine, subcorpus, "kk", "lemma").rows[: len(lemmas)]}  # fmt: skip

    run(KopirApp(corpus), scenario)


def test_a_tags_row_of_the_word_list_opens_nothing_even_after_a_search(corpus: Corpus) -> None:
    """A word list counted by tag: no search finds a tag alone, so Enter on a row opens
    nothing. With a search's lines on screen before F, Enter opened that search's lines
    of the tag instead: lines the word list never counted."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        await ask(pilot, screen, *"Қазақстан*", "enter")
        searched = screen.view
        assert searched is not None and searched.page.matches
        screen.query_one("#kk", Input).value = ""
        screen.query_one("#docs", Input).value = DOC
        screen.query_one("#by", Select).value = "pos"
        screen.query_one("#sort", Select).focus()  # F in a field would be typed in it
        await ask(pilot, screen, "F")
        assert "frequency" in str(screen.query_one("#figures", DataTable).ordered_columns[1].label)
        rows = rows_of(screen)
        assert rows
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view is searched, "Enter opened lines the word list did not count"
        assert screen.has_class("figures") and rows_of(screen) == rows

    run(KopirApp(corpus), scenario)


def test_keywords_of_the_filtered_documents_open_their_lines(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        screen.query_one("#docs", Input).value = DOC
        screen.query_one("#sort", Select).focus()  # K in a field would be typed in it
        await ask(pilot, screen, "K")
        subcorpus = screen.form.read_query()
        expected = keywords(screen.engine, subcorpus, "kk", min_freq=3)  # the core call
        rows = rows_of(screen)
        assert [r[0] for r in rows] == [k.word for k in expected.rows] and rows
        assert "kk keywords by form: here" in str(screen.query_one("#found").render())
        word, here = rows[0][0], int(rows[0][1])
        await ask(pilot, screen, "enter")  # the keyword's lines: a search in the subcorpus
        assert screen.query_one("#kk", Input).value == f'"{word}"'
        assert screen.view is not None and screen.view.page.matches == here
        assert {line.hit.doc for line in screen.view.page.lines} == {DOC}
        assert {line.node.lower() for line in screen.view.page.lines} == {word}
        await pilot.press("escape")  # back to the keywords
        await pilot.pause()
        assert screen.has_class("figures") and rows_of(screen) == rows
        await set_value(pilot, screen, "#side", "en")
        assert "en keywords" in str(screen.query_one("#found").render())
        screen.query_one("#docs", Input).value = ""
        screen.query_one("#sort", Select).focus()
        await ask(pilot, screen, "K")
        assert "✖ keywords compare a subcorpus" in str(screen.query_one("#found").render())
        assert rows_of(screen) == [], "the English keywords are not shown under the error"

    run(KopirApp(corpus), scenario)


def test_a_saved_query_comes_back_into_the_form_and_runs(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        form = {"#kk": "Қазақстан*", "#en_not": "Kazakhstan", "#docs": DOC, "#since": "2019"}
        for selector, value in form.items():
            screen.query_one(selector, Input).value = value
        screen.query_one("#status", Select).value = "auto"
        await settle(pilot)
        query = screen.form.read_query()
        for name in ("kz", "kz"):  # the second time, the name is taken: asked first
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, PromptDialog)
            app.screen.query_one(Input).value = name
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert saved_queries(corpus) == {"kz": query}  # the file kopir query --saved reads
        for selector in form:
            screen.query_one(selector, Input).value = ""
        screen.query_one("#kk", Input).value = "мен"
        await ask(pilot, screen, "enter")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, PickQueryDialog)
        assert "kz" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        await ask(pilot, screen, "enter")  # loads it and runs it
        assert app.screen is screen
        assert {s: screen.query_one(s, Input).value for s in form} == form
        assert screen.form.read_query() == query
        assert screen.view is not None and screen.view.query == query

    run(KopirApp(corpus), scenario)


def test_the_footer_keeps_quit_in_view_at_80_columns(tmp_path: Path) -> None:
    """With every key of the screen live (pages too: 130 matches), all fit in 80 columns."""
    corpus = Corpus(tmp_path / "corpus")
    corpus.save(make_doc("d", [(f"Сөз {n} бар.", f"Word {n}.") for n in range(130)]))

    async def scenario(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, QueryScreen)
        await ask(pilot, screen, *"сөз", "enter")
        await pilot.pause()
        keys = {key.key: key.region for key in screen.query(FooterKey)}
        assert {"ctrl+n", "F", "K", "ctrl+x", "ctrl+s", "ctrl+l", "ctrl+q", "f1"} <= set(keys)
        assert all(region.right <= 80 for region in keys.values()), keys

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=(80, 24)) as pilot:
            await scenario(pilot)

    asyncio.run(main())


def test_the_table_of_figures_works_without_the_query_screen(corpus: Corpus) -> None:
    """FiguresTable is fed the engine and the core calls, not the screen: in an app of
    its own it counts a table (the core's frequencies, as :class:`Counted`), opens a
    row's lines (:class:`Found`: the lines that row counted), and a count a newer job
    replaced is never the awaited answer."""
    engine = QueryEngine(corpus)
    job = OneJob(engine)
    query = Query(kk="Қазақстан*")
    root = View(query, engine.lines(query, PAGE, 0, "doc"))
    answers: list[Counted | Found] = []

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield FiguresTable(engine, job, lambda: "doc", id="figures")

        @on(Counted)
        @on(Found)
        def _answer(self, event: Counted | Found) -> None:
            answers.append(event)

    async def main() -> None:
        async with Host().run_test() as pilot:
            table = pilot.app.query_one(FiguresTable)
            table.count(query, "form", TableSettings(), root)
            await until(pilot, lambda: bool(answers))
            [counted] = answers
            assert isinstance(counted, Counted) and counted.figures is not None
            assert job.answered(counted.budget)
            expected = frequencies(engine, query, "form")
            assert counted.figures.keys == [row.key for row in expected.rows]
            table.show(counted.figures)
            table.focus()
            await pilot.press("enter")  # the most frequent form's lines
            await until(pilot, lambda: len(answers) == 2)
            found = answers[-1]
            assert isinstance(found, Found) and found.view is not None
            assert job.answered(found.budget)
            assert found.view.parent is root
            assert found.view.page.matches == expected.rows[0].occurrences
            assert {line.node.lower() for line in found.view.page.lines} == {expected.rows[0].key}
            answers.clear()
            table.count(query, "near", TableSettings(), root)
            counting = job.budget  # the table's count is the screen's one job under way
            assert counting is not None and not counting.cancelled
            job.start()  # a newer search: the count is cancelled, or its answer stale
            assert counting.cancelled
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert not any(job.answered(answer.budget) for answer in answers)

    try:
        asyncio.run(main())
    finally:
        engine.close()


def test_keywords_say_they_count_word_forms_when_the_tables_count_lemmas(corpus: Corpus) -> None:
    """With "count lemmas" chosen, K listed word forms (шежіресі, not шежіре) under a
    title that said only "kk keywords", as if the setting applied: it says "by form"."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        screen.query_one("#docs", Input).value = DOC
        screen.query_one("#by", Select).value = "lemma"
        screen.query_one("#sort", Select).focus()  # K in a field would be typed in it
        await ask(pilot, screen, "K")
        expected = keywords(screen.engine, screen.form.read_query(), "kk", min_freq=3)
        assert [r[0] for r in rows_of(screen)] == [k.word for k in expected.rows] and expected.rows
        assert str(screen.query_one("#found").render()).startswith("kk keywords by form: here ")
        table = screen.query_one("#figures", DataTable)
        assert str(table.ordered_columns[0].label) == "word form"

    run(KopirApp(corpus), scenario)
