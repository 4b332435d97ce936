"""Synthetic Kazakh–English documents with known gold beads, built from Tatoeba pairs.

Line n of ``tatoeba.kaz-eng.kaz`` translates line n of ``tatoeba.kaz-eng.eng``
(575 pairs, in the shared data folder). A document is a run of pairs turned
into beads at the Text+Berg rates (Sennrich & Volk): a 2-1 bead joins the
English of two consecutive pairs into one sentence, a 1-2 bead their Kazakh,
3-1 / 1-3 three; 0-1 drops a pair's Kazakh, 1-0 its English; a 2-2 bead keeps
two Kazakh sentences and re-cuts the English of the two pairs at another word,
so that neither Kazakh sentence has an English sentence of its own. The text
is left as Tatoeba has it (Latin look-alike letters in some Kazakh lines too).
"""

from __future__ import annotations

import ast
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.shared import REPO, shared_dir

Pair = tuple[str, str]
Bead = tuple[tuple[int, ...], tuple[int, ...]]

#: Bead types and their rates in Text+Berg (they sum to 99.5 %; drawn in proportion).
BEAD_RATES: dict[tuple[int, int], float] = {
    (1, 1): 0.74,
    (2, 1): 0.09,
    (1, 2): 0.07,
    (0, 1): 0.05,
    (2, 2): 0.013,
    (1, 0): 0.012,
    (3, 1): 0.011,
    (1, 3): 0.009,
}


def pairs_needed(kind: tuple[int, int]) -> int:
    """How many Tatoeba pairs a bead of this type is made from."""
    return max(kind)


#: The hand-aligned seed documents: NAME.kk.txt, NAME.en.txt and NAME.align ("[0]:[1, 2]").
GOLD = REPO / "tests" / "gold"


def read_gold() -> dict[str, tuple[list[str], list[str], list[Bead]]]:
    """Each seed gold document by name: its Kazakh and English sentences and gold beads."""
    docs = {}
    for path in sorted(GOLD.glob("*.align")):
        doc = path.name.removesuffix(".align")
        kk = (GOLD / f"{doc}.kk.txt").read_text("utf-8").splitlines()
        en = (GOLD / f"{doc}.en.txt").read_text("utf-8").splitlines()
        docs[doc] = (kk, en, parse_beads(path.read_text("utf-8")))
    return docs


def parse_beads(text: str) -> list[Bead]:
    """vecalign beads, one a line: ``[0, 1]:[2]`` (a third ``:score`` field is ignored)."""
    beads = []
    for line in text.splitlines():
        if line.strip():
            left, right = line.split(":")[:2]
            beads.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return beads


def tatoeba_pairs() -> list[Pair]:
    """The 575 (Kazakh, English) Tatoeba pairs, in file order."""
    folder = shared_dir() / "data" / "tatoeba-kaz-eng"
    kk = (folder / "tatoeba.kaz-eng.kaz").read_text("utf-8").splitlines()
    en = (folder / "tatoeba.kaz-eng.eng").read_text("utf-8").splitlines()
    if len(kk) != len(en):
        raise ValueError(f"{folder}: {len(kk)} Kazakh lines but {len(en)} English lines")
    return list(zip(kk, en, strict=True))


def join(sentences: Sequence[str]) -> str:
    """Several sentences as one: a full stop inside becomes a semicolon."""
    parts = [s.strip() for s in sentences]
    inner = [p[:-1] + ";" if p.endswith(".") else p for p in parts[:-1]]
    return " ".join([*inner, parts[-1]])


def recut(first: str, second: str) -> tuple[str, str] | None:
    """The words of two sentences cut into two at another word (None when impossible)."""
    w1, w2 = first.split(), second.split()
    if len(w2) >= 2:
        cut = len(w1) + len(w2) // 2  # sentence 1 + first half of sentence 2 | the rest
    elif len(w1) >= 2:
        cut = len(w1) // 2  # first half of sentence 1 | the rest of 1 + sentence 2
    else:
        return None
    words = w1 + w2
    return " ".join(words[:cut]), " ".join(words[cut:])


@dataclass
class SyntheticDoc:
    kk: list[str]
    en: list[str]
    gold: list[Bead]

    def bead_types(self) -> Counter[tuple[int, int]]:
        return Counter((len(k), len(e)) for k, e in self.gold)


def build_document(
    pairs: Sequence[Pair], rng: random.Random, until: int | None = None
) -> SyntheticDoc:
    """Turn ``pairs`` (in the order given) into a document with gold beads.

    Uses every pair, or, with ``until``, stops as soon as both sides have at
    least that many sentences. A bead type that needs more pairs than are left
    becomes 1-1; a 2-2 whose English cannot be re-cut becomes two 1-1 beads.
    """
    kinds, weights = list(BEAD_RATES), list(BEAD_RATES.values())
    doc = SyntheticDoc([], [], [])
    p = 0

    def add(kk: list[str], en: list[str]) -> None:
        nk, ne = len(doc.kk), len(doc.en)
        doc.kk += kk
        doc.en += en
        doc.gold.append((tuple(range(nk, nk + len(kk))), tuple(range(ne, ne + len(en)))))

    while p < len(pairs):
        if until is not None and min(len(doc.kk), len(doc.en)) >= until:
            break
        kind = rng.choices(kinds, weights)[0]
        if pairs_needed(kind) > len(pairs) - p:
            kind = (1, 1)
        group = pairs[p : p + pairs_needed(kind)]
        p += len(group)
        kk = [k for k, _ in group]
        en = [e for _, e in group]
        a, b = kind
        if kind == (2, 2):
            cut = recut(en[0], en[1])
            if cut is None:
                add(kk[:1], en[:1])
                add(kk[1:], en[1:])
            else:
                add(kk, list(cut))
        elif a == 0:
            add([], en)
        elif b == 0:
            add(kk, [])
        else:
            add(kk if a > 1 else [join(kk)], en if b > 1 else [join(en)])
    return doc


def folds(pairs: Sequence[Pair], k: int, rng: random.Random) -> list[list[Pair]]:
    """``pairs`` shuffled and dealt into ``k`` folds of (nearly) equal size."""
    order = list(pairs)
    rng.shuffle(order)
    return [order[i::k] for i in range(k)]


def large_document(pairs: Sequence[Pair], n: int, rng: random.Random) -> SyntheticDoc:
    """At least ``n`` sentences a side: shuffled copies of ``pairs`` one after another."""
    stream: list[Pair] = []
    while len(stream) < 1.4 * n + 10:
        copy = list(pairs)
        rng.shuffle(copy)
        stream += copy
    return build_document(stream, rng, until=n)
