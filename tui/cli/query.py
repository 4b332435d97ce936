"""``kopir query``, ``kopir stats`` and ``kopir index``: the concordance on the command line.

Thin wrappers over :mod:`corpus.search.query`, :mod:`corpus.search.frequency` and
:mod:`corpus.search.stats`: parse arguments, call, print. Text output is a KWIC
concordance, one line per match (the match in a fixed column, the aligned text of
its unit under it); CSV, TSV and JSON are one row per match too, written by
:mod:`align.formats.matchlines`; TMX is one unit per bead. Bead numbers count from 1
in all output, as in the editor. ``-o FILE`` writes atomically.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from align.formats.hits import named_format
from align.formats.matchlines import export_lines
from align.formats.matchlines import write_lines as write_line_table
from align.formats.registry import HIT_FORMATS
from align.formats.streams import BOM
from corpus.errors import KopirError
from corpus.search.concordance import LINE_SORTS
from corpus.search.distribution import PARTS
from corpus.search.frequency import collocates, frequencies, word_list
from corpus.search.index import STATUSES
from corpus.search.paging import LinePage
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import DEFAULT_TIMEOUT, RegexTimeout
from corpus.search.stats import corpus_stats
from corpus.storage.atomic import check_target
from corpus.storage.store import Corpus, corpus_dir
from corpus.wording import plural
from tui.cli.figures import answer_figures
from tui.cli.printing import (
    ReviewFigures,
    text_output,
    use_colour,
    warn,
    write_collocates,
    write_frequencies,
    write_lines,
    write_stats,
)
from tui.cli.progress import working
from tui.cli.saved import saved_or_given

#: The exit code when the answer leaves out documents that could not be read
#: (the same as ``kopir ls``): a script must not take a partial count as whole.
EXIT_INCOMPLETE = 1

FORMATS = ("text", *HIT_FORMATS)
#: File endings ``-o`` takes without ``--format``: each names a format (none is text).
ENDINGS = {".txt": "text", **{f".{f}": f for f in HIT_FORMATS}}
TEXT_ENDINGS = ", ".join(ENDINGS)
TEXT_LIMIT = 20
#: The narrowest concordance line: context, match and context need this much.
MIN_WIDTH = 60
#: A --limit or --offset above this is taken as this: no corpus has as many hits.
MAX_COUNT = 2**53
#: Collocates listed unless --limit says otherwise.
COLLOCATE_ROWS = 100
#: The sorts' earlier names: by the words left or right of the match.
OLD_SORTS = {"left": "L1", "right": "R1"}


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``query``, ``stats`` and ``index`` on the ``kopir`` command line."""
    p = sub.add_parser(
        "query",
        help="search the corpus: concordance, frequencies, collocates",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=QUERY_HELP,
    )
    p.add_argument("words", nargs="*", metavar="WORD", help="words to find on either side")
    p.add_argument("--kk", metavar="Q", help="the Kazakh side must match Q")
    p.add_argument("--en", metavar="Q", help="the English side must match Q")
    p.add_argument("--kk-not", metavar="Q", help="… and the Kazakh side must not match Q")
    p.add_argument("--en-not", metavar="Q", help="… and the English side must not match Q")
    p.add_argument("--kk-lemma", metavar="L", help="a Kazakh word with lemma L (any form of it)")
    p.add_argument("--en-lemma", metavar="L", help="an English word with lemma L")
    p.add_argument(
        "--pos", metavar="TAG", help="… read as this part of speech (NOUN, VERB, ADJ, …)"
    )
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
    p.add_argument(
        "--sort",
        choices=(*LINE_SORTS, *OLD_SORTS),
        default="doc",
        metavar="ORDER",
        help="order of the lines: doc (default), node (the match), L1/L2/L3 (the first, "
        "second, third word left of it), R1/R2/R3 (right of it); left = L1, right = R1",
    )
    p.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=(
            f"at most N matches, 0 for all (default {TEXT_LIMIT} as text, all otherwise); "
            "with --freq, --collocates, --keywords or --ngrams, at most N rows"
        ),
    )
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N matches")
    p.add_argument(
        "--freq",
        nargs="?",
        const="form",
        choices=("form", "lemma", "pos", "doc"),
        help="frequencies of the matches by form (default, or as --by says), lemma, pos or "
        "doc; with no words, the word list of --side (kk) of the corpus or of the documents "
        "and statuses the filters keep",
    )
    p.add_argument("--collocates", action="store_true", help="words attracted to the matches")
    p.add_argument(
        "--dist",
        nargs="?",
        const="doc",
        choices=PARTS,
        help="matches per document (default), year, date or bead status, per million "
        "words, with their dispersion (Gries's DP)",
    )
    p.add_argument(
        "--keywords",
        action="store_true",
        help="keywords of the subcorpus --doc/--since/--until/--status keep, against the "
        "rest (log-likelihood, log ratio); --side, --min-freq, --limit",
    )
    p.add_argument(
        "--ngrams",
        nargs="?",
        const=3,
        type=int,
        metavar="N",
        help="runs of N words (3) around the matches, within a sentence; --min-freq, --limit",
    )
    p.add_argument("--window", type=int, default=5, metavar="N", help="collocation window (5)")
    p.add_argument("--min-freq", type=int, default=3, metavar="N", help="least count listed (3)")
    p.add_argument(
        "--side",
        choices=("kk", "en"),
        help="collocates on this side (the other side: candidate translations); the "
        "side of a word list (--freq with no words) or of --keywords",
    )
    p.add_argument(
        "--by",
        choices=("form", "lemma", "pos", "ll", "mi"),
        default="form",
        help="count words by form (default), lemma or part of speech (--freq, --collocates)",
    )
    p.add_argument("--rank", choices=("ll", "mi"), default="ll", help="rank collocates by")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: the -o file's ending if it names one, else text)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (its ending names the format: " + TEXT_ENDINGS + "; - is stdout)",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV with a UTF-8 byte-order mark, so spreadsheets read Cyrillic right",
    )
    p.add_argument(
        "--width", type=int, metavar="N", help=f"line width of text output (≥ {MIN_WIDTH})"
    )
    p.add_argument("--save", metavar="NAME", help="keep this query in the corpus as NAME")
    p.add_argument(
        "--saved",
        nargs="?",
        const="",
        metavar="NAME",
        help="run the query saved as NAME (alone: list the saved queries)",
    )
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stats", help="documents, sentences, words, beads, %% confirmed")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("index", help="bring the search index up to date (or --rebuild it)")
    p.add_argument("--rebuild", action="store_true", help="rebuild it from the TEI files")
    p.set_defaults(func=cmd_index)


