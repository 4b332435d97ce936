"""Framing recognition on the real published pairs: the lines kopir calls framing, against the gold.

    .venv/bin/python -m benchmarks.bench_framing [--lines] [--f1] [--off]

A line the gold leaves alone (a 1-0 or 0-1 bead) is what :mod:`align.aligner.framing` tries
to find: datelines, bylines, credits, tag lines, attributions, headlines the other edition
words differently. For each kind of line, on each development set (never the test set) and
pooled, it prints how many lines got that kind, how many of those the gold leaves alone, how
many it pairs, and how many it pairs with a line of the same family on the other side (a
headline with a headline, a photo credit with a credit, an "earlier it was reported" with
its like: right beads, so such lines are not expected to stand alone). The summary row is
precision and recall of "this line is framing" (any kind but ``BODY``, unless the gold pairs
it with its like) against the gold's lone lines.

``--lines`` prints every line where kind and gold disagree (a framing line the gold pairs, a
lone line kopir calls body), to see what the rules miss. ``--f1`` adds kopir's strict and lax
F1 on each set and pooled, so one run shows whether a rule change helps the alignment too.

``--off`` asks what each rule is worth to the alignment: for every rule, the aligner runs
again with the lines that rule labels read as ``BODY`` (as if the rule did not exist and
nothing caught them instead), and the change in strict F1 is printed per set and pooled.
A rule that helps shows negative figures everywhere; one written for a set it fits shows a
loss there and nothing (or a gain) elsewhere, which is how a rule that does not generalise
is found without a test set.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence
from unittest import mock

from align.aligner.evaluate import score
from align.aligner.framing import Kind, Label, labels, read_labels
from align.aligner.propose import Aligner
from benchmarks.bench_align_real import Pair, development_sets

TITLES = (Kind.TITLE, Kind.HEADLINE)


def _alone(pair: Pair) -> tuple[set[int], set[int]]:
    """The Kazakh and English lines the gold leaves without a counterpart."""
    kk = {k for ks, es in pair.gold if not es for k in ks}
    en = {e for ks, es in pair.gold if not ks for e in es}
    return kk, en


def _partners(pair: Pair) -> tuple[dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """Each paired line's counterpart lines in the gold, per side."""
    kk: dict[int, tuple[int, ...]] = {}
    en: dict[int, tuple[int, ...]] = {}
    for ks, es in pair.gold:
        if ks and es:
            kk.update((k, tuple(es)) for k in ks)
            en.update((e, tuple(ks)) for e in es)
    return kk, en


def tally(pairs: Sequence[Pair], show: bool = False) -> Counter[tuple[str, str]]:
    """Counts per row (``KIND rule``, e.g. ``FRAME photo credit``) and column (``lines``,
    ``alone``, ``with same``), plus the summary row ``all``: ``lone`` lines in the gold,
    lines called ``framing``, and of those ``framing alone``."""
    counts: Counter[tuple[str, str]] = Counter()
    for pair in pairs:
        labelled = (labels(pair.kk, "kk"), labels(pair.en, "en"))
        lines = (pair.kk, pair.en)
        alone = _alone(pair)
        partners = _partners(pair)
        for side in (0, 1):
            other = [k for k, _ in labelled[1 - side]]
            for i, (k, rule) in enumerate(labelled[side]):
                row = f"{k.name} {rule}"
                lone = i in alone[side]
                counts["all", "lone"] += lone
                counts[row, "lines"] += 1
                counts[row, "alone"] += lone
                # A title paired with a title, a note with a note, a credit with a credit
                # are right pairings: such lines are framing the other edition has too.
                family = TITLES if k in TITLES else (k,)
                with_same = any(other[j] in family for j in partners[side].get(i, ()))
                counts[row, "with same"] += with_same
                framing = k is not Kind.BODY and not with_same
                counts["all", "framing"] += framing
                counts["all", "framing alone"] += framing and lone
                if show and framing != lone and not (k is not Kind.BODY and not lone):
                    what = "paired" if framing else "missed"
                    where = f"{pair.name} {('kk', 'en')[side]} {i} {row}"
                    print(f"  {what:<6} {where}: {lines[side][i][:100]}")
    return counts


