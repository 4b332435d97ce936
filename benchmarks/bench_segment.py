"""Sentence segmentation on UD Kazakh-KTB: kopir beside pySBD and a naive regex.

Run: ``make bench-segment`` (or ``.venv/bin/python -m benchmarks.bench_segment``).
Prints boundary precision / recall / F1 over the rebuilt running text of every
source, and throughput on the same text, with kopir's speed as a ratio to
pySBD's. pySBD comes from the ``bench`` extra; without it its row is skipped
and said so.
"""

from __future__ import annotations

import re
import sys
import time

from benchmarks.ud_ktb import Score, Splitter, read_sources, score_source
from corpus.text.segment import split_sentences

_NAIVE = re.compile(r"(?<=[.!?…])\s+")


def naive_split(text: str) -> list[str]:
    """The baseline everybody writes first: split after every . ! ? …"""
    return _NAIVE.split(text)


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {"kopir": lambda t: split_sentences(t, "kk")}
    try:
        import pysbd
    except ImportError:
        print("pySBD not installed (pip install '.[bench]'): its row is skipped", file=sys.stderr)
    else:
        seg = pysbd.Segmenter(language="kk", clean=False)
        found["pySBD kk"] = seg.segment
    found["naive regex"] = naive_split
    return found


def main(repeat: int = 3) -> None:
    sources = read_sources()
    n_sent = sum(map(len, sources.values()))
    n_chars = sum(len(" ".join(g)) for g in sources.values())
    print(f"UD Kazakh-KTB: {len(sources)} sources, {n_sent} gold sentences, {n_chars:,} characters")
    print(f"{'segmenter':<12} {'P':>7} {'R':>7} {'F1':>7} {'chars/s':>12}")
    speed: dict[str, float] = {}
    for name, split in splitters().items():
        total = Score(0, 0, 0)
        for gold in sources.values():
            total += score_source(gold, split)
        texts = [" ".join(g) for g in sources.values()]
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for text in texts:
                split(text)
            best = min(best, time.perf_counter() - t0)
        speed[name] = n_chars / best
        print(
            f"{name:<12} {total.precision:7.4f} {total.recall:7.4f} {total.f1:7.4f} "
            f"{speed[name]:12,.0f}"
        )
    if "pySBD kk" in speed:
        print(f"kopir throughput = {speed['kopir'] / speed['pySBD kk']:.1f}× pySBD's")


if __name__ == "__main__":
    main()
