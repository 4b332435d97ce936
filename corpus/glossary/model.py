"""A glossary's entries: a Kazakh term, its English renderings, a note.

Terms are checked as they come in, from the command line, a dialog or a
client's file: each side is one line of text in NFC, with no control
characters (a tab or a line break would break OmegaT's tab-separated
glossary), at most :data:`MAX_TERM` characters. Two entries whose Kazakh is the
same but for case are one entry: adding the second adds its renderings to the
first. A Kazakh term may not start with ``#`` (OmegaT's glossary reads such a line as a
comment, so the term would be lost on the way to the CAT tool), nor an English rendering
hold ``|`` (it separates renderings in a dialog's box and a spreadsheet's cell).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.errors import KopirError

#: The longest term or rendering accepted: a glossary holds names and phrases, not sentences.
MAX_TERM = 200
#: The longest note accepted.
MAX_NOTE = 1000
#: What separates several English renderings typed in one box or one spreadsheet cell.
SEPARATOR = "|"


class GlossaryError(KopirError):
    """A glossary file, entry or request kopir cannot use, explained in one line."""


@dataclass(frozen=True)
class Term:
    """A Kazakh term, its English renderings (the preferred first) and an optional note."""

    kk: str
    en: tuple[str, ...]
    note: str = ""

    @property
    def key(self) -> str:
        """What makes two entries one: the Kazakh, case folded."""
        return self.kk.casefold()


def checked_text(text: object, what: str, limit: int = MAX_TERM) -> str:
    """``text`` as one clean line (NFC, spaces collapsed), or a :class:`GlossaryError`."""
    if not isinstance(text, str):
        raise GlossaryError(f"{what}: expected text, got {type(text).__name__}")
    clean = " ".join(unicodedata.normalize("NFC", text).split())
    bad = next((ch for ch in clean if unicodedata.category(ch) in ("Cc", "Cf", "Cs")), None)
    if bad is not None:
        raise GlossaryError(f"{what}: {clean[:40]!r} holds the control character U+{ord(bad):04X}")
    if len(clean) > limit:
        raise GlossaryError(f"{what}: {len(clean)} characters, over the {limit} a term may have")
    return clean


def make_term(kk: object, en: Iterable[object], note: object = "") -> Term:
    """A checked :class:`Term`: a Kazakh term and at least one English rendering."""
    kazakh = checked_text(kk, "the Kazakh term")
    if not any(ch.isalnum() for ch in kazakh):
        raise GlossaryError(f"the Kazakh term {kazakh!r} has no word in it")
    if kazakh.startswith("#"):  # a line of OmegaT's glossary starting with # is a comment
        raise GlossaryError(
            f"the Kazakh term {kazakh!r} starts with #, which glossaries read as a note"
        )
    renderings: list[str] = []
    for one in en:
        english = checked_text(one, f"the English of {kazakh!r}")
        if SEPARATOR in english:
            raise GlossaryError(
                f"the English {english!r} of {kazakh!r} holds {SEPARATOR}, which separates "
                "renderings: give them one by one"
            )
        if english and english.casefold() not in {r.casefold() for r in renderings}:
            renderings.append(english)
    if not renderings:
        raise GlossaryError(f"the term {kazakh!r} has no English rendering")
    return Term(kazakh, tuple(renderings), checked_text(note, f"the note of {kazakh!r}", MAX_NOTE))


@dataclass(frozen=True)
class Glossary:
    """A corpus's terms, in the order they were added."""

    terms: tuple[Term, ...] = ()

    def __len__(self) -> int:
        return len(self.terms)

    def find(self, kk: str) -> Term | None:
        """The entry for the Kazakh ``kk`` (case aside), if there is one."""
        key = " ".join(kk.split()).casefold()
        return next((t for t in self.terms if t.key == key), None)

    def with_term(self, term: Term) -> tuple[Glossary, str]:
        """The glossary with ``term`` added, and what happened: ``added``, ``merged`` (new
        renderings or a note for an entry already there) or ``unchanged``."""
        glossary, outcomes = self.with_terms([term])
        return glossary, outcomes[0]

    def with_terms(self, terms: Iterable[Term]) -> tuple[Glossary, list[str]]:
        """The glossary with each of ``terms`` added in turn (:meth:`with_term`), and what
        happened to each; in one pass, so that a file of 100,000 terms is not quadratic."""
        entries = {t.key: t for t in self.terms}
        outcomes = []
        for term in terms:
            old = entries.get(term.key)
            if old is None:
                entries[term.key] = term
                outcomes.append("added")
                continue
            known = {r.casefold() for r in old.en}
            extra = tuple(r for r in term.en if r.casefold() not in known)
            note = old.note or term.note
            if not extra and note == old.note:
                outcomes.append("unchanged")
                continue
            entries[term.key] = Term(old.kk, old.en + extra, note)
            outcomes.append("merged")
        if all(what == "unchanged" for what in outcomes):
            return self, outcomes
        return Glossary(tuple(entries.values())), outcomes

    def without(self, kk: str, en: str | None = None) -> Glossary:
        """The glossary without the entry ``kk``, or only without its rendering ``en``
        (the entry goes when it was its last); an error when there is no such entry."""
        old = self.find(kk)
        if old is None:
            raise GlossaryError(f"no glossary term {kk!r}")
        if en is None:
            return Glossary(tuple(t for t in self.terms if t is not old))
        kept = tuple(r for r in old.en if r.casefold() != en.strip().casefold())
        if len(kept) == len(old.en):
            raise GlossaryError(
                f"the term {old.kk!r} has no rendering {en!r} (it has: {', '.join(old.en)})"
            )
        if not kept:
            return Glossary(tuple(t for t in self.terms if t is not old))
        return Glossary(tuple(Term(t.kk, kept, t.note) if t is old else t for t in self.terms))
