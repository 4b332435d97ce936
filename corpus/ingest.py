"""Ingest: raw text file → cleaned, structured, segmented TEI document in the corpus.

Re-ingesting a file that has not changed (same bytes, same options, same
segmenter) writes nothing. A changed source replaces the document only while
it holds no translation work; otherwise the user must say ``replace``. When
only the segmenter changed (a new kopir), a document without work is
segmented again and one with work keeps the segmentation it was aligned on,
until ``replace``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.errors import CorpusError, InputError, Notice, Remedy
from corpus.folder import kazakh_id
from corpus.model import Document, Metadata, Person, Side
from corpus.storage.lock import hold
from corpus.storage.store import Corpus
from corpus.text.clean import Paragraph, clean_text, strip_invisible
from corpus.text.script import kk_line_cyrillic
from corpus.text.segment import SEGMENTER
from corpus.text.structure import structure
from corpus.text.textio import (
    MAX_BYTES,
    decode_bytes,
    detection_note,
    file_size,
    lost_letters,
    read_bounded,
)

#: How many removed characters to list one by one before summarising.
MAX_LISTED = 10


@dataclass
class Built:
    doc: Document
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestResult:
    doc_id: str
    status: str  # "created", "updated", "unchanged"
    sentences: int
    warnings: list[str]


def build_document(
    data: bytes,
    name: str,
    doc_id: str,
    encoding: str | None = None,
    *,
    fix_homoglyphs: bool = False,
) -> Built:
    """Build a document from raw bytes; warnings say what was removed or found."""
    decoded = decode_bytes(data, name, encoding)
    cleaned = clean_text(decoded.text)
    if not cleaned.paragraphs:
        raise InputError(f"{name}: no text (the file is empty or only whitespace)")
    structured = structure(cleaned.paragraphs, "kk", fix_homoglyphs=fix_homoglyphs)
    meta: Metadata = structured.meta
    meta.source_file = _xml_safe(Path(name).name)
    meta.source_sha256 = hashlib.sha256(data).hexdigest()
    meta.source_encoding = decoded.encoding + (" (detected)" if decoded.detected else "")
    meta.ingest_options = _options(encoding, fix_homoglyphs)
    meta.segmenter = SEGMENTER

    warnings = [note] if (note := detection_note(decoded, name)) else []
    warnings += [f"{name}: {r.describe()}" for r in cleaned.removals[:MAX_LISTED]]
    if len(cleaned.removals) > MAX_LISTED:
        warnings.append(
            f"{name}: … {len(cleaned.removals) - MAX_LISTED} more invisible characters removed"
        )
    if cleaned.nfc_changes:
        warnings.append(f"{name}: {cleaned.nfc_changes} lines normalised to NFC")
    warnings += [
        _repair_said(
            f"{name}: line {line}, column {column}: {found.describe()}",
            None if found.repair is None else fix_homoglyphs,
            "; ",
            "it",
        )
        for line, column, found in structured.homoglyphs[:MAX_LISTED]
    ]
    warnings += more_homoglyphs(name, len(structured.homoglyphs), fix_homoglyphs)
    # A text whose Kazakh letters became "?" is not Russian, whatever it lacks.
    text = "\n".join(paragraph.text for paragraph in cleaned.paragraphs)
    if note := lost_letters(text, name) or not_kazakh(cleaned.paragraphs, name):
        warnings.append(note)
    doc = Document(doc_id, meta, Side("kk", structured.blocks), Side("en"))
    return Built(doc, warnings)


def build_translation(
    data: bytes, name: str, lang: str = "en", encoding: str | None = None
) -> tuple[Side, list[Person], list[str]]:
    """Build the side of a translation (one paragraph per line) and the people it names.

    The same page-structure rules run as for the source, with the language's
    own words (``Authors:``, ``ASTANA. KAZINFORM –``), and sentence ids start
    at 1 in the translation's own namespace (``en.s1``).
    """
    decoded = decode_bytes(data, name, encoding)
    cleaned = clean_text(decoded.text)
    if not cleaned.paragraphs:
        raise InputError(f"{name}: no text (the file is empty or only whitespace)")
    structured = structure(cleaned.paragraphs, lang)
    warnings = [note] if (note := detection_note(decoded, name)) else []
    warnings += [f"{name}: {r.describe()}" for r in cleaned.removals[:MAX_LISTED]]
    warnings += [
        f"{name}: line {line}, column {column}: {found.describe()}"
        for line, column, found in structured.homoglyphs[:MAX_LISTED]
    ]
    warnings += more_homoglyphs(name, len(structured.homoglyphs))
    return Side(lang, structured.blocks), structured.meta.people, warnings


def more_homoglyphs(name: str, found: int, repaired: bool | None = None) -> list[str]:
    """The line that stands for the mixed-script words past the first :data:`MAX_LISTED`
    (one file had 1,914: the warnings buried everything else); ``repaired`` None: a
    text that is never repaired (a translation)."""
    if found <= MAX_LISTED:
        return []
    said = f"{name}: … {found - MAX_LISTED} more words mixing Latin and Cyrillic letters"
    return [_repair_said(said, repaired, ", ", "them")]


def _repair_said(said: str, repaired: bool | None, joint: str, what: str) -> str:
    """``said`` of mixed-script words with whether they were repaired (``repaired`` None:
    nothing to say); not repaired, a :class:`Notice` whose remedy is the
    ``fix_homoglyphs`` option (to repair ``what``)."""
    if repaired is None:
        return said
    if repaired:
        return f"{said}{joint}repaired"
    return Notice(f"{said}{joint}not repaired", Remedy("fix_homoglyphs", f"repair {what}"))


#: Letters only Kazakh has among the Cyrillic alphabets kopir meets.
KAZAKH_ONLY = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
#: A text with at least this many letters and none of :data:`KAZAKH_ONLY` is said to be
#: probably not Kazakh (a short line may have none by chance).
KAZAKH_EVIDENCE_LETTERS = 200


def not_kazakh(paragraphs: list[Paragraph], name: str) -> str | None:
    """A warning when a text to ingest as Kazakh does not look Kazakh, else None.

    Only a warning: a text is not refused for its language, but a file with
    no Cyrillic at all (an English file, ``/etc/passwd``) or a long text with
    no letter only Kazakh has (Russian) is most likely not what was meant.
    Kazakh printed in the Latin alphabet or in the Arabic script is judged on its
    Cyrillic reading (:func:`kk_line_cyrillic`), as ingest reads its structure: a
    Latin-script edition (``Aral teńiziniń deńgeıi``) is Kazakh, not Russian.
    """
    letters, cyrillic, kazakh = _letters([paragraph.text for paragraph in paragraphs])
    if kazakh:
        return None
    # Only a text that would be warned about is read: the usual Cyrillic file costs nothing.
    letters, cyrillic, kazakh = _letters([kk_line_cyrillic(p.text) for p in paragraphs])
    if not cyrillic:
        return f"{name}: no Cyrillic letters: this does not look like a Kazakh text"
    if letters >= KAZAKH_EVIDENCE_LETTERS and not kazakh:
        return (
            f"{name}: no Kazakh letters (ә ғ қ ң ө ұ ү һ і) in {letters:,} letters: "
            "Russian, not Kazakh?"
        )
    return None


def _letters(texts: list[str]) -> tuple[int, int, int]:
    """How many letters ``texts`` have, how many of them are Cyrillic, and how many of
    those only Kazakh has (:data:`KAZAKH_ONLY`)."""
    letters = cyrillic = kazakh = 0
    for text in texts:
        for ch in text:
            if ch.isalpha():
                letters += 1
                if "\u0400" <= ch <= "\u04ff":
                    cyrillic += 1
                    kazakh += ch in KAZAKH_ONLY
    return letters, cyrillic, kazakh


def _xml_safe(name: str) -> str:
    """A file name as XML can hold it: undecodable bytes as U+FFFD, no control characters."""
    return strip_invisible(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _options(encoding: str | None, fix_homoglyphs: bool) -> str:
    return f"encoding={encoding or 'auto'}; fix-homoglyphs={'yes' if fix_homoglyphs else 'no'}"


def ingest_file(
    corpus: Corpus,
    path: Path,
    encoding: str | None = None,
    *,
    fix_homoglyphs: bool = False,
    replace: bool = False,
    max_bytes: int = MAX_BYTES,
) -> IngestResult:
    """Ingest one raw text file into the corpus (see the module docstring)."""
    doc_id = kazakh_id(path)
    file_size(path, max_bytes, f"the {max_bytes:,}-byte limit")
    data = read_bounded(path, max_bytes)
    old = corpus.load(doc_id) if corpus.exists(doc_id) else None
    if _unchanged(old, data, encoding, fix_homoglyphs, replace):
        # Nothing to write, so no lock to take: an unchanged document may be
        # open in the translator's app meanwhile.
        assert old is not None
        return IngestResult(doc_id, "unchanged", len(old.kk.sentences()), [])
    with hold(corpus.root, doc_id):
        return _ingest(corpus, path, doc_id, data, encoding, fix_homoglyphs, replace)


def _unchanged(
    old: Document | None,
    data: bytes,
    encoding: str | None,
    fix_homoglyphs: bool,
    replace: bool,
) -> bool:
    """Whether a stored document was built from exactly these bytes, options and segmenter.

    A document holding translation work was built "by this segmenter" as far as
    ingest cares unless ``replace`` says otherwise: its beads point at its
    sentences, so a new segmenter version alone must not make ingest refuse it.
    For the same reason its look-alike letters, once repaired, stay repaired when
    the file is ingested again without ``fix_homoglyphs``: undoing a repair the
    user asked for is nobody's wish, and refusing made ``make run`` (which ingests
    the seeds without it) stop with an error after a repair in place.
    """
    if old is None or old.meta.source_sha256 != hashlib.sha256(data).hexdigest():
        return False
    kept = _holds_work(old) and not replace
    options = old.meta.ingest_options
    return (
        options == _options(encoding, fix_homoglyphs)
        or (kept and not fix_homoglyphs and options == _options(encoding, True))
    ) and (old.meta.segmenter == SEGMENTER or kept)


def _holds_work(doc: Document) -> bool:
    return bool(doc.en.sentences() or doc.links)


def _ingest(
    corpus: Corpus,
    path: Path,
    doc_id: str,
    data: bytes,
    encoding: str | None,
    fix_homoglyphs: bool,
    replace: bool,
) -> IngestResult:
    old = corpus.load(doc_id) if corpus.exists(doc_id) else None  # again, under the lock
    if _unchanged(old, data, encoding, fix_homoglyphs, replace):
        assert old is not None
        return IngestResult(doc_id, "unchanged", len(old.kk.sentences()), [])
    if old is not None and _holds_work(old) and not replace:
        same_bytes = old.meta.source_sha256 == hashlib.sha256(data).hexdigest()
        if same_bytes and fix_homoglyphs and old.meta.ingest_options == _options(encoding, False):
            repaired = _repaired_in_place(old, data, path, encoding)
            corpus.save(repaired.doc)
            return IngestResult(
                doc_id, "updated", len(repaired.doc.kk.sentences()), repaired.warnings
            )
        why = (
            f"was ingested with other options ({old.meta.ingest_options})"
            if same_bytes
            else "has changed at the source"
        )
        raise CorpusError(
            f"{path}: document {doc_id!r} {why} but holds translation work (English or beads)",
            Remedy("replace", "rebuild it and discard that work"),
        )
    built = build_document(data, str(path), doc_id, encoding, fix_homoglyphs=fix_homoglyphs)
    corpus.save(built.doc)
    status = "created" if old is None else "updated"
    return IngestResult(doc_id, status, len(built.doc.kk.sentences()), built.warnings)


def _repaired_in_place(old: Document, data: bytes, path: Path, encoding: str | None) -> Built:
    """``old`` with its look-alike letters repaired and its translation work kept, when
    ``--fix-homoglyphs`` is all that changed (the caller checks that: same bytes, and
    ingested before without it).

    Ingest's warning says to pass ``--fix-homoglyphs``; a translator who had aligned
    first was refused and offered only ``--replace``, which discards the English and
    the beads. A repair changes words inside sentences, never where they end, so the
    rebuilt Kazakh side is taken only if it has exactly the old one's blocks, sentence
    ids and (unrepaired) texts. A side edited by hand, or segmented by another
    segmenter, is refused, saying which: the options are what the user just changed,
    so naming them would not say why, and the editor can still repair a word by hand.
    The rest of the document (metadata, English, links) is kept as it was, with the
    new options recorded and the title, made from the Kazakh text, repaired with it.
    """
    built = build_document(data, str(path), old.id, encoding, fix_homoglyphs=True)
    changed = _kazakh_changed(old.kk, built.doc.kk)
    if changed:
        raise CorpusError(
            f"{path}: document {old.id!r} cannot be repaired in place: {changed}, and it holds "
            "translation work (English or beads); repair its words by hand in the app's edit "
            "box",
            Remedy("replace", "rebuild it and discard that work"),
        )
    # the title is made from the Kazakh text just found unchanged: take it repaired too
    meta = replace(old.meta, ingest_options=_options(encoding, True), title=built.doc.meta.title)
    return Built(replace(old, meta=meta, kk=built.doc.kk), built.warnings)


def _kazakh_changed(old: Side, rebuilt: Side) -> str:
    """How a stored Kazakh side differs from the one its source gives now (its texts before
    any repair), in words for a refusal; empty when they are the same."""
    old_ids, new_ids = [s.id for s in old.sentences()], [s.id for s in rebuilt.sentences()]
    if old_ids != new_ids:
        return (
            f"its {len(old_ids)} Kazakh sentences are not cut as the source's {len(new_ids)} "
            "are now (edited by hand, or segmented by an earlier kopir)"
        )
    for was, source in zip(old.sentences(), rebuilt.sentences(), strict=True):
        if was.text != source.original:
            return f"its Kazakh sentence {was.id} was changed since it was ingested"

    def shape(side: Side) -> list[tuple[object, ...]]:
        return [(b.kind, b.type, [s.id for s in b.sentences]) for b in side.blocks]

    if shape(old) != shape(rebuilt):
        return "its Kazakh paragraphs were changed since it was ingested"
    return ""
