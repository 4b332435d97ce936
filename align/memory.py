"""A translation memory: fuzzy matches for a sentence from the corpus's confirmed pairs.

When a translator types the missing side of a bead, the corpus already holds
pairs someone confirmed (and every imported TMX is such pairs): a CAT tool
would show the closest ones with a similarity percentage and the words that
differ. :class:`TranslationMemory` does that, fast enough to ask on every
opening of the edit box, on a memory of a million units.

How: similarity is RapidFuzz's ``fuzz.ratio`` (normalised Indel similarity,
0–100: twice the letters two texts share in order, over their lengths) of
the two texts after ``utils.default_process`` (lower case, punctuation out),
the kind of character similarity CAT tools show. Scoring every unit is a
scan, too slow at a million, so an inverted index shortlists the
:data:`SHORTLIST` units whose shared words would make them most similar
(:meth:`TranslationMemory._shortlist`), and only those are scored, with the
other units sharing a key when they are few enough. Its keys
are word beginnings and endings (:func:`stem_letters`): ``Тоқаевпен`` and
``Тоқаевтың`` share ``тоқае``. For a short text, whose best match may share
no key with it, every unit of a length that could still beat the matches
found is scored as well, when they are few. The index is flat numpy arrays
(CSR posting lists), so shortlisting is a few vector operations, not a loop
over units. ``benchmarks/bench_tm.py`` checks that nothing is lost: the
index's best match is the scan's on sampled queries.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Indel

from corpus.errors import KopirError
from corpus.storage.store import Corpus

#: Letters of a word kept as its stem in the index (Kazakh suffixes vary the rest).
STEM = 5
#: Units scored exactly per lookup: those whose shared words promise the most.
SHORTLIST = 1000
#: The other units sharing a key with the text, of a length that could still beat the
#: matches the shortlist found, are scored too when there are at most this many.
CANDIDATE_SCAN = 20_000
#: At most this many units are scored to make a short text's answer exact...
LENGTH_WINDOW = 20_000
#: ...unless the best match the index found is this weak (percent): then no unit
#: shares much with the text, the index has nothing to go on, and every unit of a
#: length that could do better is scored, however many (rare, and slower).
WEAK = 65.0
#: Below this similarity (percent) a unit is not worth showing.
MIN_SIMILARITY = 50.0
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Suggestion:
    """One fuzzy match: the memory's source and target, how similar, where they differ.

    ``similarity`` is a percentage (100: the same text once case and
    punctuation are set aside). ``differences`` are the character spans of
    ``source`` whose words are not in the text looked up, and ``missing``
    the words of the text looked up that ``source`` lacks: together, what the
    translator must change in ``target``.
    """

    source: str
    target: str
    similarity: float
    origin: str
    differences: tuple[tuple[int, int], ...]
    missing: tuple[str, ...] = ()
    #: Numbers of ``target`` changed to the text's (old, new), when only numbers differ:
    #: ``target`` is then the memory's translation with them changed (see :func:`adapted`).
    numbers: tuple[tuple[str, str], ...] = ()


class TranslationMemory:
    """Pairs (source, target, origin) indexed for fuzzy lookup of a source text.

    ``origin`` says where a pair comes from (a document id), for the
    translator to judge it. Build once (a million pairs take seconds), then
    :meth:`lookup` as often as needed; the memory never changes after it is
    built (a new one is built when the corpus changed).
    """

    def __init__(self, pairs: Iterable[tuple[str, str, str]]) -> None:
        sources: list[str] = []
        targets: list[str] = []
        origins: list[str] = []
        vocabulary: dict[str, int] = {}
        # Compact arrays, not lists: a million units post some thirty million keys.
        postings_unit = array("i")
        postings_stem = array("i")
        postings_chars = array("B")  # letters of the unit's words with that stem (≤ 255)
        # Duplicates by hash: a set of a million text pairs would double the memory,
        # and two different pairs sharing a 64-bit hash are not to be expected.
        seen: set[int] = set()
        for source, target, origin in pairs:
            key = hash((source, target))
            if not (source.strip() and target.strip()) or key in seen:
                continue
            seen.add(key)
            unit = len(sources)
            sources.append(source)
            targets.append(target)
            origins.append(origin)
            for stem, chars in stem_letters(source).items():  # "stem": a key
                postings_stem.append(vocabulary.setdefault(stem, len(vocabulary)))
                postings_unit.append(unit)
                postings_chars.append(min(chars, 255))
        self.sources, self.targets, self.origins = sources, targets, origins
        # Lengths as the scorer sees them, sorted: the similarity of texts of lengths
        # a and b is at most 200·min(a, b)/(a + b), which bounds where a better match can be.
        # The processed texts are kept in that order, so that the units of a length
        # window are a slice, scored with no processing and no gathering per lookup.
        processed = [utils.default_process(s) for s in sources]
        lengths = np.fromiter((len(p) for p in processed), np.int32, len(processed))
        self._by_length = np.argsort(lengths, kind="stable").astype(np.int32)
        self._rank = np.empty_like(self._by_length)  # a unit's place in length order
        self._rank[self._by_length] = np.arange(len(self._by_length), dtype=np.int32)
        self._sorted_lengths = lengths[self._by_length]
        self._lengths = lengths
        self._processed_by_length = [processed[i] for i in self._by_length]
        del processed
        self._vocabulary = vocabulary
        stem_ids = np.frombuffer(postings_stem, dtype=np.int32)
        order = np.argsort(stem_ids, kind="stable")
        self._units = np.frombuffer(postings_unit, dtype=np.int32)[order]
        self._chars = np.frombuffer(postings_chars, dtype=np.uint8)[order]
        counts = np.bincount(stem_ids, minlength=len(vocabulary))
        self._offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)

    def __len__(self) -> int:
        return len(self.sources)

    def lookup(
        self, text: str, limit: int = 3, min_similarity: float = MIN_SIMILARITY
    ) -> list[Suggestion]:
        """The ``limit`` units whose source is most like ``text``, best first.

        The stem shortlist is scored first. Then, when few units have a length
        at which they could still beat the ``limit``-th match found (a short
        text, whose best match may share no whole stem with it), those are
        scored too, which makes the answer exact there.
        """
        candidates, shortlist = self._shortlist(text)
        best = self._score(text, shortlist, limit, min_similarity)
        bar = best[-1][0] if len(best) == limit else min_similarity
        more = self._scan_candidates(text, candidates, shortlist, bar, limit)
        more += self._scan_lengths(text, bar, limit)
        if more:
            merged = {unit: (score, unit) for score, unit in best + more}
            best = sorted(merged.values(), key=lambda x: (-x[0], x[1]))[:limit]
        return [self._suggestion(text, unit, score) for score, unit in best]

    def _score(
        self, text: str, units: np.ndarray, limit: int, cutoff: float
    ) -> list[tuple[float, int]]:
        """The best ``limit`` of ``units`` by similarity to ``text``, as (score, unit)."""
        if not len(units):
            return []
        found = process.extract(
            text,
            [self.sources[i] for i in units],
            scorer=fuzz.ratio,
            processor=utils.default_process,
            limit=limit,
            score_cutoff=cutoff,
        )
        return [(score, int(units[n])) for _, score, n in found]

    def _scan_candidates(
        self, text: str, candidates: np.ndarray, shortlist: np.ndarray, bar: float, limit: int
    ) -> list[tuple[float, int]]:
        """The units sharing a key with ``text`` that the shortlist left out and whose
        length could still reach ``bar``, scored, when there are at most
        :data:`CANDIDATE_SCAN` of them; else nothing.

        The shortlist ranks units by the letters of the words they share, which
        misses a short text's best match when it shares one word and many
        letters in other words (``Менiң айтқанын - дүкенге`` and ``Менiң атым -
        дүниеге``, 77 %) while many units share two of its words and less else.
        """
        if len(candidates) <= len(shortlist):
            return []
        query = utils.default_process(text)
        n = len(query)
        bar = max(bar, 1.0)
        rest = np.setdiff1d(candidates, shortlist, assume_unique=True)
        lengths = self._lengths[rest]
        rest = rest[(lengths >= n * bar / (200 - bar)) & (lengths <= n * (200 - bar) / bar)]
        if not len(rest) or len(rest) > CANDIDATE_SCAN:
            return []
        found = process.extract(
            query,
            [self._processed_by_length[i] for i in self._rank[rest]],
            scorer=fuzz.ratio,
            processor=None,
            limit=limit,
            score_cutoff=bar,
        )
        return [(score, int(rest[n])) for _, score, n in found]

    def _scan_lengths(self, text: str, bar: float, limit: int) -> list[tuple[float, int]]:
        """Every unit of a length that could reach similarity ``bar`` with ``text``, scored,
        when there are at most :data:`LENGTH_WINDOW` of them or ``bar`` is below
        :data:`WEAK`; else nothing."""
        query = utils.default_process(text)
        n = len(query)
        bar = max(bar, 1.0)
        low = int(np.searchsorted(self._sorted_lengths, n * bar / (200 - bar), "left"))
        high = int(np.searchsorted(self._sorted_lengths, n * (200 - bar) / bar, "right"))
        if high <= low or (high - low > LENGTH_WINDOW and bar >= WEAK):
            return []
        found = process.extract(
            query,
            self._processed_by_length[low:high],
            scorer=fuzz.ratio,
            processor=None,
            limit=limit,
            score_cutoff=bar,
        )
        return [(score, int(self._by_length[low + n])) for _, score, n in found]

    def brute_force(
        self, text: str, limit: int = 3, min_similarity: float = MIN_SIMILARITY
    ) -> list[Suggestion]:
        """The same answer by scoring every unit (already processed): what the index must
        agree with, and the fastest scan RapidFuzz offers, to measure it against."""
        found = process.extract(
            utils.default_process(text),
            self._processed_by_length,
            scorer=fuzz.ratio,
            processor=None,
            limit=limit,
            score_cutoff=min_similarity,
        )
        return [self._suggestion(text, int(self._by_length[n]), score) for _, score, n in found]

    def _shortlist(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The units sharing a key with ``text``, and of them the :data:`SHORTLIST` whose
        shared words would make them most similar to it.

        The similarity is twice the characters two texts have in common (in
        order) over their lengths together; shared words are most of what two
        sentences have in common, so the estimate counts, for each stem both
        have, the letters of the shorter of their words with it, over the two
        lengths. Long shared words count for more, as they do in the score.
        """
        asked = stem_letters(text)
        known = [(self._vocabulary[s], n) for s, n in asked.items() if s in self._vocabulary]
        if not known:
            nothing = np.empty(0, dtype=np.int32)
            return nothing, nothing
        units, letters = [], []
        for stem, n in known:
            start, end = self._offsets[stem], self._offsets[stem + 1]
            units.append(self._units[start:end])
            letters.append(np.minimum(self._chars[start:end], n))
        posted = np.concatenate(units)
        if len(posted) <= SHORTLIST:
            candidates = np.unique(posted)
            return candidates, candidates
        shared = np.bincount(posted, weights=np.concatenate(letters), minlength=len(self.sources))
        candidates = np.flatnonzero(shared)
        if len(candidates) <= SHORTLIST:
            return candidates, candidates
        length = len(utils.default_process(text))
        estimate = shared[candidates] / (length + self._lengths[candidates])
        return candidates, candidates[np.argpartition(estimate, -SHORTLIST)[-SHORTLIST:]]

    def _suggestion(self, text: str, unit: int, score: float) -> Suggestion:
        source = self.sources[unit]
        spans, missing = differences(text, source)
        target, numbers = adapted(text, source, self.targets[unit])
        return Suggestion(
            source, target, round(score, 1), self.origins[unit], spans, missing, numbers
        )


