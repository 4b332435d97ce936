"""``kopir import tmx --merge``: a CAT tool's TMX comes back onto the document it was
exported from, its sentence ids and order kept (``--replace`` renumbers them, so the
CAT tool's tuids named nothing of kopir's next export)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from align.formats.tmx_merge import merge_tmx
from corpus.errors import CorpusError
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side, Stamp
from corpus.storage.store import Corpus
from tests.helpers import kazakh_only_doc, tmx
from tui.cli.wording import cli_message

#: A header as OmegaT 3.6 writes it in project_save.tmx.
OMEGAT = (
    '<header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" '
    'creationtoolversion="3.6.0_0" segtype="sentence" srclang="kk-KZ"/>'
)


def unit(
    kk: str, en: str, tuid: str | None = None, who: str = "aigerim", when: str = "20261207T101500Z"
) -> str:
    """A unit as OmegaT writes one: who changed it and when on the translation's
    ``<tuv>`` (not the ``<tu>``, where kopir writes them), no kopir properties; ``who``
    empty: no stamps."""
    named = f' tuid="{tuid}"' if tuid else ""
    stamps = (
        f' changeid="{who}" changedate="{when}" creationid="{who}" creationdate="{when}"'
        if who
        else ""
    )
    return (
        f'<tu{named}><tuv xml:lang="kk-KZ"><seg>{kk}</seg></tuv>'
        f'<tuv xml:lang="en-US"{stamps}><seg>{en}</seg></tuv></tu>'
    )


def document(corpus: Corpus) -> None:
    """A headline (a 1-0 bead an export leaves out), a 2-1 bead and two 1-1 beads."""
    kk = Side("kk", [
        Block(BlockKind.HEAD, [Sentence.plain("kk.s1", "Жаңалық.")], type="main"),
        Block(BlockKind.P, [Sentence.plain(f"kk.s{n}", t)
                            for n, t in ((2, "Бір."), (3, "Екі."), (4, "Үш."), (5, "Төрт."))]),
    ])  # fmt: skip
    en = Side("en", [Block(BlockKind.P, [Sentence.plain(f"en.s{n}", t)
                                         for n, t in ((1, "One and two."), (2, "Three."),
                                                      (3, "Four."))])])  # fmt: skip
    links = [
        Link(("kk.s1",), (), "confirmed"),
        Link(("kk.s2", "kk.s3"), ("en.s1",), "confirmed"),
        Link(("kk.s4",), ("en.s2",), "confirmed"),
        Link(("kk.s5",), ("en.s3",), "auto", 0.9),
    ]
    corpus.save(Document("doc", Metadata(title="Жаңалық."), kk, en, links))


def beads(corpus: Corpus) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    doc = corpus.load("doc")
    return [(link.kk, link.en, link.status) for link in doc.links]


def test_a_round_trip_keeps_ids_and_order_and_places_an_added_unit_among_its_neighbours(
    tmp_path: Path,
) -> None:
    corpus = Corpus(tmp_path / "c")
    document(corpus)
    path = tmp_path / "doc.tmx"
    # One target edited, the kk.s4 unit deleted, a unit added after the first.
    path.write_text(tmx(
        unit("Бір. Екі.", "One, then two.", "doc:kk.s2+kk.s3:en.s1")
        + unit("Жаңа сөйлем.", "A new sentence.")
        + unit("Төрт.", "Four.", "doc:kk.s5:en.s3"),
        header=OMEGAT,
    ), "utf-8")  # fmt: skip
    report = merge_tmx(corpus, path, "doc", add_unmatched=True)
    assert beads(corpus) == [
        (("kk.s1",), (), "confirmed"),  # the headline the export left out: kept
        (("kk.s2", "kk.s3"), ("en.s1",), "confirmed"),
        (("kk.s6",), ("en.s4",), "confirmed"),  # added: after its neighbour, new ids
        (("kk.s4",), ("en.s2",), "confirmed"),  # deleted in the CAT tool: kept, reported
        (("kk.s5",), ("en.s3",), "confirmed"),  # the translator's unit now
    ]
    doc = corpus.load("doc")
    assert [(s.id, s.text) for s in doc.kk.sentences()] == [
        ("kk.s1", "Жаңалық."), ("kk.s2", "Бір."), ("kk.s3", "Екі."),
        ("kk.s6", "Жаңа сөйлем."), ("kk.s4", "Үш."), ("kk.s5", "Төрт."),
    ]  # fmt: skip
    assert [(s.id, s.text) for s in doc.en.sentences()] == [
        ("en.s1", "One, then two."), ("en.s4", "A new sentence."),
        ("en.s2", "Three."), ("en.s3", "Four."),
    ]  # fmt: skip
    assert doc.kk.blocks[0].kind is BlockKind.HEAD and doc.meta.title == "Жаңалық."
    assert (report.onto_beads, report.added_units) == (2, 1)
    assert report.kept_beads == [("kk.s1", "Жаңалық."), ("kk.s4", "Үш.")]
    assert "2 beads of doc no unit names stayed as they were" in report.summary()[-1]


def test_who_changed_a_unit_in_the_cat_tool_and_when_is_kept_on_its_bead_and_reported(
    tmp_path: Path,
) -> None:
    """OmegaT stamps the translation's <tuv>: the merged beads carry those stamps into the
    TEI, and the report says which translator changed which beads, and when."""
    corpus = Corpus(tmp_path / "c")
    document(corpus)
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(
        unit("Бір. Екі.", "One, then two.")
        + unit("Үш.", "Three.", who="bolat", when="20261201T080000Z")  # as it was: no change
        + unit("Төрт.", "Four.", who="bolat", when="20261208T090000Z")  # confirmed by bolat
        + unit("Бес.", "Five.", who="bolat", when="20261208T091000Z"),  # added by bolat
        header=OMEGAT,
    ), "utf-8")  # fmt: skip
    report = merge_tmx(corpus, path, "doc", add_unmatched=True)
    stamps = {link.kk: (link.created, link.changed) for link in corpus.load("doc").links}
    aigerim = Stamp("aigerim", "2026-12-07T10:15:00Z")
    assert stamps[("kk.s2", "kk.s3")] == (aigerim, aigerim)
    assert stamps[("kk.s5",)][1] == Stamp("bolat", "2026-12-08T09:00:00Z")
    assert stamps[("kk.s6",)][1] == Stamp("bolat", "2026-12-08T09:10:00Z")
    assert stamps[("kk.s1",)] == (None, None)  # no unit: as it was
    summary = report.summary()
    assert "aigerim changed 1 bead (kk.s2+kk.s3 at 2026-12-07T10:15:00Z)" in summary
    assert (
        "bolat changed 2 beads (kk.s5 at 2026-12-08T09:00:00Z; kk.s6 at 2026-12-08T09:10:00Z)"
        in summary
    )


def test_a_unit_without_stamps_keeps_the_beads_or_stamps_the_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TMX that names nobody neither wipes who made a bead nor leaves an earlier
    translator's name on a change they did not make."""
    monkeypatch.setenv("KOPIR_USER", "lead")
    corpus = Corpus(tmp_path / "c")
    document(corpus)
    doc = corpus.load("doc")
    made = Stamp("dana", "2026-12-01T08:00:00Z")
    corpus.save(
        replace(doc, links=[replace(link, created=made, changed=made) for link in doc.links])
    )
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(
        unit("Бір. Екі.", "One and two.", who="") + unit("Үш.", "Three, edited.", who=""),
        header=OMEGAT,
    ), "utf-8")  # fmt: skip
    report = merge_tmx(corpus, path, "doc")
    stamps = {link.kk: (link.created, link.changed) for link in corpus.load("doc").links}
    assert stamps[("kk.s2", "kk.s3")] == (made, made)  # the same English: as it was
    created, changed = stamps[("kk.s4",)]
    assert created == made and changed is not None and changed.who == "lead"
    assert any(
        line.startswith("1 bead changed by units that name nobody (kk.s4)")
        for line in report.summary()
    )


