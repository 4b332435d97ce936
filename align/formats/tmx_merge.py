"""Bringing a CAT tool's TMX back into the document it was exported from (``--merge``).

``kopir import tmx --replace`` makes the document anew from the TMX: sentences are
numbered again from ``kk.s1`` and beads follow the file, so the tuids a CAT tool keeps
in its memory (``DOC:kk.s2+kk.s3:en.s2``) no longer name kopir's sentences after a
round trip. A merge instead puts each unit back where its tuid says:

* a unit whose tuid names a bead of the document (``DOC:kk ids:en ids`` as the
  export wrote it) updates that bead: its English becomes the unit's target (the
  sentence ids kept when the unit has as many English sentences as the bead; new
  ids, in the same place, when the translator split or joined them), its status,
  score and stamps the unit's (OmegaT writes who changed a translation and when on its
  ``<tuv>``); a unit without stamps leaves the bead's as they were, or, when it changes
  the bead, stamps it changed by whoever merges, now, as an edit in kopir would. Its
  Kazakh must be the bead's: a merge brings translations back onto the source text, it
  does not edit the source;
* a unit without such a tuid goes onto a bead no unit took whose Kazakh is the
  unit's (white space compared as one space): OmegaT 3.6 writes no tuids at all in
  the TMX it gives back (its project TMX, ``-level1``/``-level2``, seen running it
  headless on a memory of kopir's), and a CAT tool's memory is keyed by the source
  text anyway. A sentence the document repeats has one unit in OmegaT's TMX, its
  *default* translation, which OmegaT applies to every occurrence: it goes onto every
  bead of that Kazakh no other unit took, except a bead the translator confirmed in
  kopir with English of its own while other occurrences read otherwise (kept and
  reported; see :func:`_repeated`). An *alternative* translation (OmegaT's, for one
  occurrence: it names the segments before and after it) goes onto the bead between
  those neighbours; where no occurrence stands between them (the document changed, or
  OmegaT cut the text otherwise), it is left out and listed, as OmegaT uses it nowhere.
  Of several units with one Kazakh and no neighbours, each takes one bead: the first
  after the bead of the unit before it in the file, else the first;
* any other unit, whose Kazakh is none of the document's beads', is left out and
  listed: a CAT tool gives back what its memory or project holds, and that is often
  more than this document (another document's units in the same memory, a project's
  other files, segments joined or split there), so adding its Kazakh would put text
  the document never had into its source side. Asked to (``add_unmatched``, the
  command line's ``--add-unmatched``), such a unit becomes a new bead with new
  sentence ids, placed after the bead of the unit before it in the file, its sentences
  after that bead's on each side (before everything, a paragraph of their own, when
  first);
* a bead no unit names (left out of the export, or its unit deleted in the CAT
  tool) stays as it was, and the report lists it: nothing of the document is lost.

The document's blocks (headline, paragraphs, speeches) and header are kept. A tuid
naming sentences of the document that no longer form one bead (realigned since the
export), two units naming one bead, or a unit with other Kazakh is refused in one
line before anything is written: ``--replace`` is the way to take the TMX as it is.

A document with Kazakh only (sent to the CAT tool to be translated there) has no beads:
each unit goes onto the sentence, or run of sentences, that holds its Kazakh, in the
document's reading order, and every sentence no unit holds stays untranslated (a 1-0
bead, unconfirmed); a unit whose Kazakh the document does not hold is left out, or
added, as above (:func:`_sentence_beads`). A document with English but no beads is
refused: its English would be in no bead.
The TMX is read in one pass before the document's lock is taken; the document is
read, merged and written atomically under the lock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from align.formats.tmx_reader import MAX_TMX_BYTES, TmxUnit, compared, read_units
from align.formats.tmx_report import ImportReport
from align.formats.units import read_tuid
from align.provenance import now
from align.state import mirrored
from corpus.errors import CorpusError, Remedy
from corpus.model import Block, BlockKind, Document, Link, Sentence, Side
from corpus.storage.lock import hold
from corpus.storage.store import MAX_DOCUMENT_BYTES, Corpus, check_doc_id
from corpus.text.textio import file_size
from corpus.wording import shorten

#: Characters of a tuid quoted in a refusal.
SHOWN_TUID = 60


def merge_tmx(
    corpus: Corpus, path: Path, doc_id: str, *, add_unmatched: bool = False
) -> ImportReport:
    """Merge the TMX at ``path`` into the existing document ``doc_id`` (see the module);
    ``add_unmatched``: add the units whose Kazakh is none of its beads' as new beads."""
    path = Path(path)
    doc_id = check_doc_id(doc_id)
    if not corpus.exists(doc_id):
        raise CorpusError(
            f"no document {doc_id!r} in {corpus.root} to merge into",
            Remedy("merge", "leave it out to import the TMX as a new document"),
        )
    file_size(path, MAX_TMX_BYTES, "the TMX size limit", CorpusError)
    report = ImportReport(doc_id, path, merged=True)
    units: list[TmxUnit] = []
    size = 0

    def take(unit: TmxUnit) -> None:
        nonlocal size
        size += sum(len(text) for text in unit.kk + unit.en)
        if size > MAX_DOCUMENT_BYTES:  # a document that big could not be opened
            raise CorpusError(f"{path}: too large to merge into one document; nothing was merged")
        units.append(unit)

    read_units(path, report, take)
    if not units:
        raise CorpusError(f"{path}: no translation units with Kazakh or English text")
    with hold(corpus.root, doc_id):  # not under an editor's feet, nor over a crash's journal
        doc = corpus.load(doc_id)
        if not doc.links:
            if doc.en.sentences():  # its English is in no bead: align it, then merge
                raise CorpusError(
                    f"{doc_id} has English but no beads to merge onto (it was never "
                    f"aligned): run 'kopir align {doc_id}' first",
                    Remedy("replace", "take the TMX as it is"),
                )
            doc = replace(doc, links=_sentence_beads(doc, units))
        corpus.save(_merged(doc, units, path, report, add_unmatched))
    return report


