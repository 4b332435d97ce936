"""Replaying an editing session's journal: how a session that did not end cleanly comes back.

Every change a session makes is written to the document's journal
(``corpus.storage.journal``) before the session shows it, with the stamp (who,
when) the change's beads got. :func:`replay` applies such entries to a fresh
session in order, the stamps included, so the recovered session has the same
alignment, text, undo history and provenance as the one that was lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from align.edit import from_record
from align.model import AlignmentError
from corpus.model import Stamp
from corpus.storage.journal import CLOSED, KEPT, Draft

if TYPE_CHECKING:
    from align.session import Session


def replay(session: Session, entries: list[dict]) -> Draft | None:
    """Apply journal entries to a session; returns the unfinished draft, if any."""
    draft: Draft | None = None
    for n, entry in enumerate(entries, 1):
        kind = entry.get("t")
        session._replayed_stamp = stamp_of(entry)
        try:
            if kind == "op":
                record = {k: v for k, v in entry.items() if k not in _NOT_OPERATION}
                session.apply(from_record(record))
            elif kind == "texts":
                session.set_texts(int(entry["bead"]), str(entry["lang"]), list(entry["texts"]))
            elif kind == "fill":
                edits = [(int(i), [str(t) for t in texts]) for i, texts in entry["beads"]]
                session.filled(str(entry["lang"]), edits, session._stamp())
            elif kind == "undo":
                session.undo()
            elif kind == "redo":
                session.redo()
            elif kind == "draft":
                draft = Draft(int(entry["bead"]), str(entry["lang"]), str(entry["text"]))
            elif kind == "draft-end":
                draft = None
            elif kind in (CLOSED, KEPT):
                pass  # a close that kept unapplied typing, or undo history: nothing to change
            else:
                raise AlignmentError(f"unknown entry type {kind!r}")
        except (KeyError, TypeError, ValueError) as exc:
            raise AlignmentError(f"journal entry {n} is malformed ({exc})") from None
        except AlignmentError as exc:
            raise AlignmentError(f"journal entry {n} cannot be replayed: {exc}") from None
        finally:
            session._replayed_stamp = None
    return draft


_NOT_OPERATION = {"t", "by", "at"}


def stamp_fields(stamp: Stamp) -> dict[str, str]:
    """A stamp as journal entry fields, so that replaying gives the same stamps."""
    return {"by": stamp.who, "at": stamp.when}


def stamp_of(entry: dict) -> Stamp | None:
    """The stamp a journal entry carries; none in entries written before stamps were kept."""
    by, at = entry.get("by"), entry.get("at")
    return Stamp(by, at) if isinstance(by, str) and isinstance(at, str) else None
