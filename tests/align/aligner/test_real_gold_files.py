"""The real published pairs' gold files are well formed, and the four sets stay apart.

The four sets (``benchmarks/data/real`` for development, ``benchmarks/data/real_heldout``
held out and looked at since, ``benchmarks/data/real_test`` scored once on 2026-12-07 and
development data since, ``benchmarks/data/real_test2`` scored once a session by the lead and
never tuned on) are read by :mod:`benchmarks.bench_align_real`; a gold file that skips or
repeats a sentence, or a document that is in two sets, would make every figure printed from
them wrong without any error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.bench_align_real import (
    HELDOUT,
    OLD_TEST,
    REAL,
    TEST,
    Pair,
    heldout_pairs,
    old_test_pairs,
    real_pairs,
    untuned_pairs,
)

URL = re.compile(r"https?://[^\s,|)]+")


def _sets() -> list[tuple[str, list[Pair]]]:
    return [
        ("development", real_pairs()),
        ("held-out", heldout_pairs()),
        ("old test", old_test_pairs()),
        ("test", untuned_pairs()),
    ]


def _addresses(root: Path) -> dict[str, set[str]]:
    """Folder name -> the addresses its row in the set's SOURCES.md table names."""
    rows: dict[str, set[str]] = {}
    for line in (root / "SOURCES.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and (root / cells[1]).is_dir():
            rows[cells[1]] = {u.rstrip("/.").lower() for u in URL.findall(line)}
    return rows


def test_all_four_sets_are_there() -> None:
    assert len(real_pairs()) >= 16
    assert len(heldout_pairs()) >= 13
    assert len(old_test_pairs()) >= 11
    assert len(untuned_pairs()) >= 20


@pytest.mark.parametrize("which", ["development", "held-out", "old test", "test"])
def test_every_gold_file_covers_each_sentence_exactly_once(which: str) -> None:
    pairs = dict(_sets())[which]
    for pair in pairs:
        assert pair.kk and pair.en, pair.name
        assert all(line.strip() for line in pair.kk + pair.en), f"{pair.name}: blank line"
        kk = [i for k, _ in pair.gold for i in k]
        en = [j for _, e in pair.gold for j in e]
        assert sorted(kk) == list(range(len(pair.kk))), f"{pair.name}: Kazakh side {kk}"
        assert sorted(en) == list(range(len(pair.en))), f"{pair.name}: English side {en}"
        assert all(k or e for k, e in pair.gold), f"{pair.name}: a bead with two empty sides"
        for k, e in pair.gold:
            assert list(k) == sorted(k) and list(e) == sorted(e), f"{pair.name}: {k}:{e}"


@pytest.mark.parametrize("which", ["development", "held-out", "old test", "test"])
def test_beads_follow_the_order_of_both_texts(which: str) -> None:
    for pair in dict(_sets())[which]:
        last_kk = last_en = -1
        for k, e in pair.gold:
            assert all(i > last_kk for i in k) and all(j > last_en for j in e), pair.name
            last_kk = max(k, default=last_kk)
            last_en = max(e, default=last_en)


@pytest.mark.parametrize(
    "root", [REAL, HELDOUT, OLD_TEST, TEST], ids=["development", "held-out", "old test", "test"]
)
def test_every_document_has_its_sources_row(root: Path) -> None:
    folders = {p.name for p in root.iterdir() if (p / "gold.align").exists()}
    rows = _addresses(root)
    assert folders <= set(rows), f"no SOURCES.md row for {sorted(folders - set(rows))}"
    assert all(len(rows[f]) >= 2 for f in folders), "each row names a Kazakh and an English address"


def test_no_held_out_document_is_in_the_development_set() -> None:
    dev_urls = set().union(*_addresses(REAL).values())
    for name, urls in _addresses(HELDOUT).items():
        assert not urls & dev_urls, f"{name} shares an address with the development set"
    dev_first = {p.kk[0] for p in real_pairs()} | {p.en[0] for p in real_pairs()}
    for pair in heldout_pairs():
        assert pair.kk[0] not in dev_first, f"{pair.name}: Kazakh first sentence is in dev"
        assert pair.en[0] not in dev_first, f"{pair.name}: English first sentence is in dev"


def test_the_old_test_set_shares_no_document_with_dev_or_held_out() -> None:
    _apart(OLD_TEST, old_test_pairs(), [REAL, HELDOUT], real_pairs() + heldout_pairs())


def test_the_test_set_shares_no_document_with_the_other_three() -> None:
    others = real_pairs() + heldout_pairs() + old_test_pairs()
    _apart(TEST, untuned_pairs(), [REAL, HELDOUT, OLD_TEST], others)


def _apart(root: Path, pairs: list[Pair], other_roots: list[Path], others: list[Pair]) -> None:
    """No address in ``root``'s SOURCES.md and no first sentence is in the other sets."""
    addresses = set().union(*(u for r in other_roots for u in _addresses(r).values()))
    for name, urls in _addresses(root).items():
        assert not urls & addresses, f"{name} shares an address with another set"
    firsts = {line for p in others for line in (p.kk[0], p.en[0])}
    for pair in pairs:
        assert pair.kk[0] not in firsts, f"{pair.name}: Kazakh first sentence is in another set"
        assert pair.en[0] not in firsts, f"{pair.name}: English first sentence is in another set"
