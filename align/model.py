"""The alignment model: which Kazakh sentences translate which English ones.

An alignment is the two sentence-id sequences of a document and a list of
beads that partition both of them into contiguous runs, in document order:
every sentence is in exactly one bead, and reading the beads top to bottom
reads both texts in order. That invariant is what makes an alignment usable
for a translation memory, so :class:`Alignment` checks it whenever one is made
and no edit can break it.

Beads hold sentence ids, not positions, because ids are stable in the corpus
while positions shift whenever a sentence is split or merged. The aligner
works with positions, so :meth:`Alignment.index_beads` and
:meth:`Alignment.from_index_beads` convert, and the vecalign text format
(``[0, 1]:[0]:0.873``) is supported for comparing with other aligners.

Bead numbers in messages count from 1, as a translator sees them in the
editor; indices in the API count from 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Literal, NamedTuple, cast, get_args

from corpus.errors import KopirError
from corpus.model import LANG_NAMES, Document, Link

Status = Literal["auto", "confirmed"]
STATUSES: tuple[Status, ...] = get_args(Status)
# corpus.storage.tei stores a score with four decimals; beads keep no more, so that
# an alignment read back from TEI equals the one that was written.
SCORE_DECIMALS = 4
#: Below this confidence an unconfirmed bead counts as weak, unless the corpus sets its own
#: review cut (``[review] weak-below`` in its kopir.toml: :mod:`align.review`).
WEAK_BELOW = 0.5


class ReviewState(StrEnum):
    """Where a bead stands in review: the one answer the editor, minimap and commands share."""

    CONFIRMED = "confirmed"  # a translator confirmed it
    MANUAL = "manual"  # changed by hand (so it has no aligner score), not yet confirmed
    WEAK = "weak"  # proposed by the aligner with a confidence below the review cut
    PROPOSED = "proposed"  # proposed by the aligner with enough confidence


class IndexBead(NamedTuple):
    """A bead by sentence positions, as aligners and vecalign's format see it."""

    kk: tuple[int, ...]
    en: tuple[int, ...]
    score: float | None = None

    def vecalign(self) -> str:
        """``[0, 1]:[0]:0.873``; no score part when there is no score."""
        text = f"{_index_list(self.kk)}:{_index_list(self.en)}"
        return text if self.score is None else f"{text}:{self.score:.3f}"


class AlignmentError(KopirError):
    """An alignment, or an edit of it, that does not hold together, explained in one line."""


@dataclass(frozen=True)
class Bead(Link):
    """Sentences of each side that translate each other: a 1-1, 1-2, 0-1, … bead.

    The stored :class:`corpus.model.Link` with what the aligner and the editor know
    of it: its status is one of :data:`Status`, it has a sentence, it has a review state.

    ``kk`` and ``en`` are sentence ids in document order; one of them may be
    empty (a sentence left untranslated or added by the translator), not both.
    Sizes are not capped, since a translator may merge beads freely, but the
    aligner proposes at most three sentences on a side. ``status`` says who
    made the bead: the aligner (``auto``) or a translator (``confirmed``);
    ``score`` is the aligner's confidence, rounded to :data:`SCORE_DECIMALS`.
    ``created`` and ``changed`` record who made the bead and who last changed
    it (:mod:`align.provenance`); they take no part in comparing beads.
    """

    status: Status = "auto"

    @property
    def never_touched(self) -> bool:
        """A sentence with no counterpart that neither the aligner nor anyone made so: a
        bead of a document not aligned yet (its English not written, say), no score, no
        stamp. Its review state is :attr:`ReviewState.MANUAL`, but nobody changed it."""
        return (
            self.status != "confirmed"
            and self.score is None
            and self.created is None
            and self.changed is None
            and not (self.kk and self.en)
        )

    def review_state(self, weak_below: float) -> ReviewState:
        """Confirmed, changed by hand, weak (a confidence below ``weak_below``, the
        corpus's review cut) or proposed: see :class:`ReviewState`."""
        if self.status == "confirmed":
            return ReviewState.CONFIRMED
        if self.score is None:
            return ReviewState.MANUAL
        return ReviewState.WEAK if self.score < weak_below else ReviewState.PROPOSED

    def __post_init__(self) -> None:
        if not (self.kk or self.en):
            raise AlignmentError("a bead needs at least one sentence")
        if self.status not in STATUSES:
            raise AlignmentError(
                f"unknown bead status {self.status!r}: expected 'auto' or 'confirmed'"
            )
        if self.score is not None:
            if not math.isfinite(self.score):
                raise AlignmentError(f"bead score {self.score} is not a finite number")
            object.__setattr__(self, "score", round(float(self.score), SCORE_DECIMALS))

    @property
    def kind(self) -> str:
        """The bead's shape, ``"1-2"`` for one Kazakh and two English sentences."""
        return f"{len(self.kk)}-{len(self.en)}"

    def side(self, lang: str) -> tuple[str, ...]:
        """The sentence ids on one side, ``"kk"`` or ``"en"``."""
        return self.kk if lang == "kk" else self.en


