"""Kazakh written in the Arabic script (төте жазу) read into Cyrillic.

Kazakh news is also published in the Arabic script: the Kazakh press of China writes it,
and agencies such as Kazinform keep an edition in it. Such a sentence shares nothing with
its English translation to the aligner (its words miss the lexicon, its names are no
names), and a search in Cyrillic does not find it. Read into Cyrillic, as the 2018 Latin
alphabet is (:mod:`corpus.text.script.latin`), its words reach the lexicon and the index,
its loanwords their consonant keys, and its names (which the script does not capitalise)
their name keys.

The script writes the vowel pairs а/ә, о/ө, ұ/ү, ы/і with one letter each; a word is read
with the front vowel throughout when it carries the hamza (ء, or a letter with a high
hamza) or has one of the letters only front words have (ە е, ك к, گ г). That is the
script's own rule for native words; a loanword may come out with a wrong vowel, which
costs its lexicon match but not its consonant key. ي is й after a vowel and и elsewhere.
"""

from __future__ import annotations

import re

from corpus.text.script.letters import TOTE_LETTERS as _LETTERS

#: The letter й / и, read by what stands before it.
_YEH = "يی"
#: Marks that make a word front-vowelled and are not read themselves.
_HAMZA = "ءٴ"
#: Letters that only front words have (besides the hamza and the letters that carry one).
_FRONT = frozenset("ەهكکگٵٶٷٸ" + _HAMZA)
_WITH = ("مەن", "بەن", "پەن")
_VOWELS = frozenset("аәеоөұүыіуэ")
#: Punctuation and digits of the script, in their Latin forms.
_SIGNS = str.maketrans("،؟؛٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", ",?;01234567890123456789")
_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d5]+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d5]")
_LETTER = re.compile(r"[^\W\d_]")


def is_tote(text: str) -> bool:
    """Whether a sentence is written mostly (three letters in five) in the Arabic script."""
    if not _ARABIC_LETTER.search(text):
        return False
    letters = len(_LETTER.findall(text))
    return len(_ARABIC_LETTER.findall(text)) >= 0.6 * letters


def tote_cyrillic(text: str) -> str:
    """A sentence in the Arabic script in Cyrillic, each word capitalised: the script has no
    capitals, so any word may be a name, and the name key is what matches it (Қарағанды
    ~ Karaganda) when the lexicon does not know it. Other text is returned unchanged."""
    if not is_tote(text):
        return text
    return _WORD.sub(_word_cyrillic, text).translate(_SIGNS)


def _word_cyrillic(match: re.Match[str]) -> str:
    word = match.group()
    # -мен / -бен / -пен ("with") is written with е after back and front stems alike
    stem = word[:-3] if len(word) > 5 and word.endswith(_WITH) else word
    front = int(any(ch in _FRONT for ch in stem))
    out: list[str] = []
    for ch in word:
        if ch in _HAMZA:
            continue
        if ch in _YEH:
            out.append("й" if out and out[-1] in _VOWELS else "и")
            continue
        out.append(_LETTERS[ch][front] if ch in _LETTERS else "")
    cyr = "".join(out)
    return cyr[:1].upper() + cyr[1:]
