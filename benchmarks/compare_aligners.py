"""Two versions of the aligner on the development sets, side by side, with a paired bootstrap.

    .venv/bin/python -m benchmarks.compare_aligners BASE [OTHER] [--draws N]

``BASE`` and ``OTHER`` are git revisions of this repository (``OTHER`` defaults to the
working tree, spelt ``.``). Each is aligned in a child process of its own (``git archive``
into a temporary folder, ``PYTHONHASHSEED=0``), so a version's modules never mix with
another's, and both are scored here, on the development sets and the gold of the working tree
(:data:`benchmarks.bench_align_real.DEVELOPMENT`; never the gated test set): a change is
judged on the same documents whatever the version knew of them.

Why a bootstrap: the sets are small (a bead is 0.001 of the pooled figure, a document up to
0.03), and the previous gated test set did not confirm gains the development sets showed. The
pooled difference is printed with a 95% percentile interval over documents drawn with
replacement, the same draws for both versions (paired), and the share of draws in which
``OTHER`` is ahead. An interval that straddles zero means the sets cannot tell the two apart;
a change that wins on the pooled figure with such an interval has not shown it generalises.
The documents whose score moved are listed, so a gain carried by one document shows.

What the interval cannot say: the development sets have been looked at while the aligner was
tuned, so a change chosen on them is flattered whatever its interval (session 9's changes
gained +0.038 pooled, interval +0.018 … +0.061, and lost 0.04 on the gated test set scored
after them). The gated test set, scored once, is the only unflattered figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align.aligner.evaluate import Bead, document_counts, score
from benchmarks.bench_align_real import Pair, development_sets
from benchmarks.shared import REPO

WORKING_TREE = "."
DRAWS = 2000
SEED = 20261207

#: Run in the child, inside one version's tree: align every document, print the beads.
#: ``Aligner().align(kk, en)`` giving beads with ``kk`` and ``en`` is the one interface every
#: version since the real sets exist shares.
_CHILD = """
import json, sys
from align.aligner.propose import Aligner
docs = json.load(sys.stdin)
aligner = Aligner()
json.dump([[[list(b.kk), list(b.en)] for b in aligner.align(d["kk"], d["en"])] for d in docs],
          sys.stdout)
"""


@dataclass(frozen=True)
class Document:
    label: str
    pair: Pair


def documents() -> list[Document]:
    return [Document(label, pair) for label, pairs in development_sets().items() for pair in pairs]


def _tree(revision: str, into: Path) -> Path:
    """The files of ``revision`` (the working tree itself for ``.``)."""
    if revision == WORKING_TREE:
        return REPO
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        sys.exit(f"compare_aligners: {revision}: {archive.stderr.decode().strip()}")
    folder = Path(tempfile.mkdtemp(prefix="tree-", dir=into))  # a folder each, same revision too
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def align_with(revision: str, docs: Sequence[Document], scratch: Path) -> list[list[Bead]]:
    """Every document's beads as ``revision``'s aligner proposes them."""
    tree = _tree(revision, scratch)
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    payload = json.dumps([{"kk": d.pair.kk, "en": d.pair.en} for d in docs])
    child = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=payload,
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
        check=False,
    )
    if child.returncode:
        last = (child.stderr.strip().splitlines() or ["no message"])[-1]
        sys.exit(f"compare_aligners: {revision}: the aligner failed: {last}")
    return [[(tuple(k), tuple(e)) for k, e in beads] for beads in json.loads(child.stdout)]


def strict_counts(docs: Sequence[Document], proposals: Sequence[list[Bead]]) -> np.ndarray:
    """Per document: strict precision hits and misses, strict recall hits and misses."""
    rows = []
    for doc, proposed in zip(docs, proposals, strict=True):
        precision, recall = document_counts(doc.pair.gold, proposed)
        rows.append(
            (precision.strict_hit, precision.strict_miss, recall.strict_hit, recall.strict_miss)
        )
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def _ratio(hit: np.ndarray, miss: np.ndarray) -> np.ndarray:
    return np.divide(hit, hit + miss, out=np.zeros_like(hit), where=(hit + miss) > 0)


def pooled_f1(counts: np.ndarray) -> np.ndarray:
    """Strict F1 of counts summed over the document axis (the second-to-last), as
    :func:`align.aligner.evaluate.score` pools documents."""
    total = counts.sum(axis=-2)
    p = _ratio(total[..., 0], total[..., 1])
    r = _ratio(total[..., 2], total[..., 3])
    return np.divide(2 * p * r, p + r, out=np.zeros_like(p), where=(p + r) > 0)


def paired_bootstrap(
    base: np.ndarray, other: np.ndarray, draws: int = DRAWS, seed: int = SEED
) -> tuple[float, float, float]:
    """A 95% interval of ``other − base`` (pooled strict F1) over documents drawn with
    replacement, the same draws for both, and the share of draws in which ``other`` is ahead."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(base), size=(draws, len(base)))
    delta = pooled_f1(other[picks]) - pooled_f1(base[picks])
    low, high = np.percentile(delta, [2.5, 97.5])
    return float(low), float(high), float((delta > 0).mean())


def report(
    names: tuple[str, str], docs: Sequence[Document], proposals: tuple[list, list], draws: int
) -> None:
    base, other = (strict_counts(docs, p) for p in proposals)
    print(f"strict F1 on the development sets: {names[0]} (base) against {names[1]}")
    print(f"{'set':12} {'docs':>4}  {'base':>7}  {'other':>7}  {'change':>7}")
    for label in [*dict.fromkeys(d.label for d in docs), "pooled"]:
        rows = [i for i, d in enumerate(docs) if label in (d.label, "pooled")]
        a, b = float(pooled_f1(base[rows])), float(pooled_f1(other[rows]))
        print(f"{label:12} {len(rows):4}  {a:7.4f}  {b:7.4f}  {b - a:+7.4f}")
    low, high, ahead = paired_bootstrap(base, other, draws)
    print(
        f"paired bootstrap over documents ({draws} draws): change in pooled strict F1 "
        f"95% interval {low:+.4f} … {high:+.4f}; {names[1]} ahead in {ahead:.0%} of draws"
    )
    moved = []
    for i, doc in enumerate(docs):
        pair_a = score([(doc.pair.gold, proposals[0][i])]).f1_strict
        pair_b = score([(doc.pair.gold, proposals[1][i])]).f1_strict
        if pair_a != pair_b:
            moved.append((pair_b - pair_a, doc, pair_a, pair_b))
    up = sum(1 for change, *_ in moved if change > 0)
    print(f"documents that moved: {up} up, {len(moved) - up} down")
    for change, doc, a, b in sorted(moved, key=lambda m: m[0]):
        print(f"  {change:+.3f}  {a:.3f} → {b:.3f}  {doc.label:12} {doc.pair.name}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="a git revision (or . for the working tree)")
    parser.add_argument("other", nargs="?", default=WORKING_TREE, help="default: the working tree")
    parser.add_argument("--draws", type=int, default=DRAWS, help="bootstrap draws")
    args = parser.parse_args(argv)
    docs = documents()
    with tempfile.TemporaryDirectory(prefix="kopir-compare-") as scratch:
        proposals = (
            align_with(args.base, docs, Path(scratch)),
            align_with(args.other, docs, Path(scratch)),
        )
    report((args.base, args.other), docs, proposals, args.draws)


if __name__ == "__main__":
    main()
