"""Importing a TMX from a CAT tool as a confirmed, aligned corpus document.

Each ``<tu>`` becomes one bead, confirmed (a translation memory holds pairs
a translator accepted), except a unit kopir itself exported unconfirmed
(``<prop type="x-status">auto</prop>``), which stays unconfirmed: an
aligner's proposal must not come back as a translator's decision. Texts are
taken as they are, not re-segmented. A side whose ``<seg>`` is empty gives a
1-0 or 0-1 bead; a unit with both empty is skipped and counted.

How many sentences a side is: a TMX from a CAT tool (OmegaT, Trados, memoQ)
has no sentences inside a segment, so each ``<seg>`` is one sentence. kopir
exports a 2-1 bead as one unit whose Kazakh ``<seg>`` holds both sentences
joined by a space, and records where they meet in that ``<tuv>``
(``<prop type="x-sentence-lengths">41 27</prop>``, see :mod:`align.formats.tmx_writer`);
the segment is split there again, so export → import gives back the same
sentences in the same bead shapes (2-1, 1-2, 3-1…). The property is only
trusted when it fits the text exactly (each length at least 1, adding up to
the text with one space between sentences, no sentence only whitespace):
a file edited since, or made to mislead, keeps the side as one sentence
(nothing of the text is lost) and the report says which units and why.

Languages are matched on their first part, whatever the case or separator:
``kk``, ``kk-KZ``, ``KK_kz`` and ``kaz`` are Kazakh; ``en``, ``en-US``,
``en-GB``, ``eng`` English. Other languages in a multilingual memory are
left out and reported.

TMX files come from other people's tools and from the web, so parsing is
defensive: no DTD is loaded, no entity resolved, nothing fetched; an
internal DTD subset (where entity bombs and external entities are declared)
is refused, as is any entity reference. The file is streamed with
``iterparse`` and each unit dropped once read, so a memory of a million
units is read in one pass: the bytes are hashed for ``source_sha256`` as the
parser takes them in, rather than read a second time. Inline codes (``<bpt>``, ``<ept>``, ``<ph>``,
``<it>``, ``<ut>``: formatting of the original file) are dropped and
counted; the text of ``<hi>`` is kept. Every sanitising change is reported.

Nothing is written unless the whole file was read without error, and an
existing document is only replaced when asked. A memory whose document would
be over the size limit of a corpus document (which kopir would then refuse to
open) is refused before anything is written: as soon as its sentences and
links alone pass the limit, and, with the header counted, once read.
"""

from __future__ import annotations

import codecs
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from align.formats.sanitize import clean_field
from align.formats.tmx_report import ImportReport
from align.formats.units import SENTENCE_LENGTHS, split_joined
from align.model import Status
from align.provenance import from_tmx_date
from corpus.errors import CorpusError, Remedy
from corpus.ingest import MAX_LISTED
from corpus.model import LANG_NAMES, Link, Metadata, Stamp
from corpus.storage.atomic import atomic_output
from corpus.storage.hashing import HashingReader
from corpus.storage.lock import hold
from corpus.storage.readonly import CorpusReadOnly, is_read_only
from corpus.storage.safexml import SAFE_PARSING, describe_node, forget_read, xml_problem
from corpus.storage.store import MAX_DOCUMENT_BYTES, Corpus, check_doc_id, doc_id_for
from corpus.storage.teistream import TeiSpool
from corpus.text.homoglyphs import find_homoglyphs
from corpus.text.textio import file_size
from corpus.wording import shorten

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TMX_BYTES = 2 * 1024**3
LANGUAGE_ALIASES = {"kk": {"kk", "kaz"}, "en": {"en", "eng"}}
INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}  # native codes: not text
SEGMENTER = (
    "taken from a TMX, not re-segmented: one sentence per translation unit side, "
    "or the sentences kopir recorded (x-sentence-lengths)"
)
#: Characters of a tuid or a property value quoted in a report line (a file's can be huge).
LISTED_CHARS = 41


