"""A regular expression counted in the index vocabulary gives exactly what the scan gives.

:mod:`corpus.search.regexvocab` answers a page of a word-confined pattern from the
FTS5 vocabulary; :meth:`QueryEngine.concordance` scans every unit. Random texts
mix what makes the two disagree when a rule is too loose (underscores joining
``\\w`` runs, hyphens, apostrophes, digits, combining marks, upper case, ``İ``,
``ı``, ``ſ``) with plain Kazakh words.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.search import Query, QueryEngine
from corpus.search.concordance import MatchLine
from corpus.search.querylang import QueryError
from corpus.search.regexvocab import has_doubtful, vocabulary_pattern, word_list
from corpus.search.searchtext import DOUBTFUL, PLAIN, TOKENIZER
from corpus.storage.store import Corpus
from tests.helpers import make_corpus

PLAIN_CHARS = [chr(c) for c in range(0x600) if regex.fullmatch(PLAIN, chr(c))]


def _where(line: MatchLine) -> tuple[object, ...]:
    return line.hit.doc, line.hit.position, line.number, line.span, line.node


def _same_as_the_scan(engine: QueryEngine, query: Query) -> bool:
    """Asserts every page of ``query`` equals the scanned concordance's slice;
    whether the vocabulary answered it."""
    whole, _ = engine.concordance(query)
    expected = [_where(line) for line in whole.lines]
    for offset, limit in ((0, 50), (0, 2), (3, 4), (len(expected) - 1, 5)):
        page = engine.lines(query, limit, max(offset, 0))
        assert (page.matches, page.units) == (whole.matches, whole.units), query
        assert [_where(line) for line in page.lines] == expected[max(offset, 0) : offset + limit]
    chosen = vocabulary_pattern(engine.plan(query), "doc")
    return chosen is not None and not has_doubtful(engine.index.conn, chosen[0])


def test_plain_letters_case_alike_in_sqlite_and_regex() -> None:
    """Each :data:`PLAIN` character is one index word lowercased as ``str.lower`` does,
    and ``regex`` ignoring case matches two of them exactly when their lower cases agree."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f'CREATE VIRTUAL TABLE t USING fts5(x, tokenize="{TOKENIZER}")')
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    for c in PLAIN_CHARS:
        conn.execute("DELETE FROM t")
        conn.execute("INSERT INTO t VALUES (?)", (f"x{c}x",))
        assert [term for (term,) in conn.execute("SELECT term FROM v")] == [f"x{c.lower()}x"]
    assert len(PLAIN_CHARS) > 300
    for c in PLAIN_CHARS:
        assert regex.fullmatch(r"\w", c)
        for d in PLAIN_CHARS:
            same = regex.fullmatch(regex.escape(c), d, regex.IGNORECASE | regex.V0) is not None
            assert same == (c.lower() == d.lower()), (c, d)


WORD_PIECES = ["стан", "ді", "қаз", "ақ", "ә", "ө", "а", "Ді", "СТАН", "Ә", "і", "I", "i", "ə", "Ə"]
ODD_PIECES = ["_", "-", "'", "’", "7", "\u0301", "İ", "ı", "ſ", "\ue000", "²"]
PATTERN_ATOMS = [
    r"\w+", r"\w", r"\w*", r"\b", r"\B", "[әө]", "ді", "стан", "а", "(?:ақ|ді)", "[а-я]",
    r"\d", "I", "і", "ı", "_", "-", ".", r"\s", "[^а]", "^", "$", "(?=ді)", r"\w{2}",
]  # fmt: skip


def _word(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), min_size=1, max_size=4).map("".join)


