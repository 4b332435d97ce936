"""From cleaned paragraphs to a structured side: metadata, headings, speech, furniture.

News pages scraped to text keep the page around the article: a scraper's
``date YYYY-MM-DD`` marker, a rubric and date line, view counters and read
times, the headline repeated, an agency dateline, author credits, and
interviews with speaker lines and dialogue dashes. Each is recognised by a
narrow pattern and put in its TEI place; anything not matched stays body text
(a paragraph) rather than be guessed at, and no text is ever dropped.

The same rules serve English (for imported translations) with English words.

Kazakh printed in the 2018/2021 Latin alphabet (Egemen's and Kazinform's Latin editions)
or in the Arabic script is recognised on its Cyrillic reading (:mod:`corpus.text.script`,
the one reader of Kazakh's scripts), so the patterns are written once, in Cyrillic; what
is stored is the text as printed (sentences, rubric, title, place, names), and a date as
ISO. A Latin edition's TEI then has the structure of its Cyrillic twin, in its own letters.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from corpus.model import Block, BlockKind, Correction, Metadata, Part, Person, Sentence
from corpus.text.clean import Paragraph
from corpus.text.homoglyphs import Homoglyph, find_homoglyphs
from corpus.text.script import is_kk_latin_side, is_tote, kk_latin_side_line, tote_cyrillic
from corpus.text.segment import split_spans

KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip
EN_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"

_DATE_MARKER = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})\b\s*")
#: A rubric and date line (``Саясат • 08 Сәуір, 2019``), or a news agency's time and date
#: line as a copy of its page keeps it (Kazinform: ``15:48, 11 Ақпан 2026 | GMT +5``, in
#: its English edition ``07:23, 11 February 2026``): the time and the zone are left in the
#: line, which is page furniture, and the date goes to the header.
_RUBRIC_DATE = re.compile(
    r"^(?:(?P<rubric>[^•|·\d][^•|·]{0,40}?)\s*[•|·]\s*)?"
    r"(?:\d{1,2}:\d{2},?\s+)?"
    r"(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+),?\s+(?P<year>\d{4})"
    r"(?:\s*\|\s*(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::\d{2})?)?$"
)
_FURNITURE = {
    "kk": [
        (re.compile(r"^\d[\d\s\u00a0]*\s+рет(?:\s+көрсетілді)?$"), "views"),
        (re.compile(r"^көрсетілді$"), "views"),
        (re.compile(r"^\d+\s+мин(?:\s+оқу\s+үшін)?$"), "readingTime"),
        (re.compile(r"^оқу\s+үшін$"), "readingTime"),
        # a photo's or video's credit on a line of its own, as a page copy keeps it
        # ("Фото: Алматы әкімдігі", "Сурет: pixabay", in a Latin edition "Foto: …")
        (re.compile(r"^(?:фото|сурет|видео)(?:\s*/\s*видео)?\s*:\s*\S.{0,120}$", re.I), "credit"),
    ],
    "en": [
        (re.compile(r"^\d[\d,\s]*\s+views?$", re.I), "views"),
        (re.compile(r"^\d+\s+min(?:ute)?s?(?:\s+read)?$", re.I), "readingTime"),
        # "Photo credit: A screenshot from a video" (Kazinform), "Images | Akorda" (kt.kz)
        (
            re.compile(
                r"^(?:photos?|images?|pictures?|video)(?:\s+credits?)?\s*[:|]\s*\S.{0,120}$", re.I
            ),
            "credit",
        ),
    ],
}
#: Blocks that never name a document that has no headline: the agency's dateline and page
#: furniture say where and how it was published, not what it is about.
_NOT_A_TITLE = frozenset({BlockKind.DATELINE, BlockKind.FW})
#: The first word of an agency's dateline after the place: capitalised or a number.
_DATELINE_FIRST = rf"[{_UPPER}\d][^\s–—]*"
#: How many words may follow it before the dash. The SRX rules
#: (:mod:`corpus.text.srx_rules`) spell out each count, to keep the CAT tool from cutting
#: the dateline at a period inside it ("АСТАНА. 15 қаңтар. ҚазАқпарат -").
_DATELINE_MORE = 4
#: A word of an agency's dateline after the place: capitalised (KAZINFORM, ҚазАқпарат,
#: Khabar 24), a number, or a Kazakh month ("АСТАНА. 15 қаңтар. ҚазАқпарат -").
_DATELINE_WORD = rf"(?:[{_UPPER}\d][^\s–—]*|(?:{'|'.join(KK_MONTHS)})[.,]?)"


def _datelines(place: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An agency's dateline and a wire agency's, each opening with a place that ``place``
    (a pattern with a group ``place``) matches.

    The agency's dateline (``АСТАНА. KAZINFORM —``) stands before the text or alone on its
    line. Its agency is at most five words of :data:`_DATELINE_WORD`: a sentence of capitals
    before a sentence with a dash ("ЕҚЫҰ. Ұйымның мақсаты – қауіпсіздік.", Kazakh's copula)
    is no dateline (it was read as one, and the second sentence cut at its dash, at the
    start of any paragraph). The wire's dateline is a place, a date and the agency between
    slashes, as TASS opens every item (``MOSCOW, March 3. /TASS/.``, ``МӘСКЕУ, 3 наурыз.
    /ТАСС/.``).
    """
    agency = re.compile(
        rf"^{place}\.\s+"
        rf"(?P<agency>{_DATELINE_FIRST}(?:\s+{_DATELINE_WORD}){{0,{_DATELINE_MORE}}})\s+[–—-]"
        r"(?:\s+|$)"
    )
    wire = re.compile(
        rf"^{place},\s+(?P<date>[^./]{{3,30}}?)\.\s+/(?P<agency>[^/\s]{{2,20}})/\.?(?:\s+|$)"
    )
    return agency, wire


