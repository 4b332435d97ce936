"""Morphology: lemma, part of speech and features of Kazakh and English words.

    from corpus.morphology import analyse, lemma, tokenize
    analyse("сапарларының")[0]   # Reading(lemma='сапар', upos='NOUN', feats=(('Case', 'Gen'), …))
    lemma("бөлігі")              # 'бөлік'
    lemma("visits", "en")        # 'visit'
    tokenize("БҰҰ-ның бас хатшысы.")   # three words: БҰҰ-ның, бас, хатшысы

Kazakh readings come from :class:`~corpus.morphology.kazakh.KazakhAnalyser`
with the lexicon learned from UD Kazakh-KTB (``data/kk-lexicon.tsv``); English
ones from LemmInflect (:mod:`corpus.morphology.english`). Unknown words get a
guess flagged ``known=False``; nothing raises. :data:`VERSION` changes
whenever an analysis may change (code, lexicon or LemmInflect), so whatever
stores analyses (the search index) knows to rebuild.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache

import lemminflect

from corpus.morphology.english import analyse_english
from corpus.morphology.kazakh import KazakhAnalyser, Reading
from corpus.morphology.learn import MODEL, read_model
from corpus.morphology.tokens import Token, tokenize

#: Bump when the analyser's code changes what it returns.
CODE_VERSION = "1"
LANGUAGES = ("kk", "en")


@cache
def kazakh() -> KazakhAnalyser:
    """The analyser with the shipped lexicon (loaded once per process)."""
    return KazakhAnalyser(read_model(MODEL))


@cache
def version() -> str:
    """What the analyses depend on: code, lexicon file and LemmInflect versions."""
    digest = hashlib.sha256(MODEL.read_bytes()).hexdigest()[:12]
    return f"{CODE_VERSION}-{digest}-lemminflect{lemminflect.__version__}"


@lru_cache(maxsize=200_000)
def _analyse_kk(token: str) -> tuple[Reading, ...]:
    return tuple(kazakh().analyse(token))


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


__all__ = [
    "LANGUAGES",
    "Reading",
    "Token",
    "analyse",
    "best",
    "kazakh",
    "lemma",
    "tokenize",
    "version",
]
