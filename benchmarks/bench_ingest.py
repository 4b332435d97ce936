"""Ingest throughput and peak memory: kopir on a ~50 MB Kazakh text, beside two baselines.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_ingest          # or: make bench-ingest
    .venv/bin/python -m benchmarks.bench_ingest --mb 10  # a smaller text

It builds, in a temporary directory that is removed afterwards (nothing is
written to the repository), a ~50 MB Kazakh text by repeating the paragraphs
of the five seed texts (``seeds/0*_*[0-9a-f].txt``, not the ``.en.txt``
translations). Each repetition shifts every number in it (``2021 жылы`` →
``2058 жылы``) and marks the paragraphs without a number, so no two lines are
the same. It then runs the real command line in a child process,
``python -m tui.cli --corpus DIR ingest FILE``, once on the five seeds
and once on the big file, and prints for each:

* input size, wall time (child start to exit, so it includes interpreter
  start-up) and MB/s (1 MB = 10^6 bytes);
* the number of sentences kopir wrote;
* the child's peak resident memory (``ru_maxrss`` from ``os.wait4``: the
  ``RUSAGE_CHILDREN`` figure for that one child), with the bar
  "peak memory under 1 GB" (1 GiB) shown as PASS or FAIL for the big file.

A last row is the floor: ``text.splitlines()`` and a naive regex sentence
split (after every ``. ! ? …``) over the same text in this process, so the
cost of kopir's pipeline (decoding checks, cleaning, structure, segmentation,
TEI) is seen beside the minimum. The whole run takes a few minutes at most.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("0*_*[0-9a-f].txt"))
MB = 1_000_000
MEMORY_BAR = 1024**3  # "peak memory under 1 GB"

_NUMBER = re.compile(r"\d+")
_SENTENCE_END = (".", "!", "?", "…", "»", '"', ")")
_NAIVE = re.compile(r"(?<=[.!?…])\s+")
# ingest prints counts with thousands separators: ``created ID  (54,532 sentences)``.
_RESULT = re.compile(r"^(?:created|updated|unchanged)\s+\S+\s+\(([\d,]+) sentences\)", re.M)


@dataclass
class Row:
    label: str
    size: int
    seconds: float
    sentences: int
    peak_rss: int | None  # bytes; None when not measured

    def show(self) -> str:
        rate = self.size / MB / self.seconds if self.seconds else float("inf")
        rss = "(in-process)" if self.peak_rss is None else f"{self.peak_rss / 2**20:,.0f} MiB"
        return (
            f"{self.label:<36} {self.size / MB:>9.2f} MB {self.seconds:>8.2f} s "
            f"{rate:>8.2f} {self.sentences:>11,} {rss:>13}"
        )


def seed_paragraphs() -> list[str]:
    """The non-blank lines of the five seed texts, in order."""
    if len(SEEDS) != 5:
        raise SystemExit(f"expected five seed texts in {REPO / 'seeds'}, found {len(SEEDS)}")
    lines = []
    for path in SEEDS:
        lines += [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines


def variant(line: str, k: int) -> str:
    """Repetition ``k`` of a seed line: numbers shifted by ``k``, or a numbered mark added."""
    if _NUMBER.search(line):
        return _NUMBER.sub(lambda m: str(int(m.group()) + k), line)
    if line.endswith(_SENTENCE_END):
        return f"{line} Бұл {k}-нұсқа."
    return f"{k}. {line}"


def generate(path: Path, target: int) -> int:
    """Write a Kazakh text of at least ``target`` bytes, no line twice; return its size."""
    lines = seed_paragraphs()
    seen: set[int] = set()
    size = 0
    k = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while size < target:
            chunk = []
            for i, line in enumerate(lines):
                text = variant(line, k)
                if hash(text) in seen:  # a line the seed itself repeats, or a number collision
                    text = f"{k}.{i}. {line}"
                seen.add(hash(text))
                chunk.append(text + "\n")
            data = "".join(chunk)
            out.write(data)
            size += len(data.encode("utf-8"))
            k += 1
    return path.stat().st_size


def run_kopir(corpus: Path, *paths: Path) -> tuple[float, int, int]:
    """Ingest ``paths`` in a child process: (wall seconds, sentences, peak RSS in bytes)."""
    # Not --quiet: the sentence counts are read from the line ingest prints per document
    # (``created ID (N sentences)``), which --quiet leaves out; stdout is a file, so no
    # progress bar is drawn either way.
    argv = [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), "ingest"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([*argv, *map(str, paths)], cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if child.returncode != 0:
        raise SystemExit(f"kopir ingest failed ({child.returncode}):\n{stdout}{stderr}")
    sentences = sum(int(n.replace(",", "")) for n in _RESULT.findall(stdout))
    if not sentences:  # a changed output format must not print a silent 0
        raise SystemExit(f"no sentence count in kopir ingest's output:\n{stdout}")
    return seconds, sentences, usage.ru_maxrss * 1024  # Linux reports KiB


def naive_baseline(path: Path) -> tuple[float, int]:
    """Read, decode, split lines and split sentences after . ! ? … : the floor."""
    start = time.perf_counter()
    text = path.read_bytes().decode("utf-8")
    sentences = 0
    for line in text.splitlines():
        if line.strip():
            sentences += sum(1 for s in _NAIVE.split(line.strip()) if s)
    return time.perf_counter() - start, sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kopir ingest throughput and peak memory")
    parser.add_argument("--mb", type=float, default=50, help="size of the generated text in MB")
    args = parser.parse_args(argv)

    print(
        f"kopir ingest benchmark: Python {platform.python_version()}, "
        f"lxml {'.'.join(map(str, etree.LXML_VERSION[:3]))}, {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.machine()}"
    )
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kopir-bench-") as tmp:
        folder = Path(tmp)
        big = folder / "kk_bench.txt"
        t0 = time.perf_counter()
        size = generate(big, int(args.mb * MB))
        print(
            f"generated {size / MB:.2f} MB ({sum(1 for _ in big.open('rb')):,} lines) "
            f"from {len(SEEDS)} seeds in {time.perf_counter() - t0:.1f} s"
        )

        seeds_size = sum(p.stat().st_size for p in SEEDS)
        seconds, sentences, rss = run_kopir(folder / "seeds-corpus", *SEEDS)
        rows.append(Row("kopir ingest: five seeds (baseline)", seeds_size, seconds, sentences, rss))

        seconds, sentences, rss = run_kopir(folder / "big-corpus", big)
        big_row = Row(f"kopir ingest: {args.mb:g} MB text", size, seconds, sentences, rss)
        rows.append(big_row)
        tei = folder / "big-corpus" / "kk_bench.xml"
        tei_size = tei.stat().st_size

        seconds, sentences = naive_baseline(big)
        rows.append(Row("splitlines + naive regex (floor)", size, seconds, sentences, None))

    print()
    print(f"{'run':<36} {'input':>12} {'wall':>10} {'MB/s':>8} {'sentences':>11} {'peak RSS':>13}")
    for row in rows:
        print(row.show())
    print()
    assert big_row.peak_rss is not None
    verdict = "PASS" if big_row.peak_rss < MEMORY_BAR else "FAIL"
    print(
        f"peak memory under 1 GB: {verdict} "
        f"({big_row.peak_rss / 2**20:,.0f} MiB for {size / MB:.1f} MB of text, "
        f"{big_row.peak_rss / size:.1f} bytes of memory per input byte)"
    )
    floor = rows[-1].seconds
    print(
        f"kopir's pipeline takes {big_row.seconds / floor:,.0f}× the floor's time; "
        f"the TEI written is {tei_size / MB:.1f} MB ({tei_size / size:.1f}× the input)"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
