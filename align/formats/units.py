"""Translation units: a document's alignment as the pairs a translation memory holds.

A unit is one bead: the Kazakh sentences of the bead joined by a single
space, the English ones likewise, with the bead's status and score. A 2-1
bead is one unit whose Kazakh text is two sentences, which is how CAT tools
expect an n-to-m match (a TM has no notion of sentences inside a unit).
A side of two or more sentences also carries the length of each
(``kk_lengths``), so that an export can record where they meet and kopir can
take the unit back as the same sentences (TMX ``x-sentence-lengths``, read
by :mod:`align.formats.tmx_reader`); :func:`split_joined` is the inverse of the join.

Every export (TMX, Moses, TSV, JSONL), the quality checks and MT scoring work
on units, so they all agree on what a "pair" is.

The ``tuid`` of a unit is built from the document id and the bead's sentence
ids, ``003_02315eec3f8dba4a:kk.s4:en.s4+en.s5``. Sentence ids never change in
kopir, so a unit keeps its tuid however other beads are edited, and a CAT
tool's TM update replaces the unit instead of adding a duplicate. An empty
side is written ``-`` (``doc:kk.s7:-`` for a 1-0 bead).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from align.cancel import ASK_EVERY, ShouldStop, ask
from align.model import Alignment, Bead, Status
from corpus.model import Document, Sentence, Stamp, join_sentences

#: The language codes exports write by default (TMX xml:lang, Moses file suffixes).
DEFAULT_SRCLANG = "kk-KZ"
DEFAULT_TGTLANG = "en-US"

#: The TMX ``<tuv>`` property holding the lengths of the sentences joined in its ``<seg>``
#: (written by :mod:`align.formats.tmx_writer`, read by :mod:`align.formats.tmx_reader`).
SENTENCE_LENGTHS = "x-sentence-lengths"

#: Why a unit is left out of an export, in the order they are tested.
SKIP_EMPTY = "with one side empty (1-0 or 0-1 beads)"
SKIP_UNCONFIRMED = "not confirmed by a translator"


@dataclass(frozen=True, slots=True)
class Unit:
    """One bead as a translation unit.

    ``bead`` is the 0-based index of the bead in the document's alignment.
    ``qa`` holds the quality findings on the unit (``"warning:numbers"``),
    filled in by an export that ran the checks; ``None`` when none were run.
    ``kk_lengths`` and ``en_lengths`` are the lengths (in characters) of the
    sentences joined in ``kk`` and ``en`` when a side has two or more, and
    empty otherwise: a one-sentence side needs no boundaries, and most units
    then carry nothing more. ``created`` and ``changed`` say who made and
    last changed the bead, when known (TMX ``creationid``, ``changeid``).
    """

    doc_id: str
    bead: int
    kk: str
    en: str
    kk_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    status: Status = "confirmed"
    score: float | None = None
    qa: tuple[str, ...] | None = None
    kk_lengths: tuple[int, ...] = ()
    en_lengths: tuple[int, ...] = ()
    created: Stamp | None = None
    changed: Stamp | None = None

    @property
    def tuid(self) -> str:
        return make_tuid(self.doc_id, self.kk_ids, self.en_ids)

    @property
    def kind(self) -> str:
        """The bead's shape, ``"2-1"``."""
        return f"{len(self.kk_ids)}-{len(self.en_ids)}"

    @property
    def empty_side(self) -> bool:
        """Whether one side has no sentences (a 1-0 or 0-1 bead)."""
        return not (self.kk_ids and self.en_ids)


@dataclass(frozen=True)
class Selection:
    """Which units an export takes: by default confirmed beads with both sides."""

    include_empty: bool = False
    include_unconfirmed: bool = False

    def skip_reason(self, unit: Unit) -> str | None:
        """Why ``unit`` is left out, or ``None`` when it is taken."""
        if unit.empty_side and not self.include_empty:
            return SKIP_EMPTY
        if unit.status != "confirmed" and not self.include_unconfirmed:
            return SKIP_UNCONFIRMED
        return None


EVERYTHING = Selection(include_empty=True, include_unconfirmed=True)


def make_tuid(doc_id: str, kk_ids: tuple[str, ...], en_ids: tuple[str, ...]) -> str:
    return f"{doc_id}:{'+'.join(kk_ids) or '-'}:{'+'.join(en_ids) or '-'}"


