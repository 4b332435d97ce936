"""kopir glossary: list, add, remove, import and export the corpus's terms, and kopir check
warning where a term's English is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.storage.store import Corpus
from tests.helpers import make_doc
from tests.helpers.cli import kopir_cli as run


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    root.mkdir()
    Corpus(root).save(
        make_doc("d", [("Парламенттің отырысы өтті.", "The Senate met."), ("Иә.", "Yes.")])
    )
    return root


def test_add_list_remove(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(corpus, capsys, "glossary")[1].startswith("no glossary terms yet")
    code, out, _ = run(corpus, capsys, "glossary", "add", "Парламент", "Parliament", "--note", "x")
    assert (code, out) == (0, "Парламент → Parliament (added; 1 term)\n")
    run(corpus, capsys, "glossary", "add", "Қазақстан Республикасы", "Republic of Kazakhstan")
    code, out, _ = run(corpus, capsys, "glossary", "list")
    assert out.splitlines() == [
        "Парламент               →  Parliament   # x",
        "Қазақстан Республикасы  →  Republic of Kazakhstan",
        "# 2 terms",
    ]
    assert run(corpus, capsys, "glossary", "remove", "Парламент")[1] == "removed Парламент\n"
    code, _, err = run(corpus, capsys, "glossary", "remove", "Парламент")
    assert (code, err) == (1, "kopir: error: no glossary term 'Парламент'\n")


def test_a_bad_term_is_one_line_and_a_missing_corpus_is_refused(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(corpus, capsys, "glossary", "add", "Сенат", " ")
    assert (code, err) == (1, "kopir: error: the term 'Сенат' has no English rendering\n")
    code, _, err = run(corpus.parent / "nope", capsys, "glossary", "add", "Сенат", "Senate")
    assert code == 1 and "no corpus at" in err
    assert not (corpus.parent / "nope").exists()


def test_import_export_and_the_check(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "client.csv"
    sheet.write_text("Kazakh,English\nПарламент,Parliament\n", "utf-8")
    code, out, _ = run(corpus, capsys, "glossary", "import", str(sheet))
    assert out == f"{sheet}: 1 term added, 0 given new renderings or notes, 0 already there\n"
    code, out, _ = run(corpus, capsys, "check")
    assert "d:1: warning: the glossary term «Парламент» is here" in out
    assert "[glossary-term]" in out
    # each check counted under its own severity, not after the notes as if it were one
    assert out.splitlines()[-1].startswith(
        "1 document checked: 0 errors, 1 warning (glossary-term: 1), 0 notes"
    )
    code, out, _ = run(corpus, capsys, "glossary", "export", str(tmp_path / "g.txt"))
    assert (code, out) == (0, f"{tmp_path / 'g.txt'}: 1 term written\n")
    assert (tmp_path / "g.txt").read_text("utf-8").splitlines()[1] == "Парламент\tParliament"
    code, _, err = run(corpus, capsys, "glossary", "export", str(tmp_path / "no" / "g.tbx"))
    assert code == 1 and "does not exist" in err
    broken = tmp_path / "broken.tbx"
    broken.write_bytes(b"<martif>")
    code, _, err = run(corpus, capsys, "glossary", "import", str(broken))
    assert code == 1 and err.startswith(f"kopir: error: {broken}: not well-formed XML")


def test_export_tmx_writes_the_glossary_beside_it(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "job.tmx"
    code, _, err = run(corpus, capsys, "export", "tmx", "-o", str(out), "--glossary")
    assert code == 0 and "no glossary in the corpus" in err
    assert not (tmp_path / "job.tbx").exists()
    run(corpus, capsys, "glossary", "add", "Парламент", "Parliament")
    code, out_text, _ = run(corpus, capsys, "export", "tmx", "-o", str(out), "--glossary")
    assert code == 0 and f"glossary: 1 term written to {tmp_path / 'job.tbx'} (TBX)" in out_text
    assert b"<term>Parliament</term>" in (tmp_path / "job.tbx").read_bytes()
    assert out.is_file()
    code, _, err = run(corpus, capsys, "export", "tmx", "-o", str(tmp_path / "x.tbx"), "--glossary")
    assert code == 1 and "name the TMX .tmx" in err
