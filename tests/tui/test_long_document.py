"""A long document in the editor: nothing else reads the corpus, and quitting waits for no check.

Issue 19: on a 50,000-bead document quitting took 14–42 s. Besides the final
TEI write, the app's exit waited for the work its threads were doing: the
documents screen, under the editor, read and checked every document (it took
itself for the screen shown), and the editor's quality check ran to its end.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from align.cancel import Stopped
from align.overview import CorpusOverview
from align.session import Session
from tests.helpers import DOC, editor, run, settle, two_documents
from tui.app import KopirApp


def test_opening_straight_into_a_document_reads_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = []
    refresh = CorpusOverview.refresh
    monkeypatch.setattr(
        CorpusOverview, "refresh", lambda self, *stop: reads.append(1) or refresh(self, *stop)
    )
    app = KopirApp(two_documents(tmp_path / "c"), DOC)

    async def scenario(pilot, app: KopirApp) -> None:
        editor(app)
        await settle(pilot)
        await asyncio.sleep(0.5)
        await pilot.pause()
        assert reads == []  # the editor is shown: the documents screen waits
        await pilot.press("escape")  # back to the documents: now it reads them
        await settle(pilot)
        for _ in range(600):  # 30 s at most, for a loaded machine
            if reads:
                break
            await asyncio.sleep(0.05)
        assert reads

    run(app, scenario)


def test_quitting_stops_a_check_under_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is held in the middle until quitting asks it to stop: it must then stop."""
    asked = threading.Event()
    stopped = []
    check = Session.check

    def slow_check(self: Session, state=None, should_stop=None):
        def hold() -> bool:
            asked.set()
            return should_stop is not None and should_stop()

        for _ in range(2000):  # a long document's check: 20 s, unless asked to stop
            if hold():
                break
            threading.Event().wait(0.01)
        try:
            return check(self, state, should_stop)
        except Stopped:
            stopped.append(1)
            raise

    monkeypatch.setattr(Session, "check", slow_check)
    app = KopirApp(two_documents(tmp_path / "c"), DOC)

    async def scenario(pilot, app: KopirApp) -> None:
        editor(app)
        for _ in range(600):  # 30 s at most, for a loaded machine
            if asked.is_set():
                break
            await asyncio.sleep(0.05)
        assert asked.is_set(), "the first check never started"
        await pilot.press("ctrl+q")

    run(app, scenario)
    assert stopped == [1]