#: The most sentences of a Kazakh-only document one unit's Kazakh may join (a CAT tool
#: cutting otherwise than kopir keeps a few together, not a page).
MAX_JOINED = 6


def _sentence_beads(doc: Document, units: list[TmxUnit]) -> list[Link]:
    """Beads for a document with Kazakh only (its translation done in a CAT tool): each
    unit's Kazakh found as one sentence, or a run of consecutive sentences, of the
    document becomes a bead of them, every other sentence a bead of its own (1-0,
    unconfirmed: untranslated); a default translation (:func:`_defaults`) takes every
    occurrence of its Kazakh, an alternative the one between its neighbours (where one
    fits). :func:`_merged` then puts each unit onto its bead, in
    the document's reading order, whatever order the TMX lists them in (OmegaT's project
    TMX follows none). A unit whose Kazakh the document does not hold, or holds fewer
    times than units give it, gets no bead here: :func:`_merged` leaves it out (or adds it).
    """
    sentences = doc.kk.sentences()
    runs: dict[str, list[tuple[int, int]]] = {}  # a run's text → where it is (start, end)
    for start in range(len(sentences)):
        text = ""
        for end in range(start + 1, min(start + MAX_JOINED, len(sentences)) + 1):
            text = f"{text} {sentences[end - 1].text}" if text else sentences[end - 1].text
            runs.setdefault(compared(text), []).append((start, end))
    ends: dict[int, int] = {}  # a taken run's start → its end
    taken: set[int] = set()
    texts = [s.text for s in sentences]

    def free_runs(unit: TmxUnit) -> list[tuple[int, int]]:
        found = runs.get(_kazakh(unit.kk), []) if unit.kk else []
        return [(a, b) for a, b in found if not taken.intersection(range(a, b))]

    def take(start: int, end: int) -> None:
        ends[start] = end
        taken.update(range(start, end))

    # OmegaT's alternative translations first, each onto the run between its neighbours
    for unit in sorted(units, key=lambda unit: unit.context is None):
        free = free_runs(unit)
        if not free:
            continue
        if unit.context is not None:  # an alternative: only between its neighbours
            free = [run for run in free if _fits(texts, *run, unit.context)]
            if not free:
                continue
        take(*free[0])
    for u in sorted(_defaults(units, {})):  # a default translation: every occurrence
        for run in free_runs(units[u]):
            if not taken.intersection(range(*run)):
                take(*run)
    links: list[Link] = []
    n = 0
    while n < len(sentences):
        end = ends.get(n, n + 1)
        links.append(Link(tuple(s.id for s in sentences[n:end]), ()))
        n = end
    return links


