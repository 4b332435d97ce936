"""``kopir ingest --fix-homoglyphs`` on a document that already holds translation work.

Ingest warns of a word mixing Latin and Cyrillic letters and says to pass
``--fix-homoglyphs``. A translator who aligned first and then did so was refused,
told the document "has changed at the source" (its bytes had not) and offered
only ``--replace``, which discards the English and the beads. A repair changes
words inside sentences, never where they end, so it is made in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.model import Block, BlockKind, Link, Sentence
from corpus.storage.store import Corpus
from tui.cli.main import main

TEXT = "Марапат «Кaznews.mn» порталына берілді. Бiлгiм келеді.\nЕкінші хабар осы.\n"


def ingest(corpus: Path, *args: str) -> int:
    return main(["--corpus", str(corpus), "ingest", *args])


def aligned(tmp_path: Path) -> tuple[Corpus, Path]:
    corpus_dir, src = tmp_path / "c", tmp_path / "doc.txt"
    src.write_text(TEXT, "utf-8")
    assert ingest(corpus_dir, str(src)) == 0
    corpus = Corpus(corpus_dir)
    doc = corpus.load("doc")
    english = ["It went to Kaznews.mn.", "I want to know.", "The second item."]
    doc.en.blocks.append(
        Block(BlockKind.P, [Sentence.plain(f"en.s{i}", t) for i, t in enumerate(english, 1)])
    )
    doc.links = [
        Link((s.id,), (f"en.s{i}",), "confirmed") for i, s in enumerate(doc.kk.sentences(), 1)
    ]
    corpus.save(doc)
    return corpus, src


def test_repairs_look_alikes_in_place_and_keeps_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, src = aligned(tmp_path)
    before = corpus.load("doc")
    capsys.readouterr()
    assert ingest(corpus.root, "--fix-homoglyphs", str(src)) == 0
    out, err = capsys.readouterr()
    assert out.split()[0] == "updated"
    assert "'Кaznews' → 'Kaznews'" in err and "'Бiлгiм' → 'Білгім'" in err
    after = corpus.load("doc")
    assert [s.id for s in after.kk.sentences()] == [s.id for s in before.kk.sentences()]
    assert [s.text for s in after.kk.sentences()][:2] == [
        "Марапат «Kaznews.mn» порталына берілді.",
        "Білгім келеді.",
    ]
    assert [s.original for s in after.kk.sentences()] == [s.text for s in before.kk.sentences()]
    assert after.en.sentences() == before.en.sentences() and after.links == before.links
    assert after.meta.ingest_options.endswith("fix-homoglyphs=yes")
    # the title (here the first sentence's) is the repaired text too, as a fresh ingest's
    assert before.meta.title == "Марапат «Кaznews.mn» порталына берілді."
    assert after.meta.title == "Марапат «Kaznews.mn» порталына берілді."
    capsys.readouterr()
    assert ingest(corpus.root, "--fix-homoglyphs", str(src)) == 0
    assert capsys.readouterr().out.split()[0] == "unchanged"
    # ingested again without the option (as `make run` ingests the seeds): the repair
    # stays and nothing is refused; before, "was ingested with other options", exit 1
    saved = corpus.path("doc").read_bytes()
    assert ingest(corpus.root, str(src)) == 0
    assert capsys.readouterr().out.split()[0] == "unchanged"
    assert corpus.path("doc").read_bytes() == saved


def test_a_kazakh_side_changed_by_hand_is_refused_with_the_real_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, src = aligned(tmp_path)
    doc = corpus.load("doc")
    doc.kk.blocks[-1].sentences[-1] = Sentence.plain("kk.s3", "Екінші хабар, өзгертілген.")
    corpus.save(doc)
    saved = corpus.path("doc").read_bytes()
    capsys.readouterr()
    assert ingest(corpus.root, "--fix-homoglyphs", str(src)) == 1
    err = capsys.readouterr().err
    assert "changed at the source" not in err
    # the options are what the user just changed: the refusal says what stops the repair
    assert "cannot be repaired in place: its Kazakh sentence kk.s3 was changed" in err
    assert "edit box" in err and "--replace" in err and len(err.strip().splitlines()) == 1
    assert corpus.path("doc").read_bytes() == saved
    # a side cut differently (a sentence split by hand) says so
    doc = corpus.load("doc")
    doc.kk.blocks[-1].sentences[-1:] = [
        Sentence.plain("kk.s3", "Екінші хабар."),
        Sentence.plain("kk.s4", "Осы."),
    ]
    corpus.save(doc)
    saved = corpus.path("doc").read_bytes()
    assert ingest(corpus.root, "--fix-homoglyphs", str(src)) == 1
    assert "its 4 Kazakh sentences are not cut as the source's 3" in capsys.readouterr().err
    assert corpus.path("doc").read_bytes() == saved
    # without the repair asked, the options are the news
    assert ingest(corpus.root, str(src), "--encoding", "utf-8") == 1
    assert "was ingested with other options (encoding=auto" in capsys.readouterr().err


def test_a_headline_title_is_repaired_with_the_headline() -> None:
    # A title taken from the first sentence was the repaired text, one taken from a
    # headline the text as scraped: the documents screen listed «Кaznews …» (a
    # Cyrillic К) for a document whose headline sentence read «Kaznews …».
    from corpus.ingest import build_document

    text = "Кaznews жаңа мектеп туралы\n\nАстанада жаңа мектеп ашылды.\n".encode()
    built = build_document(text, "news.txt", "news", fix_homoglyphs=True).doc
    assert built.meta.title_is_headline
    assert built.meta.title == built.kk.sentences()[0].text == "Kaznews жаңа мектеп туралы"
    as_scraped = build_document(text, "news.txt", "news").doc
    assert as_scraped.meta.title == "Кaznews жаңа мектеп туралы"
