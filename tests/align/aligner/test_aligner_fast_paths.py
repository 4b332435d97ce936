"""The aligner's fast paths give exactly what the plain computations give.

Speed work must not change a single bead or confidence: each shortcut here is
compared bit for bit with the computation it replaces, on random input and on
the real published pairs and the seed gold.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import dynamic
from align.aligner.lengths import CostTable, LengthModel
from align.aligner.lexicon import Lexicon
from align.aligner.propose import Aligner
from benchmarks.bench_align_real import real_pairs
from tests.helpers import REPO

GOLD = REPO / "tests" / "gold"


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0.3, 3.0),
    st.floats(0.5, 12.0),
    st.sampled_from([0.0, 0.005, 0.02, 0.3]),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), min_size=1, max_size=50),
)
def test_a_looked_up_length_cost_is_the_computed_one(
    ratio: float, variance: float, tail: float, lengths: list[tuple[int, int]]
) -> None:
    model = LengthModel(ratio, variance, tail)
    kk = np.array([k for k, _ in lengths], dtype=np.float64)
    en = np.array([e for _, e in lengths], dtype=np.float64)
    table = CostTable(model, int(kk.max()), int(en.max()))
    assert table.cost(kk, en).tobytes() == model.cost(kk, en).tobytes()
    # and one bead at a time, as the plain path once computed them
    single = [float(model.cost(np.array(k), np.array(e))) for k, e in zip(kk, en, strict=True)]
    assert table.cost(kk, en).tolist() == single


def test_no_table_for_fractional_lengths_or_when_filling_it_costs_more() -> None:
    model = LengthModel()
    whole = np.array([10.0, 20.0, 30.0])
    assert CostTable.worth(model, whole, whole, lookups=10_000) is not None
    assert CostTable.worth(model, whole + 0.5, whole, lookups=10_000) is None
    assert CostTable.worth(model, whole * 1000, whole, lookups=10_000) is None


def _beads(aligner: Aligner, kk: list[str], en: list[str]) -> list[tuple]:
    return [(b.kk, b.en, b.score) for b in aligner.align(kk, en)]


def _plain_and_fast(aligner: Aligner, kk: list[str], en: list[str]) -> tuple[list, list]:
    """Align with length costs computed (plain), then with them always looked up (fast)."""
    worth = CostTable.worth.__func__
    built = []

    def always(cls, model, kk_len, en_len, lookups):
        table = worth(cls, model, kk_len, en_len, lookups=1 << 62)
        built.append(table)
        return table

    with pytest.MonkeyPatch.context() as m:
        m.setattr(dynamic.CostTable, "worth", classmethod(lambda *a, **k: None))
        plain = _beads(aligner, kk, en)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(dynamic.CostTable, "worth", classmethod(always))
        fast = _beads(aligner, kk, en)
    assert any(t is not None for t in built), "the fast path was taken"
    return plain, fast


def test_real_pairs_and_seed_gold_align_identically_with_looked_up_costs() -> None:
    docs = [(p.kk, p.en) for p in real_pairs()]
    for path in sorted(GOLD.glob("*.kk.txt")):
        en_path = path.with_name(path.name.replace(".kk.", ".en."))
        docs.append((path.read_text("utf-8").splitlines(), en_path.read_text("utf-8").splitlines()))
    assert len(docs) >= 10
    aligner = Aligner()
    for kk, en in docs:
        plain, fast = _plain_and_fast(aligner, kk, en)
        assert fast == plain


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 60), st.integers(1, 60))
def test_random_documents_align_identically_with_looked_up_costs(seed: int, n: int, m: int) -> None:
    rng = random.Random(seed)
    words = "Астана 2024 бейбіт келісім Tokayev visit 15 agreement peace сапар".split()

    def sentence() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) + "."

    kk = [sentence() for _ in range(n)]
    en = [sentence() for _ in range(m)]
    plain, fast = _plain_and_fast(Aligner(lexicon=Lexicon()), kk, en)
    assert fast == plain
