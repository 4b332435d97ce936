"""``kopir query``, ``kopir stats`` and ``kopir index``: the concordance on the command line.

Thin wrappers over :mod:`corpus.search.query`, :mod:`corpus.search.frequency` and
:mod:`corpus.search.stats`: parse arguments, call, print. Text output is a KWIC
concordance (the match in a fixed column, the aligned sentence under it);
CSV, TSV, JSON and TMX are written by :mod:`align.formats.hits`, as the app's
Query screen writes them. Bead numbers count from 1 in all output, as in the
editor. ``-o FILE`` writes atomically.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import io
import json
import os
import shutil
import sqlite3
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from align.formats.hits import HIT_FORMATS, export_hits, named_format, table_cell, write_hits
from corpus.errors import KopirError
from corpus.search.frequency import Collocates, Frequencies, collocates, frequencies
from corpus.search.index import STATUSES
from corpus.search.plan import SORTS, Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import DEFAULT_TIMEOUT, RegexTimeout
from corpus.search.results import Hit, Results
from corpus.search.stats import CorpusStats, DocStats, corpus_stats
from corpus.storage.atomic import atomic_output, check_target
from corpus.storage.store import Corpus, corpus_dir
from corpus.wording import plural
from tui.cli.progress import working

#: The exit code when the answer leaves out documents that could not be read
#: (the same as ``kopir ls``): a script must not take a partial count as whole.
EXIT_INCOMPLETE = 1

FORMATS = ("text", *HIT_FORMATS)
TEXT_LIMIT = 20
#: The narrowest concordance line: context, match and context need this much.
MIN_WIDTH = 60
#: Collocates listed unless --limit says otherwise.
COLLOCATE_ROWS = 100
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``query``, ``stats`` and ``index`` on the ``kopir`` command line."""
    p = sub.add_parser(
        "query",
        help="search the aligned corpus: concordance, frequencies, collocates",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=QUERY_HELP,
    )
    p.add_argument("words", nargs="*", metavar="WORD", help="words to find on either side")
    p.add_argument("--kk", metavar="Q", help="the Kazakh side must match Q")
    p.add_argument("--en", metavar="Q", help="the English side must match Q")
    p.add_argument("--kk-not", metavar="Q", help="… and the Kazakh side must not match Q")
    p.add_argument("--en-not", metavar="Q", help="… and the English side must not match Q")
    p.add_argument("--regex", action="store_true", help="every Q is a Python regular expression")
    p.add_argument(
        "--regex-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"stop a regular-expression search after S seconds (default {DEFAULT_TIMEOUT:g})",
    )
    p.add_argument(
        "--match-case",
        action="store_true",
        help="regular expressions match case exactly (words always ignore case)",
    )
    p.add_argument(
        "--fold", action="store_true", help="repair look-alike letters (Latin i ~ Kazakh і)"
    )
    p.add_argument(
        "--doc",
        action="append",
        default=[],
        metavar="ID",
        help="only these documents (globs; repeat)",
    )
    p.add_argument("--since", metavar="DATE", help="documents dated on or after (2021, 2021-03)")
    p.add_argument("--until", metavar="DATE", help="documents dated on or before")
    p.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="S",
        help=f"bead status: {', '.join(STATUSES)} (repeat or comma-separate)",
    )
    p.add_argument("--sort", choices=SORTS, default="doc", help="order of hits (default doc)")
    p.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=(
            f"at most N hits, 0 for all (default {TEXT_LIMIT} as text, all otherwise); "
            "with --freq or --collocates, at most N rows"
        ),
    )
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N hits")
    p.add_argument(
        "--freq",
        nargs="?",
        const="form",
        choices=("form", "doc"),
        help="frequencies of the matches by form (default) or by document",
    )
    p.add_argument("--collocates", action="store_true", help="words attracted to the matches")
    p.add_argument("--window", type=int, default=5, metavar="N", help="collocation window (5)")
    p.add_argument("--min-freq", type=int, default=3, metavar="N", help="collocate minimum (3)")
    p.add_argument(
        "--side",
        choices=("kk", "en"),
        help="collocates on this side (the other side: candidate translations)",
    )
    p.add_argument("--by", choices=("ll", "mi"), default="ll", help="rank collocates by")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: the -o file's ending if it names one, else text)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p.add_argument(
        "--width", type=int, metavar="N", help=f"line width of text output (≥ {MIN_WIDTH})"
    )
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stats", help="documents, sentences, words, beads, %% confirmed")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("index", help="bring the search index up to date (or --rebuild it)")
    p.add_argument("--rebuild", action="store_true", help="rebuild it from the TEI files")
    p.set_defaults(func=cmd_index)


