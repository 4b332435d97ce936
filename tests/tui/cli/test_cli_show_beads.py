"""kopir show DOC --beads: a document's alignment read from the shell, a bead at a time
(found by a new user who had to export TSV to check an alignment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.listing import bead_views
from corpus.model import Link
from corpus.storage.store import Corpus
from tui.cli.main import main

KK = "Ол Астанаға келді. Кеңес екі сағатқа созылды. Ауа райы жақсы болды. Бәрі риза.\n"
EN = "He came to Astana. The meeting lasted two hours. Everyone was pleased.\n"


@pytest.fixture
def corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Corpus:
    """One document ``doc``: a confirmed 1-1, a weak 1-1, a 1-0 and a 1-1 changed by hand."""
    (tmp_path / "doc.txt").write_text(KK, "utf-8")
    (tmp_path / "doc.en.txt").write_text(EN, "utf-8")
    root = tmp_path / "c"
    assert main(["--corpus", str(root), "ingest", "-q", "--with-translations", str(tmp_path)]) == 0
    store = Corpus(root)
    doc = store.load("doc")
    doc.links = [
        Link(("kk.s1",), ("en.s1",), "confirmed", None),
        Link(("kk.s2",), ("en.s2",), "auto", 0.31),
        Link(("kk.s3",), (), "auto", 0.92),
        Link(("kk.s4",), ("en.s3",), "auto", None),
    ]
    store.save(doc)
    capsys.readouterr()
    return store


def test_each_bead_is_one_line_with_its_texts_under_it(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--corpus", str(corpus.root), "show", "doc", "--beads"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("# doc: ")
    assert out[1] == "# 4 beads: 1 confirmed, 1 weak (confidence < 0.5), 1 changed by hand"
    heads = [line for line in out[2:] if line and not line.startswith(" ")]
    assert [head.split()[:2] for head in heads] == [["1", "1-1"], ["2", "1-1"], ["3", "1-0"],
                                                   ["4", "1-1"]]  # fmt: skip
    assert "confirmed" in heads[0] and "kk.s1 = en.s1" in heads[0]
    assert "proposed 0.31 weak" in heads[1]
    assert "proposed 0.92" in heads[2] and "kk.s3 = —" in heads[2]
    assert "changed by hand" in heads[3]
    at = out.index(heads[0])
    assert out[at + 1 : at + 3] == ["    kk  Ол Астанаға келді.", "    en  He came to Astana."]
    at = out.index(heads[2])
    assert out[at + 2] == "    en  —", "an empty side is said, not left out"


def test_the_core_gives_the_beads_in_order_with_their_words(corpus: Corpus) -> None:
    views = bead_views(corpus.load("doc"), 0.5)
    assert [v.number for v in views] == [1, 2, 3, 4]
    assert [v.status for v in views] == [
        "confirmed", "proposed 0.31 weak", "proposed 0.92", "changed by hand",
    ]  # fmt: skip
    assert views[1].kk == "Кеңес екі сағатқа созылды." and views[2].en == ""


def test_a_document_never_aligned_says_how_to_align_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "solo.txt").write_text(KK, "utf-8")
    root = tmp_path / "c"
    assert main(["--corpus", str(root), "ingest", "-q", str(tmp_path / "solo.txt")]) == 0
    capsys.readouterr()
    assert main(["--corpus", str(root), "show", "solo", "--beads"]) == 0
    assert "kopir align solo --en FILE" in capsys.readouterr().out


def test_beads_show_both_sides(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(corpus.root), "show", "doc", "--beads", "--lang", "en"]) == 1
    assert "--beads" in capsys.readouterr().err
