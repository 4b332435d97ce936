"""The editor on a long document in a real terminal: jumps and quitting, and the TEI write.

Part of ``benchmarks/bench_tui.py``. Each run starts ``kopir open big`` in
tmux, waits until the status line shows the first bead, and times, from the
``tmux send-keys`` until the status line shows the bead the key goes to:
``G`` (the last bead), ``g`` (the first), ``:`` with a bead number and Enter,
``n`` (next unconfirmed) and ``w`` (next weak). Then it confirms a bead and
quits at once (``Ctrl+Q`` with the save pending, a check likely under way), or,
on alternate runs, quits after the status line says "saved"; the time is until
the process has ended, the interpreter's exit included. Everything a user
waits for, on a loaded machine as it is.

The TEI write it is set beside, in the same run: kopir's writer on the same
document (fresh, and remembering after one edit, as the editor's autosave
does), the lxml tree kopir built before (``benchmarks.lxml_tei``), and a plain
``etree.tostring`` of the document's parsed tree: the least any writer that
goes through lxml could cost.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from align import navigate
from align.edit import Confirm
from align.model import Alignment
from align.place import remember_place
from align.review import load_review_cut
from align.session import Session
from benchmarks.lxml_tei import lxml_to_bytes
from corpus.storage.atomic import atomic_write
from corpus.storage.store import Corpus
from corpus.storage.tei import TeiWriter

SIZE = (160, 50)
REMEMBERED = "kopir: the autosave's writer, after an edit"
FRESH = "kopir: a fresh writer, the whole document"
OLD = "baseline: the lxml tree kopir built before"
PLAIN = "baseline: plain lxml tostring of the parsed tree"


class Tmux:
    """``kopir open big`` in a tmux session of its own, at ``size``.

    ``code`` runs another kopir source tree (its path first on ``PYTHONPATH``) with this
    interpreter, so a benchmark can set two trees side by side; ``started`` is when the
    session was asked for, the start of what a user waits for.
    """

    def __init__(self, root: Path, size: tuple[int, int] = SIZE, code: Path | None = None) -> None:
        self.name = f"kopir-bench-{os.getpid()}-{time.monotonic_ns()}"
        kopir = Path(sys.executable).with_name("kopir")
        path = f"env PYTHONPATH={code} " if code else ""
        command = f"exec {path}{kopir} --corpus {root} open big"
        self.started = time.perf_counter()
        window = ["-x", str(size[0]), "-y", str(size[1])]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, *window, command], check=True)

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def send(self, *keys: str, literal: bool = False) -> float:
        """Send keys; the time just before (the start of what is measured)."""
        started = time.perf_counter()
        flag = ["-l"] if literal else []
        subprocess.run(["tmux", "send-keys", "-t", self.name, *flag, *keys], check=True)
        return started

    def until(self, shown: Callable[[str], bool], timeout: float = 120.0) -> float:
        """Seconds until ``shown(screen)``; ``inf`` if it never was."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if shown(self.screen()):
                return time.perf_counter()
            time.sleep(0.01)
        return float("inf")

    def alive(self) -> bool:
        done = subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True)
        return done.returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _at(bead: int, beads: int) -> Callable[[str], bool]:
    return lambda screen: f"bead {bead}/{beads} " in screen


def terminal_runs(corpus: Corpus, runs: int) -> dict[str, list[float]] | None:
    """Seconds per run for each jump and for quitting; None without tmux."""
    if not shutil.which("tmux"):
        return None
    times: dict[str, list[float]] = {}

    def note(what: str, started: float, ended: float) -> None:
        times.setdefault(what, []).append(ended - started)

    for run in range(runs):
        # Where n and w go, from the document as this run opens it (the last run confirmed one).
        alignment = Alignment.from_document(corpus.load("big"))
        beads = len(alignment.beads)
        middle = beads // 2
        unconfirmed = navigate.next_bead(alignment, 0, navigate.unconfirmed, forward=True)
        weak = navigate.next_bead(
            alignment, 0, navigate.weak(load_review_cut(corpus.root)), forward=True
        )
        # kopir reopens a document where it was left (the pilot's or the last run's bead):
        # every run starts from bead 1.
        remember_place(corpus, "big", alignment, 0)
        term = Tmux(corpus.root)
        try:
            opened = term.until(_at(1, beads))
            if opened == float("inf"):
                raise RuntimeError(f"kopir never showed the document:\n{term.screen()}")
            time.sleep(1.0)  # the first check starts 0.5 s after opening: let it
            note("G: to the last bead", term.send("G"), term.until(_at(beads, beads)))
            note("g: to the first bead", term.send("g"), term.until(_at(1, beads)))
            term.send(":", literal=True)
            term.until(lambda s: "Go to bead" in s)
            term.send(str(middle), literal=True)
            note(": number Enter", term.send("Enter"), term.until(_at(middle, beads)))
            term.send("g")
            term.until(_at(1, beads))
            if unconfirmed is not None:
                note("n: next unconfirmed", term.send("n"), term.until(_at(unconfirmed + 1, beads)))
                term.send("g")
                term.until(_at(1, beads))
            if weak is not None:
                note("w: next weak", term.send("w"), term.until(_at(weak + 1, beads)))
            term.send("space")  # confirms a bead: a save is due
            term.until(lambda s: "saving…" in s or "saved" in s)
            if run % 2:
                term.until(lambda s: "│  saved" in s)
                what = "quit, all saved already"
            else:
                what = "quit right after a change"
            started = term.send("C-q")
            ended = term.until(lambda _, term=term: not term.alive())
            note(what, started, ended)
        finally:
            term.close()
    return times


def write_baselines(corpus: Corpus, runs: int = 3) -> dict[str, list[float]]:
    """Seconds to write the document's TEI (serialise, atomic write, sync), each way."""
    doc = corpus.load("big")
    tree = etree.fromstring(corpus.path("big").read_bytes())
    session = Session(corpus, doc, autosave=False)
    remembering = TeiWriter(remember=True)
    remembering.write(session.snapshot())
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "big.xml"

        def timed(what: str, make: Callable[[], bytes]) -> None:
            started = time.perf_counter()
            atomic_write(target, make())
            times.setdefault(what, []).append(time.perf_counter() - started)

        for n in range(runs):
            session.apply(Confirm(n))
            timed(REMEMBERED, lambda: remembering.write(session.snapshot()))
            timed(FRESH, lambda: TeiWriter().write(session.snapshot()))
            timed(OLD, lambda: lxml_to_bytes(session.snapshot()))
            timed(PLAIN, lambda: etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    return times


def print_medians(title: str, times: dict[str, list[float]]) -> None:
    print(f"\n{title:<52} {'median':>9} {'min':>8} {'max':>8}  n")
    for what, spent in times.items():
        finite = [t for t in spent if t != float("inf")]
        if not finite:
            print(f"{what:<52} {'never':>9}")
            continue
        never = len(spent) - len(finite)
        print(
            f"{what:<52} {statistics.median(finite):>8.2f}s {min(finite):>7.2f}s "
            f"{max(finite):>7.2f}s  {len(finite)}{f' (and {never} never)' if never else ''}"
        )
