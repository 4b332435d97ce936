"""Reading raw text files: encoding detection and decoding.

Kazakh text arrives as UTF-8 (with or without a BOM), UTF-16 with a BOM, or
in a legacy Cyrillic code page: Windows-1251, KOI8-R, or KZ-1048 (the Kazakh
variant of 1251). The code pages decode any byte string without error, so they
are told apart by how plausible the decoded text is (see :func:`_plausibility`).

A file that is mostly valid UTF-8 but has a bad byte is broken UTF-8, not a
code page, and reading it is an error that names the byte offset: guessing a
code page there would silently turn the whole file into mojibake.

A code page is only a guess, so the best one must still read as Cyrillic text
(:func:`_implausible`): a French file in Latin-1 read as Windows-1251 turns
"café" into "cafй", Japanese or Chinese bytes into a scatter of Serbian
letters and case flips. Those are refused with a hint to name the encoding,
rather than stored as mojibake nobody notices until a search finds nothing.

A text can also arrive already damaged: Kazakh saved in Windows-1251, which has
no ә ғ қ ң ө ұ ү һ, comes out with ``?`` in their place ("?аза?стан"), whatever
encoding the damaged copy is then read in. :func:`lost_letters` says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError, KopirError, Notice, Remedy

#: Files above this size are refused before reading (a corpus document is an
#: article or a book, not a dump); the command line can raise it.
MAX_BYTES = 200 * 1024 * 1024

LEGACY_ENCODINGS = ("cp1251", "kz1048", "koi8_r")
#: How people call the code pages (Python's codec names are not what a
#: translator's editor shows).
LEGACY_NAMES = {"cp1251": "windows-1251", "kz1048": "KZ-1048", "koi8_r": "KOI8-R"}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# Letters of other Cyrillic alphabets that a wrong code page produces from
# Kazakh bytes (KZ-1048 read as 1251 gives Ђ, Ќ, Ћ, Џ, …).
_FOREIGN_CYRILLIC = set("ЂЃЉЊЌЋЏђѓљњќћџЎўЈҐґЄєЇїЅѕ")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SAMPLE = 1 << 20  # detection looks at the first MiB

_CASE_FLIP = re.compile(r"[а-яәғқңөұүһіё][А-ЯӘҒҚҢӨҰҮҺІЁ]")
_RUSSIAN_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_CYRILLIC_LETTERS = set(_RUSSIAN_LOWER + _RUSSIAN_LOWER.upper()) | _KAZAKH_LETTERS
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
#: Above this share of wrong letters (foreign Cyrillic, box drawing, case
#: flips, other scripts) among the letters a code page produced, the decoding
#: is refused: real Kazakh or Russian text has next to none, mojibake of
#: Japanese, Chinese or Greek 10-25%.
_MAX_WRONG_SHARE = 0.05


_LOWER = frozenset(ch for ch in _CYRILLIC_LETTERS if ch.islower())
_UPPER = _CYRILLIC_LETTERS - _LOWER
_QUERIES = re.compile(r"\?+")
_WORD_END = re.compile(r"(?:[^\W\d_]|\?)*")
#: At least this many words, and this share of the Cyrillic words, with a question mark
#: for a letter make a text damaged: real text has none, a typo one now and then.
_LOST_MIN_WORDS = 2
_LOST_MIN_SHARE = 0.02


@dataclass(frozen=True)
class Decoded:
    """A decoded text and how it was decoded."""

    text: str
    encoding: str
    detected: bool  # False when the caller named the encoding


def read_text(path: Path, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Decoded:
    """Read and decode a raw text file; errors name the file."""
    file_size(path, max_bytes, f"the {max_bytes:,}-byte limit for one document")
    return decode_bytes(read_bounded(path, max_bytes), str(path), encoding)


def file_size(path: Path, max_bytes: int, limit: str, error: type[KopirError] = InputError) -> int:
    """The size of the file at ``path``, refused before reading it when over ``max_bytes``
    (``limit`` says which limit, for the message); ``error`` names the file either way."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise error(f"{path}: {size:,} bytes is over {limit}")
    return size