QUERY_HELP = """\
Search the aligned corpus. Each hit is an aligned unit (a bead, or a sentence
no bead covers yet), shown as a concordance line with the aligned text under it.

  kopir query 'Тоқаев*'                     a prefix, on either side
  kopir query '"Қазақстан Республикасы"'    a phrase
  kopir query --kk 'ЕҚЫҰ' --en-not OSCE      where the English lacks a rendering
  kopir query --kk 'Қазақстан*' --en Kazakhstan --status confirmed
  kopir query --regex 'Қазақстан(ның|ға)'   a Python regular expression (stopped
                                            after 10 s: --regex-timeout)
  kopir query 'Тоқаев*' --freq              matched forms and their counts
  kopir query --kk ЕҚЫҰ --collocates --side en   candidate English renderings

Words match case-insensitively; Kazakh letters stay distinct (ә≠а, қ≠к, і≠и,
ү≠у). Quote patterns so the shell leaves * alone.
"""


def _statuses(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def query_from_args(args: argparse.Namespace) -> Query:
    return Query(
        text=" ".join(args.words) or None,
        kk=args.kk,
        en=args.en,
        kk_not=args.kk_not,
        en_not=args.en_not,
        regex=args.regex,
        match_case=args.match_case,
        fold=args.fold,
        docs=tuple(args.doc),
        since=args.since,
        until=args.until,
        statuses=_statuses(args.status),
    )


def cmd_query(args: argparse.Namespace) -> int:
    """Search; exit 1 (after the answer) when a document could not be searched."""
    if args.freq and args.collocates:
        raise KopirError("choose one of --freq and --collocates")
    if args.limit is not None and args.limit < 0:
        raise KopirError("--limit cannot be negative")
    if args.width is not None and args.width < MIN_WIDTH:
        raise KopirError(f"--width {args.width}: a concordance line needs {MIN_WIDTH} columns")
    args.format = _output_format(args)
    query = query_from_args(args)
    corpus = Corpus(corpus_dir(args.corpus))
    with QueryEngine(corpus, regex_timeout=args.regex_timeout) as engine:
        try:
            _answer(engine, query, args)
        except RegexTimeout as exc:
            if exc.one_sentence:  # more time would not help
                raise
            raise KopirError(f"{exc}, or allow it more time with --regex-timeout") from None
        unsearchable = engine.last_update is not None and engine.last_update.failed
    return EXIT_INCOMPLETE if unsearchable else 0


def _output_format(args: argparse.Namespace) -> str:
    """``--format``, else what the ``-o`` file's ending names (as the app's export does),
    else text: ``-o hits.tmx`` alone must not put a concordance in a .tmx file."""
    fmt = args.format
    if fmt is None:
        fmt = (named_format(args.output) if args.output else None) or "text"
    if fmt == "tmx" and (args.freq or args.collocates):
        raise KopirError("TMX holds hits: write frequencies or collocates as text, csv, tsv, json")
    return fmt


def _answer(engine: QueryEngine, query: Query, args: argparse.Namespace) -> None:
    """Write the hits, frequencies or collocates ``args`` ask for."""
    if args.freq:
        table = frequencies(engine, query, args.freq)
        _warn(table.warnings)
        with text_output(args.output) as out:
            write_frequencies(out, table, args.format, args.limit or None)
        return
    if args.collocates:
        rows = COLLOCATE_ROWS if args.limit is None else (args.limit or None)
        found = collocates(engine, query, args.window, args.min_freq, args.side, args.by, rows)
        _warn(found.warnings)
        with text_output(args.output) as out:
            write_collocates(out, found, args.format)
        return
    limit = args.limit if args.limit is not None else (TEXT_LIMIT if args.format == "text" else 0)
    results = engine.search(query, limit or None, args.offset, args.sort)
    _warn(results.warnings)
    if args.format != "text":
        _export(engine.corpus, results, args.format, args.output)
        return
    with text_output(args.output) as out:
        color = args.output is None and _color(sys.stdout)
        width = args.width or shutil.get_terminal_size((120, 24)).columns
        excluded = _excluded(engine, query) if results.total == 0 else None
        write_concordance(out, results, max(width, MIN_WIDTH), color, excluded)


def _export(corpus: Corpus, results: Results, fmt: str, output: Path | None) -> None:
    """Hits as CSV, TSV or JSON to stdout or a file, or as TMX to a file (align.formats.hits).

    Every sanitising change is a warning on stderr; for a file, what was
    written and left out is said on stdout (otherwise the hits are the output).
    """
    if output is None:
        if fmt == "tmx":
            raise KopirError("--format tmx writes a file: give it with -o FILE")
        report = write_hits(sys.stdout, results, fmt)
    else:
        check_target(output)
        report = export_hits(corpus, results, output, fmt)
    _warn(report.warnings())
    if output is not None:
        print(report.summary())


def _excluded(engine: QueryEngine, query: Query) -> int:
    """How many units match the query without its negative conditions."""
    if not (query.kk_not or query.en_not):
        return 0
    return engine.count(dataclasses.replace(query, kk_not=None, en_not=None))


def cmd_stats(args: argparse.Namespace) -> int:
    with QueryEngine(Corpus(corpus_dir(args.corpus))) as engine:
        found = corpus_stats(engine)
    _warn([f"{doc} is not counted: {err}" for doc, err in sorted(found.failed.items())])
    with text_output(args.output) as out:
        if args.format == "json":
            json.dump(found.as_dict(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            write_stats(out, found, corpus_dir(args.corpus))
    return EXIT_INCOMPLETE if found.failed else 0


def cmd_index(args: argparse.Namespace) -> int:
    corpus = Corpus(corpus_dir(args.corpus))
    with QueryEngine(corpus) as engine, working("indexing") as status:
        engine.index.progress = lambda done, total: status.count(done, total, "documents")
        report = engine.refresh(rebuild=args.rebuild)
        units = engine.index.conn.execute("SELECT count(*) FROM units").fetchone()[0]
        docs = engine.index.conn.execute("SELECT count(*) FROM docs").fetchone()[0]
    path = engine.index.path
    size = path.stat().st_size / 1e6
    if report.rebuilt and report.rebuilt not in ("asked", "no index yet"):
        print(f"kopir: warning: rebuilt the search index: {report.rebuilt}", file=sys.stderr)
    for doc, error in sorted(report.failed.items()):
        print(f"kopir: warning: {doc} is not searchable: {error}", file=sys.stderr)
    how = "rebuilt" if report.rebuilt else ("updated" if report.changed else "up to date")
    print(
        f"index {how}: {plural(docs, 'document')}, {plural(units, 'unit')} ({report.describe()}); "
        f"{path} ({size:,.1f} MB, SQLite {sqlite3.sqlite_version})"
    )
    return EXIT_INCOMPLETE if report.failed else 0


# ---------------------------------------------------------------- output


@contextlib.contextmanager
def text_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a UTF-8 text file written atomically (``corpus.storage.atomic.atomic_output``)."""
    if path is None:
        yield sys.stdout
        return
    check_target(path)
    try:
        with atomic_output(path) as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            yield handle
            handle.flush()
            handle.detach()  # atomic_output syncs and closes the file itself
    except OSError as exc:
        raise KopirError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _warn(notes: Sequence[str]) -> None:
    for note in notes:
        print(f"kopir: warning: {note}", file=sys.stderr)


def _color(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (wide East Asian characters 2, marks 0)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad_left(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


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


def _location(hit: Hit) -> str:
    if hit.bead is not None:
        return f"{hit.doc} #{hit.bead + 1}" + ("✓" if hit.status == "confirmed" else "")
    return f"{hit.doc} {(hit.kk_ids or hit.en_ids or ('?',))[0]}"


def write_concordance(
    out: TextIO, results: Results, width: int, color: bool, excluded: int | None = None
) -> None:
    """KWIC lines: location, left context, match, right context; the aligned text below.

    With colour the matches are bold; without, they are marked ``<like this>``
    (as CQP prints them). ``excluded`` is how many units the negative
    conditions removed, said when nothing is left.
    """
    shown = len(results.hits)
    if results.total == 0:
        out.write(f"no hits for {results.query.describe()}")
        if excluded:
            out.write(
                f" ({excluded:,} unit{'s' if excluded != 1 else ''} matched the other "
                "conditions; --kk-not/--en-not excluded all of them)"
            )
        out.write("\n")
        return
    confirmed = any(h.status == "confirmed" for h in results.hits)
    out.write(
        f"{results.total:,} hit{'s' if results.total != 1 else ''} for "
        f"{results.query.describe()}"
        + (
            f" · {results.offset + 1:,}–{results.offset + shown:,} shown"
            if 0 < shown < results.total
            else f" · none shown: --offset {results.offset:,} is past the last hit"
            if not shown and results.offset >= results.total
            else ""
        )
        + (f" · sorted by {results.sort} context" if results.sort != "doc" else "")
        + (" · ✓ confirmed" if confirmed else "")
        + "\n"
    )
    if not shown:
        return
    on, off = (BOLD, RESET) if color else ("<", ">")
    loc_width = max(display_width(_location(h)) for h in results.hits)
    text_width = width - loc_width - 2
    context = max(12, (text_width - 16) // 2)
    indent = " " * (loc_width + 2)
    for hit in results.hits:
        start, end = (hit.spans(hit.key) or ((0, 0),))[0]
        right = text_width - context - (end - start)
        while True:  # markers take room too (not colour codes): narrow the right until it fits
            line = hit.kwic(context, max(8, right))
            body = _mark(line.left + line.match + line.right, line.marks, on, off)
            over = context - display_width(line.left) + display_width(body) - text_width
            if color or over <= 0 or right <= 8:
                break
            right -= over
        padding = " " * max(0, context - display_width(line.left))
        location = _location(hit)
        out.write(f"\n{location}{' ' * (loc_width - display_width(location))}  {padding}{body}\n")
        other_side = "en" if line.side == "kk" else "kk"
        if not line.other:
            out.write(f"{indent}{other_side}: —\n")
            continue
        for n, (piece, spans) in enumerate(_wrap(line.other, line.other_spans, text_width - 4, 3)):
            label = f"{other_side}: " if n == 0 else "    "
            out.write(f"{indent}{label}{_mark(piece, spans, on, off)}\n")
    remaining = results.total - results.offset - shown
    if remaining > 0:
        out.write(
            f"\n{remaining:,} more: --offset {results.offset + shown} (or --limit 0 for all)\n"
        )


def write_frequencies(out: TextIO, table: Frequencies, fmt: str, limit: int | None = None) -> None:
    """The frequency table, its first ``limit`` rows if given."""
    by_doc = table.by == "doc"
    header = ["document" if by_doc else "form", "occurrences", "hits"]
    if by_doc:
        header += ["words", "per_million"]
    rows = []
    for row in table.rows[:limit]:
        cells: list[object] = [row.key, row.occurrences, row.hits]
        if by_doc:
            rate = row.per_million
            cells += [row.words, None if rate is None else round(rate, 1)]
        rows.append(cells)
    if fmt == "json":
        records = [dict(zip(header, r, strict=True)) for r in rows]
        payload = {
            "by": table.by,
            "side": table.side,
            "occurrences": table.total_occurrences,
            "hits": table.total_hits,
            "rows": records,
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows([table_cell(c) for c in r] for r in rows)
        return
    shown = f", the first {len(rows):,} shown" if len(rows) < len(table.rows) else ""
    out.write(f"{table.summary()}{shown}\n\n")
    shown = [[*r[:4], None if r[4] is None else f"{r[4]:,.1f}"] if by_doc else r for r in rows]
    _write_columns(out, header, shown)


def write_collocates(out: TextIO, found: Collocates, fmt: str) -> None:
    header = ["word", "together", "frequency", "expected", "mi", "ll"]
    rows = [
        [c.word, c.together, c.frequency, round(c.expected, 3), round(c.mi, 2), round(c.ll, 2)]
        for c in found.rows
    ]
    if fmt == "json":
        payload = {
            "side": found.side,
            "node_side": found.node_side,
            "window": found.window,
            "nodes": found.nodes,
            "span": found.span,
            "size": found.size,
            "rows": [dict(zip(header, r, strict=True)) for r in rows],
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows([table_cell(c) for c in r] for r in rows)
        return
    if found.window is None:
        out.write(
            f"{found.side} words in the {found.nodes:,} hit units, against {found.size:,} units "
            f"with {found.side} text (counted once per unit)\n\n"
        )
    else:
        out.write(
            f"{found.side} collocates: {found.nodes:,} matches, window ±{found.window} "
            f"({found.span:,} positions), {found.size:,} {found.side} words in all\n\n"
        )
    if not rows:
        out.write("no word occurs often enough (lower --min-freq?)\n")
        return
    shown = [[w, t, f, f"{e:.3f}", f"{mi:.2f}", f"{ll:.2f}"] for w, t, f, e, mi, ll in rows]
    _write_columns(out, header, shown)


def _write_columns(
    out: TextIO, header: list[str], rows: list[list[object]], flush_left: Sequence[int] = (0,)
) -> None:
    """Rows in aligned columns: text columns (``flush_left``) to the left, numbers right."""
    cells = [[_show(c) for c in r] for r in [header, *rows]]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(header))]
    for r in cells:
        parts = [
            c + " " * (w - display_width(c)) if i in flush_left else _pad_left(c, w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.write("  ".join(parts).rstrip() + "\n")


def _show(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def write_stats(out: TextIO, found: CorpusStats, root: Path) -> None:
    total = found.overall
    out.write(f"{root}: {plural(len(found.documents), 'document')}\n\n")
    out.write(f"{'':<22}{'Kazakh':>10}{'English':>10}\n")
    out.write(f"{'sentences':<22}{total.kk_sentences:>10,}{total.en_sentences:>10,}\n")
    out.write(f"{'words':<22}{total.kk_words:>10,}{total.en_words:>10,}\n")
    out.write(f"{'not in a bead':<22}{total.unaligned_kk:>10,}{total.unaligned_en:>10,}\n\n")
    out.write(f"beads: {total.beads:,}{_types(total)}\n")
    out.write(f"confirmed: {total.confirmed:,} ({_share(total)})\n\n")
    if not found.documents:
        return
    header = [
        "document",
        "date",
        "kk sent",
        "en sent",
        "kk words",
        "en words",
        "beads",
        "confirmed",
        "types",
    ]
    rows: list[list[object]] = [
        [
            d.doc,
            d.date or "",
            d.kk_sentences,
            d.en_sentences,
            d.kk_words,
            d.en_words,
            d.beads,
            _share(d),
            _types(d).strip(" ()"),
        ]
        for d in found.documents
    ]
    _write_columns(out, header, rows, flush_left=(0, 1, len(header) - 1))


def _share(d: DocStats) -> str:
    share = d.confirmed_share
    return "–" if share is None else f"{100 * share:.1f} %"


def _types(d: DocStats) -> str:
    if not d.bead_types:
        return ""
    items = sorted(d.bead_types.items(), key=lambda kv: (-kv[1], kv[0]))
    return " (" + ", ".join(f"{k}: {v:,}" for k, v in items) + ")"
