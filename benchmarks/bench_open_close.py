"""Opening and closing a long document in the app, in a real terminal: the waits.

Run from the repository root (tmux needed)::

    .venv/bin/python -m benchmarks.bench_open_close                        # 5,000 and 50,000 beads
    .venv/bin/python -m benchmarks.bench_open_close --code before=/path/to/older/checkout

Each ``--code NAME=DIR`` is a kopir source tree run the same way (``PYTHONPATH=DIR``),
so a change is measured before and after in one run, on the machine as loaded as
it is; the checkout itself is always measured, as "this". For each size it builds a
corpus with one document of N one-to-one beads (``benchmarks.bench_tui``), then,
with ``kopir open big`` in tmux at 100×30, ``--runs`` times (each run on the
document as built, no undo history kept):

* **first paint**: from starting the process until the screen shows anything of kopir;
* **open**: until the editor's status line shows the document;
* **Escape during the open**: Escape sent two seconds after starting, until the
  documents list is on screen (at once when the opening can be stopped; after
  the opening otherwise, and then the editor's close);
* **close**: a bead confirmed, then Escape, until the documents list is on screen;
* **quit**: Ctrl+Q after that, until the process has ended (every save written).

And in-process, the core calls alone (``align.opening.open_at_place`` and
``Session.close`` after one change), fresh and with the undo history the last
close kept. Medians, min and max of the runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_tui import big_corpus
from benchmarks.tui_terminal import Tmux

SIZE = (100, 30)
#: Seconds after starting kopir that Escape is sent, the opening under way.
ESCAPE_AFTER = 2.0
REPO = Path(__file__).resolve().parent.parent

CORE = """
import sys, time
from pathlib import Path
from align.edit import Confirm
from align.opening import open_at_place
from corpus.storage.store import Corpus
corpus = Corpus(Path(sys.argv[1]))
for what in ("fresh", "with kept history"):
    started = time.perf_counter()
    session, _ = open_at_place(corpus, "big")
    opened = time.perf_counter() - started
    session.apply(Confirm(1))
    started = time.perf_counter()
    session.close()
    print(f"{what}\\t{opened:.3f}\\t{time.perf_counter() - started:.3f}")
"""


def _editor(beads: int) -> Callable[[str], bool]:
    status = re.compile(rf"bead \d+/{beads} ")
    return lambda screen: bool(status.search(screen))


def _documents(screen: str) -> bool:
    return any(line.startswith(" document ") for line in screen.splitlines())


def _anything(screen: str) -> bool:
    return bool(screen.strip())


def _fresh(corpus: Path, pristine: bytes) -> None:
    """The document as built: no edits, no undo history, no remembered place."""
    (corpus / "big.xml").write_bytes(pristine)
    shutil.rmtree(corpus / ".kopir", ignore_errors=True)


def terminal_run(code: Path, corpus: Path, beads: int, times: dict[str, list[float]]) -> None:
    def note(what: str, seconds: float) -> None:
        times.setdefault(what, []).append(seconds)

    term = Tmux(corpus, SIZE, code)
    try:
        note("first paint", term.until(_anything) - term.started)
        note("open, until the editor shows it", term.until(_editor(beads)) - term.started)
        time.sleep(1.0)  # the first check starts half a second after opening
        term.send("space")  # a change: a save is due
        time.sleep(0.3)
        sent = term.send("Escape")
        note("close after a change, until the list shows", term.until(_documents) - sent)
        sent = term.send("C-q")
        note("then quit, until the process ends", term.until(lambda _: not term.alive()) - sent)
    finally:
        term.close()
    _fresh(corpus, (corpus / "big.xml").read_bytes())
    term = Tmux(corpus, SIZE, code)
    try:
        # Not waiting for the screen: an app opening on its event loop shows nothing until
        # the editor. Two seconds: Python and Textual have started (about 1 s).
        time.sleep(ESCAPE_AFTER)
        sent = term.send("Escape")
        note("Escape 2 s after start, until the list shows", term.until(_documents) - sent)
        term.send("C-q")
        term.until(lambda _: not term.alive(), timeout=120)
    finally:
        term.close()


def core_runs(
    codes: list[tuple[str, str]], corpus: Path, runs: int
) -> dict[str, dict[str, list[float]]]:
    """The core calls alone, each tree in turn run by run (a load that changes hits each
    alike): per tree, seconds per run of each call."""
    results: dict[str, dict[str, list[float]]] = {name: {} for name, _ in codes}
    pristine = (corpus / "big.xml").read_bytes()
    for _ in range(runs):
        for name, code in codes:
            _fresh(corpus, pristine)
            done = subprocess.run(
                [sys.executable, "-c", CORE, str(corpus)],
                env={**os.environ, "PYTHONPATH": code}, capture_output=True, text=True,
                check=True, cwd=code,
            )  # fmt: skip
            times = results[name]
            for line in done.stdout.splitlines():
                what, opened, closed = line.split("\t")
                times.setdefault(f"core: open, {what}", []).append(float(opened))
                times.setdefault(f"core: close after a change, {what}", []).append(float(closed))
    _fresh(corpus, pristine)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", action="append", default=[], help="NAME=DIR, another tree")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is needed: this measures the app in a real terminal")
    codes = [(name, code) for name, code in (spec.split("=", 1) for spec in args.code)]
    codes.append(("this", str(REPO)))
    print(f"terminal {SIZE[0]}×{SIZE[1]}; {args.runs} runs each; load {os.getloadavg()[0]:.1f}")
    for beads in args.beads:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            big_corpus(corpus, beads)
            pristine = (corpus / "big.xml").read_bytes()
            size = len(pristine) / 2**20
            results = core_runs(codes, corpus, args.runs)
            for _ in range(args.runs):  # the trees in turn: a load that changes hits each alike
                for name, code in codes:
                    _fresh(corpus, pristine)
                    terminal_run(Path(code), corpus, beads, results[name])
            print(f"\n{beads:,} beads (TEI {size:.1f} MB), seconds: median (min–max)")
            whats = list(dict.fromkeys(w for times in results.values() for w in times))
            print(f"{'':<48}" + "".join(f"{name:>22}" for name, _ in codes))
            for what in whats:
                cells = []
                for name, _ in codes:
                    spent = results[name].get(what, [])
                    cells.append(_cell(spent))
                print(f"{what:<48}" + "".join(f"{cell:>22}" for cell in cells))
    print(f"\nload at the end {os.getloadavg()[0]:.1f}")


def _cell(spent: list[float]) -> str:
    finite = [t for t in spent if t != float("inf")]
    if not finite:
        return "never" if spent else "—"
    never = f" +{len(spent) - len(finite)} never" if len(finite) < len(spent) else ""
    return f"{statistics.median(finite):.2f} ({min(finite):.2f}–{max(finite):.2f}){never}"


if __name__ == "__main__":
    main()
