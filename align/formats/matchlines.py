"""Match lines written out: CSV, TSV or JSON one line per match, TMX one unit per bead.

``kopir query`` writes its concordance a match a line (:mod:`corpus.search.paging`): a
bead where the query matches twice is two rows, each saying which match it is. Every
row has the match's document, bead (from 1, as in the editor), status and score, the
sentence the match is in, both sides' sentence ids, where the match is in its side's
text (``start``/``end``, character offsets of ``kk`` or ``en`` as ``key_side`` says),
its KWIC cut and both texts (:data:`LINE_COLUMNS`). CSV and TSV follow
:mod:`align.formats.hits` (the same writers, the one TSV dialect, the same BOM for
spreadsheets); JSON has the counts and one object a line. TMX stays a unit per bead:
a translation memory holds each pair once, however often the query matched in it, so
the lines' beads go to :func:`align.formats.hits.export_hits` once each, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from align.formats.hit_report import HitExportReport
from align.formats.hits import (
    CONTEXT,
    export_hits,
    hit_fields,
    hit_format,
    stream_format,
    to_file,
    write_records,
)
from corpus.search.concordance import MatchLine
from corpus.search.paging import LinePage
from corpus.search.results import Hit, Results
from corpus.storage.store import Corpus

LINE_COLUMNS = (
    "doc", "date", "bead", "status", "score", "sentence", "kk_ids", "en_ids", "key_side",
    "match_number", "start", "end", "left", "match", "right", "kk", "en",
    "kk_matches", "en_matches",
)  # fmt: skip


def export_lines(
    corpus: Corpus, page: LinePage, path: Path, fmt: str | None = None, *, bom: bool = False
) -> HitExportReport:
    """Write the lines of ``page`` to ``path`` atomically (TMX: their beads, once each)."""
    name = hit_format(path, fmt)
    if name == "tmx":
        hits = line_hits(page.lines)
        found = Results(page.query, len(hits), 0, None, "doc", hits)
        return export_hits(corpus, found, path, "tmx")
    return to_file(path, lambda out: write_lines(out, page, name, bom=bom))


def write_lines(out: TextIO, page: LinePage, fmt: str, *, bom: bool = False) -> HitExportReport:
    """The lines of ``page`` to an open stream as CSV, TSV or JSON, one per match."""
    name = stream_format(out, fmt, bom=bom)
    records = ((line_record(line), line.hit) for line in page.lines)
    counts = ("matches", "units", "offset", "sort")
    write_records(out, name, page, counts, "lines", LINE_COLUMNS, records, excel=bom)
    return HitExportReport(None, name, written=len(page.lines), rows=("match", "matches"))


def line_hits(lines: Sequence[MatchLine]) -> list[Hit]:
    """The units of ``lines``, each once, in the order their first line comes."""
    seen: dict[tuple[str, int], Hit] = {}
    for line in lines:
        seen.setdefault((line.hit.doc, line.hit.position), line.hit)
    return list(seen.values())


def line_record(line: MatchLine) -> dict[str, object]:
    """Every field of a match line as JSON takes it (bead from 1, spans as lists)."""
    hit = line.hit
    kwic = line.kwic(CONTEXT)
    start, end = line.span
    bead, texts = hit_fields(hit)
    return {
        **bead,
        "sentence": hit.sentence(line.side, start),
        "kk_ids": list(hit.kk_ids),
        "en_ids": list(hit.en_ids),
        "key_side": line.side,
        "match_number": line.number + 1,
        "start": start,
        "end": end,
        "left": kwic.left,
        "match": kwic.match,
        "right": kwic.right,
        **texts,
    }