def read_tuid(tuid: str | None, doc_id: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The Kazakh and English ids a tuid :func:`make_tuid` made in ``doc_id`` names, else
    None (another document's, or not kopir's)."""
    if not tuid or not tuid.startswith(doc_id + ":"):
        return None
    parts = tuid[len(doc_id) + 1 :].split(":")
    if len(parts) != 2:
        return None
    kk, en = (() if part == "-" else tuple(part.split("+")) for part in parts)
    return (kk, en) if kk or en else None


def all_units(
    doc: Document, alignment: Alignment | None = None, should_stop: ShouldStop | None = None
) -> list[Unit]:
    """Every bead of ``doc`` as a unit, in order (``alignment`` defaults to the stored one).

    A document that was never aligned has no units: its sentences are in no
    bead a translator has seen, so they are not pairs of anything yet.
    ``should_stop`` (an editor's check that may be given up) is asked every
    :data:`align.cancel.ASK_EVERY` beads; True ends with :class:`align.cancel.Stopped`.
    """
    if alignment is None:
        if not doc.links:
            return []
        alignment = Alignment.from_document(doc)
    texts = {s.id: _text(s) for side in (doc.kk, doc.en) for s in side.sentences()}
    units: list[Unit] = []
    for i, bead in enumerate(alignment.beads):
        if i % ASK_EVERY == 0:
            ask(should_stop)
        units.append(_unit(doc.id, i, bead, texts))
    return units


def document_units(
    doc: Document,
    *,
    include_empty: bool = False,
    include_unconfirmed: bool = False,
    alignment: Alignment | None = None,
    skipped: Counter[str] | None = None,
) -> list[Unit]:
    """The units of ``doc`` an export takes; those left out are counted by reason in ``skipped``.

    By default only confirmed beads with both sides: 1-0 and 0-1 beads are
    not translation pairs, and unconfirmed ones are the aligner's guesses.
    """
    selection = Selection(include_empty, include_unconfirmed)
    return list(select(all_units(doc, alignment), selection, skipped))


def _text(sentence: Sentence) -> str:
    """A sentence's text; most sentences are one plain string, which needs no joining."""
    parts = sentence.parts
    if len(parts) == 1 and type(parts[0]) is str:
        return parts[0]
    return sentence.text


def _unit(doc_id: str, i: int, bead: Bead, texts: dict[str, str]) -> Unit:
    return Unit(
        doc_id,
        i,
        _joined(bead.kk, texts),
        _joined(bead.en, texts),
        bead.kk,
        bead.en,
        bead.status,
        bead.score,
        # Most sides are one sentence: no call for their (empty) lengths.
        kk_lengths=_lengths(bead.kk, texts) if len(bead.kk) > 1 else (),
        en_lengths=_lengths(bead.en, texts) if len(bead.en) > 1 else (),
        created=bead.created,
        changed=bead.changed,
    )


def _joined(ids: tuple[str, ...], texts: dict[str, str]) -> str:
    if len(ids) == 1:  # most beads: no joining
        return texts[ids[0]]
    return join_sentences(texts[s] for s in ids)


def _lengths(ids: tuple[str, ...], texts: dict[str, str]) -> tuple[int, ...]:
    return tuple(len(texts[s]) for s in ids)


def split_joined(text: str, lengths: tuple[int, ...]) -> list[str]:
    """The sentences that, joined by single spaces, made ``text``, given their ``lengths``.

    Raises :class:`ValueError` saying why when the lengths cannot have made
    the text: a length below 1, lengths that add up to more or less than the
    text, a boundary that is not a space, or a sentence of nothing but
    whitespace (which kopir never joins). ``lengths`` may come from a file
    anyone could have edited, so nothing is assumed of them.
    """
    if not lengths:
        raise ValueError("no lengths")
    if any(n < 1 for n in lengths):
        raise ValueError("a length below 1")
    total = sum(lengths) + len(lengths) - 1
    if total != len(text):
        raise ValueError(
            f"the lengths add up to {total:,} characters with the spaces between, "
            f"the text has {len(text):,}"
        )
    sentences: list[str] = []
    start = 0
    for n in lengths:
        end = start + n
        if end < len(text) and text[end] != " ":
            raise ValueError(f"character {end + 1} is {text[end]!r}, not the space between two")
        sentence = text[start:end]
        if not sentence.strip():
            raise ValueError(f"sentence {len(sentences) + 1} would be only whitespace")
        sentences.append(sentence)
        start = end + 1
    return sentences


def select(
    units: Iterable[Unit], selection: Selection, skipped: Counter[str] | None = None
) -> Iterator[Unit]:
    """The units ``selection`` takes; each one left out is counted by reason in ``skipped``."""
    for unit in units:
        reason = selection.skip_reason(unit)
        if reason is None:
            yield unit
        elif skipped is not None:
            skipped[reason] += 1
