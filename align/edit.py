"""Editing an alignment: pure operations, recorded in the session journal.

Every operation a translator's editor offers is a small frozen value that
turns one :class:`Alignment` into a new one and never changes its input.
Undo and redo are the session's (:mod:`align.session`): because alignments are
immutable and share their beads, the session keeps the state before each step,
which costs a reference, and undoing is going back to it — exact by
construction, for text edits and re-alignment as much as for these operations.

An operation is described by :meth:`Operation.replacement`: which run of
beads it replaces and with what. ``apply`` splices that in (the result is
checked like any alignment). Beads whose sentences change become ``auto``
with no score: the aligner's score no longer describes them, and a
translator confirms them explicitly. :func:`to_record` and :func:`from_record`
turn an operation into JSON and back, for the journal that replays a crashed
session.

Bead numbers in descriptions and messages count from 1, as the editor shows
them; indices passed to operations count from 0.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import ClassVar, Literal, NamedTuple

from align.model import Alignment, AlignmentError, Bead, Status
from corpus.model import LANG_NAMES

Lang = Literal["kk", "en"]
Replacement = tuple[int, int, tuple[Bead, ...]]
"""``(start, end, beads)``: the beads that replace ``alignment.beads[start:end]``."""


class Mark(NamedTuple):
    """The status and score a merge or a split gives the beads it makes."""

    status: Status = "auto"
    score: float | None = None


AUTO = Mark()


class Operation(ABC):
    """An edit of an alignment: pure and validated."""

    @abstractmethod
    def replacement(self, al: Alignment) -> Replacement:
        """Which beads this replaces in ``al`` and with what; :class:`AlignmentError` if it can't.

        The editor can also use it to know which rows changed.
        """

    @abstractmethod
    def describe(self) -> str:
        """What the operation does, as a sentence for the undo menu."""

    def apply(self, al: Alignment) -> Alignment:
        """A new alignment with the operation done; ``al`` is left as it was."""
        start, end, beads = self.replacement(al)
        return al.splice(start, end, beads)


# ---------------------------------------------------------------- helpers


def _bead(al: Alignment, i: int) -> Bead:
    count = len(al.beads)
    if not 0 <= i < count:
        raise AlignmentError(f"there is no bead {i + 1}: the alignment has {_count(count)}")
    return al.beads[i]


def _count(count: int) -> str:
    return f"{count} bead" if count == 1 else f"{count} beads"


def _beads_named(start: int, end: int) -> str:
    """Beads ``start:end`` as a translator reads them: "bead 4" or "beads 4–6"."""
    return f"bead {start + 1}" if end == start + 1 else f"beads {start + 1}–{end}"


def _next(al: Alignment, i: int) -> Bead:
    """The bead after bead ``i``, which must exist too."""
    _bead(al, i)
    if i + 1 >= len(al.beads):
        raise AlignmentError("there is no bead after the last one")
    return al.beads[i + 1]


def _check_lang(lang: str) -> None:
    if lang not in LANG_NAMES:
        raise AlignmentError(f"side must be 'kk' or 'en', not {lang!r}")


def _other(lang: Lang) -> Lang:
    return "en" if lang == "kk" else "kk"


def _with_side(bead: Bead | None, lang: Lang, ids: tuple[str, ...]) -> tuple[Bead, ...]:
    """A fresh ``auto`` bead: ``bead`` (or nothing) with one side replaced; none if empty."""
    kk = bead.kk if bead else ()
    en = bead.en if bead else ()
    if lang == "kk":
        kk = ids
    else:
        en = ids
    return (Bead(kk, en),) if kk or en else ()


# ---------------------------------------------------------------- merging and splitting


@dataclass(frozen=True)
class Merge(Operation):
    """Bead ``i`` and the next become one bead, marked ``mark`` (``auto``, no score)."""

    i: int
    mark: Mark = AUTO

    def replacement(self, al: Alignment) -> Replacement:
        a, b = _bead(al, self.i), _next(al, self.i)
        return self.i, self.i + 2, (Bead(a.kk + b.kk, a.en + b.en, *self.mark),)

    def describe(self) -> str:
        return f"merge beads {self.i + 1} and {self.i + 2}"


@dataclass(frozen=True)
class Split(Operation):
    """Bead ``i`` becomes ``(kk[:kk_at], en[:en_at])`` and ``(kk[kk_at:], en[en_at:])``.

    Each part needs a sentence. ``marks`` are the parts' status and score:
    ``auto`` by default.
    """

    i: int
    kk_at: int
    en_at: int
    marks: tuple[Mark, Mark] = (AUTO, AUTO)

    def replacement(self, al: Alignment) -> Replacement:
        bead = _bead(al, self.i)
        self._check(bead)
        first = Bead(bead.kk[: self.kk_at], bead.en[: self.en_at], *self.marks[0])
        second = Bead(bead.kk[self.kk_at :], bead.en[self.en_at :], *self.marks[1])
        return self.i, self.i + 1, (first, second)

    def describe(self) -> str:
        return f"split bead {self.i + 1}"

    def _check(self, bead: Bead) -> None:
        n = self.i + 1
        if len(bead.kk) + len(bead.en) < 2:
            raise AlignmentError(f"cannot split bead {n}: a {bead.kind} bead has only one sentence")
        for lang, at in (("kk", self.kk_at), ("en", self.en_at)):
            size = len(bead.side(lang))
            if not 0 <= at <= size:
                raise AlignmentError(
                    f"cannot split bead {n} after {at} {LANG_NAMES[lang]} sentences: it has {size}"
                )
        if (self.kk_at, self.en_at) in ((0, 0), (len(bead.kk), len(bead.en))):
            raise AlignmentError(f"cannot split bead {n} there: both parts need a sentence")


@dataclass(frozen=True)
class InsertEmpty(Operation):
    """Give the ``side`` sentences of bead ``i`` an empty counterpart.

    They move to a new bead right after bead ``i`` with nothing on the other
    side, and bead ``i`` keeps the other side's sentences: an n-m bead becomes
    n-0 then 0-m for ``side="en"``, and 0-m then n-0 for ``side="kk"``. This
    is InterText's "insert empty segment": the translation left those
    sentences out, or added them. Bead ``i`` needs sentences on both sides.
    """

    i: int
    side: Lang

    def __post_init__(self) -> None:
        _check_lang(self.side)

    def replacement(self, al: Alignment) -> Replacement:
        return self._split(al).replacement(al)

    def describe(self) -> str:
        return (
            f"give the {LANG_NAMES[self.side]} sentences of bead {self.i + 1} "
            f"an empty {LANG_NAMES[_other(self.side)]} counterpart"
        )

    def _split(self, al: Alignment) -> Split:
        bead = _bead(al, self.i)
        name, n = LANG_NAMES[self.side], self.i + 1
        if not bead.side(self.side):
            raise AlignmentError(f"bead {n} has no {name} sentences to move")
        if not bead.side(_other(self.side)):
            raise AlignmentError(f"the {name} sentences of bead {n} have no counterpart already")
        return (
            Split(self.i, len(bead.kk), 0) if self.side == "en" else Split(self.i, 0, len(bead.en))
        )


# ---------------------------------------------------------------- moving sentences


@dataclass(frozen=True)
class ShiftUp(Operation):
    """Move the next ``side`` sentence after bead ``i`` to the end of bead ``i``.

    It is the first ``side`` sentence of the first bead after ``i`` that has one: beads
    between with nothing on that side (a headline's 1-0, a dateline's) stay as they are,
    so a translator pulls the English headline up past them with one key instead of
    merging them all and splitting again. The bead it leaves disappears if that leaves
    it empty.
    """

    i: int
    side: Lang

    def __post_init__(self) -> None:
        _check_lang(self.side)

    def replacement(self, al: Alignment) -> Replacement:
        a = _bead(al, self.i)
        _next(al, self.i)
        j = next((k for k in range(self.i + 1, len(al.beads)) if al.beads[k].side(self.side)), None)
        if j is None:
            raise AlignmentError(
                f"no bead after bead {self.i + 1} has a sentence on the "
                f"{LANG_NAMES[self.side]} side to move up"
            )
        b = al.beads[j]
        ids = b.side(self.side)
        beads = _with_side(a, self.side, a.side(self.side) + ids[:1]) + al.beads[self.i + 1 : j]
        return self.i, j + 1, beads + _with_side(b, self.side, ids[1:])

    def describe(self) -> str:
        return f"move the next {LANG_NAMES[self.side]} sentence up into bead {self.i + 1}"


@dataclass(frozen=True)
class ShiftDown(Operation):
    """Move the last ``side`` sentence of bead ``i`` to the start of bead ``i + 1``.

    Bead ``i`` disappears if that leaves it empty. For the last bead, the
    sentence goes to a new bead after it.
    """

    i: int
    side: Lang

    def __post_init__(self) -> None:
        _check_lang(self.side)

    def replacement(self, al: Alignment) -> Replacement:
        a = _bead(al, self.i)
        ids = a.side(self.side)
        if not ids:
            raise AlignmentError(
                f"bead {self.i + 1} has no {LANG_NAMES[self.side]} sentence to move down"
            )
        head = _with_side(a, self.side, ids[:-1])
        if self.i + 1 == len(al.beads):
            return self.i, self.i + 1, head + _with_side(None, self.side, ids[-1:])
        b = al.beads[self.i + 1]
        return self.i, self.i + 2, head + _with_side(b, self.side, ids[-1:] + b.side(self.side))

    def describe(self) -> str:
        return f"move the last {LANG_NAMES[self.side]} sentence of bead {self.i + 1} down"


# ---------------------------------------------------------------- confirming


@dataclass(frozen=True)
class _SetStatus(Operation):
    """Bead ``i`` gets the subclass's ``status``; its sentences and score stay."""

    i: int
    status: ClassVar[Status]
    verb: ClassVar[str]

    def replacement(self, al: Alignment) -> Replacement:
        return self.i, self.i + 1, (replace(_bead(al, self.i), status=self.status),)

    def describe(self) -> str:
        return f"{self.verb} bead {self.i + 1}"


