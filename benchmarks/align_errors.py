"""Where kopir goes wrong on the real published pairs: every disagreement with the gold, bucketed.

Covers every development set (:data:`benchmarks.bench_align_real.DEVELOPMENT`: dev,
held-out and the two old test sets, each scored once and development data since); never
the gated test set.

    .venv/bin/python -m benchmarks.align_errors [--quiet]

A *disagreement* is a connected stretch of wrong proposed beads and missed gold beads (two
beads are connected when they share a sentence). Each is printed with its sentences, gold
beside proposal, and put in one bucket, the first that fits:

* ``merge split``: a gold 2-1 / 1-2 (or larger) that kopir cut into a 1-1 plus a lone sentence;
* ``empty run``: the gold has two or more sentences in a row on one side with no counterpart,
  and kopir paired some of them;
* ``framing``: the stretch holds a framing line (:mod:`align.aligner.framing`) that kopir
  paired or merged although the gold leaves it alone, or left alone although the gold pairs it;
* ``attribution``: the stretch holds a Kazakh line that only says who reported what the item
  says (:func:`attribution`: "Бұл туралы Ақорданың баспасөз қызметі хабарлады.", "Aikyn.KZ
  парақшасынан алынған ақпаратқа сәйкес, Qazaq24.com хабарлайды."); the English folds it
  into the sentence before it, or leaves it out, or (seldom) says it in a sentence of its own;
* ``off by one``: as many beads on both sides, all paired, with a boundary moved;
* ``loose``: anything else (free renderings whose lengths and shared words say little).

The bucket counts are what the aligner's work is ordered by; the figures are in the issue notes.

Last, per set and pooled, the wrong beads among each document's first FIRST beads (headline,
lead, datelines: where the two editions differ most) and among the rest, with their
confidences (:func:`by_position`): the first beads are not wrong much more often than the
rest, but their wrong ones are more often scored sure.

With ``--signals``, every bead of a stretch that merges sentences (the gold's or kopir's) is
followed by what each of its members says for the merge (:func:`member_signals`): the
feature weight it shares with the other side, how much of that its neighbours in the bead
do not share too (what it brings of its own, also as a share of its own weight), and how
much of its length the other side leaves unexplained by the rest of the bead. A member
kopir merged that the gold leaves alone, beside one the gold merges that kopir left
alone: the two "lone sentence or merge member" decisions of the loose and merge split
buckets, side by side.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from align.aligner.framing import Kind, kinds
from align.aligner.propose import Aligner, _Document
from benchmarks.bench_align_real import Bead, Pair, development_sets
from corpus.text.script import kk_cyrillic_lines

BUCKETS = ("merge split", "empty run", "framing", "attribution", "off by one", "loose")
#: A document's first this many beads are counted apart (:func:`by_position`).
FIRST = 3
#: Confidences below WEAK are the editor's review flag; from SURE up a bead looks settled.
WEAK, SURE = 0.5, 0.8
#: "Бұл туралы …", "Осы жайлы …": what follows names who said what the lines before say.
_ABOUT_THIS = re.compile(r"^\W*(?:бұл|осы)\s+(?:туралы|жайлы|жөнінде)\b", re.IGNORECASE)
#: A short line that ends "… хабарлайды." / "… хабарлады.": an outlet's or a source's name.
_REPORTS = re.compile(r"\bхабарла(?:йды|ды)\W*$", re.IGNORECASE)
#: At most this many words for a line ending in "хабарлайды" to be only an attribution.
REPORTS_WORDS = 8


def attribution(line: str) -> bool:
    """Whether a Kazakh line (read into Cyrillic) only says who reported the item: it opens
    "Бұл туралы …" (about this), or it is short and ends "… хабарлайды" (reports)."""
    return bool(_ABOUT_THIS.match(line)) or (
        bool(_REPORTS.search(line)) and len(line.split()) <= REPORTS_WORDS
    )


@dataclass(frozen=True)
class Disagreement:
    doc: str
    gold: list[Bead]  # the gold beads of the stretch that kopir did not propose
    got: list[Bead]  # kopir's beads of the stretch that are not in the gold
    bucket: str


def _nodes(bead: Bead) -> set[tuple[str, int]]:
    return {("k", k) for k in bead[0]} | {("e", e) for e in bead[1]}


def disagreements(pair: Pair, got: Sequence[Bead]) -> list[Disagreement]:
    """The connected stretches where ``got`` and the gold differ, in document order."""
    gold = {(tuple(k), tuple(e)) for k, e in pair.gold}
    proposed = {(tuple(k), tuple(e)) for k, e in got}
    wrong = [("g", b) for b in pair.gold if b not in proposed]
    wrong += [("p", b) for b in got if (tuple(b[0]), tuple(b[1])) not in gold]
    groups: list[tuple[set, list]] = []
    for item in wrong:
        nodes = _nodes(item[1])
        joined = [g for g in groups if g[0] & nodes]
        merged_nodes, merged_items = set(nodes), [item]
        for g in joined:
            merged_nodes |= g[0]
            merged_items += g[1]
            groups.remove(g)
        groups.append((merged_nodes, merged_items))
    kk_kind, en_kind = kinds(pair.kk, "kk"), kinds(pair.en, "en")
    attributed = {
        ("k", k) for k, line in enumerate(kk_cyrillic_lines(pair.kk)) if attribution(line)
    }
    out = []
    for nodes, items in sorted(groups, key=lambda g: min((s != "k", i) for s, i in g[0])):
        g = sorted((b for s, b in items if s == "g"), key=_order)
        p = sorted((b for s, b in items if s == "p"), key=_order)
        framed = {("k", k) for k in range(len(pair.kk)) if kk_kind[k] != Kind.BODY}
        framed |= {("e", e) for e in range(len(pair.en)) if en_kind[e] != Kind.BODY}
        bucket = _bucket(g, p, bool(nodes & framed), bool(nodes & attributed))
        out.append(Disagreement(pair.name, g, p, bucket))
    return out


def _order(bead: Bead) -> tuple[int, int]:
    return (bead[0][0] if bead[0] else -1, bead[1][0] if bead[1] else -1)


def _bucket(gold: list[Bead], got: list[Bead], framed: bool, attributed: bool = False) -> str:
    for k, e in gold:
        if len(k) + len(e) >= 3:
            inside = [b for b in got if _nodes(b) <= _nodes((k, e))]
            if any(not b[0] or not b[1] for b in inside):
                return "merge split"
    for side in (0, 1):
        alone = sorted(b[side][0] for b in gold if b[side] and not b[1 - side])
        if any(b - a == 1 for a, b in itertools.pairwise(alone)):
            return "empty run"
    if framed:
        return "framing"
    if attributed:
        return "attribution"
    if len(gold) == len(got) and all(k and e for k, e in gold + got):
        return "off by one"
    return "loose"


@dataclass(frozen=True)
class MemberSignal:
    """What one member of a merge says for it (see :func:`member_signals`)."""

    side: str  # "kk" or "en"
    index: int
    shared: float  # feature weight shared with the other side of the bead
    own: float  # of that, what the other members of its side do not share
    own_share: float  # own over the member's weight of evidence (plus the smoothing)
    fill: float  # share of its length the other side leaves unexplained by the rest


def member_signals(doc: _Document, bead: Bead) -> list[MemberSignal]:
    """For each member of the side of ``bead`` that has several sentences (none for a 1-1
    or a lone sentence), the evidence it brings to the merge: lexical (what it shares with
    the other side beyond what its neighbours share) and length (how much of it the other
    side's length, under the document's ratio, leaves for it once the rest of its side
    is counted)."""
    kk, en = tuple(bead[0]), tuple(bead[1])
    if not kk or not en or (len(kk) == 1 and len(en) == 1):
        return []
    ratio = doc.lengths.ratio
    kk_len = [doc.kk_len[i] * ratio for i in kk]  # in English characters
    en_len = [doc.en_len[j] for j in en]
    out = []
    for side, members, other, lengths, other_len in (
        ("kk", kk, en, kk_len, sum(en_len)),
        ("en", en, kk, en_len, sum(kk_len)),
    ):
        if len(members) < 2:
            continue
        feats = [set(doc.kk_feats[i]) if side == "kk" else doc.en_feats[i] for i in members]
        across = set().union(
            *(doc.en_feats[j] if side == "kk" else set(doc.kk_feats[j]) for j in other)
        )
        for n, index in enumerate(members):
            rest = set().union(*(f for m, f in enumerate(feats) if m != n))
            shared = sum(doc.weight[f] for f in feats[n] & across)
            own = sum(doc.weight[f] for f in (feats[n] & across) - rest)
            mass = doc.kk_mass[index] if side == "kk" else doc.en_mass[index]
            left = other_len - (sum(lengths) - lengths[n])
            fill = min(max(left, 0.0), lengths[n]) / lengths[n]
            smoothing = doc.weights.smoothing
            out.append(MemberSignal(side, index, shared, own, own / (mass + smoothing), fill))
    return out


def _show(pair: Pair, bead: Bead, doc: _Document | None = None) -> list[str]:
    k, e = bead
    head = f"{list(k)}:{list(e)}"
    lines = [f"      {head}"]
    lines += [f"        kk {i}: {pair.kk[i][:110]}" for i in k]
    lines += [f"        en {i}: {pair.en[i][:110]}" for i in e]
    for m in member_signals(doc, bead) if doc is not None else ():
        lines.append(
            f"        member {m.side} {m.index}: shares {m.shared:.1f}, own {m.own:.1f}"
            f" ({m.own_share:.0%} of its weight); its length {m.fill:.0%} unexplained"
        )
    return lines


def by_position(gold: Sequence[Bead], got: Sequence[tuple[Bead, float]]) -> Counter[str]:
    """Counts over one document's proposed beads (each with its confidence), by where the
    bead is: ``first`` (among its first FIRST beads) or ``rest``. For each: ``beads``,
    ``wrong`` (not in the gold), ``wrong sure`` (wrong, confidence >= SURE), ``wrong weak``
    (wrong, < WEAK) and ``right weak``."""
    truth = {(tuple(k), tuple(e)) for k, e in gold}
    out: Counter[str] = Counter()
    for i, (bead, conf) in enumerate(got):
        where = "first" if i < FIRST else "rest"
        right = (tuple(bead[0]), tuple(bead[1])) in truth
        out[f"{where} beads"] += 1
        out[f"{where} wrong"] += not right
        out[f"{where} wrong sure"] += not right and conf >= SURE
        out[f"{where} wrong weak"] += not right and conf < WEAK
        out[f"{where} right weak"] += right and conf < WEAK
    return out


def print_positions(found: dict[str, Counter[str]]) -> None:
    """The :func:`by_position` counts of each set and pooled, as a table."""
    print()
    print(
        f"The first {FIRST} beads of each document and the rest: wrong beads, how many of them "
        f"look sure (>= {SURE}) and how many are flagged weak (< {WEAK}), and right beads "
        "flagged weak."
    )
    print("set          where  beads  wrong  wrong sure  wrong weak  right weak")
    for label, c in [*found.items(), ("pooled", sum(found.values(), Counter()))]:
        for where in ("first", "rest"):
            n, wrong = c[f"{where} beads"], c[f"{where} wrong"]
            print(
                f"{label:<12} {where:<5} {n:>6} {wrong:>6} {c[f'{where} wrong sure']:>11}"
                f" {c[f'{where} wrong weak']:>11} {c[f'{where} right weak']:>11}"
            )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="bucket counts only")
    parser.add_argument(
        "--signals", action="store_true", help="what each member of a merge says for it"
    )
    args = parser.parse_args(argv)
    aligner = Aligner()
    counts: Counter[str] = Counter()
    wrong_beads: Counter[str] = Counter()
    positions: dict[str, Counter[str]] = {}
    for label, pair in ((lb, p) for lb, pairs in development_sets().items() for p in pairs):
        beads = aligner.align(pair.kk, pair.en)
        got = [(b.kk, b.en) for b in beads]
        found = by_position(pair.gold, [((b.kk, b.en), b.score) for b in beads])
        positions[label] = positions.get(label, Counter()) + found
        doc = _Document(aligner, pair.kk, pair.en, None, None) if args.signals else None
        for d in disagreements(pair, got):
            counts[d.bucket] += 1
            wrong_beads[d.bucket] += len(d.got)
            if args.quiet:
                continue
            print(f"{d.doc}  [{d.bucket}]")
            print("    gold:")
            for b in d.gold:
                print("\n".join(_show(pair, b, doc)))
            print("    kopir:")
            for b in d.got:
                print("\n".join(_show(pair, b, doc)))
            print()
    print("bucket        stretches  wrong beads")
    for bucket in BUCKETS:
        print(f"{bucket:<13} {counts[bucket]:>9}  {wrong_beads[bucket]:>11}")
    print(f"{'all':<13} {sum(counts.values()):>9}  {sum(wrong_beads.values()):>11}")
    print_positions(positions)


if __name__ == "__main__":
    main()
