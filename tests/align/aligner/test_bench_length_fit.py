"""The length-fit diagnosis (benchmarks/bench_length_fit.py) counts what it says it counts."""

from __future__ import annotations

import pytest

from align.aligner.propose import Aligner, _Document
from benchmarks.bench_align_real import Pair
from benchmarks.bench_length_fit import gold_ratio, wrong
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
