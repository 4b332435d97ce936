"""Searching the aligned corpus: Kazakh-correct matching, the query language, KWIC and
look-alike folding.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from corpus.search.plan import Query
from corpus.search.query import QueryEngine, search
from corpus.search.querylang import QueryError
from corpus.search.searchtext import KAZAKH_ALPHABET, sort_key
from corpus.storage.store import Corpus
from tests.helpers import make_corpus


def texts(corpus: Corpus, query: Query, side: str = "kk") -> list[str]:
    hits = search(corpus, query, limit=None).hits
    return [h.kk if side == "kk" else h.en for h in hits]


def test_kazakh_capitals_fold_to_lower_case_both_ways(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("қазақ тілі", ""), ("ҚАЗАҚ ЕЛІ", "")]})
    for query in ("ҚАЗАҚ", "қазақ", "Қазақ", "қАзАқ"):
        assert texts(corpus, Query(kk=query)) == ["қазақ тілі", "ҚАЗАҚ ЕЛІ"], query


def test_every_kazakh_capital_finds_its_small_letter(tmp_path: Path) -> None:
    words = [f"{ch}ба" for ch in KAZAKH_ALPHABET]  # a word starting with each letter
    corpus = make_corpus(tmp_path / "c", {"d": [(" ".join(words), "")]})
    engine = QueryEngine(corpus)
    for ch in KAZAKH_ALPHABET:
        query = Query(kk=f"{ch.upper()}БА")
        assert engine.search(query).total == 1, ch
        (hit,) = engine.search(query).hits
        assert hit.forms() == [f"{ch}ба"], ch


@pytest.mark.parametrize(
    ("kazakh", "other"),
    [("ә", "а"), ("қ", "к"), ("і", "и"), ("ү", "у"), ("ұ", "у"), ("ө", "о"), ("ң", "н"),
     ("ғ", "г"), ("һ", "х"), ("й", "и"), ("ё", "е"), ("ä", "a"), ("ş", "s")],
)  # fmt: skip
def test_letters_with_and_without_marks_stay_distinct(
    tmp_path: Path, kazakh: str, other: str
) -> None:
    one, two = f"т{kazakh}р", f"т{other}р"
    corpus = make_corpus(tmp_path / "c", {"d": [(one, ""), (two, "")]})
    assert texts(corpus, Query(kk=one)) == [one]
    assert texts(corpus, Query(kk=two)) == [two]
    assert texts(corpus, Query(kk=one.upper())) == [one]
    assert texts(corpus, Query(kk=f"т{kazakh}*")) == [one]


def test_decomposed_query_finds_the_composed_letter(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("Майра келді", ""), ("Маира келді", "")]})
    decomposed = unicodedata.normalize("NFD", "Майра")
    assert decomposed != "Майра"
    assert texts(corpus, Query(kk=decomposed)) == ["Майра келді"]
    assert texts(corpus, Query(kk="Маира")) == ["Маира келді"]


def test_decomposed_text_in_the_corpus_is_found_as_composed(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", "Йод пен ёлка")
    corpus = make_corpus(tmp_path / "c", {"d": [(text, "")]})
    (hit,) = search(corpus, Query(kk="йод")).hits
    assert hit.kk == "Йод пен ёлка"  # stored as NFC, so offsets are offsets of NFC text
    assert hit.forms() == ["Йод"]
    assert search(corpus, Query(kk="ёлка")).total == 1
    assert search(corpus, Query(kk="иод")).total == 0


def test_kazakh_alphabetical_order() -> None:
    words = ["ә", "а", "я", "і", "қ", "к", "ы", "ү", "ұ", "у", "1", "z"]
    ordered = sorted(words, key=sort_key)
    assert ordered == ["1", "z", "а", "ә", "к", "қ", "у", "ұ", "ү", "ы", "і", "я"]


def test_prefix_finds_agglutinated_forms(news: Corpus) -> None:
    found = texts(news, Query(kk="Қазақстан*"))
    assert found == [
        "Қазақстан Республикасының Президенті сөз сөйледі.",
        "Қазақстанның сыртқы саясаты көпвекторлы.",
        "Қазақстанға инвестиция келді.",
    ]
    (hit,) = [
        h
        for h in search(news, Query(kk="Тоқаев*"), limit=None).hits
        if (h.doc, h.bead) == ("a_news", 2)
    ]
    assert hit.forms() == ["Тоқаевтың"]


def test_phrase_needs_adjacent_words_in_order(news: Corpus) -> None:
    assert search(news, Query(kk='"Қазақстан Республикасының"')).total == 1
    assert search(news, Query(kk='"Республикасының Қазақстан"')).total == 0
    assert search(news, Query(kk='"Қазақстан Республика*"')).total == 1
    assert search(news, Query(kk='"Қазақстан Республика"')).total == 0
    (hit,) = search(news, Query(en='"of Kazakhstan"')).hits
    assert hit.forms("en") == ["of Kazakhstan"]


def test_words_are_all_required_and_or_gives_a_choice(news: Corpus) -> None:
    assert search(news, Query(kk="ЕҚЫҰ саммиті")).total == 1
    assert search(news, Query(kk="ЕҚЫҰ")).total == 2
    assert search(news, Query(kk="саммиті OR төрағалығы")).total == 2
    assert search(news, Query(kk="ЕҚЫҰ саммиті OR төрағалығы")).total == 2
    assert search(news, Query(kk="Брюссельге OR саммиті Тоқаев")).total == 1


def test_punctuated_word_is_a_phrase(news: Corpus) -> None:
    (hit,) = search(news, Query(kk="Қасым-Жомарт")).hits
    assert hit.forms() == ["Қасым-Жомарт"]
    assert search(news, Query(en="Tokayev's")).total == 1


def test_text_query_searches_both_sides_and_centres_on_the_matching_side(news: Corpus) -> None:
    hits = search(news, Query(text="Tokayev OR Тоқаев*"), limit=None).hits
    assert len(hits) == 3
    assert all(h.key == "kk" and h.kk_spans and h.en_spans for h in hits)
    english_only = search(news, Query(text="Tokayev"), limit=None).hits
    assert [h.key for h in english_only] == ["en", "en", "en"]
    assert [h.forms() for h in english_only] == [["Tokayev"], ["Tokayev"], ["Tokayev"]]


def test_two_sided_and_negative_conditions(news: Corpus) -> None:
    both = search(news, Query(kk="ЕҚЫҰ", en="OSCE"), limit=None).hits
    assert [h.bead for h in both] == [3]
    missing = search(news, Query(kk="ЕҚЫҰ", en_not="OSCE"), limit=None).hits
    assert [(h.doc, h.bead) for h in missing] == [("a_news", 4)]
    assert missing[0].en == "The chairmanship was discussed."
    assert search(news, Query(kk="Тоқаев*", kk_not="Президент*")).total == 2


def test_only_negative_conditions_are_refused(news: Corpus) -> None:
    with pytest.raises(QueryError, match="only narrow"):
        search(news, Query(en_not="OSCE"))
    with pytest.raises(QueryError, match="nothing to search"):
        search(news, Query())


def test_spans_point_at_the_matched_words(news: Corpus) -> None:
    (hit,) = search(news, Query(kk="Президенті", en="President")).hits
    assert [hit.kk[s:e] for s, e in hit.kk_spans] == ["Президенті"]
    assert [hit.en[s:e] for s, e in hit.en_spans] == ["President"]
    line = hit.kwic(30)
    assert (line.left, line.match) == ("Қазақстан Республикасының ", "Президенті")
    assert line.right == " сөз сөйледі."
    assert line.other == hit.en and line.other_spans == hit.en_spans
    whole = line.left + line.match + line.right
    assert [whole[a:b] for a, b in line.marks] == ["Президенті"]


def test_kwic_marks_every_visible_match(news: Corpus) -> None:
    (hit,) = search(news, Query(kk="Қазақстан* Президент*")).hits
    line = hit.kwic(12, right=40)
    whole = line.left + line.match + line.right
    assert line.match == "Қазақстан"
    assert [whole[a:b] for a, b in line.marks] == ["Қазақстан", "Президенті"]
    narrow = hit.kwic(5, right=24)  # cut at the space before the second word
    assert narrow.right == " Республикасының…"
    assert narrow.marks == ((0, 9),)


def test_kwic_clips_long_context_at_a_word(tmp_path: Path) -> None:
    left = " ".join(f"сөз{i}" for i in range(40))
    corpus = make_corpus(tmp_path / "c", {"d": [(f"{left} Тоқаев {left}", "x")]})
    (hit,) = search(corpus, Query(kk="Тоқаев")).hits
    line = hit.kwic(30)
    assert line.left.startswith("…") and len(line.left) <= 30
    assert line.right.endswith("…") and len(line.right) <= 30
    assert line.left.endswith("сөз39 ") and line.right.startswith(" сөз0 ")
    assert " ".join(line.left[1:].split()) in left  # cut at a word, not inside one


def test_fold_finds_words_typed_with_latin_look_alikes(tmp_path: Path) -> None:
    corpus = make_corpus(
        tmp_path / "c",
        {
            "d": [
                ("Бiлгiм келмейдi.", "I don't want to know."),
                ("Білгім келеді.", "I want to know."),
            ]
        },
    )
    assert texts(corpus, Query(kk="білгім")) == ["Білгім келеді."]
    assert texts(corpus, Query(kk="білгім", fold=True)) == ["Бiлгiм келмейдi.", "Білгім келеді."]
    assert texts(corpus, Query(kk="бiлгiм")) == ["Бiлгiм келмейдi."]  # the dirty form itself
    assert texts(corpus, Query(kk="бiлгiм", fold=True)) == ["Бiлгiм келмейдi.", "Білгім келеді."]
    (dirty, _) = search(corpus, Query(kk="білгім", fold=True), limit=None).hits
    assert dirty.forms() == ["Бiлгiм"]  # highlighted in the text as it is written
    assert texts(corpus, Query(kk="білг*", en="want", fold=True, regex=False)) == [
        "Бiлгiм келмейдi.",
        "Білгім келеді.",
    ]
    regex = Query(kk=r"келмейді\b", regex=True, fold=True)
    assert texts(corpus, regex) == ["Бiлгiм келмейдi."]
    assert texts(corpus, Query(kk=r"келмейді\b", regex=True)) == []


def test_fold_respects_negative_conditions_on_the_repaired_text(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("Бiлiм", "Оxford"), ("Білім", "Cambridge")]})
    # "Оxford" starts with a Cyrillic О: repaired to Latin, so --en-not Oxford excludes it.
    assert texts(corpus, Query(kk="білім", en_not="Oxford")) == ["Білім"]
    assert texts(corpus, Query(kk="білім", en_not="Oxford", fold=True)) == ["Білім"]
    assert texts(corpus, Query(kk="білім", fold=True)) == ["Бiлiм", "Білім"]


def test_no_match_as_written_says_how_many_units_fold_would_find(tmp_path: Path) -> None:
    # Scraped Kazakh news mixes letters: «Кaznews.mn» starts with a Cyrillic К. A
    # linguist searching the Kazakh side for Kaznews got "no hits" and nothing more,
    # though --fold finds both units; the answer now says so.
    corpus = make_corpus(
        tmp_path / "c",
        {"d": [("Марапат «Кaznews.mn» порталына берілді.", ""), ("Кaznews жазды.", "")]},
    )
    engine = QueryEngine(corpus)
    page = engine.lines(Query(kk="Kaznews*"))
    assert page.matches == 0
    assert [w for w in page.warnings if "fold" in w] == [
        "nothing matches as written; with fold (look-alike letters repaired, such as a "
        "Latin a or i typed for a Kazakh letter) 2 units match"
    ]
    assert engine.lines(Query(kk="Kaznews*", fold=True)).matches == 2


def test_no_fold_note_when_folding_finds_nothing_or_is_on(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("Кaznews жазды.", "")]})
    engine = QueryEngine(corpus)
    for query in (Query(kk="Tengrinews"), Query(kk="Tengrinews", fold=True)):
        assert engine.lines(query).warnings == []
    assert engine.lines(Query(kk="lemma:жаз")).warnings == []  # lemmas do not fold


def test_fts_syntax_in_a_query_is_searched_as_words(news: Corpus) -> None:
    assert texts(news, Query(kk="^Тоқаев")) == texts(news, Query(kk="Тоқаев"))
    assert texts(news, Query(kk="(ЕҚЫҰ) : саммиті")) == ["ЕҚЫҰ саммиті Астанада өтті."]
    assert texts(news, Query(kk="Тоқаев\x00")) == texts(news, Query(kk="Тоқаев"))
    assert texts(news, Query(kk='"Тоқаев')) == texts(news, Query(kk="Тоқаев"))


def test_fold_finds_roman_numerals_typed_in_cyrillic_letters(tmp_path: Path) -> None:
    rows = [("ХХІ ғасыр", "21st century"), ("XXI ғасыр", "21st"), ("МІС деген", "a word")]
    corpus = make_corpus(tmp_path / "c", {"d": rows})
    for text in ("XXI", "ХХІ"):
        assert texts(corpus, Query(kk=text, fold=True)) == ["ХХІ ғасыр", "XXI ғасыр"], text
        assert len(texts(corpus, Query(kk=text + ".*", regex=True, fold=True))) == 2, text
    assert texts(corpus, Query(kk="XXI")) == ["XXI ғасыр"]  # without --fold, as typed
    assert texts(corpus, Query(kk="MIC", fold=True)) == []  # not a numeral: left alone


def test_fold_finds_a_roman_numeral_mixing_cyrillic_and_latin_capitals(tmp_path: Path) -> None:
    """ХХV (Cyrillic Х, Latin V: V has no Cyrillic look-alike) is XXV, not the ХХМ its
    keyboard layout would make of it."""
    rows = [("ХХV Олимпиада", "the 25th Olympics"), ("XXV Олимпиада", "XXV"), ("ХХМ сөз", "w")]
    corpus = make_corpus(tmp_path / "c", {"d": rows})
    for text in ("XXV", "ХХV"):
        assert texts(corpus, Query(kk=text, fold=True)) == ["ХХV Олимпиада", "XXV Олимпиада"]
    assert texts(corpus, Query(kk="ХХМ", fold=True)) == ["ХХМ сөз"]
