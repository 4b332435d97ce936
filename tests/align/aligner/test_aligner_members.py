"""Beads of several sentences judged member by member (align/aligner/members.py)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from align.aligner.dynamic import Weights
from align.aligner.members import (
    SILENT_FALSE,
    SILENT_TRUE,
    Band,
    bead_overlap,
    cell,
    cum_at,
    silence,
    silence_cost,
)
from align.aligner.propose import Aligner, _Document
from benchmarks.bench_align_real import DEVELOPMENT, real_pairs


def _pair(name: str):
    return next(p for p in real_pairs() if p.name == name)


@pytest.mark.parametrize(
    ("name", "gold"),
    [
        # "Шын мәнінде, Ата заңнан биік ештеңе жоқ." (In truth, nothing stands above the
        # Basic Law) is the speaker's own line; the English report goes straight on to why
        # the Constitution is the foundation. It shares nothing with that sentence.
        ("2025-08-29_constitution_30", [((5,), ()), ((6,), (6,))]),
        # A Kazakh sentence the English leaves out, then two Kazakh sentences the English
        # says in one, then an English sentence of its own: each lone sentence stays alone.
        ("2023-02-06_turkiye_rescuers", [((4,), ()), ((5, 6), (4,)), ((), (5,))]),
    ],
)
def test_a_sentence_sharing_nothing_with_a_merge_stays_out_of_it(name: str, gold: list) -> None:
    pair = _pair(name)
    proposed = [(b.kk, b.en) for b in Aligner().align(pair.kk, pair.en)]
    assert all(bead in proposed for bead in gold), proposed
    # Judged as one block, as before, the lone sentences are swallowed by a merge.
    blocks = [(b.kk, b.en) for b in Aligner(weights=Weights(silent=0.0)).align(pair.kk, pair.en)]
    assert not all(bead in blocks for bead in gold)


def _similarity(shared: set[tuple[int, int]]):
    return lambda k, e: 1.0 if (k, e) in shared else 0.0


def test_silence_costs_more_where_real_pairs_always_share_something() -> None:
    pairs = [(i, i) for i in range(30)]
    # Every real pair shares a feature and no sentence shares one with another's translation.
    sure = silence_cost(pairs, 30, _similarity(set(pairs)))
    # Half of the real pairs share nothing, as often as unrelated sentences do.
    unsure = silence_cost(pairs, 30, _similarity(set(pairs[::2])))
    prior = math.log(SILENT_FALSE / SILENT_TRUE)
    assert sure > prior > 0.0
    assert unsure < 0.5 * prior


def test_silence_is_worth_little_when_real_pairs_share_no_more_than_unrelated_ones() -> None:
    n = 400
    pairs = [(i, i) for i in range(n)]
    # Every other sentence shares something with whatever it is set beside.
    half = {(k, e) for k in range(0, n, 2) for e in range(n)}
    assert 0.0 <= silence_cost(pairs, n, _similarity(half)) < 0.1
    # Real pairs silent, unrelated ones sharing: silence would speak for a bead; it is 0.
    unrelated = {(k, e) for k in range(n) for e in range(n) if k != e}
    assert silence_cost(pairs, n, _similarity(unrelated)) == 0.0


def test_without_a_first_pass_silence_costs_what_the_development_set_measured() -> None:
    assert silence_cost([], 5, _similarity(set())) == pytest.approx(
        math.log(SILENT_FALSE / SILENT_TRUE)
    )


def test_a_document_s_silence_cost_is_set_after_its_first_pass_and_never_in_the_baseline() -> None:
    pair = _pair("2025-08-29_constitution_30")
    fitted = _Document(Aligner(), pair.kk, pair.en, None, None)
    assert fitted.weights.silent > 0.0
    assert fitted.weights.similarity == Weights().similarity
    # The length-only baseline has no features: every bead would look silent.
    lengths_only = _Document(Aligner(use_features=False), pair.kk, pair.en, None, None)
    assert lengths_only.weights.silent == 0.0


def test_a_member_is_silent_in_proportion_to_its_length_only_when_it_shares_nothing() -> None:
    own = np.array([0.0, 0.0, 0.7, 0.0])
    share = np.array([1.0, 0.5, 1.0, 0.0])
    assert silence(own, share).tolist() == [1.0, 0.5, 0.0, 0.0]


def test_cells_and_running_sums_read_the_band_with_zero_outside_it() -> None:
    q = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    q_cum = np.cumsum(q, axis=1)
    r = np.array([[0], [1]])
    x = np.array([[-1, 0, 2, 3], [-1, 1, 2, 5]])
    assert cell(q, r, x).tolist() == [[0.0, 1.0, 3.0, 0.0], [0.0, 5.0, 6.0, 0.0]]
    assert cum_at(q_cum, r, x).tolist() == [[0.0, 1.0, 6.0, 6.0], [0.0, 9.0, 15.0, 15.0]]


def _two_one(kk_twice: float) -> tuple[float, float]:
    """The overlap and silent members of a 2-1 (Kazakh 0 and 1, English 0) whose first
    member shares weight 3 with the English sentence and whose second shares 1.5, of which
    ``kk_twice`` is shared by the first member as well."""
    q = np.array([[0.0, 0.0], [0.0, 3.0], [0.0, 1.5]])
    twice = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, kk_twice]])
    band = Band(q, np.cumsum(q, axis=1), np.zeros(3, dtype=np.int64), 0)
    band = band._replace(kk_twice=twice, kk_twice_cum=np.cumsum(twice, axis=1), en_twice=q * 0)
    ov, silent = bead_overlap(band, 2, 1, np.array([[2]]), np.array([[1]]), np.ones(2), np.ones(1))
    return float(ov[0, 0]), float(silent[0, 0])


def test_a_member_sharing_only_what_its_neighbour_shares_is_silent() -> None:
    assert _two_one(1.5) == (4.5, 1.0)
    # Half of what it shares is its own: it speaks for the merge.
    assert _two_one(0.75) == (4.5, 0.0)


def test_a_sentence_printed_twice_pairs_once() -> None:
    # The Kazakh item repeats its lead sentence word for word (4 and 5); the English
    # says it once. The copy shares only what the lead shares, so it stays alone.
    pair = next(
        p for p in real_pairs(DEVELOPMENT["held-out"]) if p.name == "2022-01-11_teachers_program"
    )
    assert pair.kk[4] == pair.kk[5]
    proposed = [(b.kk, b.en) for b in Aligner().align(pair.kk, pair.en)]
    assert ((4,), (3,)) in proposed and ((5,), ()) in proposed, proposed


def test_the_lone_weight_makes_standing_alone_cheaper() -> None:
    # Two plain translations pair 1-1 at the shipped price of a lone sentence; taking
    # enough nats off that price (Weights.lone, the knob benchmarks/fit_bead_costs.py
    # refits) leaves every sentence alone instead.
    kk = ["Бүгін Алматыда күн ашық болады.", "Кешке жаңбыр жауады деп күтілуде."]
    en = ["It will be sunny in Almaty today.", "Rain is expected in the evening."]
    paired = Aligner().align(kk, en)
    assert [(b.kk, b.en) for b in paired] == [((0,), (0,)), ((1,), (1,))]
    alone = Aligner(weights=replace(Weights(), lone=6.0)).align(kk, en)
    assert all(not (b.kk and b.en) for b in alone) and len(alone) == 4
