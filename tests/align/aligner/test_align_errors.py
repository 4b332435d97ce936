"""The error analysis of the real pairs (benchmarks/align_errors.py) buckets what it finds."""

from __future__ import annotations

from benchmarks.align_errors import disagreements
from benchmarks.bench_align_real import Pair

KK = ["Бірінші сөйлем.", "Екінші сөйлем.", "Үшінші сөйлем.", "Төртінші сөйлем."]
EN = ["First sentence.", "Second and third.", "Fourth sentence."]


def test_a_merge_cut_into_a_pair_and_a_lone_sentence_is_a_merge_split() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    got = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    (found,) = disagreements(Pair("doc", KK, EN, gold), got)
    assert found.bucket == "merge split"
    assert found.gold == [((1, 2), (1,))]
    assert found.got == [((1,), (1,)), ((2,), ())]


def test_separate_stretches_are_told_apart_and_an_agreement_is_no_error() -> None:
    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert disagreements(Pair("doc", KK, EN, gold), gold) == []
    got = [((0, 1), (0,)), ((2,), (1,)), ((3,), ()), ((), (2,))]
    found = disagreements(Pair("doc", KK, EN, gold), got)
    assert [d.gold for d in found] == [[((0,), (0,)), ((1,), ())], [((3,), (2,))]]
    assert [d.bucket for d in found] == ["loose", "loose"]
