"""kopir's sentence segmentation as SRX rules, for the CAT tool to share.

A translation memory only gives exact matches when the CAT tool cuts the
source text where kopir cut it. This module restates the decisions of
:mod:`corpus.text.segment` as an ordered list of SRX 2.0 rules (a
"before the break" and an "after the break" regular expression, break or
no break; the first rule that matches at a position decides), built from
the same data the segmenter uses: its punctuation, quote and dash
characters and the abbreviation lists of :mod:`corpus.text.abbreviations`.
So an abbreviation added to a list is in the exported rules too, and
``tests/align/formats/test_srx.py`` proves on the seed texts and the segmenter's own
examples that the rules cut exactly where the segmenter does.

The expressions keep to what Java (OmegaT, Okapi), .NET (Trados, memoQ) and
ICU agree on: ``\\p{…}`` classes instead of ``\\w``/``\\d``/``\\b`` (ASCII-only in
Java), one-character lookbehinds, letter classes like ``[Жж]`` instead of a
case-insensitive flag, and an "after" expression that consumes only
whitespace (OmegaT scans each rule's matches left to right without overlap).

:func:`split_with_rules` applies the rules as SRX says (and OmegaT does):
it is the reference the tests compare with the segmenter.

The web-text rules of the segmenter (lower-case starts, glued ``!``/``?``,
emoji, emoticons and hashtags, list numbers after a sentence) are here too,
with the emoji characters of :mod:`corpus.text.webmarks`; every rule at the
punctuation is repeated with a tail of emoji or hashtags, which moves the
break past the tail (``tests/corpus/text/test_srx_web.py`` holds them to the segmenter on
the noisy gold set). One thing SRX cannot count: whether doubled closing
brackets close open ones. The rules know two nested levels (``(мыс. (Абай
жолы)) Келесі``); deeper nesting before a capital breaks where kopir does not.
"""

from __future__ import annotations

import itertools
import re as _re
from dataclasses import dataclass

import regex

from corpus.text import segment, structure, webmarks
from corpus.text.abbreviations import LISTS, NUMBER_WORDS

#: The segmenter's characters: closing and opening quotes/brackets, dialogue dashes.
CLOSERS = segment._CLOSERS
OPENERS = segment._OPENERS
DASHES = segment._DASHES
TERMINALS = ".!?…"
#: Capital then small letter, any script: a sentence glued to the period
#: (``болды.Бұл``, ``kezdesti.Kezdesýde``).
GLUED_START = r"\p{Lu}\p{Ll}"

#: The start of a line: a CAT tool may hand over several lines as one paragraph.
LINE_START = "(?m:^)"


@dataclass(frozen=True)
class Rule:
    """One SRX rule: at a position where ``before`` ends and ``after`` starts."""

    is_break: bool
    before: str
    after: str
    why: str


def _cls(chars: str) -> str:
    """A character class of ``chars``, each escaped (``-``, ``]`` and ``\\`` are special)."""
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"


# Python's str.isspace() is what the segmenter splits on; Java's \s is ASCII only,
# so the separators (no-break spaces and the like) are named too.
_WS_INNER = r"\s\p{Z}"
WS = f"[{_WS_INNER}]"
WORD_START = f"(?<![^{_WS_INNER}])"  # at the paragraph's start or after whitespace
P = _cls(TERMINALS)
C = _cls(CLOSERS)
O = _cls(OPENERS)  # noqa: E741 — the name the segmenter's docstrings use
D = _cls(DASHES)
#: Where the segmenter looks for the next sentence's first letter: past one dash,
#: then whitespace and opening quotes.
NEXT = f"{D}?[{_WS_INNER}{_cls(OPENERS)[1:-1]}]*"
#: The end of a word checked against a list: its closers, then the period itself
#: (``ж.`` or ``ж».``; the segmenter strips closers and one inner period).
WORD_END = rf"\.?{C}*\."

