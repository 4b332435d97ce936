"""The analyser: lemmas and tags of the issue's cases, harmony, alternations, unknown words."""

from __future__ import annotations

import pytest

from corpus.morphology import analyse, analyse_text, lemma, tokenize, version
from corpus.morphology.context import tag_bigrams
from corpus.morphology.kazakh import Entry, KazakhAnalyser
from corpus.morphology.learn import (
    HEADER,
    MODEL,
    TAGS,
    conllu_words,
    count_entries,
    read_model,
    read_tags,
    states,
)
from corpus.morphology.suffixes import split
from tests.helpers import shared_path

SAPAR = "сапар сапары сапарлары сапарға сапарында сапарларының сапардағы сапармен Сапар сапарын"


@pytest.mark.parametrize("form", SAPAR.split())
def test_every_inflected_form_of_sapar_has_the_lemma_sapar(form: str) -> None:
    assert lemma(form) == "сапар"
    assert analyse(form)[0].upos == "NOUN"


@pytest.mark.parametrize(("form", "want"), [
    ("бөлігі", "бөлік"), ("бөлігінің", "бөлік"), ("бөліктері", "бөлік"),  # к/г at the stem's end
    ("халқы", "халық"), ("орнына", "орын"),  # a dropped vowel comes back
    ("кітабымды", "кітап"),  # п/б, and the accusative after a first-person possessive
    ("елдерімен", "ел"), ("еліміздің", "ел"), ("елдің", "ел"),
    ("қатынастарын", "қатынас"), ("үйлерімізге", "үй"),
])  # fmt: skip
def test_stems_come_back_whole(form: str, want: str) -> None:
    assert lemma(form) == want


@pytest.mark.parametrize(("form", "not_lemma"), [
    ("бөлім", "бөлік"), ("бөлісті", "бөлік"), ("елеулі", "ел"), ("елшісі", "ел"),
    ("Елбасы", "ел"),
])  # fmt: skip
def test_a_prefix_is_not_a_lemma(form: str, not_lemma: str) -> None:
    assert lemma(form).lower() != not_lemma


def test_features_follow_the_suffix_order_plural_possessive_case() -> None:
    reading = analyse("сапарларының")[0]
    assert reading.features == {
        "Case": "Gen",
        "Number": "Plur",
        "Number[psor]": "Plur,Sing",
        "Person[psor]": "3",
    }


def test_vowel_harmony_refuses_a_front_ending_on_a_back_stem() -> None:
    assert split("кітаптер") == []
    assert ("кітап", (("Case", "Nom"), ("Number", "Plur")), "тар") in split("кітаптар")


@pytest.mark.parametrize(("form", "want"), [
    ("музейін", "музей"),  # a new user's "Өнер музейін": read as the verb муз- + -ейін
    ("кабинетін", "кабинет"),  # read as кабин- + the participle -етін
])  # fmt: skip
def test_an_unknown_word_is_no_verb_whose_ending_breaks_the_root_s_harmony(
    form: str, want: str
) -> None:
    """A verbal ending's first vowel follows the root's (бар-айын, кел-ейін): a back root
    with a front ending is no verb, and a root whose only vowel is у is a back one."""
    assert lemma(form) == want
    assert analyse(form)[0].upos == "NOUN"
    assert lemma("келейін") == "кел" and lemma("барайын") == "бар"
    assert lemma("бояумен") == "боя"  # the verbal noun's у, then мен, which never changes


def test_hyphenated_endings_on_abbreviations_and_numbers_are_one_word() -> None:
    assert [t.text for t in tokenize("БҰҰ-ның Бас хатшысы, 2021-жылғы 55-ші")] == [
        "БҰҰ-ның", "Бас", "хатшысы", "2021-жылғы", "55-ші",
    ]  # fmt: skip
    gen = analyse("БҰҰ-ның")[0]
    assert (gen.lemma, gen.upos, gen.feat("Case")) == ("БҰҰ", "PROPN", "Gen")
    assert lemma("БҰҰ-ны") == lemma("БҰҰ") == "БҰҰ"
    assert analyse("55-ші")[0].features == {"NumType": "Ord"}
    assert lemma("Қасым-Жомарттың") == "Қасым-Жомарт"


def test_punctuation_and_lone_hyphens_are_not_words() -> None:
    # Hyphens at a word's edge stay in it, as the index's FTS5 tokenizer keeps them.
    text = "– Сөз -- сөз- , -5 «т.б.» Астана - Алматы it's"
    assert [t.text for t in tokenize(text)] == [
        "Сөз", "сөз-", "-5", "т", "б", "Астана", "Алматы", "it", "s",
    ]  # fmt: skip
    assert lemma("сөз-") == lemma("сөз")


@pytest.mark.parametrize(
    "token", ["", "   ", "щщщщ", "Zxqv", "ӘӘӘӘӘӘӘӘӘӘ", "a1б2", "-", "\x00", "ыыыы-"]
)
def test_unknown_words_get_a_flagged_guess_never_an_error(token: str) -> None:
    readings = analyse(token)
    assert readings and all(r.upos for r in readings)
    if any(ch.isalpha() for ch in token):
        assert readings[0].known is False


def test_an_overlong_token_is_an_unknown_word_read_at_once() -> None:
    # A hostile text's run of 600,000 letters took minutes to index: guessing tried
    # every split of the word (quadratic). No word is that long; it is read as itself.
    run = "а" * 600_000
    readings = analyse(run)
    assert [(r.lemma, r.upos, r.known) for r in readings] == [(run, "X", False)]
    words = analyse_text(f"Қазақстан {run} деді.")
    assert [reading.upos for _, reading in words][1] == "X"
    assert analyse("а" * 40)[0].upos != "X"  # a long real-looking word is still guessed


def test_english_lemmas_come_from_the_shipped_dictionary() -> None:
    assert [lemma(w, "en") for w in ("visits", "went", "leaves", "Nations", "is")] == [
        "visit", "go", "leave", "nation", "be",
    ]  # fmt: skip
    assert analyse("the", "en")[0].upos == "DET"


def test_the_shipped_lexicon_is_what_the_learning_script_makes_and_holds_no_sentence() -> None:
    folder = shared_path("data", "ud-kazakh-ktb")
    sentences = list(conllu_words(sorted(folder.glob("*.conllu"))))
    assert read_model() == count_entries(w for s in sentences for w in s)
    assert read_tags() == tag_bigrams(states(sentences))
    for path, tabs in ((MODEL, 4), (TAGS, 2)):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER) and "CC BY-SA 4.0" in HEADER
        body = [line for line in text.splitlines() if not line.startswith("#")]
        assert all(line.count("\t") == tabs for line in body)
    assert len(version()) > 10


def test_a_known_stem_is_preferred_over_a_bare_guess() -> None:
    analyser = KazakhAnalyser([Entry("бөлік", "бөлік", "NOUN", (("Case", "Nom"),), 3)])
    assert analyser.analyse("бөлігінде")[0].lemma == "бөлік"
    assert analyser.analyse("бөлігінде")[0].known


def test_context_chooses_between_readings_of_an_ambiguous_word() -> None:
    # "мен" is "I" at the start of a sentence and "with/and" between two nouns.
    first = analyse_text("Мен үйге бардым.")
    assert (first[0][0].text, first[0][1].upos) == ("Мен", "PRON")
    between = analyse_text("Әке мен бала келді.")
    assert [r.upos for _t, r in between][1] == "CCONJ"
    assert [t.text for t, _r in analyse_text("БҰҰ-ның хатшысы, бөлігі.")] == [
        "БҰҰ-ның", "хатшысы", "бөлігі",
    ]  # fmt: skip
