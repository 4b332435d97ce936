"""Lemmas and parts of speech as the search index stores them, and as queries ask for them.

Each side of a unit has, beside its text, a *morph text*: one token per word
of the text, in order, ``lemma`` + U+E001 + ``pos`` in lower case
(``сапарларының`` → ``сапар\\ue001noun``). FTS5's ``unicode61`` counts
private-use characters as word characters, so each such string is one index
token at the same position as its word: ``lemma:сапар`` is the prefix query
``"сапар\\ue001"*`` (every part of speech), ``lemma:сапар/NOUN`` the exact
token, and a phrase of lemmas is an FTS5 phrase. Characters of a lemma that
cannot be in a token (a lemma never has them from kopir's tokenizer, but
``т.б.`` is in the treebank) become U+E000.

The readings come from :func:`corpus.morphology.analyse_text`, the same
function whether indexing or locating a match, so the index and the spans
shown agree; the index records :func:`corpus.morphology.version` and is
rebuilt when it changes.

A Kazakh side also has an *also text*: for each word that has a second lemma
(an agent participle read as a verb is also its agent noun,
:func:`corpus.morphology.agent_noun`), that lemma's token, one after another
(an empty string for most units). ``lemma:X`` looks in both (FTS5's
``{kk_m kk_a}``); its word counts add up, since a word's second lemma is never
its first. The also text keeps no positions, so a phrase of lemmas finds a
second lemma through a looser query checked against the text
(:class:`~corpus.search.querylang.LemmaTerm`).

A Kazakh side has a *feature text* too: the UD features (``Case=Abl``,
``Number=Plur``) of the same readings the morph text keeps the lemmas of, each
``name`` + U+E001 + ``value`` in lower case (``case\\ue001abl``), every distinct one
of the side once. It keeps no positions: FTS5 finds the units that hold a feature
anywhere, and :class:`~corpus.search.querylang.FeatTerm` checks each word's
reading (:func:`readings`, the same choice) for a feature on the word it asks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.morphology import (
    Options,
    Reading,
    Token,
    agent_noun,
    analyse_text,
    best,
    choose_in_sentences,
    options,
    options_initial,
)
from corpus.morphology.kazakh import AGENT_ENDINGS
from corpus.morphology.tokens import word_pattern

#: Between a lemma and its part of speech in a morph token.
SEP = "\ue001"
#: Stands for a character of a lemma that cannot be part of an index token.
OTHER = "\ue000"
_NOT_TOKEN = re.compile(r"[^\w\-\u2010\u2011\ue000-\uf8ff]|_")
UPOS = frozenset(
    "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split()
)


def encode_lemma(lemma: str) -> str:
    """A lemma as it is stored: lower case, one index token."""
    return _NOT_TOKEN.sub(OTHER, lemma.lower())


def morph_text(text: str, lang: str) -> str:
    """The morph text of one side of a unit (see the module notes)."""
    return morph_columns(text, lang)[0]


def morph_columns(text: str, lang: str) -> tuple[str, str]:
    """The morph text and the feature text of one side of a unit (see the module notes),
    both from one choice of reading per word; English has no feature text."""
    if lang == "en":  # English words are read one by one: a token per distinct word
        return " ".join(map(_english_token, word_pattern(text).findall(text))), ""
    chosen = choose_in_sentences(text, _kk_tokens, _kk_tokens_initial)
    feats = sorted({f for _token, word_feats in chosen for f in word_feats})
    return " ".join(token for token, _feats in chosen), " ".join(feats)


def feat_token(name: str, value: str) -> str:
    """A feature as the feature text stores it: ``Case``, ``Abl`` → ``case\\ue001abl``."""
    return encode_lemma(name) + SEP + encode_lemma(value)


def also_text(text: str, morph: str, lang: str) -> str:
    """The also text of one side of a unit (see the module notes) from its words and their
    ``morph`` text (:func:`morph_text`, one token per word): "" for English."""
    low = text.lower()
    if lang == "en" or not morph or not any(ending in low for ending in AGENT_ENDINGS):
        return ""  # (no morph text: an index built without lemmas, as a benchmark's baseline)
    words = word_pattern(text).findall(text)
    tokens = morph.split(" ")
    also = (
        _also_token(w, t.rpartition(SEP)[2].upper(), lang)
        for w, t in zip(words, tokens, strict=True)
    )
    return " ".join(a for a in also if a)


@lru_cache(maxsize=200_000)
def _kk_tokens(word: str) -> Options:
    """A Kazakh word's options with its readings' morph tokens and feature tokens in place
    of the readings, so that choosing in context gives the tokens the index stores."""
    return _as_tokens(options(word))


@lru_cache(maxsize=20_000)
def _kk_tokens_initial(word: str) -> Options:
    return _as_tokens(options_initial(word))


def _as_tokens(prepared: Options) -> Options:
    return prepared._replace(
        readings=tuple(
            (_morph_token(r.lemma, r.upos), tuple(feat_token(*f) for f in r.feats))
            for r in prepared.readings
        )
    )


@lru_cache(maxsize=200_000)
def _english_token(word: str) -> str:
    reading = best(word, "en")
    return _morph_token(reading.lemma, reading.upos)


@lru_cache(maxsize=200_000)
def _morph_token(lemma: str, upos: str) -> str:
    return encode_lemma(lemma) + SEP + upos.lower()


@lru_cache(maxsize=4096)
def readings(text: str, lang: str) -> tuple[tuple[Token, Reading], ...]:
    """Every word of ``text`` with its reading (cached: hits are shown more than once)."""
    return tuple(analyse_text(text, lang))


@lru_cache(maxsize=4096)
def morph_tokens(text: str, lang: str) -> tuple[tuple[int, int, str, str], ...]:
    """Every word of ``text`` as (start, end, its token in the morph text, its token in
    the also text or ""): what a lemma query compares, the same strings FTS5 matched."""
    return tuple(
        (t.start, t.end, _morph_token(r.lemma, r.upos), _also_token(t.text, r.upos, lang))
        for t, r in readings(text, lang)
    )


def _also_token(word: str, upos: str, lang: str) -> str:
    """The also text's token of ``word`` read as ``upos`` (see the module notes), or "".

    A bare Kazakh agent participle read as a verb (``құтқарушы`` as құтқар) is also its
    agent noun (:func:`corpus.morphology.agent_noun`), the lemma its inflected forms get,
    which a linguist searching the noun expects to find. It goes beside the analyser's
    choice, not in place of it (that choice is scored on the treebank). One function for
    indexing (:func:`also_text`) and for locating a match (:func:`morph_tokens`), so that
    what a query compares is the token FTS5 matched."""
    noun = agent_noun(word, upos) if lang == "kk" else None
    return _morph_token(noun, "NOUN") if noun else ""