QUERY_HELP = """\
Search the aligned corpus. Each match is a concordance line with the aligned
text of its unit (a bead, or a sentence no bead covers yet) under it; the
counts are of matches and of units. Searches respect sentences: ^ and $ are a
sentence's ends, and a phrase or a regular expression never runs across a
sentence end.

  kopir query 'Тоқаев*'                     a prefix, on either side
  kopir query '"Қазақстан Республикасы"'    a phrase
  kopir query --kk 'ЕҚЫҰ' --en-not OSCE     where the English lacks a rendering
  kopir query --kk 'Қазақстан*' --en Kazakhstan --status confirmed
  kopir query --regex 'Қазақстан(ның|ға)'   a Python regular expression (it
                                            stops after 10 s: --regex-timeout)
  kopir query --kk мен --sort R1            sorted by the word right of it
  kopir query 'Тоқаев*' --freq              matched forms and their counts
  kopir query --freq lemma                  the word list: every Kazakh word,
                                            by lemma (form, pos; --side en)
  kopir query --kk ЕҚЫҰ --collocates --side en
                                            candidate English renderings
  kopir query --kk мен --dist               matches per document, per million
                                            words, and their dispersion
                                            (--dist year|date|status)
  kopir query --kk 'Лайчак*' --save laj     keep a query as laj
  kopir query --saved laj                   run it again
  kopir query --keywords --since 2024       words of 2024's documents markedly
                                            more frequent than in the rest
  kopir query --kk-lemma сапар              any form of сапар ('lemma:сапар')
  kopir query --kk-lemma сапар --pos NOUN --collocates --by lemma
                                            words near it, by lemma
  kopir query --kk-lemma сапар --collocates --side en --by lemma
                                            its translations
  kopir query --kk Case=Abl --freq          Kazakh words read as ablative, by
                                            form (Case=Gen|Number=Plur,
                                            lemma:мемлекет/Case=Abl)

Words match case-insensitively; Kazakh letters stay distinct (ә≠а, қ≠к, і≠и,
ү≠у). Quote patterns so the shell leaves * alone.
"""