def language_of(code: str) -> str | None:
    """``kk`` or ``en`` for a language code of either (by its first part), else None."""
    primary = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    for lang, aliases in LANGUAGE_ALIASES.items():
        if primary in aliases:
            return lang
    return None


def import_tmx(
    corpus: Corpus, path: Path, doc_id: str | None = None, *, replace: bool = False
) -> ImportReport:
    """Read the TMX at ``path`` into a new confirmed document (id: ``doc_id`` or the file name).

    Refuses to overwrite an existing document unless ``replace``.
    """
    path = Path(path)
    doc_id = check_doc_id(doc_id) if doc_id else doc_id_for(path)
    exists = corpus.exists(doc_id)
    if exists and not replace:
        raise CorpusError(
            f"document {doc_id!r} already exists in {corpus.root}",
            Remedy("doc_id", "import it under another id"),
            Remedy("replace", "overwrite it"),
        )
    report = ImportReport(doc_id, path, replaced=exists)
    file_size(path, MAX_TMX_BYTES, "the TMX size limit", CorpusError)
    replaced = _ReplacedSource.of(corpus, doc_id) if exists else None
    try:
        return _import(corpus, path, doc_id, replace, report, replaced)
    except OSError as exc:  # the working files beside the corpus: a full disk, say
        if is_read_only(exc):
            raise CorpusReadOnly(corpus.root, exc) from None
        raise CorpusError(
            f"{path}: cannot import into {corpus.root}: {exc.strerror or exc}"
        ) from None


def _import(
    corpus: Corpus,
    path: Path,
    doc_id: str,
    replace: bool,
    report: ImportReport,
    replaced: _ReplacedSource | None,
) -> ImportReport:
    """:func:`import_tmx` once the file and the id are checked."""
    with TeiSpool(corpus.root) as spool:
        read = _read(path, report, _into_spool(path, report, spool, replaced))
        if replaced is not None:
            report.dropped_source = replaced.missing()
        if not spool.links:
            raise CorpusError(f"{path}: no translation units with Kazakh or English text")
        meta = Metadata(
            title=path.stem,
            source_file=path.name,
            source_sha256=read.sha256,
            source_encoding=f"{read.encoding} (TMX)",
            ingest_options=f"tmx import; languages {', '.join(sorted(report.languages))}",
            segmenter=SEGMENTER,
        )
        if replaced is not None:
            replaced.keep_article(meta)
        size = spool.size(doc_id, meta)
        if size > MAX_DOCUMENT_BYTES:
            raise _too_big(path, report.units, size)
        with hold(corpus.root, doc_id):  # not under an editor's feet, nor over a crash's journal
            if corpus.exists(doc_id) and not replace:
                raise CorpusError(f"document {doc_id!r} appeared in {corpus.root} meanwhile")
            target = corpus.path(doc_id)
            try:
                with atomic_output(target) as out:
                    spool.write(out, doc_id, meta)
            except OSError as exc:
                raise CorpusError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return report


def _too_big(path: Path, units: int, size: int, more: bool = False) -> CorpusError:
    """The refusal of a memory whose document would be over the size limit."""
    return CorpusError(
        f"{path}: too large for one document: {'the first ' if more else ''}{units:,} units "
        f"make {size / 2**20:,.0f} MiB of TEI, over the {MAX_DOCUMENT_BYTES / 2**20:,.0f} MiB "
        "a corpus document may have; nothing was imported (split the TMX into smaller files "
        "and import each as its own document)"
    )


@dataclass
class _Contents:
    """What one pass over a TMX was (its sentences and links went to a :class:`TeiSpool`)."""

    encoding: str = "UTF-8"
    sha256: str = ""