#: The datelines as printed: the place in capitals (``АСТАНА``, ``НҰР-СҰЛТАН``).
_DATELINE, _WIRE_DATELINE = _datelines(rf"(?P<place>[{_UPPER}][{_UPPER}\- ]+)")
#: A script without capitals (the Arabic script, read with every word capitalised) cannot
#: print its place in capitals: there a place is one to three words, each read capitalised
#: ("Астана", "Нұр-Сұлтан"), and the rest of the dateline is what it is in Cyrillic.
_CASELESS_WORD = rf"[{_UPPER}][^\W\d_]*(?:-[{_UPPER}][^\W\d_]*)*"
_CASELESS_DATELINE, _CASELESS_WIRE_DATELINE = _datelines(
    rf"(?P<place>{_CASELESS_WORD}(?:\s+{_CASELESS_WORD}){{0,2}})"
)
#: Without capitals, "Иә. Бұл – маңызды." reads like a place and an agency: a caseless
#: dateline's agency must show it is one, printed in Latin letters or with a digit
#: (KAZINFORM, BAQ.KZ, Хабар 24), between a wire's slashes, or by a name the Kazakh press
#: writes in the Arabic script (read into Cyrillic).
_AGENCY_SIGN = re.compile(r"[A-Za-z0-9]")
_TOTE_AGENCIES = frozenset({"Қазақпарат", "Хабар", "Тасс", "Шыңхуа", "Синьхуа"})
_SPEAKER = re.compile(rf"^(?P<name>[{_UPPER}][^,:]{{2,60}}),\s*(?P<role>[^:]{{3,200}}):$")
_DASH = re.compile(r"^[–—-]\s")
_CREDITS = {
    "kk": [
        (re.compile(r"^(?:Авторлары|Авторы|Автор)\s*:\s*(?P<names>.+)$"), "author"),
        (re.compile(r"^(?:Сұхбаттасқан|Сұхбаттасқандар)\s*:?\s+(?P<names>.+)$"), "interviewer"),
        (re.compile(r"^Дайындаған\s*:?\s+(?P<names>.+)$"), "author"),
    ],
    "en": [
        (re.compile(r"^(?:Authors?|By)\s*:?\s+(?P<names>.+)$"), "author"),
        (re.compile(r"^Interviewed\s+by\s*:?\s+(?P<names>.+)$"), "interviewer"),
    ],
}
_NAME_SPLIT = re.compile(r"\s*(?:,|\bжәне\b|\band\b)\s*")
_FINAL_PUNCT = tuple(".!?…:;,")
HEADLINE_MAX = 250
HEADING_MAX = 120


#: A run of letters (group 1) or of anything else: a reading changes letters only.
_RUN = re.compile(r"([^\W\d_]+)|[\W\d_]+")


