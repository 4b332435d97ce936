"""The command line in this process: the seeds ingested (``ingest_seeds``), one command
run with its output captured (``kopir_cli``); the documents the quality checks read,
counted (``checked_documents``); and a process id that is surely dead (``dead_pid``), for
the lock tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.seeds import SEEDS


def ingest_seeds(root: Path) -> Path:
    """``kopir ingest --with-translations seeds`` into ``root``: the five seeds, aligned."""
    from tui.cli.main import main

    assert (
        main(["--corpus", str(root), "ingest", "--quiet", "--with-translations", str(SEEDS)]) == 0
    )
    return root


def kopir_cli(corpus: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``kopir --corpus CORPUS ARGS…`` in this process: exit code, stdout, stderr.

    The test modules that drive the command line import it as ``run``.
    """
    from tui.cli.main import main

    capsys.readouterr()
    code = main(["--corpus", str(corpus), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def dead_pid() -> int:
    """The id of a process that has just ended (so nothing runs under it)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def checked_documents(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents the overview's quality checks read from now on, in order
    (``align.overview.check_apart`` counted): what ``kopir stats`` had to read again."""
    import align.overview

    checked: list[str] = []
    check_apart = align.overview.check_apart

    def counted(units, *args):  # type: ignore[no-untyped-def]
        checked.append(units.doc_id)
        return check_apart(units, *args)

    monkeypatch.setattr(align.overview, "check_apart", counted)
    return checked
