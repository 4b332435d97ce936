"""Failed runs change nothing: a refused re-ingest, a full disk, a failing fsync or an
interrupt mid-save leave the corpus byte-identical, with no temporary file or lock left."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import corpus.storage.atomic
from corpus.errors import KopirError
from corpus.model import Link
from corpus.storage.atomic import atomic_write
from corpus.storage.store import Corpus
from tests.helpers import SEEDS, source_file
from tests.hostile import KAZAKH, Run, assert_refused, ingest_good, kopir, left_unchanged


@pytest.mark.parametrize(
    ("new", "extra", "needle"),
    [
        ("Жаңа мәтін.\n".encode() + b"\xff\n", (), "byte offset"),
        (b"", (), "no text"),
        (b"\x00\x01\x02\x03" * 1000, (), "binary"),
        ("Өте ұзын жаңа мәтін. ".encode() * 200, ("--max-bytes", "1000"), "limit"),
    ],
    ids=["undecodable", "empty", "binary", "too-large"],
)
def test_failed_reingest_leaves_the_corpus_byte_identical(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    new: bytes,
    extra: tuple[str, ...],
    needle: str,
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    with left_unchanged(corpus_dir):
        src = source_file(tmp_path, "doc.txt", new)
        run = kopir(capsys, corpus_dir, "ingest", *extra, src)
        assert_refused(run, str(src), needle)


def _boom(exc: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


def _no_space() -> OSError:
    """The error a write on a full disk raises (ENOSPC)."""
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _full_disk(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """Make the atomic writer's ``os.<call>`` fail as on a full disk (ENOSPC)."""
    monkeypatch.setattr(corpus.storage.atomic.os, call, _boom(_no_space()))


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_atomic_write_failure_keeps_the_previous_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    with left_unchanged(corpus_dir):
        store = Corpus(corpus_dir)
        doc = store.load("doc")
        doc.meta.title = "Өзгерген тақырып"
        _full_disk(monkeypatch, where)
        with pytest.raises((OSError, KopirError)):
            store.save(doc)
        with pytest.raises((OSError, KopirError)):
            atomic_write(corpus_dir / "doc.xml", b"half")
        monkeypatch.undo()
    assert store.load("doc").meta.title != "Өзгерген тақырып"


def _reingest_failing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
) -> tuple[Path, Run]:
    """Re-ingest the good document while the atomic writer's ``os.replace`` raises ``exc``
    (undone after the run), asserting the corpus is left unchanged: the corpus, the run."""
    corpus_dir = ingest_good(capsys, tmp_path)
    with left_unchanged(corpus_dir):
        src = source_file(tmp_path, "doc.txt", KAZAKH + "Жаңа абзац.\n")
        monkeypatch.setattr(corpus.storage.atomic.os, "replace", _boom(exc))
        run = kopir(capsys, corpus_dir, "ingest", src)
        monkeypatch.undo()
    return corpus_dir, run


def test_disk_full_during_save_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_dir, run = _reingest_failing(tmp_path, capsys, monkeypatch, _no_space())
    assert_refused(run, str(corpus_dir / "doc.xml"), os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("command", ["align", "realign"])
def test_align_or_realign_on_a_full_disk_is_a_one_line_error_and_leaves_no_lock(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """Issue 15: a full disk during ``realign`` left an empty lock file behind."""
    seed = "003_02315eec3f8dba4a"
    corpus_dir = tmp_path / "corpus"
    assert kopir(capsys, corpus_dir, "ingest", SEEDS / f"{seed}.txt").code == 0
    english = ["--en", SEEDS / f"{seed}.en.txt"]
    if command == "realign":
        assert kopir(capsys, corpus_dir, "align", seed, *english).code == 0
        doc = Corpus(corpus_dir).load(seed)
        first, second = doc.links[:2]  # two beads made one: re-aligning has work to do
        doc.links[:2] = [Link(first.kk + second.kk, first.en + second.en)]
        Corpus(corpus_dir).save(doc)
    with left_unchanged(corpus_dir):  # the document as it was, no lock file left
        _full_disk(monkeypatch, "replace")
        args = [command, seed, *([*english, "--replace"] if command == "align" else [])]
        run = kopir(capsys, corpus_dir, *args)
        monkeypatch.undo()
        assert_refused(run, os.strerror(errno.ENOSPC))


def test_interrupt_during_save_keeps_the_previous_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, run = _reingest_failing(tmp_path, capsys, monkeypatch, KeyboardInterrupt())
    assert run.code == 130 and run.err.strip() == "kopir: interrupted", run


def test_corpus_path_that_is_a_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_dir = source_file(tmp_path, "corpus", "not a directory\n")
    src = source_file(tmp_path, "doc.txt", KAZAKH)
    assert_refused(kopir(capsys, not_a_dir, "ingest", src), str(not_a_dir))
    assert not_a_dir.read_text("utf-8") == "not a directory\n"
