"""How the query commands' answers look: concordance lines, frequency and collocate tables,
corpus statistics, on a terminal (colour, widths) or in a file (CSV, TSV, JSON).

The commands in :mod:`tui.cli.query` decide what to ask; this module only writes.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from align.formats.streams import not_utf8, table_cell, table_writer, text_file
from corpus.search.concordance import MatchLine
from corpus.search.frequency import Collocates, Frequencies
from corpus.search.paging import LinePage
from corpus.search.stats import CorpusStats, DocStats
from corpus.storage.atomic import check_target
from corpus.wording import plural

if TYPE_CHECKING:  # the checks load only for the command that counts their findings
    from align.overview import Overview

#: How a match is marked on a colour terminal.
BOLD, RESET = "\x1b[1m", "\x1b[0m"
#: Lines of aligned text shown under a match, unless it takes more to show a match there.
ALIGNED_LINES = 3


@contextlib.contextmanager
def text_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a UTF-8 text file written atomically
    (:func:`align.formats.streams.text_file`); text UTF-8 cannot hold is a one-line
    error on either (stdout's encoding may be strict UTF-8, ``PYTHONIOENCODING``)."""
    if path is None:
        try:
            yield sys.stdout
        except UnicodeEncodeError as exc:
            raise not_utf8("stdout", exc) from None
        return
    check_target(path)
    with text_file(path) as out:
        yield out


