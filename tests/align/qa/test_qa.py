"""The quality checks: each one fires on what it is for and stays quiet on clean text.

Every check in the catalogue has a case that must fire and at least one
clean case that must not; a test makes sure no check is left without both.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from align.formats.units import Selection, Unit
from align.qa import (
    CATALOG,
    CHECKS,
    Calibration,
    ConfigError,
    QAConfig,
    calibrate,
    check_corpus,
    check_document,
    check_units,
    load_config,
)
from align.qa.config import parse_config
from align.qa.lengths import calibrate_lengths
from align.qa.numbers import compare, find_numbers
from corpus.glossary import Glossary, add_term, make_term
from corpus.storage.store import Corpus
from tests.helpers import make_doc


def U(kk: str, en: str, bead: int = 0, doc: str = "d", status: str = "confirmed") -> Unit:
    """A unit; an empty side has no sentences (a 1-0 or 0-1 bead)."""
    kk_ids = (f"kk.s{bead + 1}",) if kk != "" else ()
    en_ids = (f"en.s{bead + 1}",) if en != "" else ()
    return Unit(doc, bead, kk, en, kk_ids, en_ids, status, 0.9)  # type: ignore[arg-type]


def units(*pairs: tuple[str, str]) -> list[Unit]:
    return [U(k, e, i) for i, (k, e) in enumerate(pairs)]


LONG_EN = (
    "Yes, and then he went on to describe at great length the whole history of the region, "
    "its rivers and mountains, and all of its peoples over many centuries of change."
)

FIRES: dict[str, list[Unit]] = {
    "empty-target": units(("Сәлем.", "   ")),
    "empty-source": units((" \t", "Hello.")),
    "untranslated": [U("Сәлем.", "", status="auto")],
    "identical": units(("COVID-19 pandemic", "COVID-19 pandemic")),
    "cyrillic-in-english": units(("Бұл Астана.", "This is Астана.")),
    "look-alike": units(("Бiлгiм келеді.", "I want to know.")),
    "numbers": units(("1,5 млрд теңге бөлінді.", "2.5 billion tenge was allocated.")),
    "brackets": units(("«Иә, – деді ол.", '"Yes," he said.')),
    "end-punctuation": units(("Келдің бе?", "You came.")),
    "double-space": units(("Бұл  сөз.", "This word.")),
    "edge-whitespace": units(("Сәлем. ", "Hello.")),
    "length-ratio": units(("Иә.", LONG_EN)),
    "urls-emails": units(("Толығырақ: www.akorda.kz", "More: www.akorda.gov.kz")),
    "first-letter-case": units(("қала", "City")),
    "repeated-word": units(("Ол келді.", "He came came.")),
    "glossary-term": units(("Парламенттің отырысы өтті.", "The Senate met.")),
    "inconsistent-target": units(("Иә.", "Yes."), ("Иә.", "Indeed.")),
    "inconsistent-source": units(("Иә.", "Yes."), ("Әрине.", "Yes.")),
    "illegal-characters": units(("Сөз\x7f.", "Word.")),
    "invisible-characters": units(("Сөз\u200b.", "Word.")),
    "unicode-nfc": units(("Би\u0306ле.", "Dance.")),
    "segment-too-long": units(("а " * 1000 + "б", "a " * 1000 + "b")),
    "duplicate-pair": units(("Иә.", "Yes."), ("Иә.", "Yes.")),
    "unconfirmed": [U("Иә.", "Yes.", status="auto")],
}

CLEAN: dict[str, list[list[Unit]]] = {
    "empty-target": [units(("Сәлем.", "Hello."))],
    "empty-source": [units(("Сәлем.", "Hello."))],
    "untranslated": [units(("Сәлем.", "Hello.")), units(("АСТАНА. Kazinform –", ""))],
    "identical": [units(("Сәлем.", "Hello.")), units(("2019", "2019"))],
    "cyrillic-in-english": [units(("Бұл Астана.", "This is Astana."))],
    "look-alike": [units(("Білгім келеді.", "I want to know, said Kazinform."))],
    "numbers": [
        units(("1,5 млрд теңге бөлінді.", "1.5 billion tenge was allocated.")),
        units(("Екі адам келді.", "2 people came.")),
        units(("1 000 адам келді.", "1,000 people came.")),
        units(("ХХІ ғасырда.", "In the 21st century.")),
        units(("2021 жылғы 6 тамызда.", "On 6 August 2021.")),
        units(("3-ші кездесу өтті.", "The third meeting was held.")),
        units(("Ол 12,5 пайызға өсті.", "It grew by 12.5 percent.")),
        units(("Жиырма бес мың адам.", "25,000 people.")),
    ],
    "brackets": [
        units(("«Иә», – деді ол.", '"Yes," he said.')),
        units(("«Біз келдік.", '"We came.')),  # a quotation the next sentence closes
        units(("Ол (біз) келді.", "He (we) came.")),
        units(("„Ішкі“ сөз.", "An “inner” word.")),
    ],
    "end-punctuation": [
        units(("Келдің бе?", "Did you come?")),
        units(("«Иә.»", '"Yes."')),
        units(("Саясат", "Politics")),
    ],
    "double-space": [units(("Бұл сөз.", "This word."))],
    "edge-whitespace": [units(("Сәлем.", "Hello."))],
    "length-ratio": [
        units(("Иә.", "Yes.")),
        units(("Бүгін күн жылы болды.", "It was warm today.")),
    ],
    "urls-emails": [
        units(("Хат: info@kopir.kz", "Mail: info@kopir.kz")),
        units(("https://akorda.kz/ сайтында.", "On the akorda.kz website.")),
    ],
    "first-letter-case": [units(("Қала", "City")), units(("2021 жылы", "In 2021"))],
    "repeated-word": [units(("Ол тез-тез келді.", "He came quickly."))],
    "glossary-term": [
        units(("Парламенттің отырысы өтті.", "Parliament met.")),
        units(("Парламенттер жиналды.", "The parliaments gathered.")),
        units(("Парламенттің отырысы өтті.", "")),  # no English yet: not a term problem
        units(("Сәлем.", "Hello.")),
    ],
    "inconsistent-target": [units(("Иә.", "Yes."), ("Иә.", "Yes."))],
    "inconsistent-source": [units(("Иә.", "Yes."), ("Иә.", "Yes."))],
    "illegal-characters": [units(("Сөз.", "Word."))],
    "invisible-characters": [units(("Сөз.", "Word."))],
    "unicode-nfc": [units(("Билей.", "Dance."))],
    "segment-too-long": [units(("а" * 2000, "a" * 2000))],
    "duplicate-pair": [units(("Иә.", "Yes."), ("Жоқ.", "No."))],
    "unconfirmed": [[U("Иә.", "Yes.", status="confirmed")]],
}

BUILTIN = Calibration.builtin()
#: The checks run with a glossary of one term, for the glossary check's cases.
GLOSSARY = replace(
    QAConfig.default(),
    glossary=Glossary((make_term("Парламент", ["Parliament"]),)),
)


def checks_found(found: list, check: str) -> list:
    return [f for f in found if f.check == check]


def test_every_pair_and_corpus_check_has_a_firing_and_a_clean_case() -> None:
    testable = {c.id for c in CATALOG if c.scope != "document"}
    assert set(FIRES) == testable
    assert set(CLEAN) == testable


@pytest.mark.parametrize("check", sorted(FIRES))
def test_check_fires(check: str) -> None:
    found = checks_found(check_units(FIRES[check], GLOSSARY, calibration=BUILTIN), check)
    assert found, f"{check} did not fire"
    for finding in found:
        assert finding.severity == CHECKS[check].severity
        assert finding.doc_id == "d" and 0 <= finding.bead < len(FIRES[check])
        assert finding.message and "\n" not in finding.message


@pytest.mark.parametrize(
    ("check", "case"), [(c, i) for c, cases in sorted(CLEAN.items()) for i in range(len(cases))]
)
def test_check_stays_quiet_on_clean_input(check: str, case: int) -> None:
    found = checks_found(check_units(CLEAN[check][case], GLOSSARY, calibration=BUILTIN), check)
    assert not found, [f.message for f in found]


def test_document_level_check_fires_only_for_an_unaligned_document() -> None:
    aligned = make_doc("a", [("Иә.", "Yes.")])
    assert not checks_found(check_document(aligned), "not-aligned")
    unaligned = make_doc("u", [("Иә.", "Yes.")])
    unaligned.links = []
    [finding] = checks_found(check_document(unaligned), "not-aligned")
    assert finding.bead == -1 and "kopir realign u" in finding.message


def test_messages_say_what_and_where_in_the_translators_terms() -> None:
    found = check_units(
        units(("2019 жылы 15 адам келді.", "In 2018, 15 people came.")), calibration=BUILTIN
    )
    [numbers] = checks_found(found, "numbers")
    assert "2019 in the Kazakh is not in the English" in numbers.message
    assert "2018 in the English is not in the Kazakh" in numbers.message
    [illegal] = checks_found(check_units(FIRES["illegal-characters"]), "illegal-characters")
    assert "U+007F DELETE at column 4" in illegal.message and illegal.side == "kk"


@pytest.mark.parametrize(
    ("kk", "en", "written"),
    [
        ("1,5 млрд", "1.5 billion", "1,5"),
        ("екі", "two", None),
        ("1 000", "1,000", "1 000"),
        ("1 000,5", "1,000.5", "1 000,5"),
        ("10 000 000", "10 million", "10 000 000"),
        ("$2,5 млрд", "$2.5bn", "2,5"),
    ],
)
def test_numbers_in_kazakh_and_english_formats_match(kk: str, en: str, written: str) -> None:
    assert compare(kk, en) == ([], [])
    assert compare(kk, "nothing") == ([written] if written else [], [])
    assert bool(compare("ештеңе", en)[1]) == (written is not None)


def test_a_closing_quote_with_nothing_open_is_named() -> None:
    found = check_units(units(("Ол келді.", 'He came."')), calibration=BUILTIN)
    [brackets] = checks_found(found, "brackets")
    assert brackets.side == "en" and 'the English has " without its opening "' in brackets.message
    one_sided = check_units([U("", '0"')], calibration=BUILTIN)  # a 0-1 bead
    assert [f.side for f in checks_found(one_sided, "brackets")] == ["en"]


def test_a_one_sided_bead_a_translator_confirmed_is_a_decision_not_an_omission() -> None:
    found = check_units(
        [
            U("Сәлем.", "Hello.", 0),
            U("АСТАНА. Kazinform –", "", 1),  # a dateline the English edition drops
            U("", "Photo: the akimat's press office.", 2),  # a caption only English prints
            U("Бұл жаңалық.", "", 3, status="auto"),  # the aligner's guess: still a question
            U("", "It rained.", 4, status="auto"),
        ],
        calibration=BUILTIN,
    )
    assert [(f.bead, f.side) for f in checks_found(found, "untranslated")] == [(3, "kk"), (4, "en")]


def test_a_quotation_over_several_beads_balances_across_a_one_sided_bead() -> None:
    quotation = [
        U("Министр сөз сөйледі.", "The minister spoke.", 0),
        U("«Мектеп биыл ашылды.", "", 1),  # the English leaves this sentence out
        U("Оқушылар көп», – деді ол.", '"There are many pupils," he said.', 2),
    ]
    assert not checks_found(check_units(quotation, calibration=BUILTIN), "brackets")
    # the same across two documents: one opens, the other closes, neither balances
    split = [replace(quotation[1], doc_id="a"), replace(quotation[2], doc_id="b", bead=0)]
    found = checks_found(check_units(split, calibration=BUILTIN), "brackets")
    assert [(f.doc_id, f.bead, f.side) for f in found] == [("a", 1, "kk"), ("b", 0, "kk")]
    assert "« without its closing »" in found[0].message
    # a confirmed bead with a bracket that nothing closes still warns
    unclosed = [U("Ол (біз келді.", "He (we) came.", 0), U("Иә.", "Yes.", 1)]
    [finding] = checks_found(check_units(unclosed, calibration=BUILTIN), "brackets")
    assert (finding.bead, finding.side) == (0, "kk")
    assert "( without its closing )" in finding.message


def test_thousands_of_marks_left_open_are_read_in_linear_time() -> None:
    # The brackets check reads a whole document's beads as one text, so a scraped
    # document's stray marks stay open to its end: each closing mark with no opener of
    # its kind looked through all of them (20,000 beads: the editor's re-check after
    # one edit took 17 s, 0.5 s before quotations were read across beads).
    from align.qa.marks import MarkStack

    def read(n: int) -> tuple[float, MarkStack]:
        stack = MarkStack()
        started = time.perf_counter()
        for i in range(n):
            stack.feed("Ол «бір сөз айтты.", i)
        for i in range(n):
            stack.feed("Ол бір” сөз «екі» айтты.", n + i)  # ” opens nothing; «екі» balances
        return time.perf_counter() - started, stack

    # ten times the marks: about ten times the time when linear, a hundred when quadratic
    # (a ratio, not a time, so that a loaded machine does not fail it)
    small = min(read(4_000)[0] for _ in range(3))
    big, stack = read(40_000)
    assert big < 40 * small, (small, big)
    unclosed, unopened = stack.left()
    assert unclosed == [("«", i) for i in range(40_000)]
    assert unopened == [("”", 40_000 + i) for i in range(40_000)]
    # quotes nest over texts, a closer taking the innermost opener of its kind and
    # closing what is inside it; a bracket is closed in its own text or not at all
    stack = MarkStack()
    for where, text in enumerate(["«a „b (c", "d“ e «f", "g»", "h»", "i) j» k»"]):
        stack.feed(text, where)
    assert stack.left() == ([("(", 0)], [(")", 4), ("»", 4), ("»", 4)])
    stack = MarkStack()
    for where, text in enumerate(["«a „b", "c»", "d“"]):
        stack.feed(text, where)
    assert stack.left() == ([("„", 0), ("“", 2)], [])  # “ after » opens an English quote


def test_a_bracket_left_open_is_not_closed_by_a_list_item_beads_on() -> None:
    # Quotations wait for a later bead; brackets do not: a "(" the translator forgot to
    # close was closed by a list's "3)" forty beads on, and neither was reported.
    filler = [U(f"Сөйлем {i}.", f"Sentence {i}.", i) for i in range(1, 40)]
    found = check_units(
        [U("Ол (біз келді.", "He (we) came.", 0), *filler, U("3) тармақ.", "Item 3.", 40)],
        calibration=BUILTIN,
    )
    assert [(f.bead, f.side, f.message) for f in checks_found(found, "brackets")] == [
        (0, "kk", "the Kazakh has ( without its closing )"),
        (40, "kk", "the Kazakh has ) without its opening ("),
    ]


def test_a_quotation_mark_left_open_is_not_closed_by_another_forty_beads_on() -> None:
    # As brackets: a "«" the translator forgot to close was closed by the "»" of another
    # quotation forty beads on (its own "«" lost), and neither was reported.
    filler = [U(f"Сөйлем {i}.", f"Sentence {i}.", i) for i in range(1, 40)]
    found = check_units(
        [
            U("«Мектеп биыл ашылды.", '"The school opened this year."', 0),
            *filler,
            U("Оқушылар көп», – деді ол.", '"There are many pupils," he said.', 40),
        ],
        calibration=BUILTIN,
    )
    assert [(f.bead, f.side, f.message) for f in checks_found(found, "brackets")] == [
        (0, "kk", "the Kazakh has « without its closing »"),
        (40, "kk", "the Kazakh has » without its opening «"),
    ]
    # a quotation over ten sentences (an address quoted whole) still balances
    speech = [U("«Құрметті отандастар!", '"Dear compatriots!', 0)]
    speech += [U(f"Сөйлем {i}.", f"Sentence {i}.", i) for i in range(1, 10)]
    speech.append(
        U("Бәрімізге бақыт тілеймін», – деді ол.", 'I wish us all happiness," he said.', 10)
    )
    assert not checks_found(check_units(speech, calibration=BUILTIN), "brackets")


def test_a_quotation_opened_in_a_bead_an_export_leaves_out_still_balances(
    tmp_path: Path,
) -> None:
    # An export without 1-0 beads checked the bead closing the quotation alone and
    # warned of its » (found exporting a real item whose quotation opened in a 1-0 bead).
    corpus = Corpus(tmp_path)
    pairs = [
        ("«Мектеп биыл ашылды.", ""),
        ("Оқушылар көп», – деді ол.", '"There are many pupils," he said.'),
        ("Ол (біз келді.", "He (we) came."),  # nothing closes it: still a finding
    ]
    corpus.save(make_doc("a", pairs))
    for found in (
        check_corpus(corpus, selection=Selection()),
        check_document(corpus.load("a"), selection=Selection()),
    ):
        assert [(f.bead, f.side) for f in checks_found(found, "brackets")] == [(2, "kk")]


def test_number_words_do_not_count_as_numbers_when_they_are_other_words() -> None:
    # "үшін" (for) and "бірақ" (but) start like үш (3) and бір (1)
    assert "3" not in find_numbers("Сен үшін, бірақ.", "kk").values
    assert {"3", "1"} <= find_numbers("үшінші бірінші", "kk").values


def test_consistency_is_checked_across_the_documents_given(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path)
    corpus.save(make_doc("a", [("Иә.", "Yes."), ("Жоқ.", "No.")]))
    corpus.save(make_doc("b", [("Иә.", "Indeed.")]))
    found = checks_found(check_corpus(corpus), "inconsistent-target")
    assert [(f.doc_id, f.bead) for f in found] == [("a", 0), ("b", 0)]
    assert "«Indeed.»" in found[0].message and "b, bead 1" in found[0].message
    assert "«Yes.»" in found[1].message
    alone = check_corpus(corpus, ["a"])
    assert not checks_found(alone, "inconsistent-target")


def test_a_line_translated_many_ways_names_the_first_other_version_at_each(
    tmp_path: Path,
) -> None:
    """Each occurrence names the first version other than its own and counts the rest
    (kept as it was when the look-up stopped scanning every version for each occurrence)."""
    corpus = Corpus(tmp_path)
    versions = ["Astana.", "Astana.", "Nur-Sultan.", "Astana city.", "Nur-Sultan.", "Akmola."]
    for n, en in enumerate(versions):
        corpus.save(make_doc(f"d{n}", [("Астана.", en)]))
    found = checks_found(check_corpus(corpus), "inconsistent-target")
    named = [(f.doc_id, f.message.split(" at ")[1]) for f in found]
    assert named == [
        ("d0", "d2, bead 1: «Nur-Sultan.» (and 2 other versions)"),
        ("d1", "d2, bead 1: «Nur-Sultan.» (and 2 other versions)"),
        ("d2", "d0, bead 1: «Astana.» (and 2 other versions)"),
        ("d3", "d0, bead 1: «Astana.» (and 2 other versions)"),
        ("d4", "d0, bead 1: «Astana.» (and 2 other versions)"),
        ("d5", "d0, bead 1: «Astana.» (and 2 other versions)"),
    ]


def test_selection_limits_what_is_checked(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path)
    corpus.save(make_doc("a", [("Иә.", "  "), ("Жоқ.", "No.")], statuses=["auto", "confirmed"]))
    everything = check_corpus(corpus)
    assert checks_found(everything, "empty-target") and checks_found(everything, "unconfirmed")
    exported = check_corpus(corpus, selection=Selection())
    assert not checks_found(exported, "empty-target") and not checks_found(exported, "unconfirmed")


def test_seed_corpus_findings(seed_corpus: Path) -> None:
    """The seeds are clean translations: no errors, and the one look-alike word is found."""
    found = check_corpus(Corpus(seed_corpus))
    assert not [f for f in found if f.severity == "error"]
    [look_alike] = checks_found(found, "look-alike")
    assert look_alike.doc_id == "000_6cc29457a28446bc" and "«rәрі»" in look_alike.message
    assert "«кәрі»" in look_alike.message
    assert len(checks_found(found, "unconfirmed")) == 316


# ---------------------------------------------------------------- length calibration


def _pairs(ratio: float, n: int) -> list[tuple[int, int]]:
    """Lengths whose English is ``ratio`` times the Kazakh, with a realistic spread."""
    return [(40 + 3 * i, round((40 + 3 * i) * ratio) + (i % 7) - 3) for i in range(n)]


def test_length_calibration_comes_from_the_corpus_not_a_constant() -> None:
    doubled = calibrate_lengths(_pairs(2.0, 200))
    assert doubled.fitted and doubled.pairs == 200
    assert doubled.ratio == pytest.approx(2.0, rel=0.05)
    # Under the built-in model (1.06) a doubled English would be an outlier; here it is normal,
    # and an English the same length as the Kazakh is the outlier.
    assert abs(doubled.z(100, 200)) < 2
    assert abs(doubled.z(100, 100)) > 4
    assert abs(BUILTIN.z(100, 200)) > 4


def test_length_calibration_is_robust_to_the_outliers_it_looks_for() -> None:
    clean = calibrate_lengths(_pairs(1.1, 200))
    dirty = calibrate_lengths(_pairs(1.1, 200) + [(50, 900), (900, 20)] * 10)
    assert dirty.ratio == pytest.approx(clean.ratio, rel=0.02)
    assert dirty.spread == pytest.approx(clean.spread, rel=0.25)


def test_a_tiny_corpus_falls_back_to_the_builtin_model_and_says_so() -> None:
    cal = calibrate_lengths(_pairs(2.0, 5))
    assert not cal.fitted and cal.ratio == BUILTIN.ratio
    [finding] = checks_found(check_units(units(("Иә.", LONG_EN)), calibration=cal), "length-ratio")
    assert "built-in" in finding.message and "only 5 pairs" in finding.message
    fitted = calibrate_lengths(_pairs(1.0, 100))
    [finding] = checks_found(
        check_units(units(("Иә.", LONG_EN)), calibration=fitted), "length-ratio"
    )
    assert "calibrated on 100 pairs" in finding.message


def test_calibrate_takes_a_corpus_documents_or_units(seed_corpus: Path) -> None:
    corpus = Corpus(seed_corpus)
    from_corpus = calibrate(corpus)
    docs = [corpus.load(i) for i in corpus.ids()]
    assert from_corpus == calibrate(docs)
    assert from_corpus.fitted and from_corpus.pairs == 316
    assert 0.9 < from_corpus.ratio < 1.3


# ---------------------------------------------------------------- configuration


def test_config_switches_a_check_off_regrades_and_tunes_it() -> None:
    config = parse_config(
        b"""