@dataclass(frozen=True)
class Alignment:
    """A document's two sentence sequences and the beads partitioning them.

    Making one runs :meth:`check`, so an ``Alignment`` that exists is valid,
    and edits (``align.edit``) build new ones instead of changing this one.

    Text edits of sentences change ids, not this design: replacing a
    sentence's id replaces it in ``kk`` (or ``en``) and in its bead; splitting
    a sentence ``x`` into ``x`` and a new id ``y`` inserts ``y`` right after
    ``x`` both in the sequence and in ``x``'s bead, which keeps every run
    contiguous; merging ``x`` with the next sentence ``y`` needs them in one
    bead (merge the beads first) and then drops ``y`` from both. Each is one
    new ``Alignment(kk, en, beads)`` that the constructor checks.
    """

    kk: tuple[str, ...]
    en: tuple[str, ...]
    beads: tuple[Bead, ...]

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Raise :class:`AlignmentError` unless the beads partition both sides in order."""
        for lang in LANG_NAMES:
            _check_side(lang, self.ids(lang), self.beads)

    def ids(self, lang: str) -> tuple[str, ...]:
        """The sentence ids of one side, ``"kk"`` or ``"en"``, in document order."""
        return self.kk if lang == "kk" else self.en

    # ------------------------------------------------------------ building

    @classmethod
    def unaligned(cls, kk: Sequence[str], en: Sequence[str]) -> Alignment:
        """Every sentence in a bead of its own, Kazakh first: the state before aligning."""
        beads = tuple(Bead((sid,), ()) for sid in kk) + tuple(Bead((), (sid,)) for sid in en)
        return cls(tuple(kk), tuple(en), beads)

    @classmethod
    def from_document(cls, doc: Document) -> Alignment:
        """The alignment stored in a document's links.

        A document without links has never been aligned, and gets the
        :meth:`unaligned` starting point so that the invariant still holds;
        callers that must tell the two apart look at ``doc.links``.
        """
        kk = tuple(s.id for s in doc.kk.sentences())
        en = tuple(s.id for s in doc.en.sentences())
        try:
            if not doc.links:
                return cls.unaligned(kk, en)
            beads = tuple(
                Bead(
                    link.kk,
                    link.en,
                    cast(Status, link.status),
                    link.score,
                    link.created,
                    link.changed,
                )
                for link in doc.links
            )
            return cls(kk, en, beads)
        except AlignmentError as e:
            raise AlignmentError(f"{doc.id}: {e}") from None

    def to_links(self) -> list[Link]:
        """The beads as corpus links, status and score included, for storing in TEI."""
        return [Link(b.kk, b.en, b.status, b.score, b.created, b.changed) for b in self.beads]

    @classmethod
    def from_index_beads(
        cls, kk: Sequence[str], en: Sequence[str], beads: Iterable[IndexBead]
    ) -> Alignment:
        """An aligner's result, beads given as sentence positions, all of status ``auto``."""
        kk, en = tuple(kk), tuple(en)
        made = tuple(
            Bead(_ids_at(kk, k, "kk", n), _ids_at(en, e, "en", n), "auto", score)
            for n, (k, e, score) in enumerate(beads, 1)
        )
        return cls(kk, en, made)

    def index_beads(self) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
        """The beads as sentence positions (Kazakh, English): what aligners work with."""
        result = []
        k = e = 0
        for bead in self.beads:
            result.append((tuple(range(k, k + len(bead.kk))), tuple(range(e, e + len(bead.en)))))
            k += len(bead.kk)
            e += len(bead.en)
        return tuple(result)

    def to_vecalign_lines(self) -> list[str]:
        """The beads in vecalign's format, ``[0, 1]:[0]:0.873``; status is not kept."""
        lines = []
        for (k, e), bead in zip(self.index_beads(), self.beads, strict=True):
            score = "" if bead.score is None else f":{bead.score:.3f}"
            lines.append(f"{_index_list(k)}:{_index_list(e)}{score}")
        return lines

    def splice(self, start: int, end: int, beads: Iterable[Bead]) -> Alignment:
        """This alignment with ``beads[start:end]`` replaced.

        Every editing operation is a splice, so it is checked locally: when
        the new beads hold exactly the sentences of the ones they replace, in
        order, the result is valid because this alignment is, and the whole
        document need not be walked again (on a long document that walk cost
        more than the rest of a keystroke). Anything else gets the full check
        and its message.
        """
        new = tuple(beads)
        spliced = self.beads[:start] + new + self.beads[end:]
        old = self.beads[start:end]
        if 0 <= start <= end <= len(self.beads) and all(
            [sid for b in old for sid in b.side(lang)] == [sid for b in new for sid in b.side(lang)]
            for lang in LANG_NAMES
        ):
            return Alignment._valid(self.kk, self.en, spliced)
        return Alignment(self.kk, self.en, spliced)

    def replace_sentences(
        self, index: int, lang: str, ids: tuple[str, ...], before: str | None
    ) -> Alignment:
        """Bead ``index`` with its ``lang`` sentences replaced by ``ids`` (a text edit).

        The new ids take the old ones' place in the side's sequence (with no
        old ones, the place right after ``before``, the side's last sentence
        in an earlier bead, or the start). The bead becomes an unconfirmed,
        unscored one, and goes if it is left with no sentence. Checked
        locally, like :meth:`splice`: ids new to the side must not be in it.
        """
        bead = self.beads[index]
        old = bead.side(lang)
        order = self.ids(lang)
        at = order.index(old[0]) if old else 0 if before is None else order.index(before) + 1
        fresh = [sid for sid in ids if sid not in old]
        if len(set(ids)) != len(ids) or any(sid in order for sid in fresh):
            raise AlignmentError(f"bead {index + 1}: a new {LANG_NAMES[lang]} id is already used")
        sequence = order[:at] + ids + order[at + len(old) :]
        kk_ids, en_ids = (ids, bead.en) if lang == "kk" else (bead.kk, ids)
        replaced = (Bead(kk_ids, en_ids, "auto", None),) if kk_ids or en_ids else ()
        beads = self.beads[:index] + replaced + self.beads[index + 1 :]
        kk_order = sequence if lang == "kk" else self.kk
        en_order = sequence if lang == "en" else self.en
        return Alignment._valid(kk_order, en_order, beads)

    @classmethod
    def _valid(cls, kk: tuple[str, ...], en: tuple[str, ...], beads: tuple[Bead, ...]) -> Alignment:
        """An alignment its maker has proved valid, built without the full check."""
        made = object.__new__(cls)
        for name, value in (("kk", kk), ("en", en), ("beads", beads)):
            object.__setattr__(made, name, value)
        return made

    # ------------------------------------------------------------ queries

    def bead_of_kk(self, sid: str) -> int:
        """The index of the bead holding Kazakh sentence ``sid``."""
        return self._bead_of("kk", sid)

    def bead_of_en(self, sid: str) -> int:
        """The index of the bead holding English sentence ``sid``."""
        return self._bead_of("en", sid)

    def confirmed_fraction(self) -> float:
        """The share of beads a translator has confirmed; 1.0 when there is nothing to confirm."""
        if not self.beads:
            return 1.0
        return sum(b.status == "confirmed" for b in self.beads) / len(self.beads)

    def _bead_of(self, lang: str, sid: str) -> int:
        try:
            return self._bead_index[lang][sid]
        except KeyError:
            raise AlignmentError(f"there is no {LANG_NAMES[lang]} sentence {sid}") from None

    @cached_property
    def _bead_index(self) -> dict[str, dict[str, int]]:
        """Sentence id → bead index per side, built once: the editor asks on every move."""
        return {
            lang: {sid: i for i, bead in enumerate(self.beads) for sid in bead.side(lang)}
            for lang in LANG_NAMES
        }


