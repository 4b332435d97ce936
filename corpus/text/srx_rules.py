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
the noisy gold set).

Ingest reads Kazakh printed in the 2018 Latin alphabet or in the Arabic script (төте)
into Cyrillic before it cuts (:func:`corpus.text.structure.side_reader`); a CAT tool sees
the printed letters. So the exported (``structure``) Kazakh rules also hold the lists'
words as those scripts spell them (``j.``, ``mln.``, ``ج.``; found with the readers,
:mod:`corpus.text.script.spellings`), initials written with two Latin letters (``Sh.``),
the Latin alphabet's capitals and months in datelines, the Arabic script's question mark,
and its words as capitals (ingest reads each capitalised: ``م. لايچاك`` is an initial
before a name) and its datelines as ingest's caseless patterns take them. What no rule can
know is how ingest read a whole side or paragraph: a line mostly in other letters
(``شىمكەنت. KAZINFORM –``, under three letters in five Arabic) is read as printed.

One thing SRX cannot count: whether doubled closing
brackets close open ones. The rules know two nested levels (``(мыс. (Абай
жолы)) Келесі``); deeper nesting before a capital breaks where kopir does not.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re as _re
from string import ascii_uppercase

import regex

from corpus.text import segment, structure, webmarks
from corpus.text.abbreviations import LISTS, NUMBER_WORDS
from corpus.text.script import letters as script_letters
from corpus.text.script import tote as tote_script
from corpus.text.script.latin import kk_latin_side_line
from corpus.text.script.spellings import latin_spellings, tote_spellings

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

# Kazakh in other scripts, as ingest reads it (corpus.text.structure.side_reader): the
# Latin alphabet's and the Arabic script's letters and signs, from their readers' tables.
#: The Arabic script's question mark, which ingest reads as "?".
READ_AS_QUESTION = "".join(chr(c) for c, to in tote_script._SIGNS.items() if chr(to) == "?")
#: A letter of the Arabic script as its reader takes a word's letters.
ARABIC_LETTER = tote_script._WORD.pattern.removesuffix("+")
_ARABIC_WORD = f"{ARABIC_LETTER}+(?:-{ARABIC_LETTER}+)*"
#: The capitals of the 2018 Latin alphabet beyond A-Z (Á, Ǵ, Ń, Ó, Ú, Ý).
LATIN_CAPITALS = "".join(
    sorted(
        {ch.upper() for latin, _ in script_letters.KK_LATIN for ch in latin} - set(ascii_uppercase)
    )
)
#: A word of a dateline's agency, and one that shows the agency is one where the script has
#: no capitals (structure._AGENCY_SIGN: Latin letters or digits, or a name the Kazakh
#: press writes in the Arabic script), as ingest asks of a dateline in the Arabic script.
_AGENCY_WORD = r"[^\s–—-][^\s–—]*"
_SIGNS = structure._AGENCY_SIGN.pattern.removesuffix("]") + "".join(
    chr(c) for c, to in tote_script._SIGNS.items() if chr(to).isdigit()
)
_AGENCY_NAMES = sorted(
    {name for agency in structure._TOTE_AGENCIES for name in tote_spellings(agency.lower())}
)
_SIGN_WORD = rf"(?:[^\s–—]*{_SIGNS}]|(?:{'|'.join(_AGENCY_NAMES)})(?=\s))"
_AGENCY_SIGNED = rf"(?=(?:{_AGENCY_WORD}\s+){{0,{structure._DATELINE_MORE}}}{_SIGN_WORD})"