# Web text (the segmenter's rules 1-5; emoji, emoticons and hashtags from corpus.text.webmarks).
_WORD = r"[\p{L}\p{N}_]"  # Python's \w, which the segmenter uses
_EMOJI = f"[{webmarks.EMOJI_CHARS}][{webmarks.EMOJI_CHARS}{webmarks.EMOJI_JOINERS}]*"
_HASHTAG = f"#{_WORD}+"
_EMOTICON = rf"(?:[:;]-?[)(DPР](?!{_WORD})|\){{2,}}|\({{2,}})"
_TOKEN_START = f"(?:[{webmarks.EMOJI_CHARS}]|#{_WORD})"
#: Emoji and hashtags right after the punctuation (glued or spaced).
TAIL = f"(?:{WS}*(?:{_EMOJI}|{_HASHTAG}))+"
#: Where a tail ends: not before a joiner, not inside a hashtag, no token after it.
END_OF_TAIL = f"(?![{webmarks.EMOJI_JOINERS}])(?!(?<={_WORD}){_WORD})(?!{WS}*{_TOKEN_START})"
#: Emoji, emoticons and hashtags that end a sentence with no punctuation.
BARE_TAIL = (
    rf"(?:\p{{L}}[ \t]*{_EMOTICON}|{_WORD}(?:[ \t]*{_EMOJI}|{WS}+{_HASHTAG}))"
    rf"(?:[ \t]*(?:{_EMOJI}|{_EMOTICON})|{WS}+{_HASHTAG})*"
)
#: Speech verbs after which a small letter continues the sentence (segment._SPEECH_VERB).
SPEECH_VERB = (
    r"(?:де(?:п|ді|йді|ймін|дім|пті|ген\p{L}*|се\p{L}*|йсің)|dep|ded[iı]|de[ıi]d[iı]|degen\p{L}*)"
    rf"[^{_WS_INNER}\p{{L}}\p{{N}}_]*(?:{WS}|$)"
)
_PLAIN = r"\p{L}+(?:[-'’]\p{L}+)*"
#: An ordinary word of two letters or more with a small letter in it (not an acronym).
_PLAIN_SMALL = r"(?=[\p{L}\-'’]*\p{Ll})(?:\p{L}{2,}(?:[-'’]\p{L}+)*|\p{L}(?:[-'’]\p{L}+)+)"
#: What may stand right before a list number: the end of a sentence, a colon, an emoji.
_AFTER_SENTENCE = f"[.!?…:;#{_cls(CLOSERS)[1:-1]}{webmarks.EMOJI_CHARS}{webmarks.EMOJI_JOINERS}]"


def _letters(word: str) -> str:
    """``т.б`` as ``[Тт]\\.[Бб]``: either case, with no flag the tools disagree on."""
    out = []
    for ch in word:
        upper, lower = ch.upper(), ch.lower()
        if ch.isalpha() and upper != lower and len(upper) == 1:
            out.append(f"[{upper}{lower}]")
        else:
            out.append(_re.escape(ch) if not ch.isalnum() else ch)
    return "".join(out)


def _words(keys: frozenset[str]) -> str:
    return "(?:" + "|".join(_letters(k) for k in sorted(keys, key=lambda k: (-len(k), k))) + ")"


def _listed(keys: frozenset[str]) -> str:
    """A whole word that is one of ``keys`` (openers before it allowed), with its period."""
    return f"{WORD_START}{O}*{_words(keys)}{WORD_END}"


