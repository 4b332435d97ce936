"""The realign pass hunalign makes, measured: does a corpus teach itself its words?

    .venv/bin/python -m benchmarks.bench_align_realign

kopir's learned lexicon is trained on *confirmed* beads only, so a fresh corpus aligns with
the core and registry lexicons alone. hunalign's realign pass does without confirmation:
align every document of the corpus once, train IBM Model 1 (here :meth:`Lexicon.learn`) on
the automatic beads whose confidence is at least a threshold, and align every document
again with what it learned. No gold is used; the gold only scores the two passes.

Each set below is taken as one corpus: the real development pairs, the held-out real pairs
and, with ``KOPIR_SCORE_TEST_SET=1`` only, the real test pairs (each separately), the
Tatoeba synthetic documents of :mod:`benchmarks.bench_align_quality`, the same with page
furniture (:mod:`benchmarks.bench_align_noisy`) and the seed gold. Printed: strict F1 of the first
pass and of the second at each threshold, how many beads taught it, and the second pass's
time (IBM Model 1 included) beside the first's.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence

from align.aligner.evaluate import score
from align.aligner.lexicon import core_lexicon
from align.aligner.propose import Aligner
from align.model import IndexBead
from benchmarks.bench_align import table
from benchmarks.bench_align_quality import N_FOLDS, SEED
from benchmarks.bench_align_real import HELDOUT, REAL, SCORE_TEST_ENV, TEST, real_pairs
from benchmarks.synthetic import Bead, build_document, folds, read_gold, tatoeba_pairs

THRESHOLDS = (0.5, 0.7, 0.8, 0.9)

Doc = tuple[list[str], list[str], list[Bead]]


def confident_pairs(
    docs: Sequence[Doc], proposals: Sequence[list[IndexBead]], threshold: float
) -> list[tuple[str, str]]:
    """(Kazakh, English) texts of every automatic bead with two sides scored ≥ threshold."""
    return [
        (" ".join(kk[k] for k in bead.kk), " ".join(en[e] for e in bead.en))
        for (kk, en, _), beads in zip(docs, proposals, strict=True)
        for bead in beads
        if bead.kk and bead.en and bead.score >= threshold
    ]


def _f1(docs: Sequence[Doc], proposals: Sequence[list[IndexBead]]) -> float:
    runs = [
        (gold, [(b.kk, b.en) for b in beads])
        for (_, _, gold), beads in zip(docs, proposals, strict=True)
    ]
    return score(runs).f1_strict


def realign_rows(name: str, docs: Sequence[Doc]) -> list[list[object]]:
    """One row for the first pass and one per threshold for the second."""
    t0 = time.perf_counter()
    first = [Aligner().align(kk, en) for kk, en, _ in docs]
    first_s = time.perf_counter() - t0
    rows: list[list[object]] = [[name, "first pass", "-", "-", f"{_f1(docs, first):.4f}", first_s]]
    for threshold in THRESHOLDS:
        t0 = time.perf_counter()
        lexicon = core_lexicon()
        taught = confident_pairs(docs, first, threshold)
        keys = lexicon.learn(taught) if taught else 0
        second = [Aligner(lexicon=lexicon).align(kk, en) for kk, en, _ in docs]
        seconds = time.perf_counter() - t0
        rows.append(
            ["", f"realign ≥ {threshold}", len(taught), keys, f"{_f1(docs, second):.4f}", seconds]
        )
    return rows


def corpora() -> dict[str, list[Doc]]:
    """Each benchmark set as a list of (Kazakh, English, gold) documents."""
    from benchmarks.bench_align_noisy import documents

    rng = random.Random(SEED)
    synthetic = []
    for fold in folds(tatoeba_pairs(), N_FOLDS, rng):
        for _ in range(4):  # the documents bench_align_quality.synthetic(4) scores
            doc = build_document(rng.sample(fold, rng.randint(100, min(150, len(fold)))), rng)
            synthetic.append((doc.kk, doc.en, doc.gold))
    sets = {
        "real development": [(p.kk, p.en, p.gold) for p in real_pairs(REAL)],
        "real held-out": [(p.kk, p.en, p.gold) for p in real_pairs(HELDOUT)]
        if HELDOUT.exists()
        else [],
        # The test set is scored once a session, by the lead, at the end (its SOURCES.md).
        "real test": [(p.kk, p.en, p.gold) for p in real_pairs(TEST)]
        if TEST.exists() and os.environ.get(SCORE_TEST_ENV) == "1"
        else [],
        "Tatoeba synthetic": synthetic,
        "noisy synthetic": [(d.kk, d.en, d.gold) for _, d, _ in documents()],
        "seed gold": list(read_gold().values()),
    }
    return {name: docs for name, docs in sets.items() if docs}


def main() -> None:
    rows = []
    for name, docs in corpora().items():
        n_kk = sum(len(kk) for kk, _, _ in docs)
        rows += realign_rows(f"{name} ({len(docs)} docs, {n_kk} kk)", docs)
    table(
        "REALIGN PASS (hunalign's): each set is one corpus, aligned once, IBM Model 1 learned "
        "from its automatic beads scored ≥ threshold (no gold), aligned again; strict F1.",
        ["corpus", "pass", "beads taught", "keys learned", "F1 strict", "seconds"],
        rows,
    )


if __name__ == "__main__":
    main()