@dataclasses.dataclass(frozen=True)
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
        # a letter whose capital has another small letter (ı, I) is matched as written
        if ch.isalpha() and upper != lower and len(upper) == 1 and upper.lower() == lower:
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
    # Ingest reads Kazakh printed in the Latin alphabet or the Arabic script into Cyrillic
    # before it cuts (corpus.text.structure.side_reader); the rules see the printed text.
    scripts = structure and lang == "kk"
    if scripts:
        non_final, final_ok, numbers = (_spelled(keys) for keys in (non_final, final_ok, numbers))
    p = _cls(TERMINALS + READ_AS_QUESTION) if scripts else P
    ends = "!?" + (READ_AS_QUESTION if scripts else "")  # ! and ? as ingest reads them
    after_ws = f"(?:{WS}+|(?=#{_WORD}))"  # "Бітті.#Алматы қаласында": decided at the "#"
    small = f"{after_ws}(?={NEXT}\\p{{Ll}})"
    dotted = rf"{WORD_START}{O}*(?=[^{_WS_INNER}]*\p{{Ll}})(?:\p{{L}}{{1,4}}\.)+\p{{L}}{{1,4}}"
    acronym = (
        rf"(?=[^{_WS_INNER}\p{{L}}]*\p{{Lu}}[^{_WS_INNER}\p{{L}}]*\p{{Lu}}"
        rf"(?:[^{_WS_INNER}\p{{L}}]|\p{{Lu}})*(?:{WS}|$))"
    )
    rules = [
        Rule(True, "\n", ".", "a line break: kopir takes each line as a paragraph"),
        *(_structure_rules(scripts) if structure else []),
        *_tail_rules(p, scripts),
    ]
    # Rules at the punctuation; each is repeated for the same punctuation with a tail
    # of emoji or hashtags after it, which moves the break past the tail.
    at_punctuation: list[Rule] = []
    if lang == "kk":
        at_punctuation += [
            Rule(False, f"{p}+{C}+", small, "a small letter after a closing quote continues"),
            Rule(False, f"{p}+", f"{after_ws}(?={D})(?={NEXT}\\p{{Ll}})", "a dialogue attribution"),
            Rule(False, rf"(?:\.\.|…){p}*", small, "a small letter after an ellipsis continues"),
            Rule(False, f"{p}+", f"{after_ws}(?={SPEECH_VERB})", "a speech verb continues"),
            Rule(True, f"(?:{p}{{2,}}|[{ends}])", small, "a small letter after ! or ? starts one"),
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
        Rule(False, f"{p}+{C}*", small, "a small letter continues"),
        Rule(True, f"{p}+{C}+", after_ws, "a closing quote or bracket after the end"),
        Rule(True, f"(?:{p}{{2,}}|[{ends}…])", after_ws, "! ? … and runs of punctuation"),
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
        *(_initials_in_other_scripts(after_ws) if scripts else []),
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
        Rule(True, p, after_ws, "the end of a sentence"),
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
        rules += _glued_rules(ends, scripts)
    for rule in at_punctuation:
        gap = f"{END_OF_TAIL}{WS}*" + rule.after.removeprefix(after_ws)
        rules += [rule, Rule(rule.is_break, rule.before + TAIL, gap, rule.why + ", after emoji")]
    return rules


def _tail_rules(p: str, scripts: bool) -> list[Rule]:
    """Emoji and hashtags: where a sentence ends with them (the segmenter's rules 3 and 4).

    ``p`` is the end punctuation; with ``scripts``, an Arabic-script word is a capital
    (ingest reads each capitalised)."""
    tail_then = f"(?>{TAIL}){WS}*"
    capital = f"(?:\\p{{Lu}}|{ARABIC_LETTER})" if scripts else "\\p{Lu}"
    return [
        Rule(
            False,
            f"{p}+{C}*",
            f"(?=(?:{WS}*{_HASHTAG})*{WS}*[{webmarks.EMOJI_CHARS}])",
            "emoji after the end belong to the sentence",
        ),
        Rule(
            False,
            f"{p}+{C}*",
            f"(?={tail_then}(?:$|[^{_WS_INNER}\\p{{Ll}}]))",
            "hashtags after the end belong to the sentence",
        ),
        Rule(
            False,
            r"\([^()]*\([^()]*\p{L}\)\)",
            f"{WS}*(?={NEXT}{capital})",
            "two brackets closing two open ones are no emoticon",
        ),
        Rule(
            True,
            BARE_TAIL,
            f"{END_OF_TAIL}{WS}*(?={NEXT}{capital})",
            "emoji or hashtags end a sentence before a capital",
        ),
        Rule(
            False,
            f"{p}+{C}*(?:{WS}*{_HASHTAG})+",
            f"{END_OF_TAIL}{WS}*(?=\\p{{Ll}})",
            "hashtags before a small letter open the next sentence",
        ),
    ]


def _glued_rules(ends: str, scripts: bool) -> list[Rule]:
    """``жоқ?!Нормально``: ! or ? glued to the next sentence (the segmenter's rule 2).

    With ``scripts``, an Arabic-script word is a capital (ingest reads each capitalised)."""
    # The word up to the mark may hold no URL sign (the segmenter looks before the mark only).
    word = f"{WORD_START}(?:(?!www\\.)[^{_WS_INNER}/@=&])*[\\p{{L}}\\p{{N}}]"
    capital = f"(?=\\p{{Lu}}|{ARABIC_LETTER})" if scripts else "(?=\\p{Lu})"
    return [
        Rule(True, f"{word}[{ends}]+{C}*", capital, "! or ? glued to a capital"),
        Rule(
            True,
            f"{WORD_START}{O}*{_PLAIN}[!?]+",
            f"(?=\\p{{Ll}})(?!{SPEECH_VERB})",
            "! or ? glued to a small letter after a word",
        ),
    ]


def _structure_rules(scripts: bool = False) -> list[Rule]:
    """Cuts kopir's ingest makes before segmenting: the scraper's date marker and a dateline.

    ``date 2025-11-24 Тақырып`` is the header's date then the title;
    ``АСТАНА. KAZINFORM — Мәтін`` and ``MOSCOW, March 3. /TASS/. Text`` are an opener then
    the text. Built from
    :mod:`corpus.text.structure`'s own patterns, named groups made plain.

    With ``scripts`` (Kazakh), the datelines also as ingest reads them in other scripts:
    a place in the Latin alphabet's capitals and its months (``AQTÓBE, 5 qyrkúıek.``), and
    the Arabic script's datelines, whose words have no capitals (``استانا. KAZINFORM —``).
    """
    marker = _plain(structure._DATE_MARKER.pattern).removeprefix("^").removesuffix(r"\b\s*")
    start = f"{LINE_START}{WS}*"  # ingest strips a line before it looks
    # a dateline opens the line, or follows the marker on it (ingest cuts the marker first)
    opens = f"{start}(?:{marker}{WS}+)?"
    printed = _latin_datelines if scripts else str
    rules = [
        Rule(True, f"{start}{marker}", r"\s", "the scraper's date marker before the title"),
        *_dateline_rules(
            opens,
            *(printed(p.pattern) for p in (structure._DATELINE, structure._WIRE_DATELINE)),
            *(printed(word) for word in (structure._DATELINE_FIRST, structure._DATELINE_WORD)),
        ),
    ]
    if scripts:
        caseless = (structure._CASELESS_DATELINE.pattern, structure._CASELESS_WIRE_DATELINE.pattern)
        words = (structure._DATELINE_FIRST, structure._DATELINE_WORD)
        tote = _dateline_rules(
            opens,
            *(_tote_datelines(pattern) for pattern in (*caseless, *words)),
            signed=_AGENCY_SIGNED,
        )
        # Its words are any words, so the space between them must not run on to the next
        # line (OmegaT hands a file's lines over as one paragraph: a sentence, a line break
        # and a dateline read as a place and an agency of five words).
        inline = r"[^\S\n]+"
        rules += [
            dataclasses.replace(
                rule,
                before=rule.before.replace(r"\s+", inline),
                after=rule.after.replace(r"\s+", inline),
            )
            for rule in tote
        ]
    return rules


def _dateline_rules(
    opens: str, dateline: str, wire: str, first: str, word: str, signed: str = ""
) -> list[Rule]:
    """The rules of an agency's dateline and a wire's (:func:`structure._datelines`); with
    ``signed``, an agency only where that lookahead (at its start) shows it is one."""
    end = r"(?:\s+|$)"  # the text after the dateline, or the end of its line
    whole = f"(?:{WS}|$)"  # a dateline glued to its text is none
    dateline = _plain(dateline).removeprefix("^").removesuffix(end)
    place, agency = dateline.split(r"\.\s+", 1)
    wire = _plain(wire).removeprefix("^").removesuffix(end)
    dated, slashed = wire.split(r"\.\s+", 1)
    return [
        Rule(False, f"{opens}{place}\\.", rf"\s+(?={signed}{agency}{whole})", "a dateline's place"),
        *_inside_dateline(f"{opens}{place}", whole, first, word, signed),
        Rule(True, rf"{opens}{place}\.\s+{signed}{agency}", r"\s", "a dateline before the text"),
        Rule(
            False,
            f"{opens}{dated}\\.",
            rf"\s+(?={slashed}{whole})",
            "a wire dateline's place and date",
        ),
        Rule(True, f"{opens}{wire}", r"\s", "a wire dateline before the text"),
    ]


def _inside_dateline(opens: str, whole: str, first: str, word: str, signed: str) -> list[Rule]:
    """No break between the words of a dateline's agency (``АСТАНА. 15 қаңтар. ҚазАқпарат -``).

    Ingest takes the whole dateline as one sentence, but its words may end in a
    period (a date's month), where the segmenter's rules would cut. SRX cannot
    count words across the break, so there is one rule for each number of words
    before it, the rest (up to :mod:`corpus.text.structure`'s limit) after it. With
    ``signed``, the sign is looked for before the break in one rule and after it in another.
    """
    more = structure._DATELINE_MORE
    rules = []
    for before in range(more):
        rest = rf"(?={word}(?:\s+{word}){{0,{more - 1 - before}}}\s+[–—-]{whole})"
        opener = f"{opens}\\.\\s+"
        heads = [(opener, "")]
        if signed:  # the sign in the words before the break, or in those after it
            heads = [
                (f"{opener}(?=(?:{_AGENCY_WORD}\\s+){{0,{before}}}{_SIGN_WORD})", ""),
                (opener, f"(?=(?:{_AGENCY_WORD}\\s+){{0,{more - 1 - before}}}{_SIGN_WORD})"),
            ]
        rules += [
            Rule(
                False,
                f"{head}{first}(?:\\s+{word}){{{before}}}",
                rf"\s+{tail}{rest}",
                "inside a dateline's agency",
            )
            for head, tail in heads
        ]
    return rules


def _latin_datelines(pattern: str) -> str:
    """A dateline pattern of :mod:`corpus.text.structure` that also takes the 2018 Latin
    alphabet's capitals and months (which ingest reads as Cyrillic's)."""
    months = "|".join(structure.KK_MONTHS)
    latin = "|".join(spelled for month in structure.KK_MONTHS for spelled in latin_spellings(month))
    upper = structure._UPPER
    return pattern.replace(upper, upper + LATIN_CAPITALS).replace(months, f"{months}|{latin}")


def _tote_datelines(pattern: str) -> str:
    """A caseless dateline pattern of :mod:`corpus.text.structure` for the printed Arabic
    script: its place words are the script's words (not capitalised Cyrillic ones, which
    ingest takes as caseless only in an Arabic-script paragraph), a word that opens
    capitalised may be one of them, and the script's comma is a comma."""
    comma = "".join(chr(c) for c, to in tote_script._SIGNS.items() if chr(to) == ",")
    upper = structure._UPPER
    return (
        pattern.replace(structure._CASELESS_WORD, _ARABIC_WORD)
        .replace(upper, upper + ARABIC_LETTER[1:-1])
        .replace(r",\s+(?P<date>", rf"[,{comma}]\s+(?P<date>")
    )


def _spelled(keys: frozenset[str]) -> frozenset[str]:
    """``keys`` (abbreviations) and their spellings in the Latin alphabet and the Arabic
    script that ingest reads back as them (:mod:`corpus.text.script.spellings`)."""
    return keys | {
        spelled for key in keys for spelled in (*latin_spellings(key), *tote_spellings(key))
    }


def _initials_in_other_scripts(after_ws: str) -> list[Rule]:
    """Initials as ingest reads them in other scripts: a Latin capital written with two
    letters (``Sh. Qaldaıaqov`` is ``Ш. Қалдаяқов``) and any Arabic-script letter, which
    ingest reads capitalised (``م. لايچاك``), before a name (an Arabic-script word too)."""
    digraphs = {
        spelled[0].upper() + spelled[1:]
        for capital in segment.CYRILLIC_CAPITALS
        for spelled in latin_spellings(capital.lower())
        if len(spelled) > 1 and kk_latin_side_line(spelled[0].upper() + spelled[1:]) == capital
    }
    letter = f"(?:{'|'.join(sorted(digraphs))}|\\p{{Lu}}|[{tote_script._HAMZA}]?{ARABIC_LETTER})"
    return [
        Rule(
            False,
            rf"{WORD_START}{O}*(?:{letter}\.-?)*{letter}{WORD_END}",
            f"{after_ws}(?={NEXT}(?:\\p{{Lu}}|{ARABIC_LETTER}))",
            "initials before a name, in the Latin alphabet or the Arabic script",
        )
    ]


def _plain(pattern: str) -> str:
    """A Python pattern for every engine: ``(?P<name>…)`` groups made non-capturing."""
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern)


