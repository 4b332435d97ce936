"""The "texts look unrelated" check on right and wrong English imports.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_relatedness     (make bench-relatedness)

Each of the five seeds' Kazakh texts is aligned with each of the five
English renderings (5 right pairs, 20 wrong ones, all on the same subject:
Kazakhstan's foreign policy), and each of the real published pairs of
``benchmarks/data/real`` with each other one's English, as
:func:`align.document.import_and_align` would. Printed for each group: the
check's score (:mod:`align.relatedness`: how many standard deviations the
anchors shared in place stand above chance's) beside the aligner's mean
confidence, the baseline the issue found not to separate them, and where the
bar falls. A third group holds right pairs of plain sentences (generated
documents of Tatoeba pairs, :mod:`benchmarks.crawl`, as ``make bench-build``
uses), which share far fewer anchors than news: none of them may be refused.
"""

from __future__ import annotations

import random
import statistics
import tempfile
from pathlib import Path

from align.document import align_document
from align.model import Alignment
from align.relatedness import MIN_SENTENCES, UNRELATED_BELOW, relatedness
from benchmarks.crawl import write_pair
from corpus.ingest import build_document, build_translation

REPO = Path(__file__).resolve().parents[1]


def pairs() -> dict[str, tuple[Path, Path]]:
    """(Kazakh file, English file) of every seed and real pair, by a short name."""
    found = {}
    for kk in sorted((REPO / "seeds").glob("0*.txt")):
        if not kk.name.endswith(".en.txt"):
            found[f"seed {kk.name[:3]}"] = (kk, kk.with_name(kk.stem + ".en.txt"))
    for folder in sorted((REPO / "benchmarks" / "data" / "real").iterdir()):
        if folder.is_dir():
            found[folder.name] = (folder / "kk.txt", folder / "en.txt")
    return found


def measure(kk: Path, en: Path) -> tuple[float, float, bool]:
    """(check score, aligner mean confidence, judged) of ``en`` imported for ``kk``."""
    doc = build_document(kk.read_bytes(), str(kk), "doc").doc
    doc.en = build_translation(en.read_bytes(), str(en))[0]
    align_document(doc)
    texts = {s.id: s.text for side in (doc.kk, doc.en) for s in side.sentences()}
    found = relatedness(Alignment.from_document(doc), texts.__getitem__)
    confidence = statistics.mean(link.score or 0.0 for link in doc.links)
    return found.score, confidence, found.judged


def main() -> None:
    files = pairs()
    groups = {"seeds": [n for n in files if n.startswith("seed")]}
    groups["real pairs"] = [n for n in files if not n.startswith("seed")]
    print(f"bar: unrelated below {UNRELATED_BELOW} (texts of ≥ {MIN_SENTENCES} sentences)")
    for group, names in groups.items():
        right: list[tuple[float, float]] = []
        wrong: list[tuple[float, float]] = []
        unjudged = 0
        # What the bar does with the judged pairs: a margin between the ranges says nothing
        # of where the bar falls, so the pairs it decides wrongly are named.
        misjudged: list[str] = []
        for a in names:
            for b in names:
                score, confidence, judged = measure(files[a][0], files[b][1])
                unjudged += not judged
                (right if a == b else wrong).append((score, confidence))
                if judged and (score < UNRELATED_BELOW) != (a != b):
                    verdict = "refused" if a == b else "stored"
                    misjudged.append(f"{a} with {b}'s English {verdict} ({score:.2f})")
        print(f"\n{group}: {len(right)} right pairs, {len(wrong)} wrong ones")
        for label, n in (("check score", 0), ("aligner mean confidence (baseline)", 1)):
            r = [x[n] for x in right]
            w = [x[n] for x in wrong]
            gap = min(r) - max(w)
            print(
                f"  {label:<36} right {min(r):.2f}–{max(r):.2f}, wrong {min(w):.2f}–{max(w):.2f}"
                f"  ({'separated, margin' if gap > 0 else 'overlap'} {abs(gap):.2f})"
            )
        if unjudged:
            total = len(right) + len(wrong)
            print(f"  {unjudged} of {total} not judged: under {MIN_SENTENCES} sentences")
        print(
            f"  the bar decides wrongly {len(misjudged)} of the "
            f"{len(right) + len(wrong) - unjudged} judged pairs{': ' if misjudged else ''}"
            + "; ".join(misjudged)
        )
    plain_text_pairs()


def plain_text_pairs(count: int = 12) -> None:
    """Right translations of plain sentences: the check's score and how many it refuses."""
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        found = [measure(*write_pair(Path(tmp), f"plain{n}", rng)) for n in range(count)]
    scores = [score for score, _, judged in found if judged]
    refused = sum(score < UNRELATED_BELOW for score in scores)
    print(
        f"\ngenerated plain-text pairs: {count} right ones, {len(scores)} judged, "
        f"check score {min(scores):.2f}–{max(scores):.2f}, refused {refused}"
    )


if __name__ == "__main__":
    main()
