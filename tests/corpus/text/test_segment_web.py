"""Segmentation of Kazakh web text as it is scraped (issue 21).

One group per rule of the module docstring of ``corpus.text.segment``, then
the cases that must not split, then the noisy gold set as a whole.
"""

from __future__ import annotations

import pytest

from benchmarks import web_segmentation as web
from corpus.text.segment import split_sentences


def kk(text: str) -> list[str]:
    return split_sentences(text, "kk")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Концерт болды!!! бәріне рахмет.", ["Концерт болды!!!", "бәріне рахмет."]),
        ("Қалай болады?! мұны кім шешеді?", ["Қалай болады?!", "мұны кім шешеді?"]),
        ("Неге қымбат? түсіндіріңізші.", ["Неге қымбат?", "түсіндіріңізші."]),
        ("Всем привет! бүгін жаңалық бар.", ["Всем привет!", "бүгін жаңалық бар."]),
        ("Жақсы болды. ертең жаңбыр.", ["Жақсы болды.", "ертең жаңбыр."]),
        (
            "Mektepte konsert boldy. balalar än aityp jür.",
            ["Mektepte konsert boldy.", "balalar än aityp jür."],
        ),
        ("Búgin aýa raıy jaqsy! erteń jańbyr.", ["Búgin aýa raıy jaqsy!", "erteń jańbyr."]),
    ],
)
def test_a_lower_case_word_starts_a_sentence_after_a_sentence_end(
    text: str, expected: list[str]
) -> None:
    assert kk(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Хабар жоқ?!Нормально ма бұл?", ["Хабар жоқ?!", "Нормально ма бұл?"]),
        ("Кім барады?Мен барамын.", ["Кім барады?", "Мен барамын."]),
        ("Жарайсыңдар!Осылай жалғастырыңдар!", ["Жарайсыңдар!", "Осылай жалғастырыңдар!"]),
        (
            "Biz kezdestik.Kezdesýde kóp másele boldy.",
            ["Biz kezdestik.", "Kezdesýde kóp másele boldy."],
        ),
        ("Jiyn boldy.Köpşılıgı keldı.", ["Jiyn boldy.", "Köpşılıgı keldı."]),
        ("Tuğan künıñmen!Baqytty bol!", ["Tuğan künıñmen!", "Baqytty bol!"]),
    ],
)
def test_punctuation_glued_to_the_next_sentence_is_a_boundary(
    text: str, expected: list[str]
) -> None:
    assert kk(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A scraped page glues a sentence opening with a quoted title to the one before.
        (
            "Жұмыс аяқталды.«Ақ жол» кітабы басылды.Оқырмандар риза.",
            ["Жұмыс аяқталды.", "«Ақ жол» кітабы басылды.", "Оқырмандар риза."],
        ),
        ("Кеше жиын болды.“Жаңа заң” талқыланды.", ["Кеше жиын болды.", "“Жаңа заң” талқыланды."]),
        ("Jiyn boldy.«Aq jol» partiiasy keldi.", ["Jiyn boldy.", "«Aq jol» partiiasy keldi."]),
    ],
)
def test_a_period_glued_to_an_opening_quote_and_a_capital_is_a_boundary(
    text: str, expected: list[str]
) -> None:
    assert kk(text) == expected
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ол келді.«бұл» деді.",  # a small letter after the quote: no new sentence
        "Мен т.б.«Ақ жол» оқыдым.",  # an abbreviation before the period
        "Қ.«Тоқаев» деп жазды.",  # an initial
        "Хабар жоқ?!«Нормально» деді.",  # only a period is read so; ! ? keep their rule
    ],
)
def test_a_glued_quote_after_other_words_or_marks_stays_in_the_sentence(text: str) -> None:
    assert kk(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Бұл қағаз түріндегі құжат.ЮНЕСКО мойындаған артефакт.",
            ["Бұл қағаз түріндегі құжат.", "ЮНЕСКО мойындаған артефакт."],
        ),
        ("Жиын өтті.ҚР-да заң қабылданды.", ["Жиын өтті.", "ҚР-да заң қабылданды."]),
    ],
)
def test_a_period_glued_to_a_cyrillic_acronym_is_a_boundary(text: str, expected: list[str]) -> None:
    assert kk(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Оған 5 млн.АҚШ доллары бөлінді.",  # an abbreviation before the period
        "Сайт egemen.KZ жұмыс істейді.",  # Latin capitals: an address
        "Мәтін құжат.ЮНЕСКОда сақталды.",  # a suffix glued to the capitals: no acronym alone
    ],
)
def test_a_glued_acronym_after_an_abbreviation_or_in_latin_stays_in_the_sentence(
    text: str,
) -> None:
    assert kk(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Кітап шықпаған 😅 Кім тапты екен?", ["Кітап шықпаған 😅", "Кім тапты екен?"]),
        ("Медеуге бардық 😍😍 Керемет жер!", ["Медеуге бардық 😍😍", "Керемет жер!"]),
        (
            "Almatyda qar jauyp tūr ❄️ Abai bolyñyzdar!",
            ["Almatyda qar jauyp tūr ❄️", "Abai bolyñyzdar!"],
        ),
        (
            "Мейрам құтты болсын #Наурыз2024 #мереке Амандық тілеймін!",
            ["Мейрам құтты болсын #Наурыз2024 #мереке", "Амандық тілеймін!"],
        ),
        ("Жүгірдім 🏃‍♂️ Сіздер ше?", ["Жүгірдім 🏃‍♂️", "Сіздер ше?"]),
        ("Сабақ көп болды :) Менің ойымша оңай.", ["Сабақ көп болды :)", "Менің ойымша оңай."]),
        ("Рахмет))) Келесі жолы көрісеміз.", ["Рахмет)))", "Келесі жолы көрісеміз."]),
        ("Өкінішті:-( Ертең қайталаймыз.", ["Өкінішті:-(", "Ертең қайталаймыз."]),
    ],
)
def test_emoji_or_hashtags_end_a_sentence_without_punctuation(
    text: str, expected: list[str]
) -> None:
    assert kk(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Демалдық. #Бурабай #демалыс Табиғаты керемет.",
            ["Демалдық. #Бурабай #демалыс", "Табиғаты керемет."],
        ),
        ("Jeńdik. Quttyqtaımyz! #Qazaqstan", ["Jeńdik.", "Quttyqtaımyz! #Qazaqstan"]),
        ("Рақмет! 🙏🙏 Тағы келеміз.", ["Рақмет! 🙏🙏", "Тағы келеміз."]),
        ("Керемет мақала!👍Автордың еңбегі зор.", ["Керемет мақала!👍", "Автордың еңбегі зор."]),
        ("Туған күні!🎂Бес жаста.", ["Туған күні!🎂", "Бес жаста."]),
        ("Спасибо!!! 😊 барлығына рақмет.", ["Спасибо!!! 😊", "барлығына рақмет."]),
        ("Жеңдік! 🇰🇿", ["Жеңдік! 🇰🇿"]),
        # hashtags alone before a lower-case word open the next sentence
        ("Бітті. #Алматы қаласында жаңбыр.", ["Бітті.", "#Алматы қаласында жаңбыр."]),
    ],
)
def test_trailing_emoji_and_hashtags_belong_to_the_sentence_before(
    text: str, expected: list[str]
) -> None:
    assert kk(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Оңай. 1. Сайтқа кіріңіз. 2. Нөмір жазыңыз.",
            ["Оңай.", "1. Сайтқа кіріңіз.", "2. Нөмір жазыңыз."],
        ),
        (
            "Кітаптар... 1. Абай жолы. 2. Қан мен тер.",
            ["Кітаптар...", "1. Абай жолы.", "2. Қан мен тер."],
        ),
        ("Тізім: 1. Куәлік. 2. Фото.", ["Тізім: 1. Куәлік.", "2. Фото."]),
        ("1. Jeke kýálik. 2. Anyqtama.", ["1. Jeke kýálik.", "2. Anyqtama."]),
        # a number that ends a sentence is not a list marker
        ("Ұпай саны 85. Бұл жақсы.", ["Ұпай саны 85.", "Бұл жақсы."]),
    ],
)
def test_a_list_number_belongs_to_its_item(text: str, expected: list[str]) -> None:
    assert kk(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # abbreviations
        "Нан, сүт, жұмыртқа т.с.с. азық-түлік бар.",
        "Кітаптар, суреттер т.б. қойылды.",
        "ҚР Президенті БҰҰ-ның Бас Ассамблеясында сөйледі.",
        "Жобаға 2 млрд. ҚР бюджетінен бөлінді.",
        "Ірі қалаларда, мыс. Алматыда, кептеліс көп.",
        "Ол мыс. ауыл мектептерін айтты.",
        "Бұл туралы проф. Ә. Нұрпейісов айтқан.",
        "Экспорт 10 долл. шамасында.",
        # initials, both scripts
        "Kitaptyń avtory – A. Baıtursynuly.",
        "Q.-J. Toqaev Túrkistanǵa keldi.",
        "Ж. Нәжімеденов сөзін жазған.",
        # quotes followed by a speech verb, with and without quotation marks
        "«Міндетті түрде келемін!» деді ол.",
        "Мұғалім «Кім біледі?» деп сұрады.",
        "Рақмет! деп кетіп қалды.",
        "Kelemin! dep aıtty.",
        # a parenthesis inside a sentence; ellipses before lower case
        "Бағасы қымбат (15 мың төледім!) бірақ жақсы.",
        "Күттік-күттік... ешкім келмеді.",
        "Білмеймін?.. бәлкім келер.",
        # times, scores, dates, money, URLs, e-mails
        "Матч 19:00-де басталып, Қайрат 3:1 есебімен жеңді.",
        "Жиналыс 18.30-да, 12.03.2025 күні.",
        "Бағасы 1.500 теңге, доллар 470.5 теңге, жоба $2.5 млн.",
        "Толығырақ www.egov.kz сайтында.",
        "Өтінімді https://bilim.kz/apply?id=25 арқылы беріңіз.",
        "Хатты info@jumys.kz поштасына жіберіңіз.",
        # a quotation glued to its speech verb
        "«Келемін!»деді ол.",
        "Рақмет!деп кетті.",
        # markup glued to "!" is not a sentence end
        '<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        # doubled closing brackets that close brackets, a colon before a digit
        "Ол (Абай (1845–1904)) Семейде туған.",
        "Ол (мыс. (Абай жолы)) Семейде оқылады.",
        "Есеп 2:1 болды, уақыт 18:30 еді.",
        # a hashtag and an emoji inside a sentence
        "Біз #Наурыз мерекесін тойладық.",
        "Ол маған 😂 деп жазды.",
    ],
)
def test_must_not_split(text: str) -> None:
    assert kk(text) == [text]


