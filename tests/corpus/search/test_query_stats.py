"""Frequencies, collocates and corpus statistics, checked against counts made by hand."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
from scipy.stats.contingency import chi2_contingency

from corpus.search.frequency import collocates, frequencies, log_likelihood
from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.querylang import QueryError
from corpus.search.searchtext import count_tokens, tokens, word_set
from corpus.search.stats import stats
from corpus.storage.store import Corpus
from tests.helpers import NEWS, make_corpus, query_doc


@pytest.fixture
def engine(tmp_path: Path) -> QueryEngine:
    return QueryEngine(make_corpus(tmp_path / "c", NEWS))


def test_frequencies_by_form_and_by_document(engine: QueryEngine) -> None:
    table = frequencies(engine, Query(kk="Тоқаев*"), "form")
    assert [(r.key, r.occurrences, r.hits) for r in table.rows] == [
        ("тоқаев", 1, 1),
        ("тоқаевпен", 1, 1),
        ("тоқаевтың", 1, 1),
    ]  # ties in Kazakh alphabetical order
    assert (table.total_occurrences, table.total_hits, table.side) == (3, 3, "kk")
    by_doc = frequencies(engine, Query(kk="Тоқаев*"), "doc")
    words = {d: sum(count_tokens(k) for k, _ in pairs) for d, pairs in NEWS.items()}
    assert [(r.key, r.occurrences, r.hits, r.words) for r in by_doc.rows] == [
        ("a_news", 2, 2, words["a_news"]),
        ("b_news", 1, 1, words["b_news"]),
    ]
    assert by_doc.rows[0].per_million == pytest.approx(2 * 1e6 / words["a_news"])
    with pytest.raises(QueryError, match="use form, lemma, pos or doc"):
        frequencies(engine, Query(kk="x"), "stem")  # type: ignore[arg-type]


def test_frequencies_count_every_occurrence_and_phrases_as_one_form(tmp_path: Path) -> None:
    engine = QueryEngine(
        make_corpus(
            tmp_path / "c",
            {"d": [("Тоқаев пен Тоқаев", ""), ("ТОҚАЕВТЫҢ сөзі", ""), ("Ақ Орда, ақ орда", "")]},
        )
    )
    table = frequencies(engine, Query(kk="Тоқаев*"))
    assert [(r.key, r.occurrences, r.hits) for r in table.rows] == [
        ("тоқаев", 2, 1),
        ("тоқаевтың", 1, 1),
    ]
    phrase = frequencies(engine, Query(kk='"ақ орда"'))
    assert [(r.key, r.occurrences, r.hits) for r in phrase.rows] == [("ақ орда", 2, 1)]
    regex = frequencies(engine, Query(kk=r"Тоқаев\w*", regex=True))
    assert [(r.key, r.occurrences) for r in regex.rows] == [("тоқаев", 2), ("тоқаевтың", 1)]


def _scipy_g2(o11: int, r1: int, c1: int, n: int) -> float:
    table = [[o11, r1 - o11], [c1 - o11, n - r1 - c1 + o11]]
    g2, _, _, _ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    return float(g2)


@pytest.mark.parametrize(
    ("o11", "r1", "c1", "n"),
    [(3, 4, 3, 11), (1, 4, 1, 11), (13, 13, 13, 316), (5, 100, 40, 10_000)],
)
def test_log_likelihood_is_dunnings_g2(o11: int, r1: int, c1: int, n: int) -> None:
    assert log_likelihood(o11, r1, c1, n) == pytest.approx(_scipy_g2(o11, r1, c1, n))


def test_collocates_count_window_positions_once(tmp_path: Path) -> None:
    engine = QueryEngine(
        make_corpus(
            tmp_path / "c",
            {
                "d": [
                    ("а б Тоқаев в г", ""),
                    ("б Тоқаев б", ""),
                    ("х ц ч", ""),
                    ("Тоқаев б Тоқаев", ""),
                ]
            },
        )
    )
    found = collocates(engine, Query(kk="Тоқаев"), window=1, min_freq=1)
    # Windows: {б, в}, {б, б}, {б} (between two nodes, counted once); N = 5 + 3 + 3 + 3.
    assert (found.nodes, found.span, found.size, found.window) == (4, 5, 14, 1)
    rows = {c.word: c for c in found.rows}
    assert set(rows) == {"б", "в"}
    b = rows["б"]
    assert (b.together, b.frequency) == (4, 4)
    assert b.expected == pytest.approx(5 * 4 / 14)
    assert b.mi == pytest.approx(math.log2(4 / (5 * 4 / 14)))
    assert b.ll == pytest.approx(_scipy_g2(4, 5, 4, 14))
    assert found.rows[0].word == "б"  # ranked by log-likelihood
    assert collocates(engine, Query(kk="Тоқаев"), window=1, min_freq=2).rows == [found.rows[0]]
    wide = collocates(engine, Query(kk="Тоқаев"), window=5, min_freq=1)
    assert {c.word for c in wide.rows} >= {"а", "б", "в", "г"}
    assert "тоқаев" not in {c.word for c in wide.rows}  # the node never counts


def test_collocates_on_the_other_side_suggest_translations(engine: QueryEngine) -> None:
    found = collocates(engine, Query(kk="ЕҚЫҰ"), side="en", min_freq=1)
    assert found.window is None and (found.nodes, found.span, found.size) == (2, 2, 8)
    rows = {c.word: c for c in found.rows}
    assert rows["osce"].together == 1 and rows["osce"].frequency == 1
    assert "the" not in rows or rows["the"].mi < rows["osce"].mi  # "the" is everywhere
    # "other" is the side opposite the query's, whichever that is
    assert collocates(engine, Query(kk="ЕҚЫҰ"), side="other", min_freq=1) == found
    back = collocates(engine, Query(en="OSCE"), side="other", min_freq=1)
    assert back.side == "kk" and back.window is None and "еқыұ" in {c.word for c in back.rows}


def test_collocates_on_a_filtered_corpus_count_only_what_is_searched(engine: QueryEngine) -> None:
    everywhere = collocates(engine, Query(kk="Тоқаев*"), window=2, min_freq=1)
    one_doc = collocates(engine, Query(kk="Тоқаев*", docs=("b_news",)), window=2, min_freq=1)
    words = sum(count_tokens(k) for k, _ in NEWS["b_news"])
    assert one_doc.size == words < everywhere.size
    assert {c.word for c in one_doc.rows} == {"президент", "кездесу", "болды"}
    assert all(c.frequency == 1 for c in one_doc.rows)


def test_collocate_arguments_are_checked(engine: QueryEngine) -> None:
    for kwargs, message in (
        ({"window": 0}, "at least one word"),
        ({"min_freq": 0}, "at least 1"),
        ({"side": "ru"}, "unknown side"),
        ({"by": "t"}, "unknown collocate measure"),
    ):
        with pytest.raises(QueryError, match=message):
            collocates(engine, Query(kk="Тоқаев"), **kwargs)  # type: ignore[arg-type]


def test_stats_match_the_documents(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    first = query_doc("a", [("Бір екі.", "One two."), ("Үш.", ""), ("", "Four.")], confirmed=[0])
    second = query_doc("b", [("Бес алты жеті.", "Five six seven.")], date="2021-05-01")
    second.kk.blocks[0].sentences.append(second.kk.blocks[0].sentences[0].plain("kk.s2", "Сегіз."))
    second.links[0] = second.links[0].__class__(("kk.s1", "kk.s2"), ("en.s1",), "auto", 0.5)
    draft = query_doc("c", [("Тоғыз.", "Nine.")], linked=False)
    for doc in (first, second, draft):
        corpus.save(doc)
    found = stats(corpus)
    by_doc = {d.doc: d for d in found.documents}
    assert list(by_doc) == ["a", "b", "c"]
    a, b, c = by_doc["a"], by_doc["b"], by_doc["c"]
    assert (a.kk_sentences, a.en_sentences, a.kk_words, a.en_words) == (2, 2, 3, 3)
    assert (a.beads, a.confirmed, a.confirmed_share) == (3, 1, pytest.approx(1 / 3))
    assert a.bead_types == Counter({"1-1": 1, "1-0": 1, "0-1": 1})
    assert (b.bead_types, b.date, b.kk_sentences, b.kk_words) == (
        Counter({"2-1": 1}),
        "2021-05-01",
        2,
        4,
    )
    assert (c.beads, c.confirmed_share, c.unaligned_kk, c.unaligned_en) == (0, None, 1, 1)
    total = found.overall
    assert (total.kk_sentences, total.en_sentences, total.beads, total.confirmed) == (5, 4, 4, 1)
    assert total.bead_types == Counter({"1-1": 1, "1-0": 1, "0-1": 1, "2-1": 1})
    assert total.as_dict()["confirmed_percent"] == 25.0
    assert found.as_dict()["documents"] == 3


def test_stats_of_an_empty_corpus_and_of_one_with_a_broken_file(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    (corpus.root / ".kopir").mkdir(parents=True)  # a corpus whose documents were removed
    empty = stats(corpus)
    assert empty.documents == [] and empty.overall.beads == 0
    assert empty.overall.confirmed_share is None
    (corpus.root / "broken.xml").write_bytes(b"\x00\x01 not xml")
    corpus.save(query_doc("fine", [("Бір.", "One.")]))
    found = stats(corpus)
    assert [d.doc for d in found.documents] == ["fine"]
    assert list(found.failed) == ["broken"]


def test_candidate_translations_count_each_word_once_per_unit_as_the_hits_show_it(
    engine: QueryEngine,
) -> None:
    """Counted from the units' texts without making hits, the other side's words are
    those of the hits' texts, each unit counting a word once."""
    hits, _ = engine.matches(Query(kk="Тоқаев*"))
    expected: Counter[str] = Counter()
    for hit in hits:
        expected.update({t.norm for t in tokens(hit.en)})
    found = collocates(engine, Query(kk="Тоқаев*"), side="en", min_freq=1, limit=None)
    assert found.rows and {c.word: c.together for c in found.rows}.items() <= expected.items()
    assert found.nodes == found.span == sum(1 for hit in hits if hit.en)


@pytest.mark.parametrize(
    "text", ["ΟΔΟΣ.Α ΟΔΟΣ", "İstanbul İSTANBUL", "мен-ақ Мен мен", "a_b \ue001x", ""]
)
def test_the_word_set_of_a_text_is_its_tokens_search_forms(text: str) -> None:
    assert word_set(text) == {t.norm for t in tokens(text)}
