"""Cleaning decoded text: line structure, invisible characters, NFC.

Raw web text carries characters that break search, XML and alignment without
being visible: control characters, zero-width spaces, soft hyphens, bidi
overrides, stray byte-order marks. They are removed here, and every removal
is reported with its line and column so nothing disappears silently. Text is
normalised to NFC so that a decomposed ``и`` + combining breve is ``й``.

Paragraphs come from the line structure: every non-blank line is a paragraph
(news sites put one paragraph on a line; blank lines between them are
optional). Line breaks are ``\\n``, ``\\r\\n``, ``\\r``, U+2028 and U+2029.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")

# C0 controls but tab, DEL and C1 controls, soft hyphen, zero-width and bidi
# formatting characters, word joiners, BOMs, annotation marks, noncharacters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)


@dataclass(frozen=True)
class Removal:
    """One removed character: where it was (1-based line and column) and which."""

    line: int
    column: int
    char: str

    def describe(self) -> str:
        name = unicodedata.name(self.char, "") or _CONTROL_NAMES.get(self.char, "control")
        return f"line {self.line}, column {self.column}: removed U+{ord(self.char):04X} {name}"


_CONTROL_NAMES = {"\x00": "NUL", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x7f": "DELETE"}


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of cleaned text and the source line it came from (1-based)."""

    line: int
    text: str


@dataclass(frozen=True)
class CleanText:
    paragraphs: list[Paragraph]
    removals: list[Removal]
    nfc_changes: int  # lines whose text NFC normalisation changed


def clean_text(text: str) -> CleanText:
    """Split ``text`` into paragraphs, removing and reporting invisible characters."""
    paragraphs: list[Paragraph] = []
    removals: list[Removal] = []
    nfc_changes = 0
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if _INVISIBLE.search(line):
            for found in _INVISIBLE.finditer(line):
                removals.append(Removal(number, found.start() + 1, found.group()))
            line = _INVISIBLE.sub("", line)
        normal = unicodedata.normalize("NFC", line)
        if normal != line:
            nfc_changes += 1
        stripped = normal.strip()
        if stripped:
            paragraphs.append(Paragraph(number, stripped))
    return CleanText(paragraphs, removals, nfc_changes)


def strip_invisible(text: str) -> str:
    """Remove invisible characters from one line of text and normalise it to NFC."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
