"""A corpus's glossary on disk: ``glossary.tbx`` beside its documents.

The file is TBX (:mod:`corpus.glossary.tbx`), so the folder a translator hands over
holds the glossary in the form a CAT tool imports. Every change reads the file, changes
it and writes it back atomically while holding a ``flock`` on the corpus folder, so two
translators adding terms at once both keep theirs, and a failed or refused change
leaves the file as it was. A file that cannot be read is an error naming it; nothing
rewrites it until it is mended.

Imports and exports go by the file's ending: ``.tbx`` (TBX), ``.txt`` or ``.tab``
(OmegaT's tab-separated glossary), ``.csv`` (a spreadsheet).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpus.glossary.match import TermMatcher
from corpus.glossary.model import Glossary, GlossaryError, Term
from corpus.glossary.tabular import read_csv, read_omegat, write_csv, write_omegat
from corpus.glossary.tbx import ReadTerms, read_tbx, write_tbx
from corpus.storage.atomic import atomic_write
from corpus.storage.lock import corpus_folder_lock
from corpus.storage.readonly import CorpusReadOnly, is_read_only
from corpus.text.textio import file_size, read_bounded
from corpus.wording import plural

GLOSSARY_FILE = "glossary.tbx"
#: A glossary file larger than this is refused before reading (a termbase of 100,000
#: entries is about 30 MB).
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024

Reader = Callable[[bytes, str], ReadTerms]
Writer = Callable[[Glossary], bytes]
#: The formats by file ending: how to read and write each.
FORMATS: dict[str, tuple[Reader, Writer]] = {
    ".tbx": (read_tbx, write_tbx),
    ".txt": (read_omegat, write_omegat),
    ".tab": (read_omegat, write_omegat),
    ".utf8": (read_omegat, write_omegat),
    ".csv": (read_csv, write_csv),
}


def glossary_path(corpus_root: Path) -> Path:
    return Path(corpus_root) / GLOSSARY_FILE


def _read_file(path: Path) -> bytes:
    """The file's bytes, refused over the size limit: by its size before reading, and by
    what is read (a pipe or a device has no size to tell)."""
    limit = "the glossary size limit"
    file_size(path, MAX_GLOSSARY_BYTES, limit, GlossaryError)
    if path.is_dir():
        raise GlossaryError(f"{path}: is a folder, not a glossary file")
    return read_bounded(path, MAX_GLOSSARY_BYTES, limit, GlossaryError)


def load_glossary(corpus_root: Path) -> Glossary:
    """The corpus's glossary (empty when it has none); an error naming the file when it is
    broken or not a TBX file.

    Read again only when its file changed (its inode, size or time of change): every run
    of the checks, refresh of the documents screen and bead the editor opens asks for it,
    and reading a glossary of 2,000 terms takes about half a second."""
    path = glossary_path(corpus_root)
    if not path.exists():
        return Glossary()
    signature = _signature(path)
    key = str(path.resolve())
    with _loaded_lock:
        known = _loaded.get(key)
    if known is not None and signature is not None and known[0] == signature:
        return known[1]
    read = read_tbx(_read_file(path), str(path))
    glossary = Glossary().with_terms(read.terms)[0]
    if signature is not None:
        with _loaded_lock:
            _loaded[key] = (signature, glossary)
    return glossary


Signature = tuple[int, int, int]
#: The glossary last read from each corpus, with its file's signature (:func:`load_glossary`).
_loaded: dict[str, tuple[Signature, Glossary]] = {}
_loaded_lock = threading.Lock()


def _signature(path: Path) -> Signature | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def glossary_matcher(corpus_root: Path) -> TermMatcher:
    """A :class:`TermMatcher` of the corpus's glossary, made again only when the glossary
    changed (an editor asks for every bead it opens)."""
    return term_matcher(load_glossary(corpus_root))


@functools.lru_cache(maxsize=4)
def term_matcher(glossary: Glossary) -> TermMatcher:
    """The :class:`TermMatcher` of ``glossary``, made once (the last few are kept): the
    editor's terms and the glossary check share it, and preparing a glossary of 2,000
    terms takes about 0.15 s. A matcher is not changed once made, so threads share it."""
    return TermMatcher(glossary)


def change_glossary(corpus_root: Path, change: Callable[[Glossary], Glossary]) -> Glossary:
    """Apply ``change`` to the corpus's glossary under its lock and write the result
    atomically (only if it changed); returns the new glossary."""
    root = Path(corpus_root)
    with corpus_folder_lock(root, GlossaryError):
        before = load_glossary(root)
        after = change(before)
        if after != before:
            try:
                atomic_write(glossary_path(root), write_tbx(after))
            except OSError as exc:
                if is_read_only(exc):
                    raise CorpusReadOnly(root, exc) from None
                raise GlossaryError(
                    f"{glossary_path(root)}: cannot write: {exc.strerror or exc}"
                ) from None
    return after


def add_term(corpus_root: Path, term: Term) -> str:
    """Add ``term`` (or its new renderings, to an entry already there); one line saying what
    happened, as ``kopir glossary add`` prints it and the app shows it."""
    outcome: list[str] = []

    def change(glossary: Glossary) -> Glossary:
        new, what = glossary.with_term(term)
        outcome.append(what)
        return new

    after = change_glossary(corpus_root, change)
    entry = after.find(term.kk)
    assert entry is not None
    said = {"added": "added", "merged": "now", "unchanged": "already"}[outcome[0]]
    return f"{entry.kk} → {' | '.join(entry.en)} ({said}; {plural(len(after), 'term')})"


def remove_term(corpus_root: Path, kk: str, en: str | None = None) -> str:
    """Remove the entry ``kk``, or only its rendering ``en``; one line saying what went."""
    change_glossary(corpus_root, lambda g: g.without(kk, en))
    return f"removed {kk}" + (f" → {en}" if en else "")


def _format(path: Path) -> tuple[Reader, Writer]:
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        endings = ", ".join(FORMATS)
        raise GlossaryError(
            f"{path}: kopir does not know the glossary format of {path.suffix or 'no ending'!r}"
            f" (it reads and writes {endings})"
        )
    return found


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    added: int
    merged: int
    unchanged: int
    left_out: int  # entries of the file without a Kazakh or an English term

    def summary(self, name: str) -> str:
        parts = [
            f"{plural(self.added, 'term')} added",
            f"{self.merged} given new renderings or notes",
            f"{self.unchanged} already there",
        ]
        if self.left_out:
            parts.append(f"{plural(self.left_out, 'entry', 'entries')} without Kazakh or English")
        return f"{name}: " + ", ".join(parts)


def import_glossary(corpus_root: Path, source: Path) -> ImportReport:
    """Add the terms of ``source`` (TBX, OmegaT's .txt or a CSV) to the corpus's glossary:
    all of them, or none when the file has a problem (the error names it)."""
    read, _ = _format(source)
    terms = read(_read_file(source), str(source))
    counts = {"added": 0, "merged": 0, "unchanged": 0}

    def change(glossary: Glossary) -> Glossary:
        glossary, outcomes = glossary.with_terms(terms.terms)
        counts.update({what: outcomes.count(what) for what in counts})
        return glossary

    change_glossary(corpus_root, change)
    return ImportReport(counts["added"], counts["merged"], counts["unchanged"], terms.left_out)


def export_glossary(corpus_root: Path, target: Path) -> int:
    """Write the corpus's glossary to ``target`` in the format its ending names (atomically);
    returns how many terms were written."""
    _, write = _format(target)
    glossary = load_glossary(corpus_root)
    try:
        atomic_write(target, write(glossary))
    except OSError as exc:
        raise GlossaryError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return len(glossary)


def glossary_beside(corpus_root: Path, output: Path) -> str:
    """Write the corpus's glossary as TBX beside an exported TMX (``output`` with ``.tbx``),
    for the CAT tool; one line saying what was written, or why nothing was (no glossary).
    What ``kopir export tmx --glossary`` and the export dialog's box do."""
    target = output.with_suffix(".tbx")
    if target == output:
        raise GlossaryError(f"{output}: the glossary goes beside it with .tbx: name the TMX .tmx")
    if not load_glossary(corpus_root):
        return (
            f"no glossary in the corpus (kopir glossary add, or import FILE): {target} not written"
        )
    written = export_glossary(corpus_root, target)
    return f"glossary: {plural(written, 'term')} written to {target} (TBX)"
