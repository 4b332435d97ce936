"""Crawls for the build's tests: Tatoeba-like documents with gold beads, and a build killed
halfway through."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.realign_cli import Doc
from benchmarks.synthetic import build_document, tatoeba_pairs
from tests.helpers.seeds import REPO


def tatoeba_documents(count: int, pairs: int, seed: int = 16) -> list[Doc]:
    """``count`` documents of ``pairs`` Tatoeba pairs each, cut into beads of every kind
    (:func:`benchmarks.synthetic.build_document`): the same on every run.

    Everyday words, few of them in the aligner's core lexicon (made for news): the first
    pass gets some beads wrong for lack of words, and the corpus can teach them.
    """
    rng = random.Random(seed)
    source = tatoeba_pairs()
    docs = []
    for _ in range(count):
        doc = build_document(rng.sample(source, pairs), rng)
        docs.append((doc.kk, doc.en, doc.gold))
    return docs


def kill_build_midway(
    corpus_root: Path,
    args: list[str],
    state: Path,
    lines: int,
    seconds: float,
    *,
    command_name: str = "build",
    sig: int = signal.SIGKILL,
) -> int:
    """Run ``kopir build ARGS`` (or ``command_name``) in a process group of its own and send
    the group (the command and its Dask workers) ``sig`` once its state file ``state`` holds
    ``lines`` lines: a crash (SIGKILL) or a Ctrl+C (SIGINT) at a known point of the run.
    Fails if nothing is written within ``seconds``. Returns the command's exit status
    (``-SIGKILL`` after a kill, unless it ended before)."""
    command = [
        *(sys.executable, "-m", "tui.cli", "--corpus", str(corpus_root), command_name, *args)
    ]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes its workers too
        # A shell's background job (a CI runner's, `make test &`) ignores SIGINT, and a child
        # inherits that: Python would then never raise KeyboardInterrupt and the Ctrl+C under
        # test would do nothing. The command gets the terminal's default, as a user's has.
        preexec_fn=_default_ctrl_c,
    )
    try:
        deadline = time.monotonic() + seconds
        while line_count(state) < lines and process.poll() is None:
            assert time.monotonic() < deadline, f"the build wrote nothing in {seconds:.0f} s"
            time.sleep(0.01)
        os.killpg(process.pid, sig)
    finally:
        process.wait()
    return process.returncode


def _default_ctrl_c() -> None:
    """In the child, before it runs: SIGINT back to its default disposition."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def line_count(path: Path) -> int:
    """Lines in a state file written so far (0 before it exists)."""
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0
