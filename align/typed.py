"""Text a translator typed or pasted into a sentence: cleaned as ingest cleans it.

Pasted text brings what a source file brings: control characters, zero-width
and bidi marks, noncharacters. XML 1.0 forbids some of them, so one of them
in a sentence made every later save of the document fail; the others break
search and CAT tools. An edit therefore goes through the same cleaning as
``kopir ingest`` (:mod:`corpus.text.clean`), and every change is reported with
the bead, the sentence and the column, so nothing disappears silently.

Line breaks other than Enter's: a sentence is one line of the edit box, and a
new line is a new sentence. Word writes a manual line break as U+000B (VT)
and a page break as U+000C (FF); Unicode has U+2028/U+2029 and NEL. Pasted
into a sentence they are line breaks *inside* it, not sentence boundaries,
so they become a space (the edit box turns them into spaces as they are
pasted, before it would split lines at them). A lone surrogate (half of a
character, which no encoding can write) cannot be repaired by guessing: the
edit is refused, naming where it is.
"""

from __future__ import annotations

import re

from align.model import LANG_NAMES, AlignmentError
from corpus.text.clean import char_name, clean_text

#: Characters ``str.splitlines`` breaks at besides ``\n`` and ``\r``: a space in a sentence.
SOFT_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SENTENCE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def soft_breaks_to_spaces(text: str) -> str:
    """Pasted text with every line break but ``\\n`` and ``\\r`` made a space.

    A run of them between two words becomes one space (the words stay apart);
    elsewhere, beside a space already, they go.
    """
    return _spaced(SOFT_BREAKS, text)


def _spaced(breaks: re.Pattern[str], text: str) -> str:
    between = re.compile(rf"(?<=\S){breaks.pattern}+(?=\S)")
    return breaks.sub("", between.sub(" ", text))


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates made U+FFFD, so that it can be encoded (a draft)."""
    return _SURROGATE.sub("\ufffd", text)


def clean_typed(texts: list[str], bead: int, lang: str) -> tuple[list[str], list[str]]:
    """Clean the sentences typed for one side of a bead (``bead`` counts from 0).

    Returns the cleaned texts (blank ones dropped) and one note per change,
    ``bead 3 (English), sentence 1, column 5: removed U+0007 BELL``. Raises
    :class:`AlignmentError` for a lone surrogate.
    """
    cleaned: list[str] = []
    notes: list[str] = []
    for n, text in enumerate(texts, 1):
        where = f"bead {bead + 1} ({LANG_NAMES.get(lang, lang)}), sentence {n}"
        bad = _SURROGATE.search(text)
        if bad:
            raise AlignmentError(
                f"{where}, column {bad.start() + 1}: {char_name(bad.group())} is half of a "
                "character (a lone surrogate) and cannot be saved: remove it and apply again"
            )
        for found in _SENTENCE_BREAKS.finditer(text):
            if found.group() not in "\n\r":
                notes.append(
                    f"{where}, column {found.start() + 1}: {char_name(found.group())} "
                    "(a line break inside a sentence) made a space"
                )
        one_line = _spaced(_SENTENCE_BREAKS, text)
        result = clean_text(one_line)
        for removal in result.removals:
            what = "replaced by a space" if removal.spaced else "removed"
            notes.append(f"{where}, column {removal.column}: {what} {char_name(removal.char)}")
        cleaned += [p.text for p in result.paragraphs]
    return cleaned, notes
