"""The in-memory model of a corpus document: what a TEI file holds.

A document has metadata, a Kazakh side and an English side, and the links
between their sentences. Each side is a flat list of blocks in reading order
(headings, paragraphs, speech, page furniture, …); every block but furniture
holds sentences with ids that stay stable once assigned. A flat list keeps
the aligner and the editor simple: a side is a sequence of sentences with
block boundaries, and the TEI writer rebuilds the nesting (divisions, speech,
opener and closer) from the block kinds.

The links are plain data here: ``align`` builds its alignment model on them,
and ``corpus`` knows nothing of aligners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


def join_sentences(texts: Iterable[str]) -> str:
    """Sentences of one side of a bead as one text: what TMX, exports and the index hold.

    A single space, always: ``align.formats.units.split_joined`` undoes exactly this
    join from the sentence lengths a TMX carries.
    """
    return " ".join(texts)


#: The corpus's two languages and their names in messages: the one table of them.
LANG_NAMES = {"kk": "Kazakh", "en": "English"}


@dataclass(frozen=True)
class Correction:
    """A repaired word: ``sic`` as the source had it, ``corr`` as repaired."""

    sic: str
    corr: str
    reason: str


Part = str | Correction


@dataclass(frozen=True)
class Sentence:
    """A sentence: its id and its text, with any repairs kept beside the original."""

    id: str
    parts: tuple[Part, ...]
    #: The text as corrected: what aligners, editors and exports use. Made with
    #: the sentence (a cached_property takes a lock on every first use before
    #: Python 3.12, which opening a long document paid 20,000 times).
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = "".join(p if isinstance(p, str) else p.corr for p in self.parts)
        object.__setattr__(self, "text", text)

    @classmethod
    def plain(cls, sid: str, text: str) -> Sentence:
        return cls(sid, (text,))

    @property
    def original(self) -> str:
        """The text exactly as the source had it."""
        return "".join(p if isinstance(p, str) else p.sic for p in self.parts)


class BlockKind(StrEnum):
    HEAD = "head"  # headline (type "main") or section heading (type "section")
    P = "p"
    DATELINE = "dateline"  # "АСТАНА. KAZINFORM —" before the first paragraph
    SPEAKER = "speaker"  # "Name, role:" introducing a speech
    SIGNED = "signed"  # author or interviewer credit at the end
    FW = "fw"  # page furniture: view counters, read time, rubric, a repeated headline


@dataclass
class Block:
    """One block of a side, in reading order.

    ``speech`` groups consecutive blocks into one ``<sp>`` (a speaker line and
    the paragraphs spoken); ``who`` is the person id of that speech.
    Furniture keeps its text in ``text`` and has no sentences.
    """

    kind: BlockKind
    sentences: list[Sentence] = field(default_factory=list)
    type: str | None = None
    text: str = ""
    speech: int | None = None
    who: str | None = None

    @property
    def display(self) -> str:
        """The block's text as a reader sees it (sentences joined by a space)."""
        if self.kind is BlockKind.FW:
            return self.text
        return " ".join(s.text for s in self.sentences)


@dataclass
class Side:
    """One language's text of a document."""

    lang: str
    blocks: list[Block] = field(default_factory=list)

    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]

    def next_sentence_number(self) -> int:
        """The number the next new sentence id gets: ids are never reused."""
        numbers = [
            int(s.id.rsplit("s", 1)[1])
            for s in self.sentences()
            if s.id.startswith(f"{self.lang}.s") and s.id.rsplit("s", 1)[1].isdigit()
        ]
        return max(numbers, default=0) + 1


@dataclass(frozen=True)
class Person:
    """Someone who speaks in the text (an expert, an interviewer)."""

    id: str
    name: str
    role: str = ""


@dataclass(frozen=True)
class Stamp:
    """Who did something to a bead and when (UTC, ``2026-12-06T07:15:02Z``)."""

    who: str
    when: str


@dataclass(frozen=True)
class Link:
    """A link between Kazakh and English sentence ids (an alignment bead).

    ``status`` is ``auto`` (proposed by the aligner) or ``confirmed`` (by a
    translator); ``score`` is the aligner's confidence in 0–1, if any.
    ``created`` and ``changed`` say who made the bead and who last changed it
    (confirming included), when known; they are a record, not part of what
    the link is, so they take no part in comparisons.
    """

    kk: tuple[str, ...]
    en: tuple[str, ...]
    status: str = "auto"
    score: float | None = None
    created: Stamp | None = field(default=None, compare=False)
    changed: Stamp | None = field(default=None, compare=False)


@dataclass
class Metadata:
    title: str = ""
    title_is_headline: bool = False  # False: the title was derived from the first sentence
    date: str | None = None  # ISO YYYY-MM-DD
    rubric: str | None = None
    agency: str | None = None
    place: str | None = None
    authors: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    source_file: str = ""
    source_sha256: str = ""
    source_url: str | None = None  # where a crawl found it (kopir build's manifest)
    source_encoding: str = ""
    ingest_options: str = ""  # what was asked at ingest, so a re-ingest can tell a change
    segmenter: str = ""  # how the text was segmented, for the TEI header


@dataclass
class Document:
    id: str
    meta: Metadata
    kk: Side
    en: Side
    links: list[Link] = field(default_factory=list)

    def side(self, lang: str) -> Side:
        if lang == self.kk.lang:
            return self.kk
        if lang == self.en.lang:
            return self.en
        raise KeyError(lang)
