"""Keywords of a subcorpus: the words it has markedly more often than the rest of the corpus.

The subcorpus is what a query's filters keep (``docs``, ``since``/``until``,
``statuses``; no words are searched); the reference is the rest of the corpus, so
the two never overlap. For every word of one side the subcorpus has at least
``min_freq`` times, with ``a`` its count there, ``b`` in the rest, ``c`` and ``d``
the two sizes in words:

* log-likelihood is Dunning's G² on the 2×2 table (a, c − a, b, d − b)
  (:func:`corpus.search.frequency.log_likelihood`, as collocates use it); 3.84 is
  p < 0.05, 6.63 p < 0.01, 15.13 p < 0.0001 for one degree of freedom;
* log ratio is log₂ of the two relative frequencies (Hardie 2014), an effect size:
  1 is twice as frequent; a word absent from the rest counts as 0.5 there;

and only words relatively more frequent in the subcorpus (positive keywords) are
kept, by log-likelihood. Counts are of word forms in lower case, the way the index
cuts words; Kazakh printed in the Latin alphabet or in the Arabic script counts as its
Cyrillic reading (:func:`corpus.search.reading.words_as_read`), as the index vocabulary
holds it, so its words are listed and counted with the Cyrillic ones. The whole corpus's
counts come from the FTS5 vocabulary; the subcorpus's from its units' text.
:func:`keyword_query` is the search that lists a keyword's lines in the subcorpus (a
keyword row leads to its concordance).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from corpus.errors import Remedy
from corpus.search.fetch import subcorpus_texts
from corpus.search.frequency import log_likelihood, not_counted
from corpus.search.plan import Query, check_statuses
from corpus.search.query import QueryEngine
from corpus.search.querylang import QueryError
from corpus.search.reading import stored_keys

#: Keywords listed unless asked otherwise.
KEYWORD_ROWS = 100


@dataclass(frozen=True)
class Keyword:
    word: str
    here: int  # a: occurrences in the subcorpus
    rest: int  # b: in the rest of the corpus
    ll: float
    log_ratio: float


@dataclass
class Keywords:
    """The subcorpus's keywords on one side, with both sizes."""

    query: Query
    side: str
    size_here: int
    size_rest: int
    rows: list[Keyword]
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.side} keywords of the subcorpus ({self.size_here:,} words) against the rest "
            f"of the corpus ({self.size_rest:,} words), by log-likelihood"
        )


def keywords(
    engine: QueryEngine, query: Query, side: str = "kk", min_freq: int = 3,
    rows: int | None = KEYWORD_ROWS,
) -> Keywords:  # fmt: skip
    """The keywords of the subcorpus ``query``'s filters keep (its words are not used)."""
    if side not in ("kk", "en"):
        raise QueryError(f"unknown side {side!r}: use kk or en")
    if min_freq < 1:
        raise QueryError("--min-freq must be at least 1")
    if not (query.docs or query.since or query.until or query.statuses):
        raise QueryError(
            "keywords compare a subcorpus with the rest of the corpus",
            Remedy("subcorpus", "say which"),
        )
    check_statuses(query)
    notes = not_counted(engine)
    conn = engine.index.conn
    here: Counter[str] = Counter()
    for text, read in subcorpus_texts(conn, query, side):
        here.update(stored_keys(text, read, side))
    whole = dict(conn.execute("SELECT term, cnt FROM vocab WHERE col = ?", (side,)))
    total = conn.execute(f"SELECT coalesce(sum({side}_tokens), 0) FROM docs").fetchone()[0]
    size_here = sum(here.values())
    size_rest = total - size_here
    found = []
    for word, a in here.items():
        b = whole.get(word, a) - a
        if a < min_freq or not size_rest or a * size_rest <= b * size_here:
            continue
        ratio = math.log2((a / size_here) / (max(b, 0.5) / size_rest))
        ll = log_likelihood(a, size_here, a + b, size_here + size_rest)
        found.append(Keyword(word, a, b, ll, ratio))
    found.sort(key=lambda k: (-k.ll, -k.here, k.word))
    return Keywords(query, side, size_here, size_rest, found[:rows], notes)


def keyword_query(subcorpus: Query, side: str, word: str, unit: str = "form") -> Query:
    """The search for ``word`` on ``side`` in the subcorpus ``subcorpus``'s filters keep:
    its matches are the occurrences a keyword row counted (``here``), or a word list's row
    (:func:`corpus.search.frequency.word_list`; ``unit`` ``lemma``: any form of the lemma
    ``word``). The subcorpus's own words, if it had any, are not part of it (keywords and
    word lists do not use them)."""
    if side not in ("kk", "en"):
        raise QueryError(f"unknown side {side!r}: use kk or en")
    if unit not in ("form", "lemma"):
        raise QueryError(f"no search finds the words of a {unit}: search lemma:LEMMA/TAG")
    empty = Query()
    words_of_query = {
        name: getattr(empty, name)
        for name in ("text", "kk", "en", "kk_not", "en_not", "regex", "match_case")
    }
    wanted = f"lemma:{word}" if unit == "lemma" else f'"{word}"'
    return replace(subcorpus, **{**words_of_query, side: wanted})