def _statuses(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _with_lemmas(words: str | None, lemmas: str | None, pos: str | None) -> str | None:
    """``--kk`` and ``--kk-lemma`` (with ``--pos``) as one word query: all must occur."""
    if not lemmas:
        return words
    terms = [f"lemma:{w}" + (f"/{pos}" if pos else "") for w in lemmas.split()]
    return " ".join([words, *terms] if words else terms)


def query_from_args(args: argparse.Namespace) -> Query:
    if args.pos and not (args.kk_lemma or args.en_lemma):
        raise KopirError("--pos qualifies a lemma: give --kk-lemma or --en-lemma with it")
    return Query(
        text=" ".join(args.words) or None,
        kk=_with_lemmas(args.kk, args.kk_lemma, args.pos),
        en=_with_lemmas(args.en, args.en_lemma, args.pos),
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
    tables = (args.freq, args.collocates, args.dist, args.keywords, args.ngrams)
    if sum(1 for table in tables if table) > 1:
        raise KopirError("choose one of --freq, --collocates, --dist, --keywords and --ngrams")
    _check_by(args)
    if args.limit is not None and args.limit < 0:
        raise KopirError("--limit cannot be negative")
    if args.offset < 0:
        raise KopirError("--offset cannot be negative")
    # More than any corpus holds means all (SQLite's integers end at 2**63).
    args.offset = min(args.offset, MAX_COUNT)
    if args.limit is not None:
        args.limit = min(args.limit, MAX_COUNT)
    if args.width is not None and args.width < MIN_WIDTH:
        raise KopirError(f"--width {args.width}: a concordance line needs {MIN_WIDTH} columns")
    args.format = _output_format(args)
    corpus = Corpus(corpus_dir(args.corpus))
    query = saved_or_given(corpus, args, query_from_args(args))
    if query is None:
        return 0
    with QueryEngine(corpus, regex_timeout=args.regex_timeout) as engine:
        try:
            _answer(engine, query, args)
        except RegexTimeout as exc:
            if exc.one_sentence:  # more time would not help
                raise
            raise KopirError(f"{exc}, or allow it more time with --regex-timeout") from None
        unsearchable = engine.last_update is not None and engine.last_update.failed
    return EXIT_INCOMPLETE if unsearchable else 0


def _check_by(args: argparse.Namespace) -> None:
    """Refuse ``--by lemma|pos`` where nothing counts by it, rather than ignore it.

    Only frequencies and collocates group words by lemma or tag; keyword lists and
    n-grams count word forms, a distribution counts matches, so a linguist asking
    ``--keywords --by lemma`` got a table of forms that passed for lemmas.
    """
    if args.by not in ("lemma", "pos") or args.freq or args.collocates:
        return
    what = next(
        (said for said, on in (("--keywords counts word forms", args.keywords),
                               ("--dist counts matches per part", args.dist),
                               ("--ngrams counts runs of word forms", args.ngrams)) if on),
        "a concordance counts nothing",
    )  # fmt: skip
    raise KopirError(f"--by {args.by} groups --freq and --collocates; {what}")


def _output_format(args: argparse.Namespace) -> str:
    """``--format``, else what the ``-o`` file's ending names (as the app's export does),
    else text: ``-o hits.tmx`` alone must not put a concordance in a .tmx file.

    ``-o -`` is standard output. An ending that names no format (``hits.xlsx``) is an
    error before anything is searched or written: writing text into it would pass
    for a spreadsheet. ``--excel`` is CSV (with a byte-order mark).
    """
    if args.output is not None and str(args.output) == "-":
        args.output = None
    fmt = args.format
    if args.excel:
        if fmt not in (None, "csv"):
            raise KopirError(f"--excel writes CSV: leave out --format {fmt}")
        fmt = "csv"
    if fmt is None and args.output is not None and args.output.suffix:
        ending = args.output.suffix.lower()
        if ending not in ENDINGS:
            raise KopirError(
                f"{args.output.name}: unknown ending {args.output.suffix}: use one of "
                f"{TEXT_ENDINGS}, or name the format with --format"
            )
        fmt = ENDINGS[ending]
    if fmt is None:
        fmt = (named_format(args.output) if args.output else None) or "text"
    if fmt == "tmx" and (args.freq or args.collocates or args.dist or args.keywords or args.ngrams):
        raise KopirError(
            "TMX holds hits: write frequencies, collocates or distributions as text, csv, tsv, json"
        )
    return fmt


def _answer(engine: QueryEngine, query: Query, args: argparse.Namespace) -> None:
    """Write the hits, frequencies or collocates ``args`` ask for."""
    if args.by in ("ll", "mi"):  # the ranking's old name
        args.rank, args.by = args.by, "form"
    if args.freq:
        by = args.by if args.freq == "form" else args.freq
        if query.empty:  # no words to find: the word list of the (sub)corpus
            table = word_list(engine, query, args.side or "kk", by)
        else:
            table = frequencies(engine, query, by)
        warn(table.warnings)
        with text_output(args.output) as out:
            _bom(out, args)
            write_frequencies(out, table, args.format, args.limit or None, excel=args.excel)
        return
    if answer_figures(engine, query, args):
        return
    if args.collocates:
        rows = COLLOCATE_ROWS if args.limit is None else (args.limit or None)
        found = collocates(
            engine, query, args.window, args.min_freq, args.side, args.rank, rows, unit=args.by
        )
        warn(found.warnings)
        with text_output(args.output) as out:
            _bom(out, args)
            write_collocates(out, found, args.format, excel=args.excel)
        return
    limit = args.limit if args.limit is not None else (TEXT_LIMIT if args.format == "text" else 0)
    sort = OLD_SORTS.get(args.sort, args.sort)
    page = engine.lines(query, limit or None, args.offset, sort)
    warn(page.warnings)
    if args.format != "text":
        _export(engine.corpus, page, args.format, args.output, args.excel)
        return
    with text_output(args.output) as out:
        color = args.output is None and use_colour(sys.stdout)
        width = args.width or shutil.get_terminal_size((120, 24)).columns
        excluded = _excluded(engine, query) if page.matches == 0 else None
        write_lines(out, page, max(width, MIN_WIDTH), color, excluded)


def _bom(out: TextIO, args: argparse.Namespace) -> None:
    """The UTF-8 byte-order mark ``--excel`` asks for (Excel reads BOM-less CSV as ANSI)."""
    if args.excel:
        out.write(BOM)


def _export(
    corpus: Corpus, page: LinePage, fmt: str, output: Path | None, excel: bool = False
) -> None:
    """Match lines as CSV, TSV or JSON to stdout or a file, or their beads as TMX to a file
    (:mod:`align.formats.matchlines`).

    Every sanitising change is a warning on stderr; for a file, what was
    written and left out is said on stdout (otherwise the hits are the output).
    """
    if output is None:
        if fmt == "tmx":
            raise KopirError("--format tmx writes a file: give it with -o FILE")
        report = write_line_table(sys.stdout, page, fmt, bom=excel)
    else:
        check_target(output)
        report = export_lines(corpus, page, output, fmt, bom=excel)
    warn(report.warnings())
    if output is not None:
        print(report.summary())


def _excluded(engine: QueryEngine, query: Query) -> int:
    """How many units match the query without its negative conditions."""
    if not (query.kk_not or query.en_not):
        return 0
    return engine.count(dataclasses.replace(query, kk_not=None, en_not=None))


def cmd_stats(args: argparse.Namespace) -> int:
    from align.overview import CorpusOverview

    corpus = Corpus(corpus_dir(args.corpus))
    with QueryEngine(corpus) as engine:
        found = corpus_stats(engine)
    warn([f"{doc} is not counted: {err}" for doc, err in sorted(found.failed.items())])
    # Where review stands, as the documents screen shows it: weak beads at the corpus's
    # review cut and the quality checks' findings (kopir check's, kopir.toml applied).
    overview = CorpusOverview(corpus).refresh()
    if overview.settings_problem:
        warn([f"quality checks not counted: {overview.settings_problem}"])
    review = ReviewFigures.of(overview)
    with text_output(args.output) as out:
        if args.format == "json":
            json.dump(review.add_to(found.as_dict()), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            write_stats(out, found, corpus_dir(args.corpus), review)
    return EXIT_INCOMPLETE if found.failed else 0


def cmd_index(args: argparse.Namespace) -> int:
    corpus = Corpus(corpus_dir(args.corpus))
    with QueryEngine(corpus) as engine, working("indexing") as status:
        engine.index.progress = lambda done, total: status.count(done, total, "documents")
        report = engine.refresh(rebuild=args.rebuild)
        docs, units = engine.index.size()
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
