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
guess flagged ``known=False``; nothing raises. :func:`version` changes
whenever an analysis may change (code, lexicon or LemmInflect), so whatever
stores analyses (the search index) knows to rebuild.

A process that reads a whole corpus (an index worker) may :func:`remember`
its word types' analyses in a store shared with other processes (the index's
table of analyses, :mod:`corpus.search.morphtable`): each type is then
analysed once per corpus, not once per process, and a process that finds
every word there never loads the analysers.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import threading
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any, Protocol

from corpus.morphology.context import Options, TagModel
from corpus.morphology.english import analyse_english
from corpus.morphology.kazakh import KazakhAnalyser, Reading, agent_noun
from corpus.morphology.learn import MODEL, TAGS, read_model, read_tags
from corpus.morphology.tokens import Token, tokenize, word_pattern

#: Bump when the analyser's code changes what it returns.
CODE_VERSION = "4"
#: Between two words, what ends a sentence: the next word's capital says nothing about it
#: being a name (after a quotation mark or a colon it does, the treebank shows). None of
#: these is part of a word, so the text can be cut at each.
_BOUNDARY = re.compile(r"[.!?…]")
LANGUAGES = ("kk", "en")
#: What a word type's readings are, in a store of analyses: a Kazakh word, a Kazakh
#: word at a sentence's start (whose capital may be the sentence's), an English word.
KINDS = ("kk", "kk-initial", "en")


class AnalysisStore(Protocol):
    """Analyses made before, by this process or another (see :func:`remember`)."""

    def find(self, kind: str, form: str) -> tuple[Reading, ...] | None:
        """The readings stored for ``form``, or None if it was never analysed."""

    def made(self, kind: str, form: str, readings: tuple[Reading, ...]) -> None:
        """``form`` was not stored and has just been analysed into ``readings``."""


#: The store of the thread that called :func:`remember` (an app's searches in other threads
#: neither read nor fill it).
_local = threading.local()


def remember(store: AnalysisStore | None) -> None:
    """Look word types up in ``store`` before analysing them, and tell it the new ones.

    For the calling thread; None stops. The answers do not change: a store holds what
    the analyser of this :func:`version` gave (whoever fills one keys it by the version).
    """
    _local.store = store


def _through_store(
    kind: str, form: str, analyse: Callable[[str], Sequence[Reading]]
) -> tuple[Reading, ...]:
    """``analyse(form)``, looked up in this thread's store first and told to it when new.

    A word in the Kazakh lexicon is quicker read again than looked up, so it skips the store.
    """
    store = getattr(_local, "store", None)
    if store is None or (kind != "en" and kazakh().knows(form)):
        return tuple(analyse(form))
    found = store.find(kind, form)
    if found is None:
        found = tuple(analyse(form))
        store.made(kind, form, found)
    return found


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
    # The installed distribution's version: importing LemmInflect to ask costs 0.7 s.
    return f"{CODE_VERSION}-{digest}-lemminflect{importlib.metadata.version('lemminflect')}"


def _kk(token: str) -> list[Reading]:
    return kazakh().analyse(token)


def _kk_initial(token: str) -> list[Reading]:
    return kazakh().analyse_initial(token)


@lru_cache(maxsize=200_000)
def _analyse_kk(token: str) -> tuple[Reading, ...]:
    return _through_store("kk", token, _kk)


@lru_cache(maxsize=200_000)
def _analyse_en(token: str) -> tuple[Reading, ...]:
    return _through_store("en", token, analyse_english)


@lru_cache(maxsize=200_000)
def options(token: str) -> Options:
    """A Kazakh word's readings prepared for choosing in context (cached)."""
    return tagger().prepare(_analyse_kk(token))


@lru_cache(maxsize=20_000)
def options_initial(token: str) -> Options:
    """:func:`options` of a capitalised word that starts a sentence (cached)."""
    return tagger().prepare(_through_store("kk-initial", token, _kk_initial))


def analyse(token: str, lang: str = "kk") -> list[Reading]:
    """Readings of one word, the likeliest first (never empty, never an error)."""
    if lang == "en":
        return list(_analyse_en(token))
    return list(_analyse_kk(token))


def best(token: str, lang: str = "kk") -> Reading:
    """The likeliest reading of one word."""
    if lang == "en":
        return _analyse_en(token)[0]
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
    """The readings :func:`analyse_text` gives, without the tokens."""
    if lang == "en":
        return [_analyse_en(word)[0] for word in word_pattern(text).findall(text)]
    return choose_in_sentences(text, options, options_initial)


def choose_in_sentences(
    text: str, options: Callable[[str], Options], initial: Callable[[str], Options]
) -> list[Any]:
    """Each Kazakh word's chosen item in its sentence: what its ``Options.readings`` hold.

    ``options(word)`` prepares a word, ``initial(word)`` a capitalised first
    word of a sentence (cache both: words repeat). Their ``readings`` may be
    anything that stands for the readings one for one: the index gives its
    morph tokens (:mod:`corpus.search.morphtext`) and gets those back.
    """
    pattern = word_pattern(text)
    choose = tagger().choose
    out: list[Any] = []
    # A sentence mark is never part of a word, so cutting there cuts no word.
    for sentence in _BOUNDARY.split(text) if _BOUNDARY.search(text) else (text,):
        words = pattern.findall(sentence)
        if words:
            first = words[0]
            prepared = [initial(first) if first[:1].isupper() else options(first)]
            prepared += map(options, words[1:])
            out += choose(prepared)
    return out


__all__ = [
    "KINDS",
    "LANGUAGES",
    "AnalysisStore",
    "Options",
    "Reading",
    "Token",
    "agent_noun",
    "analyse",
    "analyse_text",
    "best",
    "best_readings",
    "choose_in_sentences",
    "kazakh",
    "lemma",
    "options",
    "options_initial",
    "remember",
    "tokenize",
    "version",
]
