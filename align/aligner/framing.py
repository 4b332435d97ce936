"""Framing lines: what a news page prints around the article rather than as part of it.

Published Kazakh and English editions of the same item frame it differently: a date and
time line, a view counter, a "read in 1 min" line, a byline, a photo credit, a copyright
notice, a "subscribe to our Telegram" tag, a salutation at the head of a speech, a rubric
("Жаңалықтар"), a tag line of keywords with the outlet and the time, an embedded image's
file name, a speaker's caption ("Head of State:"), the headline printed again under the
date, a headline that quotes its speaker ("… – Президент", "Тоқаев: …") where the other
edition's says what happened. Such a line seldom has a counterpart (each outlet's own
byline or date line is not a translation of the other's), and when the aligner glues it to
a neighbouring sentence every bead after it can shift. So each line gets a kind:

* ``FRAME`` — page furniture: almost never translated; it may stand alone (1-0 / 0-1)
  at little cost and should not be merged into a bead with real sentences;
* ``TITLE`` — a headline-like line (no sentence-final punctuation): translated when both
  editions carry a headline, so it may pair with another title, but it should not be
  merged into a bead with body sentences either;
* ``HEADLINE`` — a title before the first body sentence: the item's headline;
* ``NOTE`` — a pointer back to earlier news ("Earlier it was reported …", "It is to be
  recalled that …", "Еске салайық, …", "Еске сала кетсек, …"), which agencies append to
  one edition and not the other: cheap to leave unpaired, but it pairs freely when the
  other edition has it too;
* ``BODY`` — everything else.

A Kazakh edition in the 2018 Latin alphabet is read into Cyrillic first, so the patterns
(written in Cyrillic) apply to it as they are.

The patterns are deliberately narrow: a body sentence taken for framing costs more than
a framing line taken for a sentence (the length and lexical evidence still see it).

Some framing lines are *stamps* (:data:`STAMPS`): an embedded file's name, a web address.
They are machine strings, and their figures (a date in the path, an image's size) are no
words of the item, so what a stamp shares with a line of the other edition is no
evidence that the two pair (:mod:`align.aligner.propose` gives stamps no features):
otherwise an image address with "2023/09" in its path pairs with the other edition's
date line "18.09.2023". Date lines keep their features: two editions' date lines share
the date because both came out that day, and the gold pairs them in one development set
and leaves them alone in another (benchmarks/bench_framing.py; giving them no features
lost old test's one stamp pair and won nothing the headline rule does not).
"""

from __future__ import annotations

import re
from enum import IntEnum

from corpus.text.script import kk_cyrillic_lines


class Kind(IntEnum):
    BODY = 0
    TITLE = 1
    FRAME = 2
    HEADLINE = 3
    NOTE = 4


