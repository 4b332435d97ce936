"""The editor's status line at 80 columns: what a narrow line leaves out, and what it
never does (a save that failed, the bead under the cursor)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.helpers import DOC, editor, settle, two_documents
from tui.app import KopirApp
from tui.screens.editor_status import EditorStatus


def test_a_narrow_status_line_leaves_the_least_needed_parts_out_first() -> None:
    from tui.screens.editor_status import fit_status

    parts = [
        ("document", "doc"), ("bead", "bead 2/9 1-1"), ("confirmed", "0/9 confirmed (0%)"),
        ("checks", "QA ⚑ 2 beads (0 with errors)"), ("failed", "SAVE FAILED: disk full"),
    ]  # fmt: skip
    whole = fit_status(parts, 200)
    assert whole.startswith("doc  │  bead 2/9") and whole.endswith("SAVE FAILED: disk full")
    assert fit_status(parts, 80) == "bead 2/9 1-1  │  0/9 confirmed (0%)  │  SAVE FAILED: disk full"
    assert fit_status(parts, 40) == "bead 2/9 1-1  │  SAVE FAILED: disk full"
    assert "SAVE FAILED" in fit_status(parts, 10)  # too long even so: the caller cuts it


def test_a_failed_save_shows_at_80_columns(tmp_path: Path) -> None:
    """The whole line ran past 80 columns: the save's state, last, was cut off."""
    corpus = two_documents(tmp_path / "c")

    async def main() -> None:
        app = KopirApp(corpus, DOC)
        async with app.run_test(size=(80, 24)) as pilot:
            ed = editor(app)
            await settle(pilot)
            status = ed.query_one(EditorStatus)

            def shown() -> str:
                return status.render().plain

            assert shown().startswith("bead 1/") and shown().endswith("saved")
            saver = ed.session.saver
            assert saver is not None
            saver.error = OSError("No space left on device")
            await pilot.pause(0.6)  # the line is redrawn twice a second
            assert "SAVE FAILED: No space left on device" in shown()
            assert shown().startswith("bead 1/")

    asyncio.run(main())