@dataclass
class _ReplacedSource:
    """The Kazakh sentences of the document an import replaces, to tell which the TMX lacks.

    Replacing a document with a TMX of its own export is how a translator brings a CAT
    tool's work back, and the Kazakh is the source text: it must not lose sentences
    unseen. An export leaves out 1-0 beads (a headline, a dateline) and unconfirmed ones
    unless asked, and a unit deleted in the CAT tool takes its Kazakh with it. Only
    texts of the old document are counted, so memory is bounded by the document (the
    TMX itself is streamed).
    """

    sentences: list[tuple[str, str]]  # (id, text as compared), in reading order
    article: Metadata  # the replaced document's header
    found: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, corpus: Corpus, doc_id: str) -> _ReplacedSource | None:
        try:
            old = corpus.load(doc_id)
        except (CorpusError, OSError, ValueError):
            return None  # an unreadable document: nothing to compare with
        return cls([(sent.id, compared(sent.text)) for sent in old.kk.sentences()], old.meta)

    def keep_article(self, meta: Metadata) -> None:
        """Keep what the replaced document's header says of the article in ``meta``.

        A TMX says nothing of the article (its title, date, agency, authors, URL), and
        the document is the same article with the CAT tool's work in it: without this a
        round trip titled it after the TMX file (``khans_b``) and dropped its date, so
        date filters and keyword subcorpora lost it. People are not kept: their speech
        (``<sp who>``) is not in a TMX. The source file, its hash and the segmentation
        are the TMX's.
        """
        old = self.article
        if old.title:
            meta.title, meta.title_is_headline = old.title, old.title_is_headline
        meta.date, meta.rubric, meta.agency = old.date, old.rubric, old.agency
        meta.place, meta.authors, meta.source_url = old.place, list(old.authors), old.source_url

    def __post_init__(self) -> None:
        self._texts = {text for _, text in self.sentences}

    def take(self, texts: list[str]) -> None:
        """Count the imported Kazakh ``texts`` that the old document holds."""
        for text in texts:
            key = compared(text)
            if key in self._texts:
                self.found[key] += 1

    def missing(self) -> list[tuple[str, str]]:
        """The old document's Kazakh sentences no unit of the TMX holds, in reading order."""
        left = Counter(self.found)
        gone = []
        for sid, text in self.sentences:
            if left[text] > 0:
                left[text] -= 1
            else:
                gone.append((sid, text))
        return gone


def compared(text: str) -> str:
    """A text as compared: white space runs as one space (a TMX joins sentences so)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class TmxUnit:
    """One ``<tu>`` as read: its tuid (None without one), sentences per side, and record."""

    tuid: str | None
    kk: list[str]
    en: list[str]
    status: Status
    score: float | None
    created: Stamp | None
    changed: Stamp | None
    #: Where an OmegaT *alternative* translation belongs: the source segments before and
    #: after the occurrence it was made for (``<prop type="prev">``/``"next"``, None when
    #: the file has no such property). None for every other unit: a *default*
    #: translation, which OmegaT applies to each occurrence of its source text.
    context: tuple[str | None, str | None] | None = None


def _into_spool(
    path: Path, report: ImportReport, spool: TeiSpool, replaced: _ReplacedSource | None
) -> Callable[[TmxUnit], None]:
    """What an import does with each unit: its sentences and its bead into ``spool``."""

    def take(unit: TmxUnit) -> None:
        kk_ids = spool.add_sentences("kk", unit.kk)
        if replaced is not None:
            replaced.take(unit.kk)
        en_ids = spool.add_sentences("en", unit.en)
        spool.add_link(Link(kk_ids, en_ids, unit.status, unit.score, unit.created, unit.changed))
        if spool.body_bytes > MAX_DOCUMENT_BYTES:  # no need to read the rest
            raise _too_big(path, report.units, spool.body_bytes, more=True)

    return take


def read_units(path: Path, report: ImportReport, take: Callable[[TmxUnit], None]) -> str:
    """Stream the TMX at ``path`` once, giving ``take`` each unit with text (in the file's
    order) and counting them in ``report``; the SHA-256 of the file's bytes."""
    return _read(path, report, take).sha256


