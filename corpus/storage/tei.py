"""TEI P5 reading and writing: the corpus's source of truth.

One file per document::

    TEI
      teiHeader       title, authors, source (file, checksum, date, agency),
                      segmentation and correction notes, languages, people, rubric
      text
        group
          text xml:lang="kk" xml:id="kk"   body/div/(head|p|sp|fw|opener|closer)/s
          text xml:lang="en" xml:id="en"   the same for the English side
        linkGrp type="alignment"
          link type="text" target="#kk #en"            the two texts are parallel
          link type="1-2" subtype="auto" cert="0.87" target="#kk.s3 #en.s4 #en.s5"

An empty side is ``<body><div/></body>`` and an empty side of a link points at
the other text as a whole (``#kk.s7 #en`` is a 1-0 link), since TEI wants at
least one element in a body and two targets in a link.

Reading checks what RelaxNG cannot: unique ids, no dangling pointers, no
nested ``<s>``, no text outside sentences, and links with two sides. Reading
then writing a document gives back the same bytes.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from pathlib import PurePath

from lxml import etree

from corpus.errors import CorpusError
from corpus.model import (
    LANG_NAMES,
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

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
PUBLICATION = "Part of a kopir Kazakh–English parallel corpus; not published."
CORRECTION_NOTE = (
    "Words mixing Latin and Cyrillic look-alike letters were repaired on request; "
    "each repair is recorded as choice/sic/corr."
)

EDIT_NOTE = (
    "Sentences a translator changed in the alignment editor keep the text as it was "
    "in choice/sic, the new text in corr."
)

# Why a word was repaired: categories of the header's taxonomy, which each
# <corr ana="#repair.…"> points at.
REPAIR_PREFIX = "repair."
REPAIR_KINDS = {
    "look-alike": "A letter of the other script that looks the same (Latin i for Kazakh і).",
    "keyboard-layout": "A letter typed with the wrong keyboard layout (R key for к).",
    "edit": "Changed by hand in the alignment editor; sic keeps the text as it was.",
}
#: Prefixes of the ids of the people who reviewed links and of their changes.
RESP_PREFIX = "resp."
CHANGE_PREFIX = "change."
RESP_ROLE = "alignment review"


# ---------------------------------------------------------------- writing


def to_bytes(doc: Document) -> bytes:
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
        last: etree._Element | None = None
        for part in sentence.parts:
            if isinstance(part, str):
                if last is None:
                    s.text = (s.text or "") + part
                else:
                    last.tail = (last.tail or "") + part
            else:
                last = _sub(s, "choice")
                _sub(last, "sic", text=part.sic)
                _sub(last, "corr", {"ana": f"#{REPAIR_PREFIX}{part.reason}"}, part.corr)


def _restore_text(s: etree._Element, sentence: Sentence) -> None:
    s.text = None
    choices = iter(s)
    last: etree._Element | None = None
    for part in sentence.parts:
        if isinstance(part, str):
            if last is None:
                s.text = (s.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        else:
            last = next(choices)
            last.tail = None


# ---------------------------------------------------------------- reading


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
_POINTERS = etree.XPath("//@target | //@who | //@ana | //@change", smart_strings=False)
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
    pointed = {ref for attr in _POINTERS(root) for ref in attr.split()}
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