class Confirm(_SetStatus):
    """A translator approves bead ``i``; its score stays as the aligner gave it."""

    status = "confirmed"
    verb = "confirm"


class Unconfirm(_SetStatus):
    """Bead ``i`` goes back to ``auto``, to be reviewed again."""

    status = "auto"
    verb = "unconfirm"


def _set_status(i: int, status: Status) -> Operation:
    """The operation that gives bead ``i`` back its ``status``."""
    return Confirm(i) if status == "confirmed" else Unconfirm(i)


@dataclass(frozen=True)
class ConfirmUpTo(Operation):
    """Confirm all beads above and including bead ``i``: the translator has reviewed them."""

    i: int

    def replacement(self, al: Alignment) -> Replacement:
        _bead(al, self.i)
        beads = tuple(replace(b, status="confirmed") for b in al.beads[: self.i + 1])
        return 0, self.i + 1, beads

    def describe(self) -> str:
        return f"confirm {_beads_named(0, self.i + 1)}"


# ---------------------------------------------------------------- re-aligning


@dataclass(frozen=True)
class ReplaceRange(Operation):
    """Replace ``beads[start:end]`` by ``new_beads`` holding exactly the same sentences.

    This is what re-aligning an unconfirmed stretch does; ``label`` names it in
    the undo menu.
    """

    start: int
    end: int
    new_beads: tuple[Bead, ...]
    label: str = ""

    def replacement(self, al: Alignment) -> Replacement:
        if self.start >= self.end:
            raise AlignmentError("there are no beads to replace: the range is empty")
        _bead(al, self.start)
        _bead(al, self.end - 1)
        old = al.beads[self.start : self.end]
        for lang, name in LANG_NAMES.items():
            if _sentences(old, lang) != _sentences(self.new_beads, lang):
                raise AlignmentError(
                    f"the new beads do not hold the same {name} sentences "
                    f"as {_beads_named(self.start, self.end)}"
                )
        return self.start, self.end, self.new_beads

    def describe(self) -> str:
        return self.label or f"re-align {_beads_named(self.start, self.end)}"


