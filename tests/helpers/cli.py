"""The command line in this process: the seeds ingested (``ingest_seeds``), one command
run with its output captured (``kopir_cli``); and a process id that is surely dead
(``dead_pid``), for the lock tests."""

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
