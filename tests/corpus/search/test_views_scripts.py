"""The linguist's views read Kazakh printed in the 2018 Latin alphabet or in the Arabic
script (töte) as its Cyrillic reading, as the index and frequencies do, and mark its
words where they are printed: a drilled-into collocate or translation, keyword lists,
collocate frequencies in a subcorpus, n-grams and the concordance's sorting.

The corpus is ``tests.helpers.SCRIPTS``, written for these tests: the same three
sentences in Cyrillic, in the Latin alphabet and in töte; the Latin one adds "Балық көп
болды." and the töte one "Кеше жаңбыр жауды.". Every count below is made by hand from
those sentences.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.search import Query, QueryEngine
from corpus.search.concordance import LINE_SORTS, MatchLine, line_key
from corpus.search.drill import Figure, drill, equivalent_marker
from corpus.search.frequency import collocates
from corpus.search.keywords import keyword_query, keywords
from corpus.search.ngrams import ngrams
from corpus.search.paging import single_word_page
from corpus.search.plan import Span
from corpus.search.reading import context_as_read
from corpus.storage.store import Corpus
from tests.helpers import SCRIPTS as DOCS
from tests.helpers import make_corpus


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    root: Path = tmp_path_factory.mktemp("views") / "c"
    make_corpus(root, DOCS)
    with QueryEngine(Corpus(root)) as eng:
        yield eng


def _marked(line: MatchLine, spans: list[tuple[int, int]], side: str) -> list[str]:
    text = line.hit.text(side)
    return [text[s:e] for s, e in spans]


def test_a_drilled_collocate_is_marked_where_it_is_printed(engine: QueryEngine) -> None:
    # өзен* near Балықшылар: sentences 1 and 3 of each document (2 lines each).
    found = drill(engine, Query(kk="өзен*"), Figure("near", "балықшылар", window=5))
    assert [line.hit.doc for line in found.lines.lines] == [
        "a_cyrillic", "a_cyrillic", "b_latin", "b_latin", "c_tote", "c_tote",
    ]  # fmt: skip
    assert found.marker is not None
    marked = [
        _marked(line, found.marker(line, "kk", line.hit.kk), "kk") for line in found.lines.lines
    ]
    assert marked == [["Балықшылар"]] * 2 + [["Balyqshylar"]] * 2 + [["بالىقشىلار"]] * 2


def test_a_drilled_translation_is_marked_where_it_is_printed(engine: QueryEngine) -> None:
    # "fishermen" is in sentences 1 and 3; балық (the fish) in sentence 3 alone.
    found = drill(engine, Query(en="fishermen"), Figure("other", "балық", side="kk"))
    assert [line.hit.doc for line in found.lines.lines] == ["a_cyrillic", "b_latin", "c_tote"]
    assert found.marker is not None
    marked = [
        _marked(line, found.marker(line, "kk", line.hit.kk), "kk") for line in found.lines.lines
    ]
    assert marked == [["балық"], ["balyq"], ["بالىق"]]


def test_a_likely_translation_is_marked_where_it_is_printed(engine: QueryEngine) -> None:
    # The likely translation of an English node marked in the Kazakh under it (the
    # Query screen's marks without a drill-down), as printed: "fish" is in sentence 3 of
    # each document and in the Latin one's sentence 4.
    found, _ = engine.concordance(Query(en="fish"))
    mark = equivalent_marker(["балық"])
    marked = [_marked(line, mark(line, "kk", line.hit.kk), "kk") for line in found.lines]
    assert marked == [["балық"], ["balyq"], ["Balyq"], ["بالىق"]]
    assert all(mark(line, "en", line.hit.en) == [] for line in found.lines)  # the node's side


def test_keyword_lists_count_the_reading(engine: QueryEngine) -> None:
    # The Latin document against the other two (14 words against 25): балық twice in
    # each part; көп and болды in it alone. Every other word is no more frequent there.
    latin = keywords(engine, Query(docs=("b_latin",)), min_freq=1)
    assert (latin.size_here, latin.size_rest) == (4 + 3 + 4 + 3, (4 + 3 + 4) * 2 + 3)
    assert {(k.word, k.here, k.rest) for k in latin.rows} == {
        ("балық", 2, 2), ("көп", 1, 0), ("болды", 1, 0),
    }  # fmt: skip
    fish = next(k for k in latin.rows if k.word == "балық")
    assert fish.log_ratio == pytest.approx(math.log2((2 / 14) / (2 / 25)))
    # The row opens the lines it counted: balyq and Balyq.
    lines, _ = engine.concordance(keyword_query(latin.query, "kk", "балық"))
    assert [line.node for line in lines.lines] == ["balyq", "Balyq"]
    # The töte document: кеше twice there and twice in the rest; жаңбыр, жауды alone.
    tote = keywords(engine, Query(docs=("c_tote",)), min_freq=1)
    assert {(k.word, k.here, k.rest) for k in tote.rows} == {
        ("кеше", 2, 2), ("жаңбыр", 1, 0), ("жауды", 1, 0),
    }  # fmt: skip


def test_collocate_frequencies_in_a_subcorpus_count_the_reading(engine: QueryEngine) -> None:
    # Within one word of өзен (sentences 1 and 2 of each document): Балықшылар,
    # жағасында, кеше, once each a document. In the three documents Балықшылар is 6
    # times, жағасында 3, кеше 4 (twice in töte); the filtered count (read from the
    # units) and the whole corpus's (the vocabulary) agree.
    def table(query: Query) -> dict[str, tuple[int, int]]:
        found = collocates(engine, query, window=1, min_freq=1, limit=None)
        return {c.word: (c.together, c.frequency) for c in found.rows}

    expected = {"балықшылар": (3, 6), "жағасында": (3, 3), "кеше": (3, 4)}
    assert table(Query(kk="өзен")) == expected
    assert table(Query(kk="өзен", docs=tuple(DOCS))) == expected


def test_ngrams_count_the_reading_and_mark_the_printed_run(engine: QueryEngine) -> None:
    # Two-word runs around өзен*: each of the five once a document.
    found = ngrams(engine, Query(kk="өзен*"), size=2, min_freq=1)
    assert sorted(found.rows) == [
        ("балықшылар өзен", 3), ("балықшылар өзеннен", 3), ("өзен жағасында", 3),
        ("өзен кеше", 3), ("өзеннен балық", 3),
    ]  # fmt: skip
    lines = drill(engine, Query(kk="өзен*"), Figure("ngram", "өзен кеше"))
    assert lines.marker is not None
    shown = lines.lines.lines
    marked = [_marked(line, lines.marker(line, "kk", line.hit.kk), "kk") for line in shown]
    assert marked == [["Өзен кеше"], ["Ózen keshe"], ["ٶزەن كەشە"]]


@pytest.mark.parametrize("paged", [False, True])
def test_the_concordance_sorts_by_the_words_as_read(engine: QueryEngine, paged: bool) -> None:
    def order(query: Query, sort: str) -> list[tuple[str, str]]:
        if paged:
            lines = engine.lines(query, limit=None, sort=sort).lines
        else:
            lines = list(engine.concordance(query, sort)[0].lines)
        return [(line.hit.doc[0], line.node) for line in lines]

    # By R1: жағасында (sentence 1) before кеше (sentence 2), each document in order.
    sentence_1 = [("a", "өзен"), ("b", "ózen"), ("c", "ٶزەن")]
    sentence_2 = [("a", "Өзен"), ("b", "Ózen"), ("c", "ٶزەن")]
    assert order(Query(kk="өзен"), "R1") == sentence_1 + sentence_2
    # By L1: sentence 2 has nothing left of its node, so it comes first.
    assert order(Query(kk="өзен"), "L1") == sentence_2 + sentence_1
    # By the node, as read: өзен (R1 жағасында, then кеше), then өзеннен.
    sentence_3 = [("a", "өзеннен"), ("b", "ózennen"), ("c", "ٶزەننەن")]
    assert order(Query(kk="өзен*"), "node") == sentence_1 + sentence_2 + sentence_3


QUERIES = [
    Query(kk=text) for text in ["өзен", "өзен*", "балық*", "кеше", "ózen", "balyq*", "бала*"]
] + [Query(kk="ózen|өзен|ٶزەن", regex=True), Query(kk=r"\w+", regex=True)]


@pytest.mark.parametrize("sort", LINE_SORTS)
def test_a_page_of_lines_is_the_concordance_in_every_script(engine: QueryEngine, sort: str) -> None:
    # A page of one word's lines (found in one pass over the joined texts: Kazakh printed
    # in another script as its reading) is the same as the concordance of every match,
    # its spans on the printed words, whatever the order and the page.
    def seen(lines: Sequence[MatchLine]) -> list[tuple[str, int | None, int, Span, str]]:
        return [(ln.hit.doc, ln.hit.bead, ln.number, ln.span, ln.kwic().match) for ln in lines]

    for query in QUERIES:
        every = list(engine.concordance(query, sort)[0].lines)
        page = engine.lines(query, limit=None, sort=sort)
        assert seen(page.lines) == seen(every), query.kk
        assert page.matches == len(every)
        assert seen(engine.lines(query, limit=2, offset=1, sort=sort).lines) == seen(every[1:3])


def test_a_page_of_one_word_is_read_in_one_pass(engine: QueryEngine) -> None:
    # With readings in the corpus, a Cyrillic word still takes the one-pass page; a word
    # in a printed spelling (ózen) is found in the printed text, unit by unit.
    conn = engine.index.conn
    assert single_word_page(conn, engine.plan(Query(kk="өзен")), "R1", 0, None) is not None
    assert single_word_page(conn, engine.plan(Query(kk="ózen")), "R1", 0, None) is None
    found = single_word_page(conn, engine.plan(Query(kk="кеше")), "doc", 0, None)
    assert found is not None
    matches, units, lines = found
    # кеше: sentence 2 of each document and the töte one's sentence 4.
    assert (matches, units) == (4, 4)
    assert [line.node for line in lines] == ["кеше", "keshe", "كەشە", "كەشە"]


WHOLE_WORDS = Query(kk=r"\bózen\b|\bөзен\b|\bٶزەن\b", regex=True)


@pytest.mark.parametrize("query", [Query(kk="өзен"), WHOLE_WORDS])
def test_hits_sorted_by_context_sort_by_the_words_as_read(
    engine: QueryEngine, query: Query
) -> None:
    # Units, not lines (QueryEngine.search): right of өзен, жағасында (sentence 1, bead 0)
    # before кеше (sentence 2); left of it, nothing (sentence 2) before Балықшылар.
    def order(sort: str) -> list[tuple[str, int | None]]:
        return [(hit.doc[0], hit.bead) for hit in engine.search(query, None, sort=sort).hits]

    sentence_1, sentence_2 = [("a", 0), ("b", 0), ("c", 0)], [("a", 1), ("b", 1), ("c", 1)]
    assert order("right") == sentence_1 + sentence_2
    assert order("left") == sentence_2 + sentence_1
    # The lines of a regular expression sort as those of a word query do.
    lines = [(ln.hit.doc[0], ln.hit.bead) for ln in engine.lines(query, None, sort="R1").lines]
    assert lines == sentence_1 + sentence_2


def test_the_context_of_a_match_as_read() -> None:
    printed, read = "Balyqshylar ózennen balyq aýlady.", "Балықшылар өзеннен балық аулады."
    # Whole words are read; the rest of a word a match cuts (ózen of ózennen) is printed,
    # as the rest of өзеннен is a word of a Cyrillic line's context.
    assert context_as_read(printed, read, (12, 19)) == (["балықшылар"], ["балық", "аулады"])
    assert context_as_read(printed, read, (12, 16)) == (["балықшылар"], ["nen", "балық", "аулады"])
    assert context_as_read(printed, read, (28, 30)) == (  # la of aýlady
        ["aý", "балық", "өзеннен", "балықшылар"],
        ["dy"],
    )


PIECES = ["мен", "Мен", "менің", "мен-ақ", "-мен", "ол", "әке", "x1", "б-", "өзеннен"]


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", ", ", ". ", " - ", "«", ""])),
        min_size=1,
        max_size=8,
    ),
    cut=st.tuples(st.floats(0, 1), st.floats(0, 1)),
    sort=st.sampled_from(LINE_SORTS[1:]),
)
def test_a_text_read_as_itself_sorts_as_the_text(
    pairs: list[tuple[str, str]], cut: tuple[float, float], sort: str
) -> None:
    # The words as read, a cut word's rest as printed: a Cyrillic text given as its own
    # reading has exactly the keys of the text, whatever part of it a match covers.
    text = "".join(word + gap for word, gap in pairs)
    start, end = sorted(round(c * len(text)) for c in cut)
    if start == end:
        return
    assert line_key(text, (start, end), sort, read=text) == line_key(text, (start, end), sort)
