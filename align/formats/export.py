"""What every export does: choose the units, check them, refuse on errors, report.

An export (TMX, Moses, TSV, JSONL) runs in two passes over the documents:

1. the quality checks (:func:`align.qa.check_corpus`) on exactly the units
   the export will take; if any finding is an error, the export stops and
   says which, unless forced;
2. the units again, each carrying its findings (``x-qa`` in TMX), streamed
   into the writer.

Both passes read through one :class:`align.formats.unit_reader.UnitReader`, so a
document is parsed once unless the corpus is too big to keep its units in
memory between the passes; then the documents past the budget are parsed
again, one at a time, and memory stays bounded.

The report says how many units were written, how many were left out and
why, what sanitising changed, and what the checks found.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from align.formats.sanitize import TextChange
from align.formats.unit_reader import UnitReader
from align.formats.units import (
    DEFAULT_SRCLANG,
    DEFAULT_TGTLANG,
    SKIP_EMPTY,
    SKIP_UNCONFIRMED,
    Selection,
    Unit,
    select,
)
from align.qa import QAConfig, check_corpus, load_config
from align.qa.findings import Finding, count_by_severity, count_line, qa_labels
from align.qa.run import TAKEN
from corpus.errors import KopirError, Remedy
from corpus.storage.atomic import atomic_output
from corpus.storage.store import Corpus
from corpus.wording import plural

#: Errors listed one by one in a refusal message before summarising.
MAX_LISTED = 3


def first_few(ids: Sequence[str]) -> str:
    """The first :data:`MAX_LISTED` of ``ids``, comma-separated, and "…" when there are more:
    the documents or beads a report names as examples."""
    return ", ".join(ids[:MAX_LISTED]) + (" …" if len(ids) > MAX_LISTED else "")


@dataclass(frozen=True)
class ExportOptions:
    """What an export takes and how: the same for every format.

    ``srclang`` and ``tgtlang`` are the language codes written (TMX
    ``xml:lang``; their first part names Moses files).
    """

    include_empty: bool = False
    include_unconfirmed: bool = False
    force: bool = False
    srclang: str = DEFAULT_SRCLANG
    tgtlang: str = DEFAULT_TGTLANG

    @property
    def selection(self) -> Selection:
        return Selection(self.include_empty, self.include_unconfirmed)

    def taking(self, selection: Selection) -> ExportOptions:
        """These options with ``selection``'s choice of units (a format that fixes its own)."""
        return replace(
            self,
            include_empty=selection.include_empty,
            include_unconfirmed=selection.include_unconfirmed,
        )


#: The units the checks see for the translated text (``kopir export text``): it delivers
#: every sentence, confirmed or not; the beads with one side empty it lists by name.
DELIVERED = Selection(include_empty=False, include_unconfirmed=True)


