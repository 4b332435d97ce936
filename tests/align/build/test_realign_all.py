"""kopir realign --all: the corpus-wide realign pass on a corpus made without a manifest
(kopir ingest + kopir align), with the build's guarantees: translators' work never moves,
a second run over the same corpus does nothing, a Ctrl+C'd run resumes, and a corpus too
small to teach itself is left as it was."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from lxml import etree

from align.build import dask_client, realign_all
from align.build.realign import RealignState
from align.learned import learned_path
from benchmarks.realign_cli import score_corpus, write_crawl
from corpus.model import Link
from corpus.storage.store import Corpus
from tests.helpers import kill_build_midway, kopir_cli, tatoeba_documents


def _ingested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int, pairs: int, seed: int = 16
) -> tuple[Corpus, list[str], list]:
    """A corpus made as a translator makes one: kopir ingest, then kopir align DOC --en FILE."""
    docs = tatoeba_documents(count, pairs, seed=seed)
    _, ids = write_crawl(tmp_path / "texts", docs)
    corpus = Corpus(tmp_path / "corpus")
    texts = tmp_path / "texts"
    code, _, err = kopir_cli(corpus.root, capsys, "ingest", str(texts), "-q")
    assert code == 0, err
    for doc_id in ids:  # Tatoeba's sentences share few names and numbers: "unrelated" to kopir
        english = str(texts / f"{doc_id}.en.txt")
        code, _, err = kopir_cli(
            corpus.root, capsys, "align", doc_id, "--en", english, "--even-if-unrelated"
        )
        assert code == 0, err
    assert all(corpus.load(doc_id).links for doc_id in ids)
    return corpus, ids, docs


def test_a_corpus_made_without_a_manifest_gets_the_pass_and_a_second_run_does_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ids, docs = _ingested(tmp_path, capsys, 10, 60)
    first = score_corpus(corpus, ids, docs)
    doc = corpus.load(ids[3])  # a translator confirms a bead
    sure = next(n for n, link in enumerate(doc.links) if link.kk and link.en)
    doc.links[sure] = Link(doc.links[sure].kk, doc.links[sure].en, "confirmed", None)
    corpus.save(doc)
    confirmed = doc.links[sure]

    code, out, err = kopir_cli(corpus.root, capsys, "realign", "--all", "--workers", "2", "-q")
    assert code == 0, err
    said = [line for line in out.splitlines() if line.startswith("realign")]
    assert len(said) == 2 and "taught the aligner" in said[0]
    assert said[1].startswith("realign: 10 documents in ") and " with beads moved (" in said[1]
    assert said[1].endswith(" 0 kept, 0 failed")
    assert score_corpus(corpus, ids, docs).f1_strict > first.f1_strict
    assert confirmed in corpus.load(ids[3]).links
    assert learned_path(corpus.root).is_file()

    before = {doc_id: corpus.read_bytes(doc_id) for doc_id in ids}
    code, out, _ = kopir_cli(corpus.root, capsys, "realign", "--all", "--workers", "1")
    said = [line for line in out.splitlines() if line.startswith("realign")]
    assert code == 0 and said == [
        "realign: 10 documents as the last pass left them (nothing changed since); "
        "nothing re-aligned"
    ]
    assert {doc_id: corpus.read_bytes(doc_id) for doc_id in ids} == before
    code, out, _ = kopir_cli(corpus.root, capsys, "realign", ids[0])  # one document: as ever
    assert code == 0 and "0 confirmed kept" in out


def test_a_corpus_too_small_to_teach_itself_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, ids, _ = _ingested(tmp_path, capsys, 2, 30, seed=9)
    before = {doc_id: corpus.read_bytes(doc_id) for doc_id in ids}
    code, out, _ = kopir_cli(tmp_path, capsys, "realign", "--all", str(corpus.root), "-q")
    assert code == 0
    said = [line for line in out.splitlines() if line.startswith("realign")]
    assert len(said) == 1 and "are too few to learn from (it takes 300)" in said[0], said
    assert {doc_id: corpus.read_bytes(doc_id) for doc_id in ids} == before
    assert not learned_path(corpus.root).exists()


def test_ctrl_c_mid_pass_loses_nothing_and_the_next_run_resumes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tei_schema: etree.RelaxNG
) -> None:
    corpus, ids, _ = _ingested(tmp_path, capsys, 48, 60, seed=4)
    state = corpus.root / ".kopir" / "build" / "realign.jsonl"
    args = ["--all", "--workers", "2", "--batch", "1", "-q"]
    code = kill_build_midway(
        corpus.root, args, state, lines=3, seconds=300, command_name="realign", sig=signal.SIGINT
    )
    assert code == 130
    done_at_stop = len(RealignState(corpus.root).done)
    assert 2 <= done_at_stop < len(ids), "stopped after the pass had finished"
    for doc_id in ids:  # each write atomic: every document whole, old or new
        tei_schema.assertValid(etree.fromstring(corpus.read_bytes(doc_id)))

    with dask_client(workers=2) as client:
        rerun = realign_all(corpus, client)
    assert rerun.resumed and rerun.failed == 0 and not rerun.interrupted
    assert rerun.skipped == done_at_stop
    assert rerun.skipped + rerun.written + rerun.unchanged == len(ids)
    assert RealignState(corpus.root).finished
