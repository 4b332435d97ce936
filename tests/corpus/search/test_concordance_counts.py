"""Match counts of the concordance equal an independent reader of the TEI files.

The reader (``tests/helpers/tei_reader.py``) uses lxml and ``re`` only (none of
kopir's search code): it takes every ``<s>`` of a side, cuts it into words (runs of
letters and digits, joined by hyphens, as the README defines a word), and counts.
The seed corpus is ingested as a user would (``kopir ingest --with-translations
seeds``); a second corpus is built in code (hyphenated words, two documents). Lemma
queries are counted with :func:`corpus.morphology.analyse` on each word the reader
cut, so that they check the index and the query path, not the analyser: the lemmas
tested are those every word of the seed text either has in all its readings or in
none (so a reading chosen in context cannot change the count), and the test checks
that first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.model import Link
from corpus.search import Query, QueryEngine
from corpus.storage.store import Corpus
from tests.helpers import (
    count_lemma,
    count_phrase,
    count_regex,
    count_words,
    make_corpus,
)


def matches(folder: Path, query: Query) -> int:
    with QueryEngine(Corpus(folder)) as engine:
        found, _ = engine.concordance(query)
    return found.matches


WORDS = [
    ("kk", "Қазақстан", False), ("kk", "Қазақстанның", False), ("kk", "мен", False),
    ("kk", "және", False), ("kk", "ЕҚЫҰ", False), ("kk", "Тоқаев", False),
    ("kk", "Президент", True), ("kk", "Қазақстан", True), ("kk", "сапар", True),
    ("en", "Kazakhstan", False), ("en", "the", False), ("en", "President", False),
    ("en", "OSCE", False), ("en", "visit", True), ("en", "Tokayev", False),
]  # fmt: skip


@pytest.mark.parametrize(("side", "word", "prefix"), WORDS)
def test_word_and_prefix_counts_equal_the_tei(
    seeds: Path, side: str, word: str, prefix: bool
) -> None:
    expected = count_words(seeds, side, word, prefix)
    query = Query(**{side: word + ("*" if prefix else "")})  # type: ignore[arg-type]
    assert expected > 0 and matches(seeds, query) == expected


LEMMAS = [
    ("kk", "қазақстан"), ("kk", "мен"), ("kk", "бұұ"), ("kk", "жұмыс"), ("kk", "бейбітшілік"),
    ("en", "be"), ("en", "visit"), ("en", "country"), ("en", "strengthen"), ("en", "have"),
]  # fmt: skip


@pytest.mark.parametrize(("side", "lemma"), LEMMAS)
def test_lemma_counts_equal_the_tei(seeds: Path, side: str, lemma: str) -> None:
    """Every form of the lemma (қазақстанның, мен/пен, is/was/been…) is one match."""
    certain, possible = count_lemma(seeds, side, lemma)
    assert certain == possible > 0, "a lemma whose count does not hang on a choice of reading"
    assert matches(seeds, Query(**{side: f"lemma:{lemma}"})) == certain  # type: ignore[arg-type]


REGEXES = [
    ("kk", "Қазақстан(ның|ға)"), ("kk", r"\d{4}"), ("en", r"\bKazakh\w*"),
    ("en", r"\d+ (million|billion)"), ("kk", r"\bЕҚЫҰ\b"),
    # Anchors are a sentence's ends, also inside a bead of several sentences.
    ("kk", r"^Бұған"), ("kk", r"^\w+"), ("kk", r"артқан\.$"), ("en", r"\.$"),
    ("en", r"^The\b"), ("kk", r"\w+\.\s+\w+"),
]  # fmt: skip


@pytest.mark.parametrize(("side", "pattern"), REGEXES)
def test_regex_counts_equal_the_tei(seeds: Path, side: str, pattern: str) -> None:
    expected = count_regex(seeds, side, pattern)
    query = Query(regex=True, **{side: pattern})  # type: ignore[arg-type]
    assert expected > 0 and matches(seeds, query) == expected


def test_counts_in_a_corpus_built_in_code(tmp_path: Path) -> None:
    rows = [(f"Сөз {i}. Сөз-ге бар.", f"Word {i}. A word.") for i in range(30)]
    folder = make_corpus(tmp_path / "c", {"a": rows, "b": rows[:7]}).root
    for side, word in (("kk", "сөз"), ("kk", "сөз-ге"), ("en", "word")):
        expected = count_words(folder, side, word)
        assert expected > 0
        assert matches(folder, Query(**{side: word})) == expected  # type: ignore[arg-type]


PHRASES = [
    ("kk", "Қазақстан Республикасы"), ("kk", "артқан Бұған"), ("en", "of the"),
    ("en", "the OSCE"),
]  # fmt: skip


@pytest.mark.parametrize(("side", "phrase"), PHRASES)
def test_phrase_counts_equal_the_tei_and_never_cross_a_sentence_end(
    seeds: Path, side: str, phrase: str
) -> None:
    expected = count_phrase(seeds, side, phrase)
    query = Query(**{side: f'"{phrase}"'})  # type: ignore[arg-type]
    with QueryEngine(Corpus(seeds)) as engine:
        found, _ = engine.concordance(query)
        units = engine.count(query)
    assert found.matches == expected and units == found.units


def test_a_phrase_across_a_sentence_end_is_not_found_and_not_excluded(seeds: Path) -> None:
    """The seed text has "… артқан. Бұған …" in one bead: two sentences, no phrase."""
    assert count_words(seeds, "kk", "артқан") > 0 and count_words(seeds, "kk", "бұған") > 0
    assert count_phrase(seeds, "kk", "артқан Бұған") == 0
    assert matches(seeds, Query(kk='"артқан Бұған"')) == 0
    with QueryEngine(Corpus(seeds)) as engine:
        every = engine.count(Query(kk="артқан"))
        kept = engine.count(Query(kk="артқан", kk_not='"артқан Бұған"'))
    assert every > 0 and kept == every


def test_counts_do_not_change_when_beads_are_merged(tmp_path: Path) -> None:
    rows = [
        ("Бұл бірінші сөйлем.", "This is one."),
        ("Бұған жауап берді.", "He answered it."),
        ("Жауап берді Бұған.", "It was answered."),
    ] * 4
    corpus = make_corpus(tmp_path / "c", {"a": rows})
    queries = [
        Query(kk=r"^Бұған", regex=True), Query(kk=r"берді\.$", regex=True),
        Query(kk='"берді Бұған"'), Query(kk='"сөйлем Бұған"'), Query(en=r"^\w+", regex=True),
    ]  # fmt: skip
    expected = [
        count_regex(corpus.root, "kk", r"^Бұған"), count_regex(corpus.root, "kk", r"берді\.$"),
        count_phrase(corpus.root, "kk", "берді Бұған"),
        count_phrase(corpus.root, "kk", "сөйлем Бұған"),
        count_regex(corpus.root, "en", r"^\w+"),
    ]  # fmt: skip
    assert expected == [4, 4, 4, 0, 12]  # the reader reads the text as built
    before = [matches(corpus.root, q) for q in queries]
    doc = corpus.load("a")
    doc.links = [Link(tuple(s.id for s in doc.kk.sentences()),
                      tuple(s.id for s in doc.en.sentences()), "auto", 0.5)]  # fmt: skip
    corpus.save(doc)
    after = [matches(corpus.root, q) for q in queries]
    assert before == after == expected
