"""Finding a glossary's terms in a text, inflected as Kazakh and English inflect them.

**Kazakh** adds case, possessive and plural endings to a word and changes its last
consonant before them (бөлік → бөлігі), so a term is found through kopir's own analyser
(:mod:`corpus.morphology`, the lemmas the search index uses): a text word matches a
term's word when their forms (case aside) or lemmas are the same, the text word's lemma
being any of its readings the lexicon knows, or its likeliest reading. In a term of
several words only the last inflects (Қазақстан Республикасы → Қазақстан
Республикасының; Білім және ғылым министрлігі → … министрлігіне), so the words before
it must be the same but for case.

**English** is matched case-insensitively, word for word, a plural or possessive ending
aside (Ministry → ministries, ministry's; Parliament → parliaments).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from corpus.glossary.model import Glossary, Term
from corpus.morphology import analyse, tokenize

#: Characters of a word compared before its lemma is looked up: a lemma and its
#: inflected forms share their first letters (бөлік, бөлігі), so a text word that does
#: not start as some term's last word does is not analysed at all.
_PREFIX = 3


@dataclass(frozen=True)
class TermHit:
    """A term found at ``text[start:end]``."""

    term: Term
    start: int
    end: int


@lru_cache(maxsize=100_000)
def kazakh_keys(word: str) -> frozenset[str]:
    """What a Kazakh word may be the inflected form of: itself and its lemmas, case folded."""
    readings = analyse(word)
    lemmas = {r.lemma.casefold() for r in readings if r.known}
    return frozenset({word.casefold(), readings[0].lemma.casefold(), *lemmas})


def _term_keys(word: str) -> frozenset[str]:
    """A term's last word: itself and its likeliest lemma (a term is written in its
    dictionary form, or as a name with its possessive: Республикасы)."""
    return frozenset({word.casefold(), analyse(word)[0].lemma.casefold()})


def english_key(word: str) -> str:
    """An English word as compared: lower case, without a plural or possessive ending."""
    low = word.casefold().replace("’", "'")
    for ending in ("'s", "s'"):
        if low.endswith(ending):
            low = low[:-2] if ending == "'s" else low[:-1]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("ses", "xes", "zes", "ches", "shes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def english_words(text: str) -> tuple[str, ...]:
    return tuple(english_key(t.text) for t in tokenize(text))


class TermMatcher:
    """A glossary ready for finding its terms in many texts (build one per glossary)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        # each term as (case-folded words before the last, keys of the last word)
        self._terms: list[tuple[Term, tuple[str, ...], frozenset[str]]] = []
        self._renderings: dict[str, tuple[tuple[str, ...], ...]] = {}
        for term in glossary.terms:
            words = [t.text for t in tokenize(term.kk)]
            if not words:
                continue
            head = tuple(w.casefold() for w in words[:-1])
            self._terms.append((term, head, _term_keys(words[-1])))
            self._renderings[term.key] = tuple(
                words for en in term.en if (words := english_words(en))
            )
        self._by_key: dict[str, list[int]] = {}
        for i, (_, _, keys) in enumerate(self._terms):
            for key in keys:
                self._by_key.setdefault(key, []).append(i)
        self._prefixes = {key[:_PREFIX] for key in self._by_key}

    def __bool__(self) -> bool:
        return bool(self._terms)

    def find(self, kk: str) -> list[TermHit]:
        """The terms in the Kazakh ``kk``, in text order (a term once per place it is in)."""
        if not self._terms:
            return []
        tokens = tokenize(kk)
        folded = [t.text.casefold() for t in tokens]
        hits: list[TermHit] = []
        for i, token in enumerate(tokens):
            word = folded[i]
            if not any(word[:n] in self._prefixes for n in range(1, _PREFIX + 1)):
                continue
            found = {n for key in kazakh_keys(token.text) for n in self._by_key.get(key, ())}
            for n in sorted(found):
                term, head, _ = self._terms[n]
                first = i - len(head)
                if first >= 0 and tuple(folded[first:i]) == head:
                    hits.append(TermHit(term, tokens[first].start, token.end))
        return sorted(hits, key=lambda h: (h.start, -h.end))

    def terms_in(self, kk: str) -> list[Term]:
        """The terms in ``kk``, each once, in the order they first appear."""
        return list(dict.fromkeys(hit.term for hit in self.find(kk)))

    def rendered(self, term: Term, en: str | tuple[str, ...]) -> bool:
        """Whether one of ``term``'s renderings is in the English ``en`` (a text, or its
        :func:`english_words`)."""
        words = english_words(en) if isinstance(en, str) else en
        for wanted in self._renderings.get(term.key, ()):
            size = len(wanted)
            if any(words[i : i + size] == wanted for i in range(len(words) - size + 1)):
                return True
        return False
