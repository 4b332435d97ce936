"""The corpus directory: one TEI file per document, read and written safely.

The directory is ``--corpus DIR``, else ``$KOPIR_CORPUS``, else
``./kopir-corpus``. Documents are ``<id>.xml``; anything else in the directory
is left alone. Every write is atomic, so a crash mid-save leaves the previous
version of the document whole.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from corpus.errors import CorpusError
from corpus.model import Document
from corpus.storage.atomic import atomic_write, sweep_once
from corpus.storage.readonly import CorpusReadOnly, is_read_only
from corpus.storage.tei import from_bytes, to_bytes

DEFAULT_CORPUS = "kopir-corpus"
ENV_VAR = "KOPIR_CORPUS"
#: kopir's own folder in a corpus: index, locks, journals (nothing a TEI file needs).
STATE_DIR = ".kopir"
#: The corpus's project settings (quality checks), beside the documents.
SETTINGS_FILE = "kopir.toml"
_DOC_ID = re.compile(r"^\w[\w.-]{0,199}$")

#: A corpus document larger than this is refused before parsing.
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024


def corpus_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """Where the corpus is: the argument, ``$KOPIR_CORPUS``, or ``./kopir-corpus``."""
    return Path(arg or os.environ.get(ENV_VAR) or DEFAULT_CORPUS)


def check_doc_id(doc_id: str) -> str:
    if not _DOC_ID.match(doc_id) or doc_id.endswith(".xml"):
        raise CorpusError(
            f"invalid document id {doc_id!r}: use letters, digits, '_', '.', '-' (no path)"
        )
    return doc_id


def doc_id_for(path: Path) -> str:
    """The document id for a source file: its name without the extension, made safe."""
    stem = re.sub(r"[^\w.-]+", "_", path.stem).strip("._-") or "document"
    return check_doc_id(stem[:200])


class Corpus:
    """A directory of TEI documents."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def require(self) -> Corpus:
        """This corpus, which must exist: a mistyped ``--corpus`` is an error, not empty."""
        if not self.root.exists():
            raise CorpusError(
                f"no corpus at {self.root} "
                f"(create one with 'kopir --corpus {self.root} ingest PATH…')"
            )
        if not self.root.is_dir():
            raise CorpusError(f"{self.root}: the corpus path is not a directory")
        if not self.is_corpus():
            raise CorpusError(
                f"{self.root} is not a kopir corpus: it has no documents (*.xml) "
                f"(create one with 'kopir --corpus {self.root} ingest PATH…')"
            )
        self.sweep()
        return self

    def sweep(self) -> None:
        """Remove the temporary files a killed kopir left here (see ``atomic.sweep_temp_files``).

        The corpus folder and kopir's own folders in it; a state folder that
        is a link is not entered (see ``corpus.storage.nofollow``).
        """
        sweep_once(self.root)
        state = self.root / STATE_DIR
        for folder in (state, state / "journal", state / "locks"):
            if folder.is_dir() and not any(p.is_symlink() for p in (state, folder)):
                sweep_once(folder)

    def is_corpus(self) -> bool:
        """Whether the folder holds a corpus: documents, kopir's own folder or settings.

        A folder of source texts given by mistake must not get an index
        written into it, nor look like an empty corpus.
        """
        return (
            (self.root / STATE_DIR).is_dir()
            or (self.root / SETTINGS_FILE).is_file()
            or next(self.root.glob("*.xml"), None) is not None
        )

    def path(self, doc_id: str) -> Path:
        return self.root / f"{check_doc_id(doc_id)}.xml"

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.stem for p in self.root.glob("*.xml") if _DOC_ID.match(p.stem))

    def exists(self, doc_id: str) -> bool:
        return self.path(doc_id).is_file()

    def check_ids(self, doc_ids: Sequence[str]) -> None:
        """Raise :class:`CorpusError` naming every one of ``doc_ids`` that is not here.

        Something at a document's path that is not a file (a folder named like a
        document) is here: reading it says what it is (:meth:`read_bytes`).
        """
        unknown = [i for i in doc_ids if not os.path.lexists(self.path(i))]
        if unknown:
            ids = self.ids()
            known = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            known = known or "none: run 'kopir ingest' first"
            raise CorpusError(
                f"no document {', '.join(map(repr, unknown))} in {self.root} (documents: {known})"
            )

    def load(self, doc_id: str) -> Document:
        return from_bytes(self.read_bytes(doc_id), str(self.path(doc_id)), doc_id)

    def read_bytes(self, doc_id: str) -> bytes:
        """A document's TEI file as it is on disk (checked only for existence and size)."""
        path = self.path(doc_id)
        if not path.is_file():
            self.check_ids([doc_id])
            what = "a folder named like a document" if path.is_dir() else "not a regular file"
            raise CorpusError(f"{path}: {what}, not a TEI document")
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise CorpusError(f"{path}: {size:,} bytes is over the document size limit")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None

    def save(self, doc: Document) -> None:
        self.save_bytes(doc.id, to_bytes(doc))

    def save_bytes(self, doc_id: str, data: bytes) -> None:
        """Write a document's TEI as serialised already (``kopir build``'s workers do that)."""
        path = self.path(doc_id)
        if self.root.exists() and not self.root.is_dir():
            raise CorpusError(f"{self.root}: the corpus path is not a directory")
        try:
            atomic_write(path, data)
        except OSError as exc:
            if is_read_only(exc):
                raise CorpusReadOnly(self.root, exc) from None
            raise CorpusError(f"{path}: cannot write: {exc.strerror or exc}") from None