class _Reading:
    """A paragraph as the recognisers read it (``text``: Cyrillic for a Latin-alphabet
    side) beside the text as printed, with :meth:`at` taking an offset in the reading to
    the printed text, so that what is cut and stored is the printed text.

    The reader changes letters only, word by word (``sh`` is one letter ``ш``), so the
    reading and the printed text are the same runs of letters and non-letters: an offset
    in a run of non-letters (where sentences, datelines and rubrics end) maps exactly, one
    at the edge of a word to that word's edge. A word printed in capitals stays in
    capitals in the reading (the reader keeps only the first letter's case), as an
    agency's dateline is known by its capitals (``AQTÓBE.``). Should the runs not pair
    up, the printed text is read as it is, as it was before Latin editions were read.

    ``furniture`` is the text the page-furniture patterns see: the reading in lower case
    when the script has no capitals (the Arabic script's reading capitalises every word,
    for the aligner's name keys, so "845 رەت" reads "845 Рет", not the counter "845 рет").
    """

    def __init__(self, printed: str, reading: str | None = None, caseless: bool = False) -> None:
        self.printed = printed
        self.text = printed
        #: whether ``text`` is a reading of a script without capitals (see :func:`_dateline`)
        self.caseless = False
        self._starts: list[int] = []
        self._pairs: list[tuple[int, int, int, int]] = []
        if reading is None or reading == printed:
            return
        mine = list(_RUN.finditer(printed))
        theirs = list(_RUN.finditer(reading))
        if len(mine) != len(theirs) or any(
            (m.group(1) is None) != (t.group(1) is None) for m, t in zip(mine, theirs, strict=True)
        ):
            return
        pieces = []
        for m, t in zip(mine, theirs, strict=True):
            word = t.group()
            if m.group(1) is not None and len(m.group()) > 1 and m.group().isupper():
                word = word.upper()
            pieces.append(word)
        self.text = "".join(pieces)
        at = 0
        for m, word in zip(mine, pieces, strict=True):
            self._starts.append(at)
            self._pairs.append((at, len(word), m.start(), m.end() - m.start()))
            at += len(word)
        self.caseless = caseless

    @property
    def furniture(self) -> str:
        """The text the page-furniture patterns see (see the class's description)."""
        return self.text.lower() if self.caseless else self.text

    def at(self, offset: int) -> int:
        """The printed offset of ``offset`` in the reading."""
        if not self._pairs:
            return offset
        if offset >= len(self.text):
            return len(self.printed)
        start, size, p_start, p_size = self._pairs[bisect.bisect_right(self._starts, offset) - 1]
        return p_start + min(offset - start, p_size) if size == p_size else p_start

    def printed_span(self, start: int, end: int) -> str:
        """The printed text of the reading's ``[start, end)``."""
        return self.printed[self.at(start) : self.at(end)]


@dataclass
class Structured:
    """A side's blocks, what the page told about the document, and what was found."""

    blocks: list[Block]
    meta: Metadata = field(default_factory=Metadata)
    # (line, column, finding), the column in the source line
    homoglyphs: list[tuple[int, int, Homoglyph]] = field(default_factory=list)


