"""What importing a TMX made of the file: counts, languages, changes, and the lines that say so."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from align.formats.sanitize import TextChange
from corpus.errors import Notice, Remedy
from corpus.ingest import more_homoglyphs
from corpus.model import Stamp
from corpus.wording import plural, shorten

#: How many of the sentence-boundary problems the summary lists one by one.
MAX_LISTED = 3
#: Characters of a lost sentence quoted in the summary.
LISTED_TEXT = 40


@dataclass
class ImportReport:
    """What :func:`align.formats.tmx_reader.import_tmx` made of a TMX file."""

    doc_id: str
    path: Path
    units: int = 0
    empty_units: int = 0  # units with no text on either side, skipped
    unconfirmed: int = 0  # units kopir exported unconfirmed (x-status auto), kept so
    inline_codes: int = 0  # formatting codes dropped from segments
    other_languages: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)  # the kk and en codes found
    changes: list[TextChange] = field(default_factory=list)
    #: The first words of the Kazakh mixing Latin and Cyrillic letters (where, what), as
    #: ``kopir ingest`` lists them, and how many there are in all.
    homoglyphs: list[str] = field(default_factory=list)
    homoglyph_count: int = 0
    replaced: bool = False
    split_sides: int = 0  # unit sides split into kopir's sentences (x-sentence-lengths)
    boundary_problems: list[str] = field(default_factory=list)  # lengths that did not fit
    #: The replaced document's Kazakh sentences (id, text) that no unit of the TMX holds.
    dropped_source: list[tuple[str, str]] = field(default_factory=list)
    #: A merge (``--merge``): units put back onto the beads their tuids name, units
    #: added as new beads, and the beads no unit names (ids, text), kept as they were.
    merged: bool = False
    onto_beads: int = 0
    onto_by_tuid: int = 0  # of them, found by their tuid (the rest by their Kazakh)
    added_units: int = 0
    kept_beads: list[tuple[str, str]] = field(default_factory=list)
    #: Beads of a repeated Kazakh sentence that its one (default) unit went onto besides
    #: the first, and those that kept the English confirmed in kopir instead (ids, that
    #: English, the unit's).
    repeated_beads: int = 0
    kept_alternatives: list[tuple[str, str, str]] = field(default_factory=list)
    #: The Kazakh of the units a merge left out: none of the document's beads has it.
    left_out: list[str] = field(default_factory=list)
    #: The Kazakh of OmegaT's alternative translations whose neighbours are at no
    #: occurrence of it: left out (OmegaT uses them nowhere either).
    unfitted_alternatives: list[str] = field(default_factory=list)
    #: The beads a merge changed or added (their ids), by who changed them in the CAT tool
    #: and when; "" for units that name nobody (stamped by whoever merged).
    changes_by: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def changed(self, bead: str, stamp: Stamp | None) -> None:
        """Record that a merge changed or added ``bead``, as ``stamp`` says (None: unnamed)."""
        who, when = (stamp.who, stamp.when) if stamp else ("", "")
        self.changes_by.setdefault(who, []).append((bead, when))

    def summary(self) -> list[str]:
        if self.merged:
            lines = [
                f"merged {plural(self.units, 'unit')} from {self.path} into {self.doc_id}: "
                f"{self.onto_beads:,} onto the document's beads ({self.onto_by_tuid:,} by tuid, "
                f"{self.onto_beads - self.onto_by_tuid:,} by their Kazakh), "
                f"{self.added_units:,} added as new beads where the TMX puts them"
            ]
            return (
                lines
                + self._repeated_note()
                + self._unfitted_note()
                + self._left_out_note()
                + self._changes_note()
                + self._read_notes()
                + self._kept_note()
            )
        action = "replaced" if self.replaced else "created"
        confirmed = self.units - self.unconfirmed
        lines = [
            f"{action} {self.doc_id}: {plural(self.units, 'unit')} from {self.path} "
            f"(languages {', '.join(sorted(self.languages))}): {confirmed:,} confirmed"
            + (
                f", {self.unconfirmed:,} unconfirmed (exported by kopir as proposals)"
                if self.unconfirmed
                else ""
            )
        ]
        return lines + self._read_notes() + self._dropped_note()

    def _read_notes(self) -> list[str]:
        """What reading the TMX skipped, dropped, split or sanitised."""
        lines = []
        if self.empty_units:
            lines.append(f"skipped {plural(self.empty_units, 'unit')} with no text on either side")
        if self.inline_codes:
            lines.append(f"dropped {self.inline_codes:,} inline codes (bpt, ept, ph, it, ut)")
        if self.other_languages:
            lines.append(f"left out other languages: {', '.join(sorted(self.other_languages))}")
        if self.split_sides:
            lines.append(
                f"kept the sentences kopir recorded in {plural(self.split_sides, 'segment')} "
                "(x-sentence-lengths)"
            )
        if self.boundary_problems:
            lines.append(
                f"kept {plural(len(self.boundary_problems), 'segment')} as one sentence each: "
                f"their x-sentence-lengths do not fit the text ({_listed(self.boundary_problems)})"
            )
        lines += self.homoglyphs + more_homoglyphs(str(self.path), self.homoglyph_count)
        if self.changes:
            lines.append(f"sanitised {plural(len(self.changes), 'character')} (listed above)")
        return lines

    def _dropped_note(self) -> list[str]:
        if not self.dropped_source:
            return []
        return [
            f"the Kazakh of {self.doc_id} lost {plural(len(self.dropped_source), 'sentence')} "
            f"the TMX does not hold ({_listed_texts(self.dropped_source)}): an export leaves "
            "out one-sided and unconfirmed beads unless --include-empty / "
            "--include-unconfirmed, and a unit deleted in the CAT tool goes with its Kazakh"
        ]

    def _changes_note(self) -> list[str]:
        """Who changed which beads in the CAT tool, and when: one line a translator."""
        lines = []
        for who, beads in sorted(self.changes_by.items(), key=lambda item: not item[0]):
            if who:
                listed = _listed([f"{bead} at {when}" for bead, when in beads])
                lines.append(f"{who} changed {plural(len(beads), 'bead')} ({listed})")
            else:
                lines.append(
                    f"{plural(len(beads), 'bead')} changed by units that name nobody "
                    f"({_listed([bead for bead, _ in beads])}): stamped as changed by you, now"
                )
        return lines

    def _repeated_note(self) -> list[str]:
        """Where a repeated sentence's one unit went, and where it did not."""
        lines = []
        if self.repeated_beads:
            lines.append(
                f"{plural(self.repeated_beads, 'more bead')} took the translation of a sentence "
                "the document repeats: one unit is the CAT tool's translation of every "
                "occurrence (its default translation)"
            )
        if self.kept_alternatives:
            listed = _listed(
                [
                    f"{ids} {_quoted(own)}, not {_quoted(theirs)}"
                    for ids, own, theirs in self.kept_alternatives
                ]
            )
            lines.append(
                f"{plural(len(self.kept_alternatives), 'bead')} of a repeated sentence kept "
                f"the English you confirmed in kopir ({listed}): its occurrences read "
                "differently there, and the CAT tool's one translation does not say which it "
                "replaces; edit them in kopir if it should"
            )
        return lines

    def _left_out_note(self) -> list[str]:
        if not self.left_out:
            return []
        listed = _listed(list(map(_quoted, self.left_out)))
        return [
            Notice(  # each front end words the remedy its way: a flag, a box to tick
                f"left out {plural(len(self.left_out), 'unit')} whose Kazakh is none of "
                f"{self.doc_id}'s ({listed}): another document's, or a segment joined, split "
                "or edited in the CAT tool",
                Remedy("add_unmatched", "add them to the document as new beads"),
            ),
        ]

    def _unfitted_note(self) -> list[str]:
        if not self.unfitted_alternatives:
            return []
        listed = _listed(list(map(_quoted, self.unfitted_alternatives)))
        return [
            f"left out {plural(len(self.unfitted_alternatives), 'alternative translation')} "
            "(OmegaT's, for one occurrence of a repeated sentence) whose neighbouring segments "
            f"stand around no occurrence in {self.doc_id} ({listed}): OmegaT uses such a "
            "translation nowhere either; the text changed since, or OmegaT cut it otherwise "
            "than kopir ('kopir export srx --omegat' gives OmegaT kopir's rules)"
        ]

    def _kept_note(self) -> list[str]:
        if not self.kept_beads:
            return []
        return [
            f"{plural(len(self.kept_beads), 'bead')} of {self.doc_id} no unit names stayed as "
            f"they were ({_listed_texts(self.kept_beads)}): left out of the export, or deleted "
            "in the CAT tool"
        ]


def _listed(entries: list[str]) -> str:
    """The first MAX_LISTED entries of a note's list, and "…" when there are more: a report
    names examples a translator can find, not every sentence of a long document."""
    more = " …" if len(entries) > MAX_LISTED else ""
    return "; ".join(entries[:MAX_LISTED]) + more


def _quoted(text: str) -> str:
    """A sentence as a note quotes it: its first LISTED_TEXT characters, in quotes."""
    return repr(shorten(text, LISTED_TEXT))


def _listed_texts(entries: list[tuple[str, str]]) -> str:
    """:func:`_listed` of (ids, text) pairs, each as its ids and its text quoted."""
    return _listed([f"{ids} {_quoted(text)}" for ids, text in entries])
