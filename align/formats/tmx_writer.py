"""TMX 1.4b output for CAT tools (OmegaT, Trados, memoQ): valid, clean, streamed.

What the file looks like::

    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4">
      <header creationtool="kopir" creationtoolversion="0.1.0" segtype="sentence"
              o-tmf="kopir" adminlang="en-US" srclang="kk-KZ" datatype="plaintext"
              creationdate="20250101T120000Z"/>
      <body>
    <tu tuid="003_02315eec3f8dba4a:kk.s4:en.s4+en.s5">
      <prop type="x-document">003_02315eec3f8dba4a</prop>
      <prop type="x-status">confirmed</prop>
      <prop type="x-score">0.9519</prop>
      <prop type="x-qa">ok</prop>
      <tuv xml:lang="kk-KZ"><seg>…</seg></tuv>
      <tuv xml:lang="en-US"><prop type="x-sentence-lengths">41 27</prop><seg>…</seg></tuv>
    </tu>
      </body>
    </tmx>

Choices that matter to the tools reading it:

* Who made a unit's bead and who last changed it (confirming included) are
  the ``<tu>``'s ``creationid``/``creationdate`` and ``changeid``/``changedate``
  (:mod:`align.provenance`), when kopir knows them.
* The Kazakh ``tuv`` comes first: translate-toolkit (and tools built on it)
  take the first ``tuv`` as the source whatever ``srclang`` says.
* ``creationdate`` is UTC in ``YYYYMMDDThhmmssZ``, the only form OmegaT
  parses (it silently zeroes others).
* UTF-8 without a byte order mark; no DOCTYPE (readers must not fetch DTDs,
  and the file is valid against the TMX 1.4b DTD all the same).
* Every text is sanitised (:mod:`align.formats.sanitize`) and each change reported,
  since one character XML forbids makes the whole file unreadable.
* ``x-qa`` lists the quality findings on the unit (``warning:numbers``), or
  ``ok``; it is left out when the units were not checked.
* A side of two or more sentences (a 2-1 bead's Kazakh side) is one
  ``<seg>``, the sentences joined by a space, as CAT tools expect; its
  ``<tuv>`` says where they meet with ``x-sentence-lengths``: the length of
  each sentence in characters (Unicode code points of the text as written),
  separated by spaces. kopir's import splits the segment there again, so
  export → import keeps the sentences; other tools keep or ignore the
  property (TMX 1.4b allows ``<prop>`` in ``<tuv>``). The lengths are of
  the sanitised text, which is what the file holds.

The writer streams with ``lxml.etree.xmlfile``: one ``<tu>`` is built,
written and dropped at a time, so memory stays flat for millions of units.
The output goes to a temporary file beside the target, renamed over it only
when everything was written (:func:`corpus.storage.atomic.atomic_output`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from align.formats.export import ExportOptions, ExportReport, begin, output_file
from align.formats.sanitize import TextChange, clean_field, sanitize
from align.formats.units import (
    DEFAULT_SRCLANG,
    DEFAULT_TGTLANG,
    SENTENCE_LENGTHS,
    Unit,
    split_joined,
)
from align.provenance import to_tmx_date
from align.qa import QAConfig
from corpus.errors import KopirError
from corpus.storage.store import Corpus

DEFAULT_ADMINLANG = "en-US"
CREATION_TOOL = "kopir"
O_TMF = "kopir"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def kopir_version() -> str:
    """kopir's version, as installed (``creationtoolversion``).

    importlib.metadata is imported here: it takes tens of milliseconds to load,
    which every start of the app would otherwise pay for a TMX it may not write.
    """
    from importlib import metadata

    try:
        return metadata.version("kopir")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date, ``YYYYMMDDThhmmssZ`` in UTC (now by default)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def check_language(code: str, what: str = "language") -> str:
    """A language tag such as ``kk-KZ``, refused with a clear message when malformed."""
    if not _LANGUAGE_TAG.fullmatch(code):
        raise KopirError(f"{what} {code!r} is not a language tag like kk-KZ or en-US")
    return code


@dataclass
class WriteReport:
    """What :func:`write_tmx` wrote."""

    path: Path
    units: int = 0
    changes: list[TextChange] = field(default_factory=list)


def write_tmx(
    path: Path,
    units: Iterable[Unit],
    srclang: str = DEFAULT_SRCLANG,
    tgtlang: str = DEFAULT_TGTLANG,
    adminlang: str = DEFAULT_ADMINLANG,
    created: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> WriteReport:
    """Write ``units`` to ``path`` as TMX 1.4b, Kazakh (``srclang``) first.

    ``units`` can be any iterable, a generator included: it is consumed
    once, unit by unit. ``progress`` is called with the number of units
    written every 10,000 units. If anything fails, ``path`` is left as it
    was and nothing else remains.
    """
    for code, what in ((srclang, "source language"), (tgtlang, "target language")):
        check_language(code, what)
    check_language(adminlang, "admin language")
    report = WriteReport(Path(path))
    header = {
        "creationtool": CREATION_TOOL,
        "creationtoolversion": kopir_version(),
        "segtype": "sentence",
        "o-tmf": O_TMF,
        "adminlang": adminlang,
        "srclang": srclang,
        "datatype": "plaintext",
        "creationdate": tmx_date(created),
    }
    with output_file(report.path) as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        with etree.xmlfile(handle, encoding="UTF-8") as xf, xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(etree.Element("header", header))
            xf.write("\n  ")
            template = _TuTemplate(srclang, tgtlang)
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    xf.write(template.fill(unit, report.changes), pretty_print=True)
                    report.units += 1
                    if progress is not None and report.units % 10_000 == 0:
                        progress(report.units)
                xf.write("  ")
            xf.write("\n")
        handle.write(b"\n")
    return report


#: The ``<tu>`` attributes of a unit's two stamps (align.provenance): made, then last changed.
_STAMP_ATTRS = (("creationid", "creationdate"), ("changeid", "changedate"))


class _TuTemplate:
    """A ``<tu>`` element refilled for every unit: building nine elements per unit
    would cost more than everything else the writer does."""

    def __init__(self, srclang: str, tgtlang: str) -> None:
        self.srclang, self.tgtlang = srclang, tgtlang
        self._shapes: dict[
            tuple[bool, bool, bool, bool], tuple[etree._Element, dict[str, etree._Element]]
        ] = {}

    def fill(self, unit: Unit, changes: list[TextChange]) -> etree._Element:
        tuid = clean_field(unit.tuid, "", "tuid", changes)
        # Most sides are one sentence: sanitised as before, with no lengths to work out.
        kk_lengths = en_lengths = ()
        if unit.kk_lengths:
            kk, kk_lengths = _side_text(unit.kk, unit.kk_lengths, tuid, "kk", changes)
        else:
            kk = clean_field(unit.kk, tuid, "kk", changes)
        if unit.en_lengths:
            en, en_lengths = _side_text(unit.en, unit.en_lengths, tuid, "en", changes)
        else:
            en = clean_field(unit.en, tuid, "en", changes)
        tu, slots = self._shape(
            unit.score is not None, unit.qa is not None, bool(kk_lengths), bool(en_lengths)
        )
        tu.set("tuid", tuid)
        slots["x-document"].text = clean_field(unit.doc_id, tuid, "x-document", changes)
        slots["x-status"].text = clean_field(unit.status, tuid, "x-status", changes)
        if unit.score is not None:
            slots["x-score"].text = f"{unit.score:.4f}"
        if unit.qa is not None:
            slots["x-qa"].text = clean_field(" ".join(unit.qa) or "ok", tuid, "x-qa", changes)
        slots["kk"].text = kk
        slots["en"].text = en
        if kk_lengths:
            slots["kk-lengths"].text = " ".join(map(str, kk_lengths))
        if en_lengths:
            slots["en-lengths"].text = " ".join(map(str, en_lengths))
        stamps = (unit.created, unit.changed)
        for (id_attr, date_attr), stamp in zip(_STAMP_ATTRS, stamps, strict=True):
            if stamp is None:
                tu.attrib.pop(id_attr, None)
                tu.attrib.pop(date_attr, None)
            else:
                tu.set(id_attr, clean_field(stamp.who, tuid, id_attr, changes))
                tu.set(date_attr, to_tmx_date(stamp.when))
        return tu

    def _shape(
        self, score: bool, qa: bool, kk_lengths: bool, en_lengths: bool
    ) -> tuple[etree._Element, dict[str, etree._Element]]:
        key = (score, qa, kk_lengths, en_lengths)
        shape = self._shapes.get(key)
        if shape is None:
            tu = etree.Element("tu", tuid="")
            kinds = ["x-document", "x-status"] + ["x-score"] * score + ["x-qa"] * qa
            slots = {kind: etree.SubElement(tu, "prop", type=kind) for kind in kinds}
            for side, lang, lengths in (
                ("kk", self.srclang, kk_lengths),
                ("en", self.tgtlang, en_lengths),
            ):
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                if lengths:  # the DTD wants a tuv's props before its seg
                    slots[f"{side}-lengths"] = etree.SubElement(tuv, "prop", type=SENTENCE_LENGTHS)
                slots[side] = etree.SubElement(tuv, "seg")
            shape = self._shapes[key] = (tu, slots)
        return shape


def _side_text(
    text: str, lengths: tuple[int, ...], tuid: str, side: str, changes: list[TextChange]
) -> tuple[str, tuple[int, ...]]:
    """One side's text as written, and the lengths of its sentences in that text.

    Sanitising can remove characters, so when it changed the text the
    lengths are worked out again from each sentence sanitised alone (the
    changes are reported on the whole text, where a translator finds their
    columns). Sanitising never reaches across the space between two
    sentences, so the sentences sanitised alone and joined are the text
    sanitised whole. Lengths are only written when kopir's import would take
    them (:func:`align.formats.units.split_joined`): a sentence of nothing but
    invisible characters, for one, leaves the side one segment, not a
    property the import would refuse.
    """
    clean = clean_field(text, tuid, side, changes)
    try:
        sentences = split_joined(text, lengths)
        if clean != text:
            sentences = [sanitize(sentence)[0] for sentence in sentences]
            lengths = tuple(len(sentence) for sentence in sentences)
            if split_joined(clean, lengths) != sentences:
                return clean, ()
    except ValueError:
        return clean, ()
    return clean, lengths


def export_tmx(
    corpus: Corpus,
    doc_ids: Sequence[str] | None,
    path: Path,
    options: ExportOptions | None = None,
    config: QAConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Export documents (default: all) as TMX, after the quality checks.

    Raises :class:`align.formats.export.ExportRefused` when the checks find errors
    in the units to export and ``options.force`` is not set; nothing is
    written then. ``config`` defaults to the corpus's ``kopir.toml``.
    """
    options = options or ExportOptions()
    check_language(options.srclang, "source language")
    check_language(options.tgtlang, "target language")
    report, units = begin(corpus, doc_ids, options, [Path(path)], config)
    written = write_tmx(path, units, options.srclang, options.tgtlang, progress=progress)
    report.units, report.changes = written.units, written.changes
    return report
