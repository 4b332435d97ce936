"""From a figure to its lines: each row of a frequency or collocate table opens the lines
it counted, checked against the tables themselves and against counts made by hand."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from corpus.search import Query, QueryEngine
from corpus.search.drill import (
    Figure,
    drill,
    equivalent_spans,
    key_spans,
    likely_translations,
    lines_in_part,
    lines_near,
    lines_of_key,
    lines_with,
    lines_with_run,
    node_key,
)
from corpus.search.frequency import collocates, frequencies
from corpus.search.ngrams import ngrams, run_spans
from corpus.search.searchtext import words
from corpus.storage.store import Corpus
from tests.helpers import make_corpus

ROWS = [
    ("Тоқаев сапарға шықты, Тоқаевпен бірге министр", "Tokayev left on a visit with the minister"),
    ("Тоқаевтың сапары аяқталды", "Tokayev's visit ended"),
    ("министр сапарға шықты", "The minister left on a visit"),
    ("Тоқаев сөз сөйледі", "Tokayev spoke"),
]


@pytest.fixture
def engine(tmp_path: Path) -> QueryEngine:
    return QueryEngine(make_corpus(tmp_path / "c", {"a": ROWS[:2], "b": ROWS[2:]}))


def test_each_frequency_row_opens_as_many_lines_as_it_counts(engine: QueryEngine) -> None:
    query = Query(kk="Тоқаев*")
    found, _ = engine.concordance(query)
    table = frequencies(engine, query, "form")
    assert {r.key for r in table.rows} == {"тоқаев", "тоқаевпен", "тоқаевтың"}
    for row in table.rows:
        lines = lines_of_key(found, row.key)
        assert (lines.matches, lines.units) == (row.occurrences, row.hits), row.key
        assert {line.node.lower() for line in lines.lines} == {row.key}
    assert lines_of_key(found, "тоқаев").matches == 2  # units 1 and 4
    assert lines_of_key(found, "сапар").matches == 0


def test_lemma_rows_group_the_forms_they_count(engine: QueryEngine) -> None:
    query = Query(kk="Тоқаев*")
    found, _ = engine.concordance(query)
    table = frequencies(engine, query, "lemma")
    for row in table.rows:
        lines = lines_of_key(found, row.key, "lemma")
        assert lines.matches == row.occurrences
        assert all(node_key(line, "lemma") == row.key for line in lines.lines)
    assert sum(lines_of_key(found, r.key, "lemma").matches for r in table.rows) == found.matches


def test_a_collocate_opens_the_lines_with_it_in_the_window(engine: QueryEngine) -> None:
    found, _ = engine.concordance(Query(kk="сапарға"))
    assert found.matches == 2
    near = lines_near(found, "шықты", window=1)
    assert near.matches == 2  # right after the node, both times
    far = lines_near(found, "министр", window=1)
    assert far.matches == 1  # "министр сапарға": one word left; the other is 4 words away
    assert lines_near(found, "министр", window=5).matches == 2
    assert lines_near(found, "сапарға", window=5).matches == 0, "the node is not its collocate"
    table = collocates(engine, Query(kk="сапарға"), window=1, min_freq=1)
    shown = {c.word: c.together for c in table.rows}
    assert shown["шықты"] == lines_near(found, "шықты", 1).matches


def test_a_candidate_translation_opens_the_lines_whose_unit_has_it(engine: QueryEngine) -> None:
    found, _ = engine.concordance(Query(kk="Тоқаев*"))
    assert (found.matches, found.units) == (4, 3)
    visit = lines_with(found, "visit", "en")
    assert (visit.matches, visit.units) == (3, 2)  # a unit with two matches gives two lines
    assert lines_with(found, "spoke", "en").matches == 1
    table = collocates(engine, Query(kk="Тоқаев*"), side="other", min_freq=1)
    together = {c.word: c.together for c in table.rows}
    assert together["tokayev"] == lines_with(found, "tokayev", "en").units == 3


def test_key_spans_mark_the_word_in_the_text() -> None:
    text = "Tokayev's visit, visits and the visit"
    assert [text[s:e] for s, e in key_spans(text, "en", "visit")] == ["visit", "visit"]
    by_lemma = [text[s:e] for s, e in key_spans(text, "en", "visit", "lemma")]
    assert by_lemma.count("visits") == 1 and len(by_lemma) >= 2


def test_the_likely_translation_is_marked_in_each_unit(tmp_path: Path) -> None:
    rows = [(f"ЕҚЫҰ жиналысы {n} өтті", f"The OSCE meeting {n} took place") for n in range(8)]
    rows += [(f"Басқа жиналыс {n} өтті", f"The other meeting {n} took place") for n in range(8)]
    rows += [("ЕҚЫҰ туралы", "About the Organization")]  # no OSCE in this one
    with QueryEngine(make_corpus(tmp_path / "c", {"d": rows})) as engine:
        table = collocates(engine, Query(kk="ЕҚЫҰ"), side="other", min_freq=1)
    candidates = likely_translations(table)
    assert candidates[0] == "osce"
    assert "meeting" not in candidates and "the" not in candidates  # everywhere
    text = "The OSCE meeting took place in the OSCE hall"
    assert [text[s:e] for s, e in equivalent_spans(text, "en", candidates)] == ["OSCE", "OSCE"]
    assert equivalent_spans("About the Organization", "en", ["osce"]) == []
    assert equivalent_spans("an organization and OSCE", "en", ["osce", "organization"]) == [
        (20, 24)
    ], "the best-ranked candidate wins"


@pytest.mark.parametrize("by", ["doc", "status"])
def test_each_part_of_a_distribution_opens_its_lines(engine: QueryEngine, by: str) -> None:
    query = Query(kk="Тоқаев*")
    found, _ = engine.concordance(query)
    spread = engine.distribution(query, by)
    for part in spread.parts:
        lines = lines_in_part(found, by, part.key)
        assert (lines.matches, lines.units) == (part.matches, part.units), part.key
    assert sum(lines_in_part(found, by, p.key).matches for p in spread.parts) == found.matches
    assert lines_in_part(found, "doc", "b").matches == 1  # only "Тоқаев сөз сөйледі"


@pytest.mark.parametrize("size", [2, 3])
def test_each_ngram_opens_its_lines_with_the_run_marked(engine: QueryEngine, size: int) -> None:
    query = Query(kk="сапар*")
    found, _ = engine.concordance(query)
    table = ngrams(engine, query, size, min_freq=1, rows=None)
    assert table.rows
    for run, n in table.rows:
        lines = lines_with_run(found, run)
        assert lines.matches == n, run
        for line in lines.lines:
            text = line.hit.text(line.side)
            marked = [" ".join(words(text[s:e])) for s, e in run_spans(line, run)]
            assert marked == [run]  # the run's words (and what is between), the node among them
            assert line.node.lower() in run.split()
    assert lines_with_run(found, "шықты министр").matches == 0  # across no node


def test_run_spans_by_hand(engine: QueryEngine) -> None:
    found, _ = engine.concordance(Query(kk="сапарға"))
    first = found.lines[0]  # "Тоқаев сапарға шықты, Тоқаевпен бірге министр"
    assert run_spans(first, "тоқаев сапарға шықты") == [(0, 20)]
    assert run_spans(first, "сапарға шықты тоқаевпен") == [(7, 31)]  # a comma between: a run
    assert run_spans(first, "шықты тоқаевпен бірге") == []  # does not cover the node


def _counted_by_hand(corpus: Corpus) -> tuple[Counter[str], Counter[str], int]:
    """Read from the documents themselves, not the index: the Kazakh words that begin
    with "қазақстан" (by form and by document), and the units that have one of them
    and the English word "Kazakhstan"."""
    forms: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    translated = 0
    for doc_id in corpus.ids():
        doc = corpus.load(doc_id)
        kk = {s.id: s.text for s in doc.kk.sentences()}
        en = {s.id: s.text for s in doc.en.sentences()}
        for link in doc.links:
            found = re.findall(r"(?<!\w)қазақстан\w*", " ".join(kk[i] for i in link.kk).lower())
            forms.update(found)
            docs[doc_id] += len(found)
            english = " ".join(en[i] for i in link.en).lower()
            translated += bool(found and re.search(r"(?<!\w)kazakhstan(?!\w)", english))
    return forms, docs, translated


def test_on_the_seeds_each_row_opens_the_lines_it_counts(seed_corpus: Path) -> None:
    """drill(), the one call behind Enter on a row of figures: on the seed corpus each
    frequency row and each document of the distribution opens as many lines as its
    figure says, and as the documents' own text has (counted here by a regular
    expression); the candidate translation "kazakhstan" opens as many units."""
    corpus = Corpus(seed_corpus)
    engine, query = QueryEngine(corpus), Query(kk="Қазақстан*")
    forms, docs, translated = _counted_by_hand(corpus)
    table = frequencies(engine, query, "form")
    assert {row.key: row.occurrences for row in table.rows} == forms
    for row in table.rows:
        drilled = drill(engine, query, Figure("form", row.key))
        assert (drilled.lines.matches, drilled.lines.units) == (row.occurrences, row.hits)
        assert {line.node.lower() for line in drilled.lines.lines} == {row.key}
    spread = engine.distribution(query, "doc")
    assert {part.key: part.matches for part in spread.parts} == docs
    for part in spread.parts:
        assert drill(engine, query, Figure("dist", part.key)).lines.matches == docs[part.key]
    other = collocates(engine, query, min_freq=2, side="other")
    [row] = [c for c in other.rows if c.word == "kazakhstan"]
    drilled = drill(engine, query, Figure("other", "kazakhstan", side="en"))
    assert drilled.lines.units == row.together == translated > 40
    page = drilled.page(40, 10, "R1")  # a page of them, in another order
    assert (page.matches, page.units, len(page.lines)) == (drilled.lines.matches, translated, 10)
    with pytest.raises(ValueError, match="keyword"):
        drill(engine, query, Figure("keyword", "саясат"))