def test_a_first_unit_without_tuid_goes_first_and_a_translated_headline_gets_new_ids(
    tmp_path: Path,
) -> None:
    corpus = Corpus(tmp_path / "c")
    document(corpus)
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(
        unit("Алғы сөз.", "Foreword.") + unit("Жаңалық.", "News.", "doc:kk.s1:-"),
        header=OMEGAT,
    ), "utf-8")  # fmt: skip
    merge_tmx(corpus, path, "doc", add_unmatched=True)
    doc = corpus.load("doc")
    assert [s.id for s in doc.kk.sentences()][:2] == ["kk.s6", "kk.s1"]
    assert [(link.kk, link.en) for link in doc.links[:2]] == [
        (("kk.s6",), ("en.s4",)),
        (("kk.s1",), ("en.s5",)),
    ]
    assert [s.text for s in doc.en.sentences()] == [
        "Foreword.", "News.", "One and two.", "Three.", "Four.",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (unit("Бір.", "One.", "doc:kk.s2:en.s1"), "no bead of it now"),
        (unit("Бір, екі.", "One.", "doc:kk.s2+kk.s3:en.s1"), "other Kazakh than kk.s2+kk.s3"),
        (unit("Үш.", "3.", "doc:kk.s4:en.s2") * 2, "the same bead of doc as an earlier unit"),
    ],
)
def test_a_unit_that_cannot_be_put_back_is_refused_and_nothing_is_written(
    tmp_path: Path, body: str, said: str
) -> None:
    corpus = Corpus(tmp_path / "c")
    document(corpus)
    before = corpus.path("doc").read_bytes()
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(body, header=OMEGAT), "utf-8")
    with pytest.raises(CorpusError, match=re.escape(said)):
        merge_tmx(corpus, path, "doc")
    assert corpus.path("doc").read_bytes() == before
    with pytest.raises(CorpusError, match="no document 'other'"):
        merge_tmx(corpus, path, "other")


