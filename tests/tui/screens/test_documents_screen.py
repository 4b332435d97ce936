"""The documents screen: the corpus listed, a document opened, English imported
(the import dialog offers the English beside the source) and aligned.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from align.document import align_document
from corpus.storage.store import Corpus
from tests.helpers import (
    DOC,
    SEEDS,
    editor,
    import_english,
    run,
    seed_document,
    settle,
    until,
)
from tui.app import KopirApp
from tui.screens.editor import EditorScreen


def test_documents_screen_lists_the_corpus_and_opens_a_document(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        row = table.get_row(DOC)
        kk, en, beads, state = row[6], row[7], row[3], row[1]  # where a document stands first
        assert [kk, en, beads] == ["23", "25", "23"] and state == "to review"
        assert table.get_row("004_d23ac1e4305185a3")[1] == "no English"
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).session.doc_id == DOC

    run(KopirApp(corpus), scenario)


def test_a_reload_changes_only_the_cells_that_changed(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Coming back from the editor (or F5) cleared the table and added every row again,
    which has the table measure every cell anew: 1.1 s (F5: 1.6 s) of a frozen screen at
    2,000 documents. The same documents now keep their rows, and a changed cell is set."""
    added: list[object] = []
    add_row = DataTable.add_row
    monkeypatch.setattr(
        DataTable,
        "add_row",
        lambda self, *a, **k: added.append(k.get("key")) or add_row(self, *a, **k),
    )

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.get_row(DOC)[2] == "0%"
        added.clear()
        await pilot.press("f5")
        await settle(pilot)
        assert added == []
        await pilot.press("enter")  # open DOC, confirm its first bead, come back
        await pilot.pause()
        await pilot.press("space", "escape")
        await until(pilot, lambda: app.screen.query_one(DataTable).get_row(DOC)[2] == "4%")
        await settle(pilot)
        assert added == [] and table.row_count == 2
        assert table.get_row(DOC)[:3] == [DOC, "in review", "4%"]

    run(KopirApp(corpus), scenario)


def test_import_english_from_the_documents_screen(corpus: Corpus) -> None:
    doc_id = "004_d23ac1e4305185a3"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await import_english(pilot, doc_id, str(SEEDS / f"{doc_id}.en.txt"))
        table = app.screen.query_one(DataTable)
        await settle(pilot)
        await settle(pilot)
        assert table.get_row(doc_id)[1] == "to review"

    run(KopirApp(corpus), scenario)
    doc = corpus.load(doc_id)
    assert len(doc.en.sentences()) == 32 and len(doc.links) == 32


def test_aligning_and_opening_the_same_document_do_not_lock_each_other_out(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import align.document

    def slow_align(*args, **kwargs):
        time.sleep(1.0)  # long enough for the translator to press Enter meanwhile
        return align_document(*args, **kwargs)

    # The documents screen imports the aligner when it first needs it: from here.
    monkeypatch.setattr(align.document, "align_document", slow_align)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(DOC))
        await pilot.press("a", "enter")  # align, and open it at once
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen), "not while it is being aligned"
        await settle(pilot)
        await pilot.pause()
        assert not app.busy
        await pilot.press("enter")
        await pilot.pause()
        ed = editor(app)
        assert not ed.session.read_only, "the app's own alignment left no lock behind"

    run(KopirApp(corpus), scenario)


def test_the_import_dialog_offers_the_english_beside_the_source(tmp_path: Path) -> None:
    from align.summary import english_beside, summarize

    summary = summarize(seed_document("004_d23ac1e4305185a3", english=False), 0.5)
    assert Path(summary.source_file).name == "004_d23ac1e4305185a3.txt"
    empty, holding = tmp_path / "empty", tmp_path / "holding"
    empty.mkdir()
    holding.mkdir()
    assert english_beside(summary.source_file, [empty, holding]) is None
    (holding / "004_d23ac1e4305185a3.en.txt").write_text("Hello.", "utf-8")
    found = english_beside(summary.source_file, [empty, holding])
    assert found == holding / "004_d23ac1e4305185a3.en.txt"
    assert english_beside("", [holding]) is None
    # a document ingested from x.kk.txt: its English is x.en.txt, as ingest and build read it
    (holding / "news.en.txt").write_text("Hello.", "utf-8")
    assert english_beside("news.kk.txt", [holding]) == holding / "news.en.txt"


@pytest.mark.parametrize(
    ("size", "off_right"), [((80, 24), "en, date, title"), ((100, 30), "title")]
)
def test_columns_off_screen_are_named_with_the_keys_that_show_them(
    corpus: Corpus, size: tuple[int, int], off_right: str
) -> None:
    # At 80 columns the table ended at "kk" with nothing to say that en, date and title
    # were there to the right.
    import asyncio

    from textual.widgets import Static

    async def main() -> None:
        app = KopirApp(corpus)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.pause()
            hint = app.screen.query_one("#offscreen", Static)
            assert hint.display
            assert str(hint.render()) == f"more columns → {off_right} (→ or End)"
            await pilot.press("end")
            await pilot.pause()
            text = str(hint.render())
            assert text.startswith("← state, confirmed") and "more columns" not in text
            table = app.screen.query_one(DataTable)
            assert table.fixed_columns == 1  # the document's id stays in view
            await pilot.press("home")
            await pilot.pause()
            await pilot.resize_terminal(160, 30)
            await pilot.pause()
            await pilot.pause()
            assert not hint.display  # everything fits

    asyncio.run(main())


def test_j_and_k_move_through_the_documents_as_through_the_editors_beads(
    corpus: Corpus,
) -> None:
    """They did nothing there: a translator coming back from the editor pressed j to
    reach the next document and opened the same one again."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 0
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0

    run(KopirApp(corpus), scenario)
