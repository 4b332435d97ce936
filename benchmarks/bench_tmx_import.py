"""TMX import speed and memory: ``kopir import tmx`` of a large generated memory.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_tmx_import                  # or: make bench-tmx-import
    .venv/bin/python -m benchmarks.bench_tmx_import --units 1000000 --runs 1
    .venv/bin/python -m benchmarks.bench_tmx_import --units 1000000 --tiny   # issue 15's file

The TMX is written by :func:`align.formats.tmx_writer.write_tmx` from the seed corpus's
316 units, repeated and numbered so that no two units are the same (as
``make bench-tmx`` does), in a temporary directory removed afterwards.

Each run imports the whole file with :func:`align.formats.tmx_reader.import_tmx`
into a fresh corpus in its own child process, twice: as kopir does it (sentences
and links streamed into a TEI, :mod:`corpus.storage.teistream`) and, as the
baseline, the way it was done before issue 15: the whole document built in
memory and serialised with ``to_bytes`` (``--baseline-runs 0`` skips it). Each child
reports the time the import took (interpreter start-up left out) and its peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``). For scale, the time to
read the file once and hash it (what ``source_sha256`` needs) is printed
beside it, measured in this process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_tmx import seed_pairs, units
from benchmarks.shared import REPO, machine
from corpus.storage.store import MAX_DOCUMENT_BYTES

MB = 1_000_000
MIB = 2**20
#: ``--tiny``: the smallest units a TMX holds, numbered apart by ``units``.
TINY_PAIRS = [("Сәлем әлем", "Hello world")]


class WholeDocument:
    """The baseline: :class:`corpus.storage.teistream.TeiSpool`'s interface over a
    document held whole in memory and written by ``to_bytes`` (kopir before issue 15)."""

    def __init__(self, folder: Path | None = None) -> None:
        from corpus.model import Sentence

        self.sentence = Sentence.plain
        self.sides: dict[str, list] = {"kk": [], "en": []}
        self.all_links: list = []
        self.body_bytes = 0  # the baseline knew no size limit: never over it

    def size(self, doc_id: str, meta: object) -> int:
        return 0

    @property
    def links(self) -> int:
        return len(self.all_links)

    def add_sentences(self, lang: str, texts: list[str]) -> tuple[str, ...]:
        side = self.sides[lang]
        ids = []
        for text in texts:
            ids.append(f"{lang}.s{len(side) + 1}")
            side.append(self.sentence(ids[-1], text))
        return tuple(ids)

    def add_link(self, link: object) -> None:
        self.all_links.append(link)

    def write(self, out: object, doc_id: str, meta: object) -> None:
        from corpus.model import Block, BlockKind, Document, Side
        from corpus.storage.tei import to_bytes

        sides = [Side(k, [Block(BlockKind.P, v)] if v else []) for k, v in self.sides.items()]
        out.write(to_bytes(Document(doc_id, meta, sides[0], sides[1], self.all_links)))

    def __enter__(self) -> WholeDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def child(tmx: Path, corpus_dir: Path, baseline: bool = False) -> None:
    """Import ``tmx`` into a new corpus at ``corpus_dir``; print the figures as JSON."""
    import resource

    import align.formats.tmx_reader
    from align.formats.tmx_reader import import_tmx
    from corpus.storage.store import Corpus

    if baseline:
        align.formats.tmx_reader.TeiSpool = WholeDocument  # type: ignore[misc,assignment]
    if tmx.name == "LS":  # kopir ls's line for the imported document: counted, or loaded
        from corpus.storage.teisummary import summarise

        start = time.perf_counter()
        corpus = Corpus(corpus_dir)
        if baseline:
            doc = corpus.load("bench")
            units = len(doc.links)
        else:
            units = summarise(corpus, "bench").beads
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"seconds": seconds, "peak_rss": peak, "units": units}))
        return

    from corpus.errors import CorpusError

    start = time.perf_counter()
    try:
        units, refused = import_tmx(Corpus(corpus_dir), tmx, "bench").units, ""
    except CorpusError as exc:  # a memory too large for one document
        units, refused = 0, str(exc)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_rss": peak, "units": units, "refused": refused}))


def run_child(tmx: Path, corpus_dir: Path, baseline: bool = False) -> dict[str, float]:
    """The figures of one import in a child process (its own memory, nothing cached)."""
    argv = [sys.executable, "-m", "benchmarks.bench_tmx_import", "--child", str(tmx)]
    argv += [str(corpus_dir)] + (["--baseline"] if baseline else [])
    run = subprocess.run(argv, cwd=REPO, capture_output=True, text=True)
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
    parser.add_argument("--baseline-runs", type=int, default=1, help="whole-document imports")
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="units of two words a side, as in issue 15's report (1,000,000 units: ~100 MB)",
    )
    parser.add_argument("--child", nargs=2, metavar=("TMX", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.baseline)
        return 0

    print(machine("kopir TMX import benchmark"))
    with tempfile.TemporaryDirectory(prefix="kopir-bench-tmx-import-") as tmp:
        folder = Path(tmp)
        from align.formats.tmx_writer import write_tmx

        tmx = folder / "big.tmx"
        pairs = TINY_PAIRS if args.tiny else seed_pairs(folder)
        write_tmx(tmx, units(pairs, args.units))
        size = tmx.stat().st_size
        print(f"{args.units:,} units, {size / MB:,.0f} MB of TMX")
        for name, baseline, runs in (
            ("kopir import_tmx (streamed TEI)", False, args.runs),
            ("baseline: whole document in memory, to_bytes", True, args.baseline_runs),
        ):
            results = []
            refused = ""
            for n in range(runs):
                corpus = folder / f"corpus-{baseline}-{n}"
                results.append(run_child(tmx, corpus, baseline))
                refused = results[-1].get("refused", "")
                if refused:
                    continue
                if n == 0:
                    written = (corpus / "bench.xml").stat().st_size
                    # kopir refuses to open a document over its size limit, ls included
                    too_big = written > MAX_DOCUMENT_BYTES
                    listed = None if too_big else run_child(Path("LS"), corpus, baseline)
                shutil.rmtree(corpus)
            if not results:
                continue
            times = [r["seconds"] for r in results]
            peaks = [r["peak_rss"] for r in results]
            if refused:
                print(
                    f"{name}, {runs} runs: refused in median {statistics.median(times):.2f} s, "
                    f"peak RSS median {statistics.median(peaks) / MIB:,.0f} MiB: {refused}"
                )
                continue
            assert all(r["units"] == args.units for r in results), results
            print(
                f"{name}, {runs} runs: median {statistics.median(times):.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f}), "
                f"{args.units / statistics.median(times):,.0f} units/s; "
                f"peak RSS median {statistics.median(peaks) / MIB:,.0f} MiB "
                f"(max {max(peaks) / MIB:,.0f}); TEI {written / MB:,.0f} MB"
            )
            how = "loaded whole (Corpus.load)" if baseline else "counted (teisummary)"
            if listed is None:
                print(f"  kopir ls of that document: over the {MAX_DOCUMENT_BYTES:,}-byte limit")
                continue
            print(
                f"  kopir ls of that document, {how}: {listed['seconds']:.2f} s, "
                f"peak RSS {listed['peak_rss'] / MIB:,.0f} MiB"
            )
        print(f"reading and hashing the file once more, alone: {hash_seconds(tmx):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