def _merged(
    doc: Document, units: list[TmxUnit], path: Path, report: ImportReport, add_unmatched: bool
) -> Document:
    """``doc`` with ``units`` put back onto its beads (a new document; ``doc`` unchanged).

    First the units whose tuid names a bead, then OmegaT's alternative translations onto
    the bead of their Kazakh between their neighbours, then, in the file's order, the
    rest: a default translation (see :func:`_defaults`) onto every bead no unit took
    whose Kazakh is the unit's (:func:`_repeated`), another unit onto one of them (the
    first after the bead of the unit before, else the first), else left out, or, with
    ``add_unmatched``, added after the bead of the unit before.
    """
    beads = {(link.kk, link.en): n for n, link in enumerate(doc.links)}
    kk_text = {s.id: s.text for s in doc.kk.sentences()}
    en_text = {s.id: s.text for s in doc.en.sentences()}
    by_text: dict[str, list[int]] = {}
    for n, link in enumerate(doc.links):
        if link.kk:
            by_text.setdefault(_kazakh(kk_text[i] for i in link.kk), []).append(n)
    onto: dict[int, TmxUnit] = {}
    bead_of: dict[int, int] = {}  # unit number → the bead it goes onto
    for u, unit in enumerate(units):
        named = read_tuid(unit.tuid, doc.id)
        if named is None:
            continue
        where = f"{path}: unit {shorten(unit.tuid or '', SHOWN_TUID)!r}"
        if named in beads:
            n = beads[named]
            if n in onto:
                raise CorpusError(f"{where} names the same bead of {doc.id} as an earlier unit")
            if _kazakh(unit.kk) != _kazakh(kk_text[i] for i in named[0]):
                raise CorpusError(
                    f"{where} has other Kazakh than {'+'.join(named[0]) or 'the bead'}: a merge "
                    "brings translations back onto the document's Kazakh",
                    Remedy("replace", "take the TMX's text as it is"),
                )
            onto[n], bead_of[u] = unit, n
        elif set(named[0]) & kk_text.keys() or set(named[1]) & en_text.keys():
            raise CorpusError(
                f"{where} names sentences of {doc.id} that are no bead of it now (realigned "
                "since the export?)",
                Remedy("replace", "take the TMX as it is"),
            )
    report.onto_by_tuid = len(onto)
    texts = [s.text for s in doc.kk.sentences()]
    spans = _spans(doc)
    for u, unit in enumerate(units):  # OmegaT's alternative translations: by their neighbours
        if u not in bead_of and unit.context is not None and unit.kk:
            fits = [
                m
                for m in by_text.get(_kazakh(unit.kk), [])
                if m not in onto and _fits(texts, *spans[m], unit.context)
            ]
            if fits:
                onto[fits[0]], bead_of[u] = unit, fits[0]
    defaults = _defaults(units, bead_of)
    placed = len(bead_of)
    after: dict[int, list[TmxUnit]] = {}  # bead number (-1: the start) → units added after it
    last = -1
    for u, unit in enumerate(units):
        n = bead_of.get(u)
        if n is None and unit.context is not None and _kazakh(unit.kk) in by_text:
            # an alternative translation whose neighbours are at no occurrence of its
            # Kazakh: OmegaT uses it nowhere either (the default fills every occurrence)
            report.unfitted_alternatives.append(" ".join(unit.kk))
            continue
        if n is None and unit.kk:
            free = [m for m in by_text.get(_kazakh(unit.kk), []) if m not in onto]
            n = next((m for m in free if m > last), free[0] if free else None)
            if n is not None:
                placed += 1
                taking = _repeated(doc, free, unit, en_text, report) if u in defaults else [n]
                onto.update(dict.fromkeys(taking, unit))
                report.repeated_beads += max(len(taking) - 1, 0)
        if n is None and add_unmatched:
            after.setdefault(last, []).append(unit)
        elif n is None:
            report.left_out.append(" ".join(unit.kk) or " ".join(unit.en))
        else:
            last = n
    report.onto_beads = placed
    report.added_units = sum(map(len, after.values()))
    return _rebuilt(doc, onto, after, report)


def _kazakh(texts: Iterable[str]) -> str:
    """A unit's or a bead's Kazakh as units and beads are matched by it."""
    return compared(" ".join(texts))


