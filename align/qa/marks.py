"""What the pair checks read in one text: brackets and quotes, end marks, first letters,
web and e-mail addresses, words written twice.

Plain functions of a string, each starting with a cheap test so that a clean
text costs little; the checks in :mod:`align.qa.pair_checks` compare what they
find on the two sides of a unit.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

_WORD_END = ".,;:!?…»”\"')]"
_TLD = r"\.(?:kz|com|org|net|ru|gov|edu|int|info|io|uk|eu)\b"
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>«»\"“”()\[\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*{_TLD}",
    re.IGNORECASE,
)
_DOMAIN = re.compile(_TLD, re.IGNORECASE)

OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›", "„": "“", "“": "”", '"': '"'}
CLOSERS = {")": "(", "]": "[", "}": "{", "»": "«", "›": "‹", "”": "“„"}
_MARKS = frozenset(OPENERS) | frozenset(CLOSERS)
MARK = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")
#: Opening marks that close in the text that opens them (quotes may wait: :class:`MarkStack`).
BRACKETS = frozenset("([{")
_FAMILY = {"(": "()", ")": "()", "[": "[]", "]": "[]", "{": "{}", "}": "{}"}  # else quotes
_TRAILING_MARKS = "\"'»”“’›)]} \t\u00a0"
#: How many texts (beads) on a quotation mark may still be closed: a quotation runs over
#: sentences, but not over a document. The longest quotations in the development sets'
#: 240 texts close 9 sentences on (a President's address quoted whole); an opening «
#: closed by a » forty beads on hid that the first quotation was never closed.
QUOTE_REACH = 20


def may_link(text: str) -> bool:
    """A quick test that ``text`` may hold an address (substring tests, then a regular
    expression starting with a literal dot, which the regex engine finds fast)."""
    return "@" in text or "/" in text or "www." in text or _DOMAIN.search(text) is not None


def links(text: str) -> dict[str, str]:
    """Addresses in ``text``: normalised form → as written."""
    found = {}
    for match in _LINK.finditer(text):
        written = match.group().rstrip(".,;:!?")
        norm = re.sub(r"^(?:https?://)?(?:www\.)?", "", written.lower()).rstrip("/")
        found.setdefault(norm, written)
    return found


class MarkStack:
    """Brackets and quotes matched over texts read one after another.

    A quotation in news text often runs over several sentences, so over
    several beads (``«Бір ғасырлық … басталды.`` … ``… ұйғардық», – деді ол.``):
    fed a side's sentences in order, each opening mark waits for its closing
    one in a later text. Each mark carries the ``where`` of the text it came
    from, so what stays unbalanced is told to the text it is in.

    Only quotation marks wait beyond their text, and only for :data:`QUOTE_REACH`
    texts on (``where`` counts them: a bead's number): a quotation mark still open
    past that is unbalanced where it is, and a closing mark past it has no opener.
    A bracket is closed in the sentence that opens it (a parenthesis seldom runs
    over a sentence end), while a list's ``3)`` many beads on is a closer with no
    opener: carried over, a ``(`` a translator forgot to close was closed by it, and
    neither was reported. So a bracket its text leaves open is unbalanced there.

    The stack lives as long as a document, not a sentence: a scraped
    document can leave thousands of marks open, and a closing mark that finds
    none of its own kind must not look through all of them (the editor
    re-checks after every edit). So the stack's places of each opening mark
    are kept beside it, and a closing mark finds its opener in constant time.
    The marks on the stack come in the order of their ``where``, so the ones out of
    reach are at its bottom: ``_base`` is where the marks still in reach start, and
    each mark passes it once.
    """

    def __init__(self) -> None:
        self._stack: list[tuple[str, int]] = []
        self._places: dict[str, list[int]] = {ch: [] for ch in OPENERS}  # rising stack indices
        self._unclosed: list[tuple[str, int]] = []
        self._unopened: list[tuple[str, int]] = []
        self._low = 0  # where the text being read starts on the stack
        self._base = 0  # below it, marks out of reach, already told unclosed

    def feed(self, text: str, where: int) -> None:
        """Read the marks of ``text``, which comes after every text fed before."""
        stack = self._stack
        while self._base < len(stack) and stack[self._base][1] < where - QUOTE_REACH:
            self._unclosed.append(stack[self._base])  # out of reach: never closed
            self._base += 1
        self._low = len(stack)  # the marks from here up are this text's
        for match in MARK.finditer(text):
            ch, i = match.group(), match.start()
            top = stack[-1][0] if len(stack) > self._base else ""
            if ch == '"' and top == '"':
                if stack[-1][1] != where and not _closes(text, i):
                    # a straight quote placed as an opening one, with one open from an
                    # earlier text: the same quotation reopened (as English does at each
                    # new paragraph of a long quotation) or a new one; it is what waits now
                    stack[-1] = (ch, where)
                else:
                    self._pop()
            elif ch == '"' and _closes(text, i):
                self._unopened.append((ch, where))  # ends a quotation begun earlier
            elif ch == "“" and top == "„":
                self._pop()  # „Kazakh and Russian quotes“
            elif ch in OPENERS:
                self._places[ch].append(len(stack))
                stack.append((ch, where))
            elif top and top in CLOSERS[ch]:
                self._pop()  # the usual case: it closes the last mark opened
            else:
                places = [
                    self._places[o][-1]
                    for o in CLOSERS[ch]
                    if self._places[o] and self._places[o][-1] >= self._base
                ]
                if not places:
                    self._unopened.append((ch, where))
                else:
                    depth = max(places)  # the innermost opener of this kind
                    self._unclosed.extend(stack[depth + 1 :])
                    self._cut(depth)
        mine = stack[self._low :]
        if any(ch in BRACKETS for ch, _ in mine):  # brackets do not wait for a later text
            self._cut(self._low)
            for ch, at in mine:
                if ch in BRACKETS:
                    self._unclosed.append((ch, at))
                else:
                    self._places[ch].append(len(stack))
                    stack.append((ch, at))

    def _pop(self) -> None:
        """Take the last mark off the stack."""
        self._places[self._stack.pop()[0]].pop()
        self._low = min(self._low, len(self._stack))

    def _cut(self, depth: int) -> None:
        """Take the marks from ``depth`` up off the stack (each mark leaves it once)."""
        for ch, _ in self._stack[depth:]:
            self._places[ch].pop()
        del self._stack[depth:]
        self._low = min(self._low, depth)

    def left(self) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """The marks never closed and those never opened, each with where it was fed."""
        return self._unclosed + self._stack[self._base :], list(self._unopened)


def _closes(text: str, i: int) -> bool:
    """Whether a straight quote at ``text[i]`` is placed as a closing one: after a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and before not in "([{" and (after.isspace() or not after.isalnum())


def imbalance(unclosed: list[str], unopened: list[str]) -> Counter[tuple[str, str]]:
    """What is unbalanced, by kind of mark, so that «» and “” count as the same kind."""
    sig: Counter[tuple[str, str]] = Counter()
    for ch in unclosed:
        sig[(_FAMILY.get(ch, "quotes"), "open")] += 1
    for ch in unopened:
        sig[(_FAMILY.get(ch, "quotes"), "close")] += 1
    return sig


def end_mark(text: str) -> str:
    """The mark ``text`` ends with, past closing quotes and brackets: …, ?!, . ? ! : ; or ""."""
    core = text.rstrip(_TRAILING_MARKS)
    if core.endswith(("...", "…")):
        return "…"
    if core.endswith(("?!", "!?")):
        return "?!"
    last = core[-1:]
    return last if last in (".", "?", "!", ":", ";") else ""


def first_letter(text: str) -> str | None:
    """The first letter, if the text starts with one (after quotes, dashes, brackets)."""
    for ch in text:
        if ch.isalpha():
            return ch if ch.isupper() or ch.islower() else None
        if ch.isdigit():
            return None
    return None


def words_twice(text: str) -> list[str]:
    """Words written twice in a row (``келді келді.``), not across punctuation (``very, very``)."""
    words = text.split()
    if len(words) < 2:
        return []
    if not (
        any(map(str.startswith, words[1:], words))
        or words[1].casefold().startswith(words[0].casefold())  # "The the"
    ):
        return []  # the usual case, decided in C: no word starts with the word before it
    folded = [w.casefold() for w in words]
    return [
        f"{words[i]} {words[i + 1]}"
        for i, (a, b) in enumerate(pairwise(folded))
        if a.isalpha() and b.rstrip(_WORD_END) == a
    ]
