"""Sentence alignment benchmark, parts (a) and (b): scores on the seed gold and synthetic documents.

Every compared system (:func:`benchmarks.bench_align.compared_systems`) aligns (a) the five
hand-aligned seed documents (``tests/gold``), its learned lexicon trained
leave-one-document-out on the other four documents' gold 1-1 pairs, and (b) synthetic
documents made from the Tatoeba kk–en pairs (:mod:`benchmarks.synthetic`), the lexicon
cross-validated over folds of pairs; each prints strict and lax precision, recall and F1,
and (b) the recall of each gold bead type. :mod:`benchmarks.bench_align` runs them with
the real pairs, speed and bad input, and checks the bars; on their own::

    .venv/bin/python -m benchmarks.bench_align_quality [--quick]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Sequence

from align.aligner.lexicon import Lexicon
from benchmarks import hunalign
from benchmarks.bench_align import (
    GALE_CHURCH,
    KOPIR,
    SEED,
    Row,
    base_lexicon,
    compared_systems,
    score_table,
    system_names,
    table,
)
from benchmarks.synthetic import (
    BEAD_RATES,
    Bead,
    Pair,
    SyntheticDoc,
    build_document,
    folds,
    read_gold,
    tatoeba_pairs,
)

N_FOLDS = 5


def learned_lexicon(pairs: Sequence[Pair]) -> tuple[Lexicon, int]:
    lexicon = base_lexicon()
    return lexicon, lexicon.learn(pairs)


# ---------------------------------------------------------------- (a) seed gold


def seed_gold() -> float:
    docs = read_gold()
    rows = {name: Row(name) for name in system_names()}
    core = base_lexicon()
    learned_sizes = []
    for doc, (kk, en, gold) in docs.items():
        train = [
            (okk[k[0]], oen[e[0]])
            for other, (okk, oen, obeads) in docs.items()
            if other != doc
            for k, e in obeads
            if len(k) == 1 and len(e) == 1
        ]
        lexicon, learned = learned_lexicon(train)
        learned_sizes.append(f"{doc[:3]}: {len(train)} pairs → {learned} keys")
        systems = compared_systems(lexicon, core, rows[GALE_CHURCH])
        for name, fn in systems.items():
            rows[name].run(lambda fn=fn, k=kk, e=en: fn(k, e), gold, len(kk), len(en))
    n_kk = sum(len(d[0]) for d in docs.values())
    n_en = sum(len(d[1]) for d in docs.values())
    n_beads = sum(len(d[2]) for d in docs.values())
    print(
        f"(a) SEED GOLD: {len(docs)} documents, {n_kk} kk / {n_en} en sentences, {n_beads} "
        "gold beads; no paragraph flags"
    )
    if not hunalign.command():
        print(f"    {hunalign.missing()}")
    print("    learned lexicon, leave-one-document-out on the other documents' gold 1-1 pairs:")
    print("    " + "; ".join(learned_sizes))
    score_table(
        "Each row: one aligner on all 5 gold documents, counts summed over documents "
        "(vecalign score.py); 'F1 0xx' = strict F1 of one document, 'align s' = total time.",
        list(rows.values()),
        [d[:3] for d in docs],
    )
    return rows[KOPIR].scores.f1_strict


# ---------------------------------------------------------------- (b) synthetic


def synthetic(docs_per_fold: int) -> float:
    rng = random.Random(SEED)
    parts = folds(tatoeba_pairs(), N_FOLDS, rng)
    core = base_lexicon()
    names = system_names()
    rows = {name: Row(name) for name in names}
    all_docs: list[SyntheticDoc] = []
    proposals: dict[str, list[list[Bead]]] = {name: [] for name in names}
    learned_sizes = []
    for f, fold in enumerate(parts):
        train = [p for g, other in enumerate(parts) if g != f for p in other]
        lexicon, learned = learned_lexicon(train)
        learned_sizes.append(f"fold {f}: {len(train)} pairs → {learned} keys")
        systems = compared_systems(lexicon, core, rows[GALE_CHURCH])
        for _ in range(docs_per_fold):
            size = rng.randint(100, min(150, len(fold)))
            doc = build_document(rng.sample(fold, size), rng)
            all_docs.append(doc)
            for name, fn in systems.items():
                run = rows[name].run
                run(lambda fn=fn, d=doc: fn(d.kk, d.en), doc.gold, len(doc.kk), len(doc.en))
            for name in names:
                proposals[name].append(rows[name].pairs[-1][1])

    types = Counter[tuple[int, int]]()
    for doc in all_docs:
        types += doc.bead_types()
    total = sum(types.values())
    n_kk = sum(len(d.kk) for d in all_docs)
    n_en = sum(len(d.en) for d in all_docs)
    print(
        f"(b) SYNTHETIC: {len(all_docs)} documents from Tatoeba kk–en ({N_FOLDS} folds of "
        f"{min(map(len, parts))}–{max(map(len, parts))} pairs; each document 100–"
        f"{min(150, min(map(len, parts)))} pairs drawn without replacement from one fold), "
        f"{n_kk} kk / {n_en} en sentences, {total} gold beads"
    )
    print("    learned lexicon, trained on the other folds' pairs:")
    print("    " + "; ".join(learned_sizes))
    print()
    recall_rows = []
    for kind in BEAD_RATES:
        line: list[object] = [
            f"{kind[0]}-{kind[1]}",
            f"{100 * BEAD_RATES[kind]:.1f}",
            types[kind],
            f"{100 * types[kind] / total:.1f}",
        ]
        for name in names:
            found = 0
            for doc, prop in zip(all_docs, proposals[name], strict=True):
                proposed = set(prop)
                found += sum(
                    1 for b in doc.gold if (len(b[0]), len(b[1])) == kind and b in proposed
                )
            line.append(f"{found / types[kind]:.3f}" if types[kind] else "-")
        recall_rows.append(line)
    table(
        "Each row: one gold bead type — its Text+Berg target rate, how many the synthetic set "
        "has, and the share of them each system proposes exactly (strict recall by type).",
        ["bead", "target %", "gold beads", "realised %", *names],
        recall_rows,
    )
    score_table(
        f"Each row: one aligner on all {len(all_docs)} synthetic documents, counts summed over "
        "documents (vecalign score.py); 'align s' = total time.",
        list(rows.values()),
    )
    return rows[KOPIR].scores.f1_strict


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer synthetic documents")
    args = parser.parse_args(argv)
    seed_gold()
    synthetic(docs_per_fold=1 if args.quick else 4)


if __name__ == "__main__":
    main()