def rules_for(lang: str, *, structure: bool = True) -> list[Rule]:
    """The ordered SRX rules that cut a paragraph of ``lang`` as kopir does.

    With ``structure`` (what is exported), the cuts of kopir's ingest come
    first (:func:`_structure_rules`); without, the rules are
    :mod:`corpus.text.segment`'s alone, which is what the tests compare
    with it.
    """
    if lang not in LISTS:
        raise ValueError(f"unsupported language {lang!r}: use one of {tuple(LISTS)}")
    non_final, final_ok = LISTS[lang]
    numbers = NUMBER_WORDS & final_ok
    after_ws = f"(?:{WS}+|(?=#{_WORD}))"  # "Бітті.#Алматы қаласында": decided at the "#"
    small = f"{after_ws}(?={NEXT}\\p{{Ll}})"
    dotted = rf"{WORD_START}{O}*(?=[^{_WS_INNER}]*\p{{Ll}})(?:\p{{L}}{{1,4}}\.)+\p{{L}}{{1,4}}"
    acronym = (
        rf"(?=[^{_WS_INNER}\p{{L}}]*\p{{Lu}}[^{_WS_INNER}\p{{L}}]*\p{{Lu}}"
        rf"(?:[^{_WS_INNER}\p{{L}}]|\p{{Lu}})*(?:{WS}|$))"
    )
    rules = [
        Rule(True, "\n", ".", "a line break: kopir takes each line as a paragraph"),
        *(_structure_rules() if structure else []),
        *_tail_rules(),
    ]
    # Rules at the punctuation; each is repeated for the same punctuation with a tail
    # of emoji or hashtags after it, which moves the break past the tail.
    at_punctuation: list[Rule] = []
    if lang == "kk":
        at_punctuation += [
            Rule(False, f"{P}+{C}+", small, "a small letter after a closing quote continues"),
            Rule(False, f"{P}+", f"{after_ws}(?={D})(?={NEXT}\\p{{Ll}})", "a dialogue attribution"),
            Rule(False, rf"(?:\.\.|…){P}*", small, "a small letter after an ellipsis continues"),
            Rule(False, f"{P}+", f"{after_ws}(?={SPEECH_VERB})", "a speech verb continues"),
            Rule(True, f"(?:{P}{{2,}}|[!?])", small, "a small letter after ! or ? starts one"),
            Rule(
                False, _listed(non_final | final_ok), small, "a small letter after an abbreviation"
            ),
            Rule(
                True,
                f"{WORD_START}{O}*{_PLAIN_SMALL}{WORD_END}",
                small,
                "a small letter after a word",
            ),
        ]
    at_punctuation += [
        Rule(False, f"{P}+{C}*", small, "a small letter continues"),
        Rule(True, f"{P}+{C}+", after_ws, "a closing quote or bracket after the end"),
        Rule(True, f"(?:{P}{{2,}}|[!?…])", after_ws, "! ? … and runs of punctuation"),
    ]
    if non_final:
        at_punctuation.append(
            Rule(False, _listed(non_final), after_ws, "an abbreviation inside a sentence")
        )
    if final_ok:
        at_punctuation.append(
            Rule(
                False,
                _listed(final_ok),
                f"{after_ws}(?={NEXT}\\p{{Nd}})",
                "a number after an abbreviation",
            )
        )
    if numbers:
        at_punctuation.append(
            Rule(False, _listed(numbers), f"{after_ws}{acronym}", "an acronym after a number word")
        )
    if final_ok:
        at_punctuation.append(
            Rule(True, _listed(final_ok), after_ws, "an abbreviation that may end")
        )
    at_punctuation += [
        Rule(
            False,
            f"{dotted}{WORD_END}",
            f"{after_ws}(?={NEXT}\\p{{Nd}})",
            "a number after a dotted abbreviation",
        ),
        Rule(True, f"{dotted}{WORD_END}", after_ws, "a dotted abbreviation that may end"),
        Rule(
            False,
            rf"{WORD_START}{O}*(?:\p{{Lu}}\.-?)*\p{{Lu}}{WORD_END}",
            f"{after_ws}(?={NEXT}\\p{{Lu}})",
            "initials before a name",
        ),
        Rule(False, rf"{LINE_START}{WS}*{O}*\p{{Nd}}+{WORD_END}", after_ws, "a list number"),
        Rule(
            True,
            rf"{_listed(non_final)}{WS}+{O}*\p{{Nd}}{{1,3}}{WORD_END}",
            after_ws,
            "a number after an abbreviation inside a sentence: a date, no list number",
        ),
        Rule(
            False,
            rf"{_AFTER_SENTENCE}{WS}+{O}*\p{{Nd}}{{1,3}}{WORD_END}",
            after_ws,
            "a list number after a sentence",
        ),
        Rule(True, P, after_ws, "the end of a sentence"),
    ]
    glued_acronym = f"(?=[{segment.CYRILLIC_CAPITALS}]{{2,}}(?!\\p{{L}}))"
    rules += [
        Rule(
            True,
            rf"{WORD_START}\p{{Ll}}{{2,}}\.{C}*",
            f"(?=[{segment._GLUED_OPENERS}]?{GLUED_START})",
            "a period glued to the next sentence (or to the quote opening it)",
        ),
        Rule(
            False,
            rf"{WORD_START}{_words(non_final | final_ok)}\.{C}*",
            glued_acronym,
            "an abbreviation glued to an acronym: млн.АҚШ",
        ),
        Rule(
            True,
            rf"{WORD_START}\p{{Ll}}{{2,}}\.{C}*",
            glued_acronym,
            "a period glued to an acronym opening the next sentence",
        ),
    ]
    if lang == "kk":
        rules += _glued_rules()
    for rule in at_punctuation:
        gap = f"{END_OF_TAIL}{WS}*" + rule.after.removeprefix(after_ws)
        rules += [rule, Rule(rule.is_break, rule.before + TAIL, gap, rule.why + ", after emoji")]
    return rules


