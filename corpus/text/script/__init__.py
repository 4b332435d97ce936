"""Kazakh's scripts read into Cyrillic, for the aligner and for search alike.

Kazakh is printed in Cyrillic, in the Latin alphabet of 2018 (:mod:`.latin`) and in the
Arabic script (:mod:`.tote`); the letter tables of all of them, and of the look-alike repair
(:mod:`corpus.text.homoglyphs`), are in :mod:`.letters`. It lives in ``corpus`` so that the
corpus's search and the aligner (which may import ``corpus``, never the reverse) read a
document the same way.
"""

from corpus.text.script.latin import (
    is_kk_latin_side,
    kk_cyrillic,
    kk_cyrillic_lines,
    kk_latin_side_line,
)
from corpus.text.script.line import kk_line_cyrillic
from corpus.text.script.tote import is_tote, tote_cyrillic

__all__ = [
    "is_kk_latin_side",
    "is_tote",
    "kk_cyrillic",
    "kk_cyrillic_lines",
    "kk_latin_side_line",
    "kk_line_cyrillic",
    "tote_cyrillic",
]
