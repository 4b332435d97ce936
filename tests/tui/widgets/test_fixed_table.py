"""The documents screen's table: rows added without measuring cells its fixed columns
never use, and drawn as Textual's own DataTable draws them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable
from textual.widgets import _data_table as data_table_module

from tests.helpers.app import run, two_documents
from tui.app import KopirApp
from tui.screens import documents
from tui.widgets.fixed_table import FixedWidthTable

COLUMNS = {"document": 12, "state": 11, "title": 20}
ROWS = [(f"doc{n:03d}", "to review" if n % 3 else "done", f"Тақырып {n} «жаңа»") for n in range(60)]


class Two(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="stock")
        yield FixedWidthTable(id="fixed")


def _counting(monkeypatch: pytest.MonkeyPatch, headers: object) -> list[str]:
    """What the tables measure from now on, but their columns' headers."""
    measured: list[str] = []
    measure = data_table_module.measure

    def counted(console: object, renderable: object, *args: object) -> int:
        if str(renderable) not in headers:  # type: ignore[operator]
            measured.append(str(renderable))
        return measure(console, renderable, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(data_table_module, "measure", counted)
    return measured


def test_fixed_columns_are_not_measured_and_the_table_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    measured = _counting(monkeypatch, [*COLUMNS, "auto"])

    async def main() -> None:
        app = Two()
        async with app.run_test(size=(80, 30)) as pilot:
            stock, fixed = app.query_one("#stock", DataTable), app.query_one("#fixed", DataTable)
            for table in (stock, fixed):
                for name, width in COLUMNS.items():
                    table.add_column(name, key=name, width=width)
            fixed.add_rows(ROWS)
            await pilot.pause()
            assert measured == []  # DataTable measured all 180 cells
            stock.add_rows(ROWS)
            await pilot.pause()
            assert len(measured) >= len(ROWS) * len(COLUMNS)
            assert fixed.virtual_size == stock.virtual_size
            lines = [fixed.render_line(y).text for y in range(10)]
            assert lines == [stock.render_line(y).text for y in range(10)]
            # A column sized to its content, or a row of its own height: measured as before.
            fixed.add_column("auto", key="auto")
            fixed.add_row("x", "y", "z", "a long enough cell")
            stock.add_column("auto", key="auto")
            stock.add_row("x", "y", "z", "a long enough cell")
            await pilot.pause()
            assert fixed.virtual_size == stock.virtual_size

    asyncio.run(main())


def test_the_documents_screen_measures_no_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 20,000 documents the screen's table measured 200,000 cells it never sized a
    column by: seconds of a frozen screen after it opened."""
    measured = _counting(monkeypatch, documents.COLUMNS)
    corpus = two_documents(tmp_path / "c")

    async def scenario(pilot, app: KopirApp) -> None:  # type: ignore[no-untyped-def]
        table = app.screen.query_one(DataTable)
        for _ in range(100):
            await pilot.pause(0.05)
            if "…" not in str(table.get_row_at(0)):
                break
        assert table.row_count == 2 and table.get_row_at(0)[0] == corpus.ids()[0]
        assert measured == []  # DataTable measured each of the 2 rows' 10 cells, twice
        assert isinstance(table, FixedWidthTable)

    run(KopirApp(corpus), scenario)
