"""How much of the real pairs' wording the aligner's lexicon knows, and how often it is right.

Covers every development set (:data:`benchmarks.bench_align_real.DEVELOPMENT`); never the
gated test set. Prints counts and shares only, never a word: the development sets measure a
lexicon, they are not a source of entries (draw those from the treebank, Tatoeba and the
seeds, as the core lexicon's header says).

    .venv/bin/python -m benchmarks.lexicon_coverage [--lexicon PATH] [--errors]

``--lexicon`` scores a candidate core lexicon file in place of the shipped one (the shipped
registry lexicon is kept), so a change to the file can be measured before and after.
``--errors`` also aligns every pair (with the shipped lexicon, so the split is the same for
every file scored) and gives the coverage of the Kazakh sentences in the stretches kopir gets
wrong (:func:`benchmarks.align_errors.disagreements`) beside that of the others: if the two
are alike, missing words are not what the errors are made of.

Per development set and pooled:

* **coverage**: of the Kazakh content words (read into Cyrillic as the aligner reads them,
  :func:`read_cyrillic`; lower case, tagged NOUN, VERB, ADJ or ADV by
  :func:`corpus.morphology.analyse_text`; capitalised words are left to name matching), the
  share the core lexicon gives a meaning, and the share the core or the registry lexicon does;
* **precision**: of those core hits in the gold 1-1 beads, the share whose English partner
  holds one of the meanings (by Snowball stem, as the aligner compares them). A new entry
  that covers more but is rendered otherwise by translators adds little; one whose meaning
  is in the partner less often than the lexicon's average deserves a second look.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from align.aligner.features import en_stem, tokens_for_learning
from align.aligner.lexicon import Lexicon, _registry_entries, core_lexicon, parse_lexicon
from align.aligner.propose import Aligner
from benchmarks.align_errors import disagreements
from benchmarks.bench_align_real import Pair, development_sets
from corpus.text.script import kk_cyrillic_lines, kk_line_cyrillic

CONTENT = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


@dataclass
class Coverage:
    """What one set (or one side of the --errors split) counts; :meth:`row` gives the shares."""

    words: int = 0  # Kazakh content words
    core: int = 0  # of them, with a core meaning
    either: int = 0  # with a core or a registry meaning
    in_pairs: int = 0  # core hits in gold 1-1 beads
    partner_has: int = 0  # of them, with a meaning in the English partner

    def add(self, other: Coverage) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, label: str) -> str:
        def share(a: int, b: int) -> str:
            return f"{a / b:.3f}" if b else "    -"

        hits = f"{self.in_pairs:,}" if self.in_pairs else "-"
        return (
            f"  {label:<12}{self.words:>7,}  {share(self.core, self.words):>5}  "
            f"{share(self.either, self.words):>13}  {hits:>10}  "
            f"{share(self.partner_has, self.in_pairs):>9}"
        )


def content_words(sentence: str) -> list[str]:
    """The lower-case Kazakh content words of ``sentence`` (see the module's docstring)."""
    from corpus.morphology import analyse_text

    return [
        token.text.lower()
        for token, reading in analyse_text(sentence)
        if token.text[:1].isalpha() and not token.text[0].isupper() and reading.upos in CONTENT
    ]


def _meanings(lexicon: Lexicon, word: str) -> tuple[str, ...]:
    """The core meanings of a word, or of its parts: the aligner splits words at hyphens."""
    found = lexicon.kk_meanings(word)
    if found or "-" not in word:
        return found
    return tuple(m for part in word.split("-") if part for m in lexicon.kk_meanings(part))


def _count_words(got: Coverage, lexicon: Lexicon, sentence: str) -> None:
    """Add ``sentence``'s content words to ``got``: each, and whether the core lexicon or
    only the registry knows it (the coverage, counted alike for every split)."""
    for word in content_words(sentence):
        got.words += 1
        if _meanings(lexicon, word):
            got.core += 1
            got.either += 1
        elif lexicon.kk_registry_meanings(word):
            got.either += 1


def read_cyrillic(pair: Pair) -> Pair:
    """``pair`` with its Kazakh side read into Cyrillic as the aligner reads it before it
    looks a word up (a Latin-script edition as a whole, then each line's look-alike letters
    and töte): a document printed in the Latin alphabet or in töte is counted as the aligner
    sees it, not as words that no Cyrillic lexicon could know."""
    kk = [kk_line_cyrillic(s) for s in kk_cyrillic_lines(pair.kk)]
    return Pair(pair.name, kk, pair.en, pair.gold)


def measure(lexicon: Lexicon, pairs: Iterable[Pair]) -> Coverage:
    """Coverage and precision of ``lexicon`` on ``pairs`` (see the module's docstring)."""
    got = Coverage()
    for pair in map(read_cyrillic, pairs):
        for sentence in pair.kk:
            _count_words(got, lexicon, sentence)
        for kk, en in pair.gold:
            if len(kk) != 1 or len(en) != 1:
                continue
            english = {en_stem(w) for w in tokens_for_learning(pair.en[en[0]])}
            for word in content_words(pair.kk[kk[0]]):
                meanings = _meanings(lexicon, word)
                if meanings:
                    got.in_pairs += 1
                    got.partner_has += any(m in english for m in meanings)
    return got


def wrong_kazakh(pair: Pair, got: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]) -> set[int]:
    """The Kazakh sentences of ``pair`` in a stretch where the beads ``got`` and the gold differ."""
    wrong: set[int] = set()
    for stretch in disagreements(pair, list(got)):
        for kk, _ in stretch.gold + stretch.got:
            wrong.update(kk)
    return wrong


def split_by_errors(lexicon: Lexicon, pairs: Iterable[Pair]) -> tuple[Coverage, Coverage]:
    """Coverage of the Kazakh sentences kopir (with the shipped lexicon) aligns wrong, and of
    the others (precision is not counted)."""
    aligner = Aligner()
    wrong, right = Coverage(), Coverage()
    for pair in pairs:
        bad = wrong_kazakh(pair, [(b.kk, b.en) for b in aligner.align(pair.kk, pair.en)])
        for i, sentence in enumerate(read_cyrillic(pair).kk):
            _count_words(wrong if i in bad else right, lexicon, sentence)
    return wrong, right


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, help="a core lexicon file to score instead")
    parser.add_argument("--errors", action="store_true", help="coverage where kopir errs")
    args = parser.parse_args(argv)
    if args.lexicon:
        entries = parse_lexicon(args.lexicon.read_text("utf-8"), str(args.lexicon))
        lexicon = Lexicon(entries, _registry_entries())
    else:
        lexicon = core_lexicon()
    print("Kazakh content words of the development sets the lexicon knows (counts only).")
    print(
        f"  {'set':<12}{'words':>7}  {'core':>5}  {'core+registry':>13}  "
        f"{'1-1 hits':>10}  {'precision':>9}"
    )
    pooled = Coverage()
    for label, pairs in development_sets().items():
        got = measure(lexicon, pairs)
        pooled.add(got)
        print(got.row(label))
    print(pooled.row("pooled"))
    if args.errors:
        print("The same, of the Kazakh sentences in the stretches kopir gets wrong and the rest.")
        wrong, right = Coverage(), Coverage()
        for pairs in development_sets().values():
            w, r = split_by_errors(lexicon, pairs)
            wrong.add(w)
            right.add(r)
        print(wrong.row("wrong"))
        print(right.row("right"))


if __name__ == "__main__":
    main()
