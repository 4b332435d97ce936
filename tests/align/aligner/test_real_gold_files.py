"""The real published pairs' gold files are well formed, and the sets stay apart.

The development sets (:data:`benchmarks.bench_align_real.DEVELOPMENT`:
``benchmarks/data/real``, ``real_heldout``, and ``real_test`` to ``real_test7``, each
scored once and development data since) and the gated test set
(``benchmarks/data/real_test8``, scored once a session by the lead and never tuned on) are
read by :mod:`benchmarks.bench_align_real`; a gold file that skips or repeats a sentence, or
a document that is in two sets, would make every figure printed from them wrong without any
error. These tests only parse the gated set's files: no aligner runs on it here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.bench_align_real import (
    DEVELOPMENT,
    GATED_TEST,
    Pair,
    development_sets,
    gated_test_pairs,
)

URL = re.compile(r"https?://[^\s,|)]+")
#: Every set's folder by label: the development sets in order, then the gated test set.
ROOTS: dict[str, Path] = {**DEVELOPMENT, "gated test": GATED_TEST}
#: The fewest documents each set has held (a set that shrinks has lost files).
AT_LEAST = {
    "dev": 33,
    "held-out": 13,
    "old test": 11,
    "old test 2": 20,
    "old test 3": 16,
    "old test 4": 10,
    "old test 5": 12,
    "old test 6": 11,
    "old test 7": 13,
    "gated test": 12,
}


def _sets() -> dict[str, list[Pair]]:
    return {**development_sets(), "gated test": gated_test_pairs()}


def _addresses(root: Path) -> dict[str, set[str]]:
    """Folder name -> the addresses its row in the set's SOURCES.md table names."""
    rows: dict[str, set[str]] = {}
    for line in (root / "SOURCES.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 3 and (root / cells[1]).is_dir():
            rows[cells[1]] = {u.rstrip("/.").lower() for u in URL.findall(line)}
    return rows


def test_every_set_is_there_and_the_gated_one_is_no_development_set() -> None:
    sets = _sets()
    assert list(sets) == list(AT_LEAST)
    for label, pairs in sets.items():
        assert len(pairs) >= AT_LEAST[label], label
    assert GATED_TEST not in DEVELOPMENT.values()
    assert len(set(DEVELOPMENT.values())) == len(DEVELOPMENT)


@pytest.mark.parametrize("which", list(AT_LEAST))
def test_every_gold_file_covers_each_sentence_exactly_once(which: str) -> None:
    for pair in _sets()[which]:
        assert pair.kk and pair.en, pair.name
        assert all(line.strip() for line in pair.kk + pair.en), f"{pair.name}: blank line"
        kk = [i for k, _ in pair.gold for i in k]
        en = [j for _, e in pair.gold for j in e]
        assert sorted(kk) == list(range(len(pair.kk))), f"{pair.name}: Kazakh side {kk}"
        assert sorted(en) == list(range(len(pair.en))), f"{pair.name}: English side {en}"
        assert all(k or e for k, e in pair.gold), f"{pair.name}: a bead with two empty sides"
        for k, e in pair.gold:
            assert list(k) == sorted(k) and list(e) == sorted(e), f"{pair.name}: {k}:{e}"


@pytest.mark.parametrize("which", list(AT_LEAST))
def test_beads_follow_the_order_of_both_texts(which: str) -> None:
    for pair in _sets()[which]:
        last_kk = last_en = -1
        for k, e in pair.gold:
            assert all(i > last_kk for i in k) and all(j > last_en for j in e), pair.name
            last_kk = max(k, default=last_kk)
            last_en = max(e, default=last_en)


@pytest.mark.parametrize("which", list(AT_LEAST))
def test_every_document_has_its_sources_row(which: str) -> None:
    root = ROOTS[which]
    folders = {p.name for p in root.iterdir() if (p / "gold.align").exists()}
    rows = _addresses(root)
    assert folders <= set(rows), f"no SOURCES.md row for {sorted(folders - set(rows))}"
    assert all(len(rows[f]) >= 2 for f in folders), "each row names a Kazakh and an English address"


@pytest.mark.parametrize("which", list(AT_LEAST)[1:])
def test_no_set_shares_a_document_with_an_earlier_one(which: str) -> None:
    """No address in a set's SOURCES.md table and no first sentence is in an earlier set."""
    labels = list(AT_LEAST)
    earlier = labels[: labels.index(which)]
    sets = _sets()
    addresses = set().union(*(u for e in earlier for u in _addresses(ROOTS[e]).values()))
    for name, urls in _addresses(ROOTS[which]).items():
        assert not urls & addresses, f"{name} shares an address with another set"
    firsts = {line for e in earlier for p in sets[e] for line in (p.kk[0], p.en[0])}
    for pair in sets[which]:
        assert pair.kk[0] not in firsts, f"{pair.name}: Kazakh first sentence is in another set"
        assert pair.en[0] not in firsts, f"{pair.name}: English first sentence is in another set"


def test_no_document_is_in_a_set_twice() -> None:
    for label, pairs in _sets().items():
        firsts = [p.kk[0] for p in pairs]
        assert len(set(firsts)) == len(firsts), f"{label}: two documents open alike"
        urls = [u for us in _addresses(ROOTS[label]).values() for u in us]
        assert len(set(urls)) == len(urls), f"{label}: an address in two rows"
