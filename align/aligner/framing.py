"""Framing lines: what a news page prints around the article rather than as part of it.

Published Kazakh and English editions of the same item frame it differently: a date and
time line, a view counter, a "read in 1 min" line, a byline, a photo credit, a copyright
notice, a "subscribe to our Telegram" tag, a salutation at the head of a speech. Such a
line seldom has a counterpart, and when the aligner glues it to a neighbouring sentence
every bead after it can shift. So each line gets a kind:

* ``FRAME`` — page furniture: almost never translated; it may stand alone (1-0 / 0-1)
  at little cost and should not be merged into a bead with real sentences;
* ``TITLE`` — a headline-like line (no sentence-final punctuation): translated when both
  editions carry a headline, so it may pair with another title, but it should not be
  merged into a bead with body sentences either;
* ``HEADLINE`` — a title before the first body sentence: the item's headline;
* ``NOTE`` — a pointer back to earlier news ("Earlier it was reported …", "Еске салайық,
  …"), which agencies append to one edition and not the other: cheap to leave unpaired,
  but it pairs freely when the other edition has it too;
* ``BODY`` — everything else.

The patterns are deliberately narrow: a body sentence taken for framing costs more than
a framing line taken for a sentence (the length and lexical evidence still see it).
"""

from __future__ import annotations

import re
from enum import IntEnum


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
    |tags?\s*:|read\s+(?:also|more)|тағы\s+оқыңыз|толығырақ|\d+\s*(?:рет|views?|мин|min)\b
    |көрсетілді\s*$|оқу\s+үшін\s*$|просмотр)""",
    re.IGNORECASE | re.VERBOSE,
)
_BOILERPLATE = re.compile(
    r"may not be reproduced|copyright|all rights reserved|telegram-арна|telegram channel"
    r"|жазылыңыз!?\s*$|subscribe to our|біздің парақшамызға|hyperlink .* obligatory",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^\s*(?:dear|distinguished|esteemed|honou?rable|ladies and gentlemen|құрметті|қадірлі|"
    r"ардақты|қымбатты|уважаемые|дорогие)\b"
    r"[^.?]{0,60}!\s*$",
    re.IGNORECASE,
)
_NOTE = re.compile(
    r"^\W*(?:earlier(?:,| it was| we| on)|as (?:earlier |was )?reported"
    r"|as reported (?:earlier|before)|еске салайық|естеріңізге сала|айта кетейік"
    r"|бұған дейін .* хабарла)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_STARTS = re.compile(r"\s*(?:[\"«“'(\[–—-]\s*)?[^\W_a-zа-яәғқңөұүһі]")
_END = re.compile(r"[.!?…»\"”)]\s*$")


def kind(line: str) -> Kind:
    """The kind of one line of a published text (Kazakh or English)."""
    text = line.strip()
    if not text:
        return Kind.FRAME
    if _END.search(text) and len(text) > 60:  # a long sentence: only these can apply
        if _BOILERPLATE.search(text):
            return Kind.FRAME
        return Kind.NOTE if _NOTE.match(text) else Kind.BODY
    if _DATELINE.match(text) or _FURNITURE.match(text) or _BOILERPLATE.search(text):
        return Kind.FRAME
    if _SALUTATION.match(text):
        return Kind.FRAME
    if _NOTE.match(text):
        return Kind.NOTE
    words = _WORD.findall(text)
    if len(words) <= 3 and not _END.search(text) and _is_name_like(words):
        return Kind.FRAME  # a byline: "Kudrenok Tatyana", "Adlet Seilkhanov"
    if len(words) >= 3 and not _END.search(text) and not text.endswith(":"):
        return Kind.TITLE
    return Kind.BODY


def kinds(lines: list[str]) -> list[Kind]:
    """The kind of each line. A line without final punctuation is a title only when the
    next line starts a sentence: otherwise it is a sentence cut in two."""
    out = [kind(line) for line in lines]
    for i, k in enumerate(out[:-1]):
        if k is Kind.TITLE and not _STARTS.match(lines[i + 1]):
            out[i] = Kind.BODY
    for i, k in enumerate(out):
        if k is Kind.TITLE:
            out[i] = Kind.HEADLINE
        if k not in (Kind.FRAME, Kind.TITLE):
            break  # titles after the first body sentence are section headings
    return out


def _is_name_like(words: list[str]) -> bool:
    return 2 <= len(words) <= 3 and all(w[0].isupper() for w in words)
