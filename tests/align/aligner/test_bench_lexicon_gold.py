"""The measure of a lexicon taught by the real pairs' gold (benchmarks/bench_lexicon_gold.py):
what teaches, and how the taught entries are asked."""

from __future__ import annotations

from align.aligner.features import en_stem
from benchmarks.bench_align_real import Pair
from benchmarks.bench_lexicon_gold import TaughtLexicon, gold_texts

# A Kazakh edition in the 2018 Latin alphabet, and its English.
KK = [
    "Prezıdent Astanaǵa keldi.",
    "Ol jıynalysqa qatysty.",
    "Kezdesý Aqordada ótti.",
    "Bul – tarıhı kún.",
]
EN = [
    "The President arrived in Astana.",
    "He attended the meeting, held at Akorda.",
    "It is a historic day.",
    "Photo: Akorda",
]


def test_gold_texts_are_one_or_two_sentences_a_side_with_the_kazakh_read_as_cyrillic() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((), (3,))]
    texts = gold_texts([Pair("doc", KK, EN, gold)])
    assert texts == [
        ("Президент Астанаға келді.", EN[0]),
        ("Ол жиыналысқа қатысты. Кездесу Ақордада өтті.", EN[1]),
        ("Бұл – тарихи күн.", EN[2]),
    ]  # the lone caption teaches nothing


def test_gold_texts_leave_out_larger_merges() -> None:
    gold = [((0, 1, 2), (0,)), ((3,), (1, 2, 3))]
    assert gold_texts([Pair("doc", KK, EN, gold)]) == []


def test_taught_entries_are_asked_only_about_words_the_core_knows_nothing_of() -> None:
    lexicon = TaughtLexicon({"шахмат": ("chess",), "министр": ("cabinet",)})
    assert lexicon.kk_meanings("шахматшылар") == ("chess",)
    assert lexicon.knows_en("chess")
    # The core's word keeps the core's meanings alone ...
    assert en_stem("cabinet") not in lexicon.kk_meanings("министрі")
    assert en_stem("minister") in lexicon.kk_meanings("министрі")
    # ... and the registry is not asked about a word the taught lexicon knows.
    assert lexicon.kk_registry_meanings("шахматшылар") == ()
