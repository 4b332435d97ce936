"""Framing lines a page prints around the article: what they look like, and that the aligner
leaves them alone instead of pairing them with a sentence or with the other outlet's own."""

from __future__ import annotations

import pytest

from align.aligner import framing
from align.aligner.framing import STAMPS, Kind, kind, kinds, labels
from align.aligner.propose import Aligner
from benchmarks.bench_align_real import development_sets

TAG_LINE = (
    "ЮНЕСКО, Қазақстан, жоба, қаржылық қолдау, сурет - Zakon.kz жаңалық 07.03.2024 20:43 "
    "Сурет: ҚР СІМ баспасөз қызметі"
)


@pytest.mark.parametrize(
    "line",
    [
        "Screenshot_7.jpg",  # an embedded image's file name
        "image.png",
        TAG_LINE,  # tags, outlet, date and time, photo credit
        "Oinet.kz 15-04-2024 156",  # outlet, date, view counter
        "12 March 2024 1520 Politics elections, parliament",  # date in words, counter, tags
        "12 наурыз 2024 845 Саясат сайлау, парламент",
        "21.01.2026 12:30:38 322",
        "Билік 3446 5 пікір 22 Ақпан, 2021 сағат 12:51",
        "President instructs Astana mayor to tackle water shortage problem Photo: akorda.kz",
        "Abai.kz",  # the outlet's site as a signature
        "Views: 144",
        "Жаңалықтар",  # a rubric
        "REGION",
        "Head of State:",  # a speaker's caption
        "Мемлекет басшысы:",
        "Онда Telegram желісінде парақшамызға тіркеліңіз!",
        # a quotation with its speaker as the headline
        "Қызылорда шаһарының тарихи мән-маңызы айрықша - Президент",
        "Құрылтай той тойлап, әңгіме-дүкен құратын жиын емес – Тоқаев",
        "ҚР Президенті: Түркістан барлық түркі халықтары үшін қастерлі қара шаңырақ",
    ],
)
def test_page_labels_captions_and_quoted_headlines_are_framing(line: str) -> None:
    assert kind(line) is Kind.FRAME


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a topic before the colon, not a speaker: an ordinary headline
        ("Астанадағы су тапшылығы: Жеңіс Қасымбек Президентке жағдайды баяндады", Kind.TITLE),
        ("Тоқаев ғалымдармен кездесті", Kind.TITLE),
        ("Kazakh, Turkish FMs hold talks on Middle East de-escalation", Kind.TITLE),
        # an opening that points back continues a text: a sentence without its full stop
        (
            "Бұл туралы Қазақстан Республикасы Президентінің Баспасөз хатшысы Берік Уәли өзінің "
            "фэйсбук парақшасында мәлімдеді",
            Kind.BODY,
        ),
        # a sentence with a time or a site in it is still a sentence
        ("The meeting of the Security Council began at 10:00 in the Akorda.", Kind.BODY),
        ("Мемлекет басшысы ғалымдармен кездесті, - деп хабарлайды Massaget.kz тілшісі.", Kind.BODY),
    ],
)
def test_headlines_and_sentences_that_look_a_little_like_framing_keep_their_kind(
    line: str, expected: Kind
) -> None:
    assert kind(line) is expected


def test_the_headline_printed_again_under_the_date_is_framing() -> None:
    lines = [
        "Ұлттық құрылтайдың келесі отырысы Көкшетауда өтеді",
        "Президент • 15 Наурыз, 2024",
        "Бұл туралы Қасым-Жомарт Тоқаев мәлімдеді.",
        "Ұлттық құрылтайдың келесі отырысы Көкшетауда өтеді",
        "«Шын мәнінде, мұндай алқалы жиындарды аймақтарда өткізудің мән-маңызы зор.",
    ]
    assert kinds(lines) == [Kind.HEADLINE, Kind.FRAME, Kind.BODY, Kind.FRAME, Kind.BODY]


def _beads(kk: list[str], en: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.kk, b.en) for b in Aligner().align(kk, en)]