def stem_letters(text: str) -> dict[str, int]:
    """The index keys of ``text``, each with the letters of its words that it stands for.

    A word of up to :data:`STEM` letters is one key, itself. A longer word is
    two, its first and its last :data:`STEM` letters, half its letters each:
    the first finds the same word with another ending (``Тоқаевпен``,
    ``Тоқаевтың``), the last a word sharing a long ending (``идеологиялық``,
    ``эпидемиологиялық``), which the similarity of their letters counts too.
    """
    found: dict[str, int] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) <= STEM:
            found[word] = found.get(word, 0) + len(word)
            continue
        half = len(word) // 2
        head, tail = word[:STEM], "~" + word[-STEM:]
        found[head] = found.get(head, 0) + len(word) - half
        found[tail] = found.get(tail, 0) + half
    return found


def stems(text: str) -> list[str]:
    """The index keys of a text: each word's first :data:`STEM` letters, lower case."""
    return [w[:STEM] for w in _WORD.findall(text.lower())]


def differences(query: str, source: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """Where ``source`` differs from ``query``: spans of its words ``query`` does not
    have there, and the words of ``query`` it lacks.

    Words are compared in lower case, in order (a word moved elsewhere
    differs), as a CAT tool marks what to change in a fuzzy match.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(source)]
    mine = [source[a:b].lower() for a, b in words]
    asked = _WORD.findall(query)
    spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for op in Indel.opcodes([w.lower() for w in asked], mine):
        if op.tag == "equal":
            continue
        if op.dest_end > op.dest_start:
            spans.append((words[op.dest_start][0], words[op.dest_end - 1][1]))
        missing.extend(asked[op.src_start : op.src_end])
    return tuple(spans), tuple(missing)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def adapted(text: str, source: str, target: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``target`` with its numbers changed to ``text``'s where ``source`` differs from
    ``text`` only in numbers, and the changes (old, new); else ``target`` and ().

    As CAT tools repair a match that differs only in numbers (a date, an amount): the
    numbers of ``source`` and ``text`` are paired in order, and each changed number of
    ``source`` must be in ``target`` as a number of its own (not within a longer one),
    every one of its occurrences changed. A number paired with two different ones, or
    one the target does not hold (written out in words, say), leaves the target as it is.
    """
    mine, theirs = _NUMBER.findall(text), _NUMBER.findall(source)
    if mine == theirs or len(mine) != len(theirs):
        return target, ()
    if _NUMBER.sub("0", text).lower().split() != _NUMBER.sub("0", source).lower().split():
        return target, ()
    changes: dict[str, str] = {}
    for old, new in zip(theirs, mine, strict=True):
        if changes.setdefault(old, new) != new:
            return target, ()
    changes = {old: new for old, new in changes.items() if old != new}
    if not changes.keys() <= set(_NUMBER.findall(target)):
        return target, ()
    result = _NUMBER.sub(lambda m: changes.get(m.group(), m.group()), target)
    return result, tuple(changes.items())


def corpus_memory(corpus: Corpus, source: str = "kk", skip: str | None = None) -> TranslationMemory:
    """The memory of a corpus: every confirmed bead with two sides, ``source`` side first.

    Imported TMX files are corpus documents of confirmed beads, so they are
    in it. A document that cannot be read is left out (the documents screen
    names it): suggestions are a help, not a reason to stop.
    """
    from align.document import document_pairs  # loads the aligner: only when asked

    def pairs() -> Iterable[tuple[str, str, str]]:
        for doc_id in corpus.ids():
            if doc_id == skip:
                continue
            try:
                doc = corpus.load(doc_id)
            except KopirError:
                continue
            for kk, en in document_pairs(doc):
                yield (kk, en, doc_id) if source == "kk" else (en, kk, doc_id)

    return TranslationMemory(pairs())
