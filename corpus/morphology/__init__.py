"""Morphology: lemma, part of speech and features of Kazakh and English words.

    from corpus.morphology import analyse, analyse_text, lemma, tokenize
    analyse("сапарларының")[0]   # Reading(lemma='сапар', upos='NOUN', feats=(('Case', 'Gen'), …))
    lemma("бөлігі")              # 'бөлік'
    lemma("visits", "en")        # 'visit'
    tokenize("БҰҰ-ның бас хатшысы.")   # three words: БҰҰ-ның, бас, хатшысы
    analyse_text("Мен бардым.")  # [(Token, Reading)]: each word's reading in its sentence

Kazakh readings come from :class:`~corpus.morphology.kazakh.KazakhAnalyser`
with the lexicon learned from UD Kazakh-KTB (``data/kk-lexicon.tsv``); English
ones from LemmInflect (:mod:`corpus.morphology.english`). Unknown words get a
guess flagged ``known=False``; nothing raises. :data:`VERSION` changes
whenever an analysis may change (code, lexicon or LemmInflect), so whatever
stores analyses (the search index) knows to rebuild.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache

import lemminflect

from corpus.morphology.context import Options, TagModel
from corpus.morphology.english import analyse_english
from corpus.morphology.kazakh import KazakhAnalyser, Reading
from corpus.morphology.learn import MODEL, TAGS, read_model, read_tags
from corpus.morphology.tokens import Token, tokenize, word_pattern, word_splitter

#: Bump when the analyser's code changes what it returns.
CODE_VERSION = "3"
#: Between two words, what ends a sentence: the next word's capital says nothing about it
#: being a name (after a quotation mark or a colon it does, the treebank shows).
_BOUNDARY = re.compile(r"[.!?…]")
LANGUAGES = ("kk", "en")


@cache
def kazakh() -> KazakhAnalyser:
    """The analyser with the shipped lexicon (loaded once per process)."""
    return KazakhAnalyser(read_model(MODEL))


@cache
def tagger() -> TagModel:
    """The Kazakh tag-sequence model (loaded once per process)."""
    return TagModel(read_tags(TAGS))


@cache
def version() -> str:
    """What the analyses depend on: code, lexicon files and LemmInflect versions."""
    digest = hashlib.sha256(MODEL.read_bytes() + TAGS.read_bytes()).hexdigest()[:12]
    return f"{CODE_VERSION}-{digest}-lemminflect{lemminflect.__version__}"


@lru_cache(maxsize=200_000)
def _analyse_kk(token: str) -> tuple[Reading, ...]:
    return tuple(kazakh().analyse(token))


@lru_cache(maxsize=200_000)
def _options(token: str) -> Options:
    return tagger().prepare(_analyse_kk(token))


@lru_cache(maxsize=20_000)
def _options_initial(token: str) -> Options:
    return tagger().prepare(kazakh().analyse_initial(token))


def analyse(token: str, lang: str = "kk") -> list[Reading]:
    """Readings of one word, the likeliest first (never empty, never an error)."""
    if lang == "en":
        return list(analyse_english(token))
    return list(_analyse_kk(token))


def best(token: str, lang: str = "kk") -> Reading:
    """The likeliest reading of one word."""
    if lang == "en":
        return analyse_english(token)[0]
    return _analyse_kk(token)[0]


def lemma(token: str, lang: str = "kk") -> str:
    """The likeliest lemma of one word."""
    return best(token, lang).lemma


def analyse_text(text: str, lang: str = "kk") -> list[tuple[Token, Reading]]:
    """Every word of ``text`` with its likeliest reading in context.

    Kazakh words are read a sentence at a time by the tag-sequence model
    (:mod:`corpus.morphology.context`), a sentence's first word as one whose
    capital may be the sentence's; English words one by one.
    """
    toks = tokenize(text)
    return list(zip(toks, best_readings(text, lang), strict=True))


def best_readings(text: str, lang: str = "kk") -> list[Reading]:
    """The readings :func:`analyse_text` gives, without the tokens (what the index needs)."""
    if lang == "en":
        return [analyse_english(word)[0] for word in word_pattern(text).findall(text)]
    # [gap, word, gap, word, …, gap]: the words and what lies before each, in one C call.
    parts = word_splitter(text).split(text)
    out: list[Reading] = []
    sentence: list[Options] = []
    choose = tagger().choose
    for k in range(1, len(parts), 2):
        word = parts[k]
        if sentence:
            gap = parts[k - 1]
            if gap != " " and _BOUNDARY.search(gap):
                out += choose(sentence)
                sentence = [_options_initial(word) if word[:1].isupper() else _options(word)]
            else:
                sentence.append(_options(word))
        else:
            sentence.append(_options_initial(word) if word[:1].isupper() else _options(word))
    if sentence:
        out += choose(sentence)
    return out


__all__ = [
    "LANGUAGES",
    "Reading",
    "Token",
    "analyse",
    "analyse_text",
    "best",
    "best_readings",
    "kazakh",
    "lemma",
    "tokenize",
    "version",
]
