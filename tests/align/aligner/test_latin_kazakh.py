"""Kazakh in the 2018 Latin alphabet, and Latin look-alike letters inside Cyrillic Kazakh
words: read into Cyrillic before features are taken."""

from __future__ import annotations

import pytest

from align.aligner.features import FeatureExtractor
from align.aligner.framing import Kind, label, labels
from align.aligner.lexicon import core_lexicon
from align.aligner.propose import Aligner
from corpus.text.script import kk_cyrillic, kk_cyrillic_lines

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


ADDRESS_KK = [
    "«Qymbatty otandastar!",  # none of the 2018 alphabet's own letters
    "Sizderdi Táýelsizdik kúnimen shyn júrekten quttyqtaımyn.",
    "Bul – halqymyz úshin eń qasıetti mereke.",
]
ADDRESS_EN = [
    "Dear compatriots!",
    "I sincerely congratulate you on Independence Day.",
    "This is the most sacred holiday for our people.",
]


def test_a_latin_script_side_is_read_whole_lines_without_its_own_letters_too() -> None:
    assert kk_cyrillic("«Qymbatty otandastar!") == "«Qymbatty otandastar!"  # alone: unsure
    assert kk_cyrillic_lines(ADDRESS_KK)[0] == "«Қымбатты отандастар!"
    assert kk_cyrillic_lines(ADDRESS_EN) == ADDRESS_EN
    # A Cyrillic side with one Latin-script line: that line as kk_cyrillic reads it, no more.
    cyrillic = ["Кеше Президент сөз сөйледі.", "Qymbatty otandastar!", LATIN]
    assert kk_cyrillic_lines(cyrillic) == cyrillic


def test_a_latin_script_edition_s_salutation_is_framing_and_pairs_with_the_other_s() -> None:
    # Read line by line, the salutation (no letter only the Latin alphabet has) stayed in
    # Latin: no framing pattern, no lexicon word, so it and "Dear compatriots!" stood alone.
    assert labels(ADDRESS_KK)[0] == (Kind.FRAME, "salutation")
    beads = [(b.kk, b.en) for b in Aligner().align(ADDRESS_KK, ADDRESS_EN)]
    assert beads == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_latin_script_pointer_back_is_a_note() -> None:
    lines = ["Prezıdent ákimdermen kezdesti.", "Eske salaıyq, buǵan deıin ol óńirge barǵan."]
    assert [k for k, _ in labels(lines)] == [Kind.BODY, Kind.NOTE]


def test_an_english_line_with_a_latin_script_kazakh_letter_is_read_as_english() -> None:
    # á, ó, ń, ı are that alphabet's own letters, and English news prints them in names
    # (Ramón, Ó Briain, Kılıç): read as Kazakh, "Earlier it was reported" became
    # "Еарлиер іт уас…" and matched no English pattern.
    note = "Earlier it was reported that Ramón Ó Briain arrived in Astana."
    assert labels([note], "en") == [(Kind.NOTE, "note")]
    assert label(note, "en") == (Kind.NOTE, "note")
    caption = ["Kılıç and Ramón in Astana", "Photo: Ramón Núñez"]
    assert [k for k, _ in labels(caption, "en")] == [Kind.HEADLINE, Kind.FRAME]
    assert labels(caption, "en")[1][1] == "page furniture"
    # the Kazakh side, as before, is read into Cyrillic first
    assert labels(["Eske salaıyq, buǵan deıin ol óńirge barǵan."], "kk") == [(Kind.NOTE, "note")]
