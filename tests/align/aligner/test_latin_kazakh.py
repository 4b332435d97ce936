"""Kazakh in the 2018 Latin alphabet, and Latin look-alike letters inside Cyrillic Kazakh
words: read into Cyrillic before features are taken."""

from __future__ import annotations

import pytest

from align.aligner.features import FeatureExtractor, kk_cyrillic
from align.aligner.lexicon import core_lexicon
from align.aligner.propose import Aligner

LATIN = "Keshe Memleket basshysy Qazaqstan ákimderimen telefon arqyly sóılesti."
CYRILLIC = "Кеше Мемлекет басшысы Қазақстан әкімдерімен телефон арқылы сөйлесті."


def test_a_latin_script_sentence_is_read_into_cyrillic() -> None:
    assert kk_cyrillic(LATIN) == CYRILLIC
    assert kk_cyrillic("Sondaı-aq Prezıdent densaýlyq jaǵdaıy jaqsy ekenin aıtty.") == (
        "Сондай-ақ Президент денсаулық жағдайы жақсы екенін айтты."
    )
    assert kk_cyrillic("Ol sensasıalyq jańalyq týraly baıandady.") == (
        "Ол сенсасиялық жаңалық туралы баяндады."  # ц is s, as it is read
    )


@pytest.mark.parametrize(
    "line",
    [
        "Президент Apple және Samsung компанияларының басшыларымен кездесті.",
        "Dalanews 03 qyr.",  # no letter of the Kazakh Latin alphabet's own
        "Tokayev met the heads of Apple and Samsung.",
        "Kazinform is the national news agency.",  # English quoted on the Kazakh side
        "Президент XXV Олимпиада ойындарының чемпионын марапаттады.",  # V has no twin
    ],
)
def test_other_lines_are_left_as_they_are(line: str) -> None:
    assert kk_cyrillic(line) == line


def test_a_latin_script_sentence_has_the_features_of_its_cyrillic_spelling() -> None:
    extract = FeatureExtractor(core_lexicon())
    assert extract.groups(LATIN, "kk") == extract.groups(CYRILLIC, "kk")


def test_latin_script_kazakh_aligns_on_its_words() -> None:
    # The English edition adds a sentence the Kazakh lacks after its first; on lengths
    # alone the Kazakh lead took it, and its own translation stood alone.
    kk = [
        "Memleket basshysy óńir ákimderimen telefon arqyly sóılesti.",
        "Oblys ákimi Prezıdentke 2023 jylǵy ekonomıkalyq ósý týraly baıandady.",
        "Prezıdent sý tasqynynyń aldyn alý sharalaryn kúsheıtýdi tapsyrdy.",
    ]
    en = [
        "The Head of State spoke by phone with the governors of the regions.",
        "The talks, which lasted about an hour, were held on Monday morning.",
        "The governor reported to the President on the economic growth in 2023.",
        "The President instructed to strengthen measures to prevent floods.",
    ]
    beads = [(b.kk, b.en) for b in Aligner().align(kk, en)]
    assert beads == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,))]


def test_latin_look_alikes_inside_cyrillic_words_are_made_cyrillic() -> None:
    # Web Kazakh (Tatoeba's among it) types Latin i for і, and a for а and so on.
    assert kk_cyrillic("Бiлгiм келмейдi, мен немiс тiлiн үйренемiн.") == (
        "Білгім келмейді, мен неміс тілін үйренемін."
    )
    assert kk_cyrillic("Oнтүстiк Қaзaқстaн") == "Онтүстік Қазақстан"
    extract = FeatureExtractor(core_lexicon())
    assert extract.groups("Мен немiс тiлiн үйренемiн.", "kk") == extract.groups(
        "Мен неміс тілін үйренемін.", "kk"
    )


def test_a_latin_acronym_before_a_kazakh_suffix_keeps_its_letters() -> None:
    assert kk_cyrillic("Ол COP-28-ге қатысты.") == "Ол COP-28-ге қатысты."
