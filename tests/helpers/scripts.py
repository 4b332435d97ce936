"""Kazakh text copied into its other scripts, for tests that compare how kopir treats a
Latin-alphabet or Arabic-script (төте) edition with its Cyrillic original: ``latin`` (the
2018 alphabet as amended, acute accents, as official sites printed it) and ``tote``.

Written for the tests, letter by letter from the Cyrillic; kopir's readers
(:mod:`corpus.text.script`) read them back. Text in other letters (Latin names, digits,
punctuation) is kept, but for the Arabic script's comma and question mark.
"""

from __future__ import annotations

import re

_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+", re.IGNORECASE)

_LATIN = {
    "а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e",
    "ё": "ıo", "ж": "j", "з": "z", "и": "ı", "й": "ı", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ń", "о": "o", "ө": "ó", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "ý", "ұ": "u", "ү": "ú", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "ıý", "я": "ıa",
}  # fmt: skip

_TOTE = {
    "а": "ا", "ә": "ا", "б": "ب", "в": "ۆ", "г": "گ", "ғ": "ع", "д": "د", "е": "ە",
    "ё": "يو", "ж": "ج", "з": "ز", "и": "ي", "й": "ي", "к": "ك", "қ": "ق", "л": "ل",
    "м": "م", "н": "ن", "ң": "ڭ", "о": "و", "ө": "و", "п": "پ", "р": "ر", "с": "س",
    "т": "ت", "у": "ۋ", "ұ": "ۇ", "ү": "ۇ", "ф": "ف", "х": "ح", "һ": "ھ", "ц": "تس",
    "ч": "چ", "ш": "ش", "щ": "شش", "ъ": "", "ы": "ى", "і": "ى", "ь": "", "э": "ە",
    "ю": "يۋ", "я": "يا",
}  # fmt: skip
#: Front vowels: a word with one is written with the hamza unless ە, ك or گ shows it.
_FRONT = frozenset("әеөүіэ")


def _latin_word(match: re.Match[str]) -> str:
    word = match.group()
    out = "".join(_LATIN[ch] for ch in word.lower())
    if len(word) > 1 and word.isupper():
        return out.upper()
    return out[:1].upper() + out[1:] if word[0].isupper() else out


def _tote_word(match: re.Match[str]) -> str:
    word = match.group().lower()
    out = "".join(_TOTE[ch] for ch in word)
    if _FRONT.intersection(word) and not set("ەكگ").intersection(out):
        out = "ٴ" + out
    return out


def latin(text: str) -> str:
    """``text`` with its Cyrillic words in the Latin alphabet of 2018 (acute accents)."""
    return _CYRILLIC_WORD.sub(_latin_word, text)


def tote(text: str) -> str:
    """``text`` with its Cyrillic words in the Arabic script (no capitals), and the script's
    comma and question mark."""
    return _CYRILLIC_WORD.sub(_tote_word, text).replace(",", "،").replace("?", "؟")
