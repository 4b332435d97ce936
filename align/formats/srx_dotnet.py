"""SRX expressions for .NET tools (Trados, memoQ): characters beyond U+FFFF as surrogate pairs.

kopir's emoji classes hold ranges beyond U+FFFF (``[\\U0001f000-\\U0001faff…]``).
Java and ICU read a pattern by code point, but .NET's regex reads it, and the
text, as UTF-16 units: such a class becomes a high surrogate, a reversed
range (low surrogate to high surrogate) and a low surrogate, which .NET
refuses, so the whole rule file fails to load. Here each class holding such
characters is rewritten as an alternation: the class of its characters up to
U+FFFF, or one high surrogate (or a run of them) followed by a class of low
surrogates, written as ``\\uXXXX`` escapes. .NET matches that against the
two units of an emoji; Java still compiles it, but reads the escapes as lone
surrogates that never match, which is why the SRX file for Java tools
(OmegaT, Okapi) keeps the plain form and this one is a separate export.
"""

from __future__ import annotations

import regex

#: The one item of a class: an escape (``\\p{Lu}``, ``\\s``, ``\\]``) or one character.
_ITEM = regex.compile(r"\\[pP]\{[^}]*\}|\\.|.", regex.DOTALL)


def dotnet_pattern(pattern: str) -> str:
    """``pattern`` with every class holding characters beyond U+FFFF as a surrogate alternation.

    Raises :class:`ValueError` for a negated class holding them (kopir writes
    none: its negation would need the pairs excluded, which one class cannot say).
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            out.append(_rewrite_class(pattern[i + 1 : end]))
            i = end + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """The index of the ``]`` closing the class opened at ``start``."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":  # a ']' first is a literal
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    raise ValueError(f"unclosed character class in {pattern!r}")


def _rewrite_class(body: str) -> str:
    """One class body, as it was or as ``(?:[BMP part]|pairs…)``."""
    negated = body.startswith("^")
    items = _ITEM.findall(body[1:] if negated else body)
    kept: list[str] = []
    astral: list[tuple[int, int]] = []
    k = 0
    while k < len(items):
        if k + 2 < len(items) and items[k + 1] == "-":
            low, high, text = items[k], items[k + 2], "".join(items[k : k + 3])
            k += 3
        else:
            low = high = text = items[k]
            k += 1
        beyond = [len(end) == 1 and ord(end) > 0xFFFF for end in (low, high)]
        if all(beyond):
            astral.append((ord(low), ord(high)))
        elif any(beyond):
            raise ValueError(f"a range across U+FFFF in [{body}]")
        else:
            kept.append(text)
    if not astral:
        return f"[{body}]"
    if negated:
        raise ValueError(f"a negated class beyond U+FFFF cannot be written for .NET: [{body}]")
    branches = [f"[{''.join(kept)}]"] if kept else []
    branches += _pairs(astral)
    return "(?:" + "|".join(branches) + ")"


def _units(code: int) -> tuple[int, int]:
    code -= 0x10000
    return 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)


def _pairs(ranges: list[tuple[int, int]]) -> list[str]:
    """Code point ranges beyond U+FFFF as ``high[low-low]`` pieces, whole blocks joined."""
    by_high: dict[int, list[tuple[int, int]]] = {}
    for first, last in ranges:
        for high in range(_units(first)[0], _units(last)[0] + 1):
            low_from = _units(first)[1] if high == _units(first)[0] else 0xDC00
            low_to = _units(last)[1] if high == _units(last)[0] else 0xDFFF
            by_high.setdefault(high, []).append((low_from, low_to))
    pieces: list[tuple[int, int, str]] = []  # first high, last high, low class
    for high in sorted(by_high):
        lows = "".join(_span(a, b) for a, b in sorted(by_high[high]))
        if pieces and pieces[-1][2] == lows and pieces[-1][1] == high - 1:
            pieces[-1] = (pieces[-1][0], high, lows)
        else:
            pieces.append((high, high, lows))
    return [f"[{_span(a, b)}][{lows}]" for a, b, lows in pieces]


def _span(first: int, last: int) -> str:
    return f"\\u{first:04X}" if first == last else f"\\u{first:04X}-\\u{last:04X}"
