"""kopir check --cat: the units a CAT tool can never match exactly, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.document import align_document, import_english
from align.qa.cat import (
    CUT_OTHERWISE,
    EMPTY,
    JOINED,
    REPAIRED,
    RESEGMENTED,
    CatReport,
    cat_readiness,
)
from corpus.ingest import build_document
from corpus.model import Document, Link, Sentence
from corpus.storage.store import Corpus
from corpus.text.srx_rules import split_with_rules
from tui.cli.main import main


def document(kk: str, en: str, links: list[Link], fix: bool = False) -> Document:
    doc = build_document(kk.encode(), "doc.txt", "doc", fix_homoglyphs=fix).doc
    import_english(doc, en.encode(), "doc.en.txt")
    doc.links = links
    return doc


def link(kk: str, en: str) -> Link:
    return Link(tuple(kk.split()), tuple(en.split()), "confirmed")


def reasons(report: CatReport) -> list[tuple[int, str]]:
    return [(i.bead, i.reason) for i in report.issues]


def test_a_kazakh_side_of_two_sentences_cannot_match() -> None:
    doc = document(
        "Ол келді. Бұл жақсы. Иә.",
        "He came, which is good. Yes.",
        [link("kk.s1 kk.s2", "en.s1"), link("kk.s3", "en.s2")],
    )
    report = cat_readiness(doc)
    assert report.units == 2 and reasons(report) == [(0, JOINED)]
    assert "joins 2 sentences" in report.issues[0].message
    assert report.summary() == "CAT tools: 1 of 2 units can be exact matches; 1 cannot (joined: 1)"


def test_one_english_sentence_for_two_is_no_obstacle_but_an_empty_side_is() -> None:
    doc = document(
        "Ол келді және күлді. Иә.",
        "He came. He laughed.",
        [link("kk.s1", "en.s1 en.s2"), Link(("kk.s2",), (), "auto")],
    )
    assert reasons(cat_readiness(doc)) == [(1, EMPTY)]


def test_a_repaired_word_cannot_match_the_source_text() -> None:
    doc = document("Бiлгiм келеді. Иә.", "I want to know. Yes.", [], fix=True)
    doc.links = [link("kk.s1", "en.s1"), link("kk.s2", "en.s2")]
    assert doc.kk.sentences()[0].text != doc.kk.sentences()[0].original  # the repair is there
    assert reasons(cat_readiness(doc)) == [(0, REPAIRED)]


def test_sentences_split_by_hand_cannot_match() -> None:
    doc = document("Ол келді, бірақ кетті. Иә.", "He came. But he left. Yes.", [])
    block = doc.kk.blocks[0]
    block.sentences = [
        Sentence.plain("kk.s1", "Ол келді,"),
        Sentence.plain("kk.s3", "бірақ кетті."),
        Sentence.plain("kk.s2", "Иә."),
    ]
    doc.links = [link("kk.s1", "en.s1"), link("kk.s3", "en.s2"), link("kk.s2", "en.s3")]
    assert reasons(cat_readiness(doc)) == [(0, RESEGMENTED), (1, RESEGMENTED)]


def test_an_aligned_seed_reports_its_joined_beads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = Corpus(tmp_path / "c")
    doc = document("Ол келді. Бұл жақсы. Иә.", "He came, which is good. Yes.", [])
    align_document(doc)
    corpus.save(doc)
    assert main(["--corpus", str(corpus.root), "check", "--cat"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("doc:1: the Kazakh joins 2 sentences") and out[0].endswith(
        "[cat:joined]"
    )
    assert out[-1] == "CAT tools: 1 of 2 units can be exact matches; 1 cannot (joined: 1)"


@pytest.mark.parametrize(
    "dateline", ["ТАРАЗ. ҚазАқпарат –", "ТАРАЗ. KAZINFORM —", "ТАРАЗ, 12 ақпан. /ТАСС/."]
)
@pytest.mark.parametrize(
    ("before", "before_en"),
    [
        ("Мектеп ашылды\n\nФото: әкімдік", "A school opened\n\nPhoto: the city"),
        ("Алғашқы хабар осы.", "The first item."),
    ],
)
def test_a_dateline_opening_a_later_paragraph_is_cut_as_ingest_and_the_srx_rules_cut_it(
    dateline: str, before: str, before_en: str
) -> None:
    # After a photo caption or an earlier item, ingest makes an agency's dateline that
    # opens a paragraph that paragraph's first sentence, and kopir's SRX rules cut it
    # there too (OmegaT filled both units of such a Kazinform item). The check re-cut
    # the paragraph without the dateline and said both sentences had been split by
    # hand, which nobody did.
    doc = document(
        f"{before}\n{dateline} Әкімдік жаңа мектеп салды. Оқушылар қуанды.",
        f"{before_en}\nTARAZ. The city built a school. Pupils were glad.",
        [],
    )
    kk = [s.id for s in doc.kk.sentences()]
    doc.links = [link(k, f"en.s{n}") for n, k in enumerate(kk, 1)]
    assert [s.text for s in doc.kk.sentences()][-3] == dateline
    assert reasons(cat_readiness(doc)) == []


def test_a_dateline_split_by_hand_still_cannot_match() -> None:
    doc = document(
        "Алғашқы хабар осы.\nТАРАЗ. ҚазАқпарат – Әкімдік жаңа мектеп салды.",
        "The first item. TARAZ. KAZINFORM. The city built a school.",
        [],
    )
    block = doc.kk.blocks[-1]
    block.sentences = [
        Sentence.plain("kk.s2", "ТАРАЗ."),
        Sentence.plain("kk.s4", "ҚазАқпарат –"),
        Sentence.plain("kk.s3", "Әкімдік жаңа мектеп салды."),
    ]
    doc.links = [link("kk.s1", "en.s1"), link("kk.s2", "en.s2"), link("kk.s4", "en.s3")]
    doc.links.append(link("kk.s3", "en.s4"))
    assert reasons(cat_readiness(doc)) == [(1, RESEGMENTED), (2, RESEGMENTED)]


@pytest.mark.parametrize(
    ("kk", "sentences"),
    [
        # my own paragraphs ("ж." and "млн." are abbreviations when read, "Қ." an initial):
        # in the Latin alphabet, and in the Arabic script
        ("1939 j. Q. Jumalıev kitap jazdy. Ol 2 mln. teńge aldy.\nBul óte jaqsy.", 3),
        ("1939 ج. ق. جۇماليەۆ كىتاپ جازدى. ول كەلدى.", 2),
    ],
    ids=["latin", "tote"],
)
def test_latin_and_arabic_script_kazakh_is_cut_as_ingest_cut_it(kk: str, sentences: int) -> None:
    """The check re-cut each paragraph's printed letters, where ingest cut their Cyrillic
    reading: every sentence ingest made of "1939 j. Q. …" looked split by hand. It now asks
    kopir's SRX rules, which cut these as ingest does: every unit is a segment the CAT tool
    offers (before the rules read other scripts, OmegaT cut "1939 j." off, and the check,
    asking ingest, said the unit was fine)."""
    doc = document(kk, " ".join(["Sentence."] * sentences), [])
    assert len(doc.kk.sentences()) == sentences
    offered = [seg for line in kk.splitlines() for seg in split_with_rules(line, structure=True)]
    assert offered == [s.text for s in doc.kk.sentences()]
    doc.links = [link(s.id, f"en.s{n}") for n, s in enumerate(doc.kk.sentences(), 1)]
    assert reasons(cat_readiness(doc)) == []


@pytest.mark.parametrize("script", ["latin", "tote"])
def test_the_seeds_in_other_scripts_are_cut_as_ingest_cut_them(script: str) -> None:
    """Each seed copied into the Latin alphabet or the Arabic script (tests/helpers/scripts),
    ingested, each sentence a 1-1 bead: none looks split by hand (14 did in Arabic script)."""
    from tests.helpers import SEED_IDS, SEEDS, scripts

    resegmented = []
    for seed in SEED_IDS:
        text = getattr(scripts, script)((SEEDS / f"{seed}.txt").read_text("utf-8"))
        doc = build_document(text.encode(), "copy.txt", seed).doc
        kk = doc.kk.sentences()
        import_english(doc, " ".join(f"S{n}." for n in range(len(kk))).encode(), "copy.en.txt")
        doc.links = [link(s.id, f"en.s{n}") for n, s in enumerate(kk, 1)]
        resegmented += [i for i in cat_readiness(doc).issues if i.reason == RESEGMENTED]
    assert resegmented == []


def test_where_kopirs_rules_cut_a_paragraph_otherwise_than_ingest_the_check_warns() -> None:
    """The check says what the CAT tool will do: it cuts with kopir's SRX rules. In my
    Cyrillic paragraph with a unit in Latin letters, ingest cuts after "km." (a plain word
    before a small letter) where the rules, which know "km" as "км" printed in the Latin
    alphabet, do not: OmegaT offers "Ол 5 km. жерде тұрады." and neither sentence is a
    segment. The check compared each with ingest's cut and said both were fine."""
    doc = document("Ол 5 km. жерде тұрады. Иә.", "He lives 5 km away. Far. Yes.", [])
    assert [s.text for s in doc.kk.sentences()] == ["Ол 5 km.", "жерде тұрады.", "Иә."]
    doc.links = [link("kk.s1", "en.s1"), link("kk.s2", "en.s2"), link("kk.s3", "en.s3")]
    report = cat_readiness(doc)
    assert reasons(report) == [(0, CUT_OTHERWISE), (1, CUT_OTHERWISE)]
    assert "«Ол 5 km. жерде тұрады.»" in report.issues[0].message
    # the two in one unit are the segment the tool offers: an exact match, nothing joined
    doc.links = [link("kk.s1 kk.s2", "en.s1 en.s2"), link("kk.s3", "en.s3")]
    assert reasons(cat_readiness(doc)) == []
