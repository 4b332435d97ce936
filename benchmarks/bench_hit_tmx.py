"""Query hits written as TMX: time and memory for 100,000 hits over 1,000 documents.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_hit_tmx                    # or: make bench-hit-tmx
    .venv/bin/python -m benchmarks.bench_hit_tmx --docs 100 --beads 100   # a quicker run

The corpus is built in a temporary directory removed afterwards: ``--docs``
documents of ``--beads`` beads each, made of the seed corpus's pairs, every
tenth bead a 2-1 and every tenth (offset by five) a 1-2, so that sentence
lengths have to be written. Every Kazakh sentence carries a word starting
``түйін``, so the query ``түйін*`` hits every bead: ``docs × beads`` hits.
The search index is built once beforehand (``kopir index``).

Each run is a child process that searches (all hits, sorted by document or
by the words right of the match, which scatters documents through the hits)
and then writes the hits with :func:`align.formats.hits.export_hits`. For
scale, a last run exports every document with ``kopir export tmx
--include-unconfirmed --force`` (:func:`align.formats.tmx_writer.export_tmx`): the same
documents parsed, the same checks, the same units, no search. Printed per
run: the seconds the export took (the search left out), the units written,
and the child's peak resident memory before the export and after it
(``ru_maxrss``), so what the export adds shows apart from what holding
100,000 hits costs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from align.model import Bead
from benchmarks.bench_tmx import KK_LETTERS, aligned_document, code, seed_pairs
from benchmarks.shared import REPO, machine
from corpus.model import Document, Sentence
from corpus.storage.store import Corpus

MIB = 2**20
QUERY = "түйін*"


def hit_document(pairs: list[tuple[str, str]], beads: int, doc_id: str) -> Document:
    """``beads`` beads of seed pairs, one in ten 2-1 and one in ten 1-2, all hit by ``QUERY``."""
    kk: list[Sentence] = []
    en: list[Sentence] = []
    made = []

    def add(side: list[Sentence], lang: str, text: str) -> str:
        side.append(Sentence.plain(f"{lang}.s{len(side) + 1}", text))
        return side[-1].id

    for i in range(beads):
        k, e = pairs[i % len(pairs)]
        k2, e2 = pairs[(i + 1) % len(pairs)]
        mark = f"түйін{code(i + 1, KK_LETTERS)}"
        if i % 10 == 0:  # 2-1: two Kazakh sentences, their English as one
            kk_ids = (add(kk, "kk", f"{k} {mark}"), add(kk, "kk", f"{k2} {mark}"))
            en_ids = (add(en, "en", f"{e} {e2}"),)
        elif i % 10 == 5:  # 1-2
            kk_ids = (add(kk, "kk", f"{k} {k2} {mark}"),)
            en_ids = (add(en, "en", e), add(en, "en", e2))
        else:
            kk_ids, en_ids = (add(kk, "kk", f"{k} {mark}"),), (add(en, "en", e),)
        made.append(Bead(kk_ids, en_ids, "confirmed" if i % 3 else "auto", 0.9))
    return aligned_document(doc_id, kk, en, made)


def child(way: str, corpus_dir: Path, out: Path) -> None:
    """Write ``out`` one ``way``; figures as JSON.

    ``doc``, ``right``: search every hit sorted so, then write the hits as
    TMX. ``corpus``: ``kopir export tmx --include-unconfirmed --force`` of
    every document, no search: the same documents, checks and units, for
    scale.
    """
    import resource

    from align.formats.export import ExportOptions
    from align.formats.hits import export_hits
    from align.formats.tmx_writer import export_tmx
    from corpus.search.plan import Query
    from corpus.search.query import QueryEngine

    corpus = Corpus(corpus_dir)
    hits = 0
    if way != "corpus":
        with QueryEngine(corpus) as engine:
            results = engine.search(Query(kk=QUERY), None, 0, way)
        hits = len(results.hits)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.perf_counter()
    if way == "corpus":
        units = export_tmx(corpus, None, out, ExportOptions(include_unconfirmed=True, force=True))
        written = units.units
    else:
        written = export_hits(corpus, results, out).written
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        json.dumps(
            {"hits": hits, "units": written, "seconds": seconds, "before": before, "peak": peak}
        )
    )


def run_child(way: str, corpus_dir: Path, out: Path) -> dict[str, float]:
    """The figures of one export in a child process (its own memory, nothing cached)."""
    argv = [sys.executable, "-m", "benchmarks.bench_hit_tmx", "--child", way, str(corpus_dir)]
    run = subprocess.run([*argv, str(out)], cwd=REPO, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"the {way} export failed:\n{run.stdout}{run.stderr}")
    return json.loads(run.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="query hits as TMX: time and memory")
    parser.add_argument("--docs", type=int, default=1000, help="documents in the corpus")
    parser.add_argument("--beads", type=int, default=100, help="beads per document")
    parser.add_argument(
        "--child", nargs=3, metavar=("WAY", "CORPUS", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        way, corpus_dir, out = args.child
        child(way, Path(corpus_dir), Path(out))
        return 0

    print(machine("kopir hits-as-TMX benchmark"))
    with tempfile.TemporaryDirectory(prefix="kopir-bench-hit-tmx-") as tmp:
        folder = Path(tmp)
        pairs = seed_pairs(folder)
        corpus = Corpus(folder / "hits")
        started = time.perf_counter()
        for d in range(args.docs):
            corpus.save(hit_document(pairs[d % 7 :] + pairs[: d % 7], args.beads, f"doc{d:04d}"))
        built = time.perf_counter() - started
        index = [sys.executable, "-m", "tui.cli", "--corpus", str(corpus.root), "index"]
        subprocess.run(index, cwd=REPO, check=True, capture_output=True)
        print(
            f"{args.docs:,} documents of {args.beads} beads (1 in 10 2-1, 1 in 10 1-2) "
            f"written in {built:.1f} s; query {QUERY!r}"
        )
        print(
            f"\n{'run':<34} {'hits':>9} {'units':>9} {'export':>10} "
            f"{'RSS before':>11} {'peak RSS':>10}"
        )
        for way, label in (
            ("doc", "hits sorted by document"),
            ("right", "hits sorted by right context"),
            ("corpus", "for scale: kopir export tmx, all"),
        ):
            found = run_child(way, corpus.root, folder / f"{way}.tmx")
            hits = f"{found['hits']:,}" if found["hits"] else ""
            print(
                f"{label:<34} {hits:>9} {found['units']:>9,} "
                f"{found['seconds']:>8.2f} s {found['before'] / MIB:>7,.0f} MiB "
                f"{found['peak'] / MIB:>6,.0f} MiB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
