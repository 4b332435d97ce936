"""The quality panel's list of findings, mounted on its own: rows under a fixed header, a
cursor the keys move and keep in view, and Enter or a click selecting the cursor's row."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from tui.widgets.findings_list import FindingsList, row_text

ROWS = [(str(n), "▲ warning", "length-ratio", f"finding {n}") for n in range(1, 31)]


class ListApp(App):
    CSS = "FindingsList { height: 8; }"  # the header and 7 rows

    def __init__(self) -> None:
        super().__init__()
        self.selected: list[int] = []

    def compose(self) -> ComposeResult:
        yield FindingsList()

    def on_mount(self) -> None:
        self.query_one(FindingsList).set_rows(ROWS)
        self.query_one(FindingsList).focus()

    def on_findings_list_selected(self, event: FindingsList.Selected) -> None:
        self.selected.append(event.row)


def drive(scenario) -> None:
    async def main() -> None:
        app = ListApp()
        async with app.run_test(size=(80, 12)) as pilot:
            await pilot.pause()
            await scenario(pilot, app, app.query_one(FindingsList))

    asyncio.run(main())


def screen_lines(app: App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def test_rows_are_drawn_in_their_columns_under_a_header() -> None:
    async def scenario(pilot: Pilot, app: ListApp, table: FindingsList) -> None:
        lines = screen_lines(app)
        assert lines[0].split() == ["bead", "severity", "check", "message"]
        assert lines[1].startswith(" 1       ▲ warning   length-ratio            finding 1 ")
        assert "finding 1" in lines[1] and "finding 7" in lines[7]
        assert "finding 8" not in "".join(lines), "only the rows that fit are drawn"

    drive(scenario)


def test_a_cell_longer_than_its_column_is_cut_to_it() -> None:
    line = row_text(("12345678", "x", "c" * 30, "the message"), 60)
    assert line.startswith(" 123456 ") and " " + "c" * 22 + " " in line and len(line) == 60


def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    async def scenario(pilot: Pilot, app: ListApp, table: FindingsList) -> None:
        await pilot.press("down", "down")
        assert table.cursor == 2
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 29
        assert "finding 30" in screen_lines(app)[7], "the last row scrolled into view"
        await pilot.press("pageup")
        assert table.cursor == 22
        await pilot.press("home", "up")
        assert table.cursor == 0, "nothing above the first row"

    drive(scenario)


def test_enter_and_a_click_select_a_row() -> None:
    async def scenario(pilot: Pilot, app: ListApp, table: FindingsList) -> None:
        await pilot.press("down", "enter")
        await pilot.click(FindingsList, offset=(3, 4))  # the fourth row
        await pilot.click(FindingsList, offset=(3, 0))  # the header: nothing
        await pilot.pause()
        assert app.selected == [1, 3]
        assert table.cursor == 3

    drive(scenario)


def test_new_rows_keep_the_cursor_where_it_can_be() -> None:
    async def scenario(pilot: Pilot, app: ListApp, table: FindingsList) -> None:
        await pilot.press("end")
        table.set_rows(ROWS[:5])
        await pilot.pause()
        assert table.cursor == 4 and table.row_count == 5
        assert "finding 5" in "".join(screen_lines(app))
        table.set_rows([])
        await pilot.press("enter")
        assert table.cursor == 0 and app.selected == [], "an empty list selects nothing"

    drive(scenario)