def test_a_tag_line_stands_alone_and_the_headlines_pair() -> None:
    # 2024-03-07_unesco_ich_fund: the tag line was paired with the English headline and the
    # Kazakh headline left alone.
    kk = [
        "Қазақстан жобасы ЮНЕСКО-ның қаржылық қолдауына ие болды",
        TAG_LINE,
        "Материалдық емес мәдени мұраны қорғау жөніндегі Қазақстан Республикасының Ұлттық "
        "комитеті ұсынған жоба алғаш рет ЮНЕСКО-ның халықаралық қорынан қаражат алды.",
        "Кездесу барысында ЮНЕСКО-ның МЕММ қорғау қорынан халықаралық көмек механизмі бойынша "
        "жобаларды қаржыландыруға төрт өтінім қарастырып, қолдау тапты.",
    ]
    en = [
        "Kazakh Project Receives Funding from UNESCO Fund for Study of Intangible Cultural "
        "Heritage",
        "The project proposed by the National Committee of the Republic of Kazakhstan for the "
        "Safeguarding of Intangible Cultural Heritage has received funding for the first time "
        "from the UNESCO international fund.",
        "During the meeting, four requests for project funding under the UNESCO ICH Fund's "
        "international assistance mechanism were examined and approved.",
    ]
    assert _beads(kk, en) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


def test_the_two_headlines_pair_across_a_dateline_printed_above_one_and_below_the_other() -> None:
    # The Kazakh page prints its date line above the headline, the English page below it;
    # the two datelines share the date, the two headlines hardly a word. Each edition's
    # headline translates the other's (so the gold pairs them in every development document
    # where both editions have one), and the datelines are each outlet's own.
    kk = [
        "09:40, 14 Наурыз 2026 | GMT +5",
        "Іле өзені үстінен ұзын көпір ашылды",
        "АЛМАТЫ. KAZINFORM – Алматы облысы Іле ауданында ұзындығы 120 метр жаңа көпір "
        "пайдалануға берілді.",
        "Көпірдің құрылысына облыстық бюджеттен 850 миллион теңге бөлінді.",
        "Жаңа көпір бес ауылдың тұрғындарына қолайлы жол ашады.",
    ]
    en = [
        "Villagers get a new road crossing",
        "04:40, 14 March 2026",
        "A new 120-metre bridge has opened to traffic in the Ile district of the Almaty region.",
        "The regional budget allocated 850 million tenge for its construction.",
        "The new bridge gives the residents of five villages a convenient road.",
    ]
    assert _beads(kk, en) == [
        ((0,), ()), ((1,), (0,)), ((), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,))
    ]  # fmt: skip


def test_each_outlet_s_own_byline_credit_and_dateline_stand_alone() -> None:
    # 2022-01-11_teachers_program: two different reporters and a photo credit against a
    # date line were paired with each other.
    kk = [
        "Тоқаев мұғалімдерге арнайы бағдарлама әзірлеуді тапсырды",
        "Дина Шарипханова Корреспондент",
        "Фото: elements.envato.com",
        "Президент Қасым-Жомарт Тоқаев мұғалімдерге арналған арнайы бағдарлама әзірлеуді тапсырды.",
        "Сөзсіз басымдық - сапалы білімге қолжетімділікті қамтамасыз ету.",
    ]
    en = [
        "Kazakh Government tasked to elaborate special program for teachers",
        "Zhanna Nurmaganbetova",
        "11 January 2022, 14:31",
        "The Head of State charged to develop a special program for attracting the best "
        "teachers to the regions.",
        "Access to high-quality education is the overriding priority.",
    ]
    beads = _beads(kk, en)
    assert set(beads) == {
        ((0,), (0,)),
        ((1,), ()),
        ((), (1,)),
        ((), (2,)),
        ((2,), ()),
        ((3,), (3,)),
        ((4,), (4,)),
    }


