"""How many glossary term occurrences the lemma match finds that an exact-string match misses.

    python -m benchmarks.glossary_match [--list]

On the seeds' Kazakh and the first development set's (``benchmarks/data/real``), with the
20 terms of ``benchmarks/data/glossary/terms.csv`` (written before measuring: the names and
titles a client's list of news terms holds). Three counts per term, each of its own:

* **exact**: the term as written, as whole words, case aside (what a plain find does);
* **kopir**: :class:`corpus.glossary.TermMatcher` (lemmas from kopir's analyser);
* **stem regex**: an independent count that knows no morphology: the term's words, the last
  one cut to all but its last letter and followed by any letters (``Парламен\\w*``); it
  over-counts (``Президенттік`` is an adjective), so ``--list`` prints every occurrence
  where it and kopir disagree, to be judged by eye.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from corpus.glossary.match import TermMatcher
from corpus.glossary.model import Glossary
from corpus.glossary.tabular import read_csv
from corpus.morphology import tokenize

DATA = Path(__file__).parent / "data"
TERMS = DATA / "glossary" / "terms.csv"
SEEDS = Path(__file__).parent.parent / "seeds"


def texts() -> dict[str, list[str]]:
    """Kazakh paragraphs by source: the seeds, the first development set."""
    seeds = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".en.txt"))
    real = sorted((DATA / "real").glob("*/kk.txt"))
    return {
        "seeds": [line for p in seeds for line in p.read_text("utf-8").splitlines()],
        "real (dev set 1)": [line for p in real for line in p.read_text("utf-8").splitlines()],
    }


def exact_count(term: str, line: str) -> int:
    words = [t.text.casefold() for t in tokenize(term)]
    folded = [t.text.casefold() for t in tokenize(line)]
    n = len(words)
    return sum(folded[i : i + n] == words for i in range(len(folded) - n + 1))


def stem_spans(term: str, line: str) -> list[tuple[int, int]]:
    words = [t.text for t in tokenize(term)]
    last = words[-1][:-1] if len(words[-1]) > 3 else words[-1]
    body = r"\s+".join([*map(re.escape, words[:-1]), re.escape(last) + r"[\w-]*"])
    pattern = re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(line)]


def main(argv: list[str]) -> int:
    glossary = Glossary(read_csv(TERMS.read_bytes(), str(TERMS)).terms)
    matcher = TermMatcher(glossary)
    listing = "--list" in argv
    for source, lines in texts().items():
        total = {"exact": 0, "kopir": 0, "stem": 0, "kopir-not-exact": 0}
        rows = []
        for term in glossary.terms:
            exact = kopir = stem = 0
            for line in lines:
                hits = [(h.start, h.end) for h in matcher.find(line) if h.term is term]
                spans = stem_spans(term.kk, line)
                exact += exact_count(term.kk, line)
                kopir += len(hits)
                stem += len(spans)
                if listing:
                    for a, b in sorted(set(spans) ^ set(hits)):
                        who = "kopir only" if (a, b) in hits else "stem regex only"
                        print(f"  {source} | {term.kk} | {who}: {line[a:b]}")
            rows.append((term.kk, exact, kopir, stem))
            total["exact"] += exact
            total["kopir"] += kopir
            total["stem"] += stem
        total["kopir-not-exact"] = total["kopir"] - total["exact"]
        print(f"{source}: {len(lines)} paragraphs")
        print(f"  {'term':<30} {'exact':>6} {'kopir':>6} {'stem regex':>10}")
        for kk, exact, kopir, stem in rows:
            print(f"  {kk:<30} {exact:>6} {kopir:>6} {stem:>10}")
        print(
            f"  {'total':<30} {total['exact']:>6} {total['kopir']:>6} {total['stem']:>10}"
            f"   (kopir finds {total['kopir-not-exact']} that the exact match misses)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
