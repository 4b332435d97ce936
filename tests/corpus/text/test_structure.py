"""Page structure: metadata and furniture in their TEI places, and nothing dropped."""

from __future__ import annotations

import re

import pytest

from corpus.ingest import build_document
from corpus.model import BlockKind, Document
from corpus.text.clean import clean_text
from corpus.text.srx_rules import split_with_rules
from corpus.text.structure import structure
from tests.helpers import SEED_IDS, SEEDS


def _seed(doc_id: str, fix: bool = False) -> Document:
    path = SEEDS / f"{doc_id}.txt"
    return build_document(path.read_bytes(), str(path), doc_id, fix_homoglyphs=fix).doc


def _kinds(doc: Document) -> list[tuple[str, str | None]]:
    return [(b.kind.value, b.type) for b in doc.kk.blocks]


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_no_text_is_dropped(doc_id: str) -> None:
    """Every non-space character of the source is in the document, in order.

    The only exception is the scraper's "date YYYY-MM-DD" marker, which becomes
    the header date.
    """
    raw = (SEEDS / f"{doc_id}.txt").read_text("utf-8")
    doc = _seed(doc_id)
    kept = "".join(b.display for b in doc.kk.blocks)
    marker = f"date{doc.meta.date}" if raw.lstrip().startswith("date ") else ""
    assert re.sub(r"\s", "", raw) == marker + re.sub(r"\s", "", kept)


def test_seed_000_headline_speakers_and_authors() -> None:
    doc = _seed("000_6cc29457a28446bc")
    assert doc.meta.title == "2021 жылы Қазақстанның дипломатиялық қатынасы қай бағытта өрбіді"
    assert doc.meta.title_is_headline
    assert doc.meta.authors == ["Бақыт Топтаева", "Марат Диханбаев", "Асхат Қарақойшиев"]
    assert [(p.name, p.role) for p in doc.meta.people] == [
        (
            "Әсел Назарбетова",
            "ҚР Президенті жанындағы стратегиялық зерттеулер институтының бөлім басшысы",
        ),
        ("Кестутис Янкаускас", "Еуропалық Одақтың Қазақстандағы елшісі"),
    ]
    speaker_blocks = [b for b in doc.kk.blocks if b.kind is BlockKind.SPEAKER]
    assert len(speaker_blocks) == 4  # each expert speaks twice, same person id
    assert [b.who for b in speaker_blocks] == ["kk.spk1", "kk.spk1", "kk.spk2", "kk.spk2"]
    speech = [b for b in doc.kk.blocks if b.speech == speaker_blocks[0].speech]
    assert speech[1].sentences[0].text.startswith("– Оның бір дәлелі")
    assert doc.kk.blocks[-1].kind is BlockKind.SIGNED


def test_seed_001_date_marker_headline_and_dateline() -> None:
    doc = _seed("001_edcedd8c637f99fa")
    assert doc.meta.date == "2025-11-24"
    assert doc.meta.title.startswith("Қазақстан алпауыттар арасында")
    assert (doc.meta.place, doc.meta.agency) == ("АСТАНА", "KAZINFORM")
    assert _kinds(doc)[:3] == [("head", "main"), ("dateline", None), ("p", None)]
    assert doc.kk.blocks[1].display == "АСТАНА. KAZINFORM —"
    assert doc.kk.blocks[2].sentences[0].text.startswith("Биыл күзде Президент")


def test_seed_002_interview_sections_and_interviewer() -> None:
    doc = _seed("002_417f7ec88ad58ae1")
    assert not doc.meta.title_is_headline  # the text opens with a paragraph, not a headline
    heads = [b.display for b in doc.kk.blocks if b.kind is BlockKind.HEAD]
    assert heads == [
        "БҰҰ-ның қазіргі рөлі мен тиімділігі",
        "Орта державалардың рөлі",
        "Ірі державалар мен орта державалардың диалогы",
        "БҰҰ мен Қазақстанның әріптестігі",
        "Қазақстанның көпвекторлы саясаты",
    ]
    questions = [b for b in doc.kk.blocks if b.who == "kk.interviewer"]
    assert len(questions) == 5 and all(b.display.endswith("?") for b in questions)
    assert doc.meta.authors == ["Жанна ЖОМАРТ"]
    assert doc.kk.blocks[-1].display == "Сұхбаттасқан Жанна ЖОМАРТ"


