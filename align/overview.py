"""The corpus at a glance, kept current cheaply: what the documents screen shows.

The documents screen shows every document's summary and its quality-check
counts, and it comes back to the top many times a session (after the
editor, the query screen, a help page). Reading and checking the whole
corpus each time made a translator wait for work already done, so
:class:`CorpusOverview` remembers each document's summary and findings by
its file's inode, size and modification time (kopir saves by replacing the
file, so a save always makes a new inode) and reads again only the files
that changed. The length check, the one check that depends on the whole corpus
(through the calibration), is measured again on the remembered lengths, so
the counts are always those ``kopir check`` would give.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from align.cancel import ShouldStop, ask
from align.formats.unit_reader import DocumentUnits
from align.formats.units import all_units
from align.model import WEAK_BELOW
from align.qa import QAConfig, count_by_severity, load_config
from align.qa.lengths import calibrate_lengths
from align.qa.run import DocumentFindings, check_apart
from align.review import review_cut_or_default
from align.summary import DocumentSummary, summarize
from corpus.errors import KopirError
from corpus.storage.store import Corpus

Signature = tuple[int, int, int]  # the file's inode, size and modification time (ns)


@dataclass(frozen=True)
class _Known:
    signature: Signature
    summary: DocumentSummary
    findings: DocumentFindings | None  # None for a document with no alignment yet


@dataclass
class Overview:
    """Every readable document's summary; check counts for the aligned ones."""

    summaries: dict[str, DocumentSummary] = field(default_factory=dict)
    quality: dict[str, dict[str, int]] = field(default_factory=dict)  # severity → count
    errors: list[str] = field(default_factory=list)
    read: int = 0  # documents read (or tried) to make this overview
    weak_below: float = WEAK_BELOW  # the review cut the weak counts are at
    #: Why no document's checks were counted (the settings file kopir cannot use), if so;
    #: also among ``errors``.
    settings_problem: str = ""


class CorpusOverview:
    """A corpus's summaries and check counts, re-reading only what changed since last time.

    Safe to call from several threads (a worker the screen gave up on may
    still be running): refreshes take turns.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._known: dict[str, _Known] = {}
        self._config: QAConfig | None = None
        self._cut = WEAK_BELOW
        self._lock = threading.Lock()

    def refresh(self, should_stop: ShouldStop | None = None) -> Overview:
        """The overview now; ``should_stop`` is asked between documents and while one is
        checked (``align.cancel``): what was read before it stopped is remembered."""
        with self._lock:
            return self._refresh(should_stop)

    def _refresh(self, should_stop: ShouldStop | None) -> Overview:
        result = Overview()
        try:
            config: QAConfig | None = load_config(self.corpus.root)
            cut = config.weak_below
        except KopirError as exc:
            # the error is shown; the documents still are, weak at the cut the editor uses
            # (read alone: the checks' settings may be what is wrong)
            config, cut = None, review_cut_or_default(self.corpus.root)[0]
            result.settings_problem = str(exc)
            result.errors.append(str(exc))
        result.weak_below = cut
        if (config, cut) != (self._config, self._cut):  # other checks, severities or review
            self._known.clear()  # cut: every count is stale
            self._config, self._cut = config, cut
        files = self._signatures()
        for doc_id in list(self._known):
            if doc_id not in files:
                del self._known[doc_id]
        for doc_id, signature in files.items():
            known = self._known.get(doc_id)
            if known is None or known.signature != signature:
                ask(should_stop)
                result.read += 1
                try:
                    known = self._read(doc_id, signature, config, cut, should_stop)
                except KopirError as exc:
                    self._known.pop(doc_id, None)
                    result.errors.append(str(exc))
                    continue
                self._known[doc_id] = known
            result.summaries[doc_id] = known.summary
        if config is not None:
            checked = [k.findings for k in self._known.values() if k.findings is not None]
            lengths = [pair for f in checked for pair in f.lengths]
            calibration = calibrate_lengths(lengths, config.min_pairs)
            for found in checked:
                result.quality[found.doc_id] = count_by_severity(
                    found.complete(config, calibration)
                )
        return result

    def _signatures(self) -> dict[str, Signature]:
        """Each document's file signature, in the corpus's order (a vanished file: left out)."""
        files = {}
        for doc_id in self.corpus.ids():
            try:
                stat = self.corpus.path(doc_id).stat()
            except OSError:
                continue  # removed while we looked
            files[doc_id] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        return files

    def _read(
        self,
        doc_id: str,
        signature: Signature,
        config: QAConfig | None,
        cut: float,
        should_stop: ShouldStop | None,
    ) -> _Known:
        doc = self.corpus.load(doc_id)
        findings = None
        if config is not None and doc.links:
            units = DocumentUnits.of(doc, all_units(doc, None, should_stop))
            findings = check_apart(units, config, should_stop)
        return _Known(signature, summarize(doc, cut), findings)
