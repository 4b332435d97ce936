"""How well two careful annotators agree on the development gold, and what that means for kopir.

A second annotator aligned a seeded random sample of the development documents blind (only
``kk.txt`` and ``en.txt`` copied out; no gold, no notes on those documents, no aligner run),
under the sets' written conventions. Both annotations are kept under
``benchmarks/data/agreement/<set>/<document>/``: ``blind.align`` as written before anything
was compared, ``adjudicated.align`` after every disagreement was re-read (the second annotator
took the committed bead where the committed one was right). The study, its verdicts and what
they mean for the strict-F1 bar are in ``benchmarks/data/AGREEMENT.md``.

    .venv/bin/python -m benchmarks.agreement [--stretches]

Printed per set and pooled (``PYTHONHASHSEED=0`` as for the other real-pair benches):

* the second annotation scored as if it were an aligner against the committed gold (strict
  and lax F1, vecalign's definitions, :func:`align.aligner.evaluate.score`), the same the
  other way round (the measure is not symmetric: beads with an empty side count only
  towards precision), and the share of beads the two have in common (Dice);
* kopir's strict F1 on the same documents against the committed gold, against the second
  annotation, against only the beads both annotations share (kopir's beads that touch none
  of them left out), and against the most favourable gold: each disagreement settled the
  way kopir's beads match best;
* a 95% bootstrap interval over documents for the pooled figures (:func:`bootstrap`).

``--stretches`` prints every disagreement (a connected stretch of beads one annotation has
and the other has not) with its sentences and kopir's beads there.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.aligner.evaluate import score
from align.aligner.propose import Aligner
from benchmarks.bench_align_real import DATA, DEVELOPMENT
from benchmarks.synthetic import Bead, parse_beads

AGREEMENT = DATA / "agreement"
#: The sample: SIZE documents, split over the sets in proportion to their size (largest
#: remainder), drawn with ``random.Random(SEED).sample`` from each set's sorted folder names.
SEED = 1_620_261_207
#: The development sets the sample was drawn from (the five of the session that drew it; sets
#: that joined DEVELOPMENT later are not in it, so the seeded sample stays the one annotated).
SAMPLED = ("dev", "held-out", "old test", "old test 2", "old test 3")
SIZE = 24
BOOTSTRAP = 2000


@dataclass(frozen=True)
class Doc:
    label: str
    name: str
    kk: list[str]
    en: list[str]
    committed: list[Bead]
    blind: list[Bead]
    adjudicated: list[Bead]


def sample(size: int = SIZE, seed: int = SEED) -> dict[str, list[str]]:
    """The sampled folder names of each development set, by label (reproducible)."""
    folders = {
        label: sorted(p.name for p in root.iterdir() if (p / "gold.align").exists())
        for label, root in DEVELOPMENT.items()
        if label in SAMPLED
    }
    total = sum(len(names) for names in folders.values())
    quota = {label: size * len(names) / total for label, names in folders.items()}
    counts = {label: int(q) for label, q in quota.items()}
    by_remainder = sorted(quota, key=lambda label: int(quota[label]) - quota[label])
    for label in by_remainder[: size - sum(counts.values())]:
        counts[label] += 1
    rng = random.Random(seed)
    return {label: sorted(rng.sample(folders[label], counts[label])) for label in folders}


def _beads(path: Path) -> list[Bead]:
    return [(tuple(k), tuple(e)) for k, e in parse_beads(path.read_text())]


def documents() -> list[Doc]:
    """The sampled documents with both annotations; fails if the stored ones are not the
    seeded sample."""
    docs = []
    for label, names in sample().items():
        root = DEVELOPMENT[label]
        stored = sorted(p.name for p in (AGREEMENT / root.name).iterdir() if p.is_dir())
        assert stored == names, (label, stored, names)
        for name in names:
            src, ann = root / name, AGREEMENT / root.name / name
            docs.append(
                Doc(
                    label,
                    name,
                    (src / "kk.txt").read_text("utf-8").splitlines(),
                    (src / "en.txt").read_text("utf-8").splitlines(),
                    _beads(src / "gold.align"),
                    _beads(ann / "blind.align"),
                    _beads(ann / "adjudicated.align"),
                )
            )
    return docs


def stretches(a: Sequence[Bead], b: Sequence[Bead]) -> list[tuple[list[Bead], list[Bead]]]:
    """The disagreements of two annotations: connected stretches (beads sharing a sentence)
    of the beads only ``a`` has and those only ``b`` has."""
    groups: list[tuple[set[int], set[int], list[Bead], list[Bead]]] = []
    only = [(0, x) for x in a if x not in set(b)] + [(1, x) for x in b if x not in set(a)]
    for side, (kk, en) in only:
        ks, es, mine = set(kk), set(en), ([], [])
        mine[side].append((kk, en))
        for g in [g for g in groups if g[0] & ks or g[1] & es]:
            ks |= g[0]
            es |= g[1]
            mine[0].extend(g[2])
            mine[1].extend(g[3])
            groups.remove(g)
        groups.append((ks, es, *mine))
    groups.sort(key=lambda g: (min(g[0], default=1 << 20), min(g[1], default=1 << 20)))
    return [(sorted(g[2]), sorted(g[3])) for g in groups]


def shared(a: Sequence[Bead], b: Sequence[Bead]) -> list[Bead]:
    return [x for x in a if x in set(b)]


def touching(reference: Sequence[Bead], proposed: Sequence[Bead]) -> list[Bead]:
    """The proposed beads that hold a sentence of some reference bead."""
    ks = {i for k, _ in reference for i in k}
    es = {j for _, e in reference for j in e}
    return [(k, e) for k, e in proposed if set(k) & ks or set(e) & es]


def favourable(a: Sequence[Bead], b: Sequence[Bead], got: Sequence[Bead]) -> list[Bead]:
    """The gold both annotations share, each disagreement settled the way ``got`` matches
    best (``a``'s side on a tie): how far kopir is from a gold it could not argue with."""
    out, proposed = set(shared(a, b)), set(got)
    for mine, theirs in stretches(a, b):
        better = len(proposed & set(theirs)) > len(proposed & set(mine))
        out |= set(theirs if better else mine)
    return sorted(out, key=lambda x: (min(x[0], default=1 << 20), min(x[1], default=1 << 20)))


def dice(pairs: Sequence[tuple[Sequence[Bead], Sequence[Bead]]]) -> float:
    common = sum(len(shared(a, b)) for a, b in pairs)
    return 2 * common / max(1, sum(len(a) + len(b) for a, b in pairs))


Measure = Callable[[Sequence[Doc], dict[str, list[Bead]]], float]


def measures(adjudicated: bool) -> dict[str, Measure]:
    def second(d: Doc) -> list[Bead]:
        return d.adjudicated if adjudicated else d.blind

    return {
        "2nd/gold": lambda docs, k: score([(d.committed, second(d)) for d in docs]).f1_strict,
        "2nd lax": lambda docs, k: score([(d.committed, second(d)) for d in docs]).f1_lax,
        "gold/2nd": lambda docs, k: score([(second(d), d.committed) for d in docs]).f1_strict,
        "Dice": lambda docs, k: dice([(d.committed, second(d)) for d in docs]),
        "k/gold": lambda docs, k: score([(d.committed, k[d.name]) for d in docs]).f1_strict,
        "k/2nd": lambda docs, k: score([(second(d), k[d.name]) for d in docs]).f1_strict,
        "k/shared": lambda docs, k: (
            score(
                [
                    (
                        shared(d.committed, second(d)),
                        touching(shared(d.committed, second(d)), k[d.name]),
                    )
                    for d in docs
                ]
            ).f1_strict
        ),
        "k/favour": lambda docs, k: (
            score(
                [(favourable(d.committed, second(d), k[d.name]), k[d.name]) for d in docs]
            ).f1_strict
        ),
    }


def bootstrap(
    docs: Sequence[Doc], kopir: dict[str, list[Bead]], measure: Measure
) -> tuple[float, float]:
    """A 95% percentile interval of ``measure`` over documents drawn with replacement (the
    sample is 24 documents: the interval says how much the figure could move on another)."""
    rng = random.Random(SEED)
    values = sorted(measure([rng.choice(docs) for _ in docs], kopir) for _ in range(BOOTSTRAP))
    return values[int(0.025 * BOOTSTRAP)], values[int(0.975 * BOOTSTRAP) - 1]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stretches", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    docs = documents()
    aligner = Aligner()
    kopir = {d.name: [(b.kk, b.en) for b in aligner.align(d.kk, d.en)] for d in docs}
    print(
        f"seed {SEED}: {len(docs)} documents, {sum(len(d.kk) for d in docs)} kk / "
        f"{sum(len(d.en) for d in docs)} en sentences, {sum(len(d.committed) for d in docs)} "
        "committed gold beads"
    )
    for adjudicated in (False, True):
        table = measures(adjudicated)
        which = "adjudicated" if adjudicated else "blind"
        print(f"\n{which} second annotation (2nd) and kopir (k) against the committed gold, the")
        print("2nd, the beads both share, the most favourable gold; strict F1 unless lax:")
        print(f"{'set':11} {'docs':>4}  " + "  ".join(f"{name:>8.8}" for name in table))
        for label in [*SAMPLED, "pooled"]:
            part = [d for d in docs if label in (d.label, "pooled")]
            cells = "  ".join(f"{m(part, kopir):8.3f}" for m in table.values())
            print(f"{label:11} {len(part):4}  {cells}")
        intervals = "  ".join(
            f"{name} {lo:.3f}–{hi:.3f}"
            for name, m in table.items()
            if name in ("2nd/gold", "k/gold", "k/shared")
            for lo, hi in [bootstrap(docs, kopir, m)]
        )
        print(f"pooled 95% intervals: {intervals}")
        second = [(d, d.adjudicated if adjudicated else d.blind) for d in docs]
        print(
            f"disagreements: {sum(len(stretches(d.committed, s)) for d, s in second)} stretches "
            f"in {sum(1 for d, s in second if stretches(d.committed, s))} documents"
        )
    if not args.stretches:
        return
    for d in docs:
        for mine, theirs in stretches(d.committed, d.blind):
            ks = sorted({i for k, _ in mine + theirs for i in k})
            es = sorted({j for _, e in mine + theirs for j in e})
            print(f"\n{d.label} / {d.name}")
            print("  committed:", "  ".join(f"{list(k)}:{list(e)}" for k, e in mine))
            print("  blind 2nd:", "  ".join(f"{list(k)}:{list(e)}" for k, e in theirs))
            adj = [x for x in d.adjudicated if set(x[0]) & set(ks) or set(x[1]) & set(es)]
            print("  adjudged: ", "  ".join(f"{list(k)}:{list(e)}" for k, e in adj))
            print(
                "  kopir:    ",
                "  ".join(
                    f"{list(k)}:{list(e)}" for k, e in touching(mine + theirs, kopir[d.name])
                ),
            )
            for i in ks:
                print(f"    kk {i}: {d.kk[i]}")
            for j in es:
                print(f"    en {j}: {d.en[j]}")


if __name__ == "__main__":
    main()