@dataclass
class ExportReport:
    """What an export did."""

    paths: list[Path]
    units: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    changes: list[TextChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unaligned: list[str] = field(default_factory=list)  # documents with no alignment yet
    #: Documents left out because they could not be read, with the error of each.
    unreadable: dict[str, str] = field(default_factory=dict)
    forced: bool = False
    counted: str = "unit"  # what ``units`` counts ("paragraph" for the translated text)

    def summary(self) -> list[str]:
        """The report as lines for a translator."""
        where = ", ".join(map(str, self.paths))
        lines = [f"wrote {plural(self.units, self.counted)} to {where}"]
        for reason, n in self.skipped.most_common():
            lines.append(f"left out {plural(n, 'unit')}: {reason}")
        if self.unaligned:
            lines.append(
                f"left out {plural(len(self.unaligned), 'document')} with no alignment yet: "
                + first_few(self.unaligned)
            )
        if self.unreadable:
            lines.append(
                f"left out {plural(len(self.unreadable), 'unreadable document')}: "
                + first_few(list(self.unreadable))
            )
        if self.changes:
            lines.append(f"sanitised {plural(len(self.changes), 'character')} (listed above)")
        counts = count_by_severity(self.findings)
        lines.append(f"checks: {count_line(self.findings, by_check=True)}")
        if self.forced and counts["error"]:
            lines.append("exported despite the errors")
        return lines


class ExportRefused(KopirError):
    """An export stopped because the checks found errors; ``findings`` holds them."""

    def __init__(self, message: str, findings: list[Finding], *remedies: Remedy) -> None:
        super().__init__(message, *remedies)
        self.findings = findings


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[BinaryIO]:
    """An atomic output file for an export; a one-line error if it cannot be written."""
    if path.is_dir():
        raise KopirError(f"{path}: is a directory; give the name of the file to write")
    try:
        with atomic_output(path) as handle:
            yield handle
    except OSError as exc:
        raise KopirError(f"{path}: cannot write: {exc.strerror or exc}") from None


def document_ids(corpus: Corpus, doc_ids: Sequence[str] | None) -> list[str]:
    """The documents to export, in the order given (default: all), each checked to exist."""
    ids = list(dict.fromkeys(doc_ids)) if doc_ids else corpus.ids()
    corpus.check_ids(ids)
    if not ids:
        raise KopirError(f"{corpus.root}: no documents to export (add some with 'kopir ingest')")
    return ids


def run_checks(
    reader: UnitReader,
    ids: list[str],
    options: ExportOptions,
    config: QAConfig | None = None,
    unreadable: dict[str, str] | None = None,
) -> list[Finding]:
    """The findings on the units the export takes.

    Raises :class:`ExportRefused` when some are errors, unless the export is forced.
    Documents that cannot be read are left out and put in ``unreadable``, if given.
    """
    corpus = reader.corpus
    config = config or load_config(corpus.root)
    findings = check_corpus(
        corpus, ids, config, selection=options.selection, reader=reader, unreadable=unreadable
    )
    errors = [f for f in findings if f.severity == "error"]
    if errors and not options.force:
        by_check = ", ".join(f"{c}: {n}" for c, n in Counter(f.check for f in errors).items())
        first = "; ".join(f"{f.where}: {f.message}" for f in errors[:MAX_LISTED])
        raise ExportRefused(
            f"refusing to export: {len(errors)} error{'s' if len(errors) > 1 else ''} "
            f"in the units to export ({by_check}). {first}"
            + (" …" if len(errors) > MAX_LISTED else "")
            + ". Fix them (kopir check lists them all), or switch or re-grade the checks "
            f"in {corpus.root / 'kopir.toml'}",
            errors,
            Remedy("force", "export anyway"),
        )
    return findings


@dataclass
class ExportPreview:
    """What an export would write, and what the quality checks say of it."""

    units: int
    skipped: int
    findings: list[Finding]
    unreadable: dict[str, str] = field(default_factory=dict)  # documents left out, and why


def preview_export(
    corpus: Corpus,
    doc_ids: Sequence[str] | None,
    options: ExportOptions,
    config: QAConfig | None = None,
) -> ExportPreview:
    """Count the units and check exactly what an export with ``options`` would take,
    reading each document once (an export dialog calls this on every change)."""
    ids = document_ids(corpus, doc_ids)
    tally: Counter[str] = Counter()
    unreadable: dict[str, str] = {}
    config = config or load_config(corpus.root)
    findings = check_corpus(
        corpus, ids, config, selection=options.selection, tally=tally, unreadable=unreadable
    )
    taken = tally.pop(TAKEN, 0)
    return ExportPreview(taken, sum(tally.values()), findings, unreadable)


def export_units(
    reader: UnitReader,
    ids: list[str],
    options: ExportOptions,
    findings: list[Finding],
    report: ExportReport,
) -> Iterator[Unit]:
    """The units to export, one document in memory at a time, each with its findings' labels.

    Units left out are counted in ``report.skipped``, documents with no
    alignment in ``report.unaligned``; those in ``report.unreadable`` are passed over.
    An export with nothing to write is an error (raised when the units run
    out, so the writer discards its unfinished file): an empty file would
    look like a success to someone who forgot ``--include-unconfirmed``.
    """
    labels = qa_labels(findings)
    taken = 0
    for doc_id in ids:
        if doc_id in report.unreadable:
            continue
        doc = reader.read(doc_id)
        reader.forget(doc_id)  # written once: its memory can go
        if not doc.aligned:
            report.unaligned.append(doc_id)
            continue
        for unit in select(doc.units, options.selection, report.skipped):
            taken += 1
            yield replace(unit, qa=labels.get((doc_id, unit.bead), ()))
    if not taken:
        raise KopirError(
            f"nothing to export from {plural(len(ids), 'document')}: " + _why_nothing(report),
            *_to_take(report),
        )


def _why_nothing(report: ExportReport) -> str:
    reasons = [f"{plural(n, 'unit')} {reason}" for reason, n in report.skipped.most_common()]
    if report.unaligned:
        reasons.append(f"{plural(len(report.unaligned), 'document')} not aligned yet")
    for error in list(report.unreadable.values())[:MAX_LISTED]:
        reasons.append(error)
    return "; ".join(reasons) or "no units"


def _to_take(report: ExportReport) -> list[Remedy]:
    """The options that would take the units an export left out."""
    remedies = []
    if SKIP_UNCONFIRMED in report.skipped:
        remedies.append(Remedy("include_unconfirmed", "take the unconfirmed ones"))
    if SKIP_EMPTY in report.skipped:
        remedies.append(Remedy("include_empty", "take those with an empty side"))
    return remedies


def begin(
    corpus: Corpus,
    doc_ids: Sequence[str] | None,
    options: ExportOptions,
    paths: list[Path],
    config: QAConfig | None = None,
) -> tuple[ExportReport, Iterator[Unit]]:
    """Check and prepare an export: its report so far and the units to write."""
    for path in paths:
        if path.is_dir():  # before the checks, which can take a while on a big corpus
            raise KopirError(f"{path}: is a directory; give the name of the file to write")
    ids = document_ids(corpus, doc_ids)
    reader = UnitReader(corpus)
    unreadable: dict[str, str] = {}
    findings = run_checks(reader, ids, options, config, unreadable)
    report = ExportReport(paths, findings=findings, unreadable=unreadable, forced=options.force)
    return report, export_units(reader, ids, options, findings, report)
