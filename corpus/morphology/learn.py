"""Learning the Kazakh lexicon from UD Kazakh-KTB, and the model file it ships as.

The treebank's words (form, lemma, UPOS, features) are counted into a
lexicon of distinct (form, lemma, UPOS, features) lines with their counts:
no sentence, no word order, only what a word form can be. The analyser
derives its suffix statistics from these lines when it loads them.

Run from the repository root to regenerate the shipped file::

    .venv/bin/python -m corpus.morphology.learn ../shared/data/ud-kazakh-ktb

The files are ``corpus/morphology/data/kk-lexicon.tsv`` and ``kk-tags.tsv``
(how often one tag state follows another, for :mod:`corpus.morphology.context`):
``#`` lines (the attribution the treebank's CC BY-SA 4.0 licence asks for), then
one tab-separated line per reading or tag pair.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.morphology.context import state, tag_bigrams
from corpus.morphology.kazakh import Entry, parse_feats

MODEL = Path(__file__).with_name("data") / "kk-lexicon.tsv"
TAGS = Path(__file__).with_name("data") / "kk-tags.tsv"

HEADER = """\
# kopir's Kazakh lexicon: distinct (form, lemma, UPOS, features) with counts.
# Derived from UD Kazakh-KTB (Tyers & Washington 2015; Makazhanov et al. 2015),
# https://universaldependencies.org/treebanks/kk_ktb/, licensed CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/). This file, as an adaptation
# of it, is under the same licence. No sentence of the treebank is included.
# Made by: python -m corpus.morphology.learn <treebank folder>
"""
COLUMNS = "# form\tlemma\tupos\tfeats\tcount\n"
TAG_COLUMNS = "# previous state\tstate\tcount\n"


def conllu_words(paths: Iterable[Path]) -> Iterator[list[tuple[str, str, str, str]]]:
    """Sentences of CoNLL-U files as lists of (form, lemma, UPOS, feats) syntactic words.

    Multiword tokens' ranges (``12-13``) and empty nodes (``8.1``) are skipped:
    the words under a range are what carries lemma and tag.
    """
    for path in paths:
        sentence: list[tuple[str, str, str, str]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 6 or not cols[0].isdigit():
                continue
            sentence.append((cols[1], cols[2], cols[3], cols[5]))
        if sentence:
            yield sentence


def count_entries(words: Iterable[tuple[str, str, str, str]]) -> list[Entry]:
    """Distinct readings with their counts, in a stable order."""
    counts = Counter((f, lemma, upos, parse_feats(feats)) for f, lemma, upos, feats in words)
    return [
        Entry(f, lemma, upos, feats, n)
        for (f, lemma, upos, feats), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1]))
    ]


def states(sentences: Iterable[list[tuple[str, str, str, str]]]) -> Iterator[list[str]]:
    """Each sentence as the tagger's states (part of speech, verb form, some lemmas)."""
    for sentence in sentences:
        yield [state(upos, dict(parse_feats(feats)), lemma) for _f, lemma, upos, feats in sentence]


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(path)


def write_model(entries: Iterable[Entry], path: Path = MODEL) -> None:
    lines = [HEADER, COLUMNS]
    for e in entries:
        feats = "|".join(f"{k}={v}" for k, v in e.feats) or "_"
        lines.append(f"{e.form}\t{e.lemma}\t{e.upos}\t{feats}\t{e.count}\n")
    _write(path, lines)


def write_tags(bigrams: Iterable[tuple[str, str, int]], path: Path = TAGS) -> None:
    _write(path, [HEADER, TAG_COLUMNS] + [f"{p}\t{t}\t{n}\n" for p, t, n in bigrams])


def read_tags(path: Path = TAGS) -> list[tuple[str, str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            prev, tag, count = line.split("\t")
            rows.append((prev, tag, int(count)))
    return rows


def read_model(path: Path = MODEL) -> list[Entry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        form, lemma, upos, feats, count = line.split("\t")
        entries.append(Entry(form, lemma, upos, parse_feats(feats), int(count)))
    return entries


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m corpus.morphology.learn UD_KAZAKH_KTB_FOLDER", file=sys.stderr)
        return 2
    files = sorted(Path(args[0]).glob("*.conllu"))
    if not files:
        print(f"no .conllu files in {args[0]}", file=sys.stderr)
        return 1
    sentences = list(conllu_words(files))
    words = [w for sentence in sentences for w in sentence]
    entries = count_entries(words)
    write_model(entries)
    bigrams = tag_bigrams(states(sentences))
    write_tags(bigrams)
    print(f"{len(words):,} words → {len(entries):,} lexicon lines in {MODEL}")
    print(f"{len(bigrams):,} tag pairs in {TAGS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