def _tail_rules() -> list[Rule]:
    """Emoji and hashtags: where a sentence ends with them (the segmenter's rules 3 and 4)."""
    tail_then = f"(?>{TAIL}){WS}*"
    return [
        Rule(
            False,
            f"{P}+{C}*",
            f"(?=(?:{WS}*{_HASHTAG})*{WS}*[{webmarks.EMOJI_CHARS}])",
            "emoji after the end belong to the sentence",
        ),
        Rule(
            False,
            f"{P}+{C}*",
            f"(?={tail_then}(?:$|[^{_WS_INNER}\\p{{Ll}}]))",
            "hashtags after the end belong to the sentence",
        ),
        Rule(
            False,
            r"\([^()]*\([^()]*\p{L}\)\)",
            f"{WS}*(?={NEXT}\\p{{Lu}})",
            "two brackets closing two open ones are no emoticon",
        ),
        Rule(
            True,
            BARE_TAIL,
            f"{END_OF_TAIL}{WS}*(?={NEXT}\\p{{Lu}})",
            "emoji or hashtags end a sentence before a capital",
        ),
        Rule(
            False,
            f"{P}+{C}*(?:{WS}*{_HASHTAG})+",
            f"{END_OF_TAIL}{WS}*(?=\\p{{Ll}})",
            "hashtags before a small letter open the next sentence",
        ),
    ]


def _glued_rules() -> list[Rule]:
    """``жоқ?!Нормально``: ! or ? glued to the next sentence (the segmenter's rule 2)."""
    # The word up to the mark may hold no URL sign (the segmenter looks before the mark only).
    word = f"{WORD_START}(?:(?!www\\.)[^{_WS_INNER}/@=&])*[\\p{{L}}\\p{{N}}]"
    return [
        Rule(True, f"{word}[!?]+{C}*", "(?=\\p{Lu})", "! or ? glued to a capital"),
        Rule(
            True,
            f"{WORD_START}{O}*{_PLAIN}[!?]+",
            f"(?=\\p{{Ll}})(?!{SPEECH_VERB})",
            "! or ? glued to a small letter after a word",
        ),
    ]