def test_seed_003_rubric_furniture_and_repeated_headline() -> None:
    doc = _seed("003_02315eec3f8dba4a")
    assert (doc.meta.date, doc.meta.rubric) == ("2019-04-08", "Саясат")
    assert _kinds(doc)[:6] == [
        ("fw", "rubric"),
        ("head", "main"),
        ("fw", "views"),
        ("fw", "views"),
        ("fw", "readingTime"),
        ("fw", "readingTime"),
    ]
    repeats = [b for b in doc.kk.blocks if b.type == "headline"]
    assert len(repeats) == 1 and repeats[0].kind is BlockKind.FW
    assert repeats[0].text == doc.meta.title


def test_seed_004_no_headline_is_guessed() -> None:
    doc = _seed("004_d23ac1e4305185a3")
    assert doc.meta.date == "2025-09-18"
    assert not doc.meta.title_is_headline
    assert all(b.kind is BlockKind.P for b in doc.kk.blocks)
    assert doc.kk.sentences()[0].text == (
        "Жыл соңында Президент Қасым-Жомарт Тоқаев Мәскеуге мемлекеттік сапармен барады."
    )


def test_homoglyph_repair_is_recorded_beside_the_original() -> None:
    doc = _seed("000_6cc29457a28446bc", fix=True)
    (sentence,) = [s for s in doc.kk.sentences() if "rәрі" in s.original]
    assert "кәрі құрлық" in sentence.text and "rәрі" not in sentence.text
    plain = _seed("000_6cc29457a28446bc")
    assert [s.original for s in plain.kk.sentences()] == [s.original for s in doc.kk.sentences()]


def test_english_structure_uses_english_patterns() -> None:
    text = (
        "Kazakhstan keeps its balance\n"
        "ASTANA. KAZINFORM – The talks began today. They ended late.\n"
        "Assel Nazarbetova, head of department:\n"
        "– It was a good year.\n"
        "Authors: A. One, B. Two\n"
    )
    result = structure(clean_text(text).paragraphs, "en")
    kinds = [(b.kind.value, b.type) for b in result.blocks]
    assert kinds == [
        ("head", "main"),
        ("dateline", None),
        ("p", None),
        ("speaker", None),
        ("p", None),
        ("signed", None),
    ]
    assert result.meta.authors == ["A. One", "B. Two"]
    assert [s.id for s in result.blocks[2].sentences] == ["en.s3", "en.s4"]


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        ("kk", "09:05, 3 Наурыз 2026 | GMT +5\n\nАуылда жаңа мектеп ашылды\n\n"
         "АҚТӨБЕ. KAZINFORM – Мектепте 300 оқушы оқиды. Ол биыл салынды.\n", "2026-03-03"),
        ("en", "10:15, 3 March 2026\n\nNew school opens in a village\n\n"
         "AKTOBE. KAZINFORM – The school has 300 pupils. It was built this year.\n",
         "2026-03-03"),
    ],
    ids=["kazakh", "english"],
)  # fmt: skip
def test_an_agencys_time_and_date_line_is_page_furniture_and_the_date(
    lang: str, text: str, date: str
) -> None:
    """A copy of a Kazinform page opens with its time and date line: it used to be the
    document's first sentence and its title (``15:48, 11 Ақпан 2026 | GMT +5``), with
    no date, and the headline under it a sentence of the text."""
    result = structure(clean_text(text).paragraphs, lang)
    assert result.meta.date == date
    assert result.meta.title_is_headline and result.meta.title.startswith(("Ауылда", "New"))
    assert [(b.kind.value, b.type) for b in result.blocks] == [
        ("fw", "rubric"), ("head", "main"), ("dateline", None), ("p", None),
    ]  # fmt: skip
    assert result.blocks[0].text == text.split("\n")[0]  # the line is kept as printed


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Ауылда жаңа мектеп ашылды\nАҚТӨБЕ. KAZINFORM – Мектепте 300 оқушы оқиды.\n"
               "Фото: облыс әкімдігі\nОл биыл салынды.\n"),
        ("kk", "Aýylda jańa mektep ashyldy\nAQTÓBE. KAZINFORM – Mektepte 300 oqýshy oqıdy.\n"
               "Foto: Фото: facebook.com/aqtobe.press\nOl bıyl salyndy.\n"),
        ("en", "New school opens in a village\nAKTOBE. KAZINFORM – It has 300 pupils.\n"
               "Photo credit: Aktobe region administration\nIt was built this year.\n"),
        ("en", "New school opens in a village\nAKTOBE. KAZINFORM – It has 300 pupils.\n"
               "Images | Akorda\nIt was built this year.\n"),
    ],
    ids=["kazakh", "latin-kazakh", "english", "english-bar"],
)  # fmt: skip
def test_a_photo_credit_line_is_page_furniture(lang: str, text: str) -> None:
    """A page copy's photo credit on a line of its own was a sentence of the text: a 1-0
    or 0-1 bead to review in every document (``Foto: Фото: facebook.com/…``, ``Photo
    credit: A screenshot from a video``), never a translation unit."""
    result = structure(clean_text(text).paragraphs, lang)
    assert [(b.kind.value, b.type) for b in result.blocks] == [
        ("head", "main"), ("dateline", None), ("p", None), ("fw", "credit"), ("p", None),
    ]  # fmt: skip
    assert result.blocks[3].text == text.splitlines()[2]


