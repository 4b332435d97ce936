"""The noisy synthetic documents keep a gold that covers every sentence once, in order."""

from __future__ import annotations

import random

import pytest

from benchmarks.synthetic import SyntheticDoc
from benchmarks.synthetic_noise import EN_LINES, KK_LINES, Furniture, add_furniture


def clean_doc() -> SyntheticDoc:
    kk = [f"Қазақша сөйлем {i}." for i in range(9)]
    en = [f"English sentence {j}." for j in range(8)]
    gold = [
        ((0,), (0,)),
        ((1, 2), (1,)),  # 2-1
        ((3,), (2, 3)),  # 1-2
        ((4,), ()),  # 1-0
        ((), (4,)),  # 0-1
        ((5,), (5,)),
        ((6, 7), (6,)),
        ((8,), (7,)),
    ]
    return SyntheticDoc(kk, en, gold)


EVERYTHING = Furniture(1, 1, 1, 1, 1, 1, 1, 1, 1)


@pytest.mark.parametrize("seed", range(20))
def test_every_sentence_is_in_exactly_one_bead_in_order(seed: int) -> None:
    noisy, kinds = add_furniture(clean_doc(), random.Random(seed))
    assert len(kinds) == len(noisy.gold)
    kk = [i for k, _ in noisy.gold for i in k]
    en = [j for _, e in noisy.gold for j in e]
    assert kk == list(range(len(noisy.kk)))
    assert en == list(range(len(noisy.en)))


@pytest.mark.parametrize("seed", range(20))
def test_leaving_the_framing_out_gives_back_the_clean_document(seed: int) -> None:
    clean = clean_doc()
    noisy, kinds = add_furniture(clean, random.Random(seed))
    body = [b for b, k in zip(noisy.gold, kinds, strict=True) if k == "body"]
    assert [[noisy.kk[i] for i in k] for k, _ in body] == [
        [clean.kk[i] for i in k] for k, _ in clean.gold
    ]
    assert [[noisy.en[j] for j in e] for _, e in body] == [
        [clean.en[j] for j in e] for _, e in clean.gold
    ]


def test_framing_lines_stand_alone_and_each_side_has_its_own_headline() -> None:
    noisy, kinds = add_furniture(clean_doc(), random.Random(1), EVERYTHING)
    framing = [(b, k) for b, k in zip(noisy.gold, kinds, strict=True) if k != "body"]
    for (k, e), kind in framing:
        side = kind.split()[0]
        assert (len(k), len(e)) == ((1, 0) if side == "kk" else (0, 1))
        text = noisy.kk[k[0]] if side == "kk" else noisy.en[e[0]]
        assert text in (KK_LINES if side == "kk" else EN_LINES)[kind.split()[1]]
    names = {kind for _, kind in framing}
    assert {"kk headline", "en headline", "kk attribution", "en closing", "kk closing"} <= names
    # the headlines open the document, before the first body bead
    first_body = kinds.index("body")
    assert {"kk headline", "en headline"} <= set(kinds[:first_body])


def test_no_furniture_asked_for_leaves_only_the_headlines() -> None:
    none = Furniture(0, 0, 0, 0, 0, 0, 0, 0, 0)
    _, kinds = add_furniture(clean_doc(), random.Random(5), none)
    assert [k for k in kinds if k != "body"] == ["kk headline", "en headline"]


def test_the_same_seed_gives_the_same_document() -> None:
    a, ka = add_furniture(clean_doc(), random.Random(42))
    b, kb = add_furniture(clean_doc(), random.Random(42))
    assert (a.kk, a.en, a.gold, ka) == (b.kk, b.en, b.gold, kb)
