"""Hostile file names (control characters, undecodable bytes, tabs) give a corpus or a
one-line error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import source_file
from tests.hostile import KAZAKH, assert_holds_text, assert_refused, kopir, kopir_process, snapshot


@pytest.mark.parametrize(
    "name",
    [b"a\x01b.txt", b"\xff\xfe-doc.txt", b"tab\there.txt"],
    ids=["control", "undecodable", "tab"],
)
def test_hostile_file_name_gives_a_corpus_or_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: bytes
) -> None:
    src = source_file(tmp_path, os.fsdecode(name), KAZAKH)
    corpus_dir = tmp_path / "corpus"
    for run in (kopir(capsys, corpus_dir, "ingest", src), kopir_process(corpus_dir, "ingest", src)):
        assert "Traceback" not in run.err, run.err
        if run.code != 0:
            assert_refused(run)
            assert snapshot(corpus_dir) == {}
            continue
        (xml,) = corpus_dir.glob("*.xml")
        assert_holds_text(xml, KAZAKH)
        assert kopir(capsys, corpus_dir, "show", xml.stem).code == 0
