"""The yes/no question: Enter answers No, y answers Yes."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from corpus.storage.store import Corpus
from tests.helpers import run, settle
from tui.app import KopirApp
from tui.dialogs.small import ConfirmDialog


@pytest.mark.parametrize(("key", "expected"), [("enter", False), ("y", True), ("n", None)])
def test_enter_answers_no_and_y_yes(corpus: Corpus, key: str, expected: bool | None) -> None:
    answers: list[bool | None] = []

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        app.push_screen(ConfirmDialog("out.tmx exists already. Replace it?"), answers.append)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)

    run(KopirApp(corpus), scenario)
    assert answers == [expected]
