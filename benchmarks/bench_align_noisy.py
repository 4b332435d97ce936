"""The synthetic documents with and without page furniture: what framing lines cost an aligner.

Run ``python -m benchmarks.bench_align_noisy`` alone, or as part of ``make bench-align``.

Each document is built from Tatoeba pairs as in :mod:`benchmarks.synthetic` (Text+Berg bead
rates: merged and split sentences included), then given headlines that do not translate each
other, rubric, counter, dateline and byline lines, an agency attribution, captions, translator's
notes and closing lines (:mod:`benchmarks.synthetic_noise`). The same systems run on the clean
and the noisy version of every document; a second table says, for each kind of framing line,
how often each system leaves it alone as the gold does, and how many of the document's own
beads it still gets right once the furniture is there.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from align.aligner.evaluate import score
from align.aligner.propose import Aligner
from benchmarks.synthetic import Bead, SyntheticDoc, build_document, tatoeba_pairs
from benchmarks.synthetic_noise import add_furniture

SEED = 20261206
DOCS = 24
PAIRS_PER_DOC = (30, 45)  # a news item's length, as in the real pairs

AlignFn = Callable[[list[str], list[str]], list[Bead]]


def systems() -> dict[str, AlignFn]:
    """kopir and the baselines of :mod:`benchmarks.bench_align`: the length-only one, nltk,
    and hunalign's variants when it can be run here (``make hunalign``), the issue's baseline
    and what a user would pick instead, so that it is printed on every set."""
    from benchmarks import hunalign
    from benchmarks.bench_align import gale_church

    def kopir(aligner: Aligner) -> AlignFn:
        return lambda kk, en: [(b.kk, b.en) for b in aligner.align(kk, en)]

    out: dict[str, AlignFn] = {
        "kopir": kopir(Aligner()),
        "length-only baseline": kopir(Aligner(use_features=False)),
        "nltk align_blocks": lambda kk, en: gale_church(kk, en)[0],
    }
    for name, align in hunalign.systems().items():
        out[name] = lambda kk, en, align=align: [(k, e) for k, e, _ in align(kk, en)]
    return out


def documents(
    n: int = DOCS, seed: int = SEED
) -> list[tuple[SyntheticDoc, SyntheticDoc, list[str]]]:
    """``n`` (clean, noisy, kinds of the noisy gold beads) triples, the same on every run."""
    rng = random.Random(seed)
    pairs = tatoeba_pairs()
    out = []
    for _ in range(n):
        clean = build_document(rng.sample(pairs, rng.randint(*PAIRS_PER_DOC)), rng)
        noisy, kinds = add_furniture(clean, rng)
        out.append((clean, noisy, kinds))
    return out


def run() -> float:
    """Print both tables; returns kopir's strict F1 on the noisy documents."""
    from benchmarks.bench_align import table

    docs = documents()
    fns = systems()
    found: dict[str, dict[str, list[Bead]]] = {name: {} for name in fns}
    rows = []
    for name, fn in fns.items():
        clean_runs, noisy_runs = [], []
        for i, (clean, noisy, _) in enumerate(docs):
            clean_runs.append((clean.gold, fn(clean.kk, clean.en)))
            got = fn(noisy.kk, noisy.en)
            noisy_runs.append((noisy.gold, got))
            found[name][str(i)] = got
        c, n = score(clean_runs), score(noisy_runs)
        rows.append([name, c.f1_strict, n.f1_strict, n.f1_strict - c.f1_strict, c.f1_lax, n.f1_lax])
    frames = sum(k != "body" for _, _, kinds in docs for k in kinds)
    print(
        f"(n) NOISY SYNTHETIC: {len(docs)} documents of {PAIRS_PER_DOC[0]}–{PAIRS_PER_DOC[1]} "
        f"Tatoeba pairs, {sum(len(d.kk) for _, d, _ in docs)} kk / "
        f"{sum(len(d.en) for _, d, _ in docs)} en sentences with {frames} framing lines added"
    )
    table(
        "Each row: one system on the same documents without and with framing lines (strict "
        "and lax F1, counts summed over documents).",
        ["system", "F1 clean", "F1 noisy", "change", "lax clean", "lax noisy"],
        rows,
    )
    kinds_total: Counter[str] = Counter(k for _, _, kinds in docs for k in kinds)
    by_kind = []
    for kind in sorted(kinds_total):
        line: list[object] = [kind, kinds_total[kind]]
        for name in fns:
            hit = 0
            for i, (_, noisy, kinds) in enumerate(docs):
                proposed = set(found[name][str(i)])
                hit += sum(
                    1 for b, k in zip(noisy.gold, kinds, strict=True) if k == kind and b in proposed
                )
            line.append(f"{hit / kinds_total[kind]:.3f}")
        by_kind.append(line)
    table(
        "Each row: one kind of gold bead in the noisy documents ('body' = the document's own "
        "beads) and the share each system proposes exactly (strict recall by kind).",
        ["kind", "beads", *fns],
        by_kind,
    )
    return float(rows[0][2])


if __name__ == "__main__":
    run()
