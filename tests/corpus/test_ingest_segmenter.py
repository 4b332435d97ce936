"""Re-ingesting after the segmenter changed (its SEGMENTER string in the TEI header).

A new segmenter version must not make ``kopir ingest`` (and so ``make run``)
fail on a corpus that holds translation work: an aligned document keeps the
segmentation it was aligned on until the user asks for ``--replace``; a
document without work is simply segmented again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.model import Block, BlockKind, Sentence
from corpus.storage.store import Corpus
from corpus.text.segment import SEGMENTER
from tui.cli.main import main

OLD = "kopir rule-based sentence segmenter, version 1"


def ingest(corpus: Path, *args: str) -> int:
    return main(["--corpus", str(corpus), "ingest", *args])


def built_by_an_older_segmenter(tmp_path: Path, with_work: bool) -> tuple[Corpus, Path]:
    corpus_dir, src = tmp_path / "c", tmp_path / "doc.txt"
    src.write_text("Сәлем! бүгін жаңалық бар. Ертең кездесеміз.\n", "utf-8")
    assert ingest(corpus_dir, str(src)) == 0
    corpus = Corpus(corpus_dir)
    doc = corpus.load("doc")
    doc.meta.segmenter = OLD
    if with_work:
        doc.en.blocks.append(Block(BlockKind.P, [Sentence.plain("en.s1", "Hello!")]))
    corpus.save(doc)
    return corpus, src


def test_an_aligned_document_keeps_its_segmentation_when_only_the_segmenter_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, src = built_by_an_older_segmenter(tmp_path, with_work=True)
    saved = corpus.path("doc").read_bytes()
    capsys.readouterr()
    assert ingest(corpus.root, str(src)) == 0
    assert capsys.readouterr().out.split()[0] == "unchanged"
    assert corpus.path("doc").read_bytes() == saved
    # --replace re-segments it with the current rules, and discards the work
    assert ingest(corpus.root, "--replace", str(src)) == 0
    rebuilt = corpus.load("doc")
    assert rebuilt.meta.segmenter == SEGMENTER and rebuilt.en.sentences() == []


def test_a_document_without_work_is_segmented_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, src = built_by_an_older_segmenter(tmp_path, with_work=False)
    capsys.readouterr()
    assert ingest(corpus.root, str(src)) == 0
    assert capsys.readouterr().out.split()[0] == "updated"
    assert corpus.load("doc").meta.segmenter == SEGMENTER
