"""One pair's work, as a Dask worker does it: bytes in, a TEI document and its facts out.

The worker touches no file: the client reads the pair's files and writes the
document (see :mod:`align.build.run` for why). What it runs is exactly what
``kopir ingest`` and ``kopir align DOC --en FILE`` run, one after the other:
:func:`corpus.ingest.build_document`, :func:`align.document.import_english`,
:func:`align.document.align_document`; then the quality checks
(:func:`align.qa.check_document`, with the corpus's ``kopir.toml``) and the
TEI serialiser. So a built document is byte for byte the one those commands
make, plus the manifest's date and URL when it gives them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from align.build.manifest import Pair
from align.document import align_document, import_english
from align.learned import Taught
from align.qa import QAConfig, check_document, count_by_severity
from align.summary import summarize
from corpus.errors import KopirError
from corpus.ingest import build_document
from corpus.storage.tei import to_bytes
from corpus.text.segment import SEGMENTER

#: Bump when the build makes different TEI from the same pair for a reason the
#: key does not see otherwise (the segmenter's own version is in the key).
BUILD_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Job:
    """A pair with its files' bytes, read by the client; ``key`` says what it was built from."""

    pair: Pair
    kk: bytes
    en: bytes | None
    key: str


@dataclass(slots=True)
class Built:
    """A document made from a pair, serialised, with what the summary counts."""

    doc_id: str
    key: str
    tei: bytes
    kk: int  # Kazakh sentences
    en: int
    beads: int
    weak: int
    errors: int  # quality-check findings by severity
    warnings: int
    notes: list[str] = field(default_factory=list)  # what ingest says about the texts


@dataclass(frozen=True, slots=True)
class Failed:
    doc_id: str
    reason: str  # one line


def pair_key(pair: Pair, kk: bytes, en: bytes | None) -> str:
    """A hash of everything a built document depends on: an equal key, an equal document.

    Not the learned lexicon: confirming beads elsewhere in the corpus does not
    make every built document out of date (``kopir build --rebuild`` redoes them).
    """
    facts = [
        BUILD_FORMAT,
        SEGMENTER,
        pair.doc_id,
        pair.kk.name,
        hashlib.sha256(kk).hexdigest(),
        None if pair.en is None else pair.en.name,
        None if en is None else hashlib.sha256(en).hexdigest(),
        pair.date,
        pair.url,
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def build_pairs(jobs: list[Job], taught: Taught | None, config: QAConfig) -> list[Built | Failed]:
    """:func:`build_pair` for each of ``jobs``: the Dask task, a few pairs long.

    A pair takes 30–100 ms here and the scheduler spends a few ms of the
    client's CPU on every task, whatever its length: on a two-core machine
    that is a core's share taken from the workers. Each pair still succeeds
    or fails on its own.
    """
    return [build_pair(job, taught, config) for job in jobs]


def build_pair(job: Job, taught: Taught | None, config: QAConfig) -> Built | Failed:
    """Ingest, segment, align and check one pair; a pair that cannot be built is :class:`Failed`.

    Never raises for a bad pair: a failure is data the build reports and
    carries on from.
    """
    pair = job.pair
    try:
        built = build_document(job.kk, str(pair.kk), pair.doc_id)
        doc = built.doc
        doc.meta.date = pair.date or doc.meta.date
        doc.meta.source_url = pair.url
        notes = list(built.warnings)
        if job.en is not None and pair.en is not None:
            notes += import_english(doc, job.en, str(pair.en))
            align_document(doc, None, taught)
        findings = count_by_severity(check_document(doc, config))
        facts = summarize(doc, config.weak_below)
        return Built(
            pair.doc_id,
            job.key,
            to_bytes(doc),
            facts.kk,
            facts.en,
            facts.beads,
            facts.weak,
            findings.get("error", 0),
            findings.get("warning", 0),
            notes,
        )
    except KopirError as exc:
        return Failed(pair.doc_id, one_line(str(exc)))
    except Exception as exc:  # a bug on one odd text must not stop a million others
        return Failed(pair.doc_id, one_line(f"{type(exc).__name__}: {exc}"))


def one_line(text: str, limit: int = 300) -> str:
    """A reason as one line of the report, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
