"""Regular-expression search: compile safely, fold look-alikes, find what a match must contain.

A regular expression cannot be answered by a word index, so the search runs
it over candidate units (``corpus.search.regexscan``, with the ``regex`` module and
a time budget). To keep that fast on a large corpus the candidates come from
a trigram index where possible: from the parsed pattern we take literal
strings that every match must contain (``Қазақстан(ның|ға)`` needs
``Қазақстан``; ``(Тоқаев|Назарбаев)\\w*`` needs one of the two names) and ask
the trigram index for units containing all their trigrams. Only literals of
three characters or more can be used (a trigram index knows nothing
shorter); a pattern without one (``\\w+лық\\b`` has ``лық``, but
``[әө]\\w+`` has none) is run over every unit.

The requirement is always a necessary condition, never a sufficient one:
every unit it lets through is checked with the real pattern, so a weak
requirement costs time, never results. Literals are compared in the trigram
form (``corpus.search.searchtext.trigram_text``), which folds case the way
``regex`` matches it, so the same requirement serves patterns with and
without IGNORECASE.

Patterns are read by ``re``'s parser (the ``regex`` module has no public
one). The syntax is ``re``'s, which ``regex`` reads alike, plus what only
``regex`` knows (``\\p{Cyrillic}``, variable-length look-behind, fuzzy
matching ``(?:Тоқаев){e<=1}``). Where ``re`` fails, or might read a pattern
differently (a ``{`` that is not a repeat count: ``regex``'s fuzzy
constraints; a ``[`` inside a class: its POSIX classes and set operations),
nothing is required and every unit is scanned.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import regex

from corpus.search.querylang import QueryError
from corpus.search.searchtext import fold_lookalikes, nfc, storable, trigram_text
from corpus.wording import shorten

# The regular-expression parser, private to re (re._parser since Python 3.11).
# If a later Python moves it, patterns are simply not narrowed (every unit is scanned).
try:
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    sre_constants = sre_parse = None

#: The trigram index cannot find anything shorter than this.
MIN_LITERAL = 3
#: Trigrams asked of the index per literal (spread over it): more only slows the lookup.
MAX_TRIGRAMS = 8
#: Literal strings a run may multiply into through alternatives before it is cut.
MAX_ALTERNATIVES = 32

_REPEATS = {
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if sre_constants is not None and hasattr(sre_constants, name)
}
_GROUPS = {
    getattr(sre_constants, name)
    for name in ("SUBPATTERN", "ATOMIC_GROUP")
    if sre_constants is not None and hasattr(sre_constants, name)
}

# A requirement: every clause must hold; a clause holds when any of its literals occurs.
Clause = frozenset[str]


@dataclass(frozen=True)
class Pattern:
    """A compiled user pattern, a faster equivalent for finding units, and required literals.

    ``finder`` matches in exactly the same units as ``regex``, with the same
    first match (see :func:`_finder`); it is what scans run, while ``regex``
    gives the spans.
    """

    source: str
    regex: regex.Pattern[str]
    clauses: tuple[Clause, ...]
    finder: regex.Pattern[str]

    def trigram_query(self) -> str | None:
        """An FTS5 query for the trigram index, or None when nothing can narrow the search."""
        if not self.clauses:
            return None
        parts = []
        for clause in self.clauses:
            alternatives = [_trigram_and(lit) for lit in sorted(clause)]
            parts.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts)


def compile_pattern(source: str, *, match_case: bool = False, fold: bool = False) -> Pattern:
    """Compile a user's regular expression; :class:`QueryError` with the reason if it is bad.

    ``fold`` repairs look-alike letters in the pattern's literal text
    (:func:`fold_pattern`), as ``--fold`` repairs the text searched. A pattern
    that can only ever match empty text is refused like one that matches the
    empty string: an empty match is never a hit, so it would find nothing.
    """
    shown = quoted(source)
    source = nfc(source)  # a NUL or control stays itself: the text has none, so no match
    if fold:
        source = fold_pattern(source)
    if not source.strip():
        raise QueryError("empty regular expression: give a pattern to search for")
    flags = regex.VERSION0 | (0 if match_case else regex.IGNORECASE)
    try:
        compiled = regex.compile(source, flags)
    except regex.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise QueryError(f"invalid regular expression {shown}: {exc.msg}{where}") from None
    except (RecursionError, OverflowError, MemoryError, ValueError) as exc:
        raise QueryError(f"regular expression {shown} is too complex: {exc}") from None
    if compiled.fullmatch("") is not None:
        raise QueryError(
            f"regular expression {shown} matches the empty string, so every unit would "
            "match; make it need at least one character"
        )
    parsed = parse_pattern(source, flags)
    if parsed is not None and parsed.getwidth()[1] == 0:
        raise QueryError(
            f"regular expression {shown} only matches empty text (\\b, ^, $ and "
            "look-arounds take no characters), and an empty match is never a hit; "
            "make it need at least one character, as in \\bҚазақ\\w*"
        )
    return Pattern(source, compiled, _clauses(parsed), _finder(source, compiled, parsed))


def quoted(source: str, limit: int = 60) -> str:
    """A pattern for a message: in quotes as typed (``repr`` would double every
    backslash), cut at ``limit``, with only unprintable characters escaped, so
    that the message stays one line."""
    cut = shorten(source, limit)
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in cut) + "'"


_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))*")


def _finder(
    source: str, compiled: regex.Pattern[str], parsed: sre_parse.SubPattern | None
) -> regex.Pattern[str]:
    """``compiled``, or when it starts with a ``\\w`` repeat of at least one, ``\\b`` + it.

    ``\\w+стан\\b`` is the typical suffix search, and a backtracking engine
    tries it from every position inside every word. A match can always be
    extended left to the start of its word (the repeat takes the extra
    letters), so the leftmost match starts where a letter follows a non-letter:
    at a ``\\b``. Asking for that changes neither which units match nor where
    the first match is, and ``regex`` then skips the middle of words: on
    100,000 sentences holding "стан", 337 ms instead of 665 (``(?<!\\w)``
    gives 531). Such a match is never empty, so the empty-match rule of the
    scan never needs the later matches of the finder.
    """
    if parsed is None or compiled.flags & regex.VERBOSE:
        return compiled
    items = list(parsed)
    if not items or items[0][0] not in _REPEATS:
        return compiled
    low, high, body = items[0][1]  # type: ignore[misc]
    word = [(sre_constants.IN, [(sre_constants.CATEGORY, sre_constants.CATEGORY_WORD)])]
    if low < 1 or high != sre_constants.MAXREPEAT or list(body) != word:
        return compiled
    flags = _GLOBAL_FLAGS.match(source)
    head = flags.group() if flags else ""
    return regex.compile(f"{head}\\b(?:{source[len(head) :]})", compiled.flags)


# Where re and regex may read a pattern differently: a "{" that is not a repeat count
# (regex: fuzzy constraints such as {e<=1}; re: a literal), escapes skipped.
_BRACES = re.compile(r"\\[\s\S]|\{(?:\d+(?:,\d*)?|,\d+)\}|(\{)")


def parse_pattern(source: str, flags: int) -> sre_parse.SubPattern | None:
    """``re``'s parse of ``source``, or None where it fails or may differ from ``regex``'s.

    ``re`` warns (FutureWarning) of a ``[`` or a set operator inside a class,
    which ``regex`` reads as POSIX classes and set operations.
    """
    if sre_parse is None or any(m.group(1) for m in _BRACES.finditer(source)):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        try:
            return sre_parse.parse(source, flags & re.IGNORECASE)  # type: ignore[no-any-return]
        except Exception:  # re cannot read it (regex syntax, or too deep): no literals
            return None


# What in a pattern is syntax rather than literal text, for folding: escapes (with
# their hex digits, names and properties), classes, group openings with their names
# and flags, repeat counts and fuzzy constraints, and the single metacharacters.
_SYNTAX = re.compile(
    r"""
      \\ (?: [pPN]\{[^}]*\}? | [pP]. | x[0-9a-fA-F]{0,2} | u[0-9a-fA-F]{0,4}
          | U[0-9a-fA-F]{0,8} | [gL]<[^>]*>? | [\s\S]? )
    | \[ \^? \]? (?: \[:[^\]]*:\] | \\[\s\S] | [^\]] )* \]?
    | \(\? (?: \#[^)]* | P?<(?![=!])[^>]*>? | P[=>][^)]* | &[^)]* | \([^)]*\)
             | <?[=!] | [a-zA-Z0-9^-]*[:)]? | [|>] )
    | \{[^}]*\}?
    | [.^$*+?|()]
    """,
    re.VERBOSE,
)


def fold_pattern(source: str) -> str:
    """``source`` with look-alike letters repaired in its literal text, as in indexed text.

    ``бiрге`` (a Latin ``i``) becomes ``бірге``, so that ``--fold`` finds in a
    pattern what it finds in a word query. Only characters that stand for
    themselves are looked at, each stretch between syntax taken as text:
    escapes (``\\b``, ``\\w``, ``\\p{…}``, ``\\x69``), classes (their ranges
    stay valid), group names and flags, and repeat counts are left as they
    are. The repair is letter for letter, so the pattern keeps its shape.
    """
    literal = [True] * len(source)
    for match in _SYNTAX.finditer(source):
        literal[match.start() : match.end()] = [False] * (match.end() - match.start())
    view = "".join(ch if keep else " " for ch, keep in zip(source, literal, strict=True))
    folded = fold_lookalikes(view)
    if folded is None:
        return source
    return "".join(
        new if keep else old for old, new, keep in zip(source, folded, literal, strict=True)
    )


def required_literals(source: str, flags: int = 0) -> tuple[Clause, ...]:
    """Clauses of literals (in trigram form) that every match of ``source`` contains.

    Returns no clause when ``re`` cannot be trusted to read the pattern as
    ``regex`` does (:func:`parse_pattern`) or it has no usable literal: the caller
    then scans every unit.
    """
    return _clauses(parse_pattern(source, flags))


def _clauses(parsed: sre_parse.SubPattern | None) -> tuple[Clause, ...]:
    """The distinct clauses a parsed pattern requires (none for None)."""
    if parsed is None:
        return ()
    clauses = _sequence(list(parsed))
    best: dict[Clause, None] = {}
    for clause in clauses:
        best.setdefault(clause, None)
    return tuple(best)


def _sequence(items: list[tuple[object, object]]) -> list[Clause]:
    """Clauses required by a sequence of parsed items (each clause holds in every match).

    Consecutive literals make a run; a group of literal alternatives right in
    it (``Қазақстан(ның|ға)``, ``[ыі]``) multiplies the run into several, any
    of which a match contains (``қазақстанның`` or ``қазақстанға``).
    """
    clauses: list[Clause] = []
    runs = [""]

    def flush() -> None:
        nonlocal runs
        if runs != [""] and all(len(r) >= MIN_LITERAL for r in runs):
            clauses.append(frozenset(trigram_text(r) for r in runs))
        runs = [""]

    for op, av in items:
        if op is sre_constants.LITERAL and storable(chr(av)):  # type: ignore[arg-type]
            runs = [r + chr(av) for r in runs]  # type: ignore[arg-type]
            continue
        if op is sre_constants.AT:
            continue  # ^ $ \b take no characters: the literals on both sides touch
        choices = _alternatives(op, av)
        if choices is not None and len(runs) * len(choices) <= MAX_ALTERNATIVES:
            runs = [r + c for r in runs for c in choices]
            continue
        flush()
        if op in _GROUPS:
            body = av[-1] if isinstance(av, tuple) else av  # (group, add, del, body) or body
            clauses += _sequence(list(body))
        elif op in _REPEATS:
            low, _high, body = av  # type: ignore[misc]
            if low >= 1:
                clauses += _sequence(list(body))
        elif op is sre_constants.BRANCH:
            _, branches = av  # type: ignore[misc]
            choice = _branch(branches)
            if choice:
                clauses.append(choice)
        # anything else (classes, ., back-references, look-arounds) requires nothing
    flush()
    return clauses


def _alternatives(op: object, av: object) -> list[str] | None:
    """The strings an item can match when it is a small choice of literals, else None.

    ``(ның|ға)``, ``(?:ның|ға)``, ``ның|ға`` inside a group, and ``[ыі]``.
    """
    if op in _GROUPS:
        body = list(av[-1] if isinstance(av, tuple) else av)  # type: ignore[index, arg-type]
        if len(body) == 1:
            return _alternatives(*body[0])
        return _literals(body)
    if op is sre_constants.BRANCH:
        found = []
        for branch in av[1]:  # type: ignore[index]
            text = _literals(list(branch))
            if text is None:
                return None
            found += text
        return found
    if op is sre_constants.IN:
        members = list(av)  # type: ignore[call-overload]
        if all(kind is sre_constants.LITERAL and storable(chr(c)) for kind, c in members):
            return [chr(c) for _, c in members]
    return None


def _literals(items: list[tuple[object, object]]) -> list[str] | None:
    """A sequence of plain literals as one string (in a list), else None."""
    if all(op is sre_constants.LITERAL and storable(chr(av)) for op, av in items):  # type: ignore[arg-type]
        return ["".join(chr(av) for _, av in items)]  # type: ignore[arg-type]
    return None


def _branch(branches: list[object]) -> Clause | None:
    """One literal from each alternative, or None if some alternative needs none."""
    chosen: set[str] = set()
    for branch in branches:
        required = _sequence(list(branch))  # type: ignore[call-overload]
        if not required:
            return None
        best = max(required, key=lambda clause: min(len(lit) for lit in clause))
        chosen |= best
    return frozenset(chosen)


def _trigram_and(literal: str) -> str:
    """All (or, for a long literal, a spread of) the literal's trigrams, ANDed."""
    grams = [literal[i : i + MIN_LITERAL] for i in range(len(literal) - MIN_LITERAL + 1)]
    if len(grams) > MAX_TRIGRAMS:
        step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
        grams = [grams[round(k * step)] for k in range(MAX_TRIGRAMS)]
    unique = list(dict.fromkeys(grams))
    quoted = ['"' + g.replace('"', '""') + '"' for g in unique]
    return quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"