_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|қаңтар|ақпан|наурыз|сәуір|"
    r"мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|января|февраля|марта|"
    r"апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
)
#: Lines made of dates, times and numbers only, perhaps with a rubric word before a bullet.
_DATELINE = re.compile(
    rf"""^\s*(?:[^\W\d_]+\s*[•|]\s*)?            # "Президент •" rubric
    (?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}\s+{_MONTHS}\.?|{_MONTHS}\.?\s+\d{{1,2}}
       |\d{{1,4}}|\d{{1,2}}:\d{{2}}|year|жыл|ж\.|г\.|,|GMT|[+\-]\d+|\|)
    (?:[\s,|]*(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}\s+{_MONTHS}\.?
       |{_MONTHS}\.?\s+\d{{1,2}}|\d{{1,4}}|\d{{1,2}}:\d{{2}}|year|жыл|ж\.|г\.|GMT|[+\-]\d+))*
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE = re.compile(
    r"""^\s*(?:photo(?:\s+credit)?\s*:|фото\s*:|images?\s*\||author\s*:|автор\s*:
    |tags?\s*:|views?\s*:|read\s+(?:also|more)|тағы\s+оқыңыз|толығырақ|\d+\s*(?:рет|views?|мин|min)\b
    |көрсетілді\s*$|оқу\s+үшін\s*$|просмотр)""",
    re.IGNORECASE | re.VERBOSE,
)
#: Phrases that make a line the outlet's boilerplate (copyright, calls to subscribe), each a
#: pattern matched case-blind. The one list: :data:`_BOILERPLATE` and its quick check
#: :data:`_BOILERPLATE_PART` are built from it (:func:`_boilerplate_patterns`), so a phrase
#: added here is matched (kept in step by hand, a phrase added to one only never was).
_BOILERPLATE_PHRASES = (
    "may not be reproduced",
    "copyright",
    "all rights reserved",
    "telegram-арна",
    "telegram channel",
    r"жазылыңыз!?\s*$",
    r"тіркеліңіз!?\s*$",
    "хабардар болыңыз",
    "subscribe to our",
    "біздің парақшамызға",
    "hyperlink .* obligatory",
)
#: A sign of a pattern: the plain text a phrase opens with ends at the first.
_PATTERN_SIGN = re.compile(r"[\\.^$*+?{}\[\]|()]")


def _plain_start(phrase: str) -> str:
    """The plain text every line ``phrase`` matches holds, lower-cased: what it opens with,
    up to its first pattern sign, less a last letter made optional (``жазылыңыз!?`` →
    ``жазылыңыз``)."""
    sign = _PATTERN_SIGN.search(phrase)
    start = phrase[: sign.start()] if sign else phrase
    if sign and sign.group() in "?*{":
        start = start[:-1]
    if not start:
        raise ValueError(f"boilerplate phrase {phrase!r} must open with plain text")
    return start.lower()


def _boilerplate_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The case-blind pattern of ``phrases`` and its quick check: the plain text each
    opens with, searched for in the lower-cased line case-sensitively. The check rules out
    almost every line four times faster than the case-blind pattern does (framing is read
    for every line of a document), and a line it passes is then matched in full."""
    full = re.compile("|".join(phrases), re.IGNORECASE)
    part = re.compile("|".join(re.escape(_plain_start(p)) for p in phrases))
    return full, part


_BOILERPLATE, _BOILERPLATE_PART = _boilerplate_patterns(_BOILERPLATE_PHRASES)
_SALUTATION = re.compile(
    r"^\s*[\"«“']?\s*(?:dear|distinguished|esteemed|honou?rable|ladies and gentlemen"
    r"|құрметті|қадірлі|ардақты|қымбатты|уважаемые|дорогие)\b"
    r"[^.?]{0,60}!\s*$",
    re.IGNORECASE,
)
#: An image or document file name on a line of its own (perhaps with a query string): the
#: page embedded a picture.
_FILE = re.compile(
    r"^\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|pdf|docx?)(?:\?\S*)?$", re.IGNORECASE
)
#: A web address on a line of its own: a link or an image the page embedded.
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
#: A photo credit anywhere in a line that is not a sentence ("… Сурет: ҚР СІМ", a caption
#: "<headline> Photo: akorda.kz").
_CREDIT = re.compile(
    r"(?:^|\s)(?:photo(?:\s+credit)?|фото|сурет|image)\s*:|\bphoto by\b", re.IGNORECASE
)
#: A short line opening with the word "photo": a credit without a colon ("фото ашық
#: дереккөзден", "Photo Akorda").
_CREDIT_WORD = re.compile(r"^(?:photo|фото|сурет)\b", re.IGNORECASE)
#: A credit's label opening a line ("Photo: Non-commercial JSC \"National Agrarian …\""): with
#: no sentence stop in it (:data:`_STOP`), a long credit that ends in a quotation mark.
_CREDIT_OPENING = re.compile(r"^\W*(?:photo(?:\s+credit)?|фото|сурет|image)\s*:", re.IGNORECASE)
#: A sentence stop: a full stop, "!", "?" or "…" (perhaps closing a quotation) before a space
#: or the end of the line.
_STOP = re.compile(r"[.!?…][\"»”')]*(?:\s|$)")
#: A date in figures, a time of day, or a day, month and year ("04 Сентября 2020"): what an
#: outlet's rubric, tag or counter line carries.
_STAMP = re.compile(
    rf"\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?\b"
    rf"|\b\d{{1,2}}\s+{_MONTHS}\.?,?\s+\d{{4}}\b",
    re.IGNORECASE,
)
#: A web domain: an outlet's name as its site ("Abai.kz", "Caliber.Az").
_DOMAIN = re.compile(
    r"\b[\w-]+\.(?:kz|ru|com|org|net|az|uz|kg|tr|gov|info|su|ua|by|tj|tm)\b", re.IGNORECASE
)
#: A headline that is a quotation with its speaker: "… – Президент", "Тоқаев: …". The
#: other edition's headline says what happened instead, so the two are not translations.
_UPPER = r"[^\W\d_a-zа-яәғқңөұүһі]"  # a capital letter, Latin or Kazakh Cyrillic
_QUOTED_HEADLINE = re.compile(
    rf"\s[-–—]\s*{_UPPER}[\w-]*(?:\s+{_UPPER}[\w.-]*){{0,2}}$"  # "… – Президент"
    rf"|^(?:{_UPPER}[\w.-]*\s+){{0,2}}{_UPPER}[\w-]*:\s+\S"  # "ҚР Президенті: …"
)
#: A quotation alone as a headline, with no sentence-final mark inside: «Ғылым мықты болса,
#: мемлекет те қуатты болады», "Legends of the Great Steppe". A title like any other (it
#: pairs with the other edition's title, which often quotes the same words): only the
#: quotation with its speaker named (:data:`_QUOTED_HEADLINE`) is worded for one edition.
_QUOTE_ONLY = re.compile(r"^[«“\"][^«»“”\"]*[^.!?…\s][»”\"]$")
#: Openings that point back to what was said before ("Бұл туралы …", "This was …"): a line
#: that starts so continues a text, it cannot head one, even without its full stop.
_ANAPHORIC = re.compile(
    r"^\W*(?:бұл туралы|бұл жайлы|осы туралы|сондай-ақ|сонымен қатар|this was|this is|it was"
    r"|also|in addition|besides)\b",
    re.IGNORECASE,
)
_NOTE = re.compile(
    r"^\W*(?:earlier(?:,| it was| we| on)|as (?:earlier |was )?reported"
    r"|as reported (?:earlier|before)|as was informed|(?:let us |we )?recall(?: that|,)"
    r"|it (?:should|is worth) (?:be )?recall|it (?:is to|will|should|must) be recalled"
    r"|еске сал|естеріңізге сала|айта кетейік|бұған дейін .* хабарла)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_STARTS = re.compile(r"\s*(?:[\"«“'(\[–—-]\s*)?[^\W_a-zа-яәғқңөұүһі]")
#: A line that starts in lower case continues the line before it.
_LOWER_START = re.compile(r"\s*[\"«“'(]?\s*[a-zа-яёәғқңөұүһі]")
_END = re.compile(r"[.!?…»\"”)]\s*$")


Label = tuple[Kind, str]
"""A line's kind and the rule that gave it (for benchmarks and error analysis)."""

#: The rules whose lines are stamps: what they share with the other edition (figures in a
#: file name or an address) is no evidence of a translation (see the module's docstring).
STAMPS = frozenset({"file name", "web address"})


def kind(line: str, lang: str = "kk") -> Kind:
    """The kind of one line of a published text in ``lang`` (Kazakh or English)."""
    return label(line, lang)[0]


def label(line: str, lang: str = "kk") -> Label:
    """The kind of one line and the name of the rule that decided it (a Kazakh line in the
    2018 Latin alphabet is read into Cyrillic first, as :func:`labels` reads it)."""
    return _label(kk_cyrillic_lines([line])[0] if lang == "kk" else line)


def _label(line: str) -> Label:
    text = line.strip()
    if not text:
        return Kind.FRAME, "empty"
    if _QUOTE_ONLY.match(text):
        return Kind.TITLE, "quoted title"
    ends = _END.search(text) is not None
    if ends and len(text) > 60:  # a long sentence: only these can apply
        if _boilerplate(text):
            return Kind.FRAME, "boilerplate"
        if _CREDIT_OPENING.match(text) and not _STOP.search(text):
            return Kind.FRAME, "photo credit"  # it "ends" in the closing quotation mark only
        return (Kind.NOTE, "note") if _NOTE.match(text) else (Kind.BODY, "sentence")
    if _DATELINE.match(text):
        return Kind.FRAME, "dateline"
    if _FURNITURE.match(text):
        return Kind.FRAME, "page furniture"  # "Photo: …", "157 рет", "Read also"
    if _boilerplate(text):
        return Kind.FRAME, "boilerplate"
    if not ends and (page := _page_label(text)):
        return Kind.FRAME, page
    if _SALUTATION.match(text):
        return Kind.FRAME, "salutation"
    if _NOTE.match(text):
        return Kind.NOTE, "note"
    if ends:  # bylines, captions (":" is not final punctuation) and titles have none
        return Kind.BODY, "sentence"
    words = _WORD.findall(text)
    if len(words) <= 3 and _is_name_like(words):
        return Kind.FRAME, "byline"  # "Kudrenok Tatyana", "Adlet Seilkhanov"
    if len(words) <= 4 and text.endswith(":"):
        return Kind.FRAME, "speaker caption"  # "Head of State:", "Мемлекет басшысы:"
    if len(words) >= 3 and not text.endswith(":"):
        if _ANAPHORIC.match(text):
            return Kind.BODY, "points back"
        if _QUOTED_HEADLINE.search(text):
            return Kind.FRAME, "quoted headline"
        return Kind.TITLE, "title"
    return Kind.BODY, "sentence"


def kinds(lines: list[str], lang: str = "kk") -> list[Kind]:
    """The kind of each line of one side in ``lang`` (see :func:`labels`)."""
    return [k for k, _ in labels(lines, lang)]


def labels(lines: list[str], lang: str = "kk") -> list[Label]:
    """The kind of each line of one side in ``lang`` ("kk" or "en") and its rule. A Kazakh
    side in the 2018 Latin alphabet is read into Cyrillic first
    (:func:`corpus.text.script.kk_cyrillic_lines`), so every pattern applies to it; an
    English side never is, though its names may carry that alphabet's letters (Ramón, Ó
    Briain, Kılıç: read as Kazakh, "Earlier it was reported" matched no pattern).

    A line without final punctuation is a title only when the next line that is not
    framing starts a sentence: otherwise it is a sentence cut in two; so is a one- or
    two-word "rubric" the next line continues in lower case. A title that repeats an
    earlier line is framing: pages print the headline again as a caption or a teaser.
    Titles before the first body sentence are the headline."""
    # The patterns are written in Cyrillic.
    return read_labels(kk_cyrillic_lines(lines) if lang == "kk" else lines)


def read_labels(lines: list[str]) -> list[Label]:
    """:func:`labels` of a side already read: an English one, or a Kazakh one read into
    Cyrillic with :func:`corpus.text.script.kk_cyrillic_lines` (the aligner reads its Kazakh
    side once for both its framing and its features)."""
    out = [_label(line) for line in lines]
    _mark_repeated_titles(lines, out)
    for i in [i for i, (_, rule) in enumerate(out[:-1]) if rule == "rubric"]:
        if _LOWER_START.match(lines[i + 1]):
            out[i] = Kind.BODY, "cut sentence"  # "Президентке" / "қала тіршілігін …"
    following = None  # the next line that is not framing (a credit under a title is)
    for i in range(len(out) - 1, -1, -1):
        if out[i][0] is Kind.TITLE and following is not None and not _STARTS.match(following):
            out[i] = Kind.BODY, "cut sentence"
        if out[i][0] is not Kind.FRAME:
            following = lines[i]
    for i, (k, _) in enumerate(out):
        if k is Kind.TITLE:
            out[i] = Kind.HEADLINE, "headline"
        if k not in (Kind.FRAME, Kind.TITLE):
            break  # titles after the first body sentence are section headings
    return out


def _mark_repeated_titles(lines: list[str], out: list[Label]) -> None:
    """Mark each title that repeats an earlier line (same words, case and punctuation
    aside). Only a line that opens with a title's first word can repeat it, so the other
    lines' words are never gathered (a long document has few titles and many lines)."""
    titles = [i for i, (k, _) in enumerate(out) if k is Kind.TITLE]
    if not titles:
        return
    firsts = {_first_word(lines[i]) for i in titles}
    seen: set[str] = set()
    for i, line in enumerate(lines[: titles[-1] + 1]):
        if _first_word(line) not in firsts:
            continue
        key = " ".join(_WORD.findall(line.casefold()))
        if out[i][0] is Kind.TITLE and key in seen:
            out[i] = Kind.FRAME, "repeated title"
        seen.add(key)


def _boilerplate(text: str) -> bool:
    """Whether ``text`` holds one of the outlet's boilerplate phrases (a reprint or copyright
    notice, a call to subscribe): such a line is framing, since each outlet words its own
    and one edition often has none, so it has no translation to pair with. The quick check
    of plain parts comes first: it rules out almost every line (see
    :func:`_boilerplate_patterns`), and this is asked of long sentences too."""
    return bool(_BOILERPLATE_PART.search(text.lower()) and _BOILERPLATE.search(text))


def _first_word(line: str) -> str:
    word = _WORD.search(line)
    return word.group().casefold() if word else ""


def _page_label(text: str) -> str:
    """What labels the page in a line rather than saying anything ("" if nothing): a file
    name, a web address, a photo credit or caption, a rubric / tag / counter line with a
    date or time in figures, an outlet's site name, a one- or two-word rubric
    ("Жаңалықтар", "REGION")."""
    words = _WORD.findall(text)
    if _FILE.match(text):
        return "file name"
    if _ADDRESS.match(text):
        return "web address"
    if _CREDIT.search(text) or (_CREDIT_WORD.match(text) and len(words) <= 5):
        return "photo credit"
    if _STAMP.search(text) and len(words) <= 15:
        return "tag or counter line"
    if _DOMAIN.search(text) and len(words) <= 6:
        return "outlet site"
    if len(text.split()) > 2:
        return ""
    return "byline" if _is_name_like(words) else "rubric"


def _is_name_like(words: list[str]) -> bool:
    return 2 <= len(words) <= 3 and all(w[0].isupper() for w in words)
