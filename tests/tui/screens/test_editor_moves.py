"""The alignment editor's moves: jumps, search (Kazakh letters in any case), go to a
bead, and a ten-thousand-bead document drawn only where it is visible.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, until
from tui.app import KopirApp
from tui.screens.editor import EditorScreen
from tui.widgets.bead_table import BeadTable


def test_jumps_search_and_go_to(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("space", "space")
        await pilot.press("g", "n")
        assert ed.table.cursor == 2, "the next unconfirmed bead"
        notes: list[str] = []
        ed.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("slash")
        await pilot.press(*"ЕҚЫҰ", "enter")
        await pilot.pause()
        found = ed.table.cursor
        assert "ЕҚЫҰ" in " ".join(ed.session.bead_texts(found)[0])
        matches = [
            i
            for i in range(len(ed.session.alignment.beads))
            if "ЕҚЫҰ" in " ".join(ed.session.bead_texts(i)[0] + ed.session.bead_texts(i)[1])
        ]
        after = [i for i in matches if i > 2]
        assert len(after) > 1 and found == after[0], "the first match after the cursor"
        assert notes[-1] == f"match {matches.index(found) + 1} of {len(matches)} for 'ЕҚЫҰ'"
        await pilot.press("full_stop")
        assert ed.table.cursor == after[1]
        assert notes[-1] == f"match {matches.index(after[1]) + 1} of {len(matches)} for 'ЕҚЫҰ'"
        await pilot.press("comma")
        assert ed.table.cursor == after[0]
        await pilot.press("colon", *"10", "enter")
        await pilot.pause()
        assert ed.table.cursor == 9
        await pilot.press("G")
        assert ed.table.cursor == len(ed.session.alignment.beads) - 1

    run(KopirApp(corpus, DOC), scenario)


def test_search_is_case_insensitive_for_kazakh_letters(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("slash", *"атамқұлов", "enter")
        await pilot.pause()
        assert "Атамқұлов" in " ".join(ed.session.bead_texts(ed.table.cursor)[0])

    run(KopirApp(corpus, DOC), scenario)


def test_a_ten_thousand_bead_table_draws_only_what_is_visible(tmp_path: Path) -> None:
    from benchmarks.bench_tui import big_corpus

    corpus = big_corpus(tmp_path / "big", 10_000)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        # A document this long opens on a worker (tui/screens/opening.py): wait for it.
        await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        await pilot.pause()
        ed = editor(app)
        table = ed.query_one(BeadTable)
        assert len(ed.session.alignment.beads) == 10_000
        assert table.virtual_size.height >= 10_000
        await pilot.press("G")
        assert table.cursor == 9_999
        first, last = table.visible_range()
        assert first <= 9_999 <= last
        assert len(app.screen.query("*")) < 50, "no widget per row"

    run(KopirApp(corpus, "big"), scenario)