#: Where a break rule can match, by the last character of its "before": after the end
#: punctuation (the Arabic script's question mark too) or an emoji (a tail of them), a line
#: break, a closing quote or bracket that follows the end punctuation (``.»``, ``?")``), a
#: dash or slash before whitespace (a dateline's end: ``KAZINFORM –``, ``/TASS/``); and
#: where the paragraph holds what the other rules need, after an emoticon's last character
#: (``:)``, ``:D``, ``))``) if it has ``:``, ``;``, ``))`` or ``((``, after a digit (``date
#: 2025-11-24``, the scraper's date marker) if it has ``date``. A hashtag ends in any
#: letter, so a paragraph with ``#`` is asked at every position, as :func:`split_compiled` does.
_END_CHARS = _cls(TERMINALS + READ_AS_QUESTION)[1:-1]
_ENDS = (
    f"[{_END_CHARS}\n{webmarks.EMOJI_CHARS}{webmarks.EMOJI_JOINERS}]"
    rf"|(?<=[{_END_CHARS}]{C}*){C}|{_cls(DASHES + '/')}(?=\s)"
)
_ENDS_BY_NEED = {
    (emoticon, marker): regex.compile(
        _ENDS + ("|[)(DPР]" if emoticon else "") + (r"|\p{Nd}" if marker else ""), regex.V0
    )
    for emoticon in (False, True)
    for marker in (False, True)
}
_EMOTICON_SIGN = regex.compile(r"[:;]|\)\)|\(\(")