def _sentences(beads: tuple[Bead, ...], lang: str) -> tuple[str, ...]:
    return tuple(sid for bead in beads for sid in bead.side(lang))


# ---------------------------------------------------------------- records


_OPERATIONS: dict[str, type[Operation]] = {
    cls.__name__: cls
    for cls in (
        Merge,
        Split,
        InsertEmpty,
        ShiftUp,
        ShiftDown,
        Confirm,
        Unconfirm,
        ConfirmUpTo,
        ReplaceRange,
    )
}


def to_record(op: Operation) -> dict:
    """An operation as plain JSON-able data, for the session journal."""
    name = type(op).__name__
    if name not in _OPERATIONS:
        raise AlignmentError(f"cannot record an operation of type {name}")
    record: dict = {"op": name}
    for key, value in vars(op).items():
        if key == "new_beads":
            value = [[list(b.kk), list(b.en), b.status, b.score] for b in value]
        elif key == "marks":
            value = [list(m) for m in value]
        elif key == "mark":
            value = list(value)
        record[key] = value
    return record


def from_record(record: dict) -> Operation:
    """The operation a :func:`to_record` record describes; :class:`AlignmentError` if none."""
    try:
        fields = dict(record)
        cls = _OPERATIONS[fields.pop("op")]
        if "new_beads" in fields:
            fields["new_beads"] = tuple(
                Bead(tuple(kk), tuple(en), status, score)
                for kk, en, status, score in fields["new_beads"]
            )
        if "marks" in fields:
            fields["marks"] = tuple(Mark(*m) for m in fields["marks"])
        if "mark" in fields:
            fields["mark"] = Mark(*fields["mark"])
        return cls(**fields)
    except (KeyError, TypeError, ValueError) as exc:
        raise AlignmentError(f"not an operation record: {record!r} ({exc})") from None
