"""Adding Kazakh source texts: files, or folders of them, into the corpus in one call.

``kopir ingest PATH…`` and the app's Add Kazakh dialog both call
:func:`add_sources`; each shows the per-file outcomes its own way (lines on
stderr and stdout, or notifications). It lives in ``align`` and not beside
:func:`corpus.ingest.ingest_file` because ``with_translations`` aligns an
``x.en.txt`` found beside ``x.txt``, which is the aligner's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import InputError, KopirError
from corpus.folder import FolderText, LeftOut, leaves_folder, source_texts
from corpus.ingest import IngestResult, ingest_file
from corpus.storage.store import Corpus
from corpus.text.textio import MAX_BYTES


@dataclass
class SourceOutcome:
    """What became of one file: ingested (``result``) or not (``error``), and its
    translation when asked for: aligned (``aligned``, the aligner's report), refused
    (``translation_error``), or skipped as a link out of the folder."""

    path: Path
    result: IngestResult | None = None
    error: KopirError | None = None
    translation_skipped: Path | None = None
    aligned: str | None = None
    translation_warnings: list[str] = field(default_factory=list)
    translation_error: KopirError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or self.translation_error is not None


@dataclass
class Added:
    """Every file's outcome, in order; the links out of a folder that were skipped; the
    folders' other files left out (:class:`corpus.folder.LeftOut`: another language, an
    English text with no Kazakh…); and the English texts found beside the Kazakh but not
    imported, as ``with_translations`` was not asked for."""

    files: list[SourceOutcome]
    skipped: list[Path]
    left_out: list[LeftOut] = field(default_factory=list)
    english_not_asked: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(outcome.failed for outcome in self.files)

    def counts(self) -> dict[str, int]:
        """Files by status (created, updated, unchanged), in that order."""
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        for outcome in self.files:
            if outcome.result is not None:
                counts[outcome.result.status] += 1
        return counts


def add_sources(
    corpus: Corpus,
    paths: list[Path],
    *,
    encoding: str | None = None,
    fix_homoglyphs: bool = False,
    replace: bool = False,
    max_bytes: int = MAX_BYTES,
    with_translations: bool = False,
    on_file: Callable[[SourceOutcome, int, int], None] | None = None,
) -> Added:
    """Ingest ``paths`` (files, and folders' Kazakh texts) into ``corpus``.

    A folder is read by the rule of :mod:`corpus.folder` (``x.txt`` or ``x.kk.txt`` is
    the document ``x``, ``x.en.txt`` its English), as ``kopir build FOLDER`` reads it.
    A file that fails is an outcome, not an exception: the others go on. A path that
    does not exist is such a failure, and so is a second Kazakh text for one id in a
    folder. ``with_translations`` imports and aligns ``x.en.txt`` beside the Kazakh
    as the English of a document that has none. ``on_file(outcome, done, total)``
    follows each file (a progress bar). No file to ingest at all is no outcome: the
    caller says so its way.
    """
    added = Added([], [])
    entries = source_texts(paths)
    total = sum(isinstance(e, FolderText) or e.why in _FAILED for e in entries)
    for entry in entries:
        if isinstance(entry, LeftOut):
            if entry.why == "link":
                added.skipped.append(entry.path)
            elif entry.why in _FAILED:
                added.files.append(SourceOutcome(entry.path, error=InputError(entry.reason)))
            else:
                added.left_out.append(entry)
            if on_file is not None and entry.why in _FAILED:
                on_file(added.files[-1], len(added.files), total)
            continue
        path = entry.kk
        outcome = SourceOutcome(path)
        try:
            if not path.exists() and not path.is_symlink():
                raise InputError(f"{path}: no such file or folder")
            outcome.result = ingest_file(
                corpus,
                path,
                encoding,
                fix_homoglyphs=fix_homoglyphs,
                replace=replace,
                max_bytes=max_bytes,
            )
        except KopirError as exc:
            outcome.error = exc
        if outcome.result is not None and entry.en is not None:
            _translation(corpus, outcome, entry.en, encoding, with_translations, added)
        added.files.append(outcome)
        if on_file is not None:
            on_file(outcome, len(added.files), total)
    return added


#: What leaves out a folder's file as a failed outcome: it was meant to be a document.
_FAILED = frozenset({"second", "id"})


def _translation(
    corpus: Corpus,
    outcome: SourceOutcome,
    translation: Path,
    encoding: str | None,
    wanted: bool,
    added: Added,
) -> None:
    """Import and align the English beside the Kazakh if ``wanted``, unless the document
    has English; a translation that is a link out of the folder is skipped (and said)
    either way."""
    from align.document import import_and_align

    if leaves_folder(translation, outcome.path.parent):  # as for the text itself
        outcome.translation_skipped = translation
        return
    if not translation.is_file():
        return
    if not wanted:
        added.english_not_asked.append(translation)
        return
    assert outcome.result is not None
    doc_id = outcome.result.doc_id
    try:
        if corpus.load(doc_id).en.sentences():
            return  # nothing to do, so no lock to take (the document may be open in the app)
        outcome.translation_warnings, outcome.aligned = import_and_align(
            corpus, doc_id, translation, encoding
        )
    except KopirError as exc:
        outcome.translation_error = exc
