"""Filling untranslated beads from the translation memory's exact matches (pre-translation),
and looking a bead up in the memory together with the document being translated.

What CAT tools do on opening a document: every segment whose source the memory holds
exactly gets that translation, to be reviewed, not typed again. :func:`exact_fills`
looks the beads up (a worker may run it: it reads an immutable :class:`State`);
:meth:`align.session.Session.fill` applies the fills still valid as one undoable step.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.memory import Suggestion, TranslationMemory
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
    mine = document_memory(state, other)
    fills = []
    for n, bead in enumerate(state.alignment.beads):
        if bead.side(lang) or not bead.side(other):
            continue
        source = " ".join(state.sentences[sid].text for sid in bead.side(other))
        wanted = " ".join(source.split())
        found = lookup(memory, mine, source)
        exact = [m for m in found if " ".join(m.source.split()) == wanted]
        if exact and exact[0].target.strip():
            fills.append(Fill(n, source, split_sentences(exact[0].target.strip(), lang)))
    return fills


#: The origin of a pair from the document being translated.
THIS_DOCUMENT = "this document"


def document_memory(state: State, source: str, skip: int | None = None) -> TranslationMemory:
    """The translator's pairs in the document being edited, ``source`` side first: beads
    with text on both sides that were confirmed or changed by hand (typed), not the
    aligner's proposals; ``skip`` leaves a bead out (the one being looked up).

    The corpus's memory is read once, so without these a sentence the document repeats
    would find the translation just typed only in the next session.
    """
    target = "en" if source == "kk" else "kk"
    pairs = []
    for n, bead in enumerate(state.alignment.beads):
        if n == skip or not (bead.kk and bead.en):
            continue
        if bead.status != "confirmed" and bead.score is not None:
            continue
        texts = {
            lang: " ".join(state.sentences[sid].text for sid in bead.side(lang))
            for lang in (source, target)
        }
        pairs.append((texts[source], texts[target], THIS_DOCUMENT))
    return TranslationMemory(pairs)


def lookup(
    memory: TranslationMemory, document: TranslationMemory, text: str, limit: int = 3
) -> list[Suggestion]:
    """The best ``limit`` matches of ``text`` in the corpus's memory and the document's,
    best first, the document's first among equals; a pair both hold is listed once."""
    found = memory.lookup(text, limit) + (document.lookup(text, limit) if len(document) else [])
    found.sort(key=lambda s: (-s.similarity, s.origin != THIS_DOCUMENT))
    best: dict[tuple[str, str], Suggestion] = {}
    for suggestion in found:
        best.setdefault((suggestion.source, suggestion.target), suggestion)
    return list(best.values())[:limit]
