"""kopir's segmentation as SRX: the rules cut where the segmenter does, and are written right."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from align.formats.srx import SRX_NS, omegat_conf, srx_document
from corpus.text import abbreviations, srx_rules
from corpus.text.clean import clean_text
from corpus.text.segment import split_sentences
from corpus.text.srx_rules import rules_for, split_with_rules
from corpus.text.structure import side_spans, structure
from tests.helpers import SEED_IDS, SEEDS, scripts, seed_document
from tests.strategies import glued_text
from tui.cli.main import main

WORDS = ["Ол", "келді", "ә", "Қ", "Ж", "ж", "жж", "т.б", "млн", "обл", "АҚШ", "1939", "10"]
WORDS += ["Mr", "etc", "a.m", "U.S", "ab.cd", "Қ.-Ж", "J", "Бұл", "e.g", "Jan", "NATO", "x"]
GLUE = [" ", ". ", "! ", "? ", "… ", "...", ".", " – ", "» ", ".» ", " «", "! – ", ", – "]
GLUE += [".\u00a0", "?» – ", " (", ".) ", "  ", ".Бұл ", "1. ", '." ', "!!! ", "?! "]
# Kazakh web text: speech verbs, glued ! ?, addresses, list numbers after a sentence
WORDS += ["деп", "деді", "dep", "www.x", "a/b", "Ол-ол", "жоқ", "A=b"]
GLUE += ["!", "?", "?!", "!»", ": ", "; ", " 2. ", "?.. ", "!» "]

HARD_CASES = [
    "1939 ж. Қ. Жұмалиев жазды. Иә.",
    "Қ.-Ж. Тоқаев пен Б. Атамқұлов кездесті. Жақсы.",
    "Бюджет 5 млн. теңге. 1,5 млрд. АҚШ доллары. Аз.",
    "Кітап, дәптер т.б. алды. Кетті. Ән, күй т.с.с. Келесі.",
    "«Бірінші ой. Екінші ой», – деді ол. Соңы.",
    "– Қайда барасың? – деді ол. – Үйге! – Ол күлді.",
    "10-қазанда 3-ші рет өтті. 2021 жыл өтті. 2022 жыл келді.",
    "Біз күттік... Ол келмеді. Біз күттік… әлі күтеміз. Ол келді.Бұл жақсы.",
    "1. Бірінші тармақ. Екінші.",
    "Керемет! рақмет бәріне. сосын кеттік. Рақмет! деп кетті. жоқ?!Нормально",
    "Бағасы 5 долл. шамасында. Тізім: 1. Сайтқа кіріңіз. 2. Тіркеліңіз.",
    "Mr. Smith met Dr. Jones. J. R. R. Tolkien wrote it. He left at 5 p.m. on Monday.",
    'Tools, etc. Then more. "Is it done?" he asked. "Yes." On Jan. 5 they met.',
    "Ол!Ол!www.x Ол!www.x!Ол",  # a URL counts before its own ! only, as in the segmenter
    "Ол:) Ол (Ол (Ол)) Ол",  # a smiley's bracket does not close one: "))" closes two
]


@pytest.mark.parametrize("lang", ["kk", "en"])
@pytest.mark.parametrize("text", HARD_CASES)
def test_the_rules_cut_the_hard_cases_as_the_segmenter_does(text: str, lang: str) -> None:
    assert split_with_rules(text, lang) == split_sentences(text, lang)


@settings(max_examples=400, deadline=None)
@given(glued_text(WORDS, GLUE, ["", " ", "1. ", "«", "– "], 9), st.sampled_from(["kk", "en"]))
def test_the_rules_cut_any_text_as_the_segmenter_does(text: str, lang: str) -> None:
    assert split_with_rules(text, lang) == split_sentences(text, lang)


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_every_kazakh_sentence_of_a_seed_is_a_segment_of_its_source_text(doc_id: str) -> None:
    """What a CAT tool sees is the source text as given: datelines, date markers and all."""
    segments = {
        segment
        for line in (SEEDS / f"{doc_id}.txt").read_text("utf-8-sig").splitlines()
        for segment in split_with_rules(line, "kk", structure=True)
    }
    sentences = [s.text for s in seed_document(doc_id, english=False).kk.sentences()]
    assert [s for s in sentences if s not in segments] == []


def test_the_dateline_and_date_marker_are_cut_as_ingest_cuts_them() -> None:
    assert split_with_rules("АСТАНА. KAZINFORM — Бүгін келді.", structure=True) == [
        "АСТАНА. KAZINFORM —",
        "Бүгін келді.",
    ]
    marker = "date 2025-11-24 Тақырып"
    assert split_with_rules(marker, structure=True) == ["date 2025-11-24", "Тақырып"]
    # the segmenter alone knows neither
    dateline = "АСТАНА. KAZINFORM — Бүгін келді."
    assert split_with_rules(dateline) == ["АСТАНА.", "KAZINFORM — Бүгін келді."]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "ТАРАЗ, 12 ақпан. /ТАСС/.\nӘкімдік жаңа мектеп салды. Оқушылар қуанды."),
        ("kk", "ТАРАЗ. KAZINFORM –\nӘкімдік жаңа мектеп салды. Оқушылар қуанды."),
        ("en", "TARAZ, February 12. /TASS/.\nThe city built a school. Pupils were glad."),
        ("kk", "Алғашқы хабар осы. Ол бітті.\nТАРАЗ, 12 ақпан. /ТАСС/. Мектеп салынды."),
        ("kk", "Алғашқы хабар осы. Ол бітті.\nТАРАЗ. KAZINFORM – Мектеп салынды."),
        ("en", "The first item ends. It was short.\nTARAZ, February 12. /TASS/. A school opened."),
        ("kk", "ТАРАЗ. KAZINFORM –Әкімдік жаңа мектеп салды. Оқушылар қуанды."),
        ("kk", "ТАРАЗ, 12 ақпан. /ТАСС/.Әкімдік жаңа мектеп салды. Оқушылар қуанды."),
        ("kk", "ТАРАЗ. 12 ақпан. ҚазАқпарат – Әкімдік мектеп салды. Оқушылар қуанды."),
        ("kk", "ТАРАЗ. 12 ақпан. ҚазАқпарат -\nӘкімдік мектеп салды. Оқушылар қуанды."),
        ("kk", "Алғашқы хабар осы.\nТАРАЗ. 12 ақпан. ҚазАқпарат – Мектеп салынды."),
        ("kk", "ТАРАЗ. 12 ақпан. 2024. ҚР Ақпарат – Мектеп салынды. Бітті."),
        ("kk", "ТАРАЗ. 12 ақпан. 2024. ҚР Ақпарат Агенттігі – Мектеп салынды. Бітті."),
    ],
    ids=[
        "wire-alone",
        "kazinform-alone",
        "en-wire-alone",
        "wire-later",
        "kazinform-later",
        "en-wire-later",
        "kazinform-glued",
        "wire-glued",
        "dated-kazinform",
        "dated-kazinform-alone",
        "dated-kazinform-later",
        "dated-kazinform-longest",
        "dated-kazinform-too-long",
    ],
)
def test_a_dateline_is_cut_on_any_line_as_ingest_cuts_it(lang: str, text: str) -> None:
    # A CAT tool segments each line alike: it cannot tell the file's first paragraph
    # from a later one, nor a dateline with its text on the next line from one before
    # the text. OmegaT kept "ТАРАЗ, 12 ақпан. /ТАСС/." whole where ingest cut it in two.
    kopir = [
        s.text for b in structure(clean_text(text).paragraphs, lang).blocks for s in b.sentences
    ]
    rules = [s for line in text.splitlines() for s in split_with_rules(line, lang, structure=True)]
    assert rules == kopir


def test_the_rules_come_from_the_abbreviation_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ол зауытқа барды. Зау. Ахметов келді."
    assert split_with_rules(text) == ["Ол зауытқа барды.", "Зау.", "Ахметов келді."]
    kk_non_final = abbreviations.KK_NON_FINAL | {"зау"}
    monkeypatch.setitem(abbreviations.LISTS, "kk", (kk_non_final, abbreviations.KK_FINAL_OK))
    monkeypatch.setattr(srx_rules, "_COMPILED", {})  # rules compiled before the change
    assert "[Зз][Аа][Уу]" in srx_document().decode()
    assert (
        split_sentences(text)
        == split_with_rules(text, "kk")
        == [
            "Ол зауытқа барды.",
            "Зау. Ахметов келді.",
        ]
    )


def test_the_srx_file_is_srx_2_with_a_rule_set_per_language() -> None:
    root = etree.fromstring(srx_document())
    ns = {"s": SRX_NS}
    assert root.tag == f"{{{SRX_NS}}}srx" and root.get("version") == "2.0"
    assert root.find("s:header", ns).get("cascade") == "no"
    sets = root.findall("s:body/s:languagerules/s:languagerule", ns)
    assert [s.get("languagerulename") for s in sets] == ["Kazakh", "English"]
    maps = root.findall("s:body/s:maprules/s:languagemap", ns)
    assert [(m.get("languagepattern"), m.get("languagerulename")) for m in maps] == [
        ("[Kk][Kk].*", "Kazakh"),
        ("[Ee][Nn].*", "English"),
    ]
    kazakh = sets[0].findall("s:rule", ns)
    assert len(kazakh) == len(rules_for("kk"))
    assert kazakh[-1].get("break") == "yes" and kazakh[1].get("break") == "yes"
    for rule in root.iter(f"{{{SRX_NS}}}rule"):
        for part in ("beforebreak", "afterbreak"):
            regex.compile(rule.findtext(f"s:{part}", namespaces=ns))  # a valid expression


def test_the_omegat_conf_is_the_bean_omegat_3_reads() -> None:
    root = etree.fromstring(omegat_conf())
    assert root.tag == "java" and root.get("class") == "java.beans.XMLDecoder"
    srx = root.find("object")
    assert srx.get("class") == "org.omegat.core.segmentation.SRX"
    assert srx.findtext("void[@property='version']/string") == "0.2.2"
    maps = srx.findall("void[@property='mappingRules']/void/object")
    assert [m.findtext("void[@property='pattern']/string") for m in maps] == ["KK.*", "EN.*"]
    rules = maps[0].findall("void[@property='rules']/object/void/object")
    assert len(rules) == len(rules_for("kk"))
    first = rules_for("kk")[0]
    assert rules[0].findtext("void[@property='beforebreak']/string") == first.before
    assert rules[0].findtext("void[@property='breakRule']/boolean") == "true"


def test_kopir_export_srx_needs_no_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "srx", "-o", "kopir.srx"]) == 0
    assert main(["export", "srx", "--omegat", "-o", "segmentation.conf"]) == 0
    out = capsys.readouterr().out
    assert "SRX 2.0" in out and "segmentation.conf" in out
    assert etree.parse("kopir.srx").getroot().get("version") == "2.0"
    assert etree.parse("segmentation.conf").getroot().tag == "java"
    assert main(["export", "srx", "-o", "missing/kopir.srx"]) == 1
    assert "does not exist" in capsys.readouterr().err


# My own paragraphs, each with what decides a cut in it: abbreviations ("ж.", "млн.",
# "мыс.", "проф."), initials (one letter, "Ш." two in the Latin alphabet), agency and wire
# datelines (a place in the Latin alphabet's own capitals, a month), emoji before a word
# (the Arabic script has no capitals: ingest reads each of its words capitalised) and the
# Arabic script's question mark.
OTHER_SCRIPTS = [
    "1939 ж. Қ. Жұмалиев кітап жазды. Ол 2 млн. теңге алды.",
    "Ірі қалаларда, мыс. Алматыда, кептеліс көп. Бұл туралы проф. Ә. Нұрпейісов айтты.",
    "Әнді Ш. Қалдаяқов шығарған. М. Лайчак келді.",
    "АҚТӨБЕ. KAZINFORM – Жиын өтті. Оған әкім келді.",
    "МӘСКЕУ, 3 наурыз. /ТАСС/. Келіссөздер басталды.",
    "ТАРАЗ. 12 ақпан. ҚазАқпарат – Әкімдік мектеп салды.",
    "Кітап әлі шықпаған 😅 Кім тапты екен? Айтыңыздар.",
    # OmegaT hands the lines over as one paragraph: no dateline runs over the line break
    "Алдыңғы хабар аяқталды. Бәрі түсінікті.\nТАЛДЫҚОРҒАН. KAZINFORM – Келесі хабар келді.",
]


@pytest.mark.parametrize("script", ["latin", "tote"])
@pytest.mark.parametrize(
    "text",
    OTHER_SCRIPTS,
    ids=["abbreviations", "lists", "initials", "agency", "wire", "dated", "emoji", "later"],
)
def test_the_rules_cut_latin_and_arabic_script_kazakh_as_ingest_cuts_it(
    script: str, text: str
) -> None:
    # Ingest reads these scripts into Cyrillic before it cuts; the rules see the printed
    # text, and cut "1939 j." from "Q. Jumalıev", "استانا." from its agency.
    printed = getattr(scripts, script)(text)
    kopir = [
        s.text for b in structure(clean_text(printed).paragraphs, "kk").blocks for s in b.sentences
    ]
    assert split_with_rules(printed, "kk", structure=True) == kopir


@pytest.mark.parametrize("script", ["latin", "tote"])
def test_the_rules_cut_the_seeds_in_other_scripts_as_ingest_cuts_them(script: str) -> None:
    """Every line of every seed copied into the script: 13 of 133 lines were cut otherwise
    in the Arabic script (datelines, initials, its question mark)."""
    differ = []
    for seed in SEED_IDS:
        text = getattr(scripts, script)((SEEDS / f"{seed}.txt").read_text("utf-8"))
        lines = [line for line in text.splitlines() if line.strip()]
        for line, spans in zip(lines, side_spans(lines, "kk"), strict=True):
            if [line[a:b] for a, b in spans] != split_with_rules(line, "kk", structure=True):
                differ.append(line)
    assert differ == []


def test_the_rules_cut_the_development_documents_as_ingest_cuts_them() -> None:
    """Every Kazakh line of the real development pairs (107 Cyrillic, 9 Latin-alphabet and
    10 Arabic-script items): 12 of 1,151 lines, all in Arabic-script items, were cut
    otherwise before the rules read that script (datelines, "ب. ز. د.", "ت. ب.", initials)."""
    from benchmarks.bench_align_real import DEVELOPMENT

    differ = []
    for folder in DEVELOPMENT.values():
        for item in sorted(p for p in folder.iterdir() if (p / "kk.txt").is_file()):
            text = (item / "kk.txt").read_text("utf-8")
            lines = [line for line in text.splitlines() if line.strip()]
            for line, spans in zip(lines, side_spans(lines, "kk"), strict=True):
                if [line[a:b] for a, b in spans] != split_with_rules(line, "kk", structure=True):
                    differ.append((item.name, line))
    assert differ == []


# Where the exported rules can break, in every script kopir reads: the pieces the cut asks
# the rules at (end punctuation, closers after it, a dateline's dash, a wire's slash, a line
# break, emoji, emoticons, the date marker) and pieces that only look like them.
CUT_WORDS = [*WORDS, "ASTANA", "АСТАНА", "KAZINFORM", "ҚазАқпарат", "/ТАСС/", "date 2025-11-24"]
CUT_WORDS += ["Qazaqstan", "ж", "j", "mln", "استانا", "Sh", "Қасым-Жомарт", "#Алматы", "😀"]
CUT_GLUE = [*GLUE, " – ", " — ", "-", "/", "/. ", "\n", ":) ", ":D ", ")) ", "😀 ", " #", "؟ "]
CUT_GLUE += [".» ", '?") ', ".»«", ", 12 ақпан. ", "-ші ", " 2026-01-02 "]


@settings(max_examples=300, deadline=None)
@given(
    glued_text(CUT_WORDS, CUT_GLUE, ["", " ", "date 2025-11-24 ", "ТАРАЗ. ", "– "], 10),
    st.sampled_from([("kk", True), ("kk", False), ("en", True), ("en", False)]),
)
def test_the_cut_asks_every_position_a_rule_decides(text: str, how: tuple[str, bool]) -> None:
    # split_with_rules asks the rules only after a character a break rule can end with;
    # its cut must be the one SRX specifies: every rule asked at every position.
    lang, structure = how
    every = srx_rules.compile_rules(rules_for(lang, structure=structure))
    assert split_with_rules(text, lang, structure=structure) == srx_rules.split_compiled(
        text, every
    )


def test_a_dateline_and_a_wire_break_after_their_dash_and_slash() -> None:
    # The only rules that break after a dash or a slash: the cut asks there too.
    assert split_with_rules("ТАРАЗ. ҚазАқпарат – Жаңа мектеп ашылды.", structure=True) == [
        "ТАРАЗ. ҚазАқпарат –",
        "Жаңа мектеп ашылды.",
    ]
    assert split_with_rules("ТАРАЗ, 12 ақпан. /ТАСС/ Жаңа мектеп ашылды.", structure=True) == [
        "ТАРАЗ, 12 ақпан. /ТАСС/",
        "Жаңа мектеп ашылды.",
    ]
    assert split_with_rules("Ол келді:) Біз кеттік 😀 Бәрі жақсы.") == [
        "Ол келді:)",
        "Біз кеттік 😀",
        "Бәрі жақсы.",
    ]


def test_a_full_disk_names_the_rules_file_and_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a real full disk 'kopir export srx -o rules.srx' said only 'No space left on
    device', naming no file."""
    import errno

    import align.formats.srx

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    rules = tmp_path / "rules.srx"
    rules.write_text("the rules of last week\n", "utf-8")
    monkeypatch.setattr(align.formats.srx, "atomic_write", full)
    assert main(["export", "srx", "-o", str(rules)]) == 1
    err = capsys.readouterr().err
    assert err == f"kopir: error: {rules}: cannot write: No space left on device\n"
    assert rules.read_text("utf-8") == "the rules of last week\n"