def kazakh_only(corpus: Corpus) -> None:
    """A document with Kazakh only, as ingest makes it (a headline, then a paragraph),
    sent to a CAT tool to be translated there."""
    corpus.save(kazakh_only_doc("doc", "Қасқыр ауланды", [
        "Өткен жылы 167 рейд болды.", "Нәтижесінде 47 қасқыр ауланды.",
        "Биыл да рейд жүрді.", "Екі қасқыр ұсталды.",
    ]))  # fmt: skip


def test_a_kazakh_only_document_takes_the_cat_tools_translation_in_reading_order(
    tmp_path: Path,
) -> None:
    """It used to be refused (no beads to merge onto), the refusal offering --replace,
    which takes OmegaT's units in the order OmegaT lists them (not the text's) and
    renumbers the sentences and drops the headline block."""
    corpus = Corpus(tmp_path / "c")
    kazakh_only(corpus)
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(  # OmegaT's order, one segment of two sentences, kk.s4 not done
        unit("Екі қасқыр ұсталды.", "Two wolves were caught.")
        + unit("Қасқыр ауланды", "Wolves hunted")
        + unit("Өткен жылы 167 рейд болды. Нәтижесінде 47 қасқыр ауланды.",
               "There were 167 raids last year, and 47 wolves were hunted."),
        header=OMEGAT,
    ), "utf-8")  # fmt: skip
    report = merge_tmx(corpus, path, "doc")
    assert (report.onto_beads, report.added_units) == (3, 0)
    assert [kk for kk, _ in report.kept_beads] == ["kk.s4"]
    doc = corpus.load("doc")
    assert [(link.kk, link.en, link.status) for link in doc.links] == [
        (("kk.s1",), ("en.s1",), "confirmed"),
        (("kk.s2", "kk.s3"), ("en.s2",), "confirmed"),
        (("kk.s4",), (), "auto"),
        (("kk.s5",), ("en.s3",), "confirmed"),
    ]
    assert [s.text for s in doc.en.sentences()] == [
        "Wolves hunted", "There were 167 raids last year, and 47 wolves were hunted.",
        "Two wolves were caught.",
    ]  # fmt: skip
    assert [b.kind for b in doc.kk.blocks] == [BlockKind.HEAD, BlockKind.P]
    assert [s.id for s in doc.kk.sentences()] == [f"kk.s{n}" for n in range(1, 6)]


@pytest.mark.parametrize(
    "body",
    [
        unit("Жоқ сөйлем.", "No such sentence."),
        unit("Қасқыр ауланды", "Wolves hunted") + unit("Қасқыр ауланды", "Wolves caught"),
    ],
    ids=["not-in-the-document", "more-units-than-sentences"],
)
def test_a_kazakh_only_document_leaves_out_kazakh_it_does_not_hold(
    tmp_path: Path, body: str
) -> None:
    """With no bead to put it on, the unit's Kazakh would be added to the source side."""
    corpus = Corpus(tmp_path / "c")
    kazakh_only(corpus)
    before = corpus.load("doc")
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(unit("Екі қасқыр ұсталды.", "Two wolves.") + body, header=OMEGAT), "utf-8")
    report = merge_tmx(corpus, path, "doc")
    after = corpus.load("doc")
    assert after.kk == before.kk
    assert [s.text for s in after.en.sentences()][-1] == "Two wolves."
    assert report.added_units == 0 and len(report.left_out) == 1
    assert report.left_out[0] in ("Жоқ сөйлем.", "Қасқыр ауланды")


def test_a_document_with_english_but_no_beads_is_not_merged_into(tmp_path: Path) -> None:
    """Its English is in no bead: the merge would leave it there beside the TMX's."""
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [Block(BlockKind.P, [Sentence.plain("kk.s1", "Иә.")])])
    en = Side("en", [Block(BlockKind.P, [Sentence.plain("en.s1", "Yes.")])])
    corpus.save(Document("doc", Metadata(), kk, en))
    before = corpus.path("doc").read_bytes()
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(unit("Иә.", "Yes."), header=OMEGAT), "utf-8")
    with pytest.raises(CorpusError, match="run 'kopir align doc' first"):
        merge_tmx(corpus, path, "doc")
    assert corpus.path("doc").read_bytes() == before


#: What OmegaT 3.6 gives back (its project TMX, proj-level1.tmx, as written running it
#: headless on a TMX of kopir's): TMX 1.1, ``lang`` not ``xml:lang``, no tuids.
OMEGAT_LEVEL1 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" \
creationtoolversion="3.6.0_10_unknown" segtype="paragraph" srclang="kk-KZ"/>
  <body>
<!-- Default translations -->
{units}
<!-- Alternative translations -->
  </body>
</tmx>
"""


def level1(*pairs: tuple[str, str]) -> str:
    units = "".join(
        f'    <tu>\n      <tuv lang="kk-KZ">\n        <seg>{kk}</seg>\n      </tuv>\n'
        f'      <tuv lang="en-US">\n        <seg>{en}</seg>\n      </tuv>\n    </tu>\n'
        for kk, en in pairs
    )
    return OMEGAT_LEVEL1.format(units=units)


def test_units_without_tuids_as_omegat_writes_them_go_onto_the_beads_of_their_kazakh(
    tmp_path: Path,
) -> None:
    """OmegaT keeps no tuid: without matching by the Kazakh every unit came in as a new
    bead beside the old ones, and the document doubled. A unit whose Kazakh the document
    does not have (here "Жаңа сөйлем.": another document's, in a project or memory of
    several) used to be added to it, its Kazakh with it; it is left out and listed."""
    corpus = Corpus(tmp_path / "c")
    document(corpus)
    path = tmp_path / "proj-level1.tmx"
    path.write_text(
        level1(("Бір. Екі.", "One, then two."), ("Жаңа сөйлем.", "A new one."), ("Төрт.", "4.")),
        "utf-8",
    )
    kk_before = corpus.load("doc").kk
    report = merge_tmx(corpus, path, "doc")
    assert [(link.kk, link.en) for link in corpus.load("doc").links] == [
        (("kk.s1",), ()),
        (("kk.s2", "kk.s3"), ("en.s1",)),
        (("kk.s4",), ("en.s2",)),
        (("kk.s5",), ("en.s3",)),
    ]
    assert [s.text for s in corpus.load("doc").en.sentences()] == [
        "One, then two.", "Three.", "4.",
    ]  # fmt: skip
    assert corpus.load("doc").kk == kk_before  # no Kazakh the document never had
    assert (report.onto_beads, report.onto_by_tuid, report.added_units) == (2, 0, 0)
    assert "(0 by tuid, 2 by their Kazakh), 0 added" in report.summary()[0]
    assert cli_message(report.summary()[1]) == (
        "left out 1 unit whose Kazakh is none of doc's ('Жаңа сөйлем.'): another "
        "document's, or a segment joined, split or edited in the CAT tool; pass "
        "--add-unmatched to add them to the document as new beads"
    )


def test_a_repeated_kazakh_sentence_takes_the_beads_in_the_order_of_the_file(
    tmp_path: Path,
) -> None:
    corpus = Corpus(tmp_path / "c")
    kk = Side(
        "kk",
        [
            Block(
                BlockKind.P,
                [Sentence.plain(f"kk.s{n}", t) for n, t in ((1, "Иә."), (2, "Жоқ."), (3, "Иә."))],
            )
        ],
    )
    en = Side(
        "en",
        [
            Block(
                BlockKind.P,
                [Sentence.plain(f"en.s{n}", t) for n, t in ((1, "Yes."), (2, "No."), (3, "Yes."))],
            )
        ],
    )
    links = [Link((f"kk.s{n}",), (f"en.s{n}",), "confirmed") for n in (1, 2, 3)]
    corpus.save(Document("doc", Metadata(), kk, en, links))  # fmt: skip
    path = tmp_path / "proj-level1.tmx"
    path.write_text(level1(("Жоқ.", "Nope."), ("Иә.", "Yeah."), ("Иә.", "Right.")), "utf-8")
    merge_tmx(corpus, path, "doc")
    doc = corpus.load("doc")
    assert [(link.kk, link.en) for link in doc.links] == [
        ((f"kk.s{n}",), (f"en.s{n}",)) for n in (1, 2, 3)
    ]
    # Жоқ. is bead 2; the Иә. after it in the file is the first free after bead 2: bead 3.
    assert [s.text for s in doc.en.sentences()] == ["Right.", "Nope.", "Yeah."]


def repeated(corpus: Corpus, *beads: tuple[str, str, str]) -> None:
    """A document of 1-1 beads (Kazakh, English, status), one paragraph a side."""
    kk = [Sentence.plain(f"kk.s{n}", k) for n, (k, _, _) in enumerate(beads, 1)]
    en = [Sentence.plain(f"en.s{n}", e) for n, (_, e, _) in enumerate(beads, 1)]
    links = [
        Link((f"kk.s{n}",), (f"en.s{n}",), status) for n, (_, _, status) in enumerate(beads, 1)
    ]
    sides = Side("kk", [Block(BlockKind.P, kk)]), Side("en", [Block(BlockKind.P, en)])
    corpus.save(Document("doc", Metadata(), *sides, links))


#: An alternative translation as OmegaT 3.6 writes it in its project TMX and the files it
#: exports (seen running it headless): the file, and the segments before and after.
ALTERNATIVE = (
    '    <tu>\n      <prop type="file">doc.txt</prop>\n      <prop type="prev">{prev}</prop>\n'
    '      <prop type="next">{next}</prop>\n      <tuv lang="kk-KZ">\n        <seg>{kk}</seg>\n'
    '      </tuv>\n      <tuv lang="en-US">\n        <seg>{en}</seg>\n      </tuv>\n    </tu>\n'
)


def test_omegats_default_translation_of_a_repeated_sentence_goes_onto_every_occurrence(
    tmp_path: Path,
) -> None:
    """OmegaT writes one unit for a sentence however often it occurs, and fills every
    occurrence with it but one the translator gave an alternative translation. The merge
    put the one unit onto the first occurrence only: the others kept their old English."""
    corpus = Corpus(tmp_path / "c")
    repeated(corpus, *[
        ("Иә.", "Yes.", "confirmed"), ("Жоқ.", "No.", "confirmed"), ("Иә.", "Yes.", "confirmed"),
        ("Бір.", "One.", "confirmed"), ("Иә.", "Yes.", "auto"),
    ])  # fmt: skip
    path = tmp_path / "proj-level1.tmx"
    # the last occurrence's alternative (OmegaT writes an empty next at the text's end)
    alternative = ALTERNATIVE.format(prev="Бір.", next="", kk="Иә.", en="Right.")
    text = level1(("Иә.", "Yeah."))
    path.write_text(text.replace("  </body>", alternative + "  </body>"), "utf-8")
    report = merge_tmx(corpus, path, "doc")
    doc = corpus.load("doc")
    # OmegaT's own target file of this text, run on this TMX as project_save.tmx, reads so
    assert [s.text for s in doc.en.sentences()] == ["Yeah.", "No.", "Yeah.", "One.", "Right."]
    assert [link.status for link in doc.links] == ["confirmed"] * 5
    assert (report.onto_beads, report.repeated_beads, report.added_units) == (2, 1, 0)
    assert any(
        line.startswith("1 more bead took the translation of a sentence the document repeats")
        for line in report.summary()
    )


def test_a_repeated_sentence_confirmed_differently_in_kopir_keeps_its_english_and_says_so(
    tmp_path: Path,
) -> None:
    """The translator gave two occurrences different English in kopir: the CAT tool's one
    unit cannot say which it replaces, so neither is overwritten (the report names them);
    the unconfirmed occurrence takes it."""
    corpus = Corpus(tmp_path / "c")
    repeated(corpus, *[
        ("Иә.", "Yes.", "confirmed"), ("Жоқ.", "No.", "confirmed"),
        ("Иә.", "Right.", "confirmed"), ("Иә.", "Yes.", "auto"),
    ])  # fmt: skip
    path = tmp_path / "proj-level1.tmx"
    path.write_text(level1(("Иә.", "Yeah."), ("Жоқ.", "Nope.")), "utf-8")
    report = merge_tmx(corpus, path, "doc")
    doc = corpus.load("doc")
    assert [s.text for s in doc.en.sentences()] == ["Yes.", "Nope.", "Right.", "Yeah."]
    assert report.kept_alternatives == [("kk.s1", "Yes.", "Yeah."), ("kk.s3", "Right.", "Yeah.")]
    assert any(
        line.startswith(
            "2 beads of a repeated sentence kept the English you confirmed in kopir "
            "(kk.s1 'Yes.', not 'Yeah.'; kk.s3 'Right.', not 'Yeah.')"
        )
        for line in report.summary()
    )


def test_a_kazakh_only_document_takes_a_default_translation_at_every_occurrence(
    tmp_path: Path,
) -> None:
    corpus = Corpus(tmp_path / "c")
    kk = [
        Sentence.plain(f"kk.s{n}", t)
        for n, t in enumerate(
            ("Рейд жүрді.", "Қасқыр ұсталды.", "Рейд жүрді.", "Қасқыр ұсталды.", "Бітті."), 1
        )
    ]
    corpus.save(Document("doc", Metadata(), Side("kk", [Block(BlockKind.P, kk)]), Side("en", [])))
    path = tmp_path / "proj-level1.tmx"  # OmegaT cut two sentences as one segment
    path.write_text(level1(("Рейд жүрді. Қасқыр ұсталды.", "A raid caught a wolf.")), "utf-8")
    merge_tmx(corpus, path, "doc")
    doc = corpus.load("doc")
    assert [(link.kk, link.en) for link in doc.links] == [
        (("kk.s1", "kk.s2"), ("en.s1",)), (("kk.s3", "kk.s4"), ("en.s2",)), (("kk.s5",), ()),
    ]  # fmt: skip
    assert [s.text for s in doc.en.sentences()] == ["A raid caught a wolf."] * 2


def test_an_alternative_translation_whose_neighbours_are_nowhere_is_left_out_and_said(
    tmp_path: Path,
) -> None:
    """OmegaT uses an alternative only between its neighbours; the merge called it a unit
    whose Kazakh is none of the document's, though the document holds it twice."""
    corpus = Corpus(tmp_path / "c")
    repeated(corpus, ("Иә.", "Yes.", "auto"), ("Жоқ.", "No.", "auto"), ("Иә.", "Yes.", "auto"))
    path = tmp_path / "proj-level1.tmx"
    alternative = ALTERNATIVE.format(prev="Басқа.", next="", kk="Иә.", en="Right.")
    path.write_text(level1(("Иә.", "Yeah.")).replace("  </body>", alternative + "  </body>"))
    report = merge_tmx(corpus, path, "doc")
    assert [s.text for s in corpus.load("doc").en.sentences()] == ["Yeah.", "No.", "Yeah."]
    assert (report.left_out, report.unfitted_alternatives) == ([], ["Иә."])
    assert any(
        line.startswith(
            "left out 1 alternative translation (OmegaT's, for one occurrence of a repeated "
            "sentence) whose neighbouring segments stand around no occurrence in doc ('Иә.')"
        )
        for line in report.summary()
    )


