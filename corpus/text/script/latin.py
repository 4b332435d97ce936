"""Kazakh in the Latin alphabet of 2018 read into Cyrillic, and Latin look-alikes in Cyrillic
words made Cyrillic.

Official sites published Kazakh in the 2018 Latin alphabet (``Qazaqstan``, ``Elbasy``) in
2018-2021. The lexicon, the months and the name keys of the aligner, and a search typed in
Cyrillic, all work on Cyrillic: a document in that alphabet reaches them only once read.
The letters are those of :data:`corpus.text.script.letters.KK_LATIN`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.text.script.letters import KK_LATIN, LATIN_TO_CYRILLIC

#: Letters only the 2018 Latin alphabet of Kazakh has (ı is и, or й after a vowel; ıa and ıý
#: are я and ю after a vowel or at the start of a word, ия and ию after a consonant).
_KK_LATIN_MARK = re.compile(r"[áǵńóúýıÁǴŃÓÚÝ]")  # no IGNORECASE: ı would match i
_LATIN_LETTER = re.compile(r"[a-záǵńóúýı]", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


def kk_cyrillic(text: str) -> str:
    """A Kazakh sentence in the 2018 Latin alphabet, read into Cyrillic; in a Cyrillic
    sentence, Latin look-alike letters inside Cyrillic words made Cyrillic (others unchanged).

    Only a sentence written mostly in Latin letters that has one of that alphabet's own
    letters (á ǵ ń ó ú ý ı) is read: an English name or a brand inside a Cyrillic sentence
    stays as it is, and so does a word with a Latin letter that has no Cyrillic twin ("XXV").
    """
    if not _KK_LATIN_MARK.search(text):
        return _MIXED_WORD.sub(_look_alikes_cyrillic, text) if _ANY_LATIN.search(text) else text
    if not _mostly_latin(text):
        return text
    return _KK_LATIN_WORD.sub(_kk_word_cyrillic, text)


def kk_cyrillic_lines(lines: Sequence[str]) -> list[str]:
    """One side of a document, read into Cyrillic when most of its lines are in the 2018
    Latin alphabet of Kazakh: then every line that has one of that alphabet's own letters,
    or is written mostly in Latin letters, is read word by word, though a short line may
    have none of its own letters (in a Latin-script edition "Qymbatty otandastar!" opening
    the address is Kazakh, not English). Any other side (Cyrillic, English, or one with a
    few Latin-script lines) comes back as it was; :func:`kk_cyrillic` still reads each
    line on its own where features are taken.
    """
    if not is_kk_latin_side(lines):
        return list(lines)
    return [kk_latin_side_line(line) for line in lines]


def is_kk_latin_side(lines: Sequence[str]) -> bool:
    """Whether most lines of a side have one of the 2018 Latin alphabet's own letters: a
    side :func:`kk_cyrillic_lines` reads. Public for ingest, which reads a side's
    paragraphs one at a time as it takes them apart (:func:`kk_latin_side_line`)."""
    if not _KK_LATIN_MARK.search("\n".join(lines)):  # the usual side: one scan
        return False
    return 2 * sum(_KK_LATIN_MARK.search(line) is not None for line in lines) > len(lines)


def kk_latin_side_line(line: str) -> str:
    """A line of a side written in the 2018 Latin alphabet (:func:`is_kk_latin_side`) as
    :func:`kk_cyrillic_lines` reads it: word by word when it has one of that alphabet's own
    letters or is written mostly in Latin letters, else as it was."""
    if _KK_LATIN_MARK.search(line) or _mostly_latin(line):
        return _KK_LATIN_WORD.sub(_kk_word_cyrillic, line)
    return line


def _mostly_latin(text: str) -> bool:
    """Whether at least 60% of the letters of ``text`` are Latin (the 2018 Kazakh alphabet's
    own letters counted). :func:`kk_cyrillic` reads a line with one of that alphabet's own
    letters into Cyrillic only then, so that a Cyrillic sentence quoting a Latin-script
    name keeps it as written; on a side written in that alphabet
    (:func:`kk_cyrillic_lines`), a line with none of its own letters ("Qymbatty
    otandastar!") is read when this holds. The share is a round figure, not a fitted one
    (1b67704): it only has to tell a line written in Latin letters from one in Cyrillic.
    """
    letters = len(_LETTER.findall(text))
    return bool(letters) and len(_LATIN_LETTER.findall(text)) >= 0.6 * letters


_KK_LATIN_WORD = re.compile(r"[a-záǵńóúýı]+", re.IGNORECASE)
#: Latin letters that look like Cyrillic ones, as web Kazakh types them inside Cyrillic words
#: (Tatoeba's "Бiлгiм келмейдi"): such a word misses the lexicon. Latin i is Kazakh і. Each
#: is read as the letter ``kopir ingest --fix-homoglyphs`` repairs it to.
_TWINS = "aceiopxyACEHIKMOPTXYB"
_LOOK_ALIKES = str.maketrans(_TWINS, "".join(LATIN_TO_CYRILLIC[latin] for latin in _TWINS))
_ANY_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = "а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ"
#: A word of Cyrillic letters and Latin look-alikes only, with at least one of each.
_MIXED_WORD = re.compile(
    rf"\b(?=[^\W\d_]*[{_CYRILLIC}])(?=[^\W\d_]*[{_TWINS}])[{_CYRILLIC}{_TWINS}]+\b"
)


def _look_alikes_cyrillic(match: re.Match[str]) -> str:
    """A word of :data:`_MIXED_WORD` with its Latin look-alikes made Cyrillic."""
    return match.group().translate(_LOOK_ALIKES)


_VOWEL = frozenset("aeiouyáóúıаеоұыәөүі")


def _kk_word_cyrillic(match: re.Match[str]) -> str:
    """A word in the 2018 Latin alphabet in Cyrillic, letter by letter (:data:`.letters.KK_LATIN`),
    with ı read by what stands before it: the alphabet writes и, й, я and ю with it. A
    capital first letter stays capital, the rest is lower case."""
    word = match.group()
    lower = word.lower()
    out = []
    i = 0
    while i < len(lower):
        ch = lower[i]
        after_vowel = i == 0 or lower[i - 1] in _VOWEL
        if ch == "ı" and lower.startswith(("ıa", "ıý"), i):
            out.append(("" if after_vowel else "и") + ("я" if lower[i + 1] == "a" else "ю"))
            i += 2
            continue
        if ch == "ı":
            out.append("й" if i and after_vowel else "и")
            i += 1
            continue
        for latin, cyr in KK_LATIN:
            if lower.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(ch)
            i += 1
    cyr = "".join(out)
    if word[0].isupper():
        cyr = cyr[0].upper() + cyr[1:]
    return cyr