def test_when_unsure_text_stays_a_paragraph() -> None:
    """A lone short line is not promoted to a headline, nor a colon line to a speaker."""
    single = structure(clean_text("Жалғыз жол").paragraphs, "kk")
    assert [b.kind for b in single.blocks] == [BlockKind.P]
    colon = structure(clean_text("Біз былай дедік:\nСосын кеттік.").paragraphs, "kk")
    assert [b.kind for b in colon.blocks] == [BlockKind.P, BlockKind.P]


@pytest.mark.parametrize(
    ("lang", "text", "title"),
    [
        (
            "kk",
            "АСТАНА. KAZINFORM – Президент министрді қабылдады. Кездесу ұзаққа созылды.\n",
            "Президент министрді қабылдады.",
        ),
        (
            "en",
            "ASTANA. KAZINFORM – The President received the minister. They talked long.\n",
            "The President received the minister.",
        ),
    ],
    ids=["kk", "en"],
)
def test_without_a_headline_the_title_is_the_first_sentence_not_the_dateline(
    lang: str, text: str, title: str
) -> None:
    # A news item copied without its headline: the documents screen, kopir ls and the TEI
    # header name it by its first sentence of text, never by the agency's dateline.
    result = structure(clean_text(text).paragraphs, lang)
    assert result.blocks[0].kind is BlockKind.DATELINE
    assert result.meta.title == title and not result.meta.title_is_headline


@pytest.mark.parametrize(
    ("lang", "text", "dateline", "place", "agency"),
    [
        (
            "en",
            "MOSCOW, March 3. /TASS/. The talks began at noon. They ended late.\n",
            "MOSCOW, March 3. /TASS/.",
            "MOSCOW",
            "TASS",
        ),
        (
            "kk",
            "МӘСКЕУ, 3 наурыз. /ТАСС/. Келіссөздер түсте басталды. Олар кеш аяқталды.\n",
            "МӘСКЕУ, 3 наурыз. /ТАСС/.",
            "МӘСКЕУ",
            "ТАСС",
        ),
    ],
    ids=["en", "kk"],
)
def test_a_wire_dateline_is_one_opener_before_the_text(
    lang: str, text: str, dateline: str, place: str, agency: str
) -> None:
    # A wire agency's dateline (place, date, the agency between slashes) was cut into
    # "MOSCOW, March 3." and "/TASS/." and aligned as two sentences with the first one.
    result = structure(clean_text(text).paragraphs, lang)
    opener, body = result.blocks
    assert opener.kind is BlockKind.DATELINE
    assert [s.text for s in opener.sentences] == [dateline]
    assert len(body.sentences) == 2 and body.sentences[0].text.endswith(("noon.", "басталды."))
    assert (result.meta.place, result.meta.agency) == (place, agency)
    assert split_with_rules(text.strip(), lang, structure=True) == [
        dateline,
        *(s.text for s in body.sentences),
    ]


