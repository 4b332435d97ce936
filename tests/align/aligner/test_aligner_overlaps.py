"""The band's shared feature weights looked up a chunk at a time (align/aligner/overlaps.py)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from align.aligner.overlaps import Overlaps, ranges
from align.aligner.propose import Aligner, _Document, _inverted
from align.model import IndexBead


def _one_by_one(kk_feats, index, weight, k0, e0, e1, first, lo, width) -> np.ndarray:
    """The lookup feature by feature: what the search's Q means."""
    q = np.zeros((len(lo), width))
    for t, lo_t in enumerate(lo.tolist()):
        row = first + t
        if row == 0:
            continue
        seen_from = e0 + lo_t - 1
        for feature in kk_feats[k0 + row - 1]:
            for e in index.get(feature, ()):
                if max(seen_from, e0) <= e < min(seen_from + width, e1):
                    q[t, e - seen_from] += weight[feature]
    return q


def test_rows_add_the_same_weights_in_the_same_order_as_one_by_one():
    rng = random.Random(7)
    features = [f"W:{n}" for n in range(12)]
    weight = {f: rng.uniform(0.1, 3.0) for f in features[:10]}  # two never shared
    kk = [rng.sample(features, rng.randint(0, 5)) for _ in range(30)]
    en = [set(rng.sample(features, rng.randint(0, 5))) for _ in range(28)]
    index = _inverted([{f for f in fs if f in weight} for fs in en])
    overlaps = Overlaps(kk, index, weight, len(en))
    for k0, e0, e1, first, rows, width in [
        (0, 0, 28, 0, 10, 7),
        (0, 0, 28, 5, 12, 9),
        (4, 3, 20, 2, 8, 5),  # a stretch: English outside 3 … 19 unseen
        (0, 0, 28, 20, 11, 41),  # a band wider than the side
    ]:
        lo = np.array([rng.randint(-6, 25) for _ in range(rows)])
        got = overlaps.rows(k0, e0, e1, first, lo, width)
        want = _one_by_one(kk, index, weight, k0, e0, e1, first, lo, width)
        assert np.array_equal(got, want)


def test_no_features_share_nothing():
    overlaps = Overlaps([[], []], {}, {}, 3)
    assert not overlaps.rows(0, 0, 3, 0, np.array([-1, 0, 1]), 4).any()


def test_pairs_share_what_their_features_have_in_common():
    weight = {"N:2024": 3.0, "P:tkv": 2.0, "W:visit": 0.5}
    kk = [["N:2024", "P:tkv", "W:other"], ["W:visit"], []]
    en = [{"P:tkv", "W:visit"}, {"N:2024", "P:tkv"}, set()]
    overlaps = Overlaps(kk, _inverted(en), weight, len(en))
    got = overlaps.shared(np.array([0, 0, 1, 1, 2]), np.array([0, 1, 0, 1, 1]))
    assert got.tolist() == [2.0, 5.0, 0.5, 0.0, 0.0]
    assert overlaps.shared(np.array([], dtype=int), np.array([], dtype=int)).tolist() == []


# Sentences written for this test: a visit, a meeting, a law, figures in both languages,
# one Kazakh sentence the English leaves out and one English sentence of its own.
KK = [
    "Қасым-Жомарт Тоқаев 2024 жылы 12 наурызда Астанада Францияның сыртқы істер "
    "министрімен кездесті.",
    "Тараптар екі ел арасындағы сауда мен инвестиция мәселелерін талқылады.",
    "Өткен жылы тауар айналымы 4,5 млрд долларға жетті.",
    "Кездесу жылы атмосферада өтті.",
    "Президент Францияның компанияларын Қазақстанға инвестиция салуға шақырды.",
    "Сондай-ақ Парламент жаңа заң жобасын 15 сәуірде қарайды.",
    "Заң жобасы энергетика саласына қатысты.",
]
EN = [
    "Kassym-Jomart Tokayev met the French Minister of Foreign Affairs in Astana on March 12, 2024.",
    "The sides discussed trade and investment between the two countries.",
    "Last year trade turnover reached 4.5 billion dollars.",
    "The President invited French companies to invest in Kazakhstan.",
    "The minister thanked the President for the warm welcome.",
    "Parliament will also consider a new draft law on April 15.",
    "The draft law concerns the energy sector.",
]


def test_the_whole_document_s_shares_are_each_bead_s_own():
    """explained and elsewhere for every bead at once (_Document._bead_shares) are what the
    per-bead methods say, merges and beads at either end of the text included."""
    doc = _Document(Aligner(), KK, EN, None, None)
    beads = [
        IndexBead((0,), (0,)),
        IndexBead((1, 2), (1,)),
        IndexBead((), (2,)),
        IndexBead((3,), ()),
        IndexBead((4,), (3, 4)),
        IndexBead((5,), (5,)),
        IndexBead((6,), (6,)),
    ]
    shares = doc._bead_shares(beads)
    assert set(shares) == {(b.kk, b.en) for b in beads if b.kk and b.en}
    for (kk, en), (explained, elsewhere) in shares.items():
        assert explained == pytest.approx(doc.explained(kk, en), abs=1e-12)
        assert elsewhere == pytest.approx(doc.elsewhere(kk, en), abs=1e-12)
    assert any(e > 0 for _, e in shares.values()) and any(x > 0 for x, _ in shares.values())
    assert doc._bead_shares([IndexBead((3,), ())]) == {}


def test_ranges_concatenates_each_start_s_run_in_order():
    # propose.py used overlaps' private _ranges; it is public now, and this is its contract
    starts, lengths = np.array([5, 0, 9]), np.array([2, 0, 3])
    assert ranges(starts, lengths).tolist() == [5, 6, 9, 10, 11]
    assert ranges(np.array([3]), np.array([0])).tolist() == []
