"""What a word is, for the analyser and for search alike.

A word is a run of letters, digits and hyphens that holds at least one letter
or digit (Unicode L* and N*, and the private-use characters SQLite's
``unicode61`` also counts as word characters; hyphen-minus, U+2010 and U+2011
as hyphens). So ``БҰҰ-ның``, ``2021-жылғы``, ``Қасым-Жомарт`` and ``55-ші``
are each one word, because a Kazakh case ending written after a hyphen is part
of the word it ends, not a word of its own. Everything else (spaces,
punctuation, dashes, apostrophes, the underscore) separates words and is not
a word; a hyphen standing alone (``Астана - Алматы``) is not a word either.

This is exactly what the search index's FTS5 tokenizer does with
``tokenchars`` set to the hyphens (it also indexes a lone ``-``, which no
query can ask for), so the index and the Python that finds matches agree.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Letters and digits (``str.isalnum``), plus the private-use area.
WORD_CHAR = r"[^\W_]|[\ue000-\uf8ff]"
#: Hyphen-minus, hyphen and non-breaking hyphen: inside a word, part of it.
HYPHENS = "-\u2010\u2011"
_H = r"\-\u2010\u2011"  # the same, escaped for a character class
#: A character a word is made of: a letter, a digit or a hyphen.
TOKEN_CHAR = f"{WORD_CHAR}|[{_H}]"
#: What separates words: anything else (the underscore included).
NOT_TOKEN_CHAR = rf"[^\w\ue000-\uf8ff{_H}]|_"
WORD = f"[{_H}]*(?:{WORD_CHAR})(?:{TOKEN_CHAR})*"
_WORD_ANY = re.compile(WORD)
_WORD_PLAIN = re.compile(rf"[{_H}]*[^\W_](?:[^\W_]|[{_H}])*")
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