def test_a_dateline_alone_on_its_line_is_the_opener() -> None:
    # The text on the next line: ingest cut "ТАРАЗ, 12 ақпан." and "/ТАСС/." as two body
    # sentences, the split e13d8d2 ended for a dateline before its text.
    text = "ТАРАЗ, 12 ақпан. /ТАСС/.\nӘкімдік жаңа мектеп салды. Оқушылар қуанды.\n"
    result = structure(clean_text(text).paragraphs, "kk")
    opener, body = result.blocks
    assert opener.kind is BlockKind.DATELINE
    assert [s.text for s in opener.sentences] == ["ТАРАЗ, 12 ақпан. /ТАСС/."]
    assert [s.text for s in body.sentences] == ["Әкімдік жаңа мектеп салды.", "Оқушылар қуанды."]
    assert (result.meta.place, result.meta.agency) == ("ТАРАЗ", "ТАСС")


def test_a_dateline_opening_a_later_item_is_one_sentence_of_it() -> None:
    # A file of two wire items: the second item's dateline is a sentence of its paragraph,
    # not "ОРАЛ, 4 наурыз." and "/ТАСС/."; the header keeps the first item's place.
    text = "Алғашқы хабар осы. Ол бітті.\nОРАЛ, 4 наурыз. /ТАСС/. Мектеп салынды.\n"
    result = structure(clean_text(text).paragraphs, "kk")
    assert [b.kind for b in result.blocks] == [BlockKind.P, BlockKind.P]
    later = [s.text for s in result.blocks[1].sentences]
    assert later == ["ОРАЛ, 4 наурыз. /ТАСС/.", "Мектеп салынды."]
    assert result.meta.place is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "ЕҚЫҰ. Ұйымның басты мақсаты – өңірдегі қауіпсіздік.",
        "ҚАЗАҚСТАН. Ел экономикасы – биыл да өсуде.",
        "NATO. The alliance – a military bloc – met in Brussels.",
    ],
)
def test_an_upper_case_sentence_before_a_copula_dash_is_no_dateline(paragraph: str) -> None:
    # A sentence of capitals, then one with a dash ("мақсаты – қауіпсіздік", Kazakh's copula):
    # read as place and agency, the second sentence was cut at its dash, in every paragraph.
    text = f"Жаңалық тақырыбы\n\nБірінші абзац осында.\n\n{paragraph}\n"
    result = structure(clean_text(text).paragraphs, "kk")
    sentences = [s.text for b in result.blocks for s in b.sentences]
    assert sentences[-2:] == split_with_rules(paragraph, "kk")[-2:]
    assert not any(s.endswith("–") for s in sentences)
    assert result.meta.agency in ("", None)


def test_a_dateline_with_the_date_in_words_is_still_one() -> None:
    text = "АСТАНА. 15 қаңтар. ҚазАқпарат - Үкімет отырысы өтті. Министрлер баяндама жасады.\n"
    result = structure(clean_text(text).paragraphs, "kk")
    assert result.meta.agency == "15 қаңтар. ҚазАқпарат"
    assert [s.text for b in result.blocks for s in b.sentences] == [
        "АСТАНА. 15 қаңтар. ҚазАқпарат -",
        "Үкімет отырысы өтті.",
        "Министрлер баяндама жасады.",
    ]


