"""Running the quality checks on a document, a set of documents, or any units.

:func:`check_document` is what the translator's editor calls after an edit
(it takes the document as it is in memory); :func:`check_corpus` is what
``kopir check`` and every export call. Checks that compare units with each
other (inconsistent translations, duplicates) compare the units checked
together: one document for :func:`check_document`, all the documents given
to :func:`check_corpus`.

:func:`check_corpus` reads one document at a time; the cross-unit checks
keep only hashes, lengths and locations, so their memory grows with the
number of units, not with the size of their text. The documents' units are
kept up to a budget (:class:`align.formats.unit_reader.UnitReader`), so the texts
the consistency messages quote, and an export's second pass, need no
second parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from align.cancel import ASK_EVERY, ShouldStop, ask
from align.formats.unit_reader import DocumentUnits, UnitReader
from align.formats.units import EVERYTHING, Selection, Unit, all_units
from align.model import Alignment
from align.qa.config import CheckSettings, QAConfig, load_config
from align.qa.consistency import CHECK_IDS as CONSISTENCY_CHECKS
from align.qa.consistency import ConsistencyIndex, Fetch
from align.qa.findings import Finding, sort_key
from align.qa.lengths import Calibration, calibrate_lengths, length_message, unit_lengths
from align.qa.pair_checks import PAIR_CHECKS, Brackets, PairCheck
from align.qa.terms import CHECK_ID as TERM_CHECK
from align.qa.terms import glossary_check
from corpus.errors import KopirError
from corpus.model import Document
from corpus.storage.store import Corpus


def check_units(
    units: Sequence[Unit], config: QAConfig | None = None, calibration: Calibration | None = None
) -> list[Finding]:
    """Every enabled check on ``units`` (which may come from several documents).

    Without a calibration, the length check is calibrated on ``units``.
    """
    config = config or QAConfig.default()
    if calibration is None:
        calibration = calibrate_lengths(unit_lengths(units), config.min_pairs)
    findings, _, _ = _run(units, config, calibration, {})
    return _sorted(findings, {u.doc_id: None for u in units})


Memo = dict[tuple[object, ...], list[Finding]]


class _Pass:
    """One run of the checks over units given in order: what every entry point shares.

    Each unit gets the one-unit checks (looked up in ``memo`` first, when
    given: see :class:`DocumentChecker`) and goes into the cross-unit
    checks and the brackets check (which follows a quotation from bead to
    bead); :meth:`finish` adds the length outliers and the consistency
    findings once every unit is in.
    """

    def __init__(self, config: QAConfig, memo: Memo | None = None) -> None:
        self.config = config
        self.active = _active(config)
        enabled = any(map(config.enabled, CONSISTENCY_CHECKS))
        self.index = ConsistencyIndex() if enabled else None
        self.brackets = Brackets(config.checks["brackets"]) if config.enabled("brackets") else None
        self.findings: list[Finding] = []
        self.rows: list[tuple[str, int, int, int]] = []  # (doc, bead, kk length, en length)
        self.memo = memo
        self.seen: Memo = {}  # one-unit findings by unit content, when remembering
        self.checked = 0  # units the one-unit checks ran on (not found in the memo)

    def offer(self, unit: Unit, selection: Selection) -> str | None:
        """:meth:`add` ``unit`` if ``selection`` takes it; else read it only as text around
        the checked ones (a quotation may open in it) and give the reason it is left out."""
        reason = selection.skip_reason(unit)
        if reason is None:
            self.add(unit)
        elif self.brackets is not None:
            self.brackets.add(unit, report=False)
        return reason

    def add_all(
        self,
        units: Sequence[Unit],
        should_stop: ShouldStop | None,
        selection: Selection = EVERYTHING,
    ) -> None:
        """:meth:`offer` each unit to ``selection``, asking ``should_stop`` every
        :data:`align.cancel.ASK_EVERY`."""
        for n, unit in enumerate(units):
            if n % ASK_EVERY == 0:
                ask(should_stop)
            self.offer(unit, selection)

    def add(self, unit: Unit) -> None:
        if self.memo is None:
            found = _pair_findings(unit, self.active)
            self.checked += 1
        else:
            key = (unit.doc_id, unit.kk, unit.en, unit.kk_ids, unit.en_ids, unit.status, unit.score)
            found = self.memo.get(key)
            if found is None:
                found = _pair_findings(unit, self.active)
                self.checked += 1
            self.seen[key] = found
            found = [f if f.bead == unit.bead else replace(f, bead=unit.bead) for f in found]
        self.findings += found
        if self.brackets is not None:
            self.brackets.add(unit)
        if self.index is not None:
            self.index.add(unit)
        if unit.kk_ids and unit.en_ids:
            self.rows.append((unit.doc_id, unit.bead, len(unit.kk), len(unit.en)))

    def finish(self, calibration: Calibration, fetch: Fetch) -> list[Finding]:
        """Every finding, unsorted; ``fetch`` gives the texts consistency messages quote."""
        return self.but_lengths(fetch) + _length_outliers(self.rows, self.config, calibration)

    def but_lengths(self, fetch: Fetch) -> list[Finding]:
        """Every finding but the length outliers (which need a calibration), unsorted."""
        found = self.findings + (self.brackets.finish() if self.brackets is not None else [])
        if self.index is None:
            return found
        return found + self.index.findings(self.config, fetch)


def _run(
    units: Sequence[Unit],
    config: QAConfig,
    calibration: Calibration,
    memo: Memo,
    should_stop: ShouldStop | None = None,
    selection: Selection = EVERYTHING,
) -> tuple[list[Finding], Memo, int]:
    """The findings on the units of ``units`` that ``selection`` takes (the others are read
    as context: :meth:`_Pass.offer`), the one-unit findings by unit content (for the next
    run), and how many units the one-unit checks ran on (the others were found in ``memo``)."""
    run = _Pass(config, memo)
    run.add_all(units, should_stop, selection)
    ask(should_stop)
    texts = {(u.doc_id, u.bead): u for u in units}
    return run.finish(calibration, lambda wanted: _texts_of(texts, wanted)), run.seen, run.checked


def check_document(
    doc: Document,
    config: QAConfig | None = None,
    calibration: Calibration | None = None,
    selection: Selection = EVERYTHING,
) -> list[Finding]:
    """The findings for one document, sorted by bead.

    ``calibration`` should come from :func:`align.qa.calibrate` on the whole
    corpus (compute it once, not after every edit); without one the length
    check is calibrated on this document, or falls back to kopir's built-in
    model when the document is small. ``selection`` limits the checks to the
    units an export would take. An editor re-checking after every edit should
    keep a :class:`DocumentChecker`, which gives the same findings faster.
    """
    return DocumentChecker(config, calibration, selection).check(doc)


class DocumentChecker:
    """:func:`check_document` for an editor that re-checks after every edit.

    The one-unit checks are most of the cost, and an edit changes a few
    beads, so their findings are remembered by the unit's content (texts,
    sentence ids, status, score; not its position, which shifts when beads
    are merged or split above it) and only units not seen in the previous
    check are checked again. Checks across units (consistency, length
    outliers) always run on the whole document. The findings are exactly
    those :func:`check_document` gives. Not for use by two threads at once.
    """

    def __init__(
        self,
        config: QAConfig | None = None,
        calibration: Calibration | None = None,
        selection: Selection = EVERYTHING,
    ) -> None:
        self.config = config or QAConfig.default()
        self.calibration = calibration
        self.selection = selection
        self.rechecked = 0  # units the last check ran the one-unit checks on
        self._memo: Memo = {}

    def check(
        self,
        doc: Document,
        alignment: Alignment | None = None,
        should_stop: ShouldStop | None = None,
    ) -> list[Finding]:
        """The findings for ``doc``; pass the editor's ``alignment`` when it has one
        (it is what the document's links hold, already checked, so this skips reading them).

        ``should_stop`` is asked now and then (``align.cancel``): True ends the check
        with :class:`align.cancel.Stopped`, what it remembers left as it was.
        """
        config = self.config
        every = all_units(doc, alignment, should_stop)
        calibration = self.calibration or calibrate_lengths(unit_lengths(every), config.min_pairs)
        findings, memo, rechecked = _run(
            every, config, calibration, self._memo, should_stop, self.selection
        )
        self._memo, self.rechecked = memo, rechecked
        ask(should_stop)
        facts = DocumentUnits.of(doc, every)
        return _sorted(_document_findings(facts, config) + findings, {doc.id: None})


@dataclass
class DocumentFindings:
    """A document's findings with the length check left open.

    The length check measures each pair against the corpus's calibration,
    which moves whenever any document changes; everything else depends on
    the document alone. Kept apart, a corpus overview re-checks only the
    documents that changed and re-measures the lengths of all (a few
    microseconds a pair) when the calibration moves.
    """

    doc_id: str
    fixed: list[Finding]  # every finding but the length outliers
    rows: list[tuple[str, int, int, int]]  # what the length check measures

    def complete(self, config: QAConfig, calibration: Calibration) -> list[Finding]:
        """The findings :func:`check_document` gives with this calibration."""
        outliers = _length_outliers(self.rows, config, calibration)
        return _sorted(self.fixed + outliers, {self.doc_id: None})

    @property
    def lengths(self) -> list[tuple[int, int]]:
        """The (Kazakh, English) lengths of the document's aligned pairs, for calibrating."""
        return [(kk, en) for _, _, kk, en in self.rows]


def check_apart(
    doc: DocumentUnits, config: QAConfig, should_stop: ShouldStop | None = None
) -> DocumentFindings:
    """Every check on a document's units but the length check (see :class:`DocumentFindings`);
    ``should_stop`` is asked every few hundred units (``align.cancel``)."""
    run = _Pass(config)
    run.add_all(doc.units, should_stop)
    texts = {(u.doc_id, u.bead): u for u in doc.units}
    fixed = _document_findings(doc, config) + run.but_lengths(lambda w: _texts_of(texts, w))
    return DocumentFindings(doc.doc_id, fixed, run.rows)


#: The key ``check_corpus`` counts checked units under in its ``tally``.
TAKEN = "taken"


def check_corpus(
    corpus: Corpus,
    doc_ids: Iterable[str] | None = None,
    config: QAConfig | None = None,
    calibration: Calibration | None = None,
    selection: Selection = EVERYTHING,
    tally: Counter[str] | None = None,
    reader: UnitReader | None = None,
    unreadable: dict[str, str] | None = None,
) -> list[Finding]:
    """The findings for the documents ``doc_ids`` (default: all), in document and bead order.

    ``config`` defaults to the corpus's ``kopir.toml``. The length check is
    calibrated on every aligned pair of these documents (``selection`` only
    limits which units are checked), and consistency is checked across them.
    ``tally``, if given, counts the units checked (``"taken"``) and those the
    selection left out, by reason: what an export with it would write.
    Documents are read through ``reader``: an export passes its own, so
    that writing the units does not parse the documents again.
    With ``unreadable``, a document that cannot be read (no permission,
    broken XML, a folder named like a document) is left out and its error
    put there, so that one damaged file does not stop a batch; without it,
    the error is raised.
    """
    config = config or load_config(corpus.root)
    ids = list(doc_ids) if doc_ids is not None else corpus.ids()
    corpus.check_ids(ids)
    reader = reader or UnitReader(corpus)
    run = _Pass(config)
    findings: list[Finding] = []
    all_lengths: list[tuple[int, int]] = []
    for doc_id in ids:
        try:
            doc = reader.read(doc_id)
        except KopirError as exc:
            if unreadable is None:
                raise
            unreadable[doc_id] = str(exc)
            continue
        findings += _document_findings(doc, config)
        all_lengths.extend(unit_lengths(doc.units))
        for unit in doc.units:
            reason = run.offer(unit, selection)
            if tally is not None:
                tally[reason or TAKEN] += 1
    if calibration is None:
        calibration = calibrate_lengths(all_lengths, config.min_pairs)
    findings += run.finish(calibration, lambda wanted: _load_texts(reader, wanted))
    return _sorted(findings, dict.fromkeys(ids))


Active = list[tuple[str, PairCheck, CheckSettings]]


def _active(config: QAConfig) -> Active:
    """The enabled one-unit checks with their settings, looked up once per run (the glossary
    check when the corpus has a glossary)."""
    active = [
        (check, run, config.checks[check])
        for check, run in PAIR_CHECKS.items()
        if config.checks[check].enabled
    ]
    terms = glossary_check(config.glossary) if config.enabled(TERM_CHECK) else None
    if terms is not None:
        active.append((TERM_CHECK, terms, config.checks[TERM_CHECK]))
    return active


def _pair_findings(unit: Unit, active: Active) -> list[Finding]:
    found = []
    for check, run, settings in active:
        for message, side in run(unit, settings):
            found.append(Finding(check, settings.severity, unit.doc_id, unit.bead, message, side))
    return found


def _length_outliers(
    rows: list[tuple[str, int, int, int]], config: QAConfig, cal: Calibration
) -> list[Finding]:
    if not rows or not config.enabled("length-ratio"):
        return []
    threshold = float(config.param("length-ratio", "threshold"))
    severity = config.severity("length-ratio")
    import numpy as np  # not at the top: see align.qa.lengths

    kk = np.array([r[2] for r in rows], dtype=np.float64)
    en = np.array([r[3] for r in rows], dtype=np.float64)
    z = cal.zs(kk, en)
    return [
        Finding(
            "length-ratio",
            severity,
            rows[i][0],
            rows[i][1],
            length_message(cal, rows[i][2], rows[i][3], float(z[i])),
            "both",
        )
        for i in np.flatnonzero(np.abs(z) > threshold)
    ]


def _document_findings(doc: DocumentUnits, config: QAConfig) -> list[Finding]:
    if doc.aligned or not config.enabled("not-aligned"):
        return []
    kk, en = doc.kk_sentences, doc.en_sentences
    if not en:
        message = f"no English yet ({kk} Kazakh sentences): 'kopir align {doc.doc_id} --en FILE'"
    else:
        message = (
            f"not aligned yet ({kk} Kazakh, {en} English sentences): 'kopir realign {doc.doc_id}'"
        )
    return [Finding("not-aligned", config.severity("not-aligned"), doc.doc_id, -1, message)]


def _texts_of(
    units: dict[tuple[str, int], Unit], wanted: set[tuple[str, int, str]]
) -> dict[tuple[str, int, str], str]:
    return {(d, b, s): getattr(units[(d, b)], s) for d, b, s in wanted if (d, b) in units}


def _load_texts(
    reader: UnitReader, wanted: set[tuple[str, int, str]]
) -> dict[tuple[str, int, str], str]:
    """The texts messages quote, reading each document concerned once."""
    by_doc: dict[str, set[tuple[int, str]]] = {}
    for doc_id, bead, side in wanted:
        by_doc.setdefault(doc_id, set()).add((bead, side))
    texts = {}
    for doc_id, needed in by_doc.items():
        units = reader.read(doc_id).units
        for bead, side in needed:
            texts[(doc_id, bead, side)] = getattr(units[bead], side)
    return texts


def _sorted(findings: list[Finding], doc_order: dict[str, None]) -> list[Finding]:
    rank = {doc_id: i for i, doc_id in enumerate(doc_order)}
    return sorted(findings, key=lambda f: (rank.get(f.doc_id, len(rank)), *sort_key(f)))
