"""Query hits written out: CSV, TSV, JSON or TMX, to a file or to a stream.

The concordance (``kopir query``, the app's Query screen) exports its hits;
both call this module, so the formats, what each holds and what each leaves
out are decided once:

* **CSV / TSV**: a header row, then one row per hit with every field of the
  hit (:data:`TABLE_COLUMNS`); sentence ids space-separated, the matched
  forms joined by ``" | "``, tabs, line feeds and carriage returns in a cell
  made spaces so that every hit is one line (TSV readers split on them, and
  the csv module quotes only the line terminator it writes). Bead numbers
  count from 1, as in the editor.
* **JSON**: the query, the total, the paging and one object per hit with
  the match spans, so a script can find each match in the text.
* **TMX 1.4b**: one translation unit per hit that *is* a translation pair
  (a bead with text on both sides); the others are counted as left out.
  Text goes through :mod:`align.sanitize` as in every TMX export, and each
  change is in the report: a translator must hear that the memory differs
  from the corpus.

CSV, TSV and JSON carry a hit's text as the search index holds it (control
characters are spaces there, see :func:`corpus.searchtext.clean`), invisible
characters included: a linguist looking for them wants to find them. They
refuse only what UTF-8 cannot encode at all.

A file is written atomically (:func:`corpus.atomic.atomic_output`): the old
file stays as it was if anything fails, and no partial file is left.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from align.exporting import output_file
from align.sanitize import TextChange
from align.tmx import write_tmx
from align.units import Unit
from corpus.errors import KopirError
from corpus.query import Hit, Results

#: The formats hits can be written in, and the file endings that name them.
HIT_FORMATS: tuple[str, ...] = ("csv", "tsv", "json", "tmx")
#: Formats that can go to a stream (stdout); TMX is written to a file only.
STREAM_FORMATS: tuple[str, ...] = ("csv", "tsv", "json")
#: Sanitising changes a one-message summary lists before counting the rest.
SHOWN_CHANGES = 3
#: Characters of context each side of the match in the ``left`` / ``right`` fields.
CONTEXT = 60

TABLE_COLUMNS = (
    "doc", "date", "bead", "status", "score", "kk_ids", "en_ids", "key_side",
    "left", "match", "right", "kk", "en", "kk_matches", "en_matches",
)  # fmt: skip


@dataclass
class HitExportReport:
    """What writing hits did, for a translator to read.

    ``written`` counts what the file holds: translation units in TMX, hits
    otherwise. ``left_out`` are hits TMX cannot take (no text on one side, or
    no bead yet). ``changes`` are what sanitising the TMX changed.
    """

    path: Path | None
    format: str
    written: int = 0
    left_out: int = 0
    changes: list[TextChange] = field(default_factory=list)

    def summary(self) -> str:
        """One line: how much went where, and what was left out."""
        what = "units" if self.format == "tmx" else "hits"
        where = f" to {self.path}" if self.path is not None else ""
        line = f"wrote {self.written:,} {what}{where}"
        if self.left_out:
            line += f"; left out {self.left_out:,} hits with no aligned counterpart"
        return line

    def warnings(self) -> list[str]:
        """Every sanitising change, one line each (the CLI prints them all)."""
        return [f"sanitised {change.describe()}" for change in self.changes]

    def notice(self, most: int = SHOWN_CHANGES) -> str:
        """The summary and the first ``most`` warnings with a count of the rest:
        short enough for a notification, yet saying what changed and where."""
        lines = [self.summary()]
        if self.changes:
            n = len(self.changes)
            lines.append(
                f"⚠ sanitised {n:,} character{'s' if n != 1 else ''} "
                "(the TMX differs from the corpus there):"
            )
            lines += [f"  {change.describe()}" for change in self.changes[:most]]
            if n > most:
                lines.append(f"  … and {n - most:,} more")
        return "\n".join(lines)


def hit_format(path: Path | None, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if named, else the one ``path``'s ending names.

    A clear :class:`KopirError` for an unknown name or ending, raised before
    anything is searched or written.
    """
    if fmt is not None:
        name = fmt.lower().lstrip(".")
        if name not in HIT_FORMATS:
            raise KopirError(f"unknown format {fmt!r} for hits: use {', '.join(HIT_FORMATS)}")
        return name
    if path is None:
        raise KopirError("name a format for the hits: " + ", ".join(HIT_FORMATS))
    name = path.suffix.lower().lstrip(".")
    if name not in HIT_FORMATS:
        raise KopirError(f"{path}: end the name with {endings()} to say the format")
    return name


def endings() -> str:
    """The file endings that name a format, for a prompt or a message."""
    return ", ".join(f".{f}" for f in HIT_FORMATS[:-1]) + f" or .{HIT_FORMATS[-1]}"


