"""Files kopir writes: special targets, leftover temporary files, links in ``.kopir/``.

Issue 15, items 8–10: ``-o`` onto a FIFO or a device writes into it instead of
renaming over it; a temporary file left by a killed process is swept by the
next run (only kopir's, only older than the run, never one a live process
holds); and nothing in a corpus's state folder is followed when it is a
symbolic link, since corpora are copied and shared with their ``.kopir/``.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import subprocess
import time
from pathlib import Path

import pytest

import corpus.storage.atomic
from corpus.errors import CorpusError
from corpus.storage.atomic import atomic_output, sweep_temp_files
from corpus.storage.journal import JOURNAL_DIR, Journal
from tests.helpers import kopir_cli as run

DOC = "001_edcedd8c637f99fa"


# ---------------------------------------------------------------- item 8: special files


@pytest.mark.parametrize(
    "command",
    [
        ["query", "Қазақстан", "--format", "csv"],
        ["export", "tmx", "--include-unconfirmed"],
    ],
)
def test_output_onto_a_fifo_writes_into_it_and_keeps_the_fifo(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    received = tmp_path / "received"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
        try:
            code, _, err = run(seeds, capsys, *command, "-o", str(fifo))
            reader.wait(timeout=20)
        finally:
            if reader.poll() is None:
                reader.kill()
                reader.wait()
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # not replaced by a regular file
    assert received.read_bytes().count(b"\n") > 10  # the reader got the whole output
    assert [p.name for p in folder.iterdir()] == ["pipe"]  # no temporary file beside it


def test_a_special_file_that_cannot_take_the_output_is_a_one_line_error(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    export = ["export", "tmx", "--include-unconfirmed"]
    # The output must be more than the pipe holds: a smaller one fits in the pipe's buffer
    # whole, and the write succeeds (exit 0, rightly, as with ``> fifo`` in a shell) when
    # the reader is slow to go away, as on a loaded machine.
    whole = tmp_path / "whole.tmx"
    assert run(seeds, capsys, *export, "-o", str(whole))[0] == 0
    assert whole.stat().st_size > 2 * _pipe_capacity(fifo)
    # A reader that takes one byte and goes away: the writer, blocked on the full pipe
    # whatever the timing, gets EPIPE, not a traceback.
    reader = subprocess.Popen(["head", "-c", "1", str(fifo)], stdout=subprocess.DEVNULL)
    try:
        code, _, err = run(seeds, capsys, *export, "-o", str(fifo))
    finally:
        reader.wait(timeout=20)
    assert code == 1 and err.startswith("kopir: error:") and err.count("\n") == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_onto_a_device_writes_into_it_and_keeps_the_device(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``-o /dev/full`` once replaced the device node with a regular file (as root). The
    device is reached through a link in a temporary folder, so that a regression replaces
    the link, never the machine's /dev/full; the write goes to the device all the same."""
    full = Path("/dev/full")
    assert stat.S_ISCHR(full.stat().st_mode)
    out = tmp_path / "out.tmx"
    out.symlink_to(full)
    code, _, err = run(seeds, capsys, "export", "tmx", "--include-unconfirmed", "-o", str(out))
    assert code == 1 and err.startswith("kopir: error:") and err.count("\n") == 1, err
    assert os.strerror(errno.ENOSPC) in err  # what /dev/full answers: the write reached it
    assert out.is_symlink() and stat.S_ISCHR(out.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]  # no temporary file beside it


