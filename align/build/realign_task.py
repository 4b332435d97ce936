"""The realign pass's work on a Dask worker: documents' bytes in, what they teach or their
re-alignment out.

As in the build (:mod:`align.build.task`), the worker touches no file: the
client reads each document and sends its bytes, and writes what comes back
under the document's lock. Two tasks, one per pass over the documents:
:func:`harvest` (what each document can teach) and :func:`realign_documents`
(the second alignment, with the lexicon learned in between).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from align.build.task import Failed, one_line
from align.document import align_document, document_pairs, moved_beads
from align.learned import Taught
from corpus.errors import KopirError
from corpus.storage.tei import from_bytes, to_bytes

#: (document id, its TEI bytes as the client read them)
Sent = tuple[str, bytes]


@dataclass(slots=True)
class Harvested:
    """What one document can teach: its confirmed pairs and its confident automatic ones."""

    doc_id: str
    confirmed: list[tuple[str, str]] = field(default_factory=list)
    confident: list[tuple[float, str, str]] = field(default_factory=list)  # score, kk, en


@dataclass(slots=True)
class Realigned:
    """A document aligned a second time: its new TEI, or None when nothing changed."""

    doc_id: str
    sha: str  # of the bytes it was made from: the client writes only over those
    tei: bytes | None
    changed: int  # beads that are not in the first alignment (sentences paired anew)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def harvest(docs: list[Sent], threshold: float) -> list[Harvested | Failed]:
    """For each document: its confirmed two-sided pairs, and every automatic two-sided bead
    scored ≥ ``threshold`` with its score (a task of a few documents)."""
    return [_harvest_one(doc_id, data, threshold) for doc_id, data in docs]


def _harvest_one(doc_id: str, data: bytes, threshold: float) -> Harvested | Failed:
    try:
        doc = from_bytes(data, doc_id, doc_id)
    except KopirError as exc:
        return Failed(doc_id, one_line(str(exc)))
    found = Harvested(doc_id, list(document_pairs(doc)))
    kk = {s.id: s.text for s in doc.kk.sentences()}
    en = {s.id: s.text for s in doc.en.sentences()}
    for link in doc.links:
        if link.status == "auto" and link.kk and link.en and (link.score or 0.0) >= threshold:
            texts = " ".join(kk[i] for i in link.kk), " ".join(en[i] for i in link.en)
            found.confident.append((link.score or 0.0, *texts))
    return found


def realign_documents(docs: list[Sent], taught: Taught) -> list[Realigned | Failed]:
    """:func:`realign_one` for each document of a task."""
    return [realign_one(doc_id, data, taught) for doc_id, data in docs]


def realign_one(doc_id: str, data: bytes, taught: Taught) -> Realigned | Failed:
    """Align ``data``'s document again with ``taught``, as ``kopir realign DOC`` does.

    Only the stretches between kept beads move: confirmed beads, and beads a
    translator changed by hand, stay exactly where they are (nobody reviews a
    corpus-wide pass, so it must not undo anyone's work). Never raises for a
    bad document: a failure is data the client reports.
    """
    digest = sha(data)
    try:
        doc = from_bytes(data, doc_id, doc_id)
        if not doc.kk.sentences() or not doc.en.sentences():
            return Realigned(doc_id, digest, None, 0)  # nothing to align
        before = list(doc.links)
        align_document(doc, None, taught, keep_manual=True)
        tei = to_bytes(doc)
        changed = moved_beads(before, doc.links)
        return Realigned(doc_id, digest, None if tei == data else tei, changed)
    except KopirError as exc:
        return Failed(doc_id, one_line(str(exc)))
    except Exception as exc:  # a bug on one odd document must not stop the others
        return Failed(doc_id, one_line(f"{type(exc).__name__}: {exc}"))
