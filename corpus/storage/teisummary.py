"""What ``kopir ls`` says of a document, without holding the whole document.

Loading a document builds its model and checks it whole: for an article that
costs milliseconds, for a translation memory of a million units imported as
one document (159 MB of TEI) it took 51 s and 3.9 GB just to print one line
of counts. A document up to :data:`FULL_CHECK_BYTES` is still loaded and
checked (so ``ls`` keeps naming a broken small file); a larger one is read in
one streaming pass that counts its sentences and links and keeps its title
and date, with memory flat: the same safe parser, a document type
declaration refused, a declared encoding other than UTF-8 checked by a full
load as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from corpus.errors import CorpusError
from corpus.storage.safexml import DTD_REFUSED, SAFE_PARSING, forget_read, xml_problem
from corpus.storage.store import MAX_DOCUMENT_BYTES, Corpus
from corpus.storage.teinames import XML_LANG, T

#: Documents up to this size are loaded and checked whole; larger ones streamed.
FULL_CHECK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class DocSummary:
    """The counts and labels of one document, as ``kopir ls`` lists them."""

    kk: int
    en: int
    beads: int
    date: str | None
    title: str


def summarise(corpus: Corpus, doc_id: str, full_check_bytes: int = FULL_CHECK_BYTES) -> DocSummary:
    """A document's summary: loaded whole when small, streamed when large."""
    path = corpus.path(doc_id)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # load() says what is wrong
    if size <= full_check_bytes or size > MAX_DOCUMENT_BYTES:
        return _loaded(corpus, doc_id)
    summary = _streamed(path)
    return summary if summary is not None else _loaded(corpus, doc_id)


def _loaded(corpus: Corpus, doc_id: str) -> DocSummary:
    doc = corpus.load(doc_id)
    kk, en = len(doc.kk.sentences()), len(doc.en.sentences())
    return DocSummary(kk, en, len(doc.links), doc.meta.date, doc.meta.title)


_TAGS = (T + "TEI", T + "text", T + "s", T + "link", T + "title", T + "date")


def _streamed(path: Path) -> DocSummary | None:
    """Count in one pass; ``None`` when the file declares an encoding that needs the full check."""
    counts: dict[str, int] = {}
    beads = 0
    title: str | None = None
    date: str | None = None
    lang = ""
    etree.clear_error_log()
    try:
        with path.open("rb") as handle:
            events = etree.iterparse(handle, events=("start", "end"), tag=_TAGS, **SAFE_PARSING)
            for event, el in events:
                tag = el.tag
                if event == "start":
                    if tag == T + "TEI":
                        docinfo = el.getroottree().docinfo
                        if docinfo.doctype or docinfo.internalDTD is not None:
                            raise CorpusError(f"{path}: {DTD_REFUSED}")
                        if not (docinfo.encoding or "UTF-8").upper().startswith("UTF"):
                            return None
                    elif tag == T + "text" and el.get(XML_LANG):
                        lang = el.get(XML_LANG) or ""
                    continue
                if tag == T + "s":
                    counts[lang] = counts.get(lang, 0) + 1
                elif tag == T + "link":
                    beads += el.get("type") != "text"
                elif tag == T + "title" and title is None:
                    title = el.text or ""
                elif tag == T + "date" and date is None:
                    date = el.get("when")
                else:
                    continue
                forget_read(el)
    except etree.XMLSyntaxError as exc:
        raise CorpusError(f"{path}: {xml_problem(exc)}") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return DocSummary(counts.get("kk", 0), counts.get("en", 0), beads, date, title or "")
