"""The error analysis of the real pairs (benchmarks/align_errors.py) buckets what it finds."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.align_errors import attribution, by_position, disagreements, member_signals
from benchmarks.bench_align_real import Pair
from corpus.text.script import kk_cyrillic_lines

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


def _doc(
    kk_feats: list[list[str]], en_feats: list[set[str]], kk_len: list[float], en_len: list[float]
) -> SimpleNamespace:
    """A stand-in for the aligner's per-document preparation: every feature weighs 1."""
    weight = {f: 1.0 for fs in [*kk_feats, *en_feats] for f in fs}
    return SimpleNamespace(
        kk_feats=kk_feats,
        en_feats=en_feats,
        weight=weight,
        kk_mass=np.array([float(len(fs)) for fs in kk_feats]),
        en_mass=np.array([float(len(fs)) for fs in en_feats]),
        kk_len=np.array(kk_len),
        en_len=np.array(en_len),
        lengths=SimpleNamespace(ratio=1.0),
        weights=SimpleNamespace(smoothing=2.0),
    )


def test_a_member_that_shares_only_its_neighbour_s_name_and_overshoots_the_length() -> None:
    # An English lead (0) the Kazakh lacks shares only the name its neighbour (1), the
    # translation, shares too; the Kazakh sentence is as long as the translation alone.
    doc = _doc(
        [["P:tkv", "W:visit", "N:2024"]],
        [{"P:tkv", "W:lead"}, {"P:tkv", "W:visit"}],
        [100.0],
        [80.0, 100.0],
    )
    lead, translation = member_signals(doc, ((0,), (0, 1)))
    assert (lead.side, lead.index, lead.shared, lead.own, lead.fill) == ("en", 0, 1.0, 0.0, 0.0)
    assert (translation.shared, translation.own) == (2.0, 1.0)
    # With the lead counted, the Kazakh length leaves 20 of its 100 characters for it.
    assert translation.own_share == 0.25 and translation.fill == pytest.approx(0.2)


def test_a_one_to_one_or_a_lone_sentence_has_no_members_to_judge() -> None:
    doc = _doc([["P:tkv"]], [{"P:tkv"}], [10.0], [10.0])
    assert member_signals(doc, ((0,), (0,))) == [] and member_signals(doc, ((0,), ())) == []


def test_the_first_three_beads_are_counted_apart_with_how_sure_their_wrong_ones_look() -> None:
    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    got = [
        (((0,), (0,)), 0.95),  # right
        (((1, 2), (1,)), 0.9),  # wrong and sure
        (((3,), ()), 0.3),  # wrong and weak
        (((), (2,)), 0.6),  # wrong, neither
        (((4,), (3,)), 0.4),  # wrong and weak, after the first three
    ]
    counts = by_position(gold, got)
    assert [counts[f"first {k}"] for k in ("beads", "wrong", "wrong sure", "wrong weak")] == [
        3, 2, 1, 1,
    ]  # fmt: skip
    assert [counts[f"rest {k}"] for k in ("beads", "wrong", "wrong sure", "wrong weak")] == [
        2, 2, 0, 1,
    ]  # fmt: skip
    assert counts["first right weak"] == counts["rest right weak"] == 0


def test_a_line_that_only_says_who_reported_puts_its_stretch_in_the_attribution_bucket() -> None:
    kk = [
        "Жаңа көпір ашылды.",
        "Бұл туралы облыс әкімдігі хабарлады.",
        "Көпірдің ұзындығы 300 метр.",
    ]
    en = ["A new bridge has opened.", "The bridge is 300 metres long."]
    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    got = [((0,), (0,)), ((1, 2), (1,))]
    (found,) = disagreements(Pair("doc", kk, en, gold), got)
    assert found.bucket == "attribution"
    # The same stretch without the attribution line's words is loose.
    plain = [kk[0], "Көпір жаңа жолға қосылды.", kk[2]]
    (found,) = disagreements(Pair("doc", plain, en, gold), got)
    assert found.bucket == "loose"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Бұл туралы Ақорданың баспасөз қызметі хабарлады.", True),
        ("Bul týraly Aqordanyń baspasóz qyzmeti habarlady.", True),  # the Latin alphabet
        ("Aikyn.KZ парақшасынан алынған ақпаратқа сәйкес, Qazaq24.com хабарлайды.", True),
        # a sentence that says something and then who reported it is no mere attribution
        (
            "Жаңа көпірдің құрылысы биыл күзде аяқталады деп жоспарланып отыр, деп хабарлайды "
            "облыс әкімдігі.",
            False,
        ),
        ("Облыс әкімдігі жаңа көпір салатынын хабарлады, құрылыс күзде аяқталады.", False),
    ],
)
def test_what_counts_as_an_attribution_line(line: str, expected: bool) -> None:
    assert attribution(kk_cyrillic_lines([line])[0]) is expected
