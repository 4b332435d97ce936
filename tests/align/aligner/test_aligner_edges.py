"""Sentences one edition leaves out at the document's edge (Weights.edge_lone)."""

from __future__ import annotations

from align.aligner import propose
from align.aligner.dynamic import Weights
from align.aligner.propose import Aligner
from align.model import IndexBead

# A greeting post: the Kazakh quotes the President's greeting in full, the English report
# sums up only its last two sentences, each loosely.
REPORT = [
    "In the words of the Head of State, over recent years the pay of those who teach in the "
    "country's classrooms has grown substantially, which he called a matter of principle.",
    "He added that this year the country will see the construction of new schools in many regions.",
]
PAY, SCHOOLS = (
    "Президенттің айтуынша, соңғы жылдары мұғалімдердің жалақысы айтарлықтай өсті.",
    "Биыл елімізде жаңа мектептер салынады.",
)


def _beads(kk: list[str], en: list[str], weights: Weights | None = None) -> list[tuple]:
    aligner = Aligner() if weights is None else Aligner(weights=weights)
    return [(b.kk, b.en) for b in aligner.align(kk, en)]


def test_an_opening_the_other_edition_leaves_out_stays_alone() -> None:
    kk = [
        "Мемлекет басшысы елдің барлық ұстаздарын алдағы кәсіби мерекесімен шын жүректен "
        "құттықтады.",
        "Мұғалім – әр баланың алғашқы тәлімгері, оның өмір жолын көрсететін адам.",
        "Ұстаздың еңбегі қоғамның болашағын айқындайды.",
        "Сондықтан әр мектепте білікті мамандар жұмыс істеуі тиіс.",
        PAY,
        SCHOOLS,
    ]
    gold = [((0,), ()), ((1,), ()), ((2,), ()), ((3,), ()), ((4,), (0,)), ((5,), (1,))]
    assert _beads(kk, REPORT) == gold
    # Priced like lone sentences in the middle, the four cost more than hiding them in
    # merges: the greeting is paired with the report's first sentence and the rest after.
    assert _beads(kk, REPORT, Weights(edge_lone=0.0)) != gold


def test_a_close_the_other_edition_leaves_out_stays_alone() -> None:
    kk = [
        PAY,
        SCHOOLS,
        "Ұстаз – ұлттың ұстыны.",
        "Мұғалім – әр баланың алғашқы тәлімгері, оның өмір жолын көрсететін адам.",
        "Ұстазын ұлықтаған елдің болашағы жарқын болары хақ.",
    ]
    gold = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), ())]
    assert _beads(kk, REPORT) == gold
    assert _beads(kk, REPORT, Weights(edge_lone=0.0)) != gold


def test_a_closing_speech_tag_stays_in_the_last_bead() -> None:
    # The last Kazakh sentence is the speech tag of the one before it and shares "Head of
    # State" with the last English sentence: it is no sentence the English leaves out.
    kk = [
        "Мемлекет басшысы Павлодар облысының әкімі Асқар Смағұловты қабылдады.",
        "Әкім өңірдегі жылу маусымына дайындық туралы баяндады.",
        "Жылу желілерін жөндеу жұмыстарын тездету керек.",
        "Бұл – басты міндет, – деді Мемлекет басшысы.",
    ]
    en = [
        "The Head of State received Askar Smagulov, the governor of Pavlodar region.",
        "The governor reported on the region's preparations for the heating season.",
        "The Head of State said that speeding up the repair of the heating networks is the "
        "main task.",
    ]
    assert _beads(kk, en) == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))]


def test_only_the_documents_own_edges_are_edges(monkeypatch) -> None:
    # Re-aligned around a translator's confirmed bead, the stretch before it starts at the
    # document's start but ends at the bead, and the stretch after it the other way round.
    seen = []
    real = propose.search

    def search(problem, *args, **kwargs):
        seen.append((problem.starts, problem.ends))
        return real(problem, *args, **kwargs)

    monkeypatch.setattr(propose, "search", search)
    kk = [PAY, SCHOOLS, "Ұстаз – ұлттың ұстыны."]
    en = [*REPORT, "A teacher is the pillar of the nation."]
    Aligner().align(kk, en, anchors=[IndexBead((1,), (1,))])
    assert seen[-2:] == [(True, False), (False, True)]


def test_a_closing_speech_tag_that_names_no_one_stays_in_the_last_bead() -> None:
    # The last Kazakh sentence closes the quote before it ("I think it is of great symbolic
    # meaning for the country's future, he said") and the English folds it into its last
    # sentence: it shares no word with it, yet it is the tail of the last bead, not a
    # sentence the English leaves out. Priced as an edge, it went alone (the 2-1 cut into a
    # 1-1 and a lone sentence).
    kk = [
        "Мемлекет басшысы Павлодар облысының әкімі Асқар Смағұловты қабылдады.",
        "Әкім өңірдегі жылу маусымына дайындық туралы баяндады.",
        "«Жаңа жылу орталығы биыл қыс басталмай тұрып іске қосылады.",
        "Мұның еліміздің болашағы үшін зор символдық мәні бар деп есептеймін», — деді ол.",
    ]
    en = [
        "The Head of State received Askar Smagulov, the governor of Pavlodar region.",
        "The governor reported on the region's preparations for the heating season.",
        "The new heating plant will be launched this year before the winter begins, a step he "
        "called symbolic.",
    ]
    assert _beads(kk, en) == [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))]


def test_a_closing_run_the_other_edition_leaves_out_stays_alone_to_its_end() -> None:
    # Two sentences of background after the English stops: both alone, the last one too
    # (the run's last sentence pays a lone sentence's full price, the one before it less).
    kk = [
        PAY,
        SCHOOLS,
        "Ұстаз – ұлттың ұстыны.",
        "Ұстазын ұлықтаған елдің болашағы жарқын болары хақ.",
    ]
    assert _beads(kk, REPORT) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
