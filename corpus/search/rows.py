"""A TEI document as index rows: what the search index holds for each bead.

What is indexed is the *unit*: a bead of a document's alignment (its Kazakh sentences
joined by ``searchtext.SENTENCE_BREAK``, which shows as a space, its English sentences
likewise), with the bead's index in
``Document.links``, status and score. A sentence that no bead covers (a document not
aligned yet, an English text without links) is a unit of its own with status
``unaligned`` and an empty other side, after the beads; so everything in the corpus is
searchable, and a two-sided query only finds aligned text.

:func:`prepare` does the per-file work of an index update — read, hash, parse, and turn
every unit into a :class:`UnitRow` — in a worker process when many files changed; the
index (:mod:`corpus.search.index`) only writes the rows.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from corpus.errors import KopirError
from corpus.model import Document, Sentence
from corpus.search import morphtable
from corpus.search.morphtable import AnalysisTable, Made, take_made
from corpus.search.morphtext import also_text, morph_columns, morph_text
from corpus.search.reading import kk_readings, printed_words
from corpus.search.regexguard import start_resource_tracker
from corpus.search.searchtext import (
    clean,
    count_tokens,
    fold_lookalikes,
    join_indexed,
    shown,
    trigram_text,
)
from corpus.storage.store import MAX_DOCUMENT_BYTES
from corpus.storage.tei import from_bytes

#: Unit ids are ``doc key << POSITION_BITS | position``.
POSITION_BITS = 24
MAX_UNITS = (1 << POSITION_BITS) - 1
#: Parse documents in worker processes when at least this many need reading.
PARALLEL_FROM = 16
#: What :func:`prepare` takes: path, name, size, mtime in ns, the SHA-256 the index has.
Todo = tuple[str, str, int, int, str | None]


@dataclass(frozen=True)
class IndexedUnit:
    """What the index stores for one bead (or one unaligned sentence)."""

    position: int
    bead: int | None  # index in Document.links; None for an unaligned sentence
    status: str  # "auto" | "confirmed" | "unaligned" (or a link's own subtype)
    score: float | None
    kk_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    kk: str
    en: str


def indexed_units(doc: Document) -> list[IndexedUnit]:
    """A document's units in order: its beads, then sentences no bead covers."""
    kk_text = {s.id: clean(s.text) for s in doc.kk.sentences()}
    en_text = {s.id: clean(s.text) for s in doc.en.sentences()}
    units: list[IndexedUnit] = []
    covered: set[str] = set()
    for number, link in enumerate(doc.links):
        covered.update(link.kk, link.en)
        units.append(
            IndexedUnit(
                len(units),
                number,
                link.status,
                link.score,
                link.kk,
                link.en,
                join_indexed([kk_text[i] for i in link.kk if i in kk_text]),
                join_indexed([en_text[i] for i in link.en if i in en_text]),
            )
        )
    for sid, text in kk_text.items():
        if sid not in covered:
            units.append(IndexedUnit(len(units), None, "unaligned", None, (sid,), (), text, ""))
    for sid, text in en_text.items():
        if sid not in covered:
            units.append(IndexedUnit(len(units), None, "unaligned", None, (), (sid,), "", text))
    return units


class UnitRow(NamedTuple):
    """One unit as the index stores it: the ``units`` row, its look-alike repair, its trigrams."""

    position: int
    bead: int | None
    status: str
    score: float | None
    kk_ids: str  # sentence ids, space-separated
    en_ids: str
    kk: str
    en: str
    kk_tokens: int
    en_tokens: int
    kk_fold: str | None  # the text with look-alike letters repaired, if it has any
    en_fold: str | None
    kk_trigram_text: str
    en_trigram_text: str
    kk_m: str  # one lemma/tag token per word (corpus.search.morphtext)
    en_m: str
    kk_a: str  # the Kazakh words' second lemmas (morphtext's also text)
    kk_read: str | None  # the Kazakh text read into Cyrillic, if printed in another script
    kk_p: str | None  # then its printed words not spelt as read (reading.printed_words)
    kk_f: str  # the Kazakh words' UD features (morphtext's feature text)

    def trigrams(self, side: str) -> str:
        """The side's text in the form the trigram index takes."""
        return self.kk_trigram_text if side == "kk" else self.en_trigram_text


@dataclass
class Prepared:
    """A TEI file read and turned into index rows (in a worker process, maybe)."""

    name: str
    size: int
    mtime_ns: int
    sha256: str
    error: str | None = None
    doc_row: dict[str, object] = field(default_factory=dict)
    units: list[UnitRow] = field(default_factory=list)
    #: Word types this process analysed for these rows, for the table of analyses.
    analyses: list[Made] = field(default_factory=list)


