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
from itertools import count, pairwise
from typing import NamedTuple

from corpus.morphology.kazakh import Reading

START, END = "<s>", "</s>"
#: Add-k smoothing of transitions.
SMOOTH = 0.5
#: Weight of the observed transition against the tag's own frequency.
LAMBDA = 0.8
#: How strongly the tag prior is divided out of the reading weights (1 = Bayes exactly).
PRIOR_POWER = 1.0
#: Decoded runs of ambiguous words a model remembers before it starts afresh.
MEMO_SIZE = 200_000


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
    """One word's readings, their tagger states and emission scores, as one model prepared them."""

    #: The readings, or what stands for them one for one: :meth:`TagModel.choose` gives
    #: back these items (the search index puts its morph token of each reading here).
    readings: tuple[Reading, ...]
    states: tuple[str, ...]
    emits: tuple[float, ...]
    rows: tuple[int, ...]  # the states as rows of the model's transition table
    key: int  # this preparation's number: what the model remembers decoded runs by


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
        # The same transitions as a table indexed by state rows, for decoding: the last
        # row and column stand for any state the treebank never showed (the floor).
        self.rows = {tag: row for row, tag in enumerate(self.tags)}
        unseen = len(self.tags)
        self.table = [
            [self.log_trans[(p, t)] for t in self.tags] + [self._floor] for p in self.tags
        ] + [[self._floor] * (unseen + 1)]
        self._unseen = unseen
        self._start, self._end = self.rows.get(START, unseen), self.rows.get(END, unseen)
        self._numbers = count()
        # (state before, each word's key…, state after) → the readings chosen, by index.
        self._memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def prepare(self, readings: Sequence[Reading]) -> Options:
        """A word's readings with their states and emission scores (cache it per form).

        The options are this model's: give them to this model's :meth:`choose` only.
        """
        states = tuple(state(r.upos, r.features, r.lemma) for r in readings)
        emits = tuple(
            math.log(max(r.weight, 1e-6)) - PRIOR_POWER * self.log_prior.get(tag, -10.0)
            for r, tag in zip(readings, states, strict=True)
        )
        rows = tuple(self.rows.get(tag, self._unseen) for tag in states)
        return Options(tuple(readings), states, emits, rows, next(self._numbers))

    def choose(self, words: Sequence[Options]) -> list[Reading]:
        """The likeliest reading of each word of a sentence, given its neighbours.

        A word with one reading fixes its state, which cuts the chain in a
        first-order model: only the runs of words with a choice are decoded,
        each between the fixed states around it (the same answer as decoding
        the whole sentence, for less work). A run's answer depends only on
        its words' options and the two states around it, so it is remembered:
        text repeats its ambiguous words (мен, бір, бұл…) in the same places.
        """
        out = [w.readings[0] for w in words]
        # The words with a choice, in order; runs of consecutive ones are decoded together.
        ambiguous = [i for i, w in enumerate(words) if len(w.readings) > 1]
        n, m, k = len(words), len(ambiguous), 0
        memo = self._memo
        while k < m:
            i = ambiguous[k]
            j, k = i + 1, k + 1
            while k < m and ambiguous[k] == j:
                j, k = j + 1, k + 1
            run = words[i:j]
            left = words[i - 1].rows[0] if i else self._start
            right = words[j].rows[0] if j < n else self._end
            key = (left, right, *[w.key for w in run])
            chosen = memo.get(key)
            if chosen is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                chosen = memo[key] = self._decode(run, left, right)
            out[i:j] = [w.readings[c] for w, c in zip(run, chosen, strict=True)]
        return out

    def _decode(self, words: Sequence[Options], left: int, right: int) -> tuple[int, ...]:
        """Viterbi over ``words`` between a fixed state before and after them: each one's choice.

        Ties go to the earlier reading (the likelier one alone).
        """
        table = self.table
        if len(words) == 1:  # the usual case: one ambiguous word between two fixed ones
            word, before = words[0], table[left]
            best_k, best = 0, -math.inf
            for k, (row, emit) in enumerate(zip(word.rows, word.emits, strict=True)):
                score = before[row] + emit + table[row][right]
                if score > best:
                    best_k, best = k, score
            return (best_k,)
        before = table[left]
        scores = [
            before[row] + emit for row, emit in zip(words[0].rows, words[0].emits, strict=True)
        ]
        backs: list[list[int]] = []
        prev_rows = words[0].rows
        for word in words[1:]:
            row_scores, row_backs = [], []
            for row, emit in zip(word.rows, word.emits, strict=True):
                best_k, best = 0, -math.inf
                for k, prev in enumerate(prev_rows):
                    score = scores[k] + table[prev][row]
                    if score > best:
                        best_k, best = k, score
                row_scores.append(best + emit)
                row_backs.append(best_k)
            scores, prev_rows = row_scores, word.rows
            backs.append(row_backs)
        j = max(range(len(scores)), key=lambda k: scores[k] + table[prev_rows[k]][right])
        chosen = [j]
        for back in reversed(backs):
            j = back[j]
            chosen.append(j)
        return tuple(chosen[::-1])


def tag_bigrams(sentences: Iterable[Sequence[str]]) -> list[tuple[str, str, int]]:
    """(previous tag, tag, count) over sentences of tags, with start and end marks."""
    counts: Counter[tuple[str, str]] = Counter()
    for tags in sentences:
        seq = [START, *tags, END]
        counts.update(pairwise(seq))
    return [(p, t, n) for (p, t), n in sorted(counts.items())]