#: A short news item of my own, in Cyrillic and as a 2018/2021 Latin-alphabet edition prints
#: it: a rubric/date line, page furniture, a headline, an agency dateline and body text.
_ITEM_CYRILLIC = (
    "Қоғам • 12 Наурыз, 2020\n"
    "Ауылда жаңа мектеп ашылды\n"
    "845 рет\nкөрсетілді\n3 мин\nоқу үшін\n"
    "АҚТӨБЕ. ҚазАқпарат – Бүгін ауылда үш қабатты жаңа мектеп ашылды. Оған 600 бала барады.\n"
    "Мектеп құрылысы екі жылға созылды. Әкім ата-аналарға алғыс айтты.\n"
)
_ITEM_LATIN = (
    "Qoǵam • 12 Naýryz, 2020\n"
    "Aýylda jańa mektep ashyldy\n"
    "845 ret\nkórsetildi\n3 mın\noqý úshin\n"
    "AQTÓBE. QazAqparat – Búgin aýylda úsh qabatty jańa mektep ashyldy. Oǵan 600 bala barady.\n"
    "Mektep qurylysy eki jylǵa sozyldy. Ákim ata-analarǵa alǵys aıtty.\n"
)


def test_a_latin_alphabet_item_is_structured_as_its_cyrillic_twin() -> None:
    cyrillic = structure(clean_text(_ITEM_CYRILLIC).paragraphs, "kk")
    latin = structure(clean_text(_ITEM_LATIN).paragraphs, "kk")
    kinds = [(b.kind.value, b.type, len(b.sentences)) for b in cyrillic.blocks]
    assert kinds == [
        ("fw", "rubric", 0),
        ("head", "main", 1),
        ("fw", "views", 0),
        ("fw", "views", 0),
        ("fw", "readingTime", 0),
        ("fw", "readingTime", 0),
        ("dateline", None, 1),
        ("p", None, 2),
        ("p", None, 2),
    ]
    assert [(b.kind.value, b.type, len(b.sentences)) for b in latin.blocks] == kinds
    assert (cyrillic.meta.date, cyrillic.meta.rubric) == ("2020-03-12", "Қоғам")
    # what is stored is the text as printed: the rubric, title and sentences in Latin letters
    assert (latin.meta.date, latin.meta.rubric) == ("2020-03-12", "Qoǵam")
    assert latin.meta.title == "Aýylda jańa mektep ashyldy" and latin.meta.title_is_headline
    assert (latin.meta.place, latin.meta.agency) == ("AQTÓBE", "QazAqparat")
    sentences = [s.text for b in latin.blocks for s in b.sentences]
    assert sentences == [
        "Aýylda jańa mektep ashyldy",
        "AQTÓBE. QazAqparat –",
        "Búgin aýylda úsh qabatty jańa mektep ashyldy.",
        "Oǵan 600 bala barady.",
        "Mektep qurylysy eki jylǵa sozyldy.",
        "Ákim ata-analarǵa alǵys aıtty.",
    ]


def test_an_arabic_script_item_is_read_for_its_date_headline_furniture_and_sentences() -> None:
    # Қоғам • 12 наурыз, 2020 / Ауылда жаңа мектеп ашылды / 845 рет / көрсетілді / 3 мин /
    # оқу үшін / Мектеп екі жылда салынды. Оған 600 бала барады.
    text = (
        "قوعام • 12 ناۋرىز، 2020\n"
        "اۋىلدا جاڭا مەكتەپ اشىلدى\n"
        "845 رەت\nكورسەتىلدى\n3 مين\nوقۋ ءۇشىن\n"
        "مەكتەپ ەكى جىلدا سالىندى. وعان 600 بالا بارادى.\n"
    )
    result = structure(clean_text(text).paragraphs, "kk")
    assert [(b.kind.value, b.type, len(b.sentences)) for b in result.blocks] == [
        ("fw", "rubric", 0),
        ("head", "main", 1),
        ("fw", "views", 0),
        ("fw", "views", 0),
        ("fw", "readingTime", 0),
        ("fw", "readingTime", 0),
        ("p", None, 2),
    ]
    assert (result.meta.date, result.meta.rubric) == ("2020-03-12", "قوعام")
    assert result.meta.title == "اۋىلدا جاڭا مەكتەپ اشىلدى"
    assert [s.text for s in result.blocks[-1].sentences] == [
        "مەكتەپ ەكى جىلدا سالىندى.",
        "وعان 600 بالا بارادى.",
    ]


