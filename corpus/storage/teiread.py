"""Reading kopir's TEI back into a Document, checking what RelaxNG cannot.

The checks: unique ids, no dangling pointers, no nested ``<s>``, no text
outside sentences, and links that join both texts; any problem is one
:class:`CorpusError` naming the file and, where it can, the line. The format
itself is described in :mod:`corpus.storage.tei`, which writes it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from lxml import etree

from corpus.errors import CorpusError
from corpus.model import (
    Block,
    BlockKind,
    Correction,
    Document,
    Link,
    Metadata,
    Part,
    Person,
    Sentence,
    Side,
    Stamp,
)
from corpus.storage.safexml import describe_node, parse_xml
from corpus.storage.teinames import REPAIR_PREFIX, TEI_NS, XML_ID, XML_LANG, T


def from_bytes(data: bytes, name: str, doc_id: str | None = None) -> Document:
    """Parse and check a kopir TEI document; :class:`CorpusError` on any problem.

    ``name`` is for messages; the document id defaults to its file stem.
    """
    root = parse_xml(data, name).getroot()
    if root.tag != T + "TEI":
        raise CorpusError(f"{name}: root element is {_local(root.tag)}, not TEI")
    _check_ids(root, name)
    header = _one(root, "teiHeader", name)
    meta = _read_header(header, name)
    texts = root.findall(f"{T}text/{T}group/{T}text")
    if len(texts) != 2:
        raise CorpusError(
            f"{name}: expected two texts (kk and en) in text/group, found {len(texts)}"
        )
    sides = [_read_side(text, name) for text in texts]
    links = _read_links(root, sides, name, _read_changes(header, name))
    return Document(doc_id or PurePath(name).stem, meta, sides[0], sides[1], links)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else str(tag)


def _one(parent: etree._Element, path: str, name: str) -> etree._Element:
    found = parent.find(T + path.replace("/", "/" + T))
    if found is None:
        raise CorpusError(f"{name}: missing <{path}>")
    return found


def _text(parent: etree._Element, path: str) -> str | None:
    found = parent.find(T + path.replace("/", "/" + T))
    return None if found is None else (found.text or "")


# Plain strings: lxml's default "smart" strings keep a link to their element
# and cost several times as much to make, on every id of a long document.
_ALL_IDS = etree.XPath("//@xml:id", smart_strings=False)
_NESTED_S = etree.XPath("//t:s//t:s", namespaces={"t": TEI_NS})
# One path per attribute, not their union: libxml2 puts a union's attributes in
# document order by walking sibling lists, which for 50,000 links and a single
# @change (one bead confirmed in the editor) took minutes instead of milliseconds.
_POINTERS = tuple(
    etree.XPath(f"//@{name}", smart_strings=False) for name in ("target", "who", "ana", "change")
)
_POINTER_OWNERS = etree.XPath("//*[@target or @who or @ana or @change]")


def _check_ids(root: etree._Element, name: str) -> None:
    """Unique ids, no nested sentences, no dangling pointers.

    XPath does the walking in C: a document of 20,000 sentences and 10,000
    links is checked in a few milliseconds, which opening it in the editor needs.
    """
    all_ids = _ALL_IDS(root)
    ids = set(all_ids)
    if len(ids) != len(all_ids):
        dup = next(i for i, n in Counter(all_ids).items() if n > 1)
        raise CorpusError(f"{name}: duplicate xml:id {dup!r}")
    nested = _NESTED_S(root)
    if nested:
        s = nested[0]
        raise CorpusError(f"{name}: nested <s> {s.get(XML_ID)!r} (line {s.sourceline})")
    pointed = {ref for path in _POINTERS for attr in path(root) for ref in attr.split()}
    if all(ref.startswith("#") and ref[1:] in ids for ref in pointed):
        return
    for el in _POINTER_OWNERS(root):  # say where the first bad one is
        for attr in ("target", "who", "ana", "change"):
            for ref in (el.get(attr) or "").split():
                if not ref.startswith("#") or ref[1:] not in ids:
                    raise CorpusError(
                        f"{name}: dangling pointer {ref!r} in @{attr} (line {el.sourceline})"
                    )


def _read_header(header: etree._Element, name: str) -> Metadata:
    title = _one(header, "fileDesc/titleStmt/title", name)
    bibl = _one(header, "fileDesc/sourceDesc/bibl", name)
    date = bibl.find(T + "date")
    people = [
        Person(p.get(XML_ID) or "", _text(p, "persName") or "", _text(p, "occupation") or "")
        for p in header.iterfind(f"{T}profileDesc/{T}particDesc/{T}listPerson/{T}person")
    ]
    notes = {n.get("type"): n.text or "" for n in bibl.iterfind(T + "note")}
    idnos = {n.get("type"): n.text or "" for n in bibl.iterfind(T + "idno")}
    return Metadata(
        title=title.text or "",
        title_is_headline=title.get("type") == "main",
        date=None if date is None else date.get("when"),
        rubric=_text(header, "profileDesc/textClass/keywords/term"),
        agency=_text(bibl, "publisher"),
        place=_text(bibl, "pubPlace"),
        authors=[a.text or "" for a in header.iterfind(f"{T}fileDesc/{T}titleStmt/{T}author")],
        people=people,
        source_file=idnos.get("file", ""),
        source_sha256=idnos.get("sha256", ""),
        source_url=idnos.get("URL") or None,
        source_encoding=notes.get("encoding", ""),
        ingest_options=notes.get("ingest", ""),
        segmenter=_text(header, "encodingDesc/editorialDecl/segmentation/p") or "",
    )


_LEAF_KINDS = {
    "head": BlockKind.HEAD,
    "p": BlockKind.P,
    "dateline": BlockKind.DATELINE,
    "signed": BlockKind.SIGNED,
    "speaker": BlockKind.SPEAKER,
}


def _read_side(text: etree._Element, name: str) -> Side:
    lang = text.get(XML_LANG) or ""
    if text.get(XML_ID) != lang or not lang:
        raise CorpusError(
            f"{name}: each text needs matching xml:lang and xml:id (line {text.sourceline})"
        )
    side = Side(lang)
    speech = 0
    body = _one(text, "body", name)
    for el in body.iter(T + "fw", T + "head", T + "p", T + "dateline", T + "signed", T + "speaker"):
        tag = _local(el.tag)
        if tag == "fw":
            side.blocks.append(Block(BlockKind.FW, type=el.get("type"), text=el.text or ""))
            continue
        sp = el.getparent()
        in_speech = sp is not None and sp.tag == T + "sp"
        if in_speech and (el.getprevious() is None):
            speech += 1
        who = (sp.get("who") or "").lstrip("#") or None if in_speech else None
        side.blocks.append(
            Block(
                _LEAF_KINDS[tag],
                _read_sentences(el, name),
                type=el.get("type") if tag == "head" else None,
                speech=speech if in_speech else None,
                who=who,
            )
        )
    return side


def _read_sentences(el: etree._Element, name: str) -> list[Sentence]:
    if (el.text or "").strip():
        raise CorpusError(f"{name}: text outside <s> in <{_local(el.tag)}> (line {el.sourceline})")
    sentences = []
    for child in el:
        if child.tag is etree.Comment:
            continue
        if child.tag != T + "s":
            raise CorpusError(
                f"{name}: unexpected {describe_node(child)} in <{_local(el.tag)}> "
                f"(line {child.sourceline})"
            )
        if (child.tail or "").strip():
            raise CorpusError(f"{name}: text outside <s> after line {child.sourceline}")
        sentences.append(Sentence(child.get(XML_ID) or "", _read_parts(child, name)))
    return sentences


def _read_parts(s: etree._Element, name: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    if s.text:
        parts.append(s.text)
    for child in s:
        if child.tag != T + "choice":
            raise CorpusError(
                f"{name}: unexpected {describe_node(child)} in sentence {s.get(XML_ID)!r}"
            )
        sic, corr = child.find(T + "sic"), child.find(T + "corr")
        if sic is None or corr is None:
            raise CorpusError(f"{name}: <choice> without sic and corr in {s.get(XML_ID)!r}")
        reason = (corr.get("ana") or "").removeprefix(f"#{REPAIR_PREFIX}")
        parts.append(Correction(sic.text or "", corr.text or "", reason))
        if child.tail:
            parts.append(child.tail)
    return tuple(parts)


def _read_changes(header: etree._Element, name: str) -> dict[str, Stamp]:
    """The header's changes by id, each with the name of who made it."""
    names = {
        r.get(XML_ID): _text(r, "name") or ""
        for r in header.iterfind(f"{T}fileDesc/{T}titleStmt/{T}respStmt")
    }
    changes: dict[str, Stamp] = {}
    for el in header.iterfind(f"{T}revisionDesc/{T}listChange/{T}change"):
        who = (el.get("who") or "").lstrip("#")
        if el.get(XML_ID) and el.get("when"):
            changes[el.get(XML_ID) or ""] = Stamp(names.get(who, who), el.get("when") or "")
    return changes


