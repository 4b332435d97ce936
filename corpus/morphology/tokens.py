"""What a word is, for the analyser and for search alike.

A word is a run of letters and digits (Unicode L* and N*, and the private-use
characters SQLite's ``unicode61`` also counts as word characters), and a
hyphen between two such runs joins them into one word: ``БҰҰ-ның``,
``2021-жылғы``, ``Қасым-Жомарт``, ``55-ші`` are each one token, because a
Kazakh case ending written after a hyphen is part of the word it ends, not a
word of its own. Everything else (spaces, punctuation, a hyphen at a word's
edge, two hyphens, a dash) separates words and is not a word.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Letters and digits (``str.isalnum``), plus the private-use area.
WORD_CHAR = r"[^\W_]|[\ue000-\uf8ff]"
#: Hyphen-minus, hyphen and non-breaking hyphen join two runs of word characters.
HYPHENS = "-\u2010\u2011"
JOINER = f"[{HYPHENS}]"
WORD = f"(?:{WORD_CHAR})+(?:{JOINER}(?:{WORD_CHAR})+)*"
_WORD_ANY = re.compile(WORD)
_WORD_PLAIN = re.compile(rf"[^\W_]+(?:{JOINER}[^\W_]+)*")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


class Token(NamedTuple):
    """A word at ``text[start:end]``."""

    start: int
    end: int
    text: str


def word_pattern(text: str) -> re.Pattern[str]:
    """The word pattern for ``text``: the simpler one is faster and nearly always fits."""
    return _WORD_ANY if _PRIVATE_USE.search(text) else _WORD_PLAIN


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` with their offsets, in order (punctuation left out)."""
    return [Token(m.start(), m.end(), m.group()) for m in word_pattern(text).finditer(text)]
