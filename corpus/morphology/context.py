"""Choosing among a word's readings by its neighbours' parts of speech.

A word alone is often ambiguous in part of speech (``мен`` is "I" or "and",
``бұл`` a determiner or a pronoun, ``тапты`` a past verb or an accusative
noun); the tag before it usually settles it. This is a first-order hidden
Markov model decoded with Viterbi: transitions P(tag | previous tag) counted
from the treebank's tag sequences (only tag pairs are kept, not words), and
for emissions the analyser's own reading weights, P(tag | form), divided by
P(tag) as Bayes' rule asks.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from corpus.morphology.kazakh import Reading

START, END = "<s>", "</s>"
#: Add-k smoothing of transitions.
SMOOTH = 0.5
#: Weight of the observed transition against the tag's own frequency.
LAMBDA = 0.8
#: How strongly the tag prior is divided out of the reading weights (1 = Bayes exactly).
PRIOR_POWER = 1.0


#: Function words whose neighbours differ by the word itself, not just its class.
LEXICAL = frozenset("мен да де бір бұл ол не бол е сол осы".split())


def state(upos: str, feats: dict[str, str] | None = None, lemma: str = "") -> str:
    """The HMM's state for a reading: the part of speech, a verb's form, some words.

    A converb (``айтып``) is what an auxiliary follows (``айтып берді``):
    keeping ``VerbForm`` in the state tells ``берді`` the auxiliary from the
    verb; and a few frequent ambiguous words (``мен`` "I"/"with", ``бір``
    "one"/"a") are states of their own.
    """
    low = lemma.lower()
    if low in LEXICAL:
        upos = f"{upos}={low}"
    form = (feats or {}).get("VerbForm")
    return f"{upos}:{form}" if form and upos.startswith(("VERB", "AUX")) else upos


class Options(NamedTuple):
    """One word's readings, their tagger states and emission scores."""

    readings: tuple[Reading, ...]
    states: tuple[str, ...]
    emits: tuple[float, ...]


class TagModel:
    """Tag-bigram counts and the Viterbi choice of one reading per word."""

    def __init__(self, bigrams: Iterable[tuple[str, str, int]]) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        for prev, tag, n in bigrams:
            self.counts[(prev, tag)] += n
        self.tags = sorted({t for _, t in self.counts} | {p for p, _ in self.counts})
        out: Counter[str] = Counter()
        unigram: Counter[str] = Counter()
        for (prev, tag), n in self.counts.items():
            out[prev] += n
            if tag != END:
                unigram[tag] += n
        size = len(self.tags) or 1
        total = sum(unigram.values()) or 1
        self.log_prior = {t: math.log((unigram[t] + 1) / (total + size)) for t in self.tags}
        # Transitions interpolated with the tag's own frequency: a pair the treebank
        # never showed is unlikely, not impossible.
        self.log_trans = {
            (p, t): math.log(
                LAMBDA * self.counts[(p, t)] / (out[p] or 1)
                + (1 - LAMBDA) * (unigram[t] + 1) / (total + size)
            )
            for p in self.tags
            for t in self.tags
        }
        self._floor = math.log(SMOOTH / (SMOOTH * size + 1))

    def prepare(self, readings: Sequence[Reading]) -> Options:
        """A word's readings with their states and emission scores (cache it per form)."""
        states = tuple(state(r.upos, r.features, r.lemma) for r in readings)
        emits = tuple(
            math.log(max(r.weight, 1e-6)) - PRIOR_POWER * self.log_prior.get(tag, -10.0)
            for r, tag in zip(readings, states, strict=True)
        )
        return Options(tuple(readings), states, emits)

    def choose(self, words: Sequence[Options]) -> list[Reading]:
        """The likeliest reading of each word of a sentence, given its neighbours.

        A word with one reading fixes its state, which cuts the chain in a
        first-order model: only the runs of words with a choice are decoded,
        each between the fixed states around it (the same answer as decoding
        the whole sentence, for less work).
        """
        out = [w.readings[0] for w in words]
        n, i = len(words), 0
        while i < n:
            if len(words[i].readings) == 1:
                i += 1
                continue
            j = i + 1
            while j < n and len(words[j].readings) > 1:
                j += 1
            left = words[i - 1].states[0] if i else START
            right = words[j].states[0] if j < n else END
            out[i:j] = self._decode(words[i:j], left, right)
            i = j
        return out

    def _decode(self, words: Sequence[Options], left: str, right: str) -> list[Reading]:
        """Viterbi over ``words`` between a fixed state before and after them."""
        trans, floor = self.log_trans, self._floor
        if len(words) == 1:  # the usual case: one ambiguous word between two fixed ones
            word = words[0]
            scores = [
                trans.get((left, tag), floor) + emit + trans.get((tag, right), floor)
                for tag, emit in zip(word.states, word.emits, strict=True)
            ]
            return [word.readings[scores.index(max(scores))]]
        scores = [
            trans.get((left, tag), floor) + emit
            for tag, emit in zip(words[0].states, words[0].emits, strict=True)
        ]
        backs: list[list[int]] = []
        prev_states = words[0].states
        for word in words[1:]:
            row_scores, row_backs = [], []
            for tag, emit in zip(word.states, word.emits, strict=True):
                best_k, best = 0, -math.inf
                for k, prev in enumerate(prev_states):
                    score = scores[k] + trans.get((prev, tag), floor)
                    if score > best:
                        best_k, best = k, score
                row_scores.append(best + emit)
                row_backs.append(best_k)
            scores, prev_states = row_scores, word.states
            backs.append(row_backs)
        j = max(
            range(len(scores)), key=lambda k: scores[k] + trans.get((prev_states[k], right), floor)
        )
        chosen = [words[-1].readings[j]]
        for i in range(len(words) - 1, 0, -1):
            j = backs[i - 1][j]
            chosen.append(words[i - 1].readings[j])
        return chosen[::-1]


def tag_bigrams(sentences: Iterable[Sequence[str]]) -> list[tuple[str, str, int]]:
    """(previous tag, tag, count) over sentences of tags, with start and end marks."""
    counts: Counter[tuple[str, str]] = Counter()
    for tags in sentences:
        seq = [START, *tags, END]
        counts.update(pairwise(seq))
    return [(p, t, n) for (p, t), n in sorted(counts.items())]
