"""A Cyrillic query finds Kazakh printed in the 2018 Latin alphabet or in the Arabic script
(töte), and the concordance shows it as printed.

The corpus is three documents of the same sentences, written for this test: one in
Cyrillic, one in the 2018 Latin alphabet, one (shorter) in töte. The counts are made by
hand from the sentences below.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.search import Query, QueryEngine
from corpus.storage.store import Corpus
from tests.helpers import make_corpus

CYRILLIC = [
    ("Біз ауылда тұрамыз.", "We live in a village."),
    ("Ауыл үлкен емес, бірақ әдемі.", "The village is not big, but it is beautiful."),
    ("Балалар ауылдан қалаға барды.", "The children went from the village to the city."),
    ("Біз 2023 жылы келдік.", "We came in 2023."),
]
LATIN = [
    ("Biz aýylda turamyz.", "We live in a village."),
    ("Aýyl úlken emes, biraq ádemi.", "The village is not big, but it is beautiful."),
    ("Balalar aýyldan qalaǵa bardy.", "The children went from the village to the city."),
    ("Biz 2023 jyly keldik.", "We came in 2023."),
]
TOTE = [
    ("ءبىز اۋىلدا تۇرامىز.", "We live in a village."),
    ("اۋىل ۇلكەن.", "The village is big."),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    root: Path = tmp_path_factory.mktemp("scripts") / "c"
    make_corpus(root, {"a_cyrillic": CYRILLIC, "b_latin": LATIN, "c_tote": TOTE})
    with QueryEngine(Corpus(root)) as eng:
        yield eng


def nodes(engine: QueryEngine, query: Query) -> list[tuple[str, str]]:
    found, _ = engine.concordance(query)
    return [(line.hit.doc, line.node) for line in found.page(0, None)]


def test_a_cyrillic_word_finds_every_script_as_printed(engine: QueryEngine) -> None:
    # ауыл alone: sentence 2 of each document (Ауыл, Aýyl, اۋىل).
    assert nodes(engine, Query(kk="ауыл")) == [
        ("a_cyrillic", "Ауыл"), ("b_latin", "Aýyl"), ("c_tote", "اۋىل"),
    ]  # fmt: skip
    assert engine.count(Query(kk="ауыл")) == 3
    # ауыл*: ауылда, Ауыл, ауылдан in each of the first two documents, two in töte.
    assert nodes(engine, Query(kk="ауыл*")) == [
        ("a_cyrillic", "ауылда"), ("a_cyrillic", "Ауыл"), ("a_cyrillic", "ауылдан"),
        ("b_latin", "aýylda"), ("b_latin", "Aýyl"), ("b_latin", "aýyldan"),
        ("c_tote", "اۋىلدا"), ("c_tote", "اۋىل"),
    ]  # fmt: skip
    found, _ = engine.concordance(Query(kk="ауыл*"))
    assert found.matches == 8


def test_a_phrase_and_a_lemma_find_the_latin_and_tote_documents(engine: QueryEngine) -> None:
    assert nodes(engine, Query(kk='"біз ауылда"')) == [
        ("a_cyrillic", "Біз ауылда"), ("b_latin", "Biz aýylda"), ("c_tote", "ءبىز اۋىلدا"),
    ]  # fmt: skip
    by_lemma = nodes(engine, Query(kk="lemma:ауыл"))
    cyrillic = [node for doc, node in by_lemma if doc == "a_cyrillic"]
    assert cyrillic == ["ауылда", "Ауыл", "ауылдан"]
    assert [doc for doc, _ in by_lemma] == ["a_cyrillic"] * 3 + ["b_latin"] * 3 + ["c_tote"] * 2


def test_the_concordance_line_shows_the_text_as_printed(engine: QueryEngine) -> None:
    found, _ = engine.concordance(Query(kk="қалаға"))
    lines = found.page(0, None)
    assert [line.hit.doc for line in lines] == ["a_cyrillic", "b_latin"]
    assert lines[1].hit.kk == "Balalar aýyldan qalaǵa bardy."
    assert lines[1].node == "qalaǵa"
    # The printed form is still found as printed.
    assert engine.count(Query(kk="qalaǵa")) == 1


def test_every_way_of_counting_agrees(engine: QueryEngine) -> None:
    # A page of lines counted in the vocabulary, the concordance, the distribution by
    # document: 3 + 3 + 2 forms of ауыл (see above).
    assert engine.lines(Query(kk="ауыл*"), limit=2).matches == 8
    assert engine.lines(Query(kk="ауыл"), limit=None).matches == 3
    # A number is spelt the same in both scripts: one match in each of two documents.
    assert engine.lines(Query(kk="2023"), limit=None).matches == 2
    found, _ = engine.concordance(Query(kk="2023"))
    assert found.matches == 2
    # A phrase in the printed spelling, and one in Cyrillic, find the same sentence.
    assert nodes(engine, Query(kk='"aýyldan qalaǵa"')) == [("b_latin", "aýyldan qalaǵa")]
    assert engine.count(Query(kk='"ауылдан қалаға"')) == 2
    # A regular expression reads the text as printed (aýylda, and aýylda in aýyldan).
    assert nodes(engine, Query(kk="a.ylda", regex=True)) == [("b_latin", "aýylda")] * 2
    assert engine.count(Query(kk="ауылда", regex=True)) == 2  # ауылда, ауылдан
