"""kopir review-cut: show and set the confidence below which proposed beads are weak, and
every listing that counts weak beads following it."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.build.summary import Summary
from corpus.model import Link
from corpus.storage.store import Corpus
from tui.cli.build import _print_summary
from tui.cli.main import main

KK = "Ол Астанаға келді. Кеңес екі сағатқа созылды. Ауа райы жақсы болды. Бәрі риза.\n"
EN = "He came to Astana. The meeting lasted two hours. Everyone was pleased.\n"


@pytest.fixture
def corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Corpus:
    """One document ``doc``: a confirmed 1-1, proposed beads at 0.31, 0.62 and 0.92."""
    (tmp_path / "doc.txt").write_text(KK, "utf-8")
    (tmp_path / "doc.en.txt").write_text(EN, "utf-8")
    root = tmp_path / "c"
    assert main(["--corpus", str(root), "ingest", "-q", "--with-translations", str(tmp_path)]) == 0
    store = Corpus(root)
    doc = store.load("doc")
    doc.links = [
        Link(("kk.s1",), ("en.s1",), "confirmed", None),
        Link(("kk.s2",), ("en.s2",), "auto", 0.31),
        Link(("kk.s3",), (), "auto", 0.62),
        Link(("kk.s4",), ("en.s3",), "auto", 0.92),
    ]
    store.save(doc)
    capsys.readouterr()
    return store


def run(corpus: Corpus, *args: str) -> int:
    return main(["--corpus", str(corpus.root), *args])


def test_the_default_is_shown_with_what_each_cut_finds(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(corpus, "review-cut") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "review cut 0.50 (kopir's default; kopir review-cut VALUE sets it)"
    assert out[1].startswith("measured out of set, reviewing below 0.50 finds ")
    rows = [line for line in out if line.strip()[:4] in ("0.30", "0.50", "0.90")]
    assert len(rows) == 3 and rows[1].endswith("◀ now")


def test_a_set_cut_changes_the_listing_and_its_counts(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(corpus, "show", "doc", "--beads") == 0
    before = capsys.readouterr().out.splitlines()
    assert before[1] == "# 4 beads: 1 confirmed, 1 weak (confidence < 0.5), 0 changed by hand"
    assert run(corpus, "review-cut", "0.7") == 0
    said = capsys.readouterr().out
    assert said.startswith("review cut set to 0.70 (was 0.50); measured out of set, reviewing ")
    assert "[review]\nweak-below = 0.70\n" in (corpus.root / "kopir.toml").read_text("utf-8")
    assert run(corpus, "show", "doc", "--beads") == 0
    after = capsys.readouterr().out.splitlines()
    assert after[1] == "# 4 beads: 1 confirmed, 2 weak (confidence < 0.7), 0 changed by hand"
    assert any("proposed 0.62 weak" in line for line in after)
    assert not any("proposed 0.92 weak" in line for line in after)
    assert run(corpus, "review-cut") == 0
    assert capsys.readouterr().out.startswith("review cut 0.70 ([review] weak-below in ")


def test_a_bad_value_is_one_line_and_changes_nothing(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(corpus, "review-cut", "70") == 1
    err = capsys.readouterr().err
    assert err == "kopir: error: review cut: expected a number from 0 to 1, got 70.0\n"
    assert not (corpus.root / "kopir.toml").exists()


def test_a_malformed_setting_is_an_error_and_the_documents_stay(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = corpus.root / "kopir.toml"
    settings.write_text('[review]\nweak-below = "most"\n', "utf-8")
    before = corpus.path("doc").read_bytes()
    assert run(corpus, "show", "doc", "--beads") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kopir.toml: review.weak-below: expected a number" in err
    assert run(corpus, "review-cut", "0.7") == 1
    assert "review.weak-below" in capsys.readouterr().err
    assert settings.read_text("utf-8") == '[review]\nweak-below = "most"\n'
    assert corpus.path("doc").read_bytes() == before


def test_realign_reports_the_beads_to_review_at_the_corpus_cut(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(corpus, "review-cut", "1") == 0
    capsys.readouterr()
    assert run(corpus, "realign", "doc") == 0
    out = capsys.readouterr().out
    assert "to review (confidence < 1)" in out, out


def test_the_build_summary_names_the_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = Summary(total=3, created=3, beads=40, weak=12, weak_below=0.9)
    _print_summary(built, Corpus(tmp_path), 1.0)
    assert "40 beads (12 weak, confidence < 0.9)" in capsys.readouterr().out
