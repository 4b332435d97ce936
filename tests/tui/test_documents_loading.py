"""Keys typed while the documents screen is still reading the corpus are not lost (issue 19).

Reading and checking every document takes seconds on a large corpus; the
table was empty until then, so a translator's Down and Enter did nothing.
The documents are listed at once (their ids cost nothing to find), the
figures filled in when read, and the cursor stays where the keys put it.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from align.overview import CorpusOverview
from tests.helpers import editor, run, settle, two_documents
from tui.app import KopirApp
from tui.screens.documents import DocumentsScreen


def test_down_and_enter_while_the_corpus_is_read_open_the_second_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = two_documents(tmp_path / "c")
    _, second = corpus.ids()
    reading = threading.Event()
    go_on = threading.Event()
    refresh = CorpusOverview.refresh

    def slow_refresh(self: CorpusOverview, *stop):
        reading.set()
        go_on.wait(20)
        return refresh(self, *stop)

    monkeypatch.setattr(CorpusOverview, "refresh", slow_refresh)
    app = KopirApp(corpus)

    async def scenario(pilot, app: KopirApp) -> None:
        for _ in range(600):  # 30 s at most, for a loaded machine
            if reading.is_set():
                break
            await asyncio.sleep(0.05)
        assert isinstance(app.screen, DocumentsScreen)
        await pilot.press("down")
        go_on.set()  # the figures arrive between the keys
        await settle(pilot)
        assert app.screen.selected == second
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).session.doc_id == second

    try:
        run(app, scenario)
    finally:
        go_on.set()