def structure(
    paragraphs: list[Paragraph], lang: str, *, fix_homoglyphs: bool = False, first_id: int = 1
) -> Structured:
    """Recognise the structure of one side and segment its text into sentences.

    Sentence ids are ``{lang}.s{n}`` numbered from ``first_id`` in reading order.
    """
    builder = _Builder(lang, fix_homoglyphs, first_id)
    items = list(paragraphs)
    meta = builder.out.meta

    if items and (marker := _DATE_MARKER.match(items[0].text)):
        meta.date = marker.group(1)
        rest = items[0].text[marker.end() :]
        items[0] = replace(items[0], text=rest, offset=items[0].offset + marker.end())
        if not rest:
            items.pop(0)
    read = builder.read = side_reader([p.text for p in items], lang)

    # Page top: rubric/date line and furniture, in any order, before the text.
    while items and builder.page_top(items[0]):
        items.pop(0)

    headline = None
    if len(items) > 1 and _is_headline(read(items[0].text), lang):
        headline = items.pop(0)
        builder.add_sentences(BlockKind.HEAD, headline, type_="main", split=False)
        # the headline as repaired, as a title taken from the first sentence is
        [title] = builder.out.blocks[-1].sentences
        meta.title, meta.title_is_headline = title.text, True
        while items and builder.page_top(items[0]):
            items.pop(0)

    if items and (dateline := _dateline(reading := read(items[0].text))):
        first = items.pop(0)
        cut = reading.at(dateline.end())
        builder.add_sentences(
            BlockKind.DATELINE, replace(first, text=first.text[:cut].rstrip()), split=False
        )
        if cut < len(first.text):  # the text follows on the line, not on the next one
            items.insert(0, replace(first, text=first.text[cut:], offset=first.offset + cut))
        meta.place = reading.printed_span(*dateline.span("place")).strip()
        meta.agency = reading.printed_span(*dateline.span("agency")).strip()

    credits_at = _trailing_credits([read(p.text) for p in items], lang)
    body, credits = items[:credits_at], items[credits_at:]
    interview = any(_credit(read(p.text), lang)[1] == "interviewer" for p in credits)

    speech_no = 0
    speech_open = False
    for index, par in enumerate(body):
        reading = read(par.text)
        text = reading.text
        nxt = read(body[index + 1].text).text if index + 1 < len(body) else None
        if headline is not None and par.text == headline.text:
            builder.furniture(par, "headline")
            speech_open = False
        elif kind := builder.furniture_type(reading.furniture):
            builder.furniture(par, kind)
            speech_open = False
        elif (speaker := _SPEAKER.match(text)) and nxt is not None and _DASH.match(nxt):
            speech_no += 1
            pid = builder.person(
                reading.printed_span(*speaker.span("name")).strip(),
                reading.printed_span(*speaker.span("role")).strip(),
            )
            builder.add_sentences(BlockKind.SPEAKER, par, split=False, speech=speech_no, who=pid)
            speech_open = True
        elif _DASH.match(text):
            if not speech_open:
                speech_no += 1
            who = None
            if speech_open:
                who = builder.out.blocks[-1].who
            elif interview and text.rstrip().endswith("?"):
                who = builder.interviewer
            builder.add_sentences(BlockKind.P, par, speech=speech_no, who=who)
            # A speaker's speech runs over consecutive dash paragraphs; an
            # interview question is one paragraph.
            speech_open = who is not None and who != builder.interviewer
        elif nxt is not None and _is_heading(text, lang):
            builder.add_sentences(BlockKind.HEAD, par, type_="section", split=False)
            speech_open = False
        else:
            builder.add_sentences(BlockKind.P, par)
            speech_open = False

    for par in credits:
        names, kind, _ = _credit(read(par.text), lang)
        builder.add_sentences(BlockKind.SIGNED, par, split=False)
        meta.authors.extend(names)
        if kind == "interviewer":
            for n, name in enumerate(names):
                builder.person(name, "interviewer", pid=builder.interviewer if n == 0 else None)
    if interview and not any(p.id == builder.interviewer for p in meta.people):
        meta.people.append(Person(builder.interviewer, "", "interviewer"))

    if not meta.title:  # no headline: the first sentence of text names it, not a dateline
        blocks = builder.out.blocks
        text = [b for b in blocks if b.kind not in _NOT_A_TITLE] or blocks
        first = next((s for b in text for s in b.sentences), None)
        meta.title = _shorten(first.text) if first else ""
    return builder.out


