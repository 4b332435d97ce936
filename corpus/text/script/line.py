"""One Kazakh line read into Cyrillic, as the aligner reads it before it looks a word up."""

from __future__ import annotations

from corpus.text.script.latin import kk_cyrillic
from corpus.text.script.tote import tote_cyrillic


def kk_line_cyrillic(text: str) -> str:
    """``text`` with its Arabic-script (töte) words read into Cyrillic, then its Latin-alphabet
    words and the Latin look-alike letters inside Cyrillic words.

    The aligner's features, the lexicon a corpus teaches and the lexicon coverage benchmark
    all key Kazakh words by this reading: a word taught under one reading and looked up
    under another is never found, so they share this one function.
    """
    return kk_cyrillic(tote_cyrillic(text))