[checks.double-space]
enabled = false

[checks.numbers]
severity = "error"

[checks.segment-too-long]
max-chars = 10
""",
        "kopir.toml",
    )
    found = check_units(
        units(("Бұл  2019 жыл.", "This year 2018."), ("Қысқа.", "Short.")), config, BUILTIN
    )
    assert not checks_found(found, "double-space")
    assert [f.severity for f in checks_found(found, "numbers")] == ["error"]
    assert [(f.bead, f.side) for f in checks_found(found, "segment-too-long")] == [
        (0, "kk"),
        (0, "en"),
    ]


def test_config_is_read_from_the_corpus_directory(tmp_path: Path) -> None:
    assert load_config(tmp_path) == QAConfig.default()
    (tmp_path / "kopir.toml").write_text('[checks.unconfirmed]\nseverity = "warning"\n', "utf-8")
    config = load_config(tmp_path)
    assert config.severity("unconfirmed") == "warning"
    assert config.source == str(tmp_path / "kopir.toml")
    (tmp_path / "kopir.toml").write_text("[tui]\ntheme = 'dark'\n", "utf-8")  # other tables
    assert load_config(tmp_path).checks == QAConfig.default().checks


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[checks.dubble-space]\nenabled = false", "unknown check 'dubble-space'; did you mean"),
        ("[checks.numbers]\nseverity = 'fatal'", "checks.numbers.severity: expected one of"),
        ("[checks.numbers]\nenabled = 'no'", "checks.numbers.enabled: expected true or false"),
        ("[checks.numbers]\ncolour = 1", "checks.numbers.colour: unknown setting 'colour'"),
        ("[checks.segment-too-long]\nmax-chars = -5", "max-chars: expected a number above 0"),
        ("[checks.segment-too-long]\nmax-chars = 1.5", "max-chars: expected a whole number"),
        ("[checks.length-ratio]\nthreshold = 'high'", "threshold: expected a number"),
        ("checks = 3", "'checks' must be a table"),
        ("[checks]\nnumbers = false", "checks.numbers must be a table"),
        ("[checks.numbers\nenabled = false", "not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_error_naming_file_and_key(
    tmp_path: Path, toml: str, expected: str
) -> None:
    (tmp_path / "kopir.toml").write_text(toml, "utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    message = str(error.value)
    assert message.startswith(str(tmp_path / "kopir.toml")) and expected in message
    assert "\n" not in message


def test_the_readme_documents_every_check_with_its_default_severity() -> None:
    from tests.helpers import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    for check in CATALOG:
        assert f"| `{check.id}` | {check.severity} |" in readme, check.id


def test_the_editors_checker_gives_check_documents_findings_rechecking_only_edits(
    seed_corpus: Path,
) -> None:
    from align.edit import Confirm, Merge, Split
    from align.qa import DocumentChecker
    from align.session import Session

    corpus = Corpus(seed_corpus)
    session = Session(corpus, corpus.load("002_417f7ec88ad58ae1"))
    try:
        calibration = calibrate(corpus)
        checker = DocumentChecker(calibration=calibration)
        assert checker.check(session.snapshot()) == check_document(
            session.snapshot(), calibration=calibration
        )
        assert checker.rechecked == 147
        for edit in (Merge(3), Confirm(10), Split(3, 1, 1)):  # Merge moves every later bead
            session.apply(edit)
            doc = session.snapshot()
            found = checker.check(doc, session.alignment)
            assert found == check_document(doc, calibration=calibration)
            assert checker.rechecked <= 2
        session.set_texts(20, "en", ["Figures: 2019 and 2020."])
        doc = session.snapshot()
        found = checker.check(doc)
        assert found == check_document(doc, calibration=calibration)
        assert checker.rechecked == 1
        assert [f.bead for f in checks_found(found, "numbers")] == [20]
    finally:
        session.close()


def test_worst_by_bead_flags_errors_over_warnings_and_ignores_notes() -> None:
    from align.qa.findings import Finding, worst_by_bead

    def finding(bead: int, severity: str) -> Finding:
        return Finding("numbers", severity, "d", bead, "m", "both")  # type: ignore[arg-type]

    found = [finding(0, "warning"), finding(0, "error"), finding(0, "warning"), finding(1, "info"),
             finding(2, "warning"), finding(-1, "error")]  # fmt: skip
    assert worst_by_bead(found) == {0: "error", 2: "warning"}


def test_the_corpus_glossary_is_checked_by_kopir_check_and_the_editor(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path)
    corpus.save(make_doc("d", [("Парламенттің отырысы өтті.", "The Senate met."), ("Иә.", "Yes.")]))
    assert not checks_found(check_corpus(corpus), "glossary-term")
    add_term(tmp_path, make_term("Парламент", ["Parliament", "Mazhilis"]))
    [finding] = checks_found(check_corpus(corpus), "glossary-term")
    assert finding.bead == 0 and finding.side == "en" and finding.severity == "warning"
    assert finding.message == (
        "the glossary term «Парламент» is here: its English is «Parliament» or «Mazhilis»"
    )
    assert checks_found(check_document(corpus.load("d"), load_config(tmp_path)), "glossary-term")


def test_a_glossarys_terms_are_prepared_once_not_for_every_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Preparing a term (its words, their lemmas) is what a check run pays before the first
    # unit: an editor re-checks after every edit and ``kopir stats`` checks each document.
    import corpus.glossary.store
    from align.qa import DocumentChecker
    from corpus.glossary import TermMatcher

    built: list[Glossary] = []

    class Counted(TermMatcher):
        def __init__(self, glossary: Glossary) -> None:
            built.append(glossary)
            super().__init__(glossary)

    monkeypatch.setattr(corpus.glossary.store, "TermMatcher", Counted)
    glossary = Glossary((make_term("Өскемен әкімдігі", ["Oskemen akimat"]),))
    config = replace(QAConfig.default(), glossary=glossary)
    doc = make_doc("d", [("Өскемен әкімдігінің шешімі.", "The city's decision.")])
    checker = DocumentChecker(config)
    for _ in range(3):
        assert checks_found(checker.check(doc), "glossary-term")
        assert checks_found(check_document(doc, config), "glossary-term")
    equal = replace(config, glossary=Glossary(glossary.terms))  # as another load_config reads it
    assert checks_found(check_document(doc, equal), "glossary-term")
    assert built == [glossary]


def test_the_editors_terms_and_the_glossary_check_share_one_matcher(tmp_path: Path) -> None:
    # Preparing the terms is paid once per glossary, not once for the editor's list of the
    # bead's terms and again for the check that runs after each edit.
    from align.qa.terms import glossary_check
    from corpus.glossary import glossary_matcher, load_glossary

    add_term(tmp_path, make_term("Ертіс өзені", ["Irtysh River"]))
    check = glossary_check(load_glossary(tmp_path))
    assert isinstance(check, partial)
    assert check.args[0] is glossary_matcher(tmp_path)
