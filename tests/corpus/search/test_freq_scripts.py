"""Frequencies and collocates by lemma, part of speech and form count Kazakh printed in
the 2018 Latin alphabet as its Cyrillic reading (corpus.search.reading), as the index
vocabulary does.

Two documents of the same sentences, written for this test: one in Cyrillic, one in the
Latin alphabet. Every count over both is twice the Cyrillic document's; the counts of
ауыл are made by hand from the sentences below.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.search import Query, QueryEngine
from corpus.search.drill import lines_near, lines_of_key, lines_with
from corpus.search.frequency import collocates, frequencies
from corpus.storage.store import Corpus
from tests.helpers import make_corpus

CYRILLIC = [
    ("Біз ауылда тұрамыз.", "We live in a village."),
    ("Ауыл үлкен емес, бірақ әдемі.", "The village is not big, but it is beautiful."),
    ("Балалар ауылдан қалаға барды.", "The children went from the village to the city."),
]
LATIN = [
    ("Biz aýylda turamyz.", "We live in a village."),
    ("Aýyl úlken emes, biraq ádemi.", "The village is not big, but it is beautiful."),
    ("Balalar aýyldan qalaǵa bardy.", "The children went from the village to the city."),
]


def _engine(root: Path, docs: dict[str, list[tuple[str, str]]]) -> Iterator[QueryEngine]:
    make_corpus(root, docs)
    with QueryEngine(Corpus(root)) as eng:
        yield eng


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    yield from _engine(tmp_path_factory.mktemp("both") / "c", {"a": CYRILLIC, "b": LATIN})


@pytest.fixture(scope="module")
def cyrillic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    yield from _engine(tmp_path_factory.mktemp("cyr") / "c", {"a": CYRILLIC})


def _table(engine: QueryEngine, query: Query, by: str) -> dict[str, int]:
    return {row.key: row.occurrences for row in frequencies(engine, query, by).rows}  # type: ignore[arg-type]


def test_frequencies_by_lemma_and_pos_count_the_reading(
    both: QueryEngine, cyrillic: QueryEngine
) -> None:
    # By hand: ауылда, Ауыл, ауылдан in each document, all the lemma ауыл.
    assert _table(cyrillic, Query(kk="ауыл*"), "lemma") == {"ауыл": 3}
    assert _table(both, Query(kk="ауыл*"), "lemma") == {"ауыл": 6}
    assert frequencies(both, Query(kk="lemma:ауыл"), "lemma").total_occurrences == 6
    # Every word of the texts (a regular expression of any word): each lemma and tag
    # twice the Cyrillic document's count.
    every = Query(kk=r"\w+", regex=True)
    for by in ("lemma", "pos"):
        alone = _table(cyrillic, every, by)
        assert sum(alone.values()) == 12  # 3 + 5 + 4 words
        assert _table(both, every, by) == {key: 2 * n for key, n in alone.items()}


def test_frequencies_by_form_count_the_read_form_of_whole_words(
    both: QueryEngine, cyrillic: QueryEngine
) -> None:
    assert _table(both, Query(kk="ауыл*"), "form") == {"ауылда": 2, "ауыл": 2, "ауылдан": 2}
    # Part of a word (a regular expression's match) is counted as printed.
    assert _table(both, Query(kk="ауылд|aýyld", regex=True), "form") == {"ауылд": 2, "aýyld": 2}


@pytest.mark.parametrize("unit", ["lemma", "pos", "form"])
def test_collocates_count_the_reading(both: QueryEngine, cyrillic: QueryEngine, unit: str) -> None:
    def table(engine: QueryEngine) -> dict[str, tuple[int, int]]:
        found = collocates(engine, Query(kk="lemma:ауыл"), min_freq=1, unit=unit, limit=None)  # type: ignore[arg-type]
        return {c.word: (c.together, c.frequency) for c in found.rows}

    alone = table(cyrillic)
    # By hand: the 9 other words of the three sentences, each once (by lemma and form).
    if unit != "pos":
        assert sum(together for together, _ in alone.values()) == 9
    assert alone
    assert table(both) == {w: (2 * t, 2 * f) for w, (t, f) in alone.items()}


def test_candidate_translations_by_lemma_count_the_reading(
    both: QueryEngine, cyrillic: QueryEngine
) -> None:
    def table(engine: QueryEngine) -> dict[str, tuple[int, int]]:
        found = collocates(
            engine, Query(en="children"), min_freq=1, side="kk", unit="lemma", limit=None
        )
        return {c.word: (c.together, c.frequency) for c in found.rows}

    alone = table(cyrillic)
    # By hand: the one unit with children has Балалар ауылдан қалаға барды, and ауыл is
    # in every unit (not attracted): the other three lemmas, once each.
    assert len(alone) == 3
    assert "ауыл" not in alone
    assert table(both) == {w: (2 * t, 2 * f) for w, (t, f) in alone.items()}


def test_a_row_drills_to_the_lines_it_counted(both: QueryEngine) -> None:
    # The lemma ауыл (6 matches) and, near it, the lemma of Балалар/Balalar: one line of
    # each document, as the tables above counted them.
    found, _ = both.concordance(Query(kk="ауыл*"))
    assert len(lines_of_key(found, "ауыл", "lemma").lines) == 6
    assert len(lines_of_key(found, "ауылдан", "form").lines) == 2
    bala = frequencies(both, Query(kk="балалар"), "lemma").rows[0].key
    near = lines_near(found, bala, 5, "lemma")
    assert [line.hit.doc for line in near.lines] == ["a", "b"]
    translations = lines_with(found, bala, "kk", "lemma")
    assert [line.hit.doc for line in translations.lines] == ["a", "b"]
