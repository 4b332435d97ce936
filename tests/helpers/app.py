"""The translator's app driven by Textual's pilot: a corpus of two seeds
(``two_documents``), a scenario run at a fixed size (``run``), the editor on top
(``editor``), and waiting for a condition or for the workers (``until``, ``settle``),
never for a fixed time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from corpus.storage.store import Corpus
from tests.helpers.seeds import DOC, seed_document
from tui.app import KopirApp
from tui.screens.editor import EditorScreen

SIZE = (140, 40)


def two_documents(root: Path) -> Corpus:
    """A corpus of one aligned seed (DOC) and one with no English yet."""
    corpus = Corpus(root)
    corpus.save(seed_document(DOC))
    corpus.save(seed_document("004_d23ac1e4305185a3", english=False))
    return corpus


Scenario = Callable[[Pilot, KopirApp], Awaitable[None]]


def run(app: KopirApp, scenario: Scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(pilot, app)

    asyncio.run(main())


def editor(app: KopirApp) -> EditorScreen:
    assert isinstance(app.screen, EditorScreen), f"expected the editor, got {app.screen}"
    return app.screen


async def import_english(pilot: Pilot, doc_id: str, path: str) -> None:
    """On the documents screen: open the import dialog on ``doc_id``'s row, type ``path``, Enter."""
    from textual.widgets import DataTable, Input

    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(doc_id))
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = path
    await pilot.press("enter")


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Pause until ``condition`` holds, at most ``seconds`` (a bound, so that a regression
    fails instead of hanging): a screen drawn after a refresh on a loaded machine can take
    longer than one pause."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
