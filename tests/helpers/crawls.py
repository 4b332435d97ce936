"""Crawls of Tatoeba-like documents with gold beads, for the realign pass's tests."""

from __future__ import annotations

import random

from benchmarks.realign_cli import Doc
from benchmarks.synthetic import build_document, tatoeba_pairs


def tatoeba_documents(count: int, pairs: int, seed: int = 16) -> list[Doc]:
    """``count`` documents of ``pairs`` Tatoeba pairs each, cut into beads of every kind
    (:func:`benchmarks.synthetic.build_document`): the same on every run.

    Everyday words, few of them in the aligner's core lexicon (made for news): the first
    pass gets some beads wrong for lack of words, and the corpus can teach them.
    """
    rng = random.Random(seed)
    source = tatoeba_pairs()
    docs = []
    for _ in range(count):
        doc = build_document(rng.sample(source, pairs), rng)
        docs.append((doc.kk, doc.en, doc.gold))
    return docs
