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

What it remembers is also kept in ``CORPUS/.kopir/overview.json``, so that the
next ``kopir stats`` or the app's next start reads only the documents changed
since (a corpus of 2,000 news-sized documents: about 10 s to read and check
them all, well under a second from what was kept). An entry is taken only for
a file with the same inode, size and modification time, checked with the same
settings and review cut, by a kopir with the same source (a digest of
``align/`` and ``corpus/``): a corpus copied, unpacked or upgraded is read
again, never counted from another machine's or kopir's file. A read-only
corpus keeps it in the user's cache, as its search index is kept
(:func:`corpus.storage.readonly.cache_folder`). A file kopir cannot read or
write (missing, damaged, a link or a FIFO planted in ``.kopir/``, a full disk)
is no error: the documents are read, as without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path

from align.cancel import ShouldStop, ask
from align.formats.unit_reader import DocumentUnits
from align.formats.units import all_units
from align.model import WEAK_BELOW, Alignment
from align.qa import QAConfig, count_by_severity, load_config
from align.qa.catalog import SEVERITIES
from align.qa.lengths import Calibration, calibrate_lengths
from align.qa.run import DocumentFindings, check_apart
from align.review import review_cut_or_default
from align.summary import DocumentSummary, summarize
from corpus.errors import KopirError
from corpus.storage.atomic import atomic_write
from corpus.storage.nofollow import check_no_links, read_state
from corpus.storage.readonly import cache_folder, is_read_only
from corpus.storage.store import STATE_DIR, Corpus

Signature = tuple[int, int, int]  # the file's inode, size and modification time (ns)

#: Where the overview is kept between runs, in the corpus's state folder.
OVERVIEW_FILE = Path(STATE_DIR) / "overview.json"
#: The largest kept file read (bytes): 20,000 documents make 12.5 MB. One larger is damaged
#: or planted, and is not read (a 60 MB one took 349 MB of memory): the documents are.
MAX_KEPT_BYTES = 32 * 2**20


@dataclass(frozen=True)
class _Checked:
    """What the overview keeps of a document's findings (:class:`DocumentFindings`): the
    count by severity of those that depend on it alone, and what the length check
    measures (its ``rows``, no findings of its own)."""

    fixed: dict[str, int]
    lengths: DocumentFindings

    @classmethod
    def of(cls, found: DocumentFindings) -> _Checked:
        lengths = DocumentFindings(found.doc_id, [], found.rows)
        return cls(dict(count_by_severity(found.fixed)), lengths)

    def counts(self, config: QAConfig, calibration: Calibration) -> dict[str, int]:
        """The counts by severity of ``DocumentFindings.complete``'s findings."""
        outliers = count_by_severity(self.lengths.complete(config, calibration))
        return {severity: n + outliers.get(severity, 0) for severity, n in self.fixed.items()}


@dataclass(frozen=True)
class _Known:
    signature: Signature
    summary: DocumentSummary
    checked: _Checked | None  # None for a document with no alignment yet


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
        self._kept = False  # whether what the last run kept on disk was looked at

    def refresh(self, should_stop: ShouldStop | None = None) -> Overview:
        """The overview now; ``should_stop`` is asked between documents and while one is
        checked (``align.cancel``): what was read before it stopped is remembered."""
        with self._lock:
            return self._refresh(should_stop)

    def _refresh(self, should_stop: ShouldStop | None) -> Overview:
        result = Overview()
        config, cut, problem = _settings(self.corpus.root)
        if problem:
            result.settings_problem = problem
            result.errors.append(problem)
        result.weak_below = cut
        if (config, cut) != (self._config, self._cut):  # other checks, severities or review
            self._known.clear()  # cut: every count is stale
            self._config, self._cut = config, cut
        if not self._kept:
            self._kept = True
            self._known = _read_kept(self.corpus, _key(config, cut))
        files = self._signatures()
        removed = [doc_id for doc_id in self._known if doc_id not in files]
        for doc_id in removed:
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
            checked = [k.checked for k in self._known.values() if k.checked is not None]
            lengths = [pair for c in checked for pair in c.lengths.lengths]
            calibration = calibrate_lengths(lengths, config.min_pairs)
            for found in checked:
                result.quality[found.lengths.doc_id] = found.counts(config, calibration)
        if result.read or removed:
            _keep(self.corpus, _key(config, cut), self._known)
        return result

    def _signatures(self) -> dict[str, Signature]:
        """Each document's file signature, in the corpus's order (a vanished file: left out)."""
        files = {}
        for doc_id in self.corpus.ids():
            signature = file_signature(self.corpus.path(doc_id))
            if signature is not None:  # else removed while we looked
                files[doc_id] = signature
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
        alignment = Alignment.from_document(doc) if doc.links else None
        checked = None
        if config is not None and alignment is not None:
            units = DocumentUnits.of(doc, all_units(doc, alignment, should_stop))
            checked = _Checked.of(check_apart(units, config, should_stop))
        return _Known(signature, summarize(doc, cut, alignment), checked)


