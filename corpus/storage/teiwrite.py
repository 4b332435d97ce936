"""Writing TEI: the document as text, with each block's and link's bytes remembered.

The bytes are exactly those lxml gives for the document's tree indented with
``etree.indent(root, space=" ")`` (the sentence text left as it is), which is
what kopir wrote before and what reading and writing again must reproduce.
They are written as text instead of built as a tree: building 100,000
elements in lxml from Python takes seconds on a long document, and the
editor writes its document after every pause in the edits and once more on
quitting. A :class:`TeiWriter` that is kept (the editor's autosave keeps one)
also remembers the bytes of every block and link it wrote, by the object:
a session's states are copy-on-write, so the next write serialises only the
blocks and links that are new objects and joins the rest as they were.

Text that XML cannot hold (control characters, U+FFFE, U+FFFF) is refused
with lxml's own ``ValueError``, and a lone surrogate fails to encode, as
before: nothing unreadable is ever written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from corpus.errors import CorpusError
from corpus.model import (
    LANG_NAMES,
    Block,
    BlockKind,
    Document,
    Link,
    Metadata,
    Sentence,
    Side,
    Stamp,
)
from corpus.storage.teinames import CHANGE_PREFIX, REPAIR_PREFIX, RESP_PREFIX, TEI_NS

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
REPAIR_KINDS = {
    "look-alike": "A letter of the other script that looks the same (Latin i for Kazakh і).",
    "keyboard-layout": "A letter typed with the wrong keyboard layout (R key for к).",
    "edit": "Changed by hand in the alignment editor; sic keeps the text as it was.",
}
RESP_ROLE = "alignment review"

DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"
#: The depth of a block element (``<p>``, ``<head>``…) in a ``<div>``: TEI, text,
#: group, text, body, div are 0–5.
BLOCK_LEVEL = 6

# What libxml2 escapes, in text and in attribute values (kept as it writes them).
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# str.translate looks every character up (slow on Cyrillic): only text with one of
# these is translated.
_TEXT_SPECIAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff&<>\r]")
_ATTR_SPECIAL = re.compile('[\x00-\x1f\ufffe\uffff&<>"]')
_NOT_XML_MESSAGE = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


def text(value: str) -> str:
    """``value`` as element content; ``ValueError`` for a character XML cannot hold."""
    if _TEXT_SPECIAL.search(value) is None:  # the usual case, at C speed
        return value
    if _NOT_XML.search(value):
        raise ValueError(_NOT_XML_MESSAGE)
    return value.translate(_TEXT)


def attr(value: str) -> str:
    """``value`` as an attribute value (without the quotes), escaped as libxml2 does."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    if _NOT_XML.search(value):
        raise ValueError(_NOT_XML_MESSAGE)
    return value.translate(_ATTR)


