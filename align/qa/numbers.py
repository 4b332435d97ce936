"""Numbers in Kazakh and English sentences, read so that equal amounts compare equal.

The two languages write the same amount differently: Kazakh groups thousands
with a space and uses a decimal comma (``1 000``, ``1,5``), English groups
with a comma and uses a decimal point (``1,000``, ``1.5``); both follow a
number with a scale word (``1,5 млрд`` = ``1.5 billion`` = 1 500 000 000), and
a translator may write a small number as a word (``екі`` ~ ``two``) or a
century as a Roman numeral (``ХХІ ғасыр`` ~ ``21st century``).

So each number written in digits becomes a set of *readings* (``1,500`` is
1500 or 1.5, whichever the other side has), and number words, month names
and Roman numerals give further values. The check asks that every number
written in digits on one side is found, in some reading, on the other side,
as digits or words.

Words are held to less: ``бір`` is also "a", "one" a pronoun, ``қазан`` a
month and a cauldron, so a word never has to be found on the other side. But
a *counting* word (``екі``, ``жиырма бес``, "three", "twice") against a
different counting word on the other side, with neither side's number found
on the other, is a mistake (``Екі жыл өтті.`` / "Three years passed."):
:func:`compare_words`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_SPACES = " \u00a0\u202f"
_DIGITS = re.compile(
    rf"(?<![\d.,])(?:\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)*(?![\d]))"
)
_SEPARATOR = re.compile(r"[.,]")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

KK_SCALES = {
    "мың": 1e3,
    "млн": 1e6,
    "миллион": 1e6,
    "млрд": 1e9,
    "миллиард": 1e9,
    "трлн": 1e12,
    "триллион": 1e12,
}
EN_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# A scale word right after the digits (Kazakh ones take suffixes: "млн-ға", "мыңнан").
_SCALE_AFTER = re.compile(
    r"[\s\u00a0\u202f-]?("
    + "|".join(sorted(KK_SCALES, key=len, reverse=True))
    + r"|(?:"
    + "|".join(sorted(EN_SCALES, key=len, reverse=True))
    + r")s?\b)",
    re.IGNORECASE,
)

KK_WORDS = {
    "бір": 1,
    "екі": 2,
    "үш": 3,
    "төрт": 4,
    "бес": 5,
    "алты": 6,
    "жеті": 7,
    "сегіз": 8,
    "тоғыз": 9,
    "он": 10,
    "жиырма": 20,
    "отыз": 30,
    "қырық": 40,
    "елу": 50,
    "алпыс": 60,
    "жетпіс": 70,
    "сексен": 80,
    "тоқсан": 90,
    "жүз": 100,
    # collective numerals: "екеуі" (the two of them)
    "екеу": 2,
    "үшеу": 3,
    "төртеу": 4,
    "бесеу": 5,
    "алтау": 6,
    "жетеу": 7,
    # months, for dates written 12.03.2021 on one side and in words on the other
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
} | {k: int(v) for k, v in KK_SCALES.items()}

# What may follow a Kazakh number stem: case endings, possessive, ordinal
# suffixes and both. "үшін" (for) and "бірақ" (but) are not numbers.
_KK_CASES = [
    "",
    *(
        "і ы сі сы н ге ға ке қа не на нге нға де да те та нде нда ден дан тен тан нен нан "
        "ді ды ті ты ні ны нді нды дің дың тің тың нің ның мен бен пен менен"
    ).split(),
]
_KK_ORDINALS = ("інші", "ыншы", "нші", "ншы", "сінші", "сыншы")
KK_SUFFIXES = frozenset(_KK_CASES) | {o + c for o in _KK_ORDINALS for c in _KK_CASES}
_KK_STEMS_BY_LETTER: dict[str, list[str]] = {}
for _stem in sorted(KK_WORDS, key=len, reverse=True):
    _KK_STEMS_BY_LETTER.setdefault(_stem[0], []).append(_stem)

EN_WORDS = (
    {
        w: n
        for n, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen".split()
        )
    }
    | {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
        "once": 1,
        "twice": 2,
        "first": 1,
        "second": 2,
        "third": 3,
        "fifth": 5,
        "eighth": 8,
        "ninth": 9,
        "twelfth": 12,
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
    }
    | {k: int(v) for k, v in EN_SCALES.items()}
)
_EN_TENS = {w: n for w, n in EN_WORDS.items() if w.endswith("ty")}
# "fourth", "sixteenth", "twentieth": ordinals made with -th / -ieth.
for _w, _n in list(EN_WORDS.items()):
    if 4 <= _n <= 19 and _n != 5 and _n != 8 and _n != 9 and _n != 12:
        EN_WORDS.setdefault(_w + "th", _n)
for _w, _n in _EN_TENS.items():
    EN_WORDS[_w[:-1] + "ieth"] = _n

#: Words that only ever count (no article, pronoun, month or ordinal among them): a
#: different one on the other side is a mistake. ``жүз`` (hundred, also "face") is out.
KK_COUNTING = frozenset(
    "екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен "
    "тоқсан екеу үшеу төртеу бесеу алтау жетеу".split()
)
EN_COUNTING = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred dozen twice".split()
)
# Cheap tests that a side may hold a counting word at all (most pairs have none).
_KK_COUNTING_HINT = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(KK_COUNTING, key=len, reverse=True)) + ")", re.IGNORECASE
)
_EN_COUNTING_HINT = re.compile(
    r"\b(?:" + "|".join(sorted(EN_COUNTING, key=len, reverse=True)) + r")\b", re.IGNORECASE
)

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CYRILLIC_ROMAN = str.maketrans("ІХМСV", "IXMCV")  # Kazakh texts type ХХІ with Cyrillic letters
_ROMAN_WORD = re.compile(r"[IVXLCDM]+")


@dataclass(frozen=True)
class Number:
    """A number written in digits: its text as written and the values it may mean."""

    text: str
    readings: frozenset[str]


@dataclass(frozen=True)
class Numbers:
    """The numbers of one side: those in digits, and every value found (words included)."""

    digits: tuple[Number, ...]
    values: frozenset[str]


def key(value: float) -> str:
    """A value as a comparable key: ``1.5e9`` and ``1500000000`` give the same one."""
    return format(value, ".10g")


def find_numbers(text: str, lang: str) -> Numbers:
    """The numbers in ``text`` (``lang`` is ``"kk"`` or ``"en"``), words included."""
    digits = digit_numbers(text)
    values = {r for n in digits for r in n.readings} | word_values(text, lang)
    return Numbers(tuple(digits), frozenset(values))


#: A square or cubic unit written with a plain digit (``м3``, ``км2``, ``m3``): the digit is
#: the unit's power, not a number ("816 млн. м3" is "816 million cubic meters").
_UNIT_POWER = re.compile(r"(?<![^\W\d_])((?:к|с|м)?м|(?:k|c|m)?m)[23](?![^\W_])", re.IGNORECASE)


def digit_numbers(text: str) -> list[Number]:
    """The numbers written in digits in ``text``, each with its possible readings."""
    if _UNIT_POWER.search(text):
        text = _UNIT_POWER.sub(r"\1", text)
    found = []
    for match in _DIGITS.finditer(text):
        scale = _SCALE_AFTER.match(text, match.end())
        factor = _scale_value(scale.group(1)) if scale else 1.0
        for written, readings in _readings(match.group()):
            found.append(Number(written, frozenset(key(r * factor) for r in readings)))
    return found


def word_values(text: str, lang: str) -> set[str]:
    """The values of number words, month names and Roman numerals in ``text``."""
    return _word_values(text, _kk_word if lang == "kk" else _en_word)


def compare(kk: str, en: str) -> tuple[list[str], list[str]]:
    """The numbers in digits of the Kazakh missing from the English, and the reverse.

    Number words are only looked for on a side when the other side has a
    number its digits do not match: most pairs agree digit for digit, and
    reading every word is what costs time.
    """
    kk_digits, en_digits = digit_numbers(kk), digit_numbers(en)
    kk_values = {r for n in kk_digits for r in n.readings}
    en_values = {r for n in en_digits for r in n.readings}
    not_in_en = [n for n in kk_digits if not n.readings & en_values]
    not_in_kk = [n for n in en_digits if not n.readings & kk_values]
    if not_in_en:
        en_values |= word_values(en, "en")
        not_in_en = [n for n in not_in_en if not n.readings & en_values]
    if not_in_kk:
        kk_values |= word_values(kk, "kk")
        not_in_kk = [n for n in not_in_kk if not n.readings & kk_values]
    return [n.text for n in not_in_en], [n.text for n in not_in_kk]


def compare_words(kk: str, en: str) -> tuple[list[str], list[str]]:
    """Counting words of the Kazakh whose value the English lacks, and the reverse.

    Both lists are empty unless both are not: a counting word is only a
    mistake against a different one on the other side (a translator may write
    "a couple" for ``екі``). The other side's digits, words, months and Roman
    numerals all count as finding a value.
    """
    if not (_KK_COUNTING_HINT.search(kk) and _EN_COUNTING_HINT.search(en)):
        return [], []
    kk_counted = _counting(kk, _kk_stem, KK_COUNTING)
    en_counted = _counting(en, _en_stem, EN_COUNTING)
    if not kk_counted or not en_counted:
        return [], []
    kk_values = {r for n in digit_numbers(kk) for r in n.readings} | word_values(kk, "kk")
    en_values = {r for n in digit_numbers(en) for r in n.readings} | word_values(en, "en")
    not_in_en = [text for text, value in kk_counted if value not in en_values]
    not_in_kk = [text for text, value in en_counted if value not in kk_values]
    if not not_in_en or not not_in_kk:
        return [], []
    return not_in_en, not_in_kk


def _counting(
    text: str, stem_of: Callable[[str], str | None], counting: frozenset[str]
) -> list[tuple[str, str]]:
    """The runs of number words holding a counting word: their text and their value's key."""
    found: list[tuple[str, str]] = []
    start = end = -1
    run: list[int] = []
    counts = False

    def close() -> None:
        if run and counts:
            values: set[str] = set()
            _close_run(list(run), values)
            total = max(values, key=float)  # the run's total is its largest reading
            found.append((text[start:end], total))
        run.clear()

    for match in _WORD.finditer(text):
        parts = [p for p in match.group().lower().split("-") if p]
        stems = [stem_of(p) for p in parts]
        stems = [
            s if s is None or _counts(p, s) else None for p, s in zip(parts, stems, strict=True)
        ]
        if run and text[end : match.start()].strip():
            close()  # "үш, төрт": a list of numbers, not one number
        if parts and all(s is not None for s in stems):
            if not run:
                start, counts = match.start(), False
            end = match.end()
            run.extend(_stem_value(s) for s in stems if s is not None)
            counts = counts or any(s in counting for s in stems)
            continue
        close()
    close()
    return found