def _structure_rules() -> list[Rule]:
    """Cuts kopir's ingest makes before segmenting: the scraper's date marker and a dateline.

    ``date 2025-11-24 Тақырып`` is the header's date then the title;
    ``АСТАНА. KAZINFORM — Мәтін`` and ``MOSCOW, March 3. /TASS/. Text`` are an opener then
    the text. Built from
    :mod:`corpus.text.structure`'s own patterns, named groups made plain.
    """
    marker = _plain(structure._DATE_MARKER.pattern).removeprefix("^").removesuffix(r"\b\s*")
    end = r"(?:\s+|$)"  # the text after the dateline, or the end of its line
    dateline = _plain(structure._DATELINE.pattern).removeprefix("^").removesuffix(end)
    place, agency = dateline.split(r"\.\s+", 1)
    wire = _plain(structure._WIRE_DATELINE.pattern).removeprefix("^").removesuffix(end)
    dated, slashed = wire.split(r"\.\s+", 1)
    start = f"{LINE_START}{WS}*"  # ingest strips a line before it looks
    # a dateline opens the line, or follows the marker on it (ingest cuts the marker first)
    opens = f"{start}(?:{marker}{WS}+)?"
    whole = f"(?:{WS}|$)"  # a dateline glued to its text is none
    return [
        Rule(True, f"{start}{marker}", r"\s", "the scraper's date marker before the title"),
        Rule(False, f"{opens}{place}\\.", rf"\s+(?={agency}{whole})", "a dateline's place"),
        *_inside_dateline(opens, place, whole),
        Rule(True, f"{opens}{dateline}", r"\s", "a dateline before the text"),
        Rule(
            False,
            f"{opens}{dated}\\.",
            rf"\s+(?={slashed}{whole})",
            "a wire dateline's place and date",
        ),
        Rule(True, f"{opens}{wire}", r"\s", "a wire dateline before the text"),
    ]


def _inside_dateline(opens: str, place: str, whole: str) -> list[Rule]:
    """No break between the words of a dateline's agency (``АСТАНА. 15 қаңтар. ҚазАқпарат -``).

    Ingest takes the whole dateline as one sentence, but its words may end in a
    period (a date's month), where the segmenter's rules would cut. SRX cannot
    count words across the break, so there is one rule for each number of words
    before it, the rest (up to :mod:`corpus.text.structure`'s limit) after it.
    """
    first, word = structure._DATELINE_FIRST, structure._DATELINE_WORD
    more = structure._DATELINE_MORE
    opener = f"{opens}{place}\\.\\s+{first}"
    return [
        Rule(
            False,
            f"{opener}(?:\\s+{word}){{{before}}}",
            rf"\s+(?={word}(?:\s+{word}){{0,{more - 1 - before}}}\s+[–—-]{whole})",
            "inside a dateline's agency",
        )
        for before in range(more)
    ]


def _plain(pattern: str) -> str:
    """A Python pattern for every engine: ``(?P<name>…)`` groups made non-capturing."""
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern)


_COMPILED: dict[tuple[str, bool], list[tuple[bool, regex.Pattern[str]]]] = {}


def split_with_rules(paragraph: str, lang: str = "kk", *, structure: bool = False) -> list[str]:
    """Cut ``paragraph`` by :func:`rules_for` as SRX specifies, whitespace trimmed.

    At every position the first rule whose ``before`` ends there and whose
    ``after`` starts there decides; with none, there is no break. This is the
    reference the tests hold against :func:`corpus.text.segment.split_sentences`.
    """
    key = (lang, structure)
    if key not in _COMPILED:
        _COMPILED[key] = compile_rules(rules_for(lang, structure=structure))
    return split_compiled(paragraph, _COMPILED[key])


def compile_rules(rules: list[Rule]) -> list[tuple[bool, regex.Pattern[str]]]:
    """Each rule as one expression matching the positions it decides."""
    return [(r.is_break, regex.compile(f"(?<={r.before})(?={r.after})", regex.V0)) for r in rules]


def split_compiled(paragraph: str, compiled: list[tuple[bool, regex.Pattern[str]]]) -> list[str]:
    """Cut ``paragraph`` by :func:`compile_rules`'s rules (the first that matches decides)."""
    decided: dict[int, bool] = {}
    for is_break, pattern in compiled:
        for match in pattern.finditer(paragraph):
            decided.setdefault(match.start(), is_break)
    cuts = [0, *sorted(pos for pos, brk in decided.items() if brk), len(paragraph)]
    pieces = (paragraph[a:b].strip() for a, b in itertools.pairwise(cuts))
    return [piece for piece in pieces if piece]
