"""Index build with lemmas on a corpus of many distinct words, and with the analyses kept.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_index_vocabulary                 # 100,000 pairs
    .venv/bin/python -m benchmarks.bench_index_vocabulary --pairs 20000 --share 0.3

``bench_query``'s generated corpus repeats a few thousand word types, which
hides what a real crawl costs the analyser: hundreds of thousands of types,
most of them unknown to the lexicon and so guessed (about half a millisecond
each). This corpus is ``bench_query``'s with a random ending of two to five
letters added to ``--share`` of the words on each side (new in each
document), so the vocabulary grows with the corpus. Three builds through the
TEI files, each in a child process (``bench_query``'s), are timed:

1. without lemmas and tags (the baseline);
2. with them, from nothing (the table of analyses beside the index,
   ``.kopir/analyses.sqlite``, is empty: each type is analysed once, by
   whichever worker meets it first);
3. with them again, the index deleted but the table kept (a rebuild, as
   after a kopir upgrade that changes the index but not the analyser).
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.bench_query import _child, _cpu_text, _cpu_total, _mb
from benchmarks.query_corpus import SEED, make_document, plan_documents, source_pairs
from benchmarks.shared import pairs_parser
from benchmarks.synthetic import Pair

_WORD = re.compile(r"\w+")
KK_LETTERS = "аәбгғдеёжзийкқлмнңоөпрстуұүфхһцчшщыіэюя"
EN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def widen(pair: Pair, rng: random.Random, share: float) -> Pair:
    """The pair with a random ending on ``share`` of its words, each side in its alphabet."""

    def side(text: str, letters: str) -> str:
        def grow(match: re.Match[str]) -> str:
            if rng.random() >= share:
                return match.group()
            return match.group() + "".join(rng.choices(letters, k=rng.randint(2, 5)))

        return _WORD.sub(grow, text)

    return side(pair[0], KK_LETTERS), side(pair[1], EN_LETTERS)


def _write(root: str, numbers: list[tuple[int, int]], share: float) -> set[str]:
    """Write these documents; the Kazakh word types they hold."""
    from corpus.morphology import tokenize
    from corpus.storage.store import Corpus

    corpus, pool, types = Corpus(Path(root)), source_pairs(), set()
    for number, beads in numbers:
        rng = random.Random(SEED * 31 + number)
        doc = make_document(number, beads, [widen(p, rng, share) for p in pool])
        types.update(t.text for s in doc.kk.sentences() for t in tokenize(s.text))
        corpus.save(doc)
    return types


def generate(root: Path, pairs: int, share: float) -> tuple[float, int]:
    """Write the corpus with two processes: seconds taken, distinct Kazakh word types."""
    started = time.perf_counter()
    plan = plan_documents(pairs)
    chunks = [plan[i::2] for i in range(2)]
    with ProcessPoolExecutor(2) as pool:
        types = set().union(*pool.map(_write, [str(root)] * 2, chunks, [share] * 2))
    return time.perf_counter() - started, len(types)


def main(argv: list[str] | None = None) -> int:
    parser = pairs_parser(__doc__, "build the corpus here and keep it", pairs=100_000)
    parser.add_argument("--share", type=float, default=0.3, help="share of words given an ending")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kopir-bench-vocabulary-"))
    root = folder / "corpus"
    print(f"index build on many distinct words: {args.pairs:,} pairs, an ending on "
          f"{args.share:.0%} of the words")  # fmt: skip
    try:
        if not root.is_dir() or not any(root.glob("*.xml")):
            root.mkdir(parents=True, exist_ok=True)
            seconds, types = generate(root, args.pairs, args.share)
            print(f"generated in {seconds:.1f} s: {types:,} distinct Kazakh word types\n")
        shutil.rmtree(root / ".kopir", ignore_errors=True)
        plain = _child("build-plain", str(root))
        shutil.rmtree(root / ".kopir")
        cold = _child("build", str(root))
        table = root / ".kopir" / "analyses.sqlite"
        with sqlite3.connect(table) as conn:
            stored = conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
        (root / ".kopir" / "index.sqlite").unlink()
        warm = _child("build", str(root))
        for label, build in (
            ("1. without lemmas", plain),
            ("2. with lemmas, no analyses kept", cold),
            ("3. with lemmas, analyses kept", warm),
        ):
            print(f"{label:<34} {build['seconds']:7.1f} s  CPU {_cpu_text(build)}; "
                  f"×{_cpu_total(build) / _cpu_total(plain):.2f} CPU of 1; peak RSS builder "
                  f"{_mb(build['self'])}, worker {_mb(build['children'])}")  # type: ignore[arg-type]  # fmt: skip
        print(f"\nanalyses kept: {stored:,} word types, {table.stat().st_size / 1e6:.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