#: Stems that count only bare or as ordinals: ``оны`` is "him", ``онда`` "there".
_BARE_ONLY = {"он"}
_ORDINALS = frozenset(_KK_ORDINALS)


def _counts(word: str, stem: str) -> bool:
    return stem not in _BARE_ONLY or word == stem or word[len(stem) :] in _ORDINALS


def _kk_stem(word: str) -> str | None:
    for stem in _KK_STEMS_BY_LETTER.get(word[0], ()):
        if word.startswith(stem) and word[len(stem) :] in KK_SUFFIXES:
            return stem
    return None


def _en_stem(word: str) -> str | None:
    return word if word in EN_WORDS else None


def _stem_value(stem: str) -> int:
    return KK_WORDS.get(stem) or EN_WORDS[stem]


def _scale_value(word: str) -> float:
    word = word.lower()
    for table in (KK_SCALES, EN_SCALES):
        if word in table:
            return table[word]
    return EN_SCALES.get(word.rstrip("s"), 1.0)


def _readings(token: str) -> list[tuple[str, set[float]]]:
    """What a digit token may mean: one number with its readings, or several numbers.

    ``1 000`` and ``1,000`` are 1000; ``1,5`` is 1.5; ``1,500`` may be either
    1500 or 1.5; ``1,000.5`` and ``1.000,5`` are 1000.5; a token that is none of
    these (``12.03.2021``, ``1.2.3``) is read as the numbers it is made of.
    """
    token = token.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in token:
        whole, _, fraction = token.replace(" ", "").partition(",")
        return [(token, {float(f"{whole}.{fraction}" if fraction else whole)})]
    groups = _SEPARATOR.split(token)
    seps = _SEPARATOR.findall(token)
    if not seps:
        return [(token, {float(token)})]
    head, tail = groups[0], groups[1:]
    grouped = 1 <= len(head) <= 3 and all(len(g) == 3 for g in tail)
    if len(seps) == 1:
        readings = {float(f"{head}.{tail[0]}")}
        if grouped:
            readings.add(float(head + tail[0]))
        return [(token, readings)]
    if len(set(seps)) == 1 and grouped:
        return [(token, {float("".join(groups))})]
    body = groups[:-1]  # "1,000.5": groups of three, then a different decimal separator
    body_grouped = 1 <= len(body[0]) <= 3 and all(len(g) == 3 for g in body[1:])
    if len(set(seps[:-1])) == 1 and seps[-1] != seps[0] and body_grouped:
        return [(token, {float("".join(body) + "." + groups[-1])})]
    return [(g, {float(g)}) for g in groups]