class _Builder:
    def __init__(self, lang: str, fix_homoglyphs: bool, first_id: int) -> None:
        self.lang = lang
        self.fix = fix_homoglyphs
        self.next_id = first_id
        self.out = Structured(blocks=[])
        self.interviewer = f"{lang}.interviewer"
        #: a paragraph as the recognisers read it (:func:`side_reader`, once the side is seen)
        self.read: Callable[[str], _Reading] = _Reading

    def person(self, name: str, role: str, pid: str | None = None) -> str:
        """The id of the person with this name and role, added to the metadata if new."""
        people = self.out.meta.people
        for known in people:
            if known.name == name and known.role == role:
                return known.id
        pid = pid or f"{self.lang}.spk{sum(p.id != self.interviewer for p in people) + 1}"
        people.append(Person(pid, name, role))
        return pid

    def page_top(self, par: Paragraph) -> bool:
        """Take a rubric/date line or a furniture line from the top of the page."""
        reading = self.read(par.text)
        found = _RUBRIC_DATE.match(reading.text)
        if found and (iso := _iso_date(found, self.lang)):
            meta = self.out.meta
            meta.date = meta.date or iso
            if found.group("rubric"):
                meta.rubric = reading.printed_span(*found.span("rubric")).strip()
            self.furniture(par, "rubric")
            return True
        kind = self.furniture_type(reading.furniture)
        if kind:
            self.furniture(par, kind)
            return True
        return False

    def furniture_type(self, text: str) -> str | None:
        for pattern, kind in _FURNITURE.get(self.lang, []):
            if pattern.match(text):
                return kind
        return None

    def furniture(self, par: Paragraph, kind: str) -> None:
        self.out.blocks.append(Block(BlockKind.FW, type=kind, text=par.text))

    def add_sentences(
        self,
        kind: BlockKind,
        par: Paragraph,
        type_: str | None = None,
        split: bool = True,
        speech: int | None = None,
        who: str | None = None,
    ) -> None:
        text = par.text
        spans = paragraph_spans(text, self.lang, self.read) if split else [(0, len(text))]
        findings = find_homoglyphs(text)
        self.out.homoglyphs.extend((par.line, par.column(f.start), f) for f in findings)
        sentences = []
        for start, end in spans:
            parts = self._parts(text, start, end, findings)
            sentences.append(Sentence(f"{self.lang}.s{self.next_id}", parts))
            self.next_id += 1
        self.out.blocks.append(Block(kind, sentences, type=type_, speech=speech, who=who))

    def _parts(
        self, text: str, start: int, end: int, findings: list[Homoglyph]
    ) -> tuple[Part, ...]:
        if not self.fix:
            return (text[start:end],)
        parts: list[Part] = []
        pos = start
        for item in findings:
            if item.repair is None or item.start < start or item.end > end:
                continue
            if item.start > pos:
                parts.append(text[pos : item.start])
            parts.append(Correction(item.word, item.repair, item.reason))
            pos = item.end
        if pos < end:
            parts.append(text[pos:end])
        return tuple(parts)


def _iso_date(found: re.Match[str], lang: str) -> str | None:
    months = KK_MONTHS if lang == "kk" else EN_MONTHS
    month = months.get(found.group("month").lower())
    day = int(found.group("day"))
    if month is None or not 1 <= day <= 31:
        return None
    return f"{found.group('year')}-{month:02d}-{day:02d}"


def _is_headline(reading: _Reading, lang: str) -> bool:
    """A headline: short, one sentence, no final period, not speech or a credit."""
    text = reading.text
    return (
        len(text) <= HEADLINE_MAX
        and not text.endswith(_FINAL_PUNCT)
        and len(split_spans(text, lang)) == 1
        and not _DASH.match(text)
        and not _dateline(reading)
    )


def _dateline(reading: _Reading) -> re.Match[str] | None:
    """An agency's dateline at the start of a paragraph's reading (``АСТАНА. KAZINFORM —`` or
    a wire's); in a script without capitals (``استانا. قازاقپارات -``), one whose agency
    shows it is one (see :data:`_AGENCY_SIGN`)."""
    text = reading.text
    found = _DATELINE.match(text) or _WIRE_DATELINE.match(text)
    if found or not reading.caseless:
        return found
    if found := _CASELESS_WIRE_DATELINE.match(text):
        return found
    found = _CASELESS_DATELINE.match(text)
    if found and (
        _AGENCY_SIGN.search(agency := found.group("agency"))
        or _TOTE_AGENCIES.intersection(agency.split())
    ):
        return found
    return None


def side_reader(paragraphs: Sequence[str], lang: str) -> Callable[[str], _Reading]:
    """How ingest reads each paragraph of a side whose paragraphs are ``paragraphs``: in
    Cyrillic on a side in the 2018 Latin alphabet (most of its lines show that alphabet's
    own letters), a Kazakh paragraph in the Arabic script (төте) in Cyrillic too, any other
    as printed. Public so that whoever cuts a side's text as ingest does (``kopir segment``,
    the CAT readiness check) reads it as ingest does: give it to :func:`paragraph_spans`,
    or use :func:`side_spans`."""
    latin = lang == "kk" and is_kk_latin_side([text for text in paragraphs if text.strip()])
    kazakh = lang == "kk"

    @functools.cache  # ingest asks for a paragraph's reading up to four times
    def read(text: str) -> _Reading:
        if latin:
            return _Reading(text, kk_latin_side_line(text))
        if kazakh and is_tote(text):
            return _Reading(text, tote_cyrillic(text), caseless=True)
        return _Reading(text)

    return read


