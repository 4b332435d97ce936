"""The Kazakh analyser on UD Kazakh-KTB: ten-fold cross-validation beside two baselines.

Run from the repository root (``make bench-morph``)::

    .venv/bin/python -m benchmarks.bench_morph

The treebank's README asks for ten-fold cross-validation (it is too small
for a fixed split): both files are merged, sentences dealt round-robin into
ten folds, and each fold is analysed by an analyser learned from the other
nine only (the shipped lexicon, learned from all of it, is not used here).
Scored on the treebank's syntactic words with their gold tokenisation:

* **lemma accuracy**, case ignored (search folds case; ``Мал`` → ``мал`` at the
  start of a sentence is right either way), and case kept, for the record; and
  how often a lemma search finds the word under its gold lemma: the chosen
  lemma, or the second lemma the index stores beside it (an agent participle's
  noun, :func:`corpus.morphology.agent_noun`);
* **UPOS accuracy** of the first reading (no sentence context is used);
* **Case** (the feature a ``Case=Abl`` query asks, :mod:`corpus.search.querylang`):
  accuracy over the words that have a Case in the gold or the reading, and precision
  and recall per Case value (a word without Case counts as "none");
* both split by words whose form the training folds had seen or not;
* **baselines** in the same run: the form itself as lemma; hunspell-kk's
  first stem (``hunspell -s -d kk_KZ``) when hunspell and the Kazakh
  dictionary are installed (``apt-get install hunspell hunspell-kk``),
  else the line says it was not run;
* **throughput**: tokens per second during the cross-validation (no cache),
  and through ``morph_text`` with the shipped model, the path the index
  takes (each word's reading in its sentence, as the index stores it), on an
  empty cache and again with every form cached; beside two floors in the same
  run: the form as lemma (tokenising and lower-casing only) and hunspell-kk
  stemming the distinct forms in one process (when installed).

The bars (issue 17): lemma ≥ 0.93 and UPOS ≥ 0.90.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import time
from collections import Counter

from benchmarks.shared import machine
from benchmarks.ud_ktb import ud_dir
from corpus.morphology import agent_noun, tokenize
from corpus.morphology.context import TagModel, tag_bigrams
from corpus.morphology.kazakh import KazakhAnalyser
from corpus.morphology.learn import conllu_words, count_entries, states
from corpus.search.morphtext import morph_text

FOLDS = 10
LEMMA_BAR, UPOS_BAR = 0.93, 0.90
Word = tuple[str, str, str, str]


def folds(sentences: list[list[Word]], n: int = FOLDS) -> list[list[list[Word]]]:
    return [sentences[i::n] for i in range(n)]


def hunspell_stems(forms: list[str]) -> tuple[dict[str, str], float] | None:
    """hunspell-kk's first stem of each form (the form itself when it gives none), and the
    seconds one hunspell process took over the distinct forms."""
    if shutil.which("hunspell") is None:
        return None
    unique = sorted(set(forms))
    started = time.perf_counter()
    try:
        out = subprocess.run(
            ["hunspell", "-s", "-d", "kk_KZ"],
            input="\n".join(unique) + "\n",
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        ).stdout
    except (subprocess.SubprocessError, OSError):
        return None
    stems: dict[str, str] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] not in stems:
            stems[parts[0]] = parts[1]
        elif len(parts) == 1 and parts[0] not in stems:
            stems[parts[0]] = parts[0]
    return stems, time.perf_counter() - started


def _case(feats: str) -> str:
    """The Case value of a CoNLL-U FEATS column, or "none"."""
    for feat in feats.split("|"):
        name, _eq, value = feat.partition("=")
        if name == "Case":
            return value
    return "none"


def print_cases(cases: Counter[tuple[str, str]]) -> None:
    """Case accuracy (words with a Case in the gold or the reading) and, per value,
    precision and recall."""
    either = sum(c for (g, r), c in cases.items() if (g, r) != ("none", "none"))
    right = sum(c for (g, r), c in cases.items() if g == r != "none")
    print(f"Case: right on {right:,} of the {either:,} words with a Case in gold or reading "
          f"({right / either:.4f})")  # fmt: skip
    print(f"  {'Case':6}{'gold':>8}{'read':>8}{'precision':>11}{'recall':>8}")
    values = sorted({v for pair in cases for v in pair}, key=lambda v: (v == "none", v))
    for value in values:
        gold = sum(c for (g, _r), c in cases.items() if g == value)
        read = sum(c for (_g, r), c in cases.items() if r == value)
        hit = cases[value, value]
        precision = f"{hit / read:.3f}" if read else "-"
        recall = f"{hit / gold:.3f}" if gold else "-"
        print(f"  {value:6}{gold:8,}{read:8,}{precision:>11}{recall:>8}")
    for (g, r), c in cases.most_common():
        if g != r and c >= 20:
            print(f"    gold {g} read as {r}: {c}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    args = parser.parse_args(argv)
    sentences = list(conllu_words(sorted(ud_dir().glob("*.conllu"))))
    parts = folds(sentences)
    tally: Counter[str] = Counter()
    cases: Counter[tuple[str, str]] = Counter()  # (gold Case, the reading's Case)
    errors: list[tuple[str, str, str, str, str]] = []
    seconds = 0.0
    analysed = 0
    for i, test in enumerate(parts):
        train = [w for j, part in enumerate(parts) if j != i for s in part for w in s]
        analyser = KazakhAnalyser(count_entries(train))
        seen = {w[0].lower() for w in train}
        tagger = TagModel(tag_bigrams(states(s for j, p in enumerate(parts) if j != i for s in p)))
        words = [w for s in test for w in s]
        started = time.perf_counter()
        best = []
        for s in test:
            best += tagger.choose(
                [
                    tagger.prepare((analyser.analyse_initial if k == 0 else analyser.analyse)(w[0]))
                    for k, w in enumerate(s)
                ]
            )
        seconds += time.perf_counter() - started
        analysed += len(words)
        for (form, lemma, upos, feats), reading in zip(words, best, strict=True):
            gold_case, got_case = _case(feats), dict(reading.feats).get("Case", "none")
            cases[gold_case, got_case] += 1
            group = "seen" if form.lower() in seen else "unseen"
            tally[f"{group} words"] += 1
            tally["words"] += 1
            lemma_ok = reading.lemma.lower() == lemma.lower()
            tally["lemma"] += lemma_ok
            tally[f"{group} lemma"] += lemma_ok
            tally["lemma cased"] += reading.lemma == lemma
            second = agent_noun(form, reading.upos)
            tally["searched"] += lemma_ok or second == lemma.lower()
            tally["second"] += second is not None
            tally["second right"] += second is not None and second == lemma.lower()
            tally["upos"] += reading.upos == upos
            tally[f"{group} upos"] += reading.upos == upos
            tally["form"] += form.lower() == lemma.lower()
            if reading.upos != upos:
                tally[f"confusion {group} {upos}>{reading.upos}"] += 1
            if not lemma_ok or reading.upos != upos:
                errors.append(
                    (group, form, f"{lemma}/{upos}", f"{reading.lemma}/{reading.upos}", "")
                )
    forms = [w[0] for s in sentences for w in s]
    hunspell = hunspell_stems(forms)
    stems = hunspell[0] if hunspell is not None else None
    if stems is not None:
        tally["hunspell"] = sum(
            stems.get(w[0], w[0]).lower() == w[1].lower() for s in sentences for w in s
        )
    n = tally["words"]
    print(machine("bench_morph"))
    print(
        f"UD Kazakh-KTB: {len(sentences):,} sentences, {n:,} words, {FOLDS}-fold cross-validation"
    )
    print(f"{'':32}{'lemma':>8}{'UPOS':>8}")
    print(f"{'kopir analyser':32}{tally['lemma'] / n:8.4f}{tally['upos'] / n:8.4f}")
    for group in ("seen", "unseen"):
        m = tally[f"{group} words"]
        label = f"  {group} forms ({m / n:.0%})"
        print(f"{label:32}{tally[f'{group} lemma'] / m:8.3f}{tally[f'{group} upos'] / m:8.3f}")
    print(f"{'  lemma with its case':32}{tally['lemma cased'] / n:8.3f}")
    print(
        f"{'  found by a lemma search':32}{tally['searched'] / n:8.4f}   (the chosen lemma or "
        f"a second: {tally['second']} agent participles, {tally['second right']} of them "
        f"the treebank's nouns)"
    )
    print(f"{'baseline: the form as lemma':32}{tally['form'] / n:8.3f}")
    print_cases(cases)
    if stems is not None:
        print(f"{'baseline: hunspell-kk stem':32}{tally['hunspell'] / n:8.3f}")
    else:
        print("baseline: hunspell-kk not run (apt-get install hunspell hunspell-kk)")
    print(
        f"throughput, cross-validation (no cache, every fold a new analyser): "
        f"{analysed / seconds:,.0f} tokens/s"
    )
    texts = [" ".join(w[0] for w in s) for s in sentences]
    started = time.perf_counter()
    count = sum(len([t.text.lower() for t in tokenize(text)]) for text in texts)
    floor = count / (time.perf_counter() - started)
    for label in ("first pass, empty cache", "second pass, cached forms"):
        started = time.perf_counter()
        count = sum(len(morph_text(t, "kk").split()) for t in texts)
        print(
            f"throughput, the index's path (each word's reading in its sentence) over the "
            f"treebank, {label}: {count / (time.perf_counter() - started):,.0f} tokens/s"
        )
    print(f"  baseline: the form as lemma (tokenize, lower case): {floor:,.0f} tokens/s")
    if hunspell is not None:
        print(
            f"  baseline: hunspell-kk, one process stemming the {len(set(forms)):,} distinct "
            f"forms: {len(set(forms)) / hunspell[1]:,.0f} forms/s"
        )
    lemma_ok = tally["lemma"] / n >= LEMMA_BAR
    upos_ok = tally["upos"] / n >= UPOS_BAR
    print(
        f"bars: lemma ≥ {LEMMA_BAR} {'met' if lemma_ok else 'MISSED'}, "
        f"UPOS ≥ {UPOS_BAR} {'met' if upos_ok else 'MISSED'}"
    )
    if args.errors:
        for key, count in tally.most_common():
            if key.startswith("confusion") and count >= 8:
                print(f"  {key[10:]:30} {count}")
        shown = Counter()
        for group, form, gold, got, _ in errors:
            if shown[group] < args.errors:
                shown[group] += 1
                print(f"  {group:7} {form:20} gold {gold:30} got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
