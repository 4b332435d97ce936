"""Parsing XML that may be hostile.

Corpus files are shared, downloaded and hand-edited, so reading one must never
fetch a URL, read a local file through an external entity, or expand an
entity bomb. The parser resolves no entities, loads no DTD, touches no
network and refuses any document type declaration outright: kopir's own files
never have one, and an internal subset is where entity bombs live.
"""

from __future__ import annotations

from lxml import etree

from corpus.errors import CorpusError

#: What makes a parse safe: for lxml's XMLParser and for iterparse alike, so
#: that a streaming reader (TMX import) is exactly as safe as this one.
SAFE_PARSING = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**SAFE_PARSING, remove_comments=False)


def parse_xml(data: bytes, name: str) -> etree._ElementTree:
    """Parse ``data`` safely; raise :class:`CorpusError` naming ``name`` on any problem."""
    if not isinstance(data, bytes):
        raise TypeError("parse_xml takes bytes, so the XML declaration's encoding is honoured")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise CorpusError(f"{name}: not well-formed XML: {exc}") from None
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise CorpusError(f"{name}: refusing a document type declaration (DTD) in a corpus file")
    for node in tree.iter(etree.Entity):
        raise CorpusError(f"{name}: refusing the unresolved entity reference {node.text!r}")
    return tree
