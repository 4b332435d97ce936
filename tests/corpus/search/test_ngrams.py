"""N-grams around a node against an independent reader of the TEI sentences."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus.model import Link
from corpus.search import Query, QueryEngine
from corpus.search.ngrams import ngrams
from corpus.storage.store import Corpus
from tests.helpers import WORD, make_corpus, sentences
from tui.cli.main import main


def reader_runs(folder: Path, word: str, size: int) -> Counter[str]:
    """Every run of ``size`` words of a Kazakh sentence holding ``word``, once per place."""
    found: Counter[str] = Counter()
    for text in sentences(folder, "kk"):
        toks = [t.lower() for t in WORD.findall(text)]
        for i, tok in enumerate(toks):
            if tok != word:
                continue
            for begin in range(max(0, i - size + 1), i + 1):
                if begin + size <= len(toks):
                    found[" ".join(toks[begin : begin + size])] += 1
    return found


@pytest.mark.parametrize("size", [2, 3])
def test_runs_around_a_word_equal_the_tei(seeds: Path, size: int) -> None:
    expected = reader_runs(seeds, "мен", size)
    with QueryEngine(Corpus(seeds)) as engine:
        found = ngrams(engine, Query(kk="мен"), size, min_freq=1, rows=None)
    assert dict(found.rows) == dict(expected) and len(expected) > 20
    assert [n for _, n in found.rows] == sorted((n for _, n in found.rows), reverse=True)


def test_runs_stop_at_a_sentence_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = make_corpus(tmp_path / "c", {"a": [("Бұл сөз.", "x"), ("Сөз бітті.", "y")] * 2})
    doc = corpus.load("a")
    pairs = [doc.links[i : i + 2] for i in (0, 2)]  # two beads of two sentences each
    doc.links = [Link(a.kk + b.kk, a.en + b.en, "auto", 0.5) for a, b in pairs]
    corpus.save(doc)  # "сөз. Сөз" is in one bead, across a sentence end: not a run
    assert (
        main(
            [
                "--corpus",
                str(corpus.root),
                "query",
                "--kk",
                "сөз",
                "--ngrams",
                "2",
                "--min-freq",
                "1",
            ]
        )
        == 0
    )
    table = [line.split() for line in capsys.readouterr().out.splitlines()[3:]]
    assert sorted(table) == [["бұл", "сөз", "2"], ["сөз", "бітті", "2"]]