def warn(notes: Sequence[str]) -> None:
    for note in notes:
        print(f"kopir: warning: {note}", file=sys.stderr)


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters 2, marks 0)."""
    if text.isascii():  # ids, numbers, dates: one column a character
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _mark(text: str, spans: Sequence[tuple[int, int]], on: str, off: str) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], on, text[start:end], off]
        last = end
    out.append(text[last:])
    return "".join(out)


def _wrap(
    text: str, spans: Sequence[tuple[int, int]], width: int, most: int
) -> list[tuple[str, list[tuple[int, int]]]]:
    """``text`` in lines of at most ``width`` columns (at most ``most`` lines, the last
    ending in ``…`` if cut), each with the parts of ``spans`` it holds."""
    lines: list[tuple[int, int]] = []
    start = 0
    while start < len(text) and len(lines) < most:
        end, used = start, 0
        for i in range(start, len(text)):
            used += display_width(text[i])
            if used > width:
                break
            end = i + 1
        if end < len(text):
            space = text.rfind(" ", start, end + 1)
            if space > start:
                end = space
        lines.append((start, end))
        start = end + 1 if text[end : end + 1] == " " else end
    out = []
    for n, (a, b) in enumerate(lines):
        piece = text[a:b]
        if n == len(lines) - 1 and b < len(text):
            piece = piece[: max(0, len(piece) - 1)] + "…"
            b = a + len(piece) - 1
        inside = [(max(s, a) - a, min(e, b) - a) for s, e in spans if e > a and s < b]
        out.append((piece, inside))
    return out


def _location(line: MatchLine) -> str:
    """Where a match is: document, bead (from 1, ✓ when confirmed) and its sentence."""
    hit = line.hit
    sentence = hit.sentence(line.side, line.span[0]) or "?"
    if hit.bead is not None:
        confirmed = "✓" if hit.status == "confirmed" else ""
        return f"{hit.doc} #{hit.bead + 1}{confirmed} {sentence}"
    return f"{hit.doc} {sentence}"


def _counts(page: LinePage) -> str:
    """``14 matches in 13 units``."""
    return f"{plural(page.matches, 'match', 'matches')} in {plural(page.units, 'unit')}"


def write_lines(
    out: TextIO, page: LinePage, width: int, color: bool, excluded: int | None = None
) -> None:
    """One line per match: location, left context, match, right context; the aligned
    text of its unit below it, never cut where it holds a match of the query.

    With colour the matches are bold; without, they are marked ``<like this>``
    (as CQP prints them). ``excluded`` is how many units the negative
    conditions removed, said when nothing is left.
    """
    shown = len(page.lines)
    if page.matches == 0:
        out.write(f"no hits for {page.query.describe()}")
        if excluded:
            out.write(
                f" ({excluded:,} unit{'s' if excluded != 1 else ''} matched the other "
                "conditions; --kk-not/--en-not excluded all of them)"
            )
        out.write("\n")
        return
    confirmed = any(ln.hit.status == "confirmed" for ln in page.lines)
    out.write(
        f"{_counts(page)} for {page.query.describe()}"
        + (
            f" · {page.offset + 1:,}–{page.offset + shown:,} shown"
            if 0 < shown < page.matches
            else f" · none shown: --offset {page.offset:,} is past the last match"
            if not shown and page.offset >= page.matches
            else ""
        )
        + (f" · sorted by {page.sort}" if page.sort != "doc" else "")
        + (" · ✓ confirmed" if confirmed else "")
        + "\n"
    )
    if not shown:
        return
    on, off = (BOLD, RESET) if color else ("<", ">")
    loc_width = max(display_width(_location(ln)) for ln in page.lines)
    text_width = width - loc_width - 2
    context = max(12, (text_width - 16) // 2)
    indent = " " * (loc_width + 2)
    for match in page.lines:
        start, end = match.span
        right = text_width - context - (end - start)
        while True:  # markers take room too (not colour codes): narrow the right until it fits
            line = match.kwic(context, max(8, right))
            body = _mark(line.left + line.match + line.right, line.marks, on, off)
            over = context - display_width(line.left) + display_width(body) - text_width
            if color or over <= 0 or right <= 8:
                break
            right -= over
        padding = " " * max(0, context - display_width(line.left))
        location = _location(match)
        out.write(f"\n{location}{' ' * (loc_width - display_width(location))}  {padding}{body}\n")
        other_side = "en" if line.side == "kk" else "kk"
        if not line.other:
            out.write(f"{indent}{other_side}: —\n")
            continue
        for n, (piece, spans) in enumerate(_aligned(line.other, line.other_spans, text_width - 4)):
            label = f"{other_side}: " if n == 0 else "    "
            out.write(f"{indent}{label}{_mark(piece, spans, on, off)}\n")
    remaining = page.matches - page.offset - shown
    if remaining > 0:
        out.write(f"\n{remaining:,} more: --offset {page.offset + shown} (or --limit 0 for all)\n")


def _aligned(
    text: str, spans: Sequence[tuple[int, int]], width: int
) -> list[tuple[str, list[tuple[int, int]]]]:
    """The aligned text in at most :data:`ALIGNED_LINES` lines, or as many as it takes
    to show its last match: what the query asked of that side is never cut off."""
    every = _wrap(text, spans, width, len(text) + 1)
    last = max((n for n, (_, inside) in enumerate(every) if inside), default=-1)
    most = max(ALIGNED_LINES, last + 1)
    return every if len(every) <= most else _wrap(text, spans, width, most)


def write_frequencies(
    out: TextIO, table: Frequencies, fmt: str, limit: int | None = None, *, excel: bool = False
) -> None:
    """The frequency table, its first ``limit`` rows if given (``excel``: see write_figures)."""
    by_doc = table.by == "doc"
    # The concordance's and --dist's words: a row's matches and the units they are in.
    counted = "frequency" if table.every_word else "matches"  # a word list counts every word
    header = [{"pos": "tag"}.get(table.by, table.by), counted, "units"]
    if by_doc:
        header += ["words", "per_million"]
    rows = []
    for row in table.rows[:limit]:
        cells: list[object] = [row.key, row.occurrences, row.hits]
        if by_doc:
            rate = row.per_million
            cells += [row.words, None if rate is None else round(rate, 1)]
        rows.append(cells)
    about = {
        **attributes(table, "by", "side"),
        "matches": table.total_occurrences,
        "units": table.total_hits,
    }
    cut = f", the first {len(rows):,} shown" if len(rows) < len(table.rows) else ""
    shown = [[*r[:4], None if r[4] is None else f"{r[4]:,.1f}"] if by_doc else r for r in rows]
    title = f"{table.summary()}{cut}"
    write_figures(out, fmt, header, rows, about, title=title, shown=shown, excel=excel)


def write_collocates(out: TextIO, found: Collocates, fmt: str, *, excel: bool = False) -> None:
    """Collocates with their counts, expected count, MI and log-likelihood (``excel``: see
    write_figures)."""
    header = ["word", "together", "frequency", "expected", "mi", "ll"]
    rows = [
        [c.word, c.together, c.frequency, round(c.expected, 3), round(c.mi, 2), round(c.ll, 2)]
        for c in found.rows
    ]
    about = attributes(found, "side", "node_side", "window", "nodes", "span", "size")
    if found.window is None:
        title = (
            f"{found.side} words of the {plural(found.nodes, 'unit')} with a match, against "
            f"{plural(found.size, 'unit')} with {found.side} text (counted once per unit)"
        )
    else:
        title = (
            f"{found.side} collocates: {plural(found.nodes, 'match', 'matches')}, window "
            f"±{found.window} ({plural(found.span, 'position')}), "
            f"{plural(found.size, found.side + ' word')} in all"
        )
    shown = [[w, t, f, f"{e:.3f}", f"{mi:.2f}", f"{ll:.2f}"] for w, t, f, e, mi, ll in rows]
    write_figures(
        out, fmt, header, rows, about, title=title, shown=shown,
        empty="no word occurs often enough (lower --min-freq?)", excel=excel,
    )  # fmt: skip


def attributes(found: object, *names: str) -> dict[str, object]:
    """Some attributes of an answer by name, for its JSON (the keys are the names)."""
    return {name: getattr(found, name) for name in names}


def write_figures(
    out: TextIO,
    fmt: str,
    header: list[str],
    rows: list[list[object]],
    about: dict[str, object],
    *,
    title: str,
    shown: list[list[object]] | None = None,
    empty: str | None = None,
    rows_key: str = "rows",
    excel: bool = False,
) -> None:
    """Write a table of figures, the same way for every table.

    JSON: ``about``, then the rows as records under ``rows_key``; CSV/TSV: the header,
    then the rows; text: the ``title``, then the rows in columns (``shown``: the rows
    as text shows them, if they differ), or the ``empty`` line when there are none;
    ``excel``: a CSV for a spreadsheet (:func:`align.formats.streams.table_writer`).
    """
    if fmt == "json":
        payload = {**about, rows_key: [dict(zip(header, r, strict=True)) for r in rows]}
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt in ("csv", "tsv"):
        writer = table_writer(out, fmt, excel=excel)
        writer.writerow(header)
        writer.writerows([table_cell(c) for c in r] for r in rows)
        return
    out.write(f"{title}\n\n")
    if not rows and empty is not None:
        out.write(f"{empty}\n")
        return
    write_columns(out, header, rows if shown is None else shown)


def write_columns(
    out: TextIO, header: list[str], rows: list[list[object]], flush_left: Sequence[int] = (0,)
) -> None:
    """Rows in aligned columns: text columns (``flush_left``) to the left, numbers right."""
    cells = [[_show(c) for c in r] for r in [header, *rows]]
    measured = [[display_width(c) for c in r] for r in cells]  # once a cell: a row a document
    widths = [max(r[i] for r in measured) for i in range(len(header))]
    for r, cell_widths in zip(cells, measured, strict=True):
        parts = [
            c + " " * (w - n) if i in flush_left else " " * max(0, w - n) + c
            for i, (c, w, n) in enumerate(zip(r, widths, cell_widths, strict=True))
        ]
        out.write("  ".join(parts).rstrip() + "\n")


def _show(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@dataclass(frozen=True)
class ReviewFigures:
    """Where review stands, per document and overall, as the documents screen shows it:
    the state in words, weak beads (unconfirmed, under the review cut or changed by hand)
    and the quality checks' findings by severity (None: not counted, the document not
    aligned or the checks' settings unreadable)."""

    weak_below: float
    states: dict[str, str]
    weak: dict[str, int]
    quality: dict[str, dict[str, int] | None]

    @classmethod
    def of(cls, overview: Overview) -> ReviewFigures:
        docs = overview.summaries
        return cls(
            overview.weak_below,
            {doc: summary.state for doc, summary in docs.items()},
            {doc: summary.weak for doc, summary in docs.items()},
            {doc: _by_severity(overview.quality.get(doc)) for doc in docs},
        )

    def total_quality(self) -> dict[str, int] | None:
        counted = [q for q in self.quality.values() if q is not None]
        if not counted:
            return None
        return {name: sum(q[name] for q in counted) for name in _SEVERITY_NAMES.values()}

    def add_to(self, stats: dict[str, Any]) -> dict[str, Any]:
        """``kopir stats --format json``'s object with these figures beside the counts."""
        stats["overall"]["weak"] = sum(self.weak.values())
        stats["overall"]["quality"] = self.total_quality()
        stats["weak_below"] = self.weak_below
        for doc in stats["per_document"]:
            doc["state"] = self.states.get(doc["doc"])
            doc["weak"] = self.weak.get(doc["doc"])
            doc["quality"] = self.quality.get(doc["doc"])
        return stats