def _kk_word(word: str) -> int | None:
    for stem in _KK_STEMS_BY_LETTER.get(word[0], ()):
        if word.startswith(stem) and word[len(stem) :] in KK_SUFFIXES:
            return KK_WORDS[stem]
    return None


def _en_word(word: str) -> int | None:
    return EN_WORDS.get(word)


def _word_values(text: str, lookup: Callable[[str], int | None]) -> set[str]:
    """Values of number words, compounds (``жиырма бес``, ``twenty-five``) and Roman numerals."""
    found: set[str] = set()
    run: list[int] = []
    for match in _WORD.finditer(text):
        word = match.group()
        found.update(key(value) for value in _romans(word))
        parts = [p for p in word.lower().split("-") if p]
        numbers = [lookup(p) for p in parts]
        if parts and all(n is not None for n in numbers):
            run.extend(n for n in numbers if n is not None)
            continue
        _close_run(run, found)
    _close_run(run, found)
    return found


def _close_run(run: list[int], found: set[str]) -> None:
    """Add the values of a run of number words, each alone and all together."""
    if not run:
        return
    found.update(key(n) for n in run)
    total = current = 0
    for n in run:
        if n == 100:
            current = max(current, 1) * 100
        elif n >= 1000:
            total += max(current, 1) * n
            current = 0
        else:
            current += n
    found.add(key(total + current))
    run.clear()


def _romans(word: str) -> list[int]:
    """The Roman numerals of one word: itself, or each end of a range (``VI-XIX``).

    Kazakh writes a span of centuries with a hyphen (``VI-XIX ғасырларда``, "from the
    6th to the 19th century"), which the tokeniser keeps as one word; each end counts
    only when both are numerals, so a hyphenated name is no number.
    """
    whole = _roman(word)
    if whole is not None:
        return [whole]
    ends = [_roman(part) for part in word.split("-")]
    if len(ends) == 2 and all(end is not None for end in ends):
        return [end for end in ends if end is not None]
    return []


def _roman(word: str) -> int | None:
    """The value of a Roman numeral (``XXI``, or ``ХХІ`` typed in Cyrillic), else None."""
    latin = word.translate(_CYRILLIC_ROMAN)
    if not _ROMAN_WORD.fullmatch(latin) or len(latin) > 8:
        return None
    total = 0
    for ch, nxt in zip(latin, [*latin[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total
