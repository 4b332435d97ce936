"""Query hits written out: CSV, TSV, JSON or TMX, to a file or to a stream.

The concordance (``kopir query``, the app's Query screen) exports its hits;
both call this module, so the formats, what each holds and what each leaves
out are decided once:

* **CSV / TSV**: a header row, then one row per hit with every field of the
  hit (:data:`TABLE_COLUMNS`); sentence ids space-separated, the matched
  forms joined by ``" | "``, tabs, line feeds and carriage returns in a cell
  made spaces so that every hit is one line. TSV is kopir's one dialect, that
  of ``kopir export tsv`` (backslash escapes, no quoting:
  :func:`align.formats.streams.table_writer`). Bead numbers count from 1, as in the editor.
* **JSON**: the query, the total, the paging and one object per hit with
  the match spans, so a script can find each match in the text.
* **TMX 1.4b**: one translation unit per hit that *is* a translation pair
  (a bead with text on both sides); the others are counted as left out.
  Each unit is exactly the one ``kopir export tmx`` writes for that bead
  (:func:`align.formats.hit_tmx.hit_units` says why and how), sentence lengths and ``x-qa``
  included, so ``kopir import tmx`` takes a 2-1 bead back as a 2-1 bead.
  Sanitising changes are in the report: a translator must hear that the
  memory differs from the corpus.

CSV, TSV and JSON carry a hit's text as the search index holds it (control
characters are spaces there, see :func:`corpus.search.searchtext.clean`), invisible
characters included: a linguist looking for them wants to find them. They
refuse only what UTF-8 cannot encode at all. The index joins a bead's
sentences and forgets where they met, and it holds no quality findings,
which is why TMX reads the documents instead.

A file is written atomically (:func:`corpus.storage.atomic.atomic_output`): the old
file stays as it was if anything fails, and no partial file is left.

This module names the format and writes a hit's fields (match lines' too:
:mod:`align.formats.matchlines`); the rows go out through :mod:`align.formats.streams`, TMX
through :mod:`align.formats.hit_tmx`, and both fill in :mod:`align.formats.hit_report`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from align.formats.hit_report import HitExportReport
from align.formats.hit_tmx import export_hit_tmx
from align.formats.registry import HIT_FORMATS, STREAM_FORMATS
from align.formats.streams import BOM, table_cell, table_writer, text_file, write_json_stream
from corpus.errors import KopirError
from corpus.search.paging import LinePage
from corpus.search.results import Hit, Results
from corpus.storage.store import Corpus

#: Characters of context each side of the match in the ``left`` / ``right`` fields.
CONTEXT = 60

TABLE_COLUMNS = (
    "doc", "date", "bead", "status", "score", "kk_ids", "en_ids", "key_side",
    "left", "match", "right", "kk", "en", "kk_matches", "en_matches",
)  # fmt: skip


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
    name = named_format(path)
    if name is None:
        raise KopirError(f"{path}: end the name with {endings()} to say the format")
    return name


def named_format(path: Path) -> str | None:
    """The hit format ``path``'s ending names (``hits.TMX``: tmx), or None."""
    name = path.suffix.lower().lstrip(".")
    return name if name in HIT_FORMATS else None


def endings() -> str:
    """The file endings that name a format, for a prompt or a message."""
    return ", ".join(f".{f}" for f in HIT_FORMATS[:-1]) + f" or .{HIT_FORMATS[-1]}"


def stream_format(out: TextIO, fmt: str, *, bom: bool) -> str:
    """The format ``fmt`` names, which must be one written to a stream (TMX is not), after
    writing a CSV's byte-order mark to ``out`` if ``bom`` (Excel then reads it as UTF-8)."""
    name = hit_format(None, fmt)
    if name not in STREAM_FORMATS:
        raise KopirError(f"{name.upper()} is written to a file: give its name")
    if bom and name == "csv":
        out.write(BOM)
    return name


def to_file(path: Path, write: Callable[[TextIO], HitExportReport]) -> HitExportReport:
    """``write`` to a new text file at ``path`` (atomically); its report, with the path."""
    with text_file(path) as out:
        report = write(out)
    report.path = path
    return report


