"""The editor's status line: which bead the cursor is on and in what state, how much
of the document is confirmed, what the quality checks flag, whether the last change
is saved, and what runs in the background.

It is redrawn on every cursor move and twice a second (the autosaver's state changes
on its own thread), so the confirmed beads are counted once a change, not once a
redraw: a long document's keystroke must not pay for a count of every bead.
"""

from __future__ import annotations

from rich.text import Text

from align.model import Bead
from align.session import Session
from corpus.wording import plural
from tui.widgets.bead_rows import state_words
from tui.widgets.text_line import TextLine

SEPARATOR = "  │  "
#: What a narrow line leaves out first, in this order: the document's id (the header
#: shows it), the checks' count (the gutter's ⚑ marks the beads), "saved" (the usual
#: state), the confirmed count. A save that failed, a read-only document, the bead under
#: the cursor and the work under way stay.
DROPPED_FIRST = ("document", "checks", "saved", "confirmed")


def fit_status(parts: list[tuple[str, str]], width: int) -> str:
    """The status ``parts`` ((kind, text), in order) on one line of ``width`` cells: all
    of them if they fit, else without the kinds of :data:`DROPPED_FIRST`, in its order,
    until the rest fit; what still does not fit is cut by the caller."""
    kept = list(parts)
    for kind in (*DROPPED_FIRST, None):
        line = SEPARATOR.join(text for _, text in kept)
        if Text(line).cell_len <= width:
            return line
        kept = [part for part in kept if part[0] != kind]
    return line


class EditorStatus(TextLine):
    """One line under the beads, fed the session and what only the screen knows."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        #: The bead list last counted, and how many of its beads are confirmed.
        self._confirmed: tuple[tuple[Bead, ...] | None, int] = (None, 0)
        self._parts: list[tuple[str, str]] = []  # (kind, text), as show_document made them

    def show_document(
        self, session: Session, cursor: int, flags: dict[int, str], busy: str
    ) -> None:
        """The status of ``session``'s document, the cursor on bead ``cursor``; ``flags``
        the checks' worst finding per bead, ``busy`` the work under way (or "")."""
        beads = session.alignment.beads
        count = len(beads)
        parts = [("document", session.doc_id)]
        if count:
            i = min(cursor, count - 1)
            state = state_words(beads[i], session.weak_below, session.alignment)
            parts.append(("bead", f"bead {i + 1}/{count} {beads[i].kind} {state}"))
            done = self._count_confirmed(beads)
            parts.append(("confirmed", f"{done}/{count} confirmed ({100 * done // count}%)"))
        else:
            parts.append(("bead", "no beads: import an English text from the documents screen"))
        if flags:
            errors = sum(1 for v in flags.values() if v == "error")
            parts.append(("checks", f"QA ⚑ {plural(len(flags), 'bead')} ({errors} with errors)"))
        saver = session.saver
        if session.read_only:
            parts.append(("read-only", "READ-ONLY"))
        elif saver is not None and saver.error is not None:
            parts.append(("failed", f"SAVE FAILED: {saver.error} (kept in the journal)"))
        elif saver is not None and saver.pending:
            parts.append(("saving", "saving…"))
        else:
            parts.append(("saved", "saved"))
        if busy:
            parts.append(("busy", busy))
        self._parts = parts
        self.show(SEPARATOR.join(text for _, text in parts))  # repaints when it changed
        self.set_class(session.read_only, "read-only")

    def render(self) -> Text:
        """The parts that fit the width (:func:`fit_status`): at 80 columns the whole line
        lost the save's state off its end, "SAVE FAILED" included."""
        line = fit_status(self._parts, max(self.size.width, 1))
        return Text(line, no_wrap=True, overflow="ellipsis")

    def _count_confirmed(self, beads: tuple[Bead, ...]) -> int:
        """How many of ``beads`` are confirmed (counted again only for a new bead list:
        every change makes one)."""
        if self._confirmed[0] is not beads:
            self._confirmed = (beads, sum(b.status == "confirmed" for b in beads))
        return self._confirmed[1]