def _read(path: Path, report: ImportReport, take: Callable[[TmxUnit], None]) -> _Contents:
    read = _Contents()
    n = 0
    etree.clear_error_log()  # so that the error reported is this file's
    try:
        with path.open("rb") as handle:
            found = _DECLARED.match(handle.peek(200))  # read again below: a pipe is fine too
            declared = found.group(1).decode("ascii") if found else "UTF-8"
            legacy = _code_page(declared)  # a code page declared, until a unit proves it
            source = HashingReader(handle)
            events = etree.iterparse(
                source,
                events=("start", "end"),
                **SAFE_PARSING,
                remove_comments=True,
                remove_pis=True,
            )
            root_seen = False
            for event, el in events:
                if not root_seen:
                    _check_root(path, el)
                    read.encoding = el.getroottree().docinfo.encoding or read.encoding
                    root_seen = True
                    continue
                if event != "end" or el.tag != "tu":
                    continue
                n += 1
                if legacy is not None:
                    legacy = _check_declared(path, el, n, legacy, declared)
                texts, english = _unit(path, el, n, report)
                score = _score(el)
                status = _status(el)
                created, changed = _stamps(el, english)
                tuid = el.get("tuid")
                context = _context(el)
                forget_read(el)
                if not (texts["kk"] or texts["en"]):
                    report.empty_units += 1
                    continue
                report.units += 1
                report.unconfirmed += status == "auto"
                take(
                    TmxUnit(
                        tuid, texts["kk"], texts["en"], status, score, created, changed, context
                    )
                )
            read.sha256 = source.hexdigest()
    except etree.XMLSyntaxError as exc:
        raise CorpusError(f"{path}: {xml_problem(exc)}") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not root_seen:
        raise CorpusError(f"{path}: empty file, not a TMX")
    return read


def _stamps(
    tu: etree._Element, english: etree._Element | None
) -> tuple[Stamp | None, Stamp | None]:
    """Who made the unit and who last changed it, with when, as the CAT tool recorded.

    kopir writes them on the ``<tu>``; OmegaT on the English ``<tuv>`` (``english``, as
    :func:`_unit` found it), the translation (seen in its ``project_save.tmx`` and
    ``-omegat.tmx``), which the reader looks at first: a translation's own stamp says
    more than its unit's. A stamp needs both a name and a date that OmegaT's form reads
    (``YYYYMMDDThhmmssZ``); an element with only one of them gives none, and a change
    without a creation is taken as both.
    """
    stamps = []
    for id_attr, date_attr in (("creationid", "creationdate"), ("changeid", "changedate")):
        stamp = None
        for el in (tu,) if english is None else (english, tu):
            who, when = (el.get(id_attr) or "").strip(), from_tmx_date(el.get(date_attr))
            if who and when:
                stamp = Stamp(shorten(who, 200), when)
                break
        stamps.append(stamp)
    created, changed = stamps
    return created or changed, changed or created


