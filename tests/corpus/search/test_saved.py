"""Saved named queries: kept in the corpus's state folder, run again by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import KopirError
from corpus.search import Query
from corpus.search.saved import load_query, save_query, saved_path, saved_queries
from tests.helpers import make_corpus
from tui.cli.main import main


def test_a_saved_query_comes_back_whole(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"a": [("Сөз бар.", "A word.")]})
    asked = Query(
        kk="сөз*", en_not="x", regex=False, docs=("a*",), statuses=("auto",), since="2020"
    )
    save_query(corpus, "words", asked)
    save_query(corpus, "other", Query(text="бар"))
    assert load_query(corpus, "words") == asked
    assert list(saved_queries(corpus)) == ["words", "other"]
    save_query(corpus, "words", Query(en="word"))  # the same name replaces it
    assert load_query(corpus, "words") == Query(en="word")
    with pytest.raises(KopirError, match="saved: words, other"):
        load_query(corpus, "missing")
    for bad in ("", " ", "x" * 81, "a\nb"):
        with pytest.raises(KopirError, match="name"):
            save_query(corpus, bad, asked)
    with pytest.raises(KopirError, match="nothing to save"):
        save_query(corpus, "empty", Query(docs=("a",)))
    saved_path(corpus).write_text("{not json", "utf-8")
    with pytest.raises(KopirError, match="cannot read the saved queries"):
        saved_queries(corpus)
    assert saved_path(corpus).read_text("utf-8") == "{not json"  # reading loses nothing


def test_save_and_run_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(tmp_path / "c", {"a": [("Сөз бар. Сөз жоқ.", "A word.")]}).root
    base = ["--corpus", str(root), "query"]
    assert main([*base, "--kk", "сөз", "--save", "сөз"]) == 0
    direct = capsys.readouterr()
    assert "saved the query as 'сөз'" in direct.err
    assert main([*base, "--saved", "сөз"]) == 0
    assert capsys.readouterr().out == direct.out
    assert main([*base, "--saved"]) == 0
    assert capsys.readouterr().out == "сөз\t--kk сөз\n"
    assert main([*base, "--saved", "сөз", "--kk", "бар"]) == 1
    assert "give no words" in capsys.readouterr().err
