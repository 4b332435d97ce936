"""kopir check --cat: the units a CAT tool can never match exactly, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.document import align_document, import_english
from align.qa.cat import EMPTY, JOINED, REPAIRED, RESEGMENTED, CatReport, cat_readiness
from corpus.ingest import build_document
from corpus.model import Document, Link, Sentence
from corpus.storage.store import Corpus
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