#: The plural a report counts each severity by.
_SEVERITY_NAMES = {"error": "errors", "warning": "warnings", "info": "notes"}


def _by_severity(counts: dict[str, int] | None) -> dict[str, int] | None:
    if counts is None:
        return None
    return {name: counts.get(severity, 0) for severity, name in _SEVERITY_NAMES.items()}


def write_stats(out: TextIO, found: CorpusStats, root: Path, review: ReviewFigures) -> None:
    total = found.overall
    out.write(f"{root}: {plural(len(found.documents), 'document')}\n\n")
    out.write(f"{'':<22}{'Kazakh':>10}{'English':>10}\n")
    out.write(f"{'sentences':<22}{total.kk_sentences:>10,}{total.en_sentences:>10,}\n")
    out.write(f"{'words':<22}{total.kk_words:>10,}{total.en_words:>10,}\n")
    out.write(f"{'not in a bead':<22}{total.unaligned_kk:>10,}{total.unaligned_en:>10,}\n\n")
    out.write(f"beads: {total.beads:,}{_types(total)}\n")
    out.write(f"confirmed: {total.confirmed:,} ({_share(total)})\n")
    out.write(
        f"weak: {sum(review.weak.values()):,} (not confirmed, and confidence under "
        f"{review.weak_below:g} or changed by hand)\n"
    )
    quality = review.total_quality()
    if quality is not None:
        checked = sum(q is not None for q in review.quality.values())
        said = ", ".join(plural(quality[name], name[:-1]) for name in ("errors", "warnings"))
        out.write(
            f"quality checks of the {plural(checked, 'aligned document')}: {said} "
            "(kopir check lists them)\n"
        )
    out.write("\n")
    if not found.documents:
        return
    header = [
        "document",
        "date",
        "state",
        "kk sent",
        "en sent",
        "kk words",
        "en words",
        "beads",
        "confirmed",
        "weak",
        "errors",
        "warnings",
        "types",
    ]
    rows: list[list[object]] = []
    for d in found.documents:
        quality_of = review.quality.get(d.doc)
        rows.append(
            [
                d.doc,
                d.date or "",
                review.states.get(d.doc, ""),
                d.kk_sentences,
                d.en_sentences,
                d.kk_words,
                d.en_words,
                d.beads,
                _share(d),
                review.weak.get(d.doc),
                None if quality_of is None else quality_of["errors"],
                None if quality_of is None else quality_of["warnings"],
                _types(d).strip(" ()"),
            ]
        )
    write_columns(out, header, rows, flush_left=(0, 1, 2, len(header) - 1))


def _share(d: DocStats) -> str:
    share = d.confirmed_share
    return "–" if share is None else f"{100 * share:.1f} %"


def _types(d: DocStats) -> str:
    if not d.bead_types:
        return ""
    items = sorted(d.bead_types.items(), key=lambda kv: (-kv[1], kv[0]))
    return " (" + ", ".join(f"{k}: {v:,}" for k, v in items) + ")"
