"""The length-fit diagnosis (benchmarks/bench_length_fit.py) counts what it says it counts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from align.aligner.lengths import DEFAULT_TAIL, DEFAULT_VARIANCE
from align.aligner.propose import FIT_PARTS, Aligner, _Document
from benchmarks.bench_align_real import Pair
from benchmarks.bench_length_fit import gold_ratio, ratio_band, wrong
from tests.align.aligner.test_aligner_ratio import REPORT_EN, SPEECH_KK

KK = ["Президент Астанада болды.", "Фото: © akorda.kz", "Ол 12 жобаны қарады."]
EN = ["The President visited Astana.", "He reviewed 12 projects there today."]


def test_the_gold_ratio_counts_paired_body_lines_only() -> None:
    # The photo credit is a framing line; a bead with an empty side has no ratio.
    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    kk = len(KK[0].replace(" ", "")) + len(KK[2].replace(" ", ""))
    en = len(EN[0].replace(" ", "")) + len(EN[1].replace(" ", ""))
    assert gold_ratio(Pair("doc", KK, EN, gold)) == pytest.approx(en / kk)
    assert gold_ratio(Pair("doc", KK, EN, [((0, 1, 2), ()), ((), (0, 1))])) is None


def test_gold_ratios_fall_in_three_bands_with_the_corpus_ratio_in_the_middle() -> None:
    assert ratio_band(0.8) == "below 0.95"
    assert ratio_band(0.95) == ratio_band(1.06) == "0.95 to 1.2"
    assert ratio_band(1.2) == ratio_band(2.5) == "1.2 and up"


def test_wrong_beads_are_the_proposed_beads_the_gold_lacks() -> None:
    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    pair = Pair("doc", KK, EN, gold)
    assert wrong(pair, gold) == 0
    assert wrong(pair, [((0, 1), (0,)), ((2,), (1,))]) == 1


def test_the_document_says_what_its_fit_rests_on() -> None:
    # Every two short Kazakh sentences are one English one: the medians' ratio (2.4) is not
    # trusted, and the six 2-1 beads of the first pass re-estimate it.
    doc = _Document(Aligner(), SPEECH_KK, REPORT_EN, None, None)
    assert not doc.trusted and doc.lengths_alone > 2.0
    assert doc.ratio_beads == 6
    assert doc.spread_pairs == 0  # no 1-1 pair to fit a spread on
    baseline = _Document(Aligner(fit_lengths=False), SPEECH_KK, REPORT_EN, None, None)
    assert (baseline.ratio_beads, baseline.spread_pairs) == (0, 0)


# Twelve reports of houses built, one a line; every third English line adds who moved in. The
# lengths alone say 1.44 (no usual ratio), so the ratio is re-estimated; the lines share
# their numbers, so the first pass pairs all twelve 1-1 and the variance and silence are fitted.
HOUSES_KK = [
    f"Ауданда {2000 + i} жылы {100 + 7 * i} жаңа үй салынып, {30 + i} отбасы қоныстанды."
    for i in range(12)
]
HOUSES_EN = [
    f"In {2000 + i}, {100 + 7 * i} new houses were built in the district"
    + (" and handed over to young families on the same day." if i % 3 == 0 else ".")
    + f" {30 + i} families moved in."
    for i in range(12)
]


def test_each_part_of_the_fit_can_be_left_out_alone() -> None:
    def fitted(*left_out: str) -> _Document:
        aligner = Aligner(fit_parts=FIT_PARTS - set(left_out))
        return _Document(aligner, HOUSES_KK, HOUSES_EN, None, None)

    full, corpus = fitted(), _Document(Aligner(fit_lengths=False), HOUSES_KK, HOUSES_EN, None, None)
    model = full.lengths
    assert not full.trusted and full.spread_pairs == 12
    assert model.ratio < full.lengths_alone and model.spread > 0
    assert model.variance > DEFAULT_VARIANCE and full.weights.silent != corpus.weights.silent

    # The lengths alone are kept, as uncertain as their totals and medians are apart.
    no_ratio = fitted("ratio")
    assert no_ratio.lengths.ratio == full.lengths_alone
    assert no_ratio.lengths.spread == pytest.approx(full.lengths_gap / 2)
    assert fitted("spread").lengths == replace(model, spread=0.0)
    no_variance = fitted("variance").lengths
    assert no_variance == replace(model, variance=DEFAULT_VARIANCE, tail=DEFAULT_TAIL)
    # Without its own, silence costs what the corpus's counts say it is worth.
    no_silence = fitted("silence")
    assert no_silence.lengths == model and no_silence.weights.silent == corpus.weights.silent
    with pytest.raises(ValueError, match="unknown parts"):
        Aligner(fit_parts=frozenset({"ratio", "colour"}))
