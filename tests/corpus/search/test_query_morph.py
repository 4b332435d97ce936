"""Words as the corpus sees them, and lemma search, on the seed corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corpus.search.frequency import collocates, frequencies
from corpus.search.morphtext import SEP, also_text, morph_text
from corpus.search.query import Query, QueryEngine, QueryError
from corpus.storage.store import Corpus
from tests.helpers import SEEDS, make_corpus
from tui.cli.main import main


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    root = tmp_path_factory.mktemp("seeds") / "c"
    ingest = ["ingest", "--quiet", "--with-translations", str(SEEDS)]
    assert main(["--corpus", str(root), *ingest]) == 0
    with QueryEngine(Corpus(root)) as eng:
        yield eng


def forms(engine: QueryEngine, query: Query) -> dict[str, int]:
    return {row.key: row.occurrences for row in frequencies(engine, query).rows}


def test_a_hyphenated_case_ending_is_part_of_its_word(engine: QueryEngine) -> None:
    # The text has БҰҰ 16 times, БҰҰ-ның 16 and БҰҰ-ны 3 (counted by hand in the seeds).
    assert forms(engine, Query(kk="БҰҰ*")) == {"бұұ": 16, "бұұ-ның": 16, "бұұ-ны": 3}
    assert forms(engine, Query(kk="БҰҰ")) == {"бұұ": 16}
    assert forms(engine, Query(kk="БҰҰ-ның")) == {"бұұ-ның": 16}
    assert engine.count(Query(kk="ның")) == 0  # a case ending is never a word
    assert engine.count(Query(text="ны")) == 0


# Every form of сапар in the Kazakh seeds, counted by hand (grep -io 'сапар\w*' and reading
# each): nothing else in them has the lemma сапар.
SAPAR_FORMS = {
    "сапар": 5, "сапары": 6, "сапарлар": 5, "сапарлары": 4, "сапардағы": 2, "сапармен": 2,
    "сапарды": 1, "сапардың": 1, "сапарлардың": 1, "сапарын": 1,
}  # fmt: skip


def test_lemma_search_finds_every_form_of_sapar_and_nothing_else(engine: QueryEngine) -> None:
    assert forms(engine, Query(kk="lemma:сапар")) == SAPAR_FORMS
    by_prefix = engine.search(Query(kk="сапар*"), limit=None).hits
    by_lemma = engine.search(Query(kk="lemma:сапар"), limit=None).hits
    assert [(h.doc, h.position) for h in by_lemma] == [(h.doc, h.position) for h in by_prefix]
    first = by_lemma[0]
    assert [first.kk[s:e] for s, e in first.kk_spans] == ["сапарлары"]


def test_a_lemma_is_not_a_prefix(engine: QueryEngine) -> None:
    # к/г at the stem's end: бөлік* would miss бөлігі; бөлі* would pull in бөлім, бөлісті.
    assert forms(engine, Query(kk="lemma:бөлік")) == {"бөлігі": 1, "бөлігінің": 1, "бөліктері": 1}
    ел = forms(engine, Query(kk="lemma:ел"))
    assert {"ел", "елдің", "елдерімен", "еліміздің", "елге"} <= ел.keys()
    assert not {"елеулі", "елшісі", "елбасы"} & ел.keys()
    assert all(form.startswith("ел") for form in ел)


def test_lemmas_combine_with_tags_sides_negation_and_filters(engine: QueryEngine) -> None:
    assert engine.count(Query(kk="lemma:сапар/NOUN")) == 25
    assert engine.count(Query(kk="lemma:сапар/VERB")) == 0
    both = engine.count(Query(kk="lemma:сапар", en="lemma:visit"))
    lacking = engine.count(Query(kk="lemma:сапар", en_not="lemma:visit"))
    assert both + lacking == 25 and both > 20
    assert engine.count(Query(kk="lemma:сапар", docs=("004_*",))) == 8  # beads 1 2 6 9 12 16 17 23
    phrase = forms(engine, Query(kk='"lemma:ресми lemma:сапар"'))
    assert phrase == {"ресми сапарлары": 1, "ресми сапары": 1}
    english = forms(engine, Query(en="lemma:visit"))
    assert {"visit", "visits", "visited"} <= english.keys()


def test_frequencies_and_collocates_by_lemma(engine: QueryEngine) -> None:
    table = frequencies(engine, Query(kk="Тоқаев*"), by="lemma")
    assert [(r.key, r.occurrences) for r in table.rows] == [("тоқаев", 17)]
    tags = frequencies(engine, Query(kk="lemma:сапар"), by="pos")
    assert [(r.key, r.occurrences) for r in tags.rows] == [("NOUN", 28)]
    renderings = collocates(engine, Query(kk="lemma:сапар"), side="en", unit="lemma")
    assert renderings.rows[0].word == "visit"
    near = collocates(engine, Query(kk="lemma:сапар"), unit="lemma", min_freq=2)
    words = [c.word for c in near.rows]
    assert "мемлекеттік" in words and "ресми" in words
    assert all(" " not in w and w != "сапар" for w in words)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"lemma:сапар Тоқаев"', "either words or lemma"),
        ("lemma:сапар/NOM", "unknown part of speech"),
        ("lemma:сап*", "without '*'"),
        ("lemma:", "lemma: takes one word"),
    ],
)
def test_bad_lemma_queries_get_one_line(engine: QueryEngine, text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        engine.count(Query(kk=text))
    with pytest.raises(QueryError, match="do not combine with fold"):
        engine.count(Query(kk="lemma:сапар", fold=True))


def test_the_index_is_rebuilt_when_the_analyser_changes(
    engine: QueryEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus.search import tables

    assert engine.refresh().rebuilt is None
    monkeypatch.setattr(tables.morphology, "version", lambda: "another analyser")
    engine.index.close()
    report = engine.refresh()
    assert (
        report.rebuilt and "morphology" in report.rebuilt and "another analyser" in report.rebuilt
    )
    assert engine.count(Query(kk="lemma:сапар")) == 25


# Sentences written for this test. Bare "құтқарушы" before a noun is read as the treebank
# reads it, a participle of құтқар- ("rescuing"); a linguist asking for the agent noun
# құтқарушы ("rescuer") expects it as well as the inflected nouns.
RESCUERS = {
    "rescue": [
        ("Құтқарушы иттер қар астынан екі адамды тапты.", "Rescue dogs found two people."),
        ("Құтқарушылар түні бойы жұмыс істеді.", "Rescuers worked all night."),
        ("Олар балаларды құтқарды.", "They rescued the children."),
        ("Жүргізуші көлікті тоқтатты, ал құтқарушы иттер келді.", "The driver stopped."),
    ]
}


@pytest.fixture(scope="module")
def rescue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    corpus = make_corpus(tmp_path_factory.mktemp("rescue") / "c", RESCUERS)
    with QueryEngine(corpus) as eng:
        yield eng


def test_an_agent_participle_is_found_by_its_agent_noun_lemma(rescue: QueryEngine) -> None:
    noun = Query(kk="lemma:құтқарушы")
    assert forms(rescue, noun) == {"құтқарушы": 2, "құтқарушылар": 1}
    assert rescue.lines(noun, limit=None).matches == 3
    assert rescue.lines(noun, limit=None, sort="R1").matches == 3
    assert rescue.distribution(noun).matches == 3
    # The treebank's reading stays: the verb's lemma still finds the participle.
    assert forms(rescue, Query(kk="lemma:құтқар")) == {"құтқарушы": 2, "құтқарды": 1}
    assert forms(rescue, Query(kk="lemma:жүргізуші")) == {"жүргізуші": 1}
    phrase = Query(kk='"lemma:құтқарушы lemma:ит"')
    assert forms(rescue, phrase) == {"құтқарушы иттер": 2}
    assert rescue.count(Query(kk="lemma:құтқарушы/NOUN", en_not="lemma:rescuer")) == 2


def test_second_lemmas_come_from_the_morph_text_and_none_without_one() -> None:
    text = "Құтқарушы иттер келді."
    assert also_text(text, morph_text(text, "kk"), "kk") == f"құтқарушы{SEP}noun"
    # An index built without lemmas (bench_query's baseline) has no morph text: no error.
    assert also_text(text, "", "kk") == ""
    assert also_text("Rescuers came.", morph_text("Rescuers came.", "en"), "en") == ""
