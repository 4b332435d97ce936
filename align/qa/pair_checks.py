"""The checks that look at one translation unit at a time, and the brackets check,
which reads a document's units in order (a quotation runs over several beads).

Each check is a function ``(unit, settings) -> hits``, a hit being a message
and the side it is about. Messages are written for a translator: they say
what is wrong in the words of the text, not in the words of the code. Every
check starts with a cheap test (is there a digit at all, a bracket at all)
so that a clean unit costs a few microseconds: the translator's editor runs
these after every edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from align.formats.sanitize import Change, is_safe, sanitize
from align.formats.units import Unit
from align.qa.config import CheckSettings
from align.qa.findings import Finding, Where
from align.qa.marks import (
    CLOSERS,
    MARK,
    OPENERS,
    MarkStack,
    end_mark,
    first_letter,
    imbalance,
    links,
    may_link,
    words_twice,
)
from align.qa.numbers import compare, compare_words
from corpus.model import LANG_NAMES
from corpus.text.clean import char_name
from corpus.text.homoglyphs import find_homoglyphs
from corpus.text.script import kk_line_cyrillic

Hit = tuple[str, Where]
PairCheck = Callable[[Unit, CheckSettings], list[Hit]]
MAX_LISTED = 5

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t\u00a0\u202f]{2,}(?=\S)")


def _sides(unit: Unit) -> tuple[tuple[Where, str], ...]:
    """The sides that have sentences, with their text."""
    if unit.kk_ids and unit.en_ids:
        return (("kk", unit.kk), ("en", unit.en))
    return (("kk", unit.kk),) if unit.kk_ids else (("en", unit.en),)


def _pair(unit: Unit) -> bool:
    """Whether both sides have text, so that comparing them makes sense."""
    kk, en = unit.kk, unit.en
    return bool(unit.kk_ids and unit.en_ids and kk and en) and not (kk.isspace() or en.isspace())


def _quote(text: str, limit: int = 60) -> str:
    return f"«{text if len(text) <= limit else text[: limit - 1] + '…'}»"


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


# ---------------------------------------------------------------- empty and copied


def empty_target(unit: Unit, _: CheckSettings) -> list[Hit]:
    return _blank(unit.en_ids, unit.en, "en")


def empty_source(unit: Unit, _: CheckSettings) -> list[Hit]:
    return _blank(unit.kk_ids, unit.kk, "kk")


def _blank(ids: tuple[str, ...], text: str, side: Where) -> list[Hit]:
    if not ids or text.strip():
        return []
    what = "empty" if not text else "only white space"
    return [(f"the {LANG_NAMES[side]} ({', '.join(ids)}) is {what}", side)]


def untranslated(unit: Unit, _: CheckSettings) -> list[Hit]:
    """A 1-0 or 0-1 bead the aligner proposed: a sentence may have lost its counterpart.

    One a translator confirmed is a decision, not an omission: published
    editions leave out datelines, bylines and whole sentences, and QA tools
    (memoQ, Phrase, Trados) do not raise again what a translator has
    accepted. The other checks still read its one side.
    """
    if unit.status == "confirmed":
        return []
    if not unit.en_ids:
        return [
            (
                f"the Kazakh ({', '.join(unit.kk_ids)}) has no English: it is untranslated, "
                "or belongs with a neighbouring bead",
                "kk",
            )
        ]
    if not unit.kk_ids:
        return [
            (
                f"the English ({', '.join(unit.en_ids)}) has no Kazakh source: it was added "
                "by the translator, or belongs with a neighbouring bead",
                "en",
            )
        ]
    return []


def identical(unit: Unit, _: CheckSettings) -> list[Hit]:
    if not _pair(unit) or unit.kk.lstrip()[:1].casefold() != unit.en.lstrip()[:1].casefold():
        return []
    if not _LETTER.search(unit.en):
        return []
    if " ".join(unit.kk.split()).casefold() != " ".join(unit.en.split()).casefold():
        return []
    return [("the English is the same as the Kazakh: copied, not translated?", "both")]


# ---------------------------------------------------------------- letters


def cyrillic_in_english(unit: Unit, _: CheckSettings) -> list[Hit]:
    if not unit.en_ids or not _CYRILLIC.search(unit.en):
        return []
    words = [
        w
        for w in _WORD.findall(unit.en)
        if _CYRILLIC.search(w) and not _LATIN.search(w)  # mixed words are look-alikes
    ]
    if not words:
        return []
    listed = _listing([_quote(w, 30) for w in dict.fromkeys(words)])
    return [(f"Cyrillic left in the English: {listed}", "en")]


def look_alike(unit: Unit, _: CheckSettings) -> list[Hit]:
    hits: list[Hit] = []
    for side, text in _sides(unit):
        if not (_CYRILLIC.search(text) and _LATIN.search(text)):
            continue
        for found in find_homoglyphs(text):
            repair = f"; probably {_quote(found.repair)}" if found.repair else ""
            hits.append(
                (
                    f"the {LANG_NAMES[side]} word {_quote(found.word)} mixes Latin and Cyrillic "
                    f"letters that look alike{repair}",
                    side,
                )
            )
    return hits


# ---------------------------------------------------------------- numbers and links


def numbers(unit: Unit, _: CheckSettings) -> list[Hit]:
    if not _pair(unit):
        return []
    not_in_en: list[str] = []
    not_in_kk: list[str] = []
    if _DIGIT.search(unit.kk) or _DIGIT.search(unit.en):
        not_in_en, not_in_kk = compare(unit.kk, unit.en)
        if (not_in_en or not_in_kk) and (read := kk_line_cyrillic(unit.kk)) != unit.kk:
            # Kazakh in the Latin alphabet or in töte: its scale words read as Cyrillic
            # ("19,7 mlrd" is 19.7 billion); a number is missing only if it is in both readings
            read_not_in_en, read_not_in_kk = compare(read, unit.en)
            not_in_en = [n for n in not_in_en if n in read_not_in_en]
            not_in_kk = [n for n in not_in_kk if n in read_not_in_kk]
    if not not_in_en and not not_in_kk:
        not_in_en, not_in_kk = compare_words(unit.kk, unit.en)  # "екі" against "three"
    parts = []
    if not_in_en:
        parts.append(f"{_listing(not_in_en)} in the Kazakh {_is_are(not_in_en)} not in the English")
    if not_in_kk:
        parts.append(f"{_listing(not_in_kk)} in the English {_is_are(not_in_kk)} not in the Kazakh")
    if not parts:
        return []
    side: Where = "both" if not_in_en and not_in_kk else ("kk" if not_in_en else "en")
    return [("numbers differ: " + "; ".join(parts), side)]


def _is_are(items: list[str]) -> str:
    return "is" if len(items) == 1 else "are"


def urls_emails(unit: Unit, _: CheckSettings) -> list[Hit]:
    if not _pair(unit) or not (may_link(unit.kk) or may_link(unit.en)):
        return []
    kk, en = links(unit.kk), links(unit.en)
    if set(kk) == set(en):
        return []
    parts = []
    not_in_en = [kk[k] for k in kk if k not in en]
    not_in_kk = [en[k] for k in en if k not in kk]
    if not_in_en:
        parts.append(f"{_listing(not_in_en)} in the Kazakh {_is_are(not_in_en)} not in the English")
    if not_in_kk:
        parts.append(f"{_listing(not_in_kk)} in the English {_is_are(not_in_kk)} not in the Kazakh")
    return [("web or e-mail addresses differ: " + "; ".join(parts), "both")]


# ---------------------------------------------------------------- punctuation and case


class Brackets:
    """The brackets check, read along each document's beads in order.

    A quotation often runs over several sentences, and a translator may
    confirm a bead whose one side is empty inside it (``«Бір ғасырлық …`` in a
    1-0 bead, its ``»`` two beads on, the English quoting it in one sentence
    of its own). Checked bead by bead, both ends of such a quotation were
    flagged on a finished document. So each side's sentences are read in
    bead order (:class:`align.qa.marks.MarkStack`): a mark is reported only
    when nothing in the document opens or closes it, on the bead it is in;
    and a bead whose two sides leave the same marks open (both quote on
    past the end of the text) is fine, as it always was. A bracket a bead
    opens and nothing ever closes still warns, confirmed or not. Beads must
    come in document order; the state is held for one document at a time.
    A unit an export leaves out (a 1-0 bead holding a quotation's first
    sentence) is still text the quotation runs through: :meth:`add` it with
    ``report=False``.
    """

    def __init__(self, settings: CheckSettings) -> None:
        self.severity = settings.severity
        self.findings: list[Finding] = []
        self._doc: str | None = None
        self._stacks: dict[Where, MarkStack] = {"kk": MarkStack(), "en": MarkStack()}
        self._paired: set[int] = set()  # beads with marks and both sides
        self._quiet: set[int] = set()  # beads read for their marks, not reported on

    def add(self, unit: Unit, report: bool = True) -> None:
        if unit.doc_id != self._doc:
            self._flush()
            self._doc = unit.doc_id
        if not report:
            self._quiet.add(unit.bead)
        marked = False
        for side, text in _sides(unit):
            if MARK.search(text):
                self._stacks[side].feed(text, unit.bead)
                marked = True
        if marked and unit.kk_ids and unit.en_ids:
            self._paired.add(unit.bead)

    def finish(self) -> list[Finding]:
        """Every finding, once all the units are in."""
        self._flush()
        return self.findings

    def _flush(self) -> None:
        """Report what the document just read leaves unbalanced, and start afresh."""
        left: dict[int, dict[Where, tuple[list[str], list[str]]]] = {}
        for side, stack in self._stacks.items():
            unclosed, unopened = stack.left()
            for found, kind in ((unclosed, 0), (unopened, 1)):
                for ch, bead in found:
                    left.setdefault(bead, {}).setdefault(side, ([], []))[kind].append(ch)
        for bead in sorted(left.keys() - self._quiet):
            problems = left[bead]
            signature = {side: imbalance(*problems.get(side, ([], []))) for side in ("kk", "en")}
            if bead in self._paired and signature["kk"] == signature["en"]:
                continue  # both sides quote on past the end of the text: fine
            for side in ("kk", "en"):
                if side not in problems:
                    continue
                unclosed, unopened = problems[side]
                what = [f"{ch} without its closing {OPENERS[ch]}" for ch in unclosed]
                what += [f"{ch} without its opening {CLOSERS.get(ch, ch)[0]}" for ch in unopened]
                message = f"the {LANG_NAMES[side]} has {_listing(what)}"
                assert self._doc is not None
                self.findings.append(
                    Finding("brackets", self.severity, self._doc, bead, message, side)
                )
        self._doc = None
        self._stacks = {"kk": MarkStack(), "en": MarkStack()}
        self._paired = set()
        self._quiet = set()


def end_punctuation(unit: Unit, _: CheckSettings) -> list[Hit]:
    if not _pair(unit):
        return []
    kk, en = end_mark(unit.kk), end_mark(unit.en)
    if kk == en:
        return []
    if not en:
        return [(f"the Kazakh ends with '{kk}' but the English has no end punctuation", "en")]
    if not kk:
        return [(f"the English ends with '{en}' but the Kazakh has no end punctuation", "kk")]
    return [(f"the Kazakh ends with '{kk}' and the English with '{en}'", "both")]


def first_letter_case(unit: Unit, _: CheckSettings) -> list[Hit]:
    if not _pair(unit):
        return []
    kk, en = first_letter(unit.kk), first_letter(unit.en)
    if kk is None or en is None or kk.isupper() == en.isupper():
        return []
    upper, lower = ("Kazakh", "English") if kk.isupper() else ("English", "Kazakh")
    return [(f"the {upper} starts with a capital letter, the {lower} does not", "both")]


# ---------------------------------------------------------------- spacing and words


def double_space(unit: Unit, _: CheckSettings) -> list[Hit]:
    hits: list[Hit] = []
    for side, text in _sides(unit):
        if not ("  " in text or "\t" in text or "\u00a0" in text or "\u202f" in text):
            continue
        runs = list(_DOUBLE_SPACE.finditer(text))
        if runs:
            columns = _listing([str(m.start() + 1) for m in runs])
            hits.append(
                (f"the {LANG_NAMES[side]} has several spaces in a row (column {columns})", side)
            )
    return hits


def edge_whitespace(unit: Unit, _: CheckSettings) -> list[Hit]:
    hits: list[Hit] = []
    for side, text in _sides(unit):
        if not text.strip():
            continue  # empty-target / empty-source say it
        where = [name for name, edge in (("starts", text[0]), ("ends", text[-1])) if edge.isspace()]
        if where:
            hits.append((f"the {LANG_NAMES[side]} {' and '.join(where)} with white space", side))
    return hits


def repeated_word(unit: Unit, _: CheckSettings) -> list[Hit]:
    hits: list[Hit] = []
    for side, text in _sides(unit):
        repeats = words_twice(text)
        if repeats:
            listed = _listing([_quote(r) for r in repeats])
            hits.append((f"the {LANG_NAMES[side]} repeats a word: {listed}", side))
    return hits


# ---------------------------------------------------------------- characters and size


def illegal_characters(unit: Unit, _: CheckSettings) -> list[Hit]:
    return _character_changes(unit, "illegal")


def invisible_characters(unit: Unit, _: CheckSettings) -> list[Hit]:
    return _character_changes(unit, "invisible")


def unicode_nfc(unit: Unit, _: CheckSettings) -> list[Hit]:
    hits: list[Hit] = []
    for side, changes in _unit_changes(unit.kk, unit.en):
        if any(c.kind == "nfc" for c in changes):
            hits.append(
                (
                    f"the {LANG_NAMES[side]} has decomposed letters (not Unicode NFC); "
                    "exports compose them",
                    side,
                )
            )
    return hits


@lru_cache(maxsize=4)
def _unit_changes(kk: str, en: str) -> tuple[tuple[Where, tuple[Change, ...]], ...]:
    """What sanitising would change on each side that needs it; cached because three
    checks ask in turn about the same unit."""
    return tuple(
        (side, tuple(sanitize(text)[1]))
        for side, text in (("kk", kk), ("en", en))
        if not is_safe(text)
    )


def _character_changes(unit: Unit, kind: str) -> list[Hit]:
    hits: list[Hit] = []
    for side, found in _unit_changes(unit.kk, unit.en):
        changes = [c for c in found if c.kind == kind]
        if changes:
            listed = _listing([_at(c) for c in changes])
            hits.append((f"the {LANG_NAMES[side]} has {listed}, which exports remove", side))
    return hits


def _at(change: Change) -> str:
    return f"{char_name(change.char)} at column {change.column}"


def segment_too_long(unit: Unit, settings: CheckSettings) -> list[Hit]:
    limit = int(settings.params["max-chars"])
    return [
        (
            f"the {LANG_NAMES[side]} is {len(text):,} characters long, over {limit:,}: "
            "Trados and other CAT tools drop or truncate such segments",
            side,
        )
        for side, text in _sides(unit)
        if len(text) > limit
    ]


def unconfirmed(unit: Unit, _: CheckSettings) -> list[Hit]:
    if unit.status == "confirmed":
        return []
    score = "" if unit.score is None else f" (aligner's confidence {unit.score:.2f})"
    return [(f"proposed by the aligner{score}, not yet confirmed by a translator", "")]


PAIR_CHECKS: dict[str, PairCheck] = {
    "empty-target": empty_target,
    "empty-source": empty_source,
    "untranslated": untranslated,
    "identical": identical,
    "cyrillic-in-english": cyrillic_in_english,
    "look-alike": look_alike,
    "numbers": numbers,
    "end-punctuation": end_punctuation,
    "double-space": double_space,
    "edge-whitespace": edge_whitespace,
    "urls-emails": urls_emails,
    "first-letter-case": first_letter_case,
    "repeated-word": repeated_word,
    "illegal-characters": illegal_characters,
    "invisible-characters": invisible_characters,
    "unicode-nfc": unicode_nfc,
    "segment-too-long": segment_too_long,
    "unconfirmed": unconfirmed,
}