def test_a_date_line_and_a_salutation_stay_alone_beside_an_unmatched_sentence() -> None:
    # 2026-01-20_kurultai_kyzylorda: the Kazakh report's "the President said this at the
    # Kurultai" sentence has no counterpart; the English page's date line and salutation
    # around it must not be glued to it, nor shift the sentences after them.
    kk = [
        "Қызылорда шаһарының тарихи мән-маңызы айрықша - Президент",
        "Бұл туралы Мемлекет басшысы Қасым-Жомарт Тоқаев Қызылорда қаласында өтіп жатқан "
        "Ұлттық құрылтайдың V отырысында айтты.",
        "Жаңа ғана сөз сөйлеген Құрылтай мүшелері маңызды ой-пікірлер айтты.",
        "Құрылтайдың аясында пайдалы пікір алмасу өтті.",
    ]
    en = [
        "Address by the Head of State Kassym-Jomart Tokayev at the 5th Session of the "
        "National Kurultai",
        "21.01.2026 12:30:38 322",
        "Dear compatriots!",
        "In their speeches, members of the Kurultai voiced important ideas and initiatives.",
        "A constructive exchange of views took place within the framework of the Kurultai.",
    ]
    beads = _beads(kk, en)
    assert ((), (1,)) in beads and ((), (2,)) in beads and ((0,), ()) in beads
    assert beads[-2:] == [((2,), (3,)), ((3,), (4,))]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"Құрметті қазақстандықтар!', Kind.FRAME),  # a salutation opening a quoted address
        # a quotation alone is a title: the other edition's title may quote it too (only a
        # quotation with its speaker named is framing)
        ("«Ғылым мықты болса, мемлекет те қуатты болады»", Kind.TITLE),
        ("«Бұл – маңызды қадам».", Kind.BODY),
        (
            "As was informed, on March 25, there was fire in the trade and entertainment centre "
            '"Zimnyaya vishnya" in Kemerovo.',
            Kind.NOTE,
        ),
        ("Recall that in Zhanatas a fire broke out in an apartment on the 3rd floor.", Kind.NOTE),
    ],
)
def test_salutations_quoted_headlines_and_pointers_back(line: str, expected: Kind) -> None:
    assert kind(line) is expected


def test_a_pointer_back_to_earlier_news_is_not_paired_with_the_item_s_last_sentence() -> None:
    # 2024-03-15_kurultai_kokshetau: the English "Earlier it was reported …" took the Kazakh
    # closing quotation, and every bead before it moved up by one.
    kk = [
        "«Әйгілі Қасым хан – Сарайшықта, Абылай хан – Бурабайда ордасын тіккені белгілі.",
        "Есілдің бойында – Кенесары хан мемлекеттігімізді сақтап қалу үшін талай жорыққа шыққан.",
        "Бұл аймақ төл шежіремізде айрықша орын алады.",
        "Сондықтан Ұлттық Құрылтайдың төртінші отырысын келесі жылы Көкшетауда өткізуді "
        "ұсынамын», деп қорытындылады Қасым-Жомарт Тоқаев.",
    ]
    en = [
        "The Head of State pointed out that the headquarters of renowned Kasym khan was located "
        "in Saraishyk, and that of Abylai khan in Burabay.",
        "This region is also closely linked with the name of Kenesary khan and takes special "
        "place in the history of our nation.",
        "Therefore, I propose to hold the 4th meeting of the Ulttyq Qurultay in Kokshetau.",
        "Earlier it was reported that the 3rd edition of the Ulttyq Qurultay (National Meeting) "
        "meeting with the participation of Kazakh President Kassym-Jomart Tokayev and the "
        "members of the Qurultay had kicked off in Atyrau city.",
    ]
    assert _beads(kk, en) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((), (3,))]


def test_a_credit_without_a_colon_is_framing_and_the_title_above_it_stays_a_title() -> None:
    lines = [
        "19 шілде күні Мемлекет басшысы санитарлық-эпидемиологиялық ахуал жөнінде жұмыс кеңесін "
        "өткізеді",
        "Президент коронавирус індетіне қарсы күрес жөніндегі шаралардың есебін тыңдайды",
        "фото ашық дереккөзден",
        "19 шілдеде Президент Қасым-Жомарт Тоқаев жұмыс кеңесін өткізеді.",
    ]
    assert kinds(lines) == [Kind.HEADLINE, Kind.HEADLINE, Kind.FRAME, Kind.BODY]


def test_the_english_headline_is_not_paired_with_the_kazakh_lead() -> None:
    # 2019-05-24_elbasy_cavusoglu (old test set): the English headline reports the award, the
    # Kazakh lead the meeting; the gold pairs a headline with a body sentence in 1 of 27
    # headlines it pairs, so a headline pairs with a body sentence only on strong evidence.
    pair = next(
        p for p in development_sets()["old test"] if p.name == "2019-05-24_elbasy_cavusoglu"
    )
    beads = _beads(pair.kk, pair.en)
    assert ((), (0,)) in beads and ((0,), (3,)) in beads


def test_a_line_that_points_back_is_not_taken_for_the_headline() -> None:
    # 2019-12-27_mourning_day (held-out set): the Kazakh page opens with "Бұл туралы …
    # мәлімдеді" (its third sentence again, without the full stop); taken for a headline, it
    # was paired with the English headline.
    pair = next(p for p in development_sets()["held-out"] if p.name == "2019-12-27_mourning_day")
    assert kinds(pair.kk)[0] is Kind.BODY
    assert ((), (0,)) in _beads(pair.kk, pair.en)


