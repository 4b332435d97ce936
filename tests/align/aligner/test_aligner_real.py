"""The aligner on published editions: framing lines, free translation, calibrated confidence."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.calibrate import FEATURES, confidence, evidence, fit, in_context
from align.aligner.evaluate import score
from align.aligner.features import FeatureExtractor
from align.aligner.framing import Kind, kind, kinds
from align.aligner.lengths import LengthModel, blend
from align.aligner.lexicon import core_lexicon
from align.aligner.propose import Aligner, _mass
from align.model import IndexBead
from benchmarks.bench_align_real import calibration, real_pairs, tradeoff
from benchmarks.fit_calibration import log_loss, unstable

# A Kazinform-style item: the Kazakh page has a rubric line, counters and a photo caption
# that repeats the headline; the English has a byline, a dateline and a credit line.
KK = [
    "Президент • 12 Наурыз, 2024",
    "Тоқаев Астанада шетелдік инвесторлармен кездесті",
    "157 рет",
    "көрсетілді",
    "Мемлекет басшысы Ақордада 40 шетелдік компанияның басшыларын қабылдады, деп хабарлайды "
    "Kazinform.",
    "Кездесуде 2023 жылы тартылған 28 миллиард доллар инвестиция туралы айтылды.",
    "Тоқаев жаңа зауыттар Қарағанды мен Павлодар облыстарында салынатынын атап өтті.",
    "Президент инвесторларға салықтық жеңілдіктер 2030 жылға дейін сақталатынын жеткізді.",
]
EN = [
    "Tokayev meets foreign investors in Astana",
    "Aigerim Sadykova",
    "12 March 2024, 14:20",
    "The Head of State received the heads of 40 foreign companies at Akorda, Kazinform reports.",
    "The meeting focused on the 28 billion US dollars of investment attracted in 2023.",
    "Tokayev noted that new plants will be built in Karaganda and Pavlodar regions.",
    "The President assured the investors that tax benefits will remain until 2030.",
    "Photo: akorda.kz",
]
GOLD = [
    ((0,), ()),
    ((1,), (0,)),
    ((), (1,)),
    ((), (2,)),
    ((2,), ()),
    ((3,), ()),
    ((4,), (3,)),
    ((5,), (4,)),
    ((6,), (5,)),
    ((7,), (6,)),
    ((), (7,)),
]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("31.01.2018, 23:00 6694", Kind.FRAME),
        ("22 July 2021, 18:39", Kind.FRAME),
        ("Президент • 15 Наурыз, 2024", Kind.FRAME),
        ("157 рет", Kind.FRAME),
        ("оқу үшін", Kind.FRAME),
        ("Kudrenok Tatyana", Kind.FRAME),
        ("Photo: aa.com.tr", Kind.FRAME),
        ("Copyright of materials of News Agency Kazakhstan Today.", Kind.FRAME),
        (
            "Жаңалықтарды бәрінен бұрын біліп отырғыңыз келсе, Telegram-арнамызға жазылыңыз!",
            Kind.FRAME,
        ),
        ("Dear compatriots!", Kind.FRAME),
        ("Distinguished members of the Assembly!", Kind.FRAME),
        ("Earlier it was reported that the President visited Atyrau.", Kind.NOTE),
        ("Еске салайық, бұған дейін Түркияда жойқын зілзала болғаны хабарланған еді.", Kind.NOTE),
        ("Kazakhstan to send rescuers and doctors to Türkiye", Kind.TITLE),
        ("The sides discussed trade and investment.", Kind.BODY),
        ("«Бұл – маңызды қадам», – деді Президент.", Kind.BODY),
    ],
)
def test_a_line_s_kind(line: str, expected: Kind) -> None:
    assert kind(line) == expected


def test_a_title_at_the_top_is_a_headline_and_a_cut_sentence_is_body() -> None:
    lines = ["Big news from Astana today", "The President said so.", "He went to the", "market."]
    assert kinds(lines) == [Kind.HEADLINE, Kind.BODY, Kind.BODY, Kind.BODY]


def test_framing_lines_stand_alone_without_shifting_the_sentences() -> None:
    proposed = [(b.kk, b.en) for b in Aligner().align(KK, EN)]
    assert proposed == GOLD


def test_a_salutation_is_not_paired_with_the_other_edition_s_headline() -> None:
    # 2023-04-27_assembly_unity_day: the English speech opens with a salutation, the Kazakh
    # report with its headline; neither is the other's translation.
    kk = [
        "Еліміз Бірлік күнін міндетті түрде атап өтуге тиіс - Президент",
        "Мемлекет басшысы Қазақстан халқы Ассамблеясының XXXII сессиясында сөз сөйледі.",
        "Биыл Ассамблеяның құрылғанына 28 жыл толды.",
        "Президент 1 мамыр Бірлік күні ретінде атап өтілуі тиіс екенін айтты.",
    ]
    en = [
        "Distinguished members of the Assembly!",
        "The Head of State spoke at the XXXII session of the Assembly of the People of Kazakhstan.",
        "This year marks 28 years since the Assembly was founded.",
        "The President said that May 1 must be celebrated as the Day of Unity.",
    ]
    proposed = [(b.kk, b.en) for b in Aligner().align(kk, en)]
    assert ((0,), (0,)) not in proposed
    assert ((), (0,)) in proposed and ((0,), ()) in proposed
    assert proposed[-3:] == [((1,), (1,)), ((2,), (2,)), ((3,), (3,))]


def test_a_framing_line_left_alone_is_not_flagged_weak() -> None:
    beads = {(b.kk, b.en): b.score for b in Aligner().align(KK, EN)}
    assert beads[((2,), ())] >= 0.5 and beads[((), (7,))] >= 0.5


def test_the_real_published_pairs_keep_their_score() -> None:
    # On the first 10 pairs: 0.572 before framing lines, the heavier length tail and the
    # discourse markers, 0.77 after. The set has grown since (16 pairs, 155 Kazakh sentences):
    # the same aligner scored 0.740 on it, 0.747 once an unmatched Kazakh line got the prior
    # 0.03 (it was 0.012), so the floor is that figure, not the 10 pairs' one; 0.751 once
    # page furniture pairs only with furniture (not with the other edition's headline);
    # 0.813 once a ratio the lengths cannot be trusted for is re-estimated from a first pass.
    # Session 7 added 17 harder pairs (short press-secretary posts, loose renderings, search
    # excerpts cut at the same point on both sides): 33 pairs, 311 Kazakh sentences. The
    # aligner of 18ca786 scores 0.874 on the first 16 and 0.619 on the 17 new ones, 0.750 on
    # all: the floor is the whole set's figure now. Session 9 (framing that generalises, the
    # edge cost of lone sentences at a document's ends) took it to 0.819 (01389c3): the floor
    # keeps that, less a bead or so of room.
    aligner = Aligner()
    pairs = real_pairs()
    got = score([(p.gold, [(b.kk, b.en) for b in aligner.align(p.kk, p.en)]) for p in pairs])
    assert got.f1_strict >= 0.815


def test_a_freely_translated_document_widens_the_length_model() -> None:
    rng = np.random.default_rng(7)
    kk = rng.integers(40, 200, 60).astype(float)
    free = [(k, k * rng.uniform(0.5, 1.8)) for k in kk]
    rewritten = [(k, k * (2.5 if i % 6 == 0 else rng.uniform(0.9, 1.1))) for i, k in enumerate(kk)]
    tight = [(k, k * rng.uniform(0.97, 1.03)) for k in kk]
    prior = LengthModel(1.0, 2.2, 0.02)
    assert blend(prior, free).variance > 2 * prior.variance
    assert blend(prior, rewritten).tail > 0.05  # one sentence in six rewritten
    narrow = blend(prior, tight)
    assert narrow.variance == prior.variance and narrow.tail == 0.0
    assert blend(prior, []) == prior


def test_a_heavier_tail_makes_an_outlying_length_cheaper_and_a_close_one_no_dearer() -> None:
    thin, heavy = LengthModel(1.0, 2.2, 0.0), LengthModel(1.0, 2.2, 0.2)
    far = heavy.cost(np.array([100.0]), np.array([260.0]))[0]
    assert far < thin.cost(np.array([100.0]), np.array([260.0]))[0] - 5
    near = np.array([100.0]), np.array([104.0])
    assert heavy.cost(*near)[0] < thin.cost(*near)[0] + 0.3


@pytest.mark.parametrize(
    ("kazakh", "english"),
    [
        ("дипломатиялық", "diplomatic"),
        ("стратегиялық", "strategic"),
        ("экономикалық", "economic"),
        ("төртінші", "fourth"),
    ],
)
def test_loanwords_and_ordinals_are_shared_features(kazakh: str, english: str) -> None:
    extract = FeatureExtractor(core_lexicon())
    assert set(extract.features(kazakh, "kk")) & set(extract.features(english, "en"))


@pytest.mark.parametrize(
    ("kazakh", "english"),
    [
        ("Бокстан 5 алтын медаль алды.", "Boxers won five gold medals."),
        ("Зауытта бес жаңа цех ашылды.", "5 new workshops opened at the plant."),
        ("Жарыста 10 рекорд жаңартылды.", "Ten records were broken at the games."),
    ],
)
def test_a_number_in_words_shares_its_figure(kazakh: str, english: str) -> None:
    extract = FeatureExtractor(core_lexicon())
    kk, en = set(extract.features(kazakh, "kk")), set(extract.features(english, "en"))
    assert {f for f in kk & en if f.startswith("N:")}


def test_one_in_words_is_no_number() -> None:
    # "one" and "бір" are also an article and a pronoun: no figure 1 for them.
    extract = FeatureExtractor(core_lexicon())
    assert "N:1" not in extract.features("Бұл бір қаладағы ең үлкен саябақ.", "kk")
    assert "N:1" not in extract.features("It is one of the largest parks.", "en")


def test_attribution_and_background_markers_are_shared() -> None:
    extract = FeatureExtractor(core_lexicon())
    kk = extract.features("Еске салайық, бұған дейін бұл туралы хабарланған еді.", "kk")
    en = extract.features("Earlier it was reported that the talks would go on.", "en")
    assert "A:bg" in kk and "A:bg" in en


def test_a_word_with_many_translations_weighs_as_one_word() -> None:
    # отырысын: the lexicon gives session, meeting and sitting; it is still one word, so
    # the sentence's weight of evidence (the Dice denominator) counts it once.
    extract = FeatureExtractor(core_lexicon())
    groups = extract.groups("Отырысын өткізді", "kk")
    senses = next(g for g in groups if "W:session" in g)
    assert {"W:session", "W:meet"} <= set(senses)
    weight = {f: 1.0 for g in groups for f in g}
    assert _mass(groups, weight) == len(groups) < len(weight)


def test_the_calibration_fit_finds_what_separates_right_from_wrong() -> None:
    rng = np.random.default_rng(3)
    post = rng.uniform(0.01, 1, 400)
    right = rng.uniform(0, 1, 400) < 1 / (1 + np.exp(-(2 * np.log(post) + 2)))
    x = np.array([(*evidence(1, 1, p), 0.0) for p in post])
    coef = fit(x, right, l2=0.1)
    assert 1.0 < coef[FEATURES.index("posterior")] < 3.5
    assert confidence((*evidence(1, 1, 0.99), 0.0), coef) > 0.8
    assert confidence((*evidence(1, 1, 0.05), 0.0), coef) < 0.2


def test_a_bead_s_context_is_its_least_sure_neighbour_not_its_place() -> None:
    sure, doubtful = evidence(1, 1, 0.99), evidence(1, 1, 0.1)
    lone = evidence(1, 0, 0.9)
    # a lone line, two pairs, a confirmed bead (None: not proposed, taken as sure), a pair
    own = [lone, sure, doubtful, None, sure]
    full = in_context(own)
    assert full[3] is None
    near = FEATURES.index("neighbours")
    assert full[0][near] == sure[2] and full[1][near] == doubtful[2]
    assert full[2][near] == sure[2] and full[4][near] == 0.0
    # the item's first pairs are scored as any later pair with the same evidence around it
    calm = in_context([sure] * 6)
    assert calm[1] == calm[2] == calm[3] == calm[4]


VISIT_KK = [
    "Мемлекет басшысы Астанада Жапонияның сыртқы істер министрін қабылдады.",
    "Кездесуде екі ел арасындағы инвестициялық ынтымақтастық талқыланды.",
    "Былтыр екі ел арасындағы тауар айналымы 2,1 миллиард долларға жетті.",
    "Министр Қазақстан халқына жылы лебізін жеткізді.",
]
VISIT_EN = [
    "The Head of State received the Foreign Minister of Japan in Astana.",
    "The meeting discussed investment cooperation between the two countries.",
    "Last year trade between the two countries reached 2.1 billion dollars.",
    "The Japanese side is interested in new projects in Kazakhstan.",
]


def test_a_loose_pair_and_a_member_with_nothing_of_its_own_are_less_explained() -> None:
    # The last pair shares only "Kazakhstan": the English says something else. Kazakh 3
    # merged into the trade figures' bead brings nothing the English sentence says.
    beads, doc = Aligner()._align(VISIT_KK, VISIT_EN, None, None, (), None)
    assert [(b.kk, b.en) for b in beads] == [((i,), (i,)) for i in range(4)]
    at = FEATURES.index("explained")
    faithful, loose = doc.evidence[((2,), (2,))], doc.evidence[((3,), (3,))]
    assert faithful[at] > 0.7 and loose[at] < 0.4
    assert doc.explained((2, 3), (2,)) < 0.3 < 0.7 < doc.explained((2,), (2,))
    # the loose pair is scored lower than it would be if the English explained it as well
    as_faithful = (*loose[:at], faithful[at], *loose[at + 1 :])
    assert confidence(loose) < confidence(as_faithful) - 0.01
    # a bead with an empty side explains nothing whatever it is told
    assert evidence(1, 0, 0.9, 0.1, 0.8)[at] == 0.0


def test_a_sentence_whose_figures_are_in_the_next_bead_points_elsewhere() -> None:
    # Paired with English 1, Kazakh 2's trade figures point to English 2, next door; paired
    # with English 2 nothing of it points away.
    _, doc = Aligner()._align(VISIT_KK, VISIT_EN, None, None, (), None)
    assert doc.elsewhere((2,), (1,)) > 0.6 > 0.2 > doc.elsewhere((2,), (2,))
    at = FEATURES.index("elsewhere")
    right = doc.evidence[((2,), (2,))]
    pointing = (*right[:at], doc.elsewhere((2,), (1,)), *right[at + 1 :])
    # 0.967 against 0.984 with the calibration refitted on six sets (elsewhere -1.148, was
    # -1.597, and this sure bead sits where the logistic curve is flat): a margin of 0.01,
    # as for the loose pair above, where it was 0.02 (0.940 against 0.979 before the refit).
    assert confidence(pointing) < confidence(right) - 0.01
    assert evidence(0, 1, 0.9, 0.1, 0.8, 0.7)[at] == 0.0


def test_a_bead_next_to_a_doubtful_one_is_less_sure() -> None:
    doubtful = evidence(1, 1, 0.1)
    calm = in_context([evidence(1, 1), evidence(1, 1), evidence(1, 1), evidence(1, 1)])
    shaken = in_context([evidence(1, 1), evidence(1, 1), evidence(1, 1), doubtful])
    assert confidence(shaken[2]) < confidence(calm[2])


def test_a_confirmed_bead_keeps_its_score_and_the_rest_are_scored() -> None:
    anchor = IndexBead((5,), (4,), None)  # confirmed by hand: the aligner gives it no score
    beads = Aligner().align(KK, EN, anchors=[anchor], anchor_starts=[(5, 4)])
    assert [(b.kk, b.en) for b in beads] == GOLD and anchor in beads
    assert all(b.score is not None for b in beads if b != anchor)


def test_calibration_error_and_weak_shares_are_computed_per_bin() -> None:
    judged = [(0.9, True)] * 9 + [(0.9, False)] + [(0.2, False)] * 4 + [(0.2, True)]
    cal = calibration(judged)
    assert cal.ece == pytest.approx(0.0)
    assert cal.wrong_weak == pytest.approx(0.8) and cal.right_weak == pytest.approx(0.1)
    # 10 right × 5 wrong pairs: 36 right above wrong, 13 ties (9 at 0.9, 4 at 0.2), 1 below.
    assert cal.auc == pytest.approx((36 + 13 / 2) / 50)


def test_the_trade_off_counts_what_each_review_cut_finds_and_wastes() -> None:
    judged = [(0.9, True)] * 9 + [(0.9, False)] + [(0.2, False)] * 4 + [(0.2, True)]
    below_half, below_all = tradeoff(judged, cuts=(0.5, 1.0))
    # below 0.5: 4 of 5 wrong beads, 1 of 10 right, 5 of 15 beads, 4 of those 5 wrong
    assert below_half == pytest.approx((0.5, 0.8, 0.1, 5 / 15, 0.8))
    assert below_all == pytest.approx((1.0, 1.0, 1.0, 1.0, 5 / 15))


def test_the_fit_flags_a_coefficient_whose_sign_changes_with_the_set_left_out() -> None:
    # the bias may change sign (it only sets the base rate); the third number may not
    folds = {"a": np.array([1.0, -0.3, 0.2]), "b": np.array([-0.5, -0.4, -0.1])}
    assert unstable(folds) == [False, False, True]
    assert unstable({"a": np.array([1.0, 2.0]), "b": np.array([3.0, 0.5])}) == [False, False]


def test_log_loss_of_hand_counted_confidences() -> None:
    judged = [(0.8, True), (0.8, False), (0.5, True)]
    assert log_loss(judged) == pytest.approx(-(np.log(0.8) + np.log(0.2) + np.log(0.5)) / 3)


def test_every_proposed_bead_has_its_evidence() -> None:
    explained = Aligner().explain(KK, EN)
    assert [(b.kk, b.en) for b, _ in explained] == [(b.kk, b.en) for b in Aligner().align(KK, EN)]
    assert all(len(x) == len(FEATURES) for _, x in explained)


TRADE_KK = [
    "Мемлекет басшысы Ақордада Түркия Президентінің арнайы өкілін қабылдады.",
    "Кездесуде екі ел арасындағы сауда-экономикалық ынтымақтастық талқыланды.",
    "Былтыр тауар айналымы 6,3 миллиард долларға жетті.",
    "Бұл көрсеткіш 2022 жылмен салыстырғанда 17 пайызға артық екенін атап өткен жөн.",
    "Тараптар көлік-логистика саласындағы жобаларды да қарастырды.",
    "Сондай-ақ мәдени-гуманитарлық байланыстарды нығайту мәселесі сөз болды.",
]
TRADE_EN = [
    "The Head of State received the special envoy of the President of Türkiye at Akorda.",
    "The sides discussed trade and economic cooperation between the two countries.",
    "Trade turnover reached 6.3 billion dollars, 17 percent more than in 2022.",
    "The parties also considered projects in transport and logistics.",
    "They also discussed strengthening cultural and humanitarian ties.",
]


def test_a_sentence_whose_figures_are_in_the_neighbour_s_counterpart_is_merged_into_it() -> None:
    # Kazakh 3 (17 per cent, 2022) was folded into English 2 by the editor: a 2-1, not a 1-1
    # with an untranslated sentence after it. Without the figures in English 2, Kazakh 3 is
    # what it then looks like: a sentence the English edition left out.
    proposed = [(b.kk, b.en) for b in Aligner().align(TRADE_KK, TRADE_EN)]
    assert ((2, 3), (2,)) in proposed
    plain = [*TRADE_EN[:2], "Trade turnover reached 6.3 billion dollars last year.", *TRADE_EN[3:]]
    proposed = [(b.kk, b.en) for b in Aligner().align(TRADE_KK, plain)]
    assert ((2,), (2,)) in proposed and ((3,), ()) in proposed


def test_a_block_of_three_framing_lines_stays_alone_without_shifting_the_neighbours() -> None:
    kk = [TRADE_KK[0], TRADE_KK[1], TRADE_KK[4], TRADE_KK[5]]
    en = [
        TRADE_EN[0],
        "12 March 2024, 14:20",
        "Aigerim Sadykova",
        "Photo: akorda.kz",
        TRADE_EN[1],
        TRADE_EN[3],
        TRADE_EN[4],
    ]
    proposed = [(b.kk, b.en) for b in Aligner().align(kk, en)]
    assert proposed == [
        ((0,), (0,)),
        ((), (1,)),
        ((), (2,)),
        ((), (3,)),
        ((1,), (4,)),
        ((2,), (5,)),
        ((3,), (6,)),
    ]
