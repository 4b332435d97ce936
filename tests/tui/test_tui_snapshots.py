"""What the translator sees: snapshots of the main screens (pytest-textual-snapshot).

The edit panel is left to the pilot tests: its text cursor blinks on a timer
and would make its picture differ from run to run.

The reference pictures are in ``tests/tui/__snapshots__/``; when a screen changes
on purpose, look at the new picture and accept it with
``.venv/bin/python -m pytest tests/tui/test_tui_snapshots.py --snapshot-update``.
Textual is pinned in ``pyproject.toml`` so that a new release cannot change
the pictures unnoticed.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from corpus.storage.store import Corpus
from tests.helpers import DOC, ask, slash_query
from tui.app import KopirApp
from tui.screens.editor import EditorScreen

SIZE = (130, 36)


async def _steady(pilot: Pilot) -> None:
    """Wait for workers and hide what differs from run to run (the temporary path)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        if (screen.sub_title or "").startswith("/"):
            screen.sub_title = "corpus"
        if isinstance(screen, EditorScreen) and screen.session.saver is not None:
            screen.session.saver.flush()  # "saved", not "saving…"
            screen._status()
    await pilot.pause(0.5)  # let focus, highlights and scrolling settle


def test_documents_screen(snap_compare, corpus: Corpus) -> None:
    assert snap_compare(KopirApp(corpus), terminal_size=SIZE, run_before=_steady)


def test_alignment_editor(snap_compare, corpus: Corpus) -> None:
    async def review(pilot: Pilot) -> None:
        await pilot.press("space", "space", "j", "tab")  # two confirmed, cursor on Kazakh
        await _steady(pilot)

    assert snap_compare(KopirApp(corpus, DOC), terminal_size=SIZE, run_before=review)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_alignment_editor_small_terminals(snap_compare, corpus: Corpus, size) -> None:
    """The editor at the sizes translators' terminals often have: the idle edit box one
    line, paragraph rules between beads, the column header whole, one ▶ (the map's)."""

    async def review(pilot: Pilot) -> None:
        await pilot.press("space", "j", "colon")
        await pilot.pause()
        await pilot.press(*"12", "enter")  # a jump keeps beads after the target in view
        await _steady(pilot)

    assert snap_compare(KopirApp(corpus, DOC), terminal_size=size, run_before=review)


def test_splitting_a_bead(snap_compare, corpus: Corpus) -> None:
    async def split(pilot: Pilot) -> None:
        await pilot.press("j", "j", "j", "s")  # bead 4 is a 1-2 bead
        await _steady(pilot)

    assert snap_compare(KopirApp(corpus, DOC), terminal_size=SIZE, run_before=split)


def test_help_screen(snap_compare, corpus: Corpus) -> None:
    async def help_(pilot: Pilot) -> None:
        await pilot.press("f1")
        await _steady(pilot)

    assert snap_compare(KopirApp(corpus, DOC), terminal_size=SIZE, run_before=help_)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_query_screen(snap_compare, corpus: Corpus, size: tuple[int, int]) -> None:
    """The concordance at a small and a large terminal: one line per match, both
    contexts, the aligned English under every line (and, when tall, the whole unit)."""

    async def search(pilot: Pilot) -> None:
        await _steady(pilot)
        screen = await slash_query(pilot)
        # More lines than the screen holds. The answer, not a time: under load the search
        # can end after any fixed pause (this test once caught "Searching…").
        await ask(pilot, screen, *"Қазақстан*", "enter")
        assert screen.view is not None and screen.view.page.matches > 1
        await _steady(pilot)

    assert snap_compare(KopirApp(corpus), terminal_size=size, run_before=search)


def test_merge_tmx_dialog(snap_compare, corpus: Corpus) -> None:
    """m on the documents screen: where the TMX is, what a merge does, no Replace box."""

    async def ask_merge(pilot: Pilot) -> None:
        await pilot.press("m")
        await pilot.press(*"omegat/proj-level1.tmx")
        pilot.app.screen.query_one(Input).cursor_blink = False  # the same picture every run
        await _steady(pilot)

    assert snap_compare(KopirApp(corpus), terminal_size=SIZE, run_before=ask_merge)