def _defaults(units: list[TmxUnit], placed: dict[int, int]) -> set[int]:
    """The units (their numbers) that are a CAT tool's *default* translation of their
    Kazakh: OmegaT writes one unit for a sentence however often a document repeats it,
    and applies it to every occurrence the translator gave no alternative translation
    (an alternative carries its neighbours, ``TmxUnit.context``). A unit is taken so when
    it is the only unit of its Kazakh not yet ``placed`` and without neighbours: several
    such units (a memory listing a repeated sentence's translations one by one) take one
    bead each, in the file's order, as before. A unit with no English is no translation
    (OmegaT gives back none such): it is no default, and empties no other occurrence."""
    loose = [
        (u, _kazakh(unit.kk))
        for u, unit in enumerate(units)
        if u not in placed and unit.kk and unit.context is None
    ]
    count = Counter(key for _, key in loose)
    return {u for u, key in loose if count[key] == 1 and units[u].en}


def _repeated(
    doc: Document, free: list[int], unit: TmxUnit, en_text: dict[str, str], report: ImportReport
) -> list[int]:
    """The beads of ``free`` (no unit took them, their Kazakh the unit's) that a default
    translation goes onto: all of them, as OmegaT fills every occurrence, unless the
    translator confirmed different English for them in kopir. Then each confirmed bead
    whose English is not the unit's keeps its own (an alternative translation, in
    OmegaT's terms), and the report says so, quoting the unit's English: which of them
    the CAT tool's translation was meant to replace, nothing in the file says. Where
    every confirmed bead reads alike, the unit is that translation revised, and it
    replaces them all."""
    english = {n: compared(" ".join(en_text[i] for i in doc.links[n].en)) for n in free}
    confirmed = {english[n] for n in free if doc.links[n].status == "confirmed" and english[n]}
    target = compared(" ".join(unit.en))
    taking = []
    for n in free:
        link = doc.links[n]
        if len(confirmed) > 1 and link.status == "confirmed" and english[n] not in ("", target):
            report.kept_alternatives.append((_label(link), english[n], target))
        else:
            taking.append(n)
    return taking


def _spans(doc: Document) -> dict[int, tuple[int, int]]:
    """Each bead with Kazakh (by number): where its sentences are in reading order, from
    the first to after the last."""
    where = {s.id: n for n, s in enumerate(doc.kk.sentences())}
    spans = {}
    for n, link in enumerate(doc.links):
        found = [where[i] for i in link.kk if i in where]
        if found:
            spans[n] = (min(found), max(found) + 1)
    return spans


def _fits(texts: list[str], start: int, end: int, context: tuple[str | None, str | None]) -> bool:
    """Whether the Kazakh sentences ``texts[start:end]`` stand between the neighbours of an
    OmegaT alternative translation (its ``prev`` and ``next`` segments; one the file does
    not give fits any; the text's start and end are empty)."""
    before = texts[start - 1] if start > 0 else ""
    after = texts[end] if end < len(texts) else ""
    prev, following = context
    return (prev is None or compared(prev) == compared(before)) and (
        following is None or compared(following) == compared(after)
    )


def _rebuilt(
    doc: Document, onto: dict[int, TmxUnit], after: dict[int, list[TmxUnit]],
    report: ImportReport,
) -> Document:  # fmt: skip
    """The merged document: links in the document's order with the added units among
    them, and each side's sentences edited and inserted where their beads put them."""
    sides = {"kk": _SideEdit(doc.kk), "en": _SideEdit(doc.en)}
    places = {"kk": _places(doc.kk), "en": _places(doc.en)}
    links: list[Link] = []
    merging = now()

    def add(unit: TmxUnit) -> None:
        ids = {
            lang: sides[lang].insert(texts) for lang, texts in (("kk", unit.kk), ("en", unit.en))
        }
        created, changed = (unit.created, unit.changed) if unit.changed else (merging,) * 2
        links.append(Link(ids["kk"], ids["en"], unit.status, unit.score, created, changed))
        report.changed(_label(links[-1]), unit.changed)

    for unit in after.get(-1, []):
        add(unit)
    for n, link in enumerate(doc.links):
        unit = onto.get(n)
        if unit is None:
            links.append(link)
            for lang, ids in (("kk", link.kk), ("en", link.en)):
                sides[lang].passed(ids)
            report.kept_beads.append((_label(link), _bead_text(places, link)))
        else:
            sides["kk"].passed(link.kk)
            before = [places["en"][sid][1] for sid in link.en if sid in places["en"]]
            en = sides["en"].replace(link.en, unit.en)
            edited = compared(" ".join(before)) != compared(" ".join(unit.en))
            edited = edited or link.status != unit.status
            created, changed = unit.created, unit.changed
            if changed is None:  # no stamps in the TMX: the bead's, or the merge's
                created, changed = (
                    (link.created or merging, merging) if edited else (link.created, link.changed)
                )
            links.append(Link(link.kk, en, unit.status, unit.score, created, changed))
            if edited:
                report.changed(_label(links[-1]), unit.changed)
        for added in after.get(n, []):
            add(added)
    en = sides["en"].side()
    if not doc.en.sentences():  # translated from scratch in the CAT tool
        en = _as_the_kazakh(doc.kk, links, en)
    return Document(doc.id, doc.meta, sides["kk"].side(), en, links)