def _check_side(lang: str, ids: tuple[str, ...], beads: tuple[Bead, ...]) -> None:
    """Check that the beads' ``lang`` sides, read in order, are exactly ``ids``.

    The common case, a valid alignment, is decided with whole-sequence
    operations (every edit of a long document builds a new alignment); only
    an invalid one is walked bead by bead to say what is wrong.
    """
    read = [sid for bead in beads for sid in (bead.kk if lang == "kk" else bead.en)]
    if read == list(ids) and len(set(ids)) == len(ids):
        return
    name = LANG_NAMES[lang]
    position: dict[str, int] = {}
    for p, sid in enumerate(ids):
        if sid in position:
            raise AlignmentError(f"{name} sentence {sid} appears twice in the text")
        position[sid] = p
    expected = 0  # every sentence before this one is in exactly one earlier bead
    for n, bead in enumerate(beads, 1):
        for sid in bead.side(lang):
            p = position.get(sid)
            if p is None:
                raise AlignmentError(f"bead {n} holds {sid}, which is not a {name} sentence")
            if p < expected:
                raise AlignmentError(f"{name} sentence {sid} is in bead {n} and in an earlier one")
            if p > expected:
                raise AlignmentError(
                    f"{name} sentence {ids[expected]} is missing or out of order: "
                    f"bead {n} holds {sid} before it"
                )
            expected += 1
    if expected < len(ids):
        raise AlignmentError(f"{name} sentence {ids[expected]} is in no bead")


