"""The realign pass hunalign makes, measured: does a corpus teach itself its words?

    .venv/bin/python -m benchmarks.bench_align_realign           # in process, every set
    .venv/bin/python -m benchmarks.bench_align_realign --cli     # build --realign, realign --all
    .venv/bin/python -m benchmarks.bench_align_realign --timing  # build time with and without

Without it, kopir's learned lexicon is trained on *confirmed* beads only, so a fresh corpus
aligns with the core and registry lexicons alone. hunalign's realign pass (``kopir build
--realign``, :mod:`align.build.realign`) does without confirmation:
align every document of the corpus once, train IBM Model 1 (here :meth:`Lexicon.learn`) on
the automatic beads whose confidence is at least a threshold, and align every document
again with what it learned. No gold is used; the gold only scores the two passes.

Each set below is taken as one corpus: each real development set of
:data:`benchmarks.bench_align_real.DEVELOPMENT` separately (never the gated test set, which
only :mod:`benchmarks.bench_align_real` scores, for the lead), all of them pooled as one
corpus, the Tatoeba synthetic documents of :mod:`benchmarks.bench_align_quality`, the
same with page furniture (:mod:`benchmarks.bench_align_noisy`) and the seed gold. Printed:
strict F1 of the first pass and of the second at each threshold, how many beads taught it,
and the second pass's time (IBM Model 1 included) beside the first's.

``--cli`` makes the Tatoeba and noisy sets corpora through the product's own paths
(:mod:`benchmarks.realign_cli`: ``kopir build MANIFEST``, then ``--realign``; and without
a manifest, ``kopir ingest`` + ``kopir align``, then ``kopir realign --all``), and
``--timing`` times ``kopir build`` of a generated crawl (:mod:`benchmarks.crawl`,
``--pairs`` of them) with and without ``--realign``, the median of ``--runs``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from align.aligner.evaluate import Scores, score
from align.aligner.lexicon import core_lexicon
from align.aligner.propose import Aligner
from align.build.realign import MIN_TAUGHT
from align.build.realign import THRESHOLD as REALIGN_THRESHOLD
from align.model import IndexBead
from benchmarks.bench_align import table
from benchmarks.bench_align_quality import N_FOLDS, SEED
from benchmarks.bench_align_real import development_sets
from benchmarks.shared import machine
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
        f1 = f"{_f1(docs, second):.4f}"
        if len(taught) < MIN_TAUGHT:  # kopir build --realign would leave the corpus as it was
            f1 += f" (kopir: < {MIN_TAUGHT}, not re-aligned)"
        rows.append(["", f"realign ≥ {threshold}", len(taught), keys, f1, seconds])
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
        # The development sets only: the gated test set is scored by bench_align_real alone,
        # once a session, for the lead.
        **{
            f"real {label}": [(p.kk, p.en, p.gold) for p in pairs]
            for label, pairs in development_sets().items()
        },
        "Tatoeba synthetic": synthetic,
        "noisy synthetic": [(d.kk, d.en, d.gold) for _, d, _ in documents()],
        "seed gold": list(read_gold().values()),
    }
    real = [name for name in sets if name.startswith("real")]
    sets["real, development pooled"] = [doc for name in real for doc in sets[name]]
    return {name: docs for name, docs in sets.items() if docs}


def kopir(argv: list[str]) -> float:
    """Run the kopir command line in this process, its output hidden; its wall seconds."""
    from tui.cli.main import main as kopir_main

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = kopir_main(argv)
    if code not in (0, 1):  # 1: a pair failed, reported; anything else: the run did not end
        raise SystemExit(f"kopir {' '.join(argv)} ended with {code}")
    return time.perf_counter() - started


def cli_rows(name: str, docs: Sequence[Doc], folder: Path, workers: int) -> list[list[object]]:
    """``kopir build`` then ``kopir build --realign`` on ``docs``, each scored (strict, lax)."""
    from benchmarks.realign_cli import score_corpus, taught, write_crawl
    from corpus.storage.store import Corpus

    manifest, ids = write_crawl(folder / "crawl", docs)
    corpus = Corpus(folder / "corpus")
    argv = ["--corpus", str(corpus.root), "build", str(manifest), "-q", "--workers", str(workers)]
    first_s = kopir(argv)
    first = score_corpus(corpus, ids, docs)
    second_s = kopir([*argv, "--realign"])
    second = score_corpus(corpus, ids, docs)
    return [
        [name, "kopir build", "-", f"{first.f1_strict:.4f}", f"{first.f1_lax:.4f}", first_s],
        [
            "",
            "then kopir build --realign",
            taught(corpus),
            f"{second.f1_strict:.4f}",
            f"{second.f1_lax:.4f}",
            second_s,
        ],
    ]


def cli_all_rows(name: str, docs: Sequence[Doc], folder: Path, workers: int) -> list[list[object]]:
    """The same documents made a corpus without a manifest (``kopir ingest``, then ``kopir
    align DOC --en FILE`` for each), then ``kopir realign --all``; each scored."""
    from benchmarks.realign_cli import score_corpus, taught, write_crawl
    from corpus.storage.store import Corpus

    _, ids = write_crawl(folder / "texts", docs)
    corpus = Corpus(folder / "corpus")
    at = ["--corpus", str(corpus.root)]
    first_s = kopir([*at, "ingest", str(folder / "texts"), "-q"])
    for doc_id in ids:  # Tatoeba shares few names and numbers: "unrelated" to the check
        english = str(folder / "texts" / f"{doc_id}.en.txt")
        first_s += kopir([*at, "align", doc_id, "--en", english, "--even-if-unrelated"])
    first = score_corpus(corpus, ids, docs)
    second_s = kopir([*at, "realign", "--all", "-q", "--workers", str(workers)])
    second = score_corpus(corpus, ids, docs)
    return [
        ["", "kopir ingest + align (1 process)", "-", *_scores(first), first_s],
        ["", "then kopir realign --all", taught(corpus), *_scores(second), second_s],
    ]


def _scores(scores: Scores) -> list[str]:
    return [f"{scores.f1_strict:.4f}", f"{scores.f1_lax:.4f}"]


def build_times(pairs: int, runs: int, workers: int, folder: Path) -> None:
    """Wall time of ``kopir build`` with and without ``--realign`` on a generated crawl."""
    from benchmarks.crawl import write_crawl

    manifest = write_crawl(folder / "crawl", pairs)
    times: dict[str, list[float]] = {"kopir build": [], "kopir build --realign": []}
    for run in range(runs):  # the two interleaved: the machine's load moves both alike
        for mode, times_of in times.items():
            corpus = folder / f"corpus-{run}-{mode.split()[-1].strip('-')}"
            argv = ["--corpus", str(corpus), "build", str(manifest), "-q"]
            times_of.append(kopir([*argv, "--workers", str(workers), *mode.split()[2:]]))
            shutil.rmtree(corpus)
    plain, realign = (statistics.median(t) for t in times.values())
    table(
        f"{machine('BUILD TIME')}; load average {os.getloadavg()[0]:.2f}: {pairs:,} generated "
        f"pairs (benchmarks.crawl), {workers} local workers, fresh corpus each run, "
        f"median of {runs}",
        ["command", "runs (s)", "median (s)", "ratio"],
        [
            [mode, " ".join(f"{t:.1f}" for t in runs_of), statistics.median(runs_of), ratio]
            for (mode, runs_of), ratio in zip(
                times.items(), ("1.00", f"{realign / plain:.2f}"), strict=True
            )
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", action="store_true", help="Tatoeba and noisy through kopir build")
    parser.add_argument("--timing", action="store_true", help="build time with and without")
    parser.add_argument("--pairs", type=int, default=1000, help="crawl size for --timing")
    parser.add_argument("--runs", type=int, default=3, help="runs of each for --timing")
    parser.add_argument("--workers", type=int, default=2, help="local Dask workers")
    args = parser.parse_args()
    if args.timing:
        with tempfile.TemporaryDirectory(prefix="kopir-realign-") as tmp:
            build_times(args.pairs, args.runs, args.workers, Path(tmp))
        return
    rows = []
    sets = corpora()
    if args.cli:
        with tempfile.TemporaryDirectory(prefix="kopir-realign-") as tmp:
            for n, name in enumerate(("Tatoeba synthetic", "noisy synthetic")):
                folder = Path(tmp) / str(n)
                rows += cli_rows(_named(name, sets[name]), sets[name], folder, args.workers)
                rows += cli_all_rows(name, sets[name], folder / "no-manifest", args.workers)
        table(
            "REALIGN THROUGH THE COMMAND LINE: each set a manifest; kopir build, scored, then "
            f"kopir build --realign (confident ≥ {REALIGN_THRESHOLD}), scored; and the same "
            "documents without a manifest: kopir ingest + kopir align, then kopir realign --all "
            f"({args.workers} local workers for build and realign; seconds are wall time)",
            ["corpus", "pass", "beads taught", "F1 strict", "F1 lax", "seconds"],
            rows,
        )
        return
    for name, docs in sets.items():
        rows += realign_rows(_named(name, docs), docs)
    table(
        "REALIGN PASS (hunalign's): each set is one corpus, aligned once, IBM Model 1 learned "
        "from its automatic beads scored ≥ threshold (no gold), aligned again; strict F1.",
        ["corpus", "pass", "beads taught", "keys learned", "F1 strict", "seconds"],
        rows,
    )


def _named(name: str, docs: Sequence[Doc]) -> str:
    return f"{name} ({len(docs)} docs, {sum(len(kk) for kk, _, _ in docs)} kk)"


if __name__ == "__main__":
    main()