class _Cutter:
    """The rules compiled all in one, in order (the first that matches at a position wins;
    ``brk`` is set where that is a break), asked only where one can break; and, for a
    paragraph with a hashtag, one expression each (:func:`split_compiled`), compiled when
    first needed."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        first = "|".join(
            f"(?<={r.before})(?={r.after})" + ("(?P<brk>)" if r.is_break else "") for r in rules
        )
        self.first = regex.compile(first, regex.V0)

    @functools.cached_property
    def each(self) -> list[tuple[bool, regex.Pattern[str]]]:
        return compile_rules(self.rules)

    def split(self, paragraph: str) -> list[str]:
        if "#" in paragraph:
            return split_compiled(paragraph, self.each)
        need = (_EMOTICON_SIGN.search(paragraph) is not None, "date" in paragraph)
        cuts = [0]
        for end in _ENDS_BY_NEED[need].finditer(paragraph):
            decided = self.first.match(paragraph, end.end())
            if decided and decided.group("brk") is not None:
                cuts.append(end.end())
        return _pieces(paragraph, [*cuts, len(paragraph)])


_COMPILED: dict[tuple[str, bool], _Cutter] = {}


def split_with_rules(paragraph: str, lang: str = "kk", *, structure: bool = False) -> list[str]:
    """Cut ``paragraph`` by :func:`rules_for` as SRX specifies, whitespace trimmed.

    At every position the first rule whose ``before`` ends there and whose
    ``after`` starts there decides; with none, there is no break. This is the
    reference the tests hold against :func:`corpus.text.segment.split_sentences`.

    Only a position after a character a break rule can end with (:data:`_ENDS_BY_NEED`) is
    asked, all rules in one expression: the cut is :func:`split_compiled`'s, without asking
    every rule at every position. The rules are compiled once per process.
    """
    key = (lang, structure)
    if key not in _COMPILED:
        _COMPILED[key] = _Cutter(rules_for(lang, structure=structure))
    return _COMPILED[key].split(paragraph)


def compile_rules(rules: list[Rule]) -> list[tuple[bool, regex.Pattern[str]]]:
    """Each rule as one expression matching the positions it decides."""
    return [(r.is_break, regex.compile(f"(?<={r.before})(?={r.after})", regex.V0)) for r in rules]


def split_compiled(paragraph: str, compiled: list[tuple[bool, regex.Pattern[str]]]) -> list[str]:
    """Cut ``paragraph`` by :func:`compile_rules`'s rules (the first that matches decides)."""
    decided: dict[int, bool] = {}
    for is_break, pattern in compiled:
        for match in pattern.finditer(paragraph):
            decided.setdefault(match.start(), is_break)
    return _pieces(
        paragraph, [0, *sorted(pos for pos, brk in decided.items() if brk), len(paragraph)]
    )


def _pieces(paragraph: str, cuts: list[int]) -> list[str]:
    """The non-empty pieces of ``paragraph`` between ``cuts`` (in order), trimmed."""
    pieces = (paragraph[a:b].strip() for a, b in itertools.pairwise(cuts))
    return [piece for piece in pieces if piece]