def test_each_line_says_which_rule_made_it_framing() -> None:
    lines = [
        "Тоқаев ғалымдармен кездесті",
        "Kudrenok Tatyana",
        "Screenshot_7.jpg",
        "Oinet.kz 15-04-2024 156",
        "Head of State:",
        "Мемлекет басшысы ғалымдармен кездесті.",
        "Тоқаев ғалымдармен кездесті",
    ]
    assert [rule for _, rule in labels(lines)] == [
        "headline",
        "byline",
        "file name",
        "tag or counter line",
        "speaker caption",
        "sentence",
        "repeated title",
    ]
    assert [k for k, _ in labels(lines)] == kinds(lines)


@pytest.mark.parametrize(
    "line",
    [
        "It is to be recalled that the first forum of libraries was held in Taraz in 2019.",
        "It will be recalled that the bridge over the Ural river was opened in the spring.",
        "Еске сала кетсек, кітапханашылардың алғашқы форумы 2019 жылы Таразда өтті.",
        "Еске салсақ, көпір өткен көктемде ашылған болатын.",
        "Eske sala ketsek, kitaphanashylardyń alǵashqy forýmy 2019 jyly Tarazda ótti.",
    ],
)
def test_the_agencies_other_ways_of_pointing_back_are_notes(line: str) -> None:
    assert kind(line) is Kind.NOTE


def test_an_english_pointer_back_the_kazakh_lacks_stands_alone() -> None:
    # The English edition closes with "It is to be recalled that …", which shares the
    # minister's name with the sentence before it; the Kazakh has no such line.
    kk = [
        "Мәдениет министрі Айгүл Сәрсенова Таразда өңірлік кітапханалар форумын ашты.",
        "Форумға елдің барлық облыстарынан үш жүзден астам кітапханашы қатысты.",
        "Министр Айгүл Сәрсенова кітапханаларды цифрландыру жобасын жалғастыру қажет екенін "
        "айтып, жас оқырмандарға арналған жаңа бағдарламаны таныстырды.",
    ]
    en = [
        "Minister of Culture Aigul Sarsenova opened the forum of regional libraries in Taraz.",
        "More than three hundred librarians from all regions of the country took part.",
        "Minister Aigul Sarsenova said the digitisation of libraries must go on and presented "
        "a new programme for young readers.",
        "It is to be recalled that Minister Aigul Sarsenova was appointed to the post by the "
        "decree of the Head of State last year.",
    ]
    assert _beads(kk, en)[-1] == ((), (3,))


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("https://example.kz/uploads/2025/03/library-960x500.jpeg?token=5f0c2a", "file name"),
        ("https://example.kz/news/2025/03/12/library", "web address"),
        ("www.example.kz", "web address"),
    ],
)
def test_file_names_and_web_addresses_are_stamps(line: str, rule: str) -> None:
    assert labels([line]) == [(Kind.FRAME, rule)]
    assert rule in STAMPS


def test_an_image_address_is_not_paired_with_a_date_line_on_the_figures_they_share() -> None:
    # The address has the year and month in its path: as evidence, the two lines looked
    # like a pair, though neither translates anything.
    kk = [
        "Павлодарда жаңа кітапхана ашылды",
        "18.09.2023",
        "Павлодар қаласында үш қабатты жаңа кітапхана ашылды.",
        "Кітапхананың қорында елу мың кітап бар.",
    ]
    en = [
        "New library opens in Pavlodar",
        "https://example.kz/uploads/2023/09/library-960x500.jpeg?token=5f0c2a",
        "A new three-storey library has opened in the city of Pavlodar.",
        "The library holds fifty thousand books.",
    ]
    beads = _beads(kk, en)
    assert ((1,), ()) in beads and ((), (1,)) in beads
    assert beads[-2:] == [((2,), (2,)), ((3,), (3,))]