words = st.one_of(_word(WORD_PIECES), _word(WORD_PIECES + ODD_PIECES))
sentences = st.lists(words, min_size=1, max_size=6).map(lambda ws: " ".join(ws) + ".")
units = st.lists(sentences, min_size=1, max_size=3).map(" ".join)
patterns = st.lists(st.sampled_from(PATTERN_ATOMS), min_size=1, max_size=4).map("".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(
    texts=st.lists(units, min_size=1, max_size=8),
    plain=st.booleans(),
    chosen=st.lists(patterns, min_size=1, max_size=6),
)
def test_vocabulary_pages_equal_the_scan(texts: list[str], plain: bool, chosen: list[str]) -> None:
    if plain:  # a corpus the vocabulary may answer: only plain word characters
        texts = [DOUBTFUL.sub("", t) or "ақ." for t in texts]
    rows = [(t, f"Line {i}.") for i, t in enumerate(texts)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_corpus(Path(tmp) / "c", {"a": rows, "b": rows[::-1]}).root
        with QueryEngine(Corpus(folder)) as engine:
            for source in chosen:
                try:
                    _same_as_the_scan(engine, Query(kk=source, regex=True))
                except QueryError:
                    continue  # refused (matches the empty string, invalid): not this test's


def test_the_vocabulary_answers_suffix_searches_and_they_equal_the_scan(tmp_path: Path) -> None:
    rows = [
        ("Қазақстан мен Өзбекстан. Ауғанстан-ға бардық.", "Kazakhstan."),
        ("ӘКЕЛДІ, өлеңді айтты; 2021-жылы келді.", "He came."),
        ("Стан стандарт сөзді.", "Words."),
    ]
    folder = make_corpus(tmp_path / "c", {"a": rows}).root
    with QueryEngine(Corpus(folder)) as engine:
        for source in (r"\w+стан\b", r"[әө]\w+ді\b", r"\bстан\w*", r"с(?:т|д)а", r"\w\B"):
            assert _same_as_the_scan(engine, Query(kk=source, regex=True)), source
        assert engine.lines(Query(kk=r"\w+стан\b", regex=True)).matches == 3


def test_an_underscore_anywhere_in_a_side_sends_its_patterns_to_the_scan(tmp_path: Path) -> None:
    """``қазақ_стан`` is one ``\\w`` run but two index words: counted in the vocabulary,
    ``\\w+стан\\b`` would miss it."""
    rows = [("Қазақстан бар.", "Yes."), ("қазақ_стан жоқ.", "No.")]
    folder = make_corpus(tmp_path / "c", {"a": rows}).root
    with QueryEngine(Corpus(folder)) as engine:
        query = Query(kk=r"\w+стан\b", regex=True)
        assert not _same_as_the_scan(engine, query)
        assert engine.lines(query).matches == 2
        assert _same_as_the_scan(engine, Query(en=r"\w+e\b", regex=True))


def _counted_in_words(engine: QueryEngine, source: str) -> int:
    """Matches of a Kazakh pattern, asserting the vocabulary (not the scan) counted them."""
    query = Query(kk=source, regex=True)
    assert vocabulary_pattern(engine.plan(query), "doc") is not None
    assert not has_doubtful(engine.index.conn, "kk")
    return engine.lines(query).matches


def test_the_word_list_is_read_once_per_index_generation(tmp_path: Path) -> None:
    folder = make_corpus(tmp_path / "c", {"a": [("Қазақстан бар.", "Yes.")]}).root
    with QueryEngine(Corpus(folder)) as engine:
        assert _counted_in_words(engine, r"\w+стан\b") == 1
        kept = word_list(engine.index.conn, "kk")
        assert word_list(engine.index.conn, "kk") is kept
        make_corpus(folder, {"b": [("Өзбекстан мен Ауғанстан.", "Two.")]})
        assert _counted_in_words(engine, r"\w+стан\b") == 3  # the new words, not the kept list
        assert word_list(engine.index.conn, "kk") is not kept


def test_two_indexes_at_the_same_generation_keep_their_own_word_lists(tmp_path: Path) -> None:
    """Two corpora built alike are both at their first generation: the kept list of
    one must not answer the other."""
    one = make_corpus(tmp_path / "one", {"a": [("Қазақстан бар.", "Yes.")]}).root
    two = make_corpus(tmp_path / "two", {"a": [("Өзбекстан, Ауғанстан.", "Yes.")]}).root
    with QueryEngine(Corpus(one)) as first, QueryEngine(Corpus(two)) as second:
        assert _counted_in_words(first, r"\w+стан\b") == 1
        assert _counted_in_words(second, r"\w+стан\b") == 2
        assert first.index.generation() == second.index.generation()
        assert _counted_in_words(first, r"\w+стан\b") == 1
