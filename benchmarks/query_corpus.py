"""The generated corpus of the query benchmarks: aligned pairs as real TEI documents.

Sentence pairs drawn at random from the hand-aligned seed gold (``tests/gold``) and the
Tatoeba pairs, every number in a pair replaced by a random one (the same on both sides),
grouped into beads at the Text+Berg bead-type rates (:mod:`benchmarks.synthetic`),
:data:`BEADS_PER_DOC` beads a document, :data:`CONFIRMED` of them confirmed, documents
dated 2015–2024 (5 % undated). The same seed gives the same corpus, so
``bench_query``, ``bench_concordance`` and ``bench_tm`` measure the same text.
"""

from __future__ import annotations

import os
import random
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.synthetic import Pair, build_document, read_gold, tatoeba_pairs

SEED = 20240611
BEADS_PER_DOC = 1000
CONFIRMED = 0.30
_NUMBER = re.compile(r"\d+")


def source_pairs() -> list[Pair]:
    """Seed gold pairs (beads with both sides, sentences joined) and the Tatoeba pairs."""
    pairs: list[Pair] = [
        (" ".join(kk[i] for i in k), " ".join(en[i] for i in e))
        for kk, en, beads in read_gold().values()
        for k, e in beads
        if k and e
    ]
    return pairs + tatoeba_pairs()


def _varied(pair: Pair, rng: random.Random) -> Pair:
    numbers: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        return numbers.setdefault(match.group(), str(rng.randrange(1, 3000)))

    return _NUMBER.sub(swap, pair[0]), _NUMBER.sub(swap, pair[1])


def document_beads(number: int, beads: int, pool: list[Pair]) -> tuple[list[str], list[str], list]:
    """Document ``number``: its Kazakh and English sentences and ``beads`` gold beads."""
    rng = random.Random(SEED + number)
    stream = [_varied(rng.choice(pool), rng) for _ in range(int(beads * 1.4) + 10)]
    doc = build_document(stream, rng)
    gold = doc.gold[:beads]
    last_kk = max((i for k, _ in gold for i in k), default=-1)
    last_en = max((i for _, e in gold for i in e), default=-1)
    return doc.kk[: last_kk + 1], doc.en[: last_en + 1], gold


def make_document(number: int, beads: int, pool: list[Pair]):
    from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side

    kk, en, gold = document_beads(number, beads, pool)
    rng = random.Random(SEED * 7 + number)

    def side(lang: str, texts: list[str]) -> Side:
        sentences = [Sentence.plain(f"{lang}.s{i + 1}", t) for i, t in enumerate(texts)]
        blocks = [Block(BlockKind.P, sentences[i : i + 20]) for i in range(0, len(sentences), 20)]
        return Side(lang, blocks)

    links = [
        Link(
            tuple(f"kk.s{i + 1}" for i in k),
            tuple(f"en.s{i + 1}" for i in e),
            "confirmed" if rng.random() < CONFIRMED else "auto",
            round(rng.uniform(0.3, 1.0), 4),
        )
        for k, e in gold
    ]
    date = None
    if rng.random() >= 0.05:
        date = f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    meta = Metadata(title=f"Synthetic document {number}", date=date)
    return Document(f"doc{number:05d}", meta, side("kk", kk), side("en", en), links)


def _write_documents(root: str, numbers: list[tuple[int, int]]) -> int:
    from corpus.storage.store import Corpus

    corpus, pool = Corpus(Path(root)), source_pairs()
    for number, beads in numbers:
        corpus.save(make_document(number, beads, pool))
    return len(numbers)


def plan_documents(pairs: int) -> list[tuple[int, int]]:
    """(document number, beads) for a corpus of ``pairs`` beads."""
    plan, left, number = [], pairs, 0
    while left > 0:
        plan.append((number, min(BEADS_PER_DOC, left)))
        left -= BEADS_PER_DOC
        number += 1
    return plan


def generate(root: Path, pairs: int) -> float:
    """Write the corpus with two processes; seconds taken."""
    started = time.perf_counter()
    plan = plan_documents(pairs)
    workers = max(1, min(os.cpu_count() or 1, 4))
    chunks = [plan[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_write_documents, [str(root)] * workers, chunks))
    return time.perf_counter() - started
