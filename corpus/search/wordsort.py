"""One word's matches in context order, keying in full only the matches a page needs.

Sorting every match by its full key (:func:`~corpus.search.concordance.line_key`: the
word at the sort position, three more words outward, the node) costs a few regular
expression groups and several ``sort_key`` calls per match: seconds for a hundred
thousand matches. A page needs far less. The first part of every key is one word (R1
for ``R1``, L2 for ``L2``; the node and R1 for ``node``), so a search finds each
match's *first word* only, as one group of one regular expression over the joined
texts (no Python call per match beyond building a tuple). Matches sharing a first
word are a *group*; the groups are few (the distinct words of one position), so they
are counted (``Counter``) and ordered by their collation keys, which says which
groups hold the lines ``offset`` to ``offset + limit``. Only the matches of those
groups get full keys and are sorted. The page is exactly the slice of the full sort:
a tuple key orders first by its first part, ties inside a group are broken by the
full key, then by document order.

Left contexts (``L1``–``L3``) are read the same way from the reversed text: the
words left of a match, nearest first, are the words right of it there (a word is a
maximal run of word characters and hyphens, the same read either way).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from corpus.morphology.tokens import TOKEN_CHAR, WORD
from corpus.search.concordance import TIE_WORDS
from corpus.search.plan import Span
from corpus.search.searchtext import sort_key
from corpus.search.tables import SCAN_SEPARATOR

#: One match: its start and end in the joined text, and its first word (None: none).
_Found = tuple[int, int, str | None]


def _words_after(skip: int, take: int) -> str:
    """A pattern of the ``take`` words after the first ``skip`` ones, each a group that
    is None when the text (up to the separator) holds fewer words."""
    gap = f"[^{SCAN_SEPARATOR}]*?"
    skipped = f"(?:{gap}(?:{WORD})){{{skip}}}" if skip else ""
    groups = "".join(f"(?:{gap}({WORD}))?" for _ in range(take))
    return f"(?:{skipped}{groups})?" if skip else groups


class WordSort:
    """The matches of one word (``(word, prefix?)`` in search form) in ``joined`` (texts
    joined by ``SCAN_SEPARATOR``, which no text holds), in the order ``sort`` names
    (``doc``, ``node``, ``L1``–``L3``, ``R1``–``R3``).

    The texts are searched as one: the word's letters first in the pattern (``re``
    looks for them directly), then the word-boundary tests. The text is lowered once
    and searched case-sensitively (several times faster); should lowering change its
    length, the pattern ignores case instead.
    """

    def __init__(self, joined: str, word: tuple[str, bool], sort: str) -> None:
        low = joined.lower()
        self.text, self.flags = (low, 0) if len(low) == len(joined) else (joined, re.IGNORECASE)
        self.sort = sort
        letters, prefix = re.escape(word[0]), word[1]
        self.node = f"{letters}(?<!(?:{TOKEN_CHAR}){letters})" + (
            f"(?:{TOKEN_CHAR})*" if prefix else f"(?!{TOKEN_CHAR})"
        )
        self.at = 0 if sort in ("doc", "node") else int(sort[1]) - 1
        self._reversed: str | None = None
        self._ties = re.compile(_words_after(self.at, 1 + TIE_WORDS), self.flags)
        self.found = self._find()

    def _find(self) -> list[_Found]:
        """Every match with its first word (right sorts and ``node``: one pattern)."""
        if self.sort == "doc":
            finder = re.compile(self.node, self.flags)
            return [(*m.span(), None) for m in finder.finditer(self.text)]
        if self.sort[0] != "L":
            finder = re.compile(f"{self.node}(?={_words_after(self.at, 1)})", self.flags)
            return [(m.start(), m.end(), m.group(1)) for m in finder.finditer(self.text)]
        spans = [m.span() for m in re.compile(self.node, self.flags).finditer(self.text)]
        back = re.compile(_words_after(self.at, 1), self.flags).match
        mirror, size = self.mirrored(), len(self.text)
        found: list[_Found] = []
        for start, end in spans:
            word = back(mirror, size - start).group(1)  # type: ignore[union-attr]
            found.append((start, end, None if word is None else word[::-1]))
        return found

    def mirrored(self) -> str:
        """The searched text reversed (left contexts read forward), made once."""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        return self._reversed

    def page(self, offset: int, limit: int | None) -> list[int]:
        """Indices into :attr:`found` (document order) of lines ``offset`` to
        ``offset + limit`` in the sort's order."""
        end = len(self.found) if limit is None else min(offset + limit, len(self.found))
        if offset >= end:
            return []
        if self.sort == "doc":
            return list(range(offset, end))
        text = self.text
        firsts: list[object] = (
            [(text[start:end].lower(), word) for start, end, word in self.found]
            if self.sort == "node"
            else [word for _, _, word in self.found]
        )
        counts = Counter(firsts)
        keys = {first: self._first_key(first) for first in counts}
        groups: dict[object, int] = {}
        for first, count in counts.items():
            groups[keys[first]] = groups.get(keys[first], 0) + count
        wanted: set[object] = set()
        before = seen = 0
        for key in sorted(groups):
            if seen + groups[key] > offset and seen < end:
                before = before if wanted else seen
                wanted.add(key)
            seen += groups[key]
        chosen = {first for first in counts if keys[first] in wanted}
        members = [n for n, first in enumerate(firsts) if first in chosen]
        members.sort(key=lambda n: (self.key(n), n))
        return members[offset - before : end - before]

    def _first_key(self, first: object) -> tuple[object, ...]:
        """The collation key of a first part (a word or None; for ``node`` the matched
        text and R1): a prefix of the full :meth:`key`, so it orders as that does."""
        if isinstance(first, tuple):
            node, word = first
            return sort_key(node), () if word is None else (sort_key(word.lower()),)
        return () if first is None else (sort_key(str(first).lower()),)

    def key(self, n: int) -> tuple[object, ...]:
        """The full key of match ``n``, as :func:`~corpus.search.concordance.line_key`."""
        start, end, _ = self.found[n]
        node = sort_key(self.text[start:end].lower())
        if self.sort == "node":
            return node, self._words(end)
        return self._words(start if self.sort[0] == "L" else end), node

    def _words(self, at: int) -> tuple[str, ...]:
        """Keys of the words of a full key, from the sort position outward: right of
        ``at`` (left of it for ``L`` sorts, nearest first)."""
        if self.sort[0] == "L":
            found = self._ties.match(self.mirrored(), len(self.text) - at)
            words = [w[::-1] for w in found.groups() if w is not None]  # type: ignore[union-attr]
        else:
            found = self._ties.match(self.text, at)
            words = [w for w in found.groups() if w is not None]  # type: ignore[union-attr]
        return tuple(sort_key(w.lower()) for w in words)

    def located(self, chosen: list[int]) -> list[tuple[int, int, Span]]:
        """Matches ``chosen`` as (text index, which match of its text, span in that text).

        Texts are counted by the separators before each match, in one left-to-right
        pass over the text (``str.count``) for the whole page.
        """
        rows: dict[int, int] = {}
        row = at = 0
        for n in sorted(chosen):
            start = self.found[n][0]
            row += self.text.count(SCAN_SEPARATOR, at, start)
            rows[n], at = row, start
        out = []
        for n in chosen:
            start, end, _ = self.found[n]
            base = self.text.rfind(SCAN_SEPARATOR, 0, start) + 1
            first = bisect_left(self.found, (base,))
            out.append((rows[n], n - first, (start - base, end - base)))
        return out


def one_pass(
    joined: str, word: tuple[str, bool], sort: str, offset: int = 0, limit: int | None = None
) -> tuple[int, list[tuple[int, int, Span]]]:
    """(the number of matches of one word in ``joined`` texts, lines ``offset`` to
    ``offset + limit`` as (text index, which match of the text, span)) in the order
    ``sort`` names, by the keys of :func:`~corpus.search.concordance.line_key`."""
    found = WordSort(joined, word, sort)
    return len(found.found), found.located(found.page(offset, limit))