def _check_root(path: Path, root: etree._Element) -> None:
    """Refuse an internal DTD subset and anything that is not a TMX."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.iterelements())):
        raise CorpusError(
            f"{path}: refusing a DTD internal subset (entity or element declarations): "
            "a TMX needs none, and it is where entity bombs and file-reading entities hide"
        )
    if root.tag != "tmx":
        raise CorpusError(f"{path}: not a TMX file (the root element is <{_name(root)}>)")


#: The encoding an XML declaration names (a UTF-8 byte order mark may come first).
_DECLARED = re.compile(
    rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']"
)
#: Encodings that are Unicode: a file declaring one of them is never UTF-8 in disguise.
_UNICODE = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "ascii"})


def _code_page(declared: str) -> str | None:
    """The codec of a declared encoding that is a code page (windows-1251, ISO-8859-1…),
    or None for Unicode (or one Python does not know: lxml has read it all the same)."""
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    return None if name in _UNICODE else name


def _check_declared(
    path: Path, tu: etree._Element, n: int, codec: str, declared: str
) -> str | None:
    """Refuse a file whose code page is belied by its bytes: the first unit with text
    beyond ASCII, turned back into the declared code page's bytes, reads as UTF-8 (real
    Cyrillic or Latin-1 text almost never does: its letters are not UTF-8's sequences).
    Returns the codec while no such unit has been seen, None once one shows it right."""
    for seg in tu.iter("seg"):
        text = "".join(seg.itertext())
        if text.isascii():
            continue
        try:
            text.encode(codec).decode("utf-8")
        except UnicodeError:  # not UTF-8 bytes (or beyond the code page): as declared
            return None
        raise CorpusError(
            f"{path}: declares its encoding as {declared}, but its "
            f"text is UTF-8 (translation unit {n}, line {tu.sourceline}, would be garbled): "
            'change the declaration to encoding="UTF-8"'
        )
    return codec


def _unit(
    path: Path, tu: etree._Element, n: int, report: ImportReport
) -> tuple[dict[str, list[str]], etree._Element | None]:
    """The Kazakh and English sentences of a ``<tu>`` (none for an empty side), and its
    English ``<tuv>`` (where OmegaT writes its stamps: :func:`_stamps`)."""
    where = f"{path}: translation unit {n} (line {tu.sourceline})"
    found: dict[str, list[str]] = {}
    english = None
    langs: list[str] = []
    tuid = tu.get("tuid") or f"tu {n}"
    for tuv in tu.iterchildren("tuv"):
        code = tuv.get(XML_LANG) or tuv.get("lang") or ""
        langs.append(code or "(none)")
        lang = language_of(code)
        if lang is None:
            report.other_languages.add(code or "(no xml:lang)")
            continue
        if lang in found:
            raise CorpusError(f"{where}: two {LANG_NAMES[lang]} <tuv> elements")
        seg = tuv.find("seg")
        if seg is None:
            raise CorpusError(f"{where}: a <tuv xml:lang={code!r}> without <seg>")
        report.languages.add(code)
        text = _single_line(_seg_text(path, seg, report), tuid, lang, report)
        found[lang] = _sentences(text, seg, tuid, lang, report)
        if lang == "kk":
            _look_alikes(where, found[lang], report)
        if lang == "en":
            english = tuv
    if not langs:
        raise CorpusError(f"{where}: no <tuv> (a unit needs its language variants)")
    missing = [LANG_NAMES[lang] for lang in ("kk", "en") if lang not in found]
    if missing:
        if n == 1 and len(missing) == 2:
            raise CorpusError(
                f"{path}: no Kazakh or English: the first unit's languages are "
                f"{', '.join(langs)}; kopir imports kk (kk-KZ, kaz) and en (en-US, eng)"
            )
        raise CorpusError(
            f"{where}: no {' and no '.join(missing)} <tuv> (its languages: {', '.join(langs)})"
        )
    return found, english


def _look_alikes(where: str, sentences: list[str], report: ImportReport) -> None:
    """Count in ``report`` the words of a unit's Kazakh ``sentences`` that mix Latin and
    Cyrillic letters, and list the first as ``kopir ingest`` does (the same check,
    :func:`find_homoglyphs`): a memory from the web has them as a text file does. The
    text is kept as it is (a translator's memory is not repaired unasked)."""
    for sentence in sentences:
        for found in find_homoglyphs(sentence):
            report.homoglyph_count += 1
            if len(report.homoglyphs) < MAX_LISTED:
                kept = "" if found.repair is None else "; not repaired"
                report.homoglyphs.append(f"{where}: {found.describe()}{kept}")


def _seg_text(path: Path, seg: etree._Element, report: ImportReport) -> str:
    """The text of a ``<seg>``: its text and ``<hi>`` text, without native codes."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child, etree._Entity):
            raise CorpusError(
                f"{path}: line {seg.sourceline}: refusing the entity reference {child.text}"
            )
        name = _name(child)
        if name in INLINE_CODES:
            report.inline_codes += 1
        elif name in ("hi", "sub"):
            parts.append(_seg_text(path, child, report))
        else:
            raise CorpusError(
                f"{path}: line {child.sourceline}: unexpected {describe_node(child)} in a segment "
                "(TMX allows bpt, ept, ph, it, hi, ut)"
            )
        parts.append(child.tail or "")
    return "".join(parts)


def _single_line(text: str, tuid: str, lang: str, report: ImportReport) -> str:
    return clean_field(text, tuid, lang, report.changes, single_line=True)


def _sentences(
    text: str, seg: etree._Element, tuid: str, lang: str, report: ImportReport
) -> list[str]:
    """The sentences of a side: as kopir recorded them when that fits the text, else one.

    A blank side has none. The lengths are looked for among the properties
    before the ``<seg>``, where the DTD puts a ``<tuv>``'s: most segments
    have nothing before them, and cost one look. A problem with the recorded
    lengths is reported and the whole text kept as one sentence, so no text
    is ever lost to a property someone edited.
    """
    if not text.strip():
        return []
    if seg.getprevious() is None:
        return [text]
    values = [
        prop.text or ""
        for prop in seg.itersiblings("prop", preceding=True)
        if prop.get("type") == SENTENCE_LENGTHS
    ]
    if not values:
        return [text]
    try:
        if len(values) > 1:
            raise ValueError(f"{len(values)} {SENTENCE_LENGTHS} properties, not one")
        sentences = split_joined(text, _lengths(values[0], len(text)))
    except ValueError as exc:
        report.boundary_problems.append(f"{shorten(tuid, LISTED_CHARS)!r} ({lang}): {exc}")
        return [text]
    report.split_sides += len(sentences) > 1
    return sentences


_LENGTH = re.compile(r"[0-9]{1,12}")


def _lengths(value: str, text_length: int) -> tuple[int, ...]:
    """The numbers of an ``x-sentence-lengths`` value, checked for form and size only.

    The value may be anything: a length for each character of the text at
    most (longer lists are refused before they are read), each a plain
    decimal number of at most 12 digits (a text is shorter than that), so a
    hostile value costs one look at it, however long or large.
    """
    words = value.split()
    if not words:
        raise ValueError(f"{SENTENCE_LENGTHS} is empty")
    if len(words) > text_length:
        raise ValueError(f"{len(words):,} lengths for a text of {text_length:,} characters")
    for word in words:
        if not _LENGTH.fullmatch(word):
            shown = shorten(value, LISTED_CHARS)
            raise ValueError(f"{SENTENCE_LENGTHS} {shown!r} is not a list of lengths")
    return tuple(int(word) for word in words)


def _status(tu: etree._Element) -> Status:
    """``auto`` for a unit kopir exported as an unconfirmed proposal, else ``confirmed``."""
    for prop in tu.iterchildren("prop"):
        if prop.get("type") == "x-status" and (prop.text or "").strip() == "auto":
            return "auto"
    return "confirmed"


#: The properties OmegaT writes on an alternative translation (seen in its project TMX and
#: the ``-level1``/``-level2``/``-omegat`` files it exports): the source file, the segment
#: id (for files with ids), and the source segments before and after the occurrence.
CONTEXT_PROPS = {"file", "id", "prev", "next"}


def _context(tu: etree._Element) -> tuple[str | None, str | None] | None:
    """``(prev, next)`` of an OmegaT alternative translation, else None (see TmxUnit)."""
    props = {
        prop.get("type"): prop.text or ""
        for prop in tu.iterchildren("prop")
        if prop.get("type") in CONTEXT_PROPS
    }
    return (props.get("prev"), props.get("next")) if props else None


def _score(tu: etree._Element) -> float | None:
    for prop in tu.iterchildren("prop"):
        if prop.get("type") == "x-score":
            try:
                score = float(prop.text or "")
            except ValueError:
                return None
            return score if math.isfinite(score) and 0.0 <= score <= 1.0 else None
    return None


def _name(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else str(el.tag)
    return etree.QName(tag).localname if tag.startswith("{") else tag
