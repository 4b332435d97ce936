"""The kopir command line on real seed data: ingest, ls, show, segment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.storage.store import Corpus
from tests.helpers import REPO, SEED_IDS, SEEDS
from tui.cli.main import build_parser, main


def kopir(*args: str, corpus: Path | None = None) -> int:
    argv = (["--corpus", str(corpus)] if corpus else []) + list(args)
    return main(argv)


def test_ingest_seeds_then_ls_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c"
    assert kopir("ingest", str(SEEDS), corpus=corpus) == 0
    out = capsys.readouterr()
    assert [line.split()[0] for line in out.out.splitlines()[:-1]] == ["created"] * len(SEED_IDS)
    assert "rәрі" in out.err and "--fix-homoglyphs" in out.err  # reported, not repaired
    assert Corpus(corpus).ids() == SEED_IDS  # the .en.txt renderings are not documents

    assert kopir("ls", corpus=corpus) == 0
    listing = capsys.readouterr().out
    assert "5 documents, 331 Kazakh and 0 English sentences" in listing
    assert "2019-04-08" in listing

    assert kopir("show", "001_edcedd8c637f99fa", corpus=corpus) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].startswith("# 001_edcedd8c637f99fa: Қазақстан алпауыттар")
    assert any(line.startswith("[dateline]") and "АСТАНА. KAZINFORM —" in line for line in shown)


def test_ls_lines_its_columns_up_whatever_the_ids_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An id longer than 24 columns pushed its row's counts right of the header's."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("қысқа.txt", "02 Катонқарағай 4 ілбіс (сайттан көшірме).txt"):
        (src / name).write_text("Ауылда жаңа мектеп ашылды. Онда 300 оқушы оқиды.\n", "utf-8")
    corpus = tmp_path / "c"
    assert kopir("ingest", str(src), corpus=corpus) == 0
    capsys.readouterr()
    assert kopir("ls", corpus=corpus) == 0
    header, *rows, _ = capsys.readouterr().out.splitlines()
    assert len(rows) == 2
    for row in rows:  # the Kazakh count ends where the header's "kk" does
        assert row[: header.index("kk") + 2].endswith(" 2"), (header, row)


def test_ls_lists_a_document_the_app_or_stats_read_without_parsing_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """kopir ls parsed every document each time, though kopir stats and the documents screen
    keep the same counts of each unchanged file (20,000 documents: over a minute)."""
    corpus = tmp_path / "c"
    assert kopir("ingest", "--with-translations", str(SEEDS), corpus=corpus) == 0
    capsys.readouterr()
    assert kopir("ls", corpus=corpus) == 0
    cold = capsys.readouterr().out
    assert kopir("stats", corpus=corpus) == 0  # keeps its figures in .kopir/overview.json
    changed = Corpus(corpus).load(SEED_IDS[2])
    changed.meta.title = "Жаңа тақырып"
    Corpus(corpus).save(changed)
    loads: list[str] = []
    load = Corpus.load
    monkeypatch.setattr(Corpus, "load", lambda self, i: loads.append(i) or load(self, i))
    monkeypatch.setattr("tui.cli.documents.KEPT_FROM", 5)  # a large corpus's way, on 5
    capsys.readouterr()
    assert kopir("ls", corpus=corpus) == 0
    assert loads == [SEED_IDS[2]]  # only the document saved since
    header = cold.splitlines()[0]
    row = next(line for line in cold.splitlines() if line.startswith(SEED_IDS[2]))
    renamed = row[: header.index("title")] + "Жаңа тақырып"
    assert capsys.readouterr().out == cold.replace(row, renamed) != cold


def test_ingest_of_a_folder_names_every_file_it_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.kk.txt", "a.en.txt", "a.ru.txt", "b.txt", "b.kk.txt", "a.docx"):
        (src / name).write_text("Ауылда жаңа мектеп ашылды.\n", "utf-8")
    corpus = tmp_path / "c"
    assert kopir("ingest", str(src), corpus=corpus) == 1  # b.txt: a second Kazakh text for b
    out = capsys.readouterr()
    assert [line.split()[:2] for line in out.out.splitlines()[:-1]] == [
        ["created", "a"],
        ["created", "b"],
    ]
    assert out.out.splitlines()[-1] == f"{corpus}: 2 created, 1 failed"
    assert out.err.splitlines() == [
        "kopir: error: b.txt: a second Kazakh text for b (after b.kk.txt); rename one",
        "kopir: warning: a.ru.txt: another language (ru): kopir reads Kazakh x.txt and English "
        "x.en.txt",
        "kopir: note: not read, not .txt texts: a.docx",
        "kopir: note: 1 English text beside the Kazakh (x.en.txt) not imported: "
        "--with-translations imports and aligns them",
    ]
    assert kopir("ingest", "-q", "--with-translations", str(src / "a.kk.txt"), corpus=corpus) == 0
    assert Corpus(corpus).load("a").en.sentences()  # a.en.txt, the English of a.kk.txt
    (src / "b.txt").unlink()
    (src / "b.kk.txt").unlink()
    (src / "a.kk.txt").unlink()
    capsys.readouterr()
    assert kopir("ingest", str(src), corpus=corpus) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"kopir: error: no Kazakh texts (x.txt or x.kk.txt) in {src}"
    )


def test_reingest_unchanged_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    assert kopir("ingest", str(SEEDS), corpus=corpus) == 0
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.glob("*.xml")}
    capsys.readouterr()
    assert kopir("ingest", str(SEEDS), corpus=corpus) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["unchanged"] * len(SEED_IDS)
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.glob("*.xml")}
    assert after == before


def test_quiet_ingest_says_only_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "c"
    assert kopir("ingest", "--quiet", str(SEEDS), corpus=corpus) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [f"{corpus}: {len(SEED_IDS)} created"]
    assert out.err == ""  # the homoglyph warnings of the loud run are not shown


def test_changed_source_updates_but_never_discards_translation_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus_dir, src = tmp_path / "c", tmp_path / "doc.txt"
    src.write_text("Бірінші сөйлем. Екінші сөйлем.\n", "utf-8")
    assert kopir("ingest", str(src), corpus=corpus_dir) == 0
    src.write_text("Бірінші сөйлем. Екінші сөйлем. Үшінші.\n", "utf-8")
    assert kopir("ingest", str(src), corpus=corpus_dir) == 0
    assert "updated" in capsys.readouterr().out

    corpus = Corpus(corpus_dir)
    doc = corpus.load("doc")
    from corpus.model import Block, BlockKind, Sentence

    doc.en.blocks.append(Block(BlockKind.P, [Sentence.plain("en.s1", "First sentence.")]))
    corpus.save(doc)
    saved = corpus.path("doc").read_bytes()
    src.write_text("Мүлде басқа мәтін.\n", "utf-8")
    assert kopir("ingest", str(src), corpus=corpus_dir) == 1
    err = capsys.readouterr().err
    assert "holds translation work" in err and "--replace" in err
    assert corpus.path("doc").read_bytes() == saved
    assert kopir("ingest", "--replace", str(src), corpus=corpus_dir) == 0
    assert corpus.load("doc").en.sentences() == []


def test_fix_homoglyphs_changes_the_document(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    seed = SEEDS / "000_6cc29457a28446bc.txt"
    assert kopir("ingest", str(seed), corpus=corpus) == 0
    assert kopir("ingest", "--fix-homoglyphs", str(seed), corpus=corpus) == 0
    data = (corpus / "000_6cc29457a28446bc.xml").read_bytes()
    assert "<sic>rәрі</sic>".encode() in data and "кәрі</corr>".encode() in data


def test_corpus_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOPIR_CORPUS", str(tmp_path / "env"))
    assert kopir("ingest", str(SEEDS / "003_02315eec3f8dba4a.txt")) == 0
    assert (tmp_path / "env" / "003_02315eec3f8dba4a.xml").is_file()


def test_show_unknown_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".kopir").mkdir()
    assert kopir("show", "nope", corpus=tmp_path) == 1
    assert capsys.readouterr().err.startswith("kopir: error: no document 'nope'")
    assert kopir("show", "../../etc/passwd", corpus=tmp_path) == 1
    assert "invalid document id" in capsys.readouterr().err


def test_segment_reads_stdin_and_keeps_text_exact() -> None:
    text = "Қ. Тоқаев келді.  Ол сөйледі!\n\n– Қайда? – деді ол. Бітті.\n"
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "segment", "-"],
        input=text.encode(),
        capture_output=True,
        cwd=REPO,
        check=True,
    )
    assert result.stdout.decode().splitlines() == [
        "Қ. Тоқаев келді.",
        "Ол сөйледі!",
        "– Қайда? – деді ол.",
        "Бітті.",
    ]


def test_segment_english_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "en.txt"
    path.write_text("Mr. Smith arrived. He spoke.\n", "utf-8")
    assert kopir("segment", "--lang", "en", str(path)) == 0
    assert capsys.readouterr().out == "Mr. Smith arrived.\nHe spoke.\n"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("kk", "Марапат берілді.\nНҰР-СҰЛТАН. ҚазАқпарат – Министрлік сыйлық берді. Бітті.\n"),
        ("kk", "АСТАНА. KAZINFORM — Мемлекет басшысы барды.\n"),
        ("kk", "МӘСКЕУ, 3 наурыз. /ТАСС/. Келіссөздер басталды.\n"),
        ("en", "The first item.\nMOSCOW, March 3. /TASS/. Talks began. They ended.\n"),
        # indented, as text pasted from a web page often is: ingest strips the line first
        ("kk", "  АСТАНА. KAZINFORM – Мәтін келді.\n\tТАРАЗ. KAZINFORM – Екінші.\n"),
        ("kk", " date 2025-11-24 Тақырып\n"),
    ],
)
def test_segment_cuts_an_agency_dateline_as_ingest_and_the_srx_rules_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, text: str
) -> None:
    # "kopir segment news.txt" then "kopir align kk.txt en.txt" gave "НҰР-СҰЛТАН." and
    # "ҚазАқпарат – Министрлік…" where ingest and the SRX file a CAT tool segments with
    # keep "НҰР-СҰЛТАН. ҚазАқпарат –" whole: that route's units never matched a segment.
    from corpus.ingest import build_document
    from corpus.text.srx_rules import split_with_rules

    path = tmp_path / "news.txt"
    path.write_text(text, "utf-8")
    assert kopir("segment", "--lang", lang, str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    rules = [s for line in text.splitlines() for s in split_with_rules(line, lang, structure=True)]
    assert out == rules
    if lang == "kk":
        ingested = build_document(text.encode(), "news.txt", "news").doc
        dated = [f"date {ingested.meta.date}"] if ingested.meta.date else []
        assert out == dated + [s.text for s in ingested.kk.sentences()]


@pytest.mark.parametrize(
    "text",
    [
        "date 2025-11-24 Тақырып бүгін\nМәтін келді. Бітті.\n",
        "date 2025-11-24 АСТАНА. KAZINFORM – Мәтін келді. Бітті.\n",
        "date 2025-11-24 МӘСКЕУ, 3 наурыз. /ТАСС/. Келіссөздер басталды.\n",
    ],
)
def test_segment_cuts_the_scrapers_date_marker_as_ingest_and_the_srx_rules_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    # "kopir segment" printed "date 2025-11-24 Тақырып бүгін" as one sentence, where the
    # SRX rules cut the marker off and ingest takes it into the header.
    from corpus.ingest import build_document
    from corpus.text.srx_rules import split_with_rules

    path = tmp_path / "news.txt"
    path.write_text(text, "utf-8")
    assert kopir("segment", str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    rules = [s for line in text.splitlines() for s in split_with_rules(line, "kk", structure=True)]
    assert out == rules
    ingested = build_document(text.encode(), "news.txt", "news").doc
    assert out[0] == f"date {ingested.meta.date}" == "date 2025-11-24"
    assert out[1:] == [s.text for s in ingested.kk.sentences()]


def test_no_command_lists_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Outside a terminal, plain ``kopir`` lists the corpus; a corpus that is not there is
    an error (a mistyped --corpus must not look like an empty corpus)."""
    assert kopir(corpus=tmp_path / "none") == 1
    assert "no corpus at" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert kopir(corpus=tmp_path / "empty") == 1
    assert "is not a kopir corpus" in capsys.readouterr().err
    (tmp_path / "emptied" / ".kopir").mkdir(parents=True)  # its documents all removed
    assert kopir(corpus=tmp_path / "emptied") == 0
    assert "no documents" in capsys.readouterr().out


def test_a_folder_of_source_texts_is_not_taken_for_a_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--corpus seeds`` by mistake: an error, and nothing written into the folder."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Бір сөйлем.\n", "utf-8")
    for args in (("ls",), ("query", "сөйлем"), ("stats",), ("index",), ("check",)):
        assert kopir(*args, corpus=texts) == 1, args
        assert "is not a kopir corpus" in capsys.readouterr().err, args
    assert [p.name for p in texts.iterdir()] == ["a.txt"]


@pytest.mark.parametrize(
    "command",
    [[], *([name] for name in sorted(build_parser()._subparsers._group_actions[0].choices))],
)
def test_every_help_page_prints(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    assert "usage: kopir" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text",
    [
        # my own sentences in the Latin alphabet: "ж." (year) and "млн." are abbreviations
        # in the Cyrillic reading, and "AQTÓBE." opens a dateline (Ó is no capital the
        # dateline's pattern knows, printed)
        "1939 j. Q. Jumalıev kitap jazdy. Ol 2 mln. teńge aldy.\nBul óte jaqsy.\n",
        "AQTÓBE. QazAqparat – Búgin mektep ashyldy. Oǵan 600 bala barady.\nBul óte jaqsy.\n",
        # in the Arabic script: no capitals, so a dateline is known by its agency
        "استانا. قازاقپارات - مەكتەپ ەكى جىلدا سالىندى. وعان 600 بالا بارادى.\n",
    ],
    ids=["latin-abbreviations", "latin-dateline", "tote-dateline"],
)
def test_segment_cuts_latin_and_arabic_script_kazakh_as_ingest_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """``kopir segment`` cut the printed letters, ingest their Cyrillic reading: the same
    Latin-alphabet text gave "1939 j." as a sentence here and not in the corpus."""
    from corpus.ingest import build_document

    path = tmp_path / "news.txt"
    path.write_text(text, "utf-8")
    assert kopir("segment", str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        s.text for s in build_document(text.encode(), "news.txt", "news").doc.kk.sentences()
    ]


@pytest.mark.parametrize("script", ["latin", "tote"])
@pytest.mark.parametrize("seed", SEED_IDS)
def test_segment_cuts_the_seeds_in_other_scripts_as_ingest_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: str, script: str
) -> None:
    """Each seed copied into the Latin alphabet or the Arabic script (tests/helpers/scripts):
    every paragraph ingest cuts into sentences, ``kopir segment`` cuts into the same ones
    (the Arabic-script copies disagreed in 14 paragraphs of the five seeds)."""
    from corpus.ingest import build_document
    from corpus.model import BlockKind
    from tests.helpers import scripts

    text = getattr(scripts, script)((SEEDS / f"{seed}.txt").read_text("utf-8"))
    path = tmp_path / "copy.txt"
    path.write_text(text, "utf-8")
    assert kopir("segment", str(path)) == 0
    out = capsys.readouterr().out.splitlines()
    doc = build_document(text.encode(), "copy.txt", seed).doc
    paragraphs = [
        [s.text for s in block.sentences]
        for block in doc.kk.blocks
        if block.sentences and block.kind is not BlockKind.HEAD  # a headline is not cut
    ]
    assert len(doc.kk.sentences()) == len(
        build_document((SEEDS / f"{seed}.txt").read_bytes(), "seed.txt", seed).doc.kk.sentences()
    )  # the copy is cut as its Cyrillic original
    at = 0
    for sentences in paragraphs:  # each in its place in the output, in order
        while at < len(out) and out[at : at + len(sentences)] != sentences:
            at += 1
        assert out[at : at + len(sentences)] == sentences, sentences
        at += len(sentences)
