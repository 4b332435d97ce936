"""Rows out: CSV, TSV and a streamed JSON object, and the UTF-8 file they are written to.

One dialect for every table kopir writes, whatever the rows are (query hits, match lines,
frequencies, collocates, corpus figures): CSV as the csv module quotes it, TSV as
``kopir export tsv`` escapes it (:func:`align.formats.plain.escape_tsv`), a cell always one
line, and JSON written record by record. The rows' fields are the callers' business
(:mod:`align.formats.hits`, :mod:`tui.cli.printing`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, TextIO

from align.formats.export import output_file
from align.formats.plain import escape_tsv
from corpus.errors import KopirError

#: The UTF-8 byte-order mark a spreadsheet's CSV starts with.
BOM = "\ufeff"


@contextlib.contextmanager
def text_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file written atomically; text UTF-8 cannot hold is a KopirError."""
    with output_file(path) as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield handle
            handle.flush()
        except UnicodeEncodeError as exc:
            raise not_utf8(str(path), exc, "; nothing was written") from None
        finally:
            # atomic_output syncs and closes (or removes) the file itself; after a
            # failure, text still buffered goes with the temporary file.
            with contextlib.suppress(ValueError, UnicodeError):
                handle.detach()


def not_utf8(where: str, exc: UnicodeEncodeError, then: str = "") -> KopirError:
    """The one-line error for text UTF-8 cannot hold: a lone surrogate, such as a byte
    that is not UTF-8 typed on the command line becomes (Python's surrogateescape)."""
    bad = exc.object[exc.start : exc.end]
    return KopirError(
        f"{where}: cannot write U+{ord(bad[0]):04X} as UTF-8 (a lone surrogate is not a "
        f"character){then}"
    )


class RowWriter(Protocol):
    """What writes table rows: the csv module's writer, or :class:`_TsvWriter`."""

    def writerow(self, row: Iterable[Any], /) -> Any: ...

    def writerows(self, rows: Iterable[Iterable[Any]], /) -> Any: ...


class _TsvWriter:
    """Rows in kopir's one TSV dialect, that of ``kopir export tsv``
    (:func:`align.formats.plain.escape_tsv`: PostgreSQL's text format, no quoting)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def writerow(self, row: Iterable[object]) -> None:
        self.out.write("\t".join(escape_tsv("" if c is None else str(c)) for c in row) + "\n")

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def table_writer(out: TextIO, fmt: str, *, excel: bool = False) -> RowWriter:
    """A row writer for ``fmt``: CSV (the csv module's, quoting as needed, ``\\n`` ends
    a row) or TSV in the dialect every kopir TSV has (backslash escapes, one record a
    line), for hits, frequencies and collocates alike.

    ``excel`` (a CSV for a spreadsheet, ``--excel``) keeps text as text: a cell starting
    with a character a spreadsheet reads as a formula gets an apostrophe first
    (:func:`spreadsheet_text`)."""
    if fmt == "tsv":
        return _TsvWriter(out)
    writer = csv.writer(out, lineterminator="\n")
    return _SpreadsheetWriter(writer) if excel else writer


#: What a spreadsheet reads as the start of a formula when a cell begins with it: Excel,
#: LibreOffice Calc and Google Sheets show '- Мемлекет басшысы…', a dialogue dash's
#: sentence, as #NAME? (and run '=HYPERLINK(…)' typed in a corpus).
FORMULA_STARTS = ("=", "+", "-", "@")


def spreadsheet_text(cell: str) -> str:
    """``cell`` as a spreadsheet keeps it as text: an apostrophe before a formula's start
    (the spreadsheet takes it as "text follows" and does not show it)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class _SpreadsheetWriter:
    """CSV rows whose text cells a spreadsheet shows as text, not as formulas."""

    def __init__(self, writer: RowWriter) -> None:
        self.writer = writer

    def writerow(self, row: Iterable[object]) -> None:
        self.writer.writerow(
            spreadsheet_text(c) if isinstance(c, str) and not _number(c) else c for c in row
        )

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def _number(cell: str) -> bool:
    """A cell that is a number as Python writes one (-0.42, -3): a spreadsheet reads it
    as that number, which is what it is."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def table_cell(value: object) -> str:
    """A value as a CSV/TSV cell: empty for None; tabs and line breaks as spaces."""
    if value is None:
        return ""
    return str(value).translate(_ONE_LINE)


_ONE_LINE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def write_json_stream(
    out: TextIO, head: dict[str, object], key: str, records: Iterable[dict[str, Any]]
) -> None:
    """One JSON object: the ``head`` fields, then ``key`` listing ``records``, one a line.

    Written record by record, so a long export never holds a second copy in memory.
    """
    out.write("{\n")
    for name, value in head.items():
        out.write(f"  {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)},\n")
    out.write(f"  {json.dumps(key)}: [")
    for n, record in enumerate(records):
        out.write(("," if n else "") + "\n    " + json.dumps(record, ensure_ascii=False))
    out.write("\n  ]\n}\n")
