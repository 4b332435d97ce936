"""The lexicon measure of the real pairs (benchmarks/lexicon_coverage.py) counts what it says."""

from __future__ import annotations

from align.aligner.features import en_stem
from align.aligner.lexicon import Lexicon
from benchmarks.bench_align_real import Pair
from benchmarks.lexicon_coverage import content_words, measure, wrong_kazakh

KK = ["Министр жаңа мектепті аралады.", "Мектепте оқушылар мұғалімдерге гүл сыйлады."]
EN = ["The minister visited the new school.", "At school, pupils gave flowers to their teachers."]


def _lexicon() -> Lexicon:
    core = {
        "министр": ("minister",),
        "жаңа": ("new",),
        "мектеп": ("school",),
        "оқушы": ("pupil",),
        "мұғалім": ("professor",),  # a meaning the partner does not hold
    }
    return Lexicon({k: tuple(en_stem(e) for e in v) for k, v in core.items()}, {"сыйла": ("give",)})


def test_content_words_are_lower_case_nouns_verbs_adjectives_and_adverbs() -> None:
    words = content_words("Министр жаңа мектепті аралады.")
    assert "министр" not in words  # capitalised: left to name matching
    assert {"жаңа", "мектепті", "аралады"} <= set(words)


def test_coverage_counts_core_and_registry_hits_and_precision_counts_the_partner() -> None:
    got = measure(_lexicon(), [Pair("doc", KK, EN, [((0,), (0,)), ((1,), (1,))])])
    words = len(content_words(KK[0])) + len(content_words(KK[1]))
    assert got.words == words
    # мектепті, жаңа, оқушылар, мұғалімдерге: four core hits; сыйлады only in the registry.
    assert (got.core, got.either) == (4, 5)
    # All four are in 1-1 beads; мұғалімдерге's "professor" is not in its partner.
    assert (got.in_pairs, got.partner_has) == (4, 3)


def test_beads_with_more_or_fewer_than_one_sentence_a_side_are_no_precision_evidence() -> None:
    got = measure(_lexicon(), [Pair("doc", KK, EN, [((0, 1), (0,)), ((), (1,))])])
    assert got.core == 4 and got.in_pairs == 0


def test_the_kazakh_sentences_of_a_wrong_stretch_are_told_from_the_rest() -> None:
    kk = ["Бірінші сөйлем.", "Екінші сөйлем.", "Үшінші сөйлем.", "Төртінші сөйлем."]
    en = ["First sentence.", "Second and third.", "Fourth sentence."]
    pair = Pair("doc", kk, en, [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))])
    got = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    assert wrong_kazakh(pair, got) == {1, 2}
    assert wrong_kazakh(pair, pair.gold) == set()


def test_a_kazakh_edition_in_the_latin_alphabet_is_counted_as_the_aligner_reads_it() -> None:
    # KK as printed in the 2018 Latin alphabet: the aligner reads it into Cyrillic before it
    # looks a word up, so the measure counts the same words and hits as for KK.
    latin = ["Mınıstr jańa mektepti aralady.", "Mektepte oqýshylar muǵalimderge gúl syılady."]
    gold = [((0,), (0,)), ((1,), (1,))]
    assert measure(_lexicon(), [Pair("doc", latin, EN, gold)]) == measure(
        _lexicon(), [Pair("doc", KK, EN, gold)]
    )