def export_hits(results: Results, path: Path, fmt: str | None = None) -> HitExportReport:
    """Write every hit of ``results`` to ``path``, atomically, and say what was done.

    ``fmt`` names the format; without it the file's ending does. Any failure
    is a :class:`KopirError`, and then ``path`` is as it was before.
    """
    name = hit_format(path, fmt)
    if name == "tmx":
        return _export_tmx(results.hits, path)
    with _text_file(path) as out:
        report = write_hits(out, results, name)
    report.path = path
    return report


def write_hits(out: TextIO, results: Results, fmt: str) -> HitExportReport:
    """Write every hit of ``results`` to an open text stream as CSV, TSV or JSON."""
    name = hit_format(None, fmt)
    if name not in STREAM_FORMATS:
        raise KopirError(f"{name.upper()} is written to a file: give its name")
    if name == "json":
        _write_json(out, results)
    else:
        _write_table(out, results.hits, "," if name == "csv" else "\t")
    return HitExportReport(None, name, written=len(results.hits))


# ---------------------------------------------------------------- TMX


def hit_units(hits: Sequence[Hit], skipped: list[Hit] | None = None) -> Iterator[Unit]:
    """Query hits as translation units: aligned beads with text on both sides.

    A hit with nothing on one side (an unaligned sentence, a 1-0 bead) is no
    translation pair; it goes to ``skipped``.
    """
    for hit in hits:
        if hit.bead is None or not hit.kk.strip() or not hit.en.strip():
            if skipped is not None:
                skipped.append(hit)
            continue
        status = "confirmed" if hit.status == "confirmed" else "auto"
        yield Unit(hit.doc, hit.bead, hit.kk, hit.en, hit.kk_ids, hit.en_ids, status, hit.score)


def _export_tmx(hits: Sequence[Hit], path: Path) -> HitExportReport:
    skipped: list[Hit] = []
    written = write_tmx(path, hit_units(hits, skipped))
    return HitExportReport(path, "tmx", written.units, len(skipped), written.changes)


# ---------------------------------------------------------------- CSV, TSV, JSON


@contextlib.contextmanager
def _text_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file written atomically; text UTF-8 cannot hold is a KopirError."""
    with output_file(path) as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield handle
            handle.flush()
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise KopirError(
                f"{path}: cannot write U+{ord(bad[0]):04X} as UTF-8 (a lone surrogate "
                "is not a character); nothing was written"
            ) from None
        finally:
            # atomic_output syncs and closes (or removes) the file itself; after a
            # failure, text still buffered goes with the temporary file.
            with contextlib.suppress(ValueError, UnicodeError):
                handle.detach()


def _hit_record(hit: Hit) -> dict[str, object]:
    """Every field of a hit as JSON takes it (bead counted from 1, spans as lists)."""
    line = hit.kwic(CONTEXT)
    return {
        "doc": hit.doc,
        "date": hit.date,
        "bead": None if hit.bead is None else hit.bead + 1,
        "status": hit.status,
        "score": hit.score,
        "kk_ids": list(hit.kk_ids),
        "en_ids": list(hit.en_ids),
        "key_side": hit.key,
        "left": line.left,
        "match": line.match,
        "right": line.right,
        "kk": hit.kk,
        "en": hit.en,
        "kk_spans": [list(s) for s in hit.kk_spans],
        "en_spans": [list(s) for s in hit.en_spans],
    }


def _write_table(out: TextIO, hits: Sequence[Hit], delimiter: str) -> None:
    """CSV or TSV: one row per hit; ids space-separated, matches joined by " | "."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS)
    for hit in hits:
        record = _hit_record(hit)
        record["kk_ids"] = " ".join(hit.kk_ids)
        record["en_ids"] = " ".join(hit.en_ids)
        record["kk_matches"] = " | ".join(hit.forms("kk"))
        record["en_matches"] = " | ".join(hit.forms("en"))
        writer.writerow(table_cell(record[c]) for c in TABLE_COLUMNS)


def table_cell(value: object) -> str:
    """A value as a CSV/TSV cell: empty for None; tabs and line breaks as spaces."""
    if value is None:
        return ""
    return str(value).translate(_ONE_LINE)


_ONE_LINE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _write_json(out: TextIO, results: Results) -> None:
    """The results as one JSON object, a hit a line (streamed: no second copy in memory)."""
    out.write("{\n")
    out.write(f'  "query": {json.dumps(results.query.describe(), ensure_ascii=False)},\n')
    out.write(f'  "total": {results.total},\n  "offset": {results.offset},\n')
    out.write(f'  "sort": "{results.sort}",\n  "hits": [')
    for n, hit in enumerate(results.hits):
        out.write(("," if n else "") + "\n    " + json.dumps(_hit_record(hit), ensure_ascii=False))
    out.write("\n  ]\n}\n")
