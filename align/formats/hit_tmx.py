"""Query hits as TMX 1.4b: each hit that is a translation pair, as ``kopir export tmx`` has it.

The search index cannot make those units (see :func:`hit_units`), so this is the one hit format
that reads the documents again, runs the quality checks and sanitises: a job of its own, apart
from the CSV, TSV and JSON of :mod:`align.formats.hits`, which write what the index holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from align.formats.hit_report import HitExportReport
from align.formats.tmx_writer import write_tmx
from align.formats.unit_reader import UnitReader
from align.formats.units import Selection, Unit, make_tuid
from align.qa import check_corpus
from align.qa.findings import qa_labels
from corpus.search.results import Hit
from corpus.storage.store import Corpus

#: The units the quality checks compare a hit's bead with: every pair of the documents the
#: hits come from, unconfirmed ones too (hits are), as ``kopir export tmx DOC…
#: --include-unconfirmed`` checks them, so that the bead's ``x-qa`` is what that export writes.
CHECKED = Selection(include_unconfirmed=True)


def export_hit_tmx(corpus: Corpus, hits: Sequence[Hit], path: Path) -> HitExportReport:
    """Write the hits that are translation pairs to ``path`` as TMX, atomically; what was done."""
    report = HitExportReport(path, "tmx")
    written = write_tmx(path, hit_units(corpus, hits, report))
    report.written, report.changes = written.units, written.changes
    return report


def hit_units(corpus: Corpus, hits: Sequence[Hit], report: HitExportReport) -> Iterator[Unit]:
    """The hits that are translation pairs as units, in the hits' order, each bead
    exactly the unit ``kopir export tmx DOC… --include-unconfirmed`` writes for it.

    The index's text of a hit cannot make that unit: it joins the bead's
    sentences without saying where they met (``x-sentence-lengths``, which
    ``kopir import tmx`` needs to give back a 2-1 bead), and it has spaces
    where the TEI has control characters (sanitising must see and report
    those). So the units come from the TEI, through the same
    :func:`align.formats.units.all_units` and the same checks as the corpus export:
    the checks run on every pair of the hits' documents (:data:`CHECKED`),
    which is what consistency and the length calibration compare a bead with.

    The checks must see every unit before the first is written (each
    carries its findings), so the documents are gone over twice, as in
    :mod:`align.formats.export`: one :class:`~align.formats.unit_reader.UnitReader`
    keeps what the checks' pass parsed for the writing pass, up to its
    budget of units (past it, a document is parsed again, once), and a
    document's units are dropped as soon as its hits are made. Memory
    holds that budget at most, and the units of hits waiting for the hits
    before them (see :func:`_beads_now`), one a hit.

    A hit is its bead's sentence ids (its tuid), not its position: the TEI
    is the truth and may have been edited since the search. A bead with
    the same ids, wherever it is now, is written as the TEI has it now;
    a hit whose bead is gone (merged, split, re-aligned, its document
    removed) is left out and its tuid goes to ``report.stale``. Hits with
    no bead or nothing on one side count in ``report.left_out``.
    """
    # In the corpus's order, as ``kopir export tmx`` checks them: which of two duplicates
    # is flagged depends on it. A document removed since the search has only stale hits.
    hit_docs = {hit.doc for hit in hits if hit.bead is not None}
    present = sorted(doc_id for doc_id in hit_docs if corpus.exists(doc_id))
    reader = UnitReader(corpus)
    labels = qa_labels(check_corpus(corpus, present, selection=CHECKED, reader=reader))
    for hit, unit in _beads_now(reader, hits, set(present)):
        if unit is None:
            if hit.bead is None:
                report.left_out += 1
            else:
                report.stale.append(make_tuid(hit.doc, hit.kk_ids, hit.en_ids))
        elif unit.empty_side or not unit.kk.strip() or not unit.en.strip():
            report.left_out += 1
        else:
            qa = labels.get((unit.doc_id, unit.bead), ())
            if any(label.startswith("error:") for label in qa):
                report.errors += 1
            yield replace(unit, qa=qa)


def _beads_now(
    reader: UnitReader, hits: Sequence[Hit], present: set[str]
) -> Iterator[tuple[Hit, Unit | None]]:
    """Each hit with the unit of its bead as the TEI has it now (None: no bead, or gone),
    in the hits' order, reading each document once.

    Documents are read in the order their first hit comes, each once, and a
    hit's unit waits only until the hits before it have theirs. Sorted by
    document (the app's export, and ``kopir query``'s default), a
    document's hits go out as soon as it is read; sorted by context, hits
    of documents read early wait for the others, one unit each (a whole
    document is never held for them, nor read again for each of its hits).
    """
    positions: dict[str, list[int]] = {}
    for i, hit in enumerate(hits):
        if hit.bead is not None:
            positions.setdefault(hit.doc, []).append(i)
    ready: dict[int, Unit | None] = {}
    upto = 0
    for doc_id, mine in positions.items():
        beads: dict[tuple[tuple[str, ...], tuple[str, ...]], Unit] = {}
        if doc_id in present:
            beads = {(u.kk_ids, u.en_ids): u for u in reader.read(doc_id).units}
            reader.forget(doc_id)  # its hits are made now: its memory can go
        for i in mine:
            ready[i] = beads.get((hits[i].kk_ids, hits[i].en_ids))
        while upto in ready or (upto < len(hits) and hits[upto].bead is None):
            yield hits[upto], ready.pop(upto, None)
            upto += 1
    # Every hit of a document is made by now, so only hits in no bead can be left
    # (all of them, when no hit is a bead and the loop never ran).
    yield from ((hit, None) for hit in hits[upto:])
