"""Making sentence text safe for XML 1.0 and for CAT tools, reporting every change.

A TMX with one forbidden character is not XML at all, and OmegaT, Trados and
memoQ then refuse the whole file or, worse, drop units without a word. lxml
refuses NUL, ``\\x0b`` and U+FFFE when text is set, but lets DEL (``\\x7f``)
and the C1 controls through, which XML 1.0 allows yet every CAT tool treats as
garbage. So exports do not rely on lxml: each text goes through
:func:`sanitize`, which

* removes what XML 1.0 forbids: C0 controls other than tab, line feed and
  carriage return, lone surrogates, U+FFFE and U+FFFF;
* removes what XML 1.0 discourages and no translator typed: DEL, the C1
  controls (U+0080–U+009F) and the noncharacters U+FDD0–U+FDEF;
* removes stray invisible characters: zero-width space, word joiner, byte
  order mark, Mongolian vowel separator, bidi controls (Kazakh and English
  are both written left to right), and zero-width (non-)joiners that are not
  between two visible characters, where they can have a purpose;
* puts a space where a removed control character stood between two words
  (a vertical tab or NEL used as a line break), so words are not glued;
* normalises to NFC, so that a decomposed ``и`` + breve is the letter ``й``.

Nothing is changed silently: :func:`sanitize` returns the clean text and one
:class:`Change` per change, which the exports report and the quality checks
turn into findings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from corpus.text.clean import SPACE_CONTROLS, char_name

ChangeKind = Literal["illegal", "invisible", "nfc", "line-break"]

# Forbidden by XML 1.0 (a document holding them is not well-formed).
_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# Allowed by XML 1.0 but discouraged, and never typed by a translator.
_DISCOURAGED = "\x7f-\x9f\ufdd0-\ufdef"
# Invisible characters with no use in Kazakh or English sentences.
_STRAY = "\u180e\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# Joiners that matter between two visible characters (emoji sequences, some scripts).
_JOINERS = "\u200c\u200d"

_UNSAFE = re.compile(f"[{_FORBIDDEN}{_DISCOURAGED}{_STRAY}{_JOINERS}]")
_ILLEGAL = re.compile(f"[{_FORBIDDEN}{_DISCOURAGED}]")


@dataclass(frozen=True)
class Change:
    """One change :func:`sanitize` made.

    ``column`` is 1-based in the original text; ``char`` is the character
    removed (empty for an NFC normalisation, which may change many).
    """

    column: int
    char: str
    kind: ChangeKind
    spaced: bool = False  # a control between two words, replaced by a space

    def describe(self) -> str:
        """The change as a translator reads it: where, what and why."""
        if self.kind == "nfc":
            return "normalised to Unicode NFC (composed letters)"
        if self.kind == "line-break":
            name = char_name(self.char)
            return f"column {self.column}: line break {name} replaced by a space"
        action = "replaced by a space" if self.spaced else "removed"
        return f"column {self.column}: {action} {char_name(self.char)} ({self.reason})"

    @property
    def reason(self) -> str:
        if self.kind == "invisible":
            return "a stray invisible character"
        if 0xD800 <= ord(self.char) <= 0xDFFF:
            return "a lone surrogate, not a character"
        if self.char == "\x7f" or "\x80" <= self.char <= "\x9f":
            return "a control character CAT tools reject"
        if self.char in "\ufffe\uffff":
            return "a Unicode noncharacter, not allowed in XML 1.0"
        if "\ufdd0" <= self.char <= "\ufdef":
            return "a Unicode noncharacter"
        return "not allowed in XML 1.0"


def sanitize(text: str) -> tuple[str, list[Change]]:
    """``text`` made safe for XML 1.0 and CAT tools, and the list of what changed.

    Clean text (the usual case) is returned as it is with an empty list, after
    one regular-expression search and one NFC test, both in C.
    """
    changes: list[Change] = []
    if _UNSAFE.search(text):
        text, changes = _remove(text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        changes.append(Change(0, "", "nfc"))
    return text, changes


_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def one_line(text: str) -> tuple[str, list[Change]]:
    """``text`` with line breaks turned into spaces, for formats with one unit a line.

    Run after :func:`sanitize`, which keeps line feeds and carriage returns
    (XML allows them) and removes the other line-breaking controls.
    """
    if not _LINE_BREAK.search(text):
        return text, []
    changes = [Change(m.start() + 1, m.group(), "line-break") for m in _LINE_BREAK.finditer(text)]
    return _LINE_BREAK.sub(" ", text), changes


@dataclass(frozen=True)
class TextChange:
    """A change in one unit's text: which unit, which field, what changed."""

    tuid: str
    side: str  # "kk", "en", or the attribute or property changed ("x-document", "tuid")
    change: Change

    def describe(self) -> str:
        return f"{self.tuid} ({self.side}): {self.change.describe()}"


def clean_field(
    text: str, tuid: str, side: str, changes: list[TextChange], *, single_line: bool = False
) -> str:
    """``text`` sanitised (and made one line if asked), each change appended to ``changes``."""
    if is_safe(text) and not (single_line and _LINE_BREAK.search(text)):
        return text
    clean, found = sanitize(text)
    if single_line:
        clean, breaks = one_line(clean)
        found += breaks
    changes.extend(TextChange(tuid or clean, side, change) for change in found)
    return clean


def is_safe(text: str) -> bool:
    """Whether :func:`sanitize` would leave ``text`` unchanged."""
    return _UNSAFE.search(text) is None and (
        text.isascii() or unicodedata.is_normalized("NFC", text)
    )


def _remove(text: str) -> tuple[str, list[Change]]:
    out: list[str] = []
    changes: list[Change] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if not _UNSAFE.match(ch):
            out.append(ch)
            continue
        between = 0 < i < last and _visible(text[i - 1]) and _visible(text[i + 1])
        if ch in _JOINERS and between:
            out.append(ch)  # a joiner doing its job between two characters
            continue
        kind: ChangeKind = "illegal" if _ILLEGAL.match(ch) else "invisible"
        spaced = ch in SPACE_CONTROLS and between
        if spaced:
            out.append(" ")
        changes.append(Change(i + 1, ch, kind, spaced))
    return "".join(out), changes


def _visible(ch: str) -> bool:
    return not ch.isspace() and _UNSAFE.match(ch) is None
