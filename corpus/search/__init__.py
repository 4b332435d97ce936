"""The concordance: an SQLite index derived from the TEI files, and everything that reads it.

Modules: ``index`` (build and refresh), ``querylang`` and ``searchtext`` (what a linguist types,
how text is cut into words), ``plan`` (queries, their conditions, sorting), ``query`` (the
engine: freshness, caching, paging), ``fetch`` (the SQL and scans behind a plan),
``results`` (hits, KWIC lines, pages), ``concordance`` (one line per match, sorted by
node or L1–L3 / R1–R3), ``regexfilter`` and ``regexscan`` (regular expressions),
``budget`` (their time budget), ``frequency`` (frequencies and collocates), ``stats`` (corpus
statistics).

The public face, for the command line, the app and scripts:
"""

from corpus.search.budget import Budget, RegexTimeout, SearchCancelled
from corpus.search.concordance import LINE_SORTS, Concordance, MatchLine, match_lines, sort_lines
from corpus.search.plan import SORTS, Query
from corpus.search.query import QueryEngine, search
from corpus.search.querylang import QueryError
from corpus.search.results import Hit, KwicLine, Results

__all__ = [
    "LINE_SORTS",
    "SORTS",
    "Budget",
    "Concordance",
    "Hit",
    "KwicLine",
    "MatchLine",
    "Query",
    "QueryEngine",
    "QueryError",
    "RegexTimeout",
    "Results",
    "SearchCancelled",
    "match_lines",
    "search",
    "sort_lines",
]
