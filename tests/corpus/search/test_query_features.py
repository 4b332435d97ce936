"""Feature queries (Case=Abl) on a small corpus written for them: the ablative, not -стан."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.search.frequency import frequencies
from corpus.search.index import Index
from corpus.search.query import Query, QueryEngine, QueryError
from corpus.search.tables import SCHEMA_VERSION
from corpus.storage.store import Corpus
from tests.helpers.query_corpora import make_corpus
from tui.cli.main import main

# Three ablatives (үйден, мемлекеттен, Алматыдан), and place names in -стан (Қазақстан,
# Түркістан), which a suffix regex for the ablative finds too.
DOCS = {
    "a": [
        ("Ол үйден ерте шықты.", "He left the house early."),
        ("Қазақстан мен Түркістан туралы жазды.", "He wrote about Kazakhstan and Turkistan."),
        ("Біз мемлекеттен көмек алдық.", "We received help from the state."),
    ],
    "b": [
        ("Алматыдан пойыз келді.", "A train came from Almaty."),
        ("Мемлекеттің саясаты өзгерді.", "The state's policy changed."),
        ("Қазақстанда көктем ерте келді.", "Spring came early in Kazakhstan."),
    ],
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feats") / "c"
    make_corpus(root, DOCS)
    return root


@pytest.fixture(scope="module")
def engine(root: Path) -> Iterator[QueryEngine]:
    with QueryEngine(Corpus(root)) as eng:
        yield eng


def forms(engine: QueryEngine, query: Query) -> dict[str, int]:
    return {row.key: row.occurrences for row in frequencies(engine, query).rows}


def test_the_ablative_query_finds_ablatives_and_no_name_in_stan(engine: QueryEngine) -> None:
    found = forms(engine, Query(kk="Case=Abl"))
    assert found == {"үйден": 1, "мемлекеттен": 1, "алматыдан": 1}
    assert forms(engine, Query(text="case=abl")) == found  # either side: the Kazakh one
    assert forms(engine, Query(kk="Case=Loc")) == {"қазақстанда": 1}


def test_features_combine_with_lemmas_sides_negation_and_filters(engine: QueryEngine) -> None:
    assert forms(engine, Query(kk="lemma:мемлекет/Case=Abl")) == {"мемлекеттен": 1}
    assert forms(engine, Query(kk="lemma:мемлекет/NOUN/Case=Gen")) == {"мемлекеттің": 1}
    assert forms(engine, Query(kk="lemma:мемлекет/VERB/Case=Abl")) == {}
    # the lemma and the case must be one word's: үйден is ablative, мемлекет is not there
    assert engine.count(Query(kk="lemma:үй/Case=Gen")) == 0
    assert forms(engine, Query(kk="Case=Abl", en="from")) == {"мемлекеттен": 1, "алматыдан": 1}
    assert forms(engine, Query(kk="Case=Abl", en_not="from")) == {"үйден": 1}
    assert forms(engine, Query(kk="Case=Abl", docs=("b",))) == {"алматыдан": 1}
    assert engine.count(Query(kk="Case=Abl OR Case=Loc")) == 4
    assert engine.count(Query(kk="ерте", kk_not="Case=Abl")) == 1  # only b's spring


def test_bad_feature_queries_get_one_line_errors(engine: QueryEngine) -> None:
    for text, said in [
        ("Case=Ablative", "Case is one of Abl"),
        ("Kase=Abl", "unknown feature"),
        ('"үйден Case=Abl"', "not in a phrase"),
    ]:
        with pytest.raises(QueryError, match=said):
            engine.count(Query(kk=text))
    with pytest.raises(QueryError, match="Kazakh"):
        engine.count(Query(en="Case=Abl"))


def test_the_command_line_counts_the_ablative(root: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--corpus", str(root), "query", "--kk", "Case=Abl", "--freq"]) == 0
    out = capsys.readouterr().out
    assert "мемлекеттен" in out and "үйден" in out
    assert "түркістан" not in out.lower() and "қазақстан" not in out.lower()


def test_an_index_of_the_last_schema_is_rebuilt(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": DOCS["a"]})
    with QueryEngine(corpus) as eng:
        assert eng.count(Query(kk="Case=Abl")) == 2
    # an index as schema 12 left it: no feature text (the words table has no kk_f either)
    with sqlite3.connect(Index(corpus).path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION - 1),))
        conn.execute("UPDATE units SET kk_f = ''")
        conn.execute("INSERT INTO words(words) VALUES ('rebuild')")
    conn.close()
    with QueryEngine(corpus) as eng:
        assert eng.count(Query(kk="Case=Abl")) == 2
