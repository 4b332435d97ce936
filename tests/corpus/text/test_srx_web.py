"""``kopir export srx`` says what the segmenter does on web text too (issue 21).

The SRX rules are held against the segmenter on every paragraph of the noisy
gold set, on the web cases of ``tests/helpers/web_text.py`` and on random text
built from web-text pieces: lower-case starts, glued ``!``/``?``, emoji,
emoticons, hashtags and list numbers.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import web_segmentation as web
from corpus.text.segment import split_sentences
from corpus.text.srx_rules import split_with_rules
from tests.helpers import WEB_CASES
from tests.strategies import glued_text

PARAGRAPHS = [p.text for part in web.PARTS for p in web.read_part(part)]


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_the_rules_cut_the_noisy_gold_set_as_the_segmenter_does(lang: str) -> None:
    differ = [t for t in PARAGRAPHS if split_with_rules(t, lang) != split_sentences(t, lang)]
    assert differ == []


@pytest.mark.parametrize("lang", ["kk", "en"])
@pytest.mark.parametrize("text", WEB_CASES)
def test_the_rules_cut_the_web_cases_as_the_segmenter_does(text: str, lang: str) -> None:
    assert split_with_rules(text, lang) == split_sentences(text, lang)


WORDS = ["Ол", "келді", "ә", "Қ", "ж", "т.б", "проф", "1", "10", "1939", "деп", "Kezdesti", "Feb"]
WORDS += ["#тег", "#Алматы", "😅", "👍", "🇰🇿", ":)", ")))", "http://a.kz/x?id", "ok"]
GLUE = [" ", ". ", "! ", "? ", "!!! ", "?! ", "... ", "!", "?!", ".", " – ", "» ", "!» "]
GLUE += [" 😀 ", "😀", " #тег ", ". 😀 ", "! #тег ", ":) ", " (", ")) ", "1. ", ": "]
GLUE += [".«", "!«", ".»«", ".“"]  # a period glued to a quote opening the next sentence
WORDS += ["ЮНЕСКО", "ҚР-да", "млн", "KZ"]  # glued acronyms, after abbreviations too


@settings(max_examples=300, deadline=None)
@given(glued_text(WORDS, GLUE, ["", "1. ", "«"], 8), st.sampled_from(["kk", "en"]))
def test_the_rules_cut_random_web_text_as_the_segmenter_does(text: str, lang: str) -> None:
    assert split_with_rules(text, lang) == split_sentences(text, lang)


@pytest.mark.parametrize("lang", ["kk", "en"])
@pytest.mark.parametrize(
    "text",
    ["They landed on Feb. 5. The crew left.", "1939 ж. 5. Келесі сөйлем.", "Ол проф. 12. Бітті."],
)
def test_a_number_after_an_abbreviation_is_cut_as_the_segmenter_does(text: str, lang: str) -> None:
    assert split_with_rules(text, lang) == split_sentences(text, lang)


@pytest.mark.parametrize("lang", ["kk", "en"])
@pytest.mark.parametrize(
    "text",
    [
        "Жұмыс аяқталды.«Ақ жол» кітабы басылды.Оқырмандар риза.",
        "Кеше жиын болды.“Жаңа заң” талқыланды.",
        "Ол келді.«бұл» деді. Мен т.б.«Ақ жол» оқыдым.",
        "Хабар жоқ?!«Нормально» деді.",
        "Бұл құжат.ЮНЕСКО мойындаған. Оған 5 млн.АҚШ доллары, т.б.ҚР, egemen.KZ бар.",
        "Мәтін құжат.ЮНЕСКОда сақталды. Жиын өтті.ҚР-да заң қабылданды.",
    ],
)
def test_a_period_glued_to_an_opening_quote_is_cut_as_the_segmenter_does(
    text: str, lang: str
) -> None:
    assert split_with_rules(text, lang) == split_sentences(text, lang)
