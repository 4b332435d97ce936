"""Size: a million-character line segments and ingests losing nothing; a file over
``--max-bytes``, or endless, is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import source_file
from tests.hostile import GIB, assert_refused, kopir, kopir_process, sentences, snapshot


@pytest.mark.parametrize(
    "line",
    ["а" * 1_000_000, ". " * 500_000],
    ids=["no-punctuation", "dot-space"],
)
def test_very_long_line_segments_and_ingests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    src = source_file(tmp_path, "long.txt", line + "\n")
    corpus_dir = tmp_path / "corpus"

    run = kopir(capsys, corpus_dir, "segment", src)
    assert run.code == 0, run.err
    parts = run.out.splitlines()
    assert "".join("".join(parts).split()) == "".join(line.split())  # no character lost

    ingested = kopir_process(corpus_dir, "ingest", src, timeout=600)
    assert ingested.code == 0, ingested.err
    xml = corpus_dir / "long.xml"
    assert len(sentences(xml)) == len(parts)
    assert "".join("".join(sentences(xml)).split()) == "".join(line.split())


# ---------------------------------------------------------------- size limits


def test_file_over_max_bytes_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = source_file(tmp_path, "big.txt", ("Үлкен мәтін. " * 100).encode()[:2000])
    corpus_dir = tmp_path / "corpus"
    line = assert_refused(kopir(capsys, corpus_dir, "ingest", "--max-bytes", "1000", src), str(src))
    assert "2,000" in line and "1,000" in line, line
    assert snapshot(corpus_dir) == {}

    src.write_bytes(src.read_bytes()[:1000])  # exactly the limit is allowed
    run = kopir(capsys, corpus_dir, "ingest", "--max-bytes", "1000", src)
    assert run.code == 0, run.err


def test_endless_input_is_cut_at_max_bytes(tmp_path: Path) -> None:
    """A file whose size ``stat`` cannot tell (a device, a pipe) is still read bounded."""
    src = tmp_path / "zero.txt"
    src.symlink_to("/dev/zero")
    corpus_dir = tmp_path / "corpus"
    run = kopir_process(corpus_dir, "ingest", "--max-bytes", "1000", src, timeout=60, memory=GIB)
    assert_refused(run, str(src))
    assert snapshot(corpus_dir) == {}

    corpus_dir.mkdir(exist_ok=True)
    (corpus_dir / "endless.xml").symlink_to("/dev/zero")
    run = kopir_process(corpus_dir, "show", "endless", timeout=60, memory=GIB)
    assert_refused(run, "endless")
