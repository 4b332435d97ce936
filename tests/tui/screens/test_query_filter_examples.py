"""The Query screen's filter fields read as examples, not as values already set: in a
monochrome terminal or a screen capture a placeholder looks like typed text, so each says
"e.g.", and each is seen whole at 80 columns."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from corpus.storage.store import Corpus
from tests.helpers import open_query
from tui.app import KopirApp


@pytest.mark.parametrize("width", [80, 140])
def test_the_filters_placeholders_are_examples_seen_whole(corpus: Corpus, width: int) -> None:
    async def scenario(pilot: Pilot) -> None:
        screen = await open_query(pilot)
        await pilot.press("f2")  # the filters are in the form's second part
        await pilot.pause()
        for name in ("docs", "since", "until"):
            field = screen.query_one(f"#{name}", Input)
            assert not field.value and field.placeholder.startswith(f"{name} e.g. ")
            shown = field.render_line(0).text.rstrip()
            assert shown == field.placeholder, f"#{name} shows {shown!r}"

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=(width, 24)) as pilot:
            await scenario(pilot)

    asyncio.run(main())
