"""How text is normalised and cut into words for searching.

The search index (SQLite FTS5 with the ``unicode61`` tokenizer) decides which
aligned units match a query; Python then finds where in each unit the match
is, for highlighting, KWIC lines, frequencies and collocates. Both must agree
on what a word is and when two words are the same, so this module defines it
once, and a test checks it against SQLite on real text:

* text is NFC on the way in and queries are NFC too, so a decomposed
  ``и`` + U+0306 is the letter ``й`` (and not ``и`` followed by a mark);
* a word is a run of letters, digits and hyphens with at least one letter
  or digit (``corpus.morphology.tokens``: ``БҰҰ-ның``, ``2021-жылғы`` are one
  word; the FTS5 tokenizer has the hyphens as ``tokenchars``); everything
  else, the underscore and apostrophes included, separates words;
* words compare case-insensitively (``ҚАЗАҚ`` = ``қазақ``) but letters with
  marks stay distinct (``remove_diacritics 0``): Kazakh ``ә``/``а``,
  ``қ``/``к``, ``і``/``и``, ``ү``/``у``, ``й``/``и`` are different letters, and
  so are the Latin-script Kazakh ``ä``/``a``, ``ş``/``s``.

Look-alike folding (optional in queries) repairs words that mix Latin and
Cyrillic letters (``Бiлгiм`` → ``Білгім``) the way ``corpus.text.homoglyphs``
proposes for ingest, letter for letter, so offsets stay valid.

The trigram form (:func:`trigram_text`) is what the regular-expression
prefilter indexes: the text case-folded by the ``regex`` module itself, which
runs the patterns, so that a literal it finds (with or without
``IGNORECASE``) is always found as a substring of the trigram form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import regex
from regex import _regex  # type: ignore[attr-defined]

from corpus.morphology.tokens import HYPHENS, NOT_TOKEN_CHAR, TOKEN_CHAR, WORD_CHAR
from corpus.morphology.tokens import word_pattern as _word
from corpus.text.homoglyphs import NUMERAL_LETTERS, ROMAN, find_homoglyphs

#: The FTS5 tokenizer of the word index: letters with marks stay distinct, and hyphens
#: are part of words (written in an SQL statement between double quotes).
TOKENIZER = f"unicode61 remove_diacritics 0 tokenchars '{HYPHENS}'"

__all__ = ["NOT_TOKEN_CHAR", "TOKEN_CHAR", "WORD_CHAR"]


# Characters that cannot be stored in SQLite text or mean nothing in a query:
# lone surrogates, NUL and the other C0/C1 controls.
_UNSTORABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_LATIN = re.compile(r"[A-Za-z\u00c0-\u02af]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")


class Token(NamedTuple):
    """A word at ``text[start:end]`` and its search form (lower case)."""

    start: int
    end: int
    norm: str


def nfc(text: str) -> str:
    """``text`` in Unicode NFC (cheap when it already is)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC text with unstorable characters (lone surrogates, controls) made spaces.

    Used on queries and on indexed text alike: a NUL or a lone surrogate is
    never part of a word, so replacing it by a space changes no match, and
    SQLite can always store and compare the result.
    """
    return nfc(_UNSTORABLE.sub(" ", text))


#: Joins the sentences of one side of a unit in the index, where the text shows a space
#: (``corpus.model.join_sentences``): one character for one, so offsets are the same in
#: both. :func:`clean` makes it a space in sentences and queries, so it only ever marks
#: a sentence end, which phrases, anchors (``^``, ``$``) and patterns do not cross.
SENTENCE_BREAK = "\x1e"


def join_indexed(texts: list[str]) -> str:
    """Sentences as the index stores one side of a unit: joined by :data:`SENTENCE_BREAK`."""
    return SENTENCE_BREAK.join(texts)


def shown(text: str) -> str:
    """Indexed text as users see it: the sentence breaks as the spaces they stand for."""
    return text.replace(SENTENCE_BREAK, " ")


def sentence_breaks(text: str) -> tuple[int, ...]:
    """Offsets of the sentence breaks in indexed text (sentence i begins after break i-1)."""
    found: list[int] = []
    at = text.find(SENTENCE_BREAK)
    while at >= 0:
        found.append(at)
        at = text.find(SENTENCE_BREAK, at + 1)
    return tuple(found)


def storable(text: str) -> bool:
    """Whether ``text`` has none of what :func:`clean` replaces (so indexed text can hold it)."""
    return _UNSTORABLE.search(text) is None


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their offsets, in order."""
    return [Token(m.start(), m.end(), m.group().lower()) for m in _word(text).finditer(text)]


def words(text: str) -> list[str]:
    """The words of ``text`` in search form (lower case), without offsets."""
    return _word(text).findall(text.lower())


