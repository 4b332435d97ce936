"""An independent reader of kopir's TEI files, to count what the concordance must find.

It uses lxml and ``re`` only (none of kopir's search code): it takes every ``<s>`` of
a side, cuts it into words (runs of letters and digits, joined by hyphens, as the
README defines a word), and counts. Lemma counts analyse each word it cut with
:func:`corpus.morphology.analyse`, so that they check the index and the query path,
not the analyser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from corpus.morphology import analyse

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def sentences(folder: Path, side: str) -> Iterator[str]:
    """The text of every sentence of ``side`` (``kk``/``en``) in the folder's TEI files."""
    for path in sorted(folder.glob("*.xml")):
        for s in etree.parse(str(path)).iter(f"{TEI}s"):
            if (s.get(XML_ID) or "").startswith(side + "."):
                yield "".join(s.itertext())


def count_words(folder: Path, side: str, word: str, prefix: bool = False) -> int:
    want = word.lower()
    return sum(
        1
        for text in sentences(folder, side)
        for token in WORD.findall(text)
        if (token.lower().startswith(want) if prefix else token.lower() == want)
    )


def count_phrase(folder: Path, side: str, phrase: str) -> int:
    """Places where the phrase's words follow each other inside one sentence."""
    want = [w.lower() for w in phrase.split()]
    found = 0
    for text in sentences(folder, side):
        toks = [t.lower() for t in WORD.findall(text)]
        found += sum(1 for i in range(len(toks)) if toks[i : i + len(want)] == want)
    return found


def count_lemma(folder: Path, side: str, lemma: str) -> tuple[int, int]:
    """Words whose every reading has ``lemma``, and words with a reading that has it."""
    certain = possible = 0
    for text in sentences(folder, side):
        for token in WORD.findall(text):
            lemmas = {r.lemma.lower() for r in analyse(token, side)}
            possible += lemma in lemmas
            certain += lemmas == {lemma}
    return certain, possible


def count_regex(folder: Path, side: str, pattern: str) -> int:
    found = re.compile(pattern, re.IGNORECASE)
    return sum(1 for text in sentences(folder, side) for m in found.finditer(text) if m.group())
