"""The TEI writer kopir had before ``corpus.storage.tei`` wrote text itself: an lxml tree.

It builds the whole document as an lxml tree, indents it with ``etree.indent``
and serialises it: exactly the bytes lxml gives, at about ten times the cost
of writing the text directly (3–5 s for 50,000 beads on a loaded machine).
Kept for two jobs: the byte-for-byte oracle ``tests/corpus/storage/test_tei_writer.py``
holds the fast writer to, and a baseline that ``make bench-tui`` (``benchmarks/tui_terminal.py``)
prints beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from lxml import etree

from corpus.errors import CorpusError
from corpus.model import (
    LANG_NAMES,
    Block,
    BlockKind,
    Correction,
    Document,
    Link,
    Sentence,
    Side,
    Stamp,
)
from corpus.storage.teinames import (
    CHANGE_PREFIX,
    REPAIR_PREFIX,
    RESP_PREFIX,
    TEI_NS,
    XML_ID,
    XML_LANG,
    T,
)
from corpus.storage.teiwrite import CORRECTION_NOTE, EDIT_NOTE, PUBLICATION, REPAIR_KINDS, RESP_ROLE


def lxml_to_bytes(doc: Document) -> bytes:
    """Serialise a document as TEI P5 (UTF-8, indented, with an XML declaration)."""
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    reviewers, changes = _provenance(doc.links)
    root.append(_header(doc, reviewers, changes))
    outer = _sub(root, "text")
    group = _sub(outer, "group")
    for side in (doc.kk, doc.en):
        text = _sub(group, "text", {XML_LANG: side.lang, XML_ID: side.lang})
        _body(_sub(text, "body"), side)
    links = _sub(outer, "linkGrp", {"type": "alignment"})
    _sub(links, "link", {"type": "text", "target": f"#{doc.kk.lang} #{doc.en.lang}"})
    for link in doc.links:
        attrs = {
            "type": f"{len(link.kk)}-{len(link.en)}",
            "subtype": link.status,
            "target": " ".join(
                "#" + i for i in (link.kk or (doc.kk.lang,)) + (link.en or (doc.en.lang,))
            ),
        }
        if link.score is not None:
            attrs["cert"] = f"{link.score:.4f}"
        stamps = _link_stamps(link)
        if stamps:
            attrs["change"] = " ".join(f"#{changes[stamp]}" for stamp in stamps)
        _sub(links, "link", attrs)
    etree.indent(root, space=" ")
    # indent() takes an <s> that holds a <choice> for element-only content and
    # pads its text and the choices' tails: put the sentence text back as it is.
    written = [s for side in (doc.kk, doc.en) for s in side.sentences()]
    for el, sentence in zip(root.iter(T + "s"), written, strict=True):
        _restore_text(el, sentence)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _sub(
    parent: etree._Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> etree._Element:
    el = etree.SubElement(parent, T + tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _link_stamps(link: Link) -> tuple[Stamp, ...]:
    """A link's stamps as its ``@change`` lists them: created then changed, one if the same."""
    stamps = tuple(s for s in (link.created, link.changed) if s is not None)
    return stamps[:1] if len(stamps) == 2 and stamps[0] == stamps[1] else stamps


def _provenance(links: list[Link]) -> tuple[dict[str, str], dict[Stamp, str]]:
    """Ids for the people and the changes the links point at, in order of first use.

    Numbered rather than named after the user, since a login name need not be
    a valid XML id; the same document always numbers them the same way, so
    reading and writing it gives back the same bytes.
    """
    people: dict[str, str] = {}
    changes: dict[Stamp, str] = {}
    for link in links:
        for stamp in _link_stamps(link):
            if stamp not in changes:
                changes[stamp] = f"{CHANGE_PREFIX}{len(changes) + 1}"
                people.setdefault(stamp.who, f"{RESP_PREFIX}{len(people) + 1}")
    return people, changes


