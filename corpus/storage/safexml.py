"""Parsing XML that may be hostile.

Corpus files are shared, downloaded and hand-edited, so reading one must never
fetch a URL, read a local file through an external entity, or expand an
entity bomb. The parser resolves no entities, loads no DTD, touches no
network and refuses any document type declaration outright: kopir's own files
never have one, and an internal subset is where entity bombs live.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from corpus.errors import CorpusError, KopirError
from corpus.text.textio import implausible

#: What makes a parse safe: for lxml's XMLParser and for iterparse alike, so
#: that a streaming reader (TMX import) is exactly as safe as this one.
SAFE_PARSING = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}


#: Where a document type declaration would be: before the root element.
PROLOG_BYTES = 64 * 1024
DTD_REFUSED = (
    "refusing a document type declaration (DTD) in a corpus file "
    "(kopir's files never have one; entity bombs and external entities live there)"
)


def syntax_error(exc: etree.XMLSyntaxError) -> str:
    """The parser's error with its place, in words.

    lxml's own text repeats the place (``…, line 1, column 16``), and its
    ``error_log`` keeps earlier parses' errors, so the message is taken from
    the exception itself. Only ``iterparse`` raises a placeless "no element
    found" for every error; there the log's last error is the real one, so a
    caller that iterparses clears the log first (``etree.clear_error_log()``).
    """
    if not exc.lineno:
        errors = [e for e in exc.error_log if e.level >= etree.ErrorLevels.ERROR and e.line > 0]
        if not errors:
            return "no XML element in the file"
        return f"{errors[-1].message} (line {errors[-1].line}, column {errors[-1].column})"
    message = _PLACE.sub("", (exc.msg or str(exc)).strip()).strip()
    line, column = exc.position
    return f"{message} (line {line}, column {column})"


_PLACE = re.compile(r",\s*line \d+, column \d+$")
_REDEFINED_ID = re.compile(r"ID (\S+) already defined")


def xml_problem(exc: etree.XMLSyntaxError) -> str:
    """What is wrong with a file lxml refused, for ``"{name}: {problem}"``.

    libxml2 refuses a repeated ``xml:id`` while parsing, as a syntax error,
    but the file is well-formed XML: saying so sent users looking for a
    broken tag instead of the copied sentence.
    """
    found = _REDEFINED_ID.search(exc.msg or "")
    if exc.code == etree.ErrorTypes.DTD_ID_REDEFINED and found:
        line, column = exc.position
        return (
            f"the id {found.group(1)!r} is used twice (line {line}, column {column}): "
            "every xml:id must be unique"
        )
    return f"not well-formed XML: {syntax_error(exc)}"


def describe_node(node: etree._Element) -> str:
    """A node as a message names it: ``<s>``, or what a non-element node is.

    lxml gives a processing instruction, comment or entity a function as its
    ``tag``, which printed as ``<<cyfunction ProcessingInstruction …>>``.
    """
    if isinstance(node, etree._ProcessingInstruction):
        return f"processing instruction <?{node.target}?>"
    if isinstance(node, etree._Comment):
        return "comment"
    if isinstance(node, etree._Entity):
        return f"entity reference {node.text}"
    tag = node.tag if isinstance(node.tag, str) else str(node.tag)
    return f"<{etree.QName(tag).localname if tag.startswith('{') else tag}>"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**SAFE_PARSING, remove_comments=False)


def parse_xml(
    data: bytes, name: str, error: type[KopirError] = CorpusError, *, external_dtd: bool = False
) -> etree._ElementTree:
    """Parse ``data`` safely; raise ``error`` naming ``name`` on any problem.

    ``external_dtd`` lets a file name a DTD it follows (``<!DOCTYPE martif SYSTEM
    "TBXcoreStructV02.dtd">``, as terminology tools write): the DTD is not read, and a
    declaration with an internal subset (``[…]``, where entities live) is still refused.
    """
    if not isinstance(data, bytes):
        raise TypeError("parse_xml takes bytes, so the XML declaration's encoding is honoured")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        if b"<!DOCTYPE" in data[:PROLOG_BYTES]:  # an entity bomb fails before it is seen
            raise error(f"{name}: {DTD_REFUSED}") from None
        raise error(f"{name}: {xml_problem(exc)}") from None
    docinfo = tree.docinfo
    if external_dtd and docinfo.internalDTD is not None:
        dtd = docinfo.internalDTD
        if next(dtd.iterelements(), None) is None and next(dtd.iterentities(), None) is None:
            pass  # a name and a system id only: nothing declared, nothing loaded
        else:
            raise error(f"{name}: {DTD_REFUSED}")
    elif docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise error(f"{name}: {DTD_REFUSED}")
    for node in tree.iter(etree.Entity):
        raise error(f"{name}: refusing the unresolved entity reference {node.text!r}")
    _check_declared_encoding(data, tree, name, error)
    return tree


def _check_declared_encoding(
    data: bytes, tree: etree._ElementTree, name: str, error: type[KopirError] = CorpusError
) -> None:
    """Refuse a file whose XML declaration names the wrong code page.

    A UTF-8 file declared ``ISO-8859-1`` parses without an error, every
    Kazakh letter turned into two Latin ones, and the next save would make
    that mojibake permanent. kopir writes UTF-8; a file declared otherwise
    was edited by hand, so it is read only if its bytes are not UTF-8 and its
    text, read as declared, passes the plausibility check ingest applies to
    a guessed code page (``corpus.text.textio``).
    """
    declared = tree.docinfo.encoding or "UTF-8"
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return  # lxml read it with an encoding Python does not know: nothing to compare
    if codec.startswith("utf") or data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise error(
            f"{name}: the XML declaration says encoding={declared!r} but the bytes are "
            "UTF-8: read as declared, every Kazakh letter would be mojibake; "
            'correct the declaration to encoding="UTF-8"'
        )
    reason = implausible("".join(tree.getroot().itertext()))
    if reason:
        what = reason.split(":")[0].split(" (")[0]
        raise error(
            f"{name}: read as {declared} (its XML declaration) the text {what}: "
            "the declaration names the wrong encoding; correct it"
        )


def forget_read(el: etree._Element) -> None:
    """Drop an element an ``iterparse`` has read and its siblings before it, so that memory
    stays flat however long the file (the TMX import and the TEI summary both stream)."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]
