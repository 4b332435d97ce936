"""TBX, the terminology exchange format (ISO 30042), read and written.

kopir writes **TBX-Basic in the 2008 form** (a ``<martif type="TBX-Basic">`` root, no
namespace, one ``<termEntry>`` per Kazakh term with a ``<langSet xml:lang="kk">`` and a
``<langSet xml:lang="en">`` of one ``<tig><term>`` per rendering, the note as the
entry's ``<note>``): it is the form OmegaT 3.6 reads from a project's glossary folder,
memoQ imports as a term base and MultiTerm Convert turns into a Trados termbase. The
2019 form (``<tbx>`` with ``<conceptEntry>``/``<langSec>``/``<termSec>``) is read too,
since newer tools export it, but not written: OmegaT 3.6 does not read it.

Reading follows what real files carry: namespaces are ignored, ``kk-KZ`` is Kazakh and
``en-GB`` English (``kaz``/``eng`` too), ``<ntig>`` counts as ``<tig>``, and a DOCTYPE
naming the TBX DTD is allowed (never loaded), while an internal subset, an entity, a
broken file or a wrong encoding declaration is refused in one line
(:func:`corpus.storage.safexml.parse_xml`). Entries without both a Kazakh and an English
term are counted as left out, not an error: a multilingual termbase has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from corpus.glossary.model import Glossary, GlossaryError, Term, make_term
from corpus.storage.safexml import parse_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: A language tag's primary subtag, as kopir names the language.
LANGUAGES = {"kk": "kk", "kaz": "kk", "en": "en", "eng": "en"}


@dataclass(frozen=True)
class ReadTerms:
    """The terms read from a file, and how many of its entries had no Kazakh or no English."""

    terms: tuple[Term, ...]
    left_out: int = 0


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _lang(el: etree._Element) -> str | None:
    tag = el.get(XML_LANG) or el.get("lang") or ""
    return LANGUAGES.get(tag.replace("_", "-").split("-")[0].strip().lower())


def _children(el: etree._Element, *names: str) -> Iterator[etree._Element]:
    return (child for child in el if _local(child) in names)


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def read_tbx(data: bytes, name: str) -> ReadTerms:
    """The Kazakh–English terms of a TBX file's bytes; ``name`` is for messages."""
    root = parse_xml(data, name, GlossaryError, external_dtd=True).getroot()
    if _local(root) not in ("martif", "tbx"):
        raise GlossaryError(
            f"{name}: not a TBX file (its root element is <{_local(root)}>, not <martif> or <tbx>)"
        )
    terms: list[Term] = []
    left_out = 0
    for n, entry in enumerate(
        (e for e in root.iter() if _local(e) in ("termEntry", "conceptEntry")), 1
    ):
        sides: dict[str, list[str]] = {"kk": [], "en": []}
        notes = [_text(x) for x in _children(entry, "note", "descrip") if _text(x)]
        for lang_set in _children(entry, "langSet", "langSec"):
            lang = _lang(lang_set)
            notes += [_text(x) for x in _children(lang_set, "note", "descrip") if _text(x)]
            for group in _children(lang_set, "tig", "ntig", "termSec"):
                for term in group.iter():
                    if _local(term) == "term" and lang in sides and _text(term):
                        sides[lang].append(_text(term))
        if not sides["kk"] or not sides["en"]:
            left_out += 1
            continue
        where = f"{name}: entry {n}"
        for kk in sides["kk"]:
            try:
                terms.append(make_term(kk, sides["en"], "; ".join(notes)[:1000]))
            except GlossaryError as exc:
                raise GlossaryError(f"{where}: {exc}") from None
    return ReadTerms(tuple(terms), left_out)


def write_tbx(glossary: Glossary, title: str = "kopir glossary") -> bytes:
    """The glossary as a TBX-Basic file (the 2008 ``martif`` form: see the module's note)."""
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title").text = title
    etree.SubElement(
        etree.SubElement(file_desc, "sourceDesc"), "p"
    ).text = "Kazakh–English glossary written by kopir"
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for n, term in enumerate(glossary.terms, 1):
        entry = etree.SubElement(body, "termEntry", id=f"t{n}")
        if term.note:
            etree.SubElement(entry, "note").text = term.note
        for lang, texts in (("kk", (term.kk,)), ("en", term.en)):
            lang_set = etree.SubElement(entry, "langSet", {XML_LANG: lang})
            for text in texts:
                etree.SubElement(etree.SubElement(lang_set, "tig"), "term").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