def _header(doc: Document, reviewers: dict[str, str], changes: dict[Stamp, str]) -> etree._Element:
    meta = doc.meta
    header = etree.Element(T + "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", {"type": "main" if meta.title_is_headline else "desc"}, meta.title)
    for author in meta.authors:
        _sub(title_stmt, "author", text=author)
    for name, pid in reviewers.items():
        resp_stmt = _sub(title_stmt, "respStmt", {XML_ID: pid})
        _sub(resp_stmt, "resp", text=RESP_ROLE)
        _sub(resp_stmt, "name", text=name)
    _sub(_sub(file_desc, "publicationStmt"), "p", text=PUBLICATION)
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl")
    if meta.title_is_headline:
        _sub(bibl, "title", text=meta.title)
    for author in meta.authors:
        _sub(bibl, "author", text=author)
    if meta.agency:
        _sub(bibl, "publisher", text=meta.agency)
    if meta.place:
        _sub(bibl, "pubPlace", text=meta.place)
    if meta.date:
        _sub(bibl, "date", {"when": meta.date})
    _sub(bibl, "idno", {"type": "file"}, meta.source_file)
    _sub(bibl, "idno", {"type": "sha256"}, meta.source_sha256)
    if meta.source_url:
        _sub(bibl, "idno", {"type": "URL"}, meta.source_url)
    _sub(bibl, "note", {"type": "encoding"}, meta.source_encoding)
    if meta.ingest_options:
        _sub(bibl, "note", {"type": "ingest"}, meta.ingest_options)

    encoding = _sub(header, "encodingDesc")
    editorial = _sub(encoding, "editorialDecl")
    reasons = sorted(
        {
            p.reason
            for side in (doc.kk, doc.en)
            for s in side.sentences()
            for p in s.parts
            if isinstance(p, Correction)
        }
    )
    if reasons:
        note = CORRECTION_NOTE if reasons != ["edit"] else EDIT_NOTE
        if "edit" in reasons and len(reasons) > 1:
            note = f"{CORRECTION_NOTE} {EDIT_NOTE}"
        _sub(_sub(editorial, "correction"), "p", text=note)
    _sub(_sub(editorial, "segmentation"), "p", text=meta.segmenter)
    if reasons:
        taxonomy = _sub(_sub(encoding, "classDecl"), "taxonomy", {XML_ID: "repairs"})
        for reason in reasons:
            category = _sub(taxonomy, "category", {XML_ID: REPAIR_PREFIX + reason})
            _sub(category, "catDesc", text=REPAIR_KINDS.get(reason, reason))

    profile = _sub(header, "profileDesc")
    usage = _sub(profile, "langUsage")
    for lang in (doc.kk.lang, doc.en.lang):
        _sub(usage, "language", {"ident": lang}, LANG_NAMES.get(lang, lang))
    if meta.people:
        people = _sub(_sub(profile, "particDesc"), "listPerson")
        for person in meta.people:
            el = _sub(people, "person", {XML_ID: person.id})
            _sub(el, "persName", text=person.name)
            if person.role:
                _sub(el, "occupation", text=person.role)
    if meta.rubric:
        keywords = _sub(_sub(profile, "textClass"), "keywords")
        _sub(keywords, "term", {"type": "rubric"}, meta.rubric)
    if changes:
        changes_el = _sub(_sub(header, "revisionDesc"), "listChange")
        for stamp, cid in changes.items():
            attrs = {XML_ID: cid, "when": stamp.when, "who": f"#{reviewers[stamp.who]}"}
            _sub(changes_el, "change", attrs, "alignment link made or changed")
    return header


def _body(body: etree._Element, side: Side) -> None:
    div = _sub(body, "div")
    has_content = False
    for speech, run in groupby(side.blocks, key=lambda b: b.speech):
        blocks = list(run)
        if speech is not None:
            attrs = {"who": f"#{blocks[0].who}"} if blocks[0].who else {}
            sp = _sub(div, "sp", attrs)
            for block in blocks:
                _sentences(_sub(sp, "speaker" if block.kind is BlockKind.SPEAKER else "p"), block)
            has_content = True
            continue
        for block in blocks:
            if block.kind is BlockKind.HEAD and has_content:
                div = _sub(body, "div")
                has_content = False
            _block(div, block)
            has_content = has_content or block.kind is not BlockKind.FW


def _block(div: etree._Element, block: Block) -> None:
    kind = block.kind
    if kind is BlockKind.FW:
        _sub(div, "fw", {"type": block.type or "furniture"}, block.text)
    elif kind is BlockKind.HEAD:
        _sentences(_sub(div, "head", {"type": block.type} if block.type else {}), block)
    elif kind is BlockKind.DATELINE:
        _sentences(_sub(_sub(div, "opener"), "dateline"), block)
    elif kind is BlockKind.SIGNED:
        _sentences(_sub(_sub(div, "closer"), "signed"), block)
    elif kind is BlockKind.P:
        _sentences(_sub(div, "p"), block)
    else:
        raise CorpusError(f"cannot write a {kind} block outside speech")


def _sentences(parent: etree._Element, block: Block) -> None:
    for sentence in block.sentences:
        s = _sub(parent, "s", {XML_ID: sentence.id})
        _place_parts(s, sentence, lambda part, s=s: _choice(s, part))


def _choice(s: etree._Element, part: Correction) -> etree._Element:
    choice = _sub(s, "choice")
    _sub(choice, "sic", text=part.sic)
    _sub(choice, "corr", {"ana": f"#{REPAIR_PREFIX}{part.reason}"}, part.corr)
    return choice


def _restore_text(s: etree._Element, sentence: Sentence) -> None:
    """Put back the text of an ``<s>`` written by :func:`_sentences` (its choices kept)."""
    s.text = None
    choices = iter(s)

    def cleared(_: Correction) -> etree._Element:
        choice = next(choices)
        choice.tail = None
        return choice

    _place_parts(s, sentence, cleared)


def _place_parts(
    s: etree._Element, sentence: Sentence, choice: Callable[[Correction], etree._Element]
) -> None:
    """A sentence's text into ``s``: strings as text and tails, a correction as ``choice(it)``."""
    last: etree._Element | None = None
    for part in sentence.parts:
        if isinstance(part, str):
            if last is None:
                s.text = (s.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        else:
            last = choice(part)
