"""Query hits written out: CSV, TSV, JSON or TMX, to a file or to a stream.

The concordance (``kopir query``, the app's Query screen) exports its hits;
both call this module, so the formats, what each holds and what each leaves
out are decided once:

* **CSV / TSV**: a header row, then one row per hit with every field of the
  hit (:data:`TABLE_COLUMNS`); sentence ids space-separated, the matched
  forms joined by ``" | "``, tabs, line feeds and carriage returns in a cell
  made spaces so that every hit is one line. TSV is kopir's one dialect, that
  of ``kopir export tsv`` (backslash escapes, no quoting: :func:`table_writer`). Bead numbers
  count from 1, as in the editor.
* **JSON**: the query, the total, the paging and one object per hit with
  the match spans, so a script can find each match in the text.
* **TMX 1.4b**: one translation unit per hit that *is* a translation pair
  (a bead with text on both sides); the others are counted as left out.
  Each unit is exactly the one ``kopir export tmx`` writes for that bead
  (:func:`hit_units` says why and how), sentence lengths and ``x-qa``
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
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TextIO

from align.formats.export import output_file
from align.formats.plain import escape_tsv
from align.formats.registry import HIT_FORMATS, STREAM_FORMATS
from align.formats.sanitize import TextChange
from align.formats.tmx_writer import write_tmx
from align.formats.unit_reader import UnitReader
from align.formats.units import Selection, Unit, make_tuid
from align.qa import check_corpus
from align.qa.findings import qa_labels
from corpus.errors import KopirError
from corpus.search.paging import LinePage
from corpus.search.results import Hit, Results
from corpus.storage.store import Corpus
from corpus.wording import plural

#: The UTF-8 byte-order mark a spreadsheet's CSV starts with.
BOM = "\ufeff"
#: Sanitising changes a one-message summary lists before counting the rest.
SHOWN_CHANGES = 3
#: Characters of context each side of the match in the ``left`` / ``right`` fields.
CONTEXT = 60
#: The units the quality checks compare a hit's bead with: every pair of the documents the
#: hits come from, unconfirmed ones too (hits are), as ``kopir export tmx DOC…
#: --include-unconfirmed`` checks them, so that the bead's ``x-qa`` is what that export writes.
CHECKED = Selection(include_unconfirmed=True)

TABLE_COLUMNS = (
    "doc", "date", "bead", "status", "score", "kk_ids", "en_ids", "key_side",
    "left", "match", "right", "kk", "en", "kk_matches", "en_matches",
)  # fmt: skip


@dataclass
class HitExportReport:
    """What writing hits did, for a translator to read.

    ``written`` counts what the file holds: translation units in TMX, hits
    otherwise. ``left_out`` are hits TMX cannot take (no text on one side, or
    no bead yet); ``stale`` the tuids of hits TMX left out because their bead
    is no longer in the document (edited since the search). ``errors``
    counts the units written with an error among their findings: unlike
    ``kopir export tmx``, a hits export does not refuse them, so it says so.
    ``changes`` are what sanitising the TMX changed.
    """

    path: Path | None
    format: str
    written: int = 0
    left_out: int = 0
    stale: list[str] = field(default_factory=list)
    errors: int = 0
    changes: list[TextChange] = field(default_factory=list)
    #: What a row is, and its plural, when not TMX: a hit (a unit), or a match line.
    rows: tuple[str, str] = ("hit", "hits")

    def summary(self) -> str:
        """One line: how much went where, and what was left out."""
        what = ("unit", "units") if self.format == "tmx" else self.rows
        where = f" to {self.path}" if self.path is not None else ""
        line = f"wrote {plural(self.written, *what)}{where}"
        if self.errors:
            line += f" ({self.errors:,} with quality-check errors: see their x-qa)"
        if self.left_out:
            line += f"; left out {plural(self.left_out, 'hit')} with no aligned counterpart"
        if self.stale:
            listed = ", ".join(self.stale[:SHOWN_CHANGES])
            more = " …" if len(self.stale) > SHOWN_CHANGES else ""
            line += (
                f"; left out {plural(len(self.stale), 'hit')} whose bead has changed since the "
                f"search (search again to export them): {listed}{more}"
            )
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
        return _export_tmx(corpus, results.hits, path)
    return to_file(path, lambda out: write_hits(out, results, name, bom=bom))


def write_hits(out: TextIO, results: Results, fmt: str, *, bom: bool = False) -> HitExportReport:
    """Write every hit of ``results`` to an open text stream as CSV, TSV or JSON
    (a CSV first writes a byte-order mark if ``bom``: Excel then reads it as UTF-8)."""
    name = stream_format(out, fmt, bom=bom)
    records = ((_hit_record(hit), hit) for hit in results.hits)
    write_records(out, name, results, ("total", "offset", "sort"), "hits", TABLE_COLUMNS, records)
    return HitExportReport(None, name, written=len(results.hits))


# ---------------------------------------------------------------- TMX


def hit_units(corpus: Corpus, hits: Sequence[Hit], report: HitExportReport) -> Iterator[Unit]:
    """The hits that are translation pairs as units, in the hits' order, each bead
    exactly the unit ``kopir export tmx DOC… --include-unconfirmed`` writes for it.

    The index's text of a hit cannot make that unit: it joins the bead's
    sentences without saying where they met (``x-sentence-lengths``, which
    ``kopir import tmx`` needs to give back a 2-1 bead), and it has spaces
    where the TEI has control characters (sanitising must see and report
    those). So the units come from the TEI, through the same
    :func:`align.formats.units.all_units` and the same checks as the corpus export:
    the checks run on every pair of the hits' documents (:data:`CHECKED`),
    which is what consistency and the length calibration compare a bead with.

    The checks must see every unit before the first is written (each
    carries its findings), so the documents are gone over twice, as in
    :mod:`align.formats.export`: one :class:`~align.formats.unit_reader.UnitReader`
    keeps what the checks' pass parsed for the writing pass, up to its
    budget of units (past it, a document is parsed again, once), and a
    document's units are dropped as soon as its hits are made. Memory
    holds that budget at most, and the units of hits waiting for the hits
    before them (see :func:`_beads_now`), one a hit.

    A hit is its bead's sentence ids (its tuid), not its position: the TEI
    is the truth and may have been edited since the search. A bead with
    the same ids, wherever it is now, is written as the TEI has it now;
    a hit whose bead is gone (merged, split, re-aligned, its document
    removed) is left out and its tuid goes to ``report.stale``. Hits with
    no bead or nothing on one side count in ``report.left_out``.
    """
    # In the corpus's order, as ``kopir export tmx`` checks them: which of two duplicates
    # is flagged depends on it. A document removed since the search has only stale hits.
    hit_docs = {hit.doc for hit in hits if hit.bead is not None}
    present = sorted(doc_id for doc_id in hit_docs if corpus.exists(doc_id))
    reader = UnitReader(corpus)
    labels = qa_labels(check_corpus(corpus, present, selection=CHECKED, reader=reader))
    for hit, unit in _beads_now(reader, hits, set(present)):
        if unit is None:
            if hit.bead is None:
                report.left_out += 1
            else:
                report.stale.append(make_tuid(hit.doc, hit.kk_ids, hit.en_ids))
        elif unit.empty_side or not unit.kk.strip() or not unit.en.strip():
            report.left_out += 1
        else:
            qa = labels.get((unit.doc_id, unit.bead), ())
            if any(label.startswith("error:") for label in qa):
                report.errors += 1
            yield replace(unit, qa=qa)


def _beads_now(
    reader: UnitReader, hits: Sequence[Hit], present: set[str]
) -> Iterator[tuple[Hit, Unit | None]]:
    """Each hit with the unit of its bead as the TEI has it now (None: no bead, or gone),
    in the hits' order, reading each document once.

    Documents are read in the order their first hit comes, each once, and a
    hit's unit waits only until the hits before it have theirs. Sorted by
    document (the app's export, and ``kopir query``'s default), a
    document's hits go out as soon as it is read; sorted by context, hits
    of documents read early wait for the others, one unit each (a whole
    document is never held for them, nor read again for each of its hits).
    """
    positions: dict[str, list[int]] = {}
    for i, hit in enumerate(hits):
        if hit.bead is not None:
            positions.setdefault(hit.doc, []).append(i)
    ready: dict[int, Unit | None] = {}
    upto = 0
    for doc_id, mine in positions.items():
        beads: dict[tuple[tuple[str, ...], tuple[str, ...]], Unit] = {}
        if doc_id in present:
            beads = {(u.kk_ids, u.en_ids): u for u in reader.read(doc_id).units}
            reader.forget(doc_id)  # its hits are made now: its memory can go
        for i in mine:
            ready[i] = beads.get((hits[i].kk_ids, hits[i].en_ids))
        while upto in ready or (upto < len(hits) and hits[upto].bead is None):
            yield hits[upto], ready.pop(upto, None)
            upto += 1
    # Every hit of a document is made by now, so only hits in no bead can be left
    # (all of them, when no hit is a bead and the loop never ran).
    yield from ((hit, None) for hit in hits[upto:])


def _export_tmx(corpus: Corpus, hits: Sequence[Hit], path: Path) -> HitExportReport:
    report = HitExportReport(path, "tmx")
    written = write_tmx(path, hit_units(corpus, hits, report))
    report.written, report.changes = written.units, written.changes
    return report


# ---------------------------------------------------------------- CSV, TSV, JSON


@contextlib.contextmanager
def text_file(path: Path) -> Iterator[TextIO]:
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


def table_writer(out: TextIO, fmt: str) -> RowWriter:
    """A row writer for ``fmt``: CSV (the csv module's, quoting as needed, ``\\n`` ends
    a row) or TSV in the dialect every kopir TSV has (backslash escapes, one record a
    line), for hits, frequencies and collocates alike."""
    if fmt == "tsv":
        return _TsvWriter(out)
    return csv.writer(out, lineterminator="\n")


def write_records(
    out: TextIO,
    fmt: str,
    found: Results | LinePage,
    counts: Sequence[str],
    key: str,
    columns: Sequence[str],
    records: Iterable[tuple[dict[str, Any], Hit]],
) -> None:
    """Hits or match lines as CSV, TSV or JSON: one row (or object) per record.

    JSON: the query and ``found``'s ``counts`` (attributes by name), then the records
    under ``key``, streamed; CSV and TSV: ``columns``, then a row per record with ids
    space-separated and matches joined by " | " (:func:`as_table_record`).
    """
    if fmt == "json":
        head = {"query": found.query.describe(), **{n: getattr(found, n) for n in counts}}
        write_json_stream(out, head, key, (record for record, _ in records))
        return
    writer = table_writer(out, fmt)
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
