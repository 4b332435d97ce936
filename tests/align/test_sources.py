"""align.sources.add_sources: the one call behind kopir ingest and the app's Add Kazakh dialog;
every file's outcome comes back as data, nothing is printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align.sources import add_sources
from corpus.storage.store import Corpus

SEEDS = Path(__file__).parents[2] / "seeds"


def test_a_folder_gives_each_file_s_outcome_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(SEEDS / "001_edcedd8c637f99fa.txt", folder / "good.txt")
    (folder / "blank.txt").write_text("   \n", "utf-8")  # no text: this file fails
    (folder / "good.en.txt").write_text("A translation, left for --with-translations.\n", "utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("not for the corpus\n", "utf-8")
    (folder / "link.txt").symlink_to(outside)
    corpus = Corpus(tmp_path / "corpus")
    seen: list[tuple[str, int, int]] = []

    added = add_sources(corpus, [folder], on_file=lambda o, d, t: seen.append((o.path.name, d, t)))

    assert seen == [("blank.txt", 1, 2), ("good.txt", 2, 2)]
    assert added.skipped == [folder / "link.txt"]
    blank, good = added.files
    assert blank.result is None and blank.error is not None and "no text" in str(blank.error)
    assert good.result is not None and good.result.status == "created" and good.error is None
    assert good.aligned is None and not corpus.load("good").en.sentences()  # not asked for
    assert added.failed == 1 and added.counts() == {"created": 1, "updated": 0, "unchanged": 0}
    assert capsys.readouterr() == ("", "")

    again = add_sources(corpus, [folder / "good.txt", tmp_path / "missing.txt"])
    assert [o.result.status if o.result else str(o.error) for o in again.files] == [
        "unchanged",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_with_translations_the_english_beside_is_imported_and_aligned(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "001_edcedd8c637f99fa.txt", tmp_path / "doc.txt")
    shutil.copy(SEEDS / "001_edcedd8c637f99fa.en.txt", tmp_path / "doc.en.txt")
    corpus = Corpus(tmp_path / "corpus")
    (outcome,) = add_sources(corpus, [tmp_path / "doc.txt"], with_translations=True).files
    assert outcome.aligned is not None and outcome.translation_error is None
    assert corpus.load("doc").en.sentences() and corpus.load("doc").links
