"""kopir build's throughput: generated document pairs on 1 and 2 local Dask workers,
beside the same work done by a plain loop in one process, in one run.

Each pair (:mod:`benchmarks.crawl`: a seed's headline and first paragraph, then
20–60 sentences of Tatoeba pairs cut into beads of every kind) is ingested,
segmented, aligned, checked and written into a fresh corpus. The loop calls
what a worker calls (``align.build.task.build_pair``) and writes each
document under its lock as the client does; the builds are
``align.build.build_corpus`` on a ``LocalCluster`` started (and warmed up: every
worker has built a few pairs) before the clock starts. Printed: documents per
second, the speed-up over one worker, the CPU seconds the workers (or the
loop) spent, and each worker's peak memory (its resident set's high-water
mark). The machine's load average is printed too: on a shared machine the
wall-clock figures move with other people's work, the CPU seconds less.

    .venv/bin/python -m benchmarks.bench_build [--pairs 2000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from align.build import Pair, build_corpus, dask_client, read_manifest
from align.build.task import Job, build_pair, build_pairs, pair_key
from align.qa import QAConfig
from benchmarks.crawl import write_crawl
from benchmarks.shared import machine
from corpus.storage.lock import hold
from corpus.storage.store import Corpus


def cpu_seconds() -> float:
    """This process's user + system CPU time (a worker's, when run there)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _job(pair: Pair) -> Job:
    kk = pair.kk.read_bytes()
    en = pair.en.read_bytes() if pair.en else None
    return Job(pair, kk, en, pair_key(pair, kk, en))


def plain_loop(pairs: list[Pair], corpus: Corpus) -> tuple[float, float]:
    """The build's work in one process, no Dask: wall and CPU seconds."""
    config = QAConfig.default()
    corpus.root.mkdir(parents=True, exist_ok=True)
    wall, cpu = time.perf_counter(), time.process_time()
    for pair in pairs:
        kk = pair.kk.read_bytes()
        en = pair.en.read_bytes() if pair.en else None
        built = build_pair(Job(pair, kk, en, pair_key(pair, kk, en)), None, config)
        assert not hasattr(built, "reason"), built
        with hold(corpus.root, pair.doc_id):
            corpus.save_bytes(pair.doc_id, built.tei)  # type: ignore[union-attr]
    return time.perf_counter() - wall, time.process_time() - cpu


def on_cluster(workers: int, pairs: list[Pair], corpus: Corpus, warm: list[Pair]) -> dict[str, Any]:
    """build_corpus on a warmed-up LocalCluster of ``workers`` processes."""
    with dask_client(workers=workers) as client:
        build_corpus(Corpus(corpus.root.with_name(corpus.root.name + "-warm")), warm, client)
        # Every worker warm, not only the one the warm-up's task went to: a cold worker
        # spends about 1.7 CPU s importing and loading the aligner's lexicon in the timed run.
        client.run(build_pairs, [_job(pair) for pair in warm], None, QAConfig.default())
        before = client.run(cpu_seconds)
        wall, mine = time.perf_counter(), cpu_seconds()
        summary = build_corpus(corpus, pairs, client)
        wall, mine = time.perf_counter() - wall, cpu_seconds() - mine
        after = client.run(cpu_seconds)
        peaks = client.run(peak_mb)
    assert summary.created == len(pairs) and not summary.failed, summary.rows[:3]
    return {
        "wall": wall,
        "cpu": sum(after[w] - before[w] for w in after),
        "client": mine,  # the client's and the scheduler's (it runs in this process)
        "peaks": sorted(peaks.values()),
        "beads": summary.beads,
        "sentences": summary.kk + summary.en,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2000)
    args = parser.parse_args()
    print(machine("kopir build"))
    scratch = Path(tempfile.mkdtemp(prefix="kopir-bench-build-"))
    try:
        manifest = write_crawl(scratch / "crawl", args.pairs + 4)
        entries = [e for e in read_manifest(manifest) if isinstance(e, Pair)]
        pairs, warm = entries[: args.pairs], entries[args.pairs :]
        print(f"{len(pairs):,} generated pairs; load average {os.getloadavg()[0]:.2f} at the start")

        plain_loop(warm, Corpus(scratch / "loop-warm"))  # the lexicon parsed, caches filled
        loop_wall, loop_cpu = plain_loop(pairs, Corpus(scratch / "loop"))
        one = on_cluster(1, pairs, Corpus(scratch / "one"), warm)
        two = on_cluster(2, pairs, Corpus(scratch / "two"), warm)
        n = len(pairs)
        print(
            f"{one['sentences']:,} sentences, {one['beads']:,} beads a build; "
            f"load average {os.getloadavg()[0]:.2f} at the end"
        )
        print(
            f"{'':<22} {'docs/s':>8} {'× 1 worker':>11} {'wall s':>8} {'work CPU s':>11} "
            f"{'client CPU s':>13}  peak MB"
        )
        rows = [
            ("plain loop, 1 process", loop_wall, loop_cpu, None, f"{peak_mb():.0f} (the loop's)"),
            ("Dask, 1 worker", one["wall"], one["cpu"], one["client"], _peaks(one["peaks"])),
            ("Dask, 2 workers", two["wall"], two["cpu"], two["client"], _peaks(two["peaks"])),
        ]
        for name, wall, cpu, client, peak in rows:
            speed = one["wall"] / wall
            mine = "" if client is None else f"{client:.1f}"
            print(
                f"{name:<22} {n / wall:>8.1f} {speed:>10.2f}× {wall:>8.1f} {cpu:>11.1f} "
                f"{mine:>13}  {peak}"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _peaks(values: list[float]) -> str:
    return " / ".join(f"{v:.0f}" for v in values) + " (each worker)"


if __name__ == "__main__":
    main()
