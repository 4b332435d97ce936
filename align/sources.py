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
from corpus.ingest import IngestResult, ingest_file, leaves_folder, source_files
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
    """Every file's outcome, in order, and the links out of a folder that were skipped."""

    files: list[SourceOutcome]
    skipped: list[Path]

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
    """Ingest ``paths`` (files, and folders' Kazakh ``*.txt``) into ``corpus``.

    A file that fails is an outcome, not an exception: the others go on. A
    path that does not exist is such a failure. ``with_translations`` imports
    and aligns ``x.en.txt`` beside ``x.txt`` as the English of a document that
    has none. ``on_file(outcome, done, total)`` follows each file (a progress
    bar). No file to ingest at all is no outcome: the caller says so its way.
    """
    skipped: list[Path] = []
    files = source_files(paths, skipped)
    outcomes: list[SourceOutcome] = []
    for path in files:
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
        if outcome.result is not None:
            _translation(corpus, outcome, outcome.result.doc_id, encoding, with_translations)
        outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome, len(outcomes), len(files))
    return Added(outcomes, skipped)


def _translation(
    corpus: Corpus, outcome: SourceOutcome, doc_id: str, encoding: str | None, wanted: bool
) -> None:
    """Import and align ``x.en.txt`` beside ``x.txt`` if ``wanted``, unless the document has
    English; a translation that is a link out of the folder is skipped (and said) either way."""
    from align.document import import_and_align

    path = outcome.path
    translation = path.with_name(f"{path.stem}.en.txt")
    if leaves_folder(translation, path.parent):  # as for the text itself
        outcome.translation_skipped = translation
        return
    if not wanted or not translation.is_file():
        return
    try:
        if corpus.load(doc_id).en.sentences():
            return  # nothing to do, so no lock to take (the document may be open in the app)
        outcome.translation_warnings, outcome.aligned = import_and_align(
            corpus, doc_id, translation, encoding
        )
    except KopirError as exc:
        outcome.translation_error = exc