def unit_readings(kk: Sequence[Sentence], units: list[IndexedUnit]) -> dict[int, str]:
    """The Cyrillic reading (:mod:`corpus.search.reading`) of each unit whose Kazakh
    sentences are printed in another script, by position, joined as the unit's text is."""
    texts = {s.id: clean(s.text) for s in kk}
    readings = dict(zip(texts, kk_readings(list(texts.values())), strict=True))
    found: dict[int, str] = {}
    for u in units:
        ids = [i for i in u.kk_ids if i in texts]
        if any(readings[i] is not None for i in ids):
            found[u.position] = join_indexed([readings[i] or texts[i] for i in ids])
    return found


def prepare(path: str, name: str, size: int, mtime_ns: int, known_sha: str | None) -> Prepared:
    """Read, hash and (unless unchanged) parse one document into rows."""
    try:
        if size > MAX_DOCUMENT_BYTES:
            raise KopirError(f"{path}: {size:,} bytes is over the document size limit")
        data = Path(path).read_bytes()
    except OSError as exc:
        return Prepared(name, size, mtime_ns, "", f"{path}: cannot read: {exc.strerror or exc}")
    except KopirError as exc:
        return Prepared(name, size, mtime_ns, "", str(exc))
    sha = hashlib.sha256(data).hexdigest()
    prepared = Prepared(name, len(data), mtime_ns, sha)
    if sha == known_sha:
        return prepared  # touched, not changed
    try:
        doc = from_bytes(data, path, name)
    except KopirError as exc:
        prepared.error = str(exc)
        return prepared
    except Exception as exc:  # a file no reader expects: report it, index the rest
        prepared.error = f"{path}: cannot read: {type(exc).__name__}: {exc}"
        return prepared
    units = indexed_units(doc)
    if len(units) > MAX_UNITS:
        prepared.error = f"{path}: {len(units):,} units is more than the index takes per document"
        return prepared
    kk_sentences, en_sentences = doc.kk.sentences(), doc.en.sentences()
    words = {s.id: count_tokens(s.text) for s in (*kk_sentences, *en_sentences)}
    read = unit_readings(kk_sentences, units)
    for u in units:
        kk_fold, en_fold = fold_lookalikes(u.kk), fold_lookalikes(u.en)
        kk_read = read.get(u.position)
        kk_m, kk_f = morph_columns(shown(kk_read or u.kk), "kk")
        prepared.units.append(
            UnitRow(
                u.position, u.bead, u.status, u.score, " ".join(u.kk_ids), " ".join(u.en_ids),
                u.kk, u.en, sum(words.get(i, 0) for i in u.kk_ids),
                sum(words.get(i, 0) for i in u.en_ids), kk_fold, en_fold,
                trigram_text(u.kk), trigram_text(u.en),
                kk_m, morph_text(shown(u.en), "en"), also_text(shown(kk_read or u.kk), kk_m, "kk"),
                kk_read, None if kk_read is None else printed_words(u.kk, kk_read), kk_f,
            )
        )  # fmt: skip
    prepared.analyses = take_made()
    beads = Counter(f"{len(link.kk)}-{len(link.en)}" for link in doc.links)
    prepared.doc_row = {
        "title": doc.meta.title,
        "date": doc.meta.date,
        "kk_sentences": len(kk_sentences),
        "en_sentences": len(en_sentences),
        "kk_tokens": sum(words[s.id] for s in kk_sentences),
        "en_tokens": sum(words[s.id] for s in en_sentences),
        "beads": len(doc.links),
        "confirmed": sum(1 for link in doc.links if link.status == "confirmed"),
        "bead_types": json.dumps(dict(sorted(beads.items()))),
        "unaligned_kk": sum(1 for u in units if u.bead is None and u.kk),
        "unaligned_en": sum(1 for u in units if u.bead is None and u.en),
        "units": len(units),
        "kk_units": sum(1 for u in units if u.kk),
        "en_units": sum(1 for u in units if u.en),
    }
    return prepared


def prepare_all(todo: list[Todo], analyses: AnalysisTable | None) -> Iterator[Prepared]:
    """:func:`prepare` of each document, in order; in worker processes when there are many.

    Words are analysed through the table of analyses (:mod:`.morphtable`):
    workers read it, and what they analyse comes back with each document.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(todo) < PARALLEL_FROM or workers < 2:
        with morphtable.using(analyses):
            for args in todo:
                yield prepare(*args)
        return
    window = workers * 2  # bounded read-ahead: memory stays a few documents deep
    # "spawn": forking a process that holds an SQLite transaction (or, in the
    # app, other threads) is not safe.
    context = multiprocessing.get_context("spawn")
    start_resource_tracker()  # in the app sys.stderr has no file, and starting workers failed
    path = str(analyses.path) if analyses is not None else None
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=morphtable.start_worker, initargs=(path,)
    ) as pool:
        pending: list[Future[Prepared]] = []
        for args in todo:
            pending.append(pool.submit(prepare, *args))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