def print_table(title: str, counts: Counter[tuple[str, str]]) -> None:
    lone = counts["all", "lone"]
    print(f"{title}: {lone} lone lines in the gold")
    print(f"    {'kind and rule':<30} {'lines':>6} {'alone':>6} {'paired':>7} {'with same':>10}")
    rows = sorted({row for row, _ in counts if row != "all"}, key=lambda r: (Kind[r.split()[0]], r))
    for row in rows:
        found, alone, same = (counts[row, c] for c in ("lines", "alone", "with same"))
        print(f"    {row:<30} {found:>6} {alone:>6} {found - alone:>7} {same:>10}")
    hit, said = counts["all", "framing alone"], counts["all", "framing"]
    p = hit / said if said else 0.0
    r = hit / lone if lone else 0.0
    print(f"    framing: precision {p:.3f} ({hit}/{said}), recall {r:.3f} ({hit}/{lone})")


def _labels_without(rules: frozenset[str]) -> Callable[[list[str]], list[Label]]:
    """:func:`align.aligner.framing.read_labels` (what the aligner labels both sides with)
    with the lines of ``rules`` read as body."""

    def labelled(lines: list[str]) -> list[Label]:
        return [
            (Kind.BODY, "off") if f"{k.name} {rule}" in rules else (k, rule)
            for k, rule in read_labels(lines)
        ]

    return labelled


def strict_f1(sets: dict[str, list[Pair]], off: frozenset[str] = frozenset()) -> dict[str, float]:
    """kopir's strict F1 per set and ``pooled``, with the lines of the rules in ``off``
    (rows as in :func:`tally`, e.g. ``FRAME dateline``) read as body sentences."""
    aligner = Aligner()
    out: dict[str, float] = {}
    runs = []
    with mock.patch("align.aligner.propose.read_labels", _labels_without(off)):
        for name, pairs in sets.items():
            got = [(p.gold, [(b.kk, b.en) for b in aligner.align(p.kk, p.en)]) for p in pairs]
            runs += got
            out[name] = score(got).f1_strict
    out["pooled"] = score(runs).f1_strict
    return out


def print_off(sets: dict[str, list[Pair]], rows: Sequence[str]) -> None:
    """For each rule, strict F1 with it switched off minus strict F1 with every rule on."""
    base = strict_f1(sets)
    names = [*sets, "pooled"]
    print("strict F1 with every rule on, then the change when one rule's lines read as body:")
    print(f"    {'rule off':<30} " + " ".join(f"{n:>11}" for n in names))
    print(f"    {'(none)':<30} " + " ".join(f"{base[n]:>11.4f}" for n in names))
    for row in rows:
        if row.startswith("BODY"):
            continue
        f1 = strict_f1(sets, frozenset({row}))
        print(f"    {row:<30} " + " ".join(f"{f1[n] - base[n]:>+11.4f}" for n in names))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", action="store_true", help="print every disagreeing line")
    parser.add_argument("--f1", action="store_true", help="also kopir's strict and lax F1")
    parser.add_argument("--off", action="store_true", help="F1 with each rule switched off")
    args = parser.parse_args(argv)
    pooled: Counter[tuple[str, str]] = Counter()
    runs = []
    aligner = Aligner()
    sets = development_sets()
    for name, pairs in sets.items():
        counts = tally(pairs, show=args.lines)
        print_table(f"{name} ({len(pairs)} pairs)", counts)
        pooled += counts
        if args.f1:
            got = [(p.gold, [(b.kk, b.en) for b in aligner.align(p.kk, p.en)]) for p in pairs]
            runs += got
            s = score(got)
            print(f"    kopir strict F1 {s.f1_strict:.4f}, lax {s.f1_lax:.4f}")
    print_table("pooled", pooled)
    if args.f1:
        s = score(runs)
        print(f"    kopir strict F1 {s.f1_strict:.4f}, lax {s.f1_lax:.4f}")
    if args.off:
        print_off(sets, sorted({row for row, _ in pooled if row != "all"}))


if __name__ == "__main__":
    main()
