"""``kopir check --cat`` on a corpus of about 10,000 sentences, beside ingest's cut.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_cat                  # or: make bench-cat
    .venv/bin/python -m benchmarks.bench_cat --sentences 50000
    .venv/bin/python -m benchmarks.bench_cat --tree ../other   # the CLI of another checkout

The five seed texts are ingested and aligned (``kopir ingest --with-translations seeds``)
and their documents saved again under new ids until the corpus holds ``--sentences``
Kazakh sentences (default 10,000), in a temporary directory removed afterwards.

(a) **kopir check --cat end to end**, in a child process timed from start to exit (the
    interpreter, loading the TEI files, building and compiling the SRX rules once,
    cutting every paragraph), median of ``--repeat`` runs; ``--tree`` runs another
    checkout's CLI on the same corpus (main's, say), for a before and after.

(b) **Cutting every Kazakh paragraph of the corpus**, best of 3, in this process with the
    rules already compiled:

    * kopir: :func:`corpus.text.srx_rules.split_with_rules` (what ``check --cat`` asks);
    * every rule at every position: :func:`~corpus.text.srx_rules.split_compiled` over
      :func:`~corpus.text.srx_rules.compile_rules`, the way the cut was made before (the
      same cut, checked here paragraph by paragraph);
    * baseline: ingest's own cut of the same paragraphs
      (:func:`corpus.text.structure.paragraph_spans`);

    and the one-off cost of building and compiling the rules (:func:`rules_for` and the
    expressions), which every process pays once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_tmx import best_of
from benchmarks.shared import REPO, machine


def make_corpus(folder: Path, sentences: int) -> tuple[Path, list[str]]:
    """A corpus of the seed documents copied until it holds ``sentences`` Kazakh
    sentences, and its Kazakh paragraphs as ``check --cat`` cuts them."""
    from corpus.storage.store import Corpus

    seeds = folder / "seeds"
    ingest = ["ingest", "-q", "--with-translations", str(REPO / "seeds")]
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(seeds), *ingest],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"ingesting the seeds failed:\n{run.stdout}{run.stderr}")
    docs = [Corpus(seeds).load(i) for i in Corpus(seeds).ids()]
    corpus = Corpus(folder / "corpus")
    count, copy, paragraphs = 0, 0, []
    while count < sentences:
        for doc in docs:
            doc.id = f"copy{copy:04d}"
            corpus.save(doc)
            copy += 1
            blocks = [b for b in doc.kk.blocks if b.sentences]
            count += sum(len(b.sentences) for b in blocks)
            paragraphs += [" ".join(s.text for s in b.sentences) for b in blocks]
    return corpus.root, paragraphs


def check_cat(corpus: Path, tree: Path) -> tuple[float, str]:
    """``kopir check --cat`` run by ``tree``'s code: seconds from start to exit, last line."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), "check", "--cat"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"check --cat failed:\n{run.stderr}")
    return seconds, run.stdout.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000, help="Kazakh sentences")
    parser.add_argument("--repeat", type=int, default=3, help="end-to-end runs (median)")
    parser.add_argument("--tree", type=Path, help="also run this checkout's CLI (e.g. main)")
    args = parser.parse_args(argv)

    from corpus.text import srx_rules
    from corpus.text.structure import paragraph_spans

    print(machine("bench_cat"))
    start = time.perf_counter()  # nothing in this process has built the rules yet
    srx_rules.split_with_rules("", "kk", structure=True)
    setup = time.perf_counter() - start
    rules = srx_rules.rules_for("kk", structure=True)
    with tempfile.TemporaryDirectory(prefix="kopir-bench-cat-") as tmp:
        corpus, paragraphs = make_corpus(Path(tmp), args.sentences)
        documents = sum(1 for _ in corpus.glob("*.xml"))
        print(f"corpus: {documents} documents, {len(paragraphs):,} Kazakh paragraphs")

        trees = [("kopir (this tree)", REPO)]
        if args.tree:
            trees.append((f"kopir at {args.tree}", args.tree.resolve()))
        print(f"\n(a) kopir check --cat, a child process, median of {args.repeat}")
        for label, tree in trees:
            runs = [check_cat(corpus, tree) for _ in range(args.repeat)]
            seconds = statistics.median(s for s, _ in runs)
            print(f"{label:<40} {seconds:>7.2f} s   {runs[0][1]}")

        each = srx_rules.compile_rules(rules)
        fast = [srx_rules.split_with_rules(p, "kk", structure=True) for p in paragraphs]
        slow = [srx_rules.split_compiled(p, each) for p in paragraphs]
        if fast != slow:
            raise SystemExit("the two ways cut a paragraph differently")
        print(f"\n(b) cutting {len(paragraphs):,} Kazakh paragraphs, best of 3 (same cuts)")
        for label, run in (
            (
                "kopir: split_with_rules",
                lambda: [srx_rules.split_with_rules(p, "kk", structure=True) for p in paragraphs],
            ),
            (
                "every rule at every position (before)",
                lambda: [srx_rules.split_compiled(p, each) for p in paragraphs],
            ),
            (
                "baseline: ingest's cut (paragraph_spans)",
                lambda: [paragraph_spans(p, "kk") for p in paragraphs],
            ),
        ):
            seconds = best_of(3, run)
            print(f"{label:<40} {seconds:>7.2f} s {seconds / len(paragraphs) * 1e3:>7.3f} ms each")
        print(f"once a process: building and compiling the rules {setup:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
