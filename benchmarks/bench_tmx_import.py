"""TMX import speed and memory: ``kopir import tmx`` of a large generated memory.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_tmx_import                  # or: make bench-tmx-import
    .venv/bin/python -m benchmarks.bench_tmx_import --units 1000000 --runs 1

The TMX is written by :func:`align.formats.tmx_writer.write_tmx` from the seed corpus's
316 units, repeated and numbered so that no two units are the same (as
``make bench-tmx`` does), in a temporary directory removed afterwards.

Each run imports the whole file with :func:`align.formats.tmx_reader.import_tmx`
into a fresh corpus in its own child process, which reports the time the
import took (interpreter start-up left out) and its peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``). For scale, the time to
read the file once and hash it (what ``source_sha256`` needs) is printed
beside it, measured in this process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_tmx import seed_pairs, units
from benchmarks.shared import REPO, machine

MB = 1_000_000
MIB = 2**20


def child(tmx: Path, corpus_dir: Path) -> None:
    """Import ``tmx`` into a new corpus at ``corpus_dir``; print the figures as JSON."""
    import resource

    from align.formats.tmx_reader import import_tmx
    from corpus.storage.store import Corpus

    start = time.perf_counter()
    report = import_tmx(Corpus(corpus_dir), tmx, "bench")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_rss": peak, "units": report.units}))


def run_child(tmx: Path, corpus_dir: Path) -> dict[str, float]:
    """The figures of one import in a child process (its own memory, nothing cached)."""
    argv = [sys.executable, "-m", "benchmarks.bench_tmx_import", "--child", str(tmx)]
    run = subprocess.run([*argv, str(corpus_dir)], cwd=REPO, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"the import failed:\n{run.stdout}{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def hash_seconds(path: Path) -> float:
    """The time to read ``path`` once more and hash it, as a second pass would."""
    start = time.perf_counter()
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="TMX import benchmark")
    parser.add_argument("--units", type=int, default=200_000, help="units in the TMX")
    parser.add_argument("--runs", type=int, default=3, help="imports, each in a child process")
    parser.add_argument("--child", nargs=2, metavar=("TMX", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0

    print(machine("kopir TMX import benchmark"))
    with tempfile.TemporaryDirectory(prefix="kopir-bench-tmx-import-") as tmp:
        folder = Path(tmp)
        from align.formats.tmx_writer import write_tmx

        tmx = folder / "big.tmx"
        write_tmx(tmx, units(seed_pairs(folder), args.units))
        size = tmx.stat().st_size
        print(f"{args.units:,} units, {size / MB:,.0f} MB of TMX")
        results = []
        for n in range(args.runs):
            results.append(run_child(tmx, folder / f"corpus{n}"))
        times = [r["seconds"] for r in results]
        peaks = [r["peak_rss"] for r in results]
        assert all(r["units"] == args.units for r in results), results
        print(
            f"import_tmx, {args.runs} runs: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}), "
            f"{args.units / statistics.median(times):,.0f} units/s; "
            f"peak RSS median {statistics.median(peaks) / MIB:,.0f} MiB "
            f"(max {max(peaks) / MIB:,.0f})"
        )
        print(f"reading and hashing the file once more, alone: {hash_seconds(tmx):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