def export_hits(
    corpus: Corpus, results: Results, path: Path, fmt: str | None = None, *, bom: bool = False
) -> HitExportReport:
    """Write every hit of ``results`` (a search of ``corpus``) to ``path``, atomically,
    and say what was done.

    ``fmt`` names the format; without it the file's ending does. TMX reads
    the hits' documents from ``corpus``; the other formats need only the
    hits. Any failure is a :class:`KopirError`, and then ``path`` is as it
    was before. ``bom`` starts a CSV with a UTF-8 byte-order mark (for spreadsheets).
    """
    name = hit_format(path, fmt)
    if name == "tmx":
        return export_hit_tmx(corpus, results.hits, path)
    return to_file(path, lambda out: write_hits(out, results, name, bom=bom))


def write_hits(out: TextIO, results: Results, fmt: str, *, bom: bool = False) -> HitExportReport:
    """Write every hit of ``results`` to an open text stream as CSV, TSV or JSON
    (a CSV first writes a byte-order mark if ``bom``: Excel then reads it as UTF-8)."""
    name = stream_format(out, fmt, bom=bom)
    records = ((_hit_record(hit), hit) for hit in results.hits)
    counts = ("total", "offset", "sort")
    write_records(out, name, results, counts, "hits", TABLE_COLUMNS, records, excel=bom)
    return HitExportReport(None, name, written=len(results.hits))


def _hit_record(hit: Hit) -> dict[str, object]:
    """Every field of a hit as JSON takes it (bead counted from 1, spans as lists)."""
    line = hit.kwic(CONTEXT)
    bead, texts = hit_fields(hit)
    return {
        **bead,
        "kk_ids": list(hit.kk_ids),
        "en_ids": list(hit.en_ids),
        "key_side": hit.key,
        "left": line.left,
        "match": line.match,
        "right": line.right,
        **texts,
    }


def hit_fields(hit: Hit) -> tuple[dict[str, object], dict[str, object]]:
    """The fields a hit's record (or a match line's) starts with, its bead's place and
    review, and those it ends with, both texts and where they matched."""
    bead = {
        "doc": hit.doc,
        "date": hit.date,
        "bead": None if hit.bead is None else hit.bead + 1,
        "status": hit.status,
        "score": hit.score,
    }
    texts = {
        "kk": hit.kk,
        "en": hit.en,
        "kk_spans": [list(s) for s in hit.kk_spans],
        "en_spans": [list(s) for s in hit.en_spans],
    }
    return bead, texts


def write_records(
    out: TextIO,
    fmt: str,
    found: Results | LinePage,
    counts: Sequence[str],
    key: str,
    columns: Sequence[str],
    records: Iterable[tuple[dict[str, Any], Hit]],
    *,
    excel: bool = False,
) -> None:
    """Hits or match lines as CSV, TSV or JSON: one row (or object) per record.

    JSON: the query and ``found``'s ``counts`` (attributes by name), then the records
    under ``key``, streamed; CSV and TSV: ``columns``, then a row per record with ids
    space-separated and matches joined by " | " (:func:`as_table_record`); ``excel``: a CSV
    for a spreadsheet (:func:`align.formats.streams.table_writer`).
    """
    if fmt == "json":
        head = {"query": found.query.describe(), **{n: getattr(found, n) for n in counts}}
        write_json_stream(out, head, key, (record for record, _ in records))
        return
    writer = table_writer(out, fmt, excel=excel)
    writer.writerow(columns)
    for record, hit in records:
        row = as_table_record(record, hit)
        writer.writerow(table_cell(row[c]) for c in columns)


def as_table_record(record: dict[str, Any], hit: Hit) -> dict[str, Any]:
    """A JSON record made a table row's: ids space-separated, each side's matches joined
    by " | " (a cell holds one line of text)."""
    record["kk_ids"] = " ".join(hit.kk_ids)
    record["en_ids"] = " ".join(hit.en_ids)
    record["kk_matches"] = " | ".join(hit.forms("kk"))
    record["en_matches"] = " | ".join(hit.forms("en"))
    return record
