"""Sentence segmentation: kopir beside pySBD and a naive regex, on two gold sets.

Run: ``make bench-segment`` (or ``.venv/bin/python -m benchmarks.bench_segment``).

1. The noisy web-style Kazakh set (``benchmarks/data/web_segmentation``): boundary
   precision / recall / F1 and paragraphs exactly right, for the development part
   and the held-out part separately (the rules were tuned on the first only).
2. UD Kazakh-KTB (edited news): boundary P / R / F1 over the rebuilt running
   text of every source, and throughput on the same text, with kopir's speed
   as a ratio to pySBD's.

pySBD comes from the ``bench`` extra; without it its row is skipped and said so.
``--errors dev`` (or ``heldout``) lists kopir's false boundaries (+) and misses
(-) on that part instead.
"""

from __future__ import annotations

import re
import sys
import time

from benchmarks import web_segmentation as web
from benchmarks.ud_ktb import Score, Splitter, boundaries, read_sources, score_source
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


def web_table(found: dict[str, Splitter]) -> None:
    parts = {part: web.read_part(part) for part in web.PARTS}
    sizes = ", ".join(
        f"{part} {len(ps)} paragraphs / {sum(len(p.gold) - 1 for p in ps)} boundaries"
        for part, ps in parts.items()
    )
    print(f"Noisy web-style Kazakh ({sizes})")
    print(f"{'segmenter':<12} {'part':<8} {'P':>7} {'R':>7} {'F1':>7} {'exact':>9}")
    for name, split in found.items():
        for part, paragraphs in parts.items():
            total, exact = web.score_part(paragraphs, split)
            print(
                f"{name:<12} {part:<8} {total.precision:7.4f} {total.recall:7.4f} "
                f"{total.f1:7.4f} {exact:>4}/{len(paragraphs):<4}"
            )
    print()


def web_errors(part: str) -> None:
    """kopir's false boundaries (+) and misses (-) on one part, marked with ‖."""
    for paragraph in web.read_part(part):
        text = paragraph.text
        want = boundaries(text, paragraph.gold)
        got = boundaries(text, split_sentences(text, "kk"))
        for kind, offsets in (("+", got - want), ("-", want - got)):
            for off in sorted(offsets):
                print(f"{kind} line {paragraph.line}: {text[:off]}‖{text[off:]}")


def main(repeat: int = 7) -> None:
    """Print both tables; each speed is the best of ``repeat`` runs, the same
    number for every segmenter (on a busy machine the ratio still varies from
    run to run: run it twice)."""
    found = splitters()
    web_table(found)
    sources = read_sources()
    n_sent = sum(map(len, sources.values()))
    n_chars = sum(len(" ".join(g)) for g in sources.values())
    print(f"UD Kazakh-KTB: {len(sources)} sources, {n_sent} gold sentences, {n_chars:,} characters")
    print(f"{'segmenter':<12} {'P':>7} {'R':>7} {'F1':>7} {'chars/s':>12}")
    speed: dict[str, float] = {}
    for name, split in found.items():
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
    if len(sys.argv) == 3 and sys.argv[1] == "--errors" and sys.argv[2] in web.PARTS:
        web_errors(sys.argv[2])
    elif len(sys.argv) > 1:
        sys.exit(f"usage: python -m benchmarks.bench_segment [--errors {'|'.join(web.PARTS)}]")
    else:
        main()