def test_two_quoted_titles_pair() -> None:
    # A title in quotation marks on both pages, the name of an exhibition the lead names
    # again. Taken for page furniture, each stood alone although one translates the other.
    kk = [
        "«Шабыт шуағы»",
        "Қарағандыда жас суретшілердің «Шабыт шуағы» атты көрмесі ашылды.",
        "Көрмеге жүзден астам сурет қойылды.",
    ]
    en = [
        '"Rays of Inspiration"',
        'An exhibition of young artists, "Rays of Inspiration", has opened in Karaganda.',
        "More than a hundred paintings are on display.",
    ]
    assert labels(kk)[0] == (Kind.HEADLINE, "headline")
    assert _beads(kk, en) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_one_word_line_that_the_next_line_continues_is_a_cut_sentence_not_a_rubric() -> None:
    # The page broke its lead after the first word. Taken for a rubric, the word was
    # furniture, the lower-case line after it the continuation the title above "ran into",
    # and the headline was read as a sentence cut in two.
    lines = [
        "Облыс әкімі Президентке есеп берді",
        "Президентке",
        "облыс әкімі өңірдің әлеуметтік-экономикалық дамуы туралы баяндады.",
        "Мемлекет басшысы бірқатар тапсырма берді.",
    ]
    assert labels(lines) == [
        (Kind.HEADLINE, "headline"),
        (Kind.BODY, "cut sentence"),
        (Kind.BODY, "sentence"),
        (Kind.BODY, "sentence"),
    ]
    assert labels(["Жаңалықтар", "Облыс әкімі Президентке есеп берді."])[0] == (
        Kind.FRAME,
        "rubric",
    )


@pytest.mark.parametrize(
    "line",
    [
        "This material may not be reproduced without the editors' consent.",
        "Copyright © 2024 The Steppe Herald",
        "ALL RIGHTS RESERVED.",
        "Біздің Telegram-арнаға қосылыңыз",
        "Follow our Telegram channel for the news",
        "Жаңалықтарға жазылыңыз!",
        "Сайтқа тіркеліңіз",
        "Жаңалықтардан хабардар болыңыз",
        "Subscribe to our newsletter",
        "Біздің парақшамызға қосылыңыз",
        "A hyperlink to the site is obligatory when quoting.",
    ],
)
def test_each_boilerplate_phrase_makes_its_line_boilerplate(line: str) -> None:
    assert labels([line], "en")[0] == (Kind.FRAME, "boilerplate")


def test_a_boilerplate_phrase_is_added_in_one_place() -> None:
    # The quick check's parts were a second list kept in step by hand with the phrases:
    # a phrase added to the phrases only was never matched. Now the parts are derived.
    phrases = (*framing._BOILERPLATE_PHRASES, r"Қайта басуға рұқсат етілмейді!?\s*$")
    full, part = framing._boilerplate_patterns(phrases)
    line = "Материалды қайта басуға рұқсат етілмейді!"
    assert part.search(line.lower()) and full.search(line)
    assert not full.search("Ол қайта басуға рұқсат сұрады.")
    with pytest.raises(ValueError, match="plain text"):
        framing._boilerplate_patterns((r"(?:copy|all) rights",))


def test_a_long_credit_that_ends_in_a_quotation_mark_is_framing() -> None:
    # 2024_kudesnitsa_wheat_cultivar (old test 7): a credit naming an institution in quotation
    # marks "ends" like a sentence and is over 60 characters, so it was read as one and merged
    # into the next bead (and its length misled the document's length fit).
    credit = 'Photo: Non-profit JSC "Kazakh Research Institute of Farming and Plant Growing"'
    assert framing.label(credit, "en") == (Kind.FRAME, "photo credit")
    assert kind("Сурет: «Қазақ егіншілік және өсімдік шаруашылығы ғылыми-зерттеу институты»") is (
        Kind.FRAME
    )
    # A credit glued to the sentence after it holds a sentence stop: still a sentence.
    glued = "Photo:agency.kzAlmaty. March 3. Farmers in the south began sowing barley this week."
    assert kind(glued, "en") is Kind.BODY


def test_a_long_credit_between_two_sentences_stands_alone() -> None:
    # It was merged into the bead below it (1-2), as in the wheat item.
    kk = [
        "Ғалымдар арпаның жаңа сұрпын шығарды, деп хабарлайды агенттік.",
        "Солтүстік тәжірибе станциясы «Береке» атты жаздық арпаның жаңа сұрпын ұсынып, отандық "
        "арпа сұрыптарының қатарын толықтырды.",
        "Оның дәнінде ақуыз мөлшері 13 пайызды құрайды.",
    ]
    en = [
        "Scientists have bred a new barley variety, the agency reports.",
        'Photo: Non-profit JSC "Kazakh Research Institute of Farming and Plant Growing"',
        "The Northern Experiment Station presented a new spring barley variety called Bereke.",
        "Its grain contains 13 percent protein.",
    ]
    assert _beads(kk, en) == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]