def _as_the_kazakh(kk: Side, links: list[Link], en: Side) -> Side:
    """``en`` (a document's first English) in blocks as the Kazakh's, as the editor puts
    a translation typed into a Kazakh-only document (``align.state``): a bead whose
    Kazakh is in another block than the previous translated bead's opens a block of that
    block's kind; an added unit with no Kazakh joins the block before it."""
    sentences = {s.id: s for s in en.sentences()}
    block_of = {s.id: n for n, block in enumerate(kk.blocks) for s in block.sentences}
    blocks: list[Block] = []
    last: int | None = None
    for link in links:
        if not link.en:
            continue
        mine = [sentences[sid] for sid in link.en]
        held = block_of.get(link.kk[0]) if link.kk else None
        if blocks and (held is None or held == last):
            blocks[-1].sentences.extend(mine)
        elif held is None:
            blocks.append(Block(BlockKind.P, mine))
        else:
            blocks.append(mirrored(kk.blocks[held], mine))
        last = held if held is not None else last
    return Side(en.lang, blocks)


class _SideEdit:
    """The edits of one side: texts replaced, sentences removed and inserted after others.

    Sentences a merge adds go after the last sentence of the bead before them (the
    ``anchor``), or before everything when no bead before has sentences on this side;
    new ids continue the side's numbering (ids are never reused).
    """

    def __init__(self, side: Side) -> None:
        self.old = side
        self.number = side.next_sentence_number()
        self.anchor: str | None = None
        self.texts: dict[str, str] = {}
        self.removed: set[str] = set()
        self.inserted: dict[str | None, list[Sentence]] = {}

    def passed(self, ids: tuple[str, ...]) -> None:
        if ids:
            self.anchor = ids[-1]

    def insert(self, texts: list[str]) -> tuple[str, ...]:
        new = []
        for text in texts:
            new.append(Sentence.plain(f"{self.old.lang}.s{self.number}", text))
            self.number += 1
        self.inserted.setdefault(self.anchor, []).extend(new)
        return tuple(s.id for s in new)

    def replace(self, ids: tuple[str, ...], texts: list[str]) -> tuple[str, ...]:
        """The bead's sentences ``ids`` now read ``texts``: the same ids when as many."""
        if len(ids) == len(texts):
            self.texts.update(zip(ids, texts, strict=True))
            self.passed(ids)
            return ids
        if ids:
            # the new sentences go where the first old one was (removed, still an anchor),
            # and later insertions after them, in order: insert leaves the anchor as it is
            self.anchor = ids[0]
            self.removed.update(ids)
        return self.insert(texts)

    def side(self) -> Side:
        blocks = []
        if self.inserted.get(None):  # added before every bead: a paragraph of their own
            blocks.append(Block(BlockKind.P, list(self.inserted[None])))
        for block in self.old.blocks:
            sentences: list[Sentence] = []
            for s in block.sentences:
                if s.id not in self.removed:
                    text = self.texts.get(s.id)
                    sentences.append(
                        s if text is None or text == s.text else Sentence.plain(s.id, text)
                    )
                sentences += self.inserted.get(s.id, [])
            blocks.append(replace(block, sentences=sentences))
        return Side(self.old.lang, blocks)


def _label(link: Link) -> str:
    """A bead as a report names it: its Kazakh ids, else its English ids."""
    return "+".join(link.kk) or "+".join(link.en)


#: Each sentence of one side by id: its place in reading order and its text.
_Places = dict[str, tuple[int, str]]


def _places(side: Side) -> _Places:
    return {s.id: (n, s.text) for n, s in enumerate(side.sentences())}


def _bead_text(places: dict[str, _Places], link: Link) -> str:
    """A bead's Kazakh (its English when it has none) in reading order, looked up in the
    side's ``places`` rather than read from the whole side again for each kept bead."""
    side = places["kk"] if link.kk else places["en"]
    found = sorted(side[sid] for sid in set(link.kk or link.en) if sid in side)
    return " ".join(text for _, text in found)
