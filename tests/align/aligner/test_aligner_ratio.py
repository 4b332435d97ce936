"""The length ratio of a document pair: from its lengths when they can be trusted, from a
first pass of the alignment when they cannot."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from align.aligner.lengths import LengthModel
from align.aligner.propose import Aligner, _Document, _plausible_ratio

# A speech in short Kazakh sentences and the agency's report of it, which says every two of
# them in one English sentence: the median English sentence is twice the median Kazakh
# one, though the two editions are about as long as each other.
SPEECH_KK = [
    "Бүгін біз үшін ерекше күн.",
    "Біз Конституция күнін атап өтеміз.",
    "Ата заң халқымыздың ортақ таңдауы болды.",
    "Ол референдумда қабылданды.",
    "Содан бері елімізде көп нәрсе өзгерді.",
    "Экономикамыз бірнеше есе өсті.",
    "Жастарымыз әлемнің үздік университеттерінде оқиды.",
    "Бұл – біздің ортақ жетістігіміз.",
    "Алдағы жылдары да реформалар жалғасады.",
    "Парламенттің рөлі күшейе түседі.",
    "Азаматтардың құқықтары қорғалады.",
    "Заң бәріне бірдей болуға тиіс.",
]
REPORT_EN = [
    "He said that today is a special day for the country, as it celebrates Constitution Day.",
    "The Basic Law was the common choice of the people and was adopted at a referendum.",
    "Much has changed in the country since then, and the economy has grown several times over.",
    "Young people study at the best universities in the world, which he called a shared "
    "achievement.",
    "The reforms will continue in the coming years, and the role of Parliament will grow.",
    "The rights of citizens will be protected, and the law must be the same for everyone.",
]


def test_short_sentences_merged_in_the_other_edition_align_as_merges() -> None:
    # The medians say 2.4: with that ratio every English sentence looked like the
    # translation of one Kazakh sentence and every other Kazakh sentence like one the
    # report left out (before the ratio was re-estimated from a first pass).
    proposed = [(b.kk, b.en) for b in Aligner().align(SPEECH_KK, REPORT_EN)]
    assert proposed == [((2 * i, 2 * i + 1), (i,)) for i in range(6)]


def test_the_re_estimated_ratio_is_the_content_s_and_its_uncertainty_widens_the_model() -> None:
    kk = np.array([len(s) - s.count(" ") for s in SPEECH_KK], dtype=float)
    en = np.array([len(s) - s.count(" ") for s in REPORT_EN], dtype=float)
    medians, trusted = _plausible_ratio(kk, en)
    assert medians > 2.0 and not trusted
    document = _Document(Aligner(), SPEECH_KK, REPORT_EN, None, None)
    content = en.sum() / kk.sum()  # every sentence has its counterpart here
    assert abs(np.log(document.ratio / content)) < 0.1
    assert document.lengths.spread > 0.3  # half the way from the first pass's ratio to 2.4


def test_lengths_that_agree_on_a_usual_ratio_are_taken_as_they_are() -> None:
    rng = np.random.default_rng(5)
    kk = rng.integers(30, 200, 40).astype(float)
    en = kk * rng.uniform(0.9, 1.2, 40)
    ratio, trusted = _plausible_ratio(kk, en)
    assert trusted and ratio == en.sum() / kk.sum()
    # An English edition twice as long in every sentence is no usual translation.
    assert not _plausible_ratio(kk, 2 * en)[1]


def test_an_uncertain_ratio_makes_a_long_bead_s_difference_cheaper_than_a_short_one_s() -> None:
    sure, unsure = LengthModel(1.0, 2.2, 0.0), LengthModel(1.0, 2.2, 0.0, spread=0.3)
    short, long = (np.array([20.0]), np.array([26.0])), (np.array([200.0]), np.array([260.0]))
    saved_long = sure.cost(*long)[0] - unsure.cost(*long)[0]
    saved_short = sure.cost(*short)[0] - unsure.cost(*short)[0]
    assert saved_long > 3 and 0 < saved_short < saved_long / 10
    # The ratio's uncertainty adds (spread * ratio * mean length)^2 to the bead's variance.
    delta = 60 / np.sqrt(2.2 * 230 + (0.3 * 230) ** 2)
    assert unsure.cost(*long)[0] == pytest.approx(-np.log(2 * norm.cdf(-delta)))


def test_a_kept_ratio_is_as_uncertain_as_its_totals_and_medians_are_apart() -> None:
    # A usual ratio whose totals and medians agree within RATIO_AGREEMENT is kept as it is;
    # but the two still differ (two long Kazakh sentences say what the English says in two
    # each), and half their gap in log space is how uncertain the ratio is, as it is for a
    # ratio re-estimated by a first pass: taken as certain (no spread), it would count in
    # full where one a shade further apart is given the whole gap.
    kk = [
        "Министр 2023 жылы облыста 14 мектеп пен 6 аурухана салынғанын, олардың бәрі жаңа "
        "жабдықпен қамтылғанын айтты.",
        "Облыс бюджеті 12 пайызға өсті.",
        "Ауыл шаруашылығы өнімі 2023 жылы 8 пайызға артты, ал астық түсімі 1,2 миллион "
        "тоннаға жетіп, соңғы 5 жылдағы ең жоғары көрсеткіш болды.",
        "Жұмыссыздық 4 пайызға дейін төмендеді.",
    ]
    en = [
        "The minister said 14 schools and 6 hospitals were built in the region in 2023.",
        "All of them received new equipment from the health department, he added.",
        "The regional budget grew by 12 percent.",
        "Farm output rose by 8 percent in 2023 across all districts of the region.",
        "The grain harvest reached 1.2 million tonnes, the highest in 5 years.",
        "Unemployment fell to 4 percent.",
    ]
    doc = _Document(Aligner(), kk, en, None, None)
    kk_len = np.array([len(s) - s.count(" ") for s in kk], dtype=float)
    en_len = np.array([len(s) - s.count(" ") for s in en], dtype=float)
    totals = en_len.sum() / kk_len.sum()
    medians = np.median(en_len) / np.median(kk_len)
    assert doc.trusted and doc.lengths.ratio == pytest.approx(totals)
    assert 0.1 < abs(np.log(totals / medians)) < np.log(1.25)
    assert doc.lengths.spread == pytest.approx(abs(np.log(totals / medians)) / 2)
    beads = [(b.kk, b.en) for b in Aligner().align(kk, en)]
    assert beads == [((0,), (0, 1)), ((1,), (2,)), ((2,), (3, 4)), ((3,), (5,))]
