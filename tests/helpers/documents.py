"""Aligned documents built from text pairs, for the export, import and quality-check
tests: ``make_doc`` (each side a text or a list of sentences), ``beads_of`` (a saved
document's beads as texts); and ``kazakh_only_doc``, a news item with no English yet."""

from __future__ import annotations

from collections.abc import Sequence

from align.model import Alignment, Bead, Status
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.store import Corpus

Pair = tuple[Sequence[str], Sequence[str]]


def make_doc(
    doc_id: str,
    pairs: Sequence[Pair | tuple[str, str]],
    status: Status = "confirmed",
    statuses: Sequence[Status] | None = None,
) -> Document:
    """A document whose beads are ``pairs``: each side a text or a list of sentence texts.

    An empty string or list on a side makes a 1-0 / 0-1 bead.
    """
    kk: list[Sentence] = []
    en: list[Sentence] = []
    beads = []
    for n, (k, e) in enumerate(pairs):
        ks = [k] if isinstance(k, str) else list(k)
        es = [e] if isinstance(e, str) else list(e)
        kk_ids = tuple(_add(kk, "kk", t) for t in ks if t != "")
        en_ids = tuple(_add(en, "en", t) for t in es if t != "")
        bead_status = statuses[n] if statuses is not None else status
        beads.append(Bead(kk_ids, en_ids, bead_status, 0.9))
    alignment = Alignment(tuple(s.id for s in kk), tuple(s.id for s in en), tuple(beads))
    doc = Document(
        doc_id,
        Metadata(title=doc_id),
        Side("kk", [Block(BlockKind.P, kk)] if kk else []),
        Side("en", [Block(BlockKind.P, en)] if en else []),
    )
    doc.links = alignment.to_links()
    return doc


def kazakh_only_doc(
    doc_id: str, headline: str, *paragraphs: Sequence[str], title: str | None = None
) -> Document:
    """A Kazakh news item as ingest makes it, with no English yet: the headline's block,
    then each paragraph's, the sentences numbered ``kk.s1``… in reading order."""
    kk: list[Sentence] = []
    _add(kk, "kk", headline)
    blocks = [Block(BlockKind.HEAD, list(kk), type="main")]
    for paragraph in paragraphs:
        first = len(kk)
        for text in paragraph:
            _add(kk, "kk", text)
        blocks.append(Block(BlockKind.P, kk[first:]))
    return Document(doc_id, Metadata(title=title or headline), Side("kk", blocks), Side("en", []))


def _add(sentences: list[Sentence], lang: str, text: str) -> str:
    sid = f"{lang}.s{len(sentences) + 1}"
    sentences.append(Sentence.plain(sid, text))
    return sid


def beads_of(corpus: Corpus, doc_id: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each bead of a document as the texts of its Kazakh and English sentences."""
    doc = corpus.load(doc_id)
    texts = {s.id: s.text for side in (doc.kk, doc.en) for s in side.sentences()}
    return [
        (tuple(texts[i] for i in bead.kk), tuple(texts[i] for i in bead.en))
        for bead in Alignment.from_document(doc).beads
    ]