def _read_links(
    root: etree._Element, sides: list[Side], name: str, changes: dict[str, Stamp]
) -> list[Link]:
    owner = {s.id: side.lang for side in sides for s in side.sentences()}
    kk_lang, en_lang = sides[0].lang, sides[1].lang
    links = []
    for el in root.iterfind(f"{T}text/{T}linkGrp[@type='alignment']/{T}link"):
        if el.get("type") == "text":
            continue
        targets = [t[1:] for t in (el.get("target") or "").split()]
        kk = tuple(t for t in targets if owner.get(t) == kk_lang)
        en = tuple(t for t in targets if owner.get(t) == en_lang)
        whole = [t for t in targets if t in (kk_lang, en_lang)]
        if len(kk) + len(en) + len(whole) != len(targets) or not (kk or en) or len(targets) < 2:
            raise CorpusError(
                f"{name}: link must join sentences of both texts (line {el.sourceline})"
            )
        cert = el.get("cert")
        try:
            score = None if cert is None else float(cert)
        except ValueError:
            raise CorpusError(f"{name}: link @cert {cert!r} is not a number") from None
        stamps = [changes.get(ref.lstrip("#")) for ref in (el.get("change") or "").split()]
        if None in stamps or len(stamps) > 2:
            raise CorpusError(
                f"{name}: link @change must point at one or two changes in the header "
                f"(line {el.sourceline})"
            )
        created = stamps[0] if stamps else None
        changed = stamps[-1] if stamps else None
        links.append(Link(kk, en, el.get("subtype") or "auto", score, created, changed))
    return links
