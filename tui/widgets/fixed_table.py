"""A DataTable whose columns all have fixed widths: rows added without measuring each cell.

Textual's ``DataTable`` measures every cell of every new row when it is next idle, to
widen columns that size to their content. A table whose columns all have a width of
their own (the documents screen's: it keeps its shape while rows load) never uses
those measurements, and at 20,000 documents taking them froze the opened screen for
seconds. :class:`FixedWidthTable` skips them while every column is fixed and every
row one line with no label, and otherwise does what ``DataTable`` does.

It overrides a private method of ``DataTable``; the version of Textual is pinned in
``pyproject.toml``, and ``tests/tui/widgets/test_fixed_table.py`` holds the two to
the same size and rendering.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


class FixedWidthTable(DataTable[str]):
    """A ``DataTable`` that measures no cell while all its columns have fixed widths."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        new_rows = list(new_rows)
        rows = [self.rows.get(key) for key in new_rows]
        if any(column.auto_width for column in self.columns.values()) or any(
            row is not None and (row.auto_height or row.label is not None) for row in rows
        ):
            super()._update_dimensions(new_rows)
            return
        # What DataTable._update_dimensions ends with, the measuring left out.
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )
