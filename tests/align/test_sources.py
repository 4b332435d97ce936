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


def test_a_folder_s_x_kk_txt_is_the_document_x_and_x_en_txt_its_english(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    shutil.copy(SEEDS / "001_edcedd8c637f99fa.txt", folder / "news.kk.txt")
    shutil.copy(SEEDS / "001_edcedd8c637f99fa.en.txt", folder / "news.en.txt")
    corpus = Corpus(tmp_path / "corpus")
    (outcome,) = add_sources(corpus, [folder], with_translations=True).files
    assert outcome.path == folder / "news.kk.txt" and outcome.result is not None
    assert outcome.result.doc_id == "news" and outcome.aligned is not None
    assert corpus.ids() == ["news"] and corpus.load("news").links

    named = Corpus(tmp_path / "named")  # the file named on the command line: the same document
    (outcome,) = add_sources(named, [folder / "news.kk.txt"], with_translations=True).files
    assert outcome.result is not None and outcome.result.doc_id == "news"
    assert named.read_bytes("news") == corpus.read_bytes("news")


def test_ingest_and_build_take_the_same_documents_from_a_folder_and_name_the_rest(
    tmp_path: Path,
) -> None:
    from align.build.manifest import Pair, Problem, read_folder

    names = "a.txt a.en.txt b.kk.txt b.en.txt c.txt d.kk.txt d.txt e.en.txt f.ru.txt g_h.txt"
    for name in [*names.split(), "g h.txt", "g_h.en.txt", "notes.md"]:
        (tmp_path / name).write_text("Ауылда жаңа мектеп ашылды.\n", "utf-8")
    (tmp_path / "sub").mkdir()  # not read: kopir reads the folder named, not those inside
    (tmp_path / ".hidden").write_text("a file manager's own\n", "utf-8")
    corpus = tmp_path / ".corpus"
    added = add_sources(Corpus(corpus), [tmp_path])
    built: list[Pair | Problem] = list(read_folder(tmp_path, notes := []))

    ingested = [(o.result.doc_id, o.path.name) for o in added.files if o.result is not None]
    assert ingested == [(p.doc_id, p.kk.name) for p in built if isinstance(p, Pair)]
    assert ingested == [("a", "a.txt"), ("b", "b.kk.txt"), ("c", "c.txt"), ("d", "d.kk.txt"),
                        ("g_h", "g h.txt")]  # fmt: skip
    failed = [str(o.error) for o in added.files if o.error is not None]
    assert failed == [
        "d.txt: a second Kazakh text for d (after d.kk.txt); rename one",
        "g_h.txt: a second Kazakh text for g_h (after g h.txt); rename one",
    ]
    assert [p.reason for p in built if isinstance(p, Problem)] == [
        failed[0],
        "e.en.txt: English with no Kazakh e.txt beside it",
        "g_h.en.txt: English of g_h, whose Kazakh is left out",
        failed[1],
    ]
    said = [left.reason for left in added.left_out]
    assert said == [
        "e.en.txt: English with no Kazakh e.txt beside it",
        "f.ru.txt: another language (ru): kopir reads Kazakh x.txt and English x.en.txt",
        "g_h.en.txt: English of g_h, whose Kazakh is left out",
        "notes.md: not a .txt text, not read",
        "sub: a folder, not read",
    ]
    assert notes == [said[1], "not read, not .txt texts: notes.md, sub/"]
    # the English of a, b (c and d have none) were found and, not asked for, are named
    assert added.english_not_asked == [tmp_path / "a.en.txt", tmp_path / "b.en.txt"]