def _pipe_capacity(fifo: Path) -> int:
    """How many bytes a pipe through ``fifo`` holds before a writer blocks (64 KiB on Linux)."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader does not wait for a writer
    try:
        return fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- item 9: leftover temporaries


def _old(path: Path, data: bytes = b"half a file") -> Path:
    path.write_bytes(data)
    past = time.time() - 3600
    os.utime(path, (past, past))
    return path


def test_stale_temporary_files_are_swept_and_nothing_else(tmp_path: Path) -> None:
    started = time.time() - 60  # the run began a minute ago
    held_target = tmp_path / "held.xml"
    with atomic_output(held_target) as handle:  # a live writer's temporary file
        handle.write(b"<x/>")
        (live,) = tmp_path.glob(".held.xml.*.tmp")
        stale = _old(tmp_path / ".doc.xml.ab3_x9k2.tmp")
        foreign = _old(tmp_path / ".notes.tmp")  # not named as kopir names them
        mine = _old(tmp_path / "doc.xml.tmp")  # no leading dot: not kopir's either
        fresh = tmp_path / ".doc.xml.zz9_q1w2.tmp"  # made during this run
        fresh.write_bytes(b"")
        os.utime(live, (time.time() - 3600, time.time() - 3600))
        removed = sweep_temp_files(tmp_path, started=started)
        assert live.exists()
    assert removed == [stale]
    assert not stale.exists()
    assert foreign.exists() and mine.exists() and fresh.exists()
    assert held_target.read_bytes() == b"<x/>"


def test_the_next_run_sweeps_the_corpus_folder_and_beside_an_export(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus.storage.atomic, "_swept", set())  # a new run
    in_corpus = _old(seeds / f".{DOC}.xml.k1ll3d_0.tmp")
    in_state = _old(seeds / JOURNAL_DIR.parent / ".index.sqlite.k1ll3d_0.tmp")
    beside = _old(tmp_path / ".hits.csv.k1ll3d_0.tmp")
    code, _, err = run(seeds, capsys, "ls")
    assert code == 0, err
    assert not in_corpus.exists() and not in_state.exists()
    code, _, err = run(
        seeds, capsys, "query", "Қазақстан", "--format", "csv", "-o", str(tmp_path / "hits.csv")
    )
    assert code == 0, err
    assert not beside.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hits.csv"]


# ---------------------------------------------------------------- item 10: links in .kopir/


def test_a_symlink_planted_in_the_journal_folder_is_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n", "utf-8")
    folder = corpus / JOURNAL_DIR
    folder.mkdir(parents=True)
    (folder / "doc.log").symlink_to(outside)
    journal = Journal(corpus, "doc")
    with pytest.raises(CorpusError, match="symbolic link"):
        journal.start(b"<TEI/>")
    assert outside.read_text("utf-8") == "keep me\n"
    assert (folder / "doc.log").is_symlink()


def test_a_symlinked_journal_folder_is_not_followed(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (corpus / JOURNAL_DIR.parent).mkdir(parents=True)
    (corpus / JOURNAL_DIR).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(CorpusError, match="symbolic link"):
        Journal(corpus, "doc").start(b"<TEI/>")
    assert list(elsewhere.iterdir()) == []


def test_a_planted_journal_base_is_not_read_through_a_link(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    outside = tmp_path / "secret.xml"
    outside.write_bytes(b"<secret/>")
    folder = corpus / JOURNAL_DIR
    folder.mkdir(parents=True)
    (folder / "doc.base.xml").symlink_to(outside)
    (folder / "doc.log").write_text("", "utf-8")
    with pytest.raises(CorpusError, match="symbolic link"):
        Journal(corpus, "doc").read()


@pytest.mark.parametrize("name", ["index.lock", "index.sqlite", "index.sqlite-journal"])
def test_a_symlink_in_the_index_files_is_a_one_line_error_and_the_target_untouched(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n", "utf-8")
    state = seeds / JOURNAL_DIR.parent
    for suffix in ("", "-wal", "-shm", "-journal"):
        (state / f"index.sqlite{suffix}").unlink(missing_ok=True)
    (state / name).unlink(missing_ok=True)
    (state / name).symlink_to(outside)
    try:
        code, _, err = run(seeds, capsys, "index", "--rebuild")
        assert code == 1 and err.startswith("kopir: error:") and err.count("\n") == 1, err
        assert "symbolic link" in err
        assert outside.read_text("utf-8") == "keep me\n"
    finally:
        (state / name).unlink(missing_ok=True)


# ---------------------------------------------------------------- one-line errors


def test_a_limit_or_offset_past_any_integer_is_taken_as_all(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "100000000000000000000"
    code, out, err = run(seeds, capsys, "query", "Қазақстан", "--limit", huge)
    assert code == 0 and "Қазақстан" in out, err
    code, out, err = run(seeds, capsys, "query", "Қазақстан", "--offset", huge)
    assert code == 0 and "past the last match" in out, err
    code, out, err = run(seeds, capsys, "query", "Қазақстан", "--freq", "--limit", huge)
    assert code == 0 and "қазақстан" in out, err


def test_an_index_file_that_is_a_directory_is_a_clear_error(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = seeds / JOURNAL_DIR.parent
    for suffix in ("", "-wal", "-shm", "-journal"):
        (state / f"index.sqlite{suffix}").unlink(missing_ok=True)
    (state / "index.sqlite").mkdir()
    try:
        for command in (["index"], ["query", "Қазақстан"]):
            code, _, err = run(seeds, capsys, *command)
            assert code == 1 and err.count("\n") == 1, err
            assert "is a directory, not kopir's search index file" in err
    finally:
        (state / "index.sqlite").rmdir()


def test_index_on_a_full_disk_is_a_one_line_error(
    seeds: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from corpus.search.index import Index

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Index, "_update", full)
    code, _, err = run(seeds, capsys, "index", "--rebuild")
    assert code == 1 and err.count("\n") == 1, err
    assert "cannot write the search index" in err and "database or disk is full" in err


def test_a_lock_that_cannot_be_written_leaves_no_empty_lock_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import corpus.storage.lock
    from corpus.storage.lock import LOCK_DIR, DocumentLock

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(corpus.storage.lock.os, "pwrite", full)
    corpus_dir = tmp_path / "c"
    with pytest.raises(CorpusError, match="cannot write lock: No space left on device"):
        DocumentLock(corpus_dir, "doc").acquire()
    assert list((corpus_dir / LOCK_DIR).iterdir()) == []