def attrs(pairs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` for each pair."""
    return "".join(f' {name}="{attr(value)}"' for name, value in pairs)


@dataclass
class Node:
    """A small element to write (the header's): text or children, not both."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    children: list[Node] = field(default_factory=list)

    def add(self, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> Node:
        child = Node(tag, attrs or {}, text)
        self.children.append(child)
        return child

    def write(self, level: int, out: list[str]) -> None:
        """The element's markup, its children indented one space a level below ``level``."""
        start = f"<{self.tag}{attrs(self.attrs.items())}"
        if self.children:
            out.append(start + ">")
            inner = "\n" + " " * (level + 1)
            for child in self.children:
                out.append(inner)
                child.write(level + 1, out)
            out.append("\n" + " " * level + f"</{self.tag}>")
        elif self.text is None:
            out.append(start + "/>")
        else:
            out.append(f"{start}>{text(self.text)}</{self.tag}>")


@dataclass(frozen=True)
class _Written:
    """A block's or link's bytes, kept with the object they are of (so its id stays its)."""

    of: object
    key: object  # what else the bytes depend on: a link's change ids (None for a block)
    data: bytes
    reasons: frozenset[str] = frozenset()  # a block's repair reasons, for the header


class TeiWriter:
    """Writes documents as TEI; ``remember=True`` keeps each block's and link's bytes.

    A remembering writer assumes what copy-on-write promises: a block or a
    link it has written is never changed in place, only replaced (an editing
    session's states are made that way). It keeps the bytes of the last
    document's objects only, and is for one thread at a time.
    """

    def __init__(self, *, remember: bool = False) -> None:
        self.remember = remember
        self._kept: dict[int, _Written] = {}
        #: Blocks and links the last write had to serialise (the rest were remembered).
        self.written = 0

    def write(self, doc: Document) -> bytes:
        """The document as TEI P5 (UTF-8, indented, with an XML declaration)."""
        kept, fresh = self._kept, {}
        self.written = 0
        body: list[bytes] = []
        reasons: set[str] = set()
        for side in (doc.kk, doc.en):
            lang = attrs((("xml:lang", side.lang), ("xml:id", side.lang)))
            body.append(f"\n   <text{lang}>\n    <body>".encode())
            for div in _divs(side):
                if not div:
                    body.append(b"\n     <div/>")
                    continue
                body.append(b"\n     <div>")
                for element in div:
                    found = kept.get(id(element))
                    if found is None or found.of is not element:
                        found = self._block(element)
                    fresh[id(element)] = found
                    body.append(found.data)
                    reasons |= found.reasons
                body.append(b"\n     </div>")
            body.append(b"\n    </body>\n   </text>")
        # The people and changes the links point at are numbered in order of first
        # use (not named after the user: a login name need not be a valid XML id), so
        # the same document always numbers them the same way.
        people: dict[str, str] = {}
        changes: dict[Stamp, str] = {}
        target = f"#{doc.kk.lang} #{doc.en.lang}"
        text_link = attrs([("type", "text"), ("target", target)])
        links = [f'\n  <linkGrp type="alignment">\n   <link{text_link}/>'.encode()]
        for link in doc.links:
            ids = ""
            if link.created is not None or link.changed is not None:
                for stamp in link_stamps(link):
                    if stamp not in changes:
                        changes[stamp] = f"{CHANGE_PREFIX}{len(changes) + 1}"
                        people.setdefault(stamp.who, f"{RESP_PREFIX}{len(people) + 1}")
                ids = " ".join(f"#{changes[stamp]}" for stamp in link_stamps(link))
            key = id(link)
            found = kept.get(key)
            if found is None or found.of is not link or found.key != ids:
                found = self._link(link, ids, doc)
            fresh[key] = found
            links.append(found.data)
        self._kept = fresh if self.remember else {}
        head: list[str] = []
        _header(doc, sorted(reasons), people, changes).write(1, head)
        start = f'<TEI xmlns="{TEI_NS}">\n ' + "".join(head) + "\n <text>\n  <group>"
        end = b"\n  </linkGrp>\n </text>\n</TEI>\n"
        return b"".join([DECLARATION, start.encode(), *body, b"\n  </group>", *links, end])

    def _block(self, element: _Element) -> _Written:
        self.written += 1
        out: list[str] = []
        reasons: set[str] = set()
        _write_element(element, BLOCK_LEVEL, out, reasons)
        return _Written(element, None, "".join(out).encode(), frozenset(reasons))

    def _link(self, link: Link, ids: str, doc: Document) -> _Written:
        self.written += 1
        target = " ".join(
            "#" + i for i in (link.kk or (doc.kk.lang,)) + (link.en or (doc.en.lang,))
        )
        line = (
            f'\n   <link type="{len(link.kk)}-{len(link.en)}" subtype="{attr(link.status)}" '
            f'target="{attr(target)}"'
        )
        if link.score is not None:
            line += f' cert="{link.score:.4f}"'
        if ids:
            line += f' change="{attr(ids)}"'
        return _Written(link, ids, (line + "/>").encode())


def to_bytes(doc: Document) -> bytes:
    """Serialise a document as TEI P5 (UTF-8, indented, with an XML declaration)."""
    return TeiWriter().write(doc)


# ---------------------------------------------------------------- the body


@dataclass(frozen=True)
class _Speech:
    """Consecutive blocks of one speech: written as one ``<sp>``."""

    blocks: tuple[Block, ...]


_Element = Block | _Speech


def _divs(side: Side) -> list[list[_Element]]:
    """The side's ``<div>``s, each a list of blocks and speeches; one empty div at least.

    A heading after content starts a new div; furniture is not content.
    """
    divs: list[list[_Element]] = [[]]
    has_content = False
    for speech, run in groupby(side.blocks, key=lambda b: b.speech):
        if speech is not None:
            divs[-1].append(_Speech(tuple(run)))
            has_content = True
            continue
        for block in run:
            if block.kind is BlockKind.HEAD and has_content:
                divs.append([])
                has_content = False
            divs[-1].append(block)
            has_content = has_content or block.kind is not BlockKind.FW
    return divs


def _write_element(element: _Element, level: int, out: list[str], reasons: set[str]) -> None:
    """A block (or a speech) on a new line at ``level``, as ``_divs`` placed it."""
    pad = "\n" + " " * level
    if isinstance(element, _Speech):
        first = element.blocks[0]
        out.append(f"{pad}<sp{attrs([('who', f'#{first.who}')] if first.who else [])}>")
        for block in element.blocks:
            tag = "speaker" if block.kind is BlockKind.SPEAKER else "p"
            _sentences(tag, "", block, level + 1, out, reasons)
        out.append(f"{pad}</sp>")
        return
    kind = element.kind
    if kind is BlockKind.FW:
        type_ = attrs([("type", element.type or "furniture")])
        out.append(f"{pad}<fw{type_}>{text(element.text)}</fw>")
    elif kind is BlockKind.HEAD:
        type_ = attrs([("type", element.type)] if element.type else [])
        _sentences("head", type_, element, level, out, reasons)
    elif kind in (BlockKind.DATELINE, BlockKind.SIGNED):
        outer, inner = (
            ("opener", "dateline") if kind is BlockKind.DATELINE else ("closer", "signed")
        )
        out.append(f"{pad}<{outer}>")
        _sentences(inner, "", element, level + 1, out, reasons)
        out.append(f"{pad}</{outer}>")
    elif kind is BlockKind.P:
        _sentences("p", "", element, level, out, reasons)
    else:
        raise CorpusError(f"cannot write a {kind} block outside speech")


def _sentences(
    tag: str, tag_attrs: str, block: Block, level: int, out: list[str], reasons: set[str]
) -> None:
    pad = "\n" + " " * level
    if not block.sentences:
        out.append(f"{pad}<{tag}{tag_attrs}/>")
        return
    out.append(f"{pad}<{tag}{tag_attrs}>")
    inner = pad + " "
    for sentence in block.sentences:
        out.append(inner)
        _sentence(sentence, level + 1, out, reasons)
    out.append(f"{pad}</{tag}>")


def _sentence(sentence: Sentence, level: int, out: list[str], reasons: set[str]) -> None:
    """``<s>`` with its text as it is; a repair as ``<choice>`` with sic and corr indented."""
    start = f'<s xml:id="{attr(sentence.id)}"'
    parts = sentence.parts
    if not parts:
        out.append(start + "/>")
        return
    if len(parts) == 1 and isinstance(parts[0], str):
        out.append(f"{start}>{text(parts[0])}</s>")
        return
    out.append(start + ">")
    choice_pad = "\n" + " " * (level + 2)
    for part in parts:
        if isinstance(part, str):
            out.append(text(part))
            continue
        reasons.add(part.reason)
        ana = attrs([("ana", f"#{REPAIR_PREFIX}{part.reason}")])
        out.append(
            f"<choice>{choice_pad}<sic>{text(part.sic)}</sic>{choice_pad}"
            f"<corr{ana}>{text(part.corr)}</corr>\n{' ' * (level + 1)}</choice>"
        )
    out.append("</s>")


# ---------------------------------------------------------------- the header


def link_stamps(link: Link) -> tuple[Stamp, ...]:
    """A link's stamps as its ``@change`` lists them: created then changed, one if the same."""
    created, changed = link.created, link.changed
    if created is None:
        return () if changed is None else (changed,)
    if changed is None or changed == created:
        return (created,)
    return (created, changed)


def _header(
    doc: Document, reasons: list[str], reviewers: dict[str, str], changes: dict[Stamp, str]
) -> Node:
    meta = doc.meta
    header = Node("teiHeader")
    file_desc = header.add("fileDesc")
    title_stmt = file_desc.add("titleStmt")
    title_stmt.add("title", {"type": "main" if meta.title_is_headline else "desc"}, meta.title)
    for author in meta.authors:
        title_stmt.add("author", text=author)
    for name, pid in reviewers.items():
        resp_stmt = title_stmt.add("respStmt", {"xml:id": pid})
        resp_stmt.add("resp", text=RESP_ROLE)
        resp_stmt.add("name", text=name)
    file_desc.add("publicationStmt").add("p", text=PUBLICATION)
    file_desc.add("sourceDesc").children.append(_source(meta))

    encoding = header.add("encodingDesc")
    editorial = encoding.add("editorialDecl")
    if reasons:
        note = CORRECTION_NOTE if reasons != ["edit"] else EDIT_NOTE
        if "edit" in reasons and len(reasons) > 1:
            note = f"{CORRECTION_NOTE} {EDIT_NOTE}"
        editorial.add("correction").add("p", text=note)
    editorial.add("segmentation").add("p", text=meta.segmenter)
    if reasons:
        taxonomy = encoding.add("classDecl").add("taxonomy", {"xml:id": "repairs"})
        for reason in reasons:
            category = taxonomy.add("category", {"xml:id": REPAIR_PREFIX + reason})
            category.add("catDesc", text=REPAIR_KINDS.get(reason, reason))

    profile = header.add("profileDesc")
    usage = profile.add("langUsage")
    for lang in (doc.kk.lang, doc.en.lang):
        usage.add("language", {"ident": lang}, LANG_NAMES.get(lang, lang))
    if meta.people:
        people = profile.add("particDesc").add("listPerson")
        for person in meta.people:
            el = people.add("person", {"xml:id": person.id})
            el.add("persName", text=person.name)
            if person.role:
                el.add("occupation", text=person.role)
    if meta.rubric:
        profile.add("textClass").add("keywords").add("term", {"type": "rubric"}, meta.rubric)
    if changes:
        listed = header.add("revisionDesc").add("listChange")
        for stamp, cid in changes.items():
            who = f"#{reviewers[stamp.who]}"
            listed.add("change", {"xml:id": cid, "when": stamp.when, "who": who}, CHANGE_NOTE)
    return header


CHANGE_NOTE = "alignment link made or changed"


def _source(meta: Metadata) -> Node:
    """The ``<bibl>`` of the source text: title, authors, publisher, date, file and hash."""
    bibl = Node("bibl")
    if meta.title_is_headline:
        bibl.add("title", text=meta.title)
    for author in meta.authors:
        bibl.add("author", text=author)
    if meta.agency:
        bibl.add("publisher", text=meta.agency)
    if meta.place:
        bibl.add("pubPlace", text=meta.place)
    if meta.date:
        bibl.add("date", {"when": meta.date})
    bibl.add("idno", {"type": "file"}, meta.source_file)
    bibl.add("idno", {"type": "sha256"}, meta.source_sha256)
    if meta.source_url:
        bibl.add("idno", {"type": "URL"}, meta.source_url)
    bibl.add("note", {"type": "encoding"}, meta.source_encoding)
    if meta.ingest_options:
        bibl.add("note", {"type": "ingest"}, meta.ingest_options)
    return bibl
