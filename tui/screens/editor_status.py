"""The editor's status line: which bead the cursor is on and in what state, how much
of the document is confirmed, what the quality checks flag, whether the last change
is saved, and what runs in the background.

It is redrawn on every cursor move and twice a second (the autosaver's state changes
on its own thread), so the confirmed beads are counted once a change, not once a
redraw: a long document's keystroke must not pay for a count of every bead.
"""

from __future__ import annotations

from align.model import Bead
from align.session import Session
from corpus.wording import plural
from tui.widgets.bead_rows import state_words
from tui.widgets.text_line import TextLine


class EditorStatus(TextLine):
    """One line under the beads, fed the session and what only the screen knows."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        #: The bead list last counted, and how many of its beads are confirmed.
        self._confirmed: tuple[tuple[Bead, ...] | None, int] = (None, 0)

    def show_document(
        self, session: Session, cursor: int, flags: dict[int, str], busy: str
    ) -> None:
        """The status of ``session``'s document, the cursor on bead ``cursor``; ``flags``
        the checks' worst finding per bead, ``busy`` the work under way (or "")."""
        beads = session.alignment.beads
        count = len(beads)
        parts = [session.doc_id]
        if count:
            i = min(cursor, count - 1)
            state = state_words(beads[i], session.weak_below)
            parts.append(f"bead {i + 1}/{count} {beads[i].kind} {state}")
            done = self._count_confirmed(beads)
            parts.append(f"{done}/{count} confirmed ({100 * done // count}%)")
        else:
            parts.append("no beads: import an English text from the documents screen")
        if flags:
            errors = sum(1 for v in flags.values() if v == "error")
            parts.append(f"QA ⚑ {plural(len(flags), 'bead')} ({errors} with errors)")
        saver = session.saver
        if session.read_only:
            parts.append("READ-ONLY")
        elif saver is not None and saver.error is not None:
            parts.append(f"SAVE FAILED: {saver.error} (kept in the journal)")
        elif saver is not None and saver.pending:
            parts.append("saving…")
        else:
            parts.append("saved")
        if busy:
            parts.append(busy)
        self.show("  │  ".join(parts))
        self.set_class(session.read_only, "read-only")

    def _count_confirmed(self, beads: tuple[Bead, ...]) -> int:
        """How many of ``beads`` are confirmed (counted again only for a new bead list:
        every change makes one)."""
        if self._confirmed[0] is not beads:
            self._confirmed = (beads, sum(b.status == "confirmed" for b in beads))
        return self._confirmed[1]