@pytest.mark.parametrize(
    ("cyrillic", "tote", "place", "agency"),
    [
        # the place has no capitals in the Arabic script; the agency is a name or in Latin
        ("АСТАНА. ҚазАқпарат – ", "استانا. قازاقپارات - ", "استانا", "قازاقپارات"),
        ("НҰР-СҰЛТАН. KAZINFORM – ", "نۇر-سۇلتان. KAZINFORM – ", "نۇر-سۇلتان", "KAZINFORM"),
        # a wire's, with the Arabic comma and Arabic-Indic digits
        ("МӘСКЕУ, 3 наурыз. /ТАСС/. ", "ماسكەۋ، ٣ ناۋرىز. /تاسس/. ", "ماسكەۋ", "تاسس"),
        # an Arabic letter mark and a right-to-left mark before it (invisible: removed)
        ("АСТАНА. ҚазАқпарат – ", "\u061c\u200fاستانا. قازاقپارات - ", "استانا", "قازاقپارات"),
    ],
)
def test_an_arabic_script_dateline_is_read_as_its_cyrillic_original(
    cyrillic: str, tote: str, place: str, agency: str
) -> None:
    # Мектеп екі жылда салынды. Оған 600 бала барады.
    text = "مەكتەپ ەكى جىلدا سالىندى. وعان 600 بالا بارادى.\n"
    original = structure(
        clean_text(cyrillic + "Мектеп екі жылда салынды. Оған 600 бала барады.\n").paragraphs, "kk"
    )
    result = structure(clean_text(tote + text).paragraphs, "kk")
    kinds = [[(b.kind.value, len(b.sentences)) for b in r.blocks] for r in (original, result)]
    assert kinds == [[("dateline", 1), ("p", 2)]] * 2
    assert (result.meta.place, result.meta.agency) == (place, agency)
    assert result.blocks[0].sentences[0].text == tote.lstrip("\u061c\u200f").rstrip()


@pytest.mark.parametrize(
    "tote",
    [
        "ءيا. بۇل – ماڭىزدى ماسەلە.",  # Иә. Бұл – маңызды мәселе. (a copula's dash)
        "ءيا. بۇل ماسەلە – ماڭىزدى.",  # Иә. Бұл мәселе – маңызды.
    ],
)
def test_a_short_arabic_script_sentence_before_a_copula_dash_is_no_dateline(tote: str) -> None:
    """Without capitals any word reads like a place: the agency must show it is one."""
    result = structure(clean_text("ءبىرىنشى ابزاتس.\n" + tote + "\n").paragraphs, "kk")
    assert [b.kind.value for b in result.blocks] == ["p", "p"]
    assert [s.text for s in result.blocks[1].sentences] == [tote[:4], tote[5:]]


def test_a_later_date_marker_in_a_latin_alphabet_item_is_cut_off_as_in_cyrillic() -> None:
    # the scraper's marker is ASCII, not Kazakh: read into Cyrillic, "date" was no marker
    cyrillic = _ITEM_CYRILLIC + "date 2020-03-13 Әкім ата-аналарға алғыс айтты.\n"
    latin = _ITEM_LATIN + "date 2020-03-13 Ákim ata-analarǵa alǵys aıtty.\n"
    cut = [
        [s.text for s in structure(clean_text(t).paragraphs, "kk").blocks[-1].sentences]
        for t in (cyrillic, latin)
    ]
    assert cut == [
        ["date 2020-03-13", "Әкім ата-аналарға алғыс айтты."],
        ["date 2020-03-13", "Ákim ata-analarǵa alǵys aıtty."],
    ]
