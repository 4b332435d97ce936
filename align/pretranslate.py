"""Filling untranslated beads from the translation memory's exact matches (pre-translation).

What CAT tools do on opening a document: every segment whose source the memory holds
exactly gets that translation, to be reviewed, not typed again. :func:`exact_fills`
looks the beads up (a worker may run it: it reads an immutable :class:`State`);
:meth:`align.session.Session.fill` applies the fills still valid as one undoable step.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.memory import TranslationMemory
from align.state import State
from corpus.text.segment import split_sentences


@dataclass(frozen=True)
class Fill:
    """The translation for bead ``bead``'s empty side, found for the other side's ``source``."""

    bead: int
    source: str
    texts: list[str]  # the memory's translation, one sentence each


def exact_fills(state: State, memory: TranslationMemory, lang: str = "en") -> list[Fill]:
    """A :class:`Fill` for every bead whose ``lang`` side is empty and whose other
    side's text (its sentences joined by a space) is exactly the source of a unit of
    ``memory`` (white space aside; a match at 100 % that differs in case or
    punctuation is no exact match). The translation is cut into sentences as ingest
    cuts ``lang``, so a unit of two English sentences gives the bead two."""
    other = "kk" if lang == "en" else "en"
    fills = []
    for n, bead in enumerate(state.alignment.beads):
        if bead.side(lang) or not bead.side(other):
            continue
        source = " ".join(state.sentences[sid].text for sid in bead.side(other))
        wanted = " ".join(source.split())
        exact = [m for m in memory.lookup(source) if " ".join(m.source.split()) == wanted]
        if exact and exact[0].target.strip():
            fills.append(Fill(n, source, split_sentences(exact[0].target.strip(), lang)))
    return fills
