"""A Cyrillic Kazakh word as the Latin alphabet and the Arabic script spell it, found with
the readers themselves.

kopir reads Kazakh printed in the 2018 Latin alphabet and in the Arabic script into
Cyrillic (:mod:`.latin`, :mod:`.tote`) and cuts sentences on that reading. Whoever must
cut the printed text alike without reading it (the SRX rules a CAT tool applies,
:mod:`corpus.text.srx_rules`) needs the printed forms of the words that decide a cut (the
abbreviations, the months): ``ж`` is ``j`` and ``ج``. They are not written down a second
time: each spelling here is a string of the script's letters that its reader reads back as
the word, so the two can never disagree.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Callable
from functools import cache

from corpus.text.script.latin import kk_latin_side_line
from corpus.text.script.letters import KK_LATIN, TOTE_LETTERS
from corpus.text.script.tote import _HAMZA, _YEH, tote_cyrillic

#: The letters of the 2018 Latin alphabet as its reader knows them (ı is read in the reader).
_LATIN_LETTERS = "".join(sorted({ch for latin, _ in KK_LATIN for ch in latin} | {"ı"}))
#: The letters of the Arabic script the reader reads, and ي (read by what stands before it).
_TOTE_LETTERS = "".join(sorted({*TOTE_LETTERS, *_YEH}))
#: Vowels the Arabic script writes with one letter (а/ә, о/ө, ұ/ү, ы/і), and и/й: a word's
#: last letter decides which, so a prefix is compared with them folded.
_TOTE_FOLD = str.maketrans("әөүій", "аоұыи")


@dataclasses.dataclass(frozen=True)
class _Script:
    """How one script spells: its ``letters``, its reader (``read``: the script's text to
    lower-case Cyrillic), ``fold`` (what a prefix's reading is compared with the word by),
    the ``marks`` that may open a word, and at most ``longest`` letters for one of the word's."""

    letters: str
    read: Callable[[str], str]
    fold: Callable[[str], str]
    marks: str
    longest: int

    @functools.cached_property
    def starts(self) -> frozenset[str]:
        """The letters that start a pair read as one letter (``sh``, ``ıa``): only they may
        be pending."""
        pairs = itertools.product(self.letters, repeat=2) if self.longest > 1 else ()
        read = self.read
        return frozenset(a for a, b in pairs if len(read(a + b)) < len(read(a) + read(b)))


def latin_spellings(word: str) -> tuple[str, ...]:
    """Every spelling of the lower-case Cyrillic ``word`` (dots kept: ``т.б``) in the 2018
    Latin alphabet that its reader reads back as ``word`` (``мыс`` → ``mys``); none if
    the alphabet cannot spell it."""
    return _spell(word, _LATIN)


def tote_spellings(word: str) -> tuple[str, ...]:
    """Every spelling of the lower-case Cyrillic ``word`` (dots kept) in the Arabic script
    that its reader reads back as ``word`` (``ж`` → ``ج``), a hamza opening it allowed;
    none if the script cannot spell it (``я``, ``ь``)."""
    return _spell(word, _TOTE)


@cache
def _read_latin(text: str) -> str:
    return kk_latin_side_line(text).lower()


@cache
def _read_tote(text: str) -> str:
    return tote_cyrillic(text).lower()


def _marked(read: Callable[[str], str], mark: str, text: str) -> str:
    return read(mark + text)


def _fold_tote(text: str) -> str:
    return text.translate(_TOTE_FOLD)


_LATIN = _Script(_LATIN_LETTERS, _read_latin, str, "", 2)
_TOTE = _Script(_TOTE_LETTERS, _read_tote, _fold_tote, _HAMZA, 1)


@cache
def _spell(word: str, script: _Script) -> tuple[str, ...]:
    pieces = [_spell_piece(piece, script) for piece in word.split(".")]
    return tuple(".".join(choice) for choice in itertools.product(*pieces))


def _spell_piece(word: str, script: _Script) -> list[str]:
    """The spellings of one dotless piece, grown letter by letter (at most
    ``script.longest`` letters for one of the word's).

    A prefix is kept while its reading (folded) starts the word's; its last letter may
    read otherwise until the next one comes (``s`` before ``h`` is ``ш``, ``ı`` before
    ``a`` is ``я``): a prefix whose reading is off is kept when its last letter opens
    such a pair (:attr:`_Script.starts`), for one letter.
    """
    letters, read, fold, starts = script.letters, script.read, script.fold, script.starts
    target = fold(word)
    limit = script.longest * len(word)
    found: list[str] = []

    def fits(text: str) -> bool:
        return target.startswith(fold(read(text))) if text else True

    def grow(prefix: str, pending: bool) -> None:
        if not pending and prefix and read(prefix) == word:
            found.append(prefix)
        if len(prefix) >= limit:
            return
        for ch in letters:
            longer = prefix + ch
            if fits(longer):
                grow(longer, False)
            elif ch in starts and not pending:
                grow(longer, True)

    grow("", False)
    plain = set(found)
    for mark in script.marks:  # a hamza opens a front word the letters do not show as front
        marked = dataclasses.replace(script, read=functools.partial(_marked, read, mark), marks="")
        found += [mark + text for text in _spell_piece(word, marked) if text not in plain]
    return sorted(set(found))