def side_spans(paragraphs: Sequence[str], lang: str) -> list[list[tuple[int, int]]]:
    """Each paragraph's sentences (offsets in it) as ingest cuts the body paragraphs of a side
    of these ``paragraphs``: read as ingest reads that side (:func:`side_reader`), a dateline
    opening one kept whole (:func:`paragraph_spans`)."""
    read = side_reader(paragraphs, lang)
    return [paragraph_spans(text, lang, read) for text in paragraphs]


def paragraph_spans(
    text: str, lang: str, read: Callable[[str], _Reading] = _Reading
) -> list[tuple[int, int]]:
    """The sentences of a body paragraph as ingest cuts them; a dateline opening it is one
    (a later item's, in a file of several: ``ОРАЛ, 4 наурыз. /ТАСС/.`` cut in two was
    aligned as two sentences, and a CAT tool segmenting with kopir's SRX rules, which cannot
    tell which paragraph of the file it is in, keeps it whole).

    Public because whoever asks "is this how kopir would have cut the paragraph?" (the CAT
    readiness check) must ask this, not :func:`~corpus.text.segment.split_spans`, which
    knows no datelines.

    A scraper's ``date YYYY-MM-DD`` marker opening the paragraph is cut off as a piece of
    its own, then the rest is cut as a paragraph (a dateline may open it): ingest takes the
    marker from the first paragraph into the header, and a CAT tool with kopir's SRX rules
    (which cannot tell the first line from a later one) cuts it at every line start, so
    ``kopir segment`` and a later item's marker in a file of several agree with both.

    White space opening the paragraph is skipped first: ingest strips each line before it
    looks, and so do the SRX rules; ``kopir segment`` reads lines as they come (pasted
    from a web page, often indented), where an indented dateline was cut after its place.

    ``read`` gives the paragraph as the recognisers read it (ingest passes its side's
    :func:`side_reader`: Cyrillic for a Latin-alphabet or Arabic-script side; the default
    reads the text as printed, which cuts those otherwise, see :func:`side_spans`); the
    datelines and sentences are found on that reading and the offsets returned are in the
    text as printed. The marker is cut off on the printed text: it is ASCII, not Kazakh, and
    read into Cyrillic ("дате") it is no marker."""
    lead = len(text) - len(text.lstrip())
    if lead:
        rest = paragraph_spans(text[lead:], lang, read)
        return [(start + lead, end + lead) for start, end in rest]
    marker = _DATE_MARKER.match(text)
    if marker and marker.end() > marker.end(1):  # white space after it, not "2025-11-24,"
        cut = marker.end()
        rest = paragraph_spans(text[cut:], lang, read) if cut < len(text) else []
        return [(0, marker.end(1)), *((start + cut, end + cut) for start, end in rest)]
    reading = read(text)
    found = _dateline(reading)
    if not found:
        spans = split_spans(reading.text, lang)
    else:
        cut = found.end()
        rest = split_spans(reading.text[cut:], lang)
        head = (0, len(reading.text[:cut].rstrip()))
        spans = [head, *((start + cut, end + cut) for start, end in rest)]
    return [(reading.at(start), reading.at(end)) for start, end in spans]


def _is_heading(text: str, lang: str) -> bool:
    """A section heading inside the text: a short capitalised line with no final punctuation."""
    return (
        len(text) <= HEADING_MAX
        and text[0].isupper()
        and not text.endswith(_FINAL_PUNCT)
        and not _DASH.match(text)
        and len(split_spans(text, lang)) == 1
    )


def _credit(reading: _Reading, lang: str) -> tuple[list[str], str, bool]:
    """The names a credit line gives (as printed), its kind, and whether it is one."""
    for pattern, kind in _CREDITS.get(lang, []):
        found = pattern.match(reading.text)
        if found:
            start, end = found.span("names")
            value = found.group("names")
            start += len(value) - len(value.lstrip())
            end -= len(value) - len(value.rstrip())
            cuts = [start]
            for sep in _NAME_SPLIT.finditer(reading.text, start, end):
                cuts += [sep.start(), sep.end()]
            cuts.append(end)
            spans = zip(cuts[::2], cuts[1::2], strict=True)
            pieces = (reading.printed_span(a, b) for a, b in spans)
            return [n for n in pieces if n], kind, True
    return [], "", False


def _trailing_credits(items: list[_Reading], lang: str) -> int:
    """Index where the credit lines at the end of the text begin."""
    at = len(items)
    while at > 1 and _credit(items[at - 1], lang)[2]:
        at -= 1
    return at


def _shorten(text: str, limit: int = 100) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