def test_a_unit_without_english_empties_no_other_occurrence_of_its_kazakh(
    tmp_path: Path,
) -> None:
    """A unit with no translation is no default translation to spread."""
    corpus = Corpus(tmp_path / "c")
    repeated(corpus, ("Иә.", "Yes.", "confirmed"), ("Жоқ.", "No.", "confirmed"),
             ("Иә.", "Yes.", "confirmed"))  # fmt: skip
    path = tmp_path / "memory.tmx"
    path.write_text(tmx(unit("Иә.", "", who="") + unit("Жоқ.", "Nope."), header=OMEGAT))
    merge_tmx(corpus, path, "doc")
    doc = corpus.load("doc")
    # the unit goes onto one occurrence, as any unit of a Kazakh the file repeats; the
    # other keeps its English (it was emptied too, before)
    assert [(link.kk, link.en) for link in doc.links] == [
        (("kk.s1",), ()), (("kk.s2",), ("en.s2",)), (("kk.s3",), ("en.s3",)),
    ]  # fmt: skip
    assert [s.text for s in doc.en.sentences()] == ["Nope.", "Yes."]


def test_a_kazakh_only_documents_translation_from_the_cat_tool_takes_its_blocks(
    tmp_path: Path,
) -> None:
    """The CAT tool's English used to come back as one paragraph, the headline in it:
    ``kopir export text`` then gave the client no headline and no paragraphs."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(kazakh_only_doc(
        "doc", "Қасқыр ауланды",
        ["Рейд болды.", "Қасқыр ауланды."], ["Биыл да рейд жүрді.", "Екі қасқыр ұсталды."],
    ))  # fmt: skip
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(  # kk.s2 left untranslated
        unit("Екі қасқыр ұсталды.", "Two wolves were caught.")
        + unit("Қасқыр ауланды", "Wolves hunted")
        + unit("Қасқыр ауланды.", "Wolves were hunted.")
        + unit("Биыл да рейд жүрді.", "Raids went on this year."),
        header=OMEGAT,
    ), "utf-8")  # fmt: skip
    merge_tmx(corpus, path, "doc")
    blocks = corpus.load("doc").en.blocks
    assert [(b.kind, b.type, [s.text for s in b.sentences]) for b in blocks] == [
        (BlockKind.HEAD, "main", ["Wolves hunted"]),
        (BlockKind.P, None, ["Wolves were hunted."]),
        (BlockKind.P, None, ["Raids went on this year.", "Two wolves were caught."]),
    ]