def test_long_runs_of_web_marks_finish() -> None:
    """Tails, emoticons and glued marks are scanned once, not once per candidate."""
    assert kk("😀" * 100_000) == ["😀" * 100_000]
    assert len(kk("Иә! 😀 " * 20_000)) == 20_000
    assert len(kk("а)) Б" * 20_000)) == 20_001
    assert len(kk("а!Б" * 50_000)) == 50_001
    assert len(kk("#а " * 50_000)) == 1


def test_an_email_at_a_sentence_end_still_ends_it() -> None:
    assert kk("Жазыңыз: info@jumys.kz. Жауап береміз.") == [
        "Жазыңыз: info@jumys.kz.",
        "Жауап береміз.",
    ]


def test_english_keeps_lower_case_continuations() -> None:
    """The lower-case and glued ``!``/``?`` rules are Kazakh only."""
    assert split_sentences("Wow! that works. he said", "en") == ["Wow! that works. he said"]


def test_the_gold_set_reads_glued_sentences_without_a_space() -> None:
    dev = web.read_part("dev")
    glued = next(p for p in dev if "glued-bang" in p.tags and "~" not in p.text)
    assert "жоқ?!Нормально" in glued.text
    assert all(sentence in glued.text for sentence in glued.gold)


@pytest.mark.parametrize("part", web.PARTS)
def test_noisy_web_set_f1_meets_the_bar(part: str) -> None:
    """The issue's bar: boundary F1 ≥ 0.95 on the noisy set, dev and held-out alike."""
    paragraphs = web.read_part(part)
    assert sum(len(p.gold) - 1 for p in paragraphs) >= 40
    total, _exact = web.score_part(paragraphs, kk)
    assert total.f1 >= 0.95, total
