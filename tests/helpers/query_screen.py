"""The Query screen in the pilot: opened with ``/`` (``slash_query``, ``open_query``),
asked with keys (``ask``, ``searched``) and waited for by its answer counter
(``answered``), so that a test waits for the answer and not for a time."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.helpers.app import settle
from tui.screens.query import QueryScreen


async def slash_query(pilot: Pilot) -> QueryScreen:
    """The Query screen, opened with ``/`` (from the documents screen)."""
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QueryScreen)
    return screen


async def open_query(pilot: Pilot) -> QueryScreen:
    """The Query screen, opened with ``/`` from the documents screen once it has settled."""
    await settle(pilot)
    return await slash_query(pilot)


async def answered(pilot: Pilot, screen: QueryScreen, before: int) -> None:
    """Wait until the screen has shown an answer after its ``before``-th (a search's
    lines, a table, a new order or an error) and nothing else is under way.

    A condition, not a time: on a loaded machine the pilot's "idle" can come before
    the search has even started, and any fixed pause can be too short.
    """
    for _ in range(1200):  # a bound, so that a regression fails instead of hanging
        if screen.answers > before and not screen.pending:
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the Query screen did not answer")


async def ask(pilot: Pilot, screen: QueryScreen, *keys: str) -> None:
    """Press ``keys`` (a search, a table, a sort…) and wait for the screen's answer."""
    before = screen.answers
    await pilot.press(*keys)
    await answered(pilot, screen, before)


async def searched(pilot: Pilot, words: str) -> QueryScreen:
    """The Query screen once it has answered ``words`` typed in its Kazakh field."""
    screen = await open_query(pilot)
    await ask(pilot, screen, *words, "enter")
    return screen
