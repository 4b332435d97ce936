"""Tables of figures on the command line: distribution, keywords and n-grams.

``kopir query --dist``, ``--keywords`` and ``--ngrams`` ask :mod:`corpus.search.distribution`,
:mod:`corpus.search.keywords` and :mod:`corpus.search.ngrams`, and write the answer as
text, CSV, TSV or JSON (the same writers and TSV dialect as every kopir table).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from align.formats.streams import BOM
from corpus.search.distribution import Distribution
from corpus.search.keywords import KEYWORD_ROWS, Keywords, keywords
from corpus.search.ngrams import NGRAM_ROWS, Ngrams, ngrams
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.wording import plural
from tui.cli.printing import attributes, text_output, warn, write_figures


def answer_figures(engine: QueryEngine, query: Query, args: argparse.Namespace) -> bool:
    """Write the --dist, --keywords or --ngrams table ``args`` asks for; False if none."""
    found: Distribution | Keywords | Ngrams
    if args.dist:
        found = engine.distribution(query, args.dist)
    elif args.keywords:
        rows = KEYWORD_ROWS if args.limit is None else (args.limit or None)
        found = keywords(engine, query, args.side or "kk", args.min_freq, rows)
    elif args.ngrams:
        rows = NGRAM_ROWS if args.limit is None else (args.limit or None)
        found = ngrams(engine, query, args.ngrams, args.min_freq, rows)
    else:
        return False
    warn(found.warnings)
    with text_output(args.output) as out:
        if args.excel:
            out.write(BOM)
        if isinstance(found, Distribution):
            write_distribution(out, found, args.format, excel=args.excel)
        elif isinstance(found, Keywords):
            write_keywords(out, found, args.format, excel=args.excel)
        else:
            write_ngrams(out, found, args.format, excel=args.excel)
    return True


def write_distribution(out: TextIO, spread: Distribution, fmt: str, *, excel: bool = False) -> None:
    """Matches per part with words and per-million rates; the dispersion (DP) with them."""
    header = [spread.by, "matches", "units", "words", "per_million"]
    rows: list[list[object]] = [
        [
            p.key,
            p.matches,
            p.units,
            p.words,
            None if p.per_million is None else round(p.per_million, 1),
        ]
        for p in spread.parts
    ]
    about = {
        "query": spread.query.describe(),
        **attributes(spread, "by", "side", "matches", "units", "words", "dp", "dp_norm"),
    }
    shown = [[*r[:4], None if r[4] is None else f"{r[4]:,.1f}"] for r in rows]
    write_figures(
        out, fmt, header, rows, about, title=spread.summary(), shown=shown, rows_key="parts",
        excel=excel,
    )  # fmt: skip


def write_keywords(out: TextIO, found: Keywords, fmt: str, *, excel: bool = False) -> None:
    """Keywords with both counts, log-likelihood and log ratio, strongest first."""
    header = ["word", "here", "rest", "ll", "log_ratio"]
    rows = [[k.word, k.here, k.rest, round(k.ll, 2), round(k.log_ratio, 2)] for k in found.rows]
    about = {
        "subcorpus": found.query.describe(),
        **attributes(found, "side", "size_here", "size_rest"),
    }
    shown: list[list[object]] = [[w, h, r, f"{ll:.2f}", f"{lr:.2f}"] for w, h, r, ll, lr in rows]
    write_figures(
        out, fmt, header, rows, about, title=found.summary(), shown=shown,
        empty="no word is markedly more frequent here (lower --min-freq?)", excel=excel,
    )  # fmt: skip


def write_ngrams(out: TextIO, found: Ngrams, fmt: str, *, excel: bool = False) -> None:
    """The n-grams around the matches with their frequencies, most frequent first."""
    header = ["ngram", "frequency"]
    rows: list[list[object]] = [[run, n] for run, n in found.rows]
    about = {"query": found.query.describe(), **attributes(found, "size", "matches")}
    write_figures(
        out, fmt, header, rows, about,
        title=f"runs of {found.size} words around the {plural(found.matches, 'match', 'matches')}",
        empty="no run occurs often enough (lower --min-freq?)", excel=excel,
    )  # fmt: skip
