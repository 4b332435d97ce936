"""Rule-based sentence segmentation for Kazakh and English.

The segmenter returns character spans over the paragraph it is given, so the
text of every sentence is exactly the input's; only the whitespace between
sentences is dropped. A sentence never crosses a paragraph.

How it decides: every run of terminal punctuation (``.``, ``!``, ``?``, ``…``,
with any closing quotes or brackets after it) followed by whitespace is a
candidate boundary. The word before it and the first letter after it decide:

* a lower-case letter after it continues the sentence (``…? – деді ол.``,
  ``1,5 млн. теңге``);
* after an abbreviation that never ends a sentence, or an initial
  (``Қ. Тоқаев``, ``Қ.-Ж. Тоқаев``), nothing is a boundary;
* after an abbreviation that may end a sentence (``т.б.``, ``млн.``), a
  capitalised word is a boundary, a digit or an acronym is not;
* a dash after the punctuation is dialogue: a capital after the dash starts
  new speech, a lower-case word is the speech's attribution;
* a period right before a capital letter with no space (``болды.Бұл``) is a
  boundary when the word before it is an ordinary lower-case word.

Quotations that span several sentences are split inside at the real ends;
closing quotes stay with the sentence they close. No model, no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.text.abbreviations import LISTS, NUMBER_WORDS

SUPPORTED_LANGUAGES = ("kk", "en")

#: Recorded in every TEI header, so a corpus says how it was segmented and a
#: re-ingest can tell when the rules changed.
SEGMENTER = (
    "kopir rule-based sentence segmenter, version 1: boundaries at . ! ? … followed by "
    "a capital, a digit or a new quotation, not after abbreviations or initials, "
    "not before a lower-case attribution after a dialogue dash; no model, no network."
)

_CLOSERS = "»”\"’')]}›"
_OPENERS = "«“„\"‘'([{‹"
_DASHES = "–—-‒―"

# Terminal punctuation, then closing quotes/brackets, then either whitespace
# (group "ws") or, for a bare period, a capital letter glued to it (no space).
_CANDIDATE = re.compile(
    r"(?<![.!?…])(?P<punct>(?>[.!?…]+))"
    rf"(?P<close>(?>[{re.escape(_CLOSERS)}]*))"
    r"(?=(?P<ws>\s+)|(?P<glued>[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]))"
)
# The punctuation run and the closers are atomic, and a run is only tried
# from its first character: a line of 100,000 periods is one linear scan.

_MAX_WORD = 64  # longer "words" (URLs, junk) are never abbreviations
_INITIAL = re.compile(r"^(?:[^\W\d_]\.-?)*[^\W\d_]$")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}$")
_NUMBER = re.compile(r"^\d+$")
_LEADING_SPACE = re.compile(r"\s*")
_LEADING_NONWORD = re.compile(rf"[\s{re.escape(_OPENERS)}]*")


def split_spans(paragraph: str, lang: str = "kk") -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of one paragraph.

    Spans are in order, do not overlap, cover every non-space character and
    never start or end with whitespace. An empty or blank paragraph has no
    sentences.
    """
    if lang not in LISTS:
        raise ValueError(f"unsupported language {lang!r}: use one of {SUPPORTED_LANGUAGES}")
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _boundaries(paragraph, lang):
        _append_trimmed(paragraph, start, cut, spans)
        start = cut
    _append_trimmed(paragraph, start, len(paragraph), spans)
    return spans


def split_sentences(paragraph: str, lang: str = "kk") -> list[str]:
    """Return the sentences of one paragraph as strings (see :func:`split_spans`)."""
    return [paragraph[a:b] for a, b in split_spans(paragraph, lang)]


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _boundaries(text: str, lang: str) -> Iterator[int]:
    """Yield the offsets where a new sentence starts (after the punctuation)."""
    lists = LISTS[lang]
    text_end = len(text.rstrip())
    for match in _CANDIDATE.finditer(text):
        cut = match.end()
        if cut >= text_end:
            continue
        punct = match.group("punct")
        before = _word_before(text, match.start())
        if match.group("glued") is not None:
            if punct == "." and _is_plain_lower_word(before):
                yield cut
            continue
        if match.group("close"):
            # «… Б.» Келесі: a closing quote after the period rules out an initial.
            if not _next_letter(text, cut + len(match.group("ws"))).islower():
                yield cut
        elif _is_boundary(
            text, cut + len(match.group("ws")), punct, before, match.start() - len(before), lists
        ):
            yield cut


def _next_letter(text: str, nxt: int) -> str:
    """The character that opens the next sentence, past opening quotes and a dialogue dash.

    "– Қайда? – деді ол." continues (lower case after the dash); "– Жоқ. – Ол
    күлді." is new speech.
    """
    pos = nxt
    if text[pos] in _DASHES:
        pos += 1
    pos = _LEADING_NONWORD.match(text, pos).end()
    return text[pos] if pos < len(text) else text[nxt]


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start < _MAX_WORD:
        start -= 1
    return text[start:end]


def _is_plain_lower_word(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.islower()


def _is_boundary(
    text: str,
    nxt: int,
    punct: str,
    before: str,
    before_at: int,
    lists: tuple[frozenset[str], frozenset[str]],
) -> bool:
    """Decide one candidate.

    ``nxt`` is the offset of the next non-space character, ``before`` the word
    in front of the punctuation and ``before_at`` where that word starts.
    """
    non_final, final_ok = lists
    ch_after = _next_letter(text, nxt)
    if ch_after.islower():
        return False
    if punct != ".":
        return True  # ! ? … and mixed runs end a sentence before anything but lower case

    core = before.rstrip(_CLOSERS).lstrip(_OPENERS)
    if core.endswith("."):
        core = core[:-1]  # the period itself belongs to punct; "т.б" keeps its inner dots
    key = core.lower()
    if not core:
        return True
    if key in non_final:
        return False
    if key in final_ok or (_DOTTED.match(core) and not _is_upper_word(core)):
        # "т.б. Келесі" ends a sentence; "млн. теңге", "млн. 500" and "млрд. АҚШ" do not.
        return not (ch_after.isdigit() or (key in NUMBER_WORDS and _is_acronym_at(text, nxt)))
    if _INITIAL.match(core) and _is_upper_word(core):
        # Initials: Қ. Тоқаев, Қ.-Ж. Тоқаев, J. R. R. Tolkien.
        return not ch_after.isupper()
    # A number at the very start of the paragraph is a list marker: "1. …".
    return not (_NUMBER.match(core) and _LEADING_SPACE.match(text).end() >= before_at)


def _is_upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_acronym_at(text: str, pos: int) -> bool:
    words = text[pos : pos + 40].split(maxsplit=1)
    return bool(words) and sum(c.isalpha() for c in words[0]) >= 2 and _is_upper_word(words[0])
