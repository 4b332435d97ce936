"""Segmentation rules for CAT tools: SRX 2.0, and OmegaT 3's own ``segmentation.conf``.

The rules are :func:`corpus.text.srx_rules.rules_for`, kopir's segmenter
restated as SRX; this module only writes them down in two containers:

* **SRX 2.0** (``kopir-segmentation.srx``), which Okapi (Rainbow, Ratel)
  and OmegaT 4+ load, and the same with characters beyond U+FFFF as
  surrogate pairs for the .NET tools, memoQ and Trados (``--dotnet``);
* **OmegaT 3.x's** ``omegat/segmentation.conf``: OmegaT 3.6 (the Debian and
  Ubuntu package) reads a project's rules only from that file, a Java
  ``XMLDecoder`` bean of ``org.omegat.core.segmentation.SRX`` (found by
  reading ``ProjectProperties`` and ``SRX.loadSRX`` in its jar); it has no
  SRX import. A file with version ``0.2.2`` is taken as it is, without
  OmegaT's own defaults merged in (which would break after ``1.`` at a
  paragraph's start, where kopir does not).

Only kopir's languages are written, and SRX's ``cascade="no"``: the
tool uses these rules alone for Kazakh and English sources.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from align.formats.srx_dotnet import dotnet_pattern
from corpus.errors import KopirError
from corpus.model import LANG_NAMES
from corpus.storage.atomic import atomic_write
from corpus.text.srx_rules import Rule, rules_for

SRX_NS = "http://www.lisa.org/srx20"
#: The version OmegaT 3.6 writes (``SRX.CURRENT_VERSION``): an older one makes it merge
#: its defaults in on load.
OMEGAT_SRX_VERSION = "0.2.2"
LANGUAGES = ("kk", "en")


def _pattern(lang: str) -> str:
    """A language-code pattern for either case, without a flag: ``[Kk][Kk].*``."""
    return "".join(f"[{c.upper()}{c.lower()}]" for c in lang) + ".*"


def srx_document(langs: tuple[str, ...] = LANGUAGES, *, dotnet: bool = False) -> bytes:
    """kopir's rules as an SRX 2.0 document (UTF-8 bytes).

    With ``dotnet``, characters beyond U+FFFF are written as surrogate pairs
    (:mod:`align.formats.srx_dotnet`), the form .NET tools (Trados, memoQ) read.
    """
    spell = dotnet_pattern if dotnet else str
    ns = f"{{{SRX_NS}}}"
    root = etree.Element(ns + "srx", nsmap={None: SRX_NS}, version="2.0")
    root.append(etree.Comment(" kopir's sentence segmentation (kopir export srx) "))
    header = etree.SubElement(root, ns + "header", segmentsubflows="yes", cascade="no")
    for kind, include in (("start", "no"), ("end", "yes"), ("isolated", "yes")):
        etree.SubElement(header, ns + "formathandle", type=kind, include=include)
    body = etree.SubElement(root, ns + "body")
    languagerules = etree.SubElement(body, ns + "languagerules")
    maprules = etree.SubElement(body, ns + "maprules")
    for lang in langs:
        name = LANG_NAMES[lang]
        rule_set = etree.SubElement(languagerules, ns + "languagerule", languagerulename=name)
        for rule in rules_for(lang):
            rule_set.append(etree.Comment(f" {rule.why} "))
            element = etree.SubElement(
                rule_set, ns + "rule", attrib={"break": "yes" if rule.is_break else "no"}
            )
            etree.SubElement(element, ns + "beforebreak").text = spell(rule.before)
            etree.SubElement(element, ns + "afterbreak").text = spell(rule.after)
        etree.SubElement(
            maprules, ns + "languagemap", languagepattern=_pattern(lang), languagerulename=name
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def omegat_conf(langs: tuple[str, ...] = LANGUAGES) -> bytes:
    """kopir's rules as OmegaT 3.x's ``segmentation.conf`` (a ``java.beans.XMLDecoder`` file)."""
    root = etree.Element("java", version="1.8.0", attrib={"class": "java.beans.XMLDecoder"})
    srx = etree.SubElement(root, "object", attrib={"class": "org.omegat.core.segmentation.SRX"})
    mapping = _property(srx, "mappingRules")
    for lang in langs:
        add = etree.SubElement(mapping, "void", method="add")
        map_rule = etree.SubElement(
            add, "object", attrib={"class": "org.omegat.core.segmentation.MapRule"}
        )
        _string(_property(map_rule, "language"), LANG_NAMES[lang])
        _string(_property(map_rule, "pattern"), f"{lang.upper()}.*")  # matched ignoring case
        rules = etree.SubElement(
            _property(map_rule, "rules"), "object", attrib={"class": "java.util.ArrayList"}
        )
        for rule in rules_for(lang):
            _omegat_rule(etree.SubElement(rules, "void", method="add"), rule)
    _string(_property(srx, "version"), OMEGAT_SRX_VERSION)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _omegat_rule(parent: etree._Element, rule: Rule) -> None:
    obj = etree.SubElement(parent, "object", attrib={"class": "org.omegat.core.segmentation.Rule"})
    obj.append(etree.Comment(f" {rule.why} "))
    _string(_property(obj, "afterbreak"), rule.after)
    _string(_property(obj, "beforebreak"), rule.before)
    etree.SubElement(_property(obj, "breakRule"), "boolean").text = (
        "true" if rule.is_break else "false"
    )


def _property(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, "void", property=name)


def _string(parent: etree._Element, text: str) -> None:
    etree.SubElement(parent, "string").text = text


def write_rules(path: Path, *, omegat: bool = False, dotnet: bool = False) -> int:
    """Write the SRX 2.0 file (or OmegaT's ``segmentation.conf``) atomically; return rule count."""
    try:
        atomic_write(path, omegat_conf() if omegat else srx_document(dotnet=dotnet))
    except OSError as exc:  # a full disk: the file it would replace is kept
        raise KopirError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return sum(len(rules_for(lang)) for lang in LANGUAGES)