def _ids_at(ids: tuple[str, ...], positions: Iterable[int], lang: str, n: int) -> tuple[str, ...]:
    """The ids at some positions, refusing positions outside the text (no negative indexing)."""
    found = []
    for p in positions:
        if not 0 <= p < len(ids):
            raise AlignmentError(
                f"bead {n} points at {LANG_NAMES[lang]} sentence index {p}, "
                f"but the text has {len(ids)} sentences"
            )
        found.append(ids[p])
    return tuple(found)


def _index_list(positions: tuple[int, ...]) -> str:
    return "[" + ", ".join(map(str, positions)) + "]"


_INDICES = r"\[( *[0-9]+(?: *, *[0-9]+)* *| *)\]"
_VECALIGN_LINE = re.compile(rf"{_INDICES}:{_INDICES}(?::(\S+))?")


def parse_vecalign(text: str) -> list[IndexBead]:
    """Read vecalign's format, one ``[kk positions]:[en positions][:score]`` bead per line.

    Blank lines are skipped; anything else that is not a bead is an error
    naming the line, since a silently dropped bead would lose sentences.
    """
    beads = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        match = _VECALIGN_LINE.fullmatch(line)
        if match is None:
            raise AlignmentError(
                f"vecalign line {n}: expected [kk positions]:[en positions] "
                f"with an optional :score, got {line!r}"
            )
        kk, en = _positions(match[1]), _positions(match[2])
        if not (kk or en):
            raise AlignmentError(f"vecalign line {n}: a bead needs at least one sentence")
        beads.append(IndexBead(kk, en, _score(match[3], n)))
    return beads


def _positions(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(",")) if text.strip() else ()


def _score(text: str | None, n: int) -> float | None:
    if text is None:
        return None
    try:
        score = float(text)
    except ValueError:
        score = math.nan
    if not math.isfinite(score):
        raise AlignmentError(f"vecalign line {n}: score {text!r} is not a number")
    return score
