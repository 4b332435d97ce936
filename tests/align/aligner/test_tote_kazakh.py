"""Kazakh in the Arabic script (төте жазу): read into Cyrillic before features are taken,
so that its names, words and numbers can be shared with the English edition."""

from __future__ import annotations

import pytest

from align.aligner.features import FeatureExtractor
from align.aligner.lexicon import core_lexicon
from align.aligner.propose import Aligner
from corpus.text.script import is_tote, tote_cyrillic


@pytest.mark.parametrize(
    ("tote", "cyrillic"),
    [
        ("قازاقستان", "Қазақстан"),  # a back word
        ("جەلىلەردىڭ", "Желілердің"),  # е makes the whole word front: ى is і
        ("ءبىر", "Бір"),  # the hamza makes it front and is not read
        ("ساپارىمەن", "Сапарымен"),  # -мен is spelt with е after a back stem too
        ("پايىزعا", "Пайызға"),  # ي after a vowel is й
        ("ٴتورت", "Төрт"),  # the high hamza as well
    ],
)
def test_a_word_is_read_into_cyrillic(tote: str, cyrillic: str) -> None:
    assert tote_cyrillic(tote) == cyrillic


def test_digits_and_punctuation_of_the_script_are_read() -> None:
    assert tote_cyrillic("٢٠٢٣ جىلى، ءبىر؟") == "2023 Жылы, Бір?"


@pytest.mark.parametrize(
    "line",
    [
        "Қазақстан Президенті Астанада кездесті.",
        "The President met his guest in Astana.",
        "Президент «السلام عليكم» деп сәлем берді.",  # a quotation in Arabic, in Cyrillic text
    ],
)
def test_other_lines_are_left_as_they_are(line: str) -> None:
    assert not is_tote(line)
    assert tote_cyrillic(line) == line


KK = "قاسىم-جومارت توقاەۆ استانادا قاراعاندى وبلىسىنىڭ اكىمىمەن كەزدەستى."
EN = "Kassym-Jomart Tokayev met the governor of the Karaganda region in Astana."


def test_an_arabic_script_sentence_shares_names_with_its_translation() -> None:
    extract = FeatureExtractor(core_lexicon())
    shared = set(extract.features(KK, "kk")) & set(extract.features(EN, "en"))
    names = {f for f in extract.features(EN, "en") if f.startswith("P:")}
    # Tokayev, Astana and Karaganda at least; before the script was read, nothing at all
    assert len(shared & names) >= 3


def test_the_aligner_sees_what_an_arabic_script_pair_shares() -> None:
    kk = [
        KK,
        "ەكى تاراپ ايماقتاعى 120 مەكتەپتىڭ قۇرىلىسىن تالقىلادى.",
        "پرەزيدەنت ۇكىمەتكە ناقتى تاپسىرمالار بەردى.",
    ]
    en = [
        EN,
        "The two sides discussed the construction of 120 schools in the region.",
        "The President gave the Government specific instructions.",
    ]
    explained = [x[4] for bead, x in Aligner().explain(kk, en) if bead.kk and bead.en]
    assert len(explained) == 3 and min(explained) > 0