def file_signature(path: Path) -> Signature | None:
    """The file's inode, size and modification time; None when it cannot be looked at."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def kept_summaries(corpus: Corpus) -> dict[str, tuple[Signature, DocumentSummary]]:
    """The documents' summaries the last overview kept in ``.kopir/overview.json``, each with
    the signature of the file it was read from, if kept by this kopir (an empty dict when
    none is): ``kopir ls`` lists an unchanged document from them instead of parsing it."""
    config, cut, _ = _settings(corpus.root)
    kept = _read_kept(corpus, _key(config, cut))
    return {doc_id: (known.signature, known.summary) for doc_id, known in kept.items()}


def _settings(root: Path) -> tuple[QAConfig | None, float, str]:
    """The checks' settings, the review cut, and why the settings cannot be used (if so)."""
    try:
        config = load_config(root)
    except KopirError as exc:
        # the error is shown; the documents still are, weak at the cut the editor uses
        # (read alone: the checks' settings may be what is wrong)
        return None, review_cut_or_default(root)[0], str(exc)
    return config, config.weak_below, ""


@functools.cache
def _source_digest() -> str:
    """A digest of kopir's core source (``align/`` and ``corpus/``): what makes the figures."""
    digest = hashlib.sha256()
    top = Path(__file__).resolve().parents[1]
    for package in ("align", "corpus"):
        for path in sorted((top / package).rglob("*.py")):
            digest.update(path.relative_to(top).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(config: QAConfig | None, cut: float) -> str:
    """What the kept figures must have been made with: this kopir, these settings, this cut."""
    return hashlib.sha256(f"{_source_digest()}\0{config!r}\0{cut!r}".encode()).hexdigest()


def _keep(corpus: Corpus, key: str, known: dict[str, _Known]) -> None:
    """Keep ``known`` in the state folder (in the user's cache for a read-only corpus, as
    the search index is kept); quietly nothing if it cannot be kept."""
    path = corpus.root / OVERVIEW_FILE
    if not path.parent.is_dir():
        return  # not a corpus kopir has written its state into: nothing is created for this
    entries = {doc_id: entry for doc_id, k in known.items() if (entry := _encode(doc_id, k))}
    data = json.dumps({"key": key, "documents": entries}, ensure_ascii=False).encode("utf-8")
    try:
        check_no_links(path, corpus.root)
        if _special(path):
            return  # a folder or a FIFO planted under the name: never written through
        atomic_write(path, data)
    except OSError as exc:
        if is_read_only(exc):
            with contextlib.suppress(OSError, KopirError):
                atomic_write(cache_folder(corpus.root) / OVERVIEW_FILE.name, data)
    except KopirError:
        pass  # a planted link: read again next time


def _read_kept(corpus: Corpus, key: str) -> dict[str, _Known]:
    """What the last run kept, if made with ``key``; an empty dict for none or damaged."""
    root = corpus.root
    path = root / OVERVIEW_FILE
    if not os.path.lexists(path):
        root = cache_folder(corpus.root)  # kept there when the corpus is read-only
        path = root / OVERVIEW_FILE.name
    if _special(path):
        return {}  # a FIFO would never answer
    try:
        data = json.loads(read_state(path, root, MAX_KEPT_BYTES))
    except (OSError, KopirError, ValueError, RecursionError):  # unreadable, too big, bad JSON
        return {}  # (or a link: KopirError)
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    entries = data.get("documents")
    known = {}
    for doc_id, entry in entries.items() if isinstance(entries, dict) else ():
        try:
            known[doc_id] = _decode(doc_id, entry)
        except (TypeError, ValueError):
            continue  # damaged: that document is read again
    return known


def _special(path: Path) -> bool:
    """Whether something other than a file or a link (refused where it is opened) is at
    ``path``: a folder, a FIFO, a device."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode))


def _encode(doc_id: str, known: _Known) -> list[object] | None:
    """A document's entry in the kept file (None: not kept, read again next time)."""
    s, checked = known.summary, known.checked
    summary = [s.title, s.date, s.kk, s.en, s.beads, s.confirmed, s.weak, s.source_file]
    if checked is None:
        return [list(known.signature), summary, None]
    rows = checked.lengths.rows
    if any(row[0] != doc_id for row in rows):
        return None
    columns = [[row[n] for row in rows] for n in (1, 2, 3)]  # bead, Kazakh and English length
    return [list(known.signature), summary, [checked.fixed, columns]]


def _decode(doc_id: str, entry: object) -> _Known:
    """The entry :func:`_encode` wrote; TypeError or ValueError when it is not one."""
    if not isinstance(entry, list):
        raise TypeError("not an entry")
    signature, summary, checked = entry
    ino, size, mtime = (_int(n) for n in signature)
    title, date, kk, en, beads, confirmed, weak, source = summary
    facts = DocumentSummary(
        doc_id, _str(title), _str(date), _int(kk), _int(en), _int(beads), _int(confirmed),
        _int(weak), _str(source),
    )  # fmt: skip
    if checked is None:
        return _Known((ino, size, mtime), facts, None)
    fixed, (bead, kk_lengths, en_lengths) = checked
    if not isinstance(fixed, dict) or sorted(fixed) != sorted(SEVERITIES):
        raise ValueError("not counts by severity")
    counts = {severity: _int(fixed[severity]) for severity in SEVERITIES}
    rows = [
        (doc_id, _int(b), _int(k), _int(e))
        for b, k, e in zip(bead, kk_lengths, en_lengths, strict=True)
    ]
    return _Known((ino, size, mtime), facts, _Checked(counts, DocumentFindings(doc_id, [], rows)))


def _int(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not a whole number")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value