def read_bounded(
    path: Path,
    max_bytes: int = MAX_BYTES,
    limit: str | None = None,
    error: type[KopirError] = InputError,
) -> bytes:
    """Read at most ``max_bytes``: a device or a pipe has no size for stat to tell.
    ``limit`` says which limit (default: one document's), ``error`` names the file."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        limit = limit or f"the {max_bytes:,}-byte limit for one document"
        raise error(f"{path}: more than {limit}")
    return data


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Decode ``data``: with ``encoding`` if given, else detected.

    Raises :class:`InputError` naming ``name`` and the byte offset of the first
    undecodable byte.
    """
    if encoding:
        return Decoded(_decode_strict(data, name, _check_codec(encoding, name)), encoding, False)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(_decode_strict(data, name, codec), codec.replace("-sig", ""), True)
    _refuse_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", True)
    except UnicodeDecodeError as exc:
        if _looks_like_utf8(data):
            raise InputError(
                f"{name}: invalid UTF-8 at byte offset {exc.start} "
                f"(byte 0x{data[exc.start]:02x}): fix the file, or name its encoding",
                Remedy("encoding"),
            ) from None
    sample = data[:_SAMPLE]
    best = max(LEGACY_ENCODINGS, key=lambda enc: _plausibility(sample.decode(enc, "replace")))
    refusal = _implausible(sample.decode(best, "replace"))
    if refusal:
        reason, likely = refusal
        raise InputError(
            f"{name}: not UTF-8, and read as {LEGACY_NAMES[best]} it {reason}",
            Remedy("encoding", value=likely),
        )
    return Decoded(_decode_strict(data, name, best), best, True)


def detection_note(decoded: Decoded, name: str) -> Notice | None:
    """A warning when the encoding was a code-page guess, for the user to check.

    UTF-8 and a byte-order mark are certain; a legacy code page is chosen by
    how plausible its text looks, so the user is told which one was used, and
    what would correct it (the ``encoding`` option).
    """
    if not decoded.detected or decoded.encoding not in LEGACY_NAMES:
        return None
    return Notice(
        f"{name}: not UTF-8; read as {LEGACY_NAMES[decoded.encoding]} (a guess)",
        Remedy("encoding", "correct it if the letters look wrong"),
    )


def lost_letters(text: str, name: str) -> str | None:
    """A warning when ``text`` has ``?`` in place of letters, as Kazakh saved in a code
    page without its letters does (Windows-1251 turns "Қазақстан" into "?аза?стан");
    None otherwise. A question mark ending a word, or a question that lost its space
    ("Неге?Себебі"), is punctuation, not a lost letter.

    The letters are gone from the file itself, so no encoding reads them back: the
    warning names two of the words and asks for the original.
    """
    lost = []
    last = -1  # where the last damaged word ended: "?аза?стан" is one word
    for query in _QUERIES.finditer(text):
        start, end = query.span()
        if start < last or not _lost_letter(text[start - 1 : start], text[end : end + 2]):
            continue
        while start and (text[start - 1].isalpha() or text[start - 1] == "?"):
            start -= 1
        last = _WORD_END.match(text, end).end()
        lost.append(text[start:last])
    if len(lost) < _LOST_MIN_WORDS:
        return None
    words = sum(1 for word in _WORD.findall(text) if _CYRILLIC_LETTERS.intersection(word))
    if len(lost) < _LOST_MIN_SHARE * words:
        return None
    examples = ", ".join(list(dict.fromkeys(f'"{word}"' for word in lost))[:2])
    return (
        f"{name}: {len(lost):,} words have '?' where a letter was ({examples}): the text "
        "was saved in a code page without Kazakh letters (Windows-1251?); ask for the "
        "original, saved as UTF-8"
    )


def _lost_letter(before: str, after: str) -> bool:
    """Whether a run of ``?`` between ``before`` (the character before it, "" at the
    start) and ``after`` (the next two) stands for letters: opening a lower-case word,
    after a capital ("Б?гін", "?АЗА?СТАН"), between two lower-case letters, or opening a
    word in capitals. A question that lost its space ("Неге?Себебі") has a small letter
    before and a capital after, so it is not one."""
    if not after:
        return False
    if before.isalpha():
        return (before in _UPPER and after[0] in _CYRILLIC_LETTERS) or {before, after[0]} <= _LOWER
    return after[0] in _LOWER or (len(after) == 2 and set(after) <= _UPPER)


def implausible(text: str) -> str | None:
    """Why ``text``, decoded with a code page, is not Cyrillic text (see :func:`_implausible`).

    For other readers of declared encodings (a TEI's XML declaration).
    """
    refusal = _implausible(text)
    return refusal[0] if refusal else None


