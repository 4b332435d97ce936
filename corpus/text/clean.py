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
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)


# White space that is also a control character (VT, FF, the separators, NEL):
# between two words it becomes a space, so removing it does not glue them.
SPACE_CONTROLS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")

# Names for the controls Unicode leaves unnamed (unicodedata.name gives none).
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def char_name(ch: str) -> str:
    """``U+0000 NUL``: a code point and its name, for messages."""
    name = _CONTROL_NAMES.get(ch) or unicodedata.name(ch, "")
    if not name:
        name = "SURROGATE" if 0xD800 <= ord(ch) <= 0xDFFF else "CONTROL"
    return f"U+{ord(ch):04X} {name}"


def _between_words(line: str, at: int) -> bool:
    return 0 < at < len(line) - 1 and not line[at - 1].isspace() and not line[at + 1].isspace()


@dataclass(frozen=True)
class Removal:
    """One removed character: where it was (1-based line and column) and which."""

    line: int
    column: int
    char: str
    spaced: bool = False  # white space between two words, replaced by a space

    def describe(self) -> str:
        what = "replaced by a space" if self.spaced else "removed"
        return f"line {self.line}, column {self.column}: {what} {char_name(self.char)}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of cleaned text and the source line it came from (1-based)."""

    line: int
    text: str
    offset: int = 0  # where ``text`` starts in the cleaned line
    removed: tuple[int, ...] = ()  # source offsets of the characters removed from the line

    def column(self, index: int) -> int:
        """The 1-based column in the source line of ``text[index]``."""
        at = self.offset + index
        for gone in self.removed:
            if gone > at:
                break
            at += 1
        return at + 1


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
        removed: tuple[int, ...] = ()
        if _INVISIBLE.search(line):
            found = [(m.start(), m.group()) for m in _INVISIBLE.finditer(line)]
            spaced = {at for at, ch in found if ch in SPACE_CONTROLS and _between_words(line, at)}
            removals.extend(Removal(number, at + 1, ch, at in spaced) for at, ch in found)
            removed = tuple(at for at, _ in found if at not in spaced)
            line = _INVISIBLE.sub(lambda m, keep=spaced: " " if m.start() in keep else "", line)
        normal = unicodedata.normalize("NFC", line)
        if normal != line:
            nfc_changes += 1
        stripped = normal.strip()
        if stripped:
            offset = len(normal) - len(normal.lstrip())
            paragraphs.append(Paragraph(number, stripped, offset, removed))
    return CleanText(paragraphs, removals, nfc_changes)


def strip_invisible(text: str) -> str:
    """Remove invisible characters from one line of text and normalise it to NFC."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def flat(text: str) -> str:
    """``text`` on one line for a fixed-layout view (a concordance line, a listing): tabs and
    line breaks as spaces, one for one, so that offsets into the text still hold. Nothing
    else changes: the view shows the sentence as stored."""
    return text.translate(_FLAT)


_FLAT = {9: " ", 10: " ", 11: " ", 12: " ", 13: " "}
