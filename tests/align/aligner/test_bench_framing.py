"""bench_framing --off switches one framing rule off at a time: its lines read as body."""

from __future__ import annotations

from align.aligner.framing import Kind, labels
from benchmarks.bench_align_real import Pair
from benchmarks.bench_framing import _labels_without, strict_f1

# A byline under the last sentence: read as body, it is merged into the last bead.
KK = ["Президент Астанада болды.", "Ол 12 жобаны қарады.", "Зарина Арман"]
EN = ["The President visited Astana.", "He reviewed 12 projects there today."]
GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), ())]


def test_a_rule_switched_off_reads_its_lines_as_body_and_leaves_the_others() -> None:
    lines = ["Kudrenok Tatyana", "Screenshot_7.jpg", "Мемлекет басшысы ғалымдармен кездесті."]
    off = _labels_without(frozenset({"FRAME byline"}))(lines)
    assert off[0] == (Kind.BODY, "off")
    assert off[1:] == labels(lines)[1:]


def test_the_aligner_sees_the_rule_switched_off() -> None:
    sets = {"tiny": [Pair("byline", KK, EN, GOLD)]}
    assert labels(KK)[2] == (Kind.FRAME, "byline")
    on = strict_f1(sets)
    off = strict_f1(sets, frozenset({"FRAME byline"}))
    assert on == {"tiny": 1.0, "pooled": 1.0}
    assert off["tiny"] < 1.0 and off["pooled"] == off["tiny"]
