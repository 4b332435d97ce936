"""Look-alike letters: Latin letters inside Cyrillic words and the reverse.

Kazakh web text mixes scripts inside words: a Latin ``i`` typed for ``і``
(``Бiлгiм``), a Latin ``a`` or ``o`` from a copy-paste, or a letter typed with
the wrong keyboard layout (``rәрі`` for ``кәрі``: К sits on the R key). Such
words look right but break search, matching and alignment.

A word that mixes scripts is written in the script most of its letters use;
each foreign letter is mapped to its look-alike in that script, or, failing
that, to the letter on the same key of the Kazakh keyboard. A Roman numeral typed
with Cyrillic capitals that look like Latin ones beside a Latin V, L or D, which have
no Cyrillic look-alike (``ХХV``, for XXV), is the Latin numeral, not a Cyrillic word
made by the keyboard (``ХХМ``, V's key). Detection reports
every such word; the repair is only applied when the user asks for it, and
the TEI keeps the original beside the repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text.script.letters import (
    CYRILLIC_TO_LATIN,
    KEYBOARD_LATIN_TO_CYRILLIC,
    LATIN_TO_CYRILLIC,
)

_WORD = re.compile(r"[^\W\d_]+")
#: Cyrillic capitals that stand for Roman numeral letters (Х, І — Kazakh and Ukrainian —,
#: С, М), and their Latin letters; Roman V, L and D have no Cyrillic look-alike.
NUMERAL_LETTERS = str.maketrans("ХІСМ", "XICM")
#: A well-formed Roman numeral (1 to 4999).
ROMAN = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def _script(ch: str) -> str:
    if "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f":
        return "cyrillic"
    if ch.isascii() or "\u00c0" <= ch <= "\u02af":
        return "latin"
    return "other"


@dataclass(frozen=True)
class Homoglyph:
    """A mixed-script word at ``[start, end)`` and its proposed repair (or None)."""

    start: int
    end: int
    word: str
    repair: str | None
    reason: str  # "look-alike", "keyboard-layout", or "no safe repair"

    def describe(self) -> str:
        if self.repair is None:
            return f"mixed Latin/Cyrillic word {self.word!r}: no safe repair"
        return f"mixed Latin/Cyrillic word {self.word!r} → {self.repair!r} ({self.reason})"


def find_homoglyphs(text: str) -> list[Homoglyph]:
    """Every word in ``text`` that mixes Latin and Cyrillic letters."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        scripts = [_script(ch) for ch in word]
        latin, cyrillic = scripts.count("latin"), scripts.count("cyrillic")
        if not latin or not cyrillic:
            continue
        target = "latin" if latin > cyrillic else "cyrillic"
        repair, reason = _repair(word, scripts, target)
        numeral = word.translate(NUMERAL_LETTERS)
        if reason != "look-alike" and ROMAN.fullmatch(numeral):
            # V, L and D have no Cyrillic look-alike: ХХV is XXV, which no key makes Cyrillic.
            repair, reason = numeral, "look-alike"
        found.append(Homoglyph(match.start(), match.end(), word, repair, reason))
    return found


def _repair(word: str, scripts: list[str], target: str) -> tuple[str | None, str]:
    out = []
    reason = "look-alike"
    for ch, script in zip(word, scripts, strict=True):
        if script == target or script == "other":
            out.append(ch)
            continue
        if target == "cyrillic":
            mapped = LATIN_TO_CYRILLIC.get(ch)
            if mapped is None:
                mapped = _keyboard(ch)
                reason = "keyboard-layout"
        else:
            mapped = CYRILLIC_TO_LATIN.get(ch)
        if mapped is None:
            return None, "no safe repair"
        out.append(mapped)
    return "".join(out), reason


def _keyboard(ch: str) -> str | None:
    mapped = KEYBOARD_LATIN_TO_CYRILLIC.get(ch.lower())
    if mapped is None:
        return None
    return mapped.upper() if ch.isupper() else mapped