def _implausible(text: str) -> tuple[str, str] | None:
    """Why ``text``, a code-page decoding, is not Cyrillic text, and the encoding it
    likely is ("" when unknown); None when it is Cyrillic text.

    Two shapes of mojibake: a Western file, where a few Cyrillic letters sit
    inside Latin words ("cafй", "trиs"); and a file in another script, whose
    bytes come out as foreign Cyrillic letters, box drawing and case flips
    ("ЃBЌЎ", "КбЭ"). Kazakh typed with a Latin ``i`` ("бiлiм") is neither: its
    words are mostly Cyrillic.
    """
    latin_words: list[str] = []
    cyrillic_words = 0
    for word in _WORD.findall(text):
        latin = len(_ASCII_LETTER.findall(word))
        if latin == len(word):
            continue
        if latin >= len(word) - latin:
            latin_words.append(word)
        else:
            cyrillic_words += 1
    if latin_words and len(latin_words) >= cyrillic_words:
        return (
            f"puts Cyrillic letters inside Latin words ({', '.join(latin_words[:3])}): "
            "a Western code page?",
            "cp1252",
        )
    right = wrong = 0
    for ch in text:
        if ch in _CYRILLIC_LETTERS:
            right += 1
        elif ch > "\x7f" and (ch.isalpha() or ch == "\ufffd" or "\u2500" <= ch <= "\u259f"):
            wrong += 1
    wrong += len(_CASE_FLIP.findall(text))
    if wrong > _MAX_WRONG_SHARE * (right + wrong):
        return (
            f"is {wrong / (right + wrong):.0%} stray letters and case flips, not Kazakh "
            "or Russian: name the file's encoding, or save it as UTF-8",
            "",
        )
    return None


def _check_codec(encoding: str, name: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    try:
        b"\0\0\0\0".decode(codec)  # rot13, base64, zlib, … are codecs but not text encodings
    except UnicodeError:
        pass
    except LookupError:
        raise InputError(f"{name}: {encoding!r} is not a text encoding") from None
    return codec


def _decode_strict(data: bytes, name: str, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot decode as {codec} at byte offset {exc.start} "
            f"(byte 0x{data[exc.start]:02x})"
        ) from None


def _refuse_binary(data: bytes, name: str) -> None:
    """Refuse data that is not text at all, or UTF-16 without a byte-order mark.

    A few stray control bytes (a NUL pasted into a line) are kept for the
    cleaner to remove and report; more than 1% of them means the file is not
    single-byte or UTF-8 text. UTF-16 shows itself by control bytes (NUL, and
    0x04 for Cyrillic) at every other position.
    """
    sample = data[:_SAMPLE]
    even = len(_CONTROL_BYTES.findall(sample[0::2]))
    odd = len(_CONTROL_BYTES.findall(sample[1::2]))
    if even + odd <= max(8, len(sample) // 100):
        return
    codec = "utf-16-le" if odd > 4 * even else "utf-16-be" if even > 4 * odd else ""
    raise InputError(
        f"{name}: binary data, not text: {even + odd:,} control bytes in the first "
        f"{len(sample):,} bytes"
        + (f" (looks like {codec.upper()} without a BOM)" if codec else ""),
        *([Remedy("encoding", value=codec)] if codec else []),
    )


def _looks_like_utf8(data: bytes) -> bool:
    """True when valid multi-byte UTF-8 sequences outnumber the invalid bytes."""
    text = data[:_SAMPLE].decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    return good > bad


def _plausibility(text: str) -> float:
    """Score a decoding of Cyrillic text: higher is more like real Kazakh or Russian.

    Real text is mostly lower case with capitals only at word starts; a wrong
    code page (KOI8-R read as 1251 and vice versa) swaps the cases, and Kazakh
    bytes read with the wrong page come out as Serbian or Macedonian letters.
    """
    score = 0.0
    for ch in text:
        if "а" <= ch <= "я" or ch == "ё":
            score += 1.0
        elif ch in _KAZAKH_LETTERS:
            score += 1.5
        elif ch in _FOREIGN_CYRILLIC:
            score -= 3.0
        elif ch == "\ufffd" or "\u2500" <= ch <= "\u259f" or "\x80" <= ch <= "\x9f":
            score -= 5.0  # box drawing and C1 controls: bytes read with the wrong page
    score -= 4.0 * len(_CASE_FLIP.findall(text))
    return score
