"""The quality panel: it lists the checks' findings for the edited document and jumps to
them, while the editor's keys keep working.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, seed_document, settle, until
from tui.app import KopirApp
from tui.screens.editor import EditorScreen
from tui.screens.editor_work import RECHECK_AFTER
from tui.widgets.findings_list import FindingsList, row_text
from tui.widgets.quality import QualityPanel
from tui.widgets.text_line import TextLine


def test_quality_panel_lists_findings_and_jumps_to_them(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        ed.query_one(TextArea).text = "word " * 500  # over 2,000 characters: an error
        await pilot.press("ctrl+s")
        await pilot.pause(RECHECK_AFTER + 0.2)  # the checks run when the typing pauses
        await settle(pilot)
        assert ed.flags.get(0) == "error", "the edited bead is flagged"
        await pilot.press("p")
        await pilot.pause()
        panel = ed.query_one(QualityPanel)
        assert panel.is_open and panel.findings
        assert all(f.check != "unconfirmed" for f in panel.findings)
        table = panel.query_one(FindingsList)
        assert "segment-too-long" in {row[2] for row in table.rows}
        await pilot.press("G")  # the editor's keys still work from the panel
        assert ed.table.cursor == 22
        await pilot.press("enter")  # on the panel's first finding
        await pilot.pause()
        assert ed.table.cursor == 0 and ed.table.has_focus
        await pilot.press("G", "f")
        assert ed.table.cursor == 0, "f goes to the next flagged bead"
        await pilot.press("p")  # p hides the panel…
        await pilot.pause()
        assert not panel.is_open
        await pilot.press("p", "escape")  # …and Escape in the panel closes it, not the editor
        await pilot.pause()
        assert not panel.is_open and isinstance(app.screen, EditorScreen)

    run(KopirApp(corpus, DOC), scenario)


def test_the_highlighted_finding_is_shown_whole_at_80_columns(tmp_path: Path) -> None:
    """The list's message column holds a few dozen characters at 80 columns: the finding
    under the cursor is shown whole under the list, and follows the cursor."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(seed_document("000_6cc29457a28446bc"))  # a look-alike word, a double space

    async def main() -> None:
        app = KopirApp(corpus, "000_6cc29457a28446bc")
        async with app.run_test(size=(80, 24)) as pilot:
            ed = editor(app)
            await until(pilot, lambda: bool(ed.flags))
            await pilot.press("p")
            await pilot.pause()
            panel = ed.query_one(QualityPanel)
            table = panel.query_one(FindingsList)
            detail = panel.query_one("#quality-detail", TextLine)
            first, second = panel.findings[:2]
            assert first.message not in row_text(table.rows[0], table.size.width)

            def shown() -> str:
                return " ".join(detail.render().plain.split())

            assert shown() == f"bead {first.bead + 1} · {first.check}: {first.message}"
            await pilot.press("down")
            await pilot.pause()
            assert shown() == f"bead {second.bead + 1} · {second.check}: {second.message}"

    asyncio.run(main())