def word_set(text: str) -> set[str]:
    """The distinct words of ``text`` in search form, each lowered as :func:`tokens`
    lowers it: the words found in C, only the distinct ones lowered in Python."""
    return {word.lower() for word in set(_word(text).findall(text))}


def count_tokens(text: str) -> int:
    """How many words ``text`` has (what ``kopir stats`` reports)."""
    return len(_word(text).findall(text))


def fold_lookalikes(text: str) -> str | None:
    """``text`` with mixed-script words repaired, or None when nothing changes.

    The repair replaces letters one for one (see ``corpus.text.homoglyphs``), so
    the result has the same length and the offsets of ``text`` stay valid.
    Words with no safe repair are left as they are. A Roman numeral typed with
    Cyrillic capitals that look like Latin ones (``ХХІ`` for ``XXI``, as Kazakh
    texts often have it) becomes the Latin numeral.
    """
    out = list(text)
    changed = False
    for numeral in _CYRILLIC_NUMERAL.finditer(text):
        latin = numeral.group().translate(NUMERAL_LETTERS)
        if ROMAN.fullmatch(latin):
            out[numeral.start() : numeral.end()] = latin
            changed = True
    if _LATIN.search(text) and _CYRILLIC.search(text):  # a mixed word needs both scripts
        for found in find_homoglyphs(text):
            if found.repair is None or len(found.repair) != found.end - found.start:
                continue
            out[found.start : found.end] = found.repair
            changed = True
    return "".join(out) if changed else None


#: A word of the capitals that stand for Roman numeral letters (``homoglyphs.NUMERAL_LETTERS``)
#: and Latin numeral letters, with at least one Cyrillic one.
_CYRILLIC_NUMERAL = re.compile(r"(?<!\w)(?=[IVXLCDMХІСМ]*[ХІСМ])[IVXLCDMХІСМ]{2,}(?!\w)")


#: Simple case folding (one character for one) of Unicode text, as ``regex`` folds it.
_FOLD = regex.UNICODE | regex.IGNORECASE
#: ``regex`` matches I with i and ı, and i with I and İ, though not ı with i: one form for all.
_DOTTED_I = re.compile("[Iİı]")


def trigram_text(text: str) -> str:
    """The form the trigram prefilter indexes and searches (see the module notes).

    ``regex``'s own folding (``ҚАЗАҚ`` → ``қазақ``, final ``ς`` → ``σ``, ``ſ`` →
    ``s``), not ``str.lower``: its Unicode data may be newer than Python's.
    Only the Latin i's need more: ``regex`` folds ``I`` to itself (Turkish
    folds it to ``ı``) yet matches it with ``i`` and ``ı``, and ``i`` with
    ``İ``, so all four have the form ``i``. A test checks over every code
    point that letters ``regex`` matches with each other have one form. The
    folding function is private to the module, so the index records the
    ``regex`` version it was built with and is rebuilt when that changes.
    """
    return _DOTTED_I.sub("i", _regex.fold_case(_FOLD, text))


# The Kazakh Cyrillic alphabet in its own order: ә after а, ғ after г, … (code
# point order would put every Kazakh-specific letter after я).
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_COLLATE = {ord(ch): chr(0xF0000 + rank) for rank, ch in enumerate(KAZAKH_ALPHABET)}


def sort_key(word: str) -> str:
    """A key that sorts lower-case words in Kazakh alphabetical order.

    Digits and Latin letters come first, in their usual order, then Kazakh
    Cyrillic letters in the order of the Kazakh alphabet.
    """
    return word.translate(_COLLATE)


#: Word characters whose case the FTS5 index and ``regex`` treat alike (one-to-one
#: upper and lower case within the set): ASCII letters and digits, the Latin letters to
#: the end of the IPA block (``ә``'s look-alike ``ə`` is there) but ``İ``, ``ı``, ``ſ``,
#: ``Ⱥ`` and ``Ⱦ``, and the Cyrillic letters (not its combining marks). A regular
#: expression confined to these and ``\w`` can be counted in the index vocabulary
#: (:mod:`corpus.search.regexvocab`); a test checks the set against SQLite.
PLAIN = (
    "(?V1)[\\w&&[0-9A-Za-z\u00c0-\u012f\u0132-\u017e\u0180-\u0239\u023b-\u023d"
    "\u023f-\u02af\u0400-\u0481\u048a-\u04ff]]"
)
#: A word character (for ``regex``) outside :data:`PLAIN`: in a text holding one the
#: index and a pattern may cut words (``ab_cd``: two index words, one ``\w`` run) or
#: fold case (``İ``) differently.
DOUBTFUL = regex.compile(f"(?V1)[\\w--{PLAIN[5:]}]")


def doubtful_sides(kk: str, en: str) -> list[str]:
    """The sides (``kk``, ``en``) whose text holds a :data:`DOUBTFUL` character."""
    return [side for side, text in (("kk", kk), ("en", en)) if DOUBTFUL.search(text)]
