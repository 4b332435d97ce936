"""The corpus-wide commands on a large corpus, each beside a plain lxml parse of every document.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_corpus                    # or: make bench-corpus
    .venv/bin/python -m benchmarks.bench_corpus --docs 20000 --repeat 1
    .venv/bin/python -m benchmarks.bench_corpus --tree ../main     # beside another checkout
    .venv/bin/python -m benchmarks.bench_corpus --keep /tmp/c2k    # keep (or reuse) the corpus

The corpus (in a temporary folder removed afterwards, unless ``--keep``) holds
``--docs`` documents: generated aligned documents of 40 beads (news-article size,
:mod:`benchmarks.query_corpus`, 30 % of their beads confirmed) and, one in
:data:`VARIED_EVERY`, a copy of a real seed document of one of the other kinds: aligned
by kopir, Kazakh only, every bead confirmed, or printed in the Latin alphabet.

Each command runs in a child process timed from start to exit, ``--repeat`` times
(median; the child's peak resident memory beside it), the baseline first in each round
so that a shared machine's load falls on all of them alike:

* baseline: a Python process that parses every document with lxml (the floor for any
  command that must read them all);
* ``kopir ls`` and ``kopir stats`` with nothing kept (``.kopir/overview.json`` removed
  first; the search index built) and again with what stats kept, ``kopir check``,
  ``kopir check --cat``, ``kopir export tmx``, ``kopir export text`` (``--force``),
  ``kopir index --rebuild``.

``--app`` also times the app in tmux: from its start until its documents screen counts
the documents and then answers a key (F1), after stats has kept what the screen reads.

``--tree`` runs the same commands with another checkout's code on the same corpus (a
before and after), and says whether each printed the same output as this tree's.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.shared import REPO, machine

REPO_LABEL = "this tree"
#: What ``--app`` times.
APP = "app: documents, F1 answered"
#: One document in this many is a copy of a seed document of another kind.
VARIED_EVERY = 20
BEADS = 40

BASELINE = (
    "import sys\nfrom pathlib import Path\nfrom lxml import etree\n"
    "for p in sorted(Path(sys.argv[1]).glob('*.xml')):\n    etree.parse(str(p))\n"
)


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]  # after ``kopir --corpus C``; "{out}" is a scratch folder
    cold: bool = False  # remove the kept overview first


COMMANDS = [
    Command("kopir ls, nothing kept", ("ls",), cold=True),
    Command("kopir stats, nothing kept", ("stats",), cold=True),
    Command("kopir stats, kept", ("stats",)),
    Command("kopir ls, kept", ("ls",)),
    Command("kopir check", ("check",)),
    Command("kopir check --cat", ("check", "--cat")),
    Command("kopir export tmx", ("export", "tmx", "-o", "{out}/all.tmx")),
    Command("kopir export text", ("export", "text", "--force", "-o", "{out}/text")),
    Command("kopir index --rebuild", ("index", "--rebuild")),
]


def _write_generated(root: str, numbers: list[int]) -> int:
    from benchmarks.query_corpus import make_document, source_pairs
    from corpus.storage.store import Corpus

    corpus, pool = Corpus(Path(root)), source_pairs()
    for number in numbers:
        corpus.save(make_document(number, BEADS, pool))
    return len(numbers)


def varied_documents(folder: Path) -> list:
    """The seeds as kopir makes them: aligned, Kazakh only, all confirmed, Latin alphabet."""
    from corpus.storage.store import Corpus

    seeds = folder / "seeds"
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(seeds), "ingest", "-q",
         "--with-translations", str(REPO / "seeds")],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"ingesting the seeds failed:\n{run.stdout}{run.stderr}")
    latin = folder / "latin"
    latin.mkdir()
    sys.path.insert(0, str(REPO))
    from tests.helpers.scripts import latin as to_latin

    for path in sorted((REPO / "seeds").glob("*.txt")):
        if ".en." not in path.name:
            text = path.read_text("utf-8")
            (latin / f"latin_{path.name}").write_text(to_latin(text), "utf-8")
            (latin / f"kkonly_{path.name}").write_text(text, "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(seeds), "ingest", "-q", str(latin)],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"ingesting the Latin texts failed:\n{run.stdout}{run.stderr}")
    corpus = Corpus(seeds)
    docs = [corpus.load(doc_id) for doc_id in corpus.ids()]
    for doc in docs[:2]:  # two aligned seeds with every bead confirmed
        if doc.links:
            doc.links = [replace(link, status="confirmed") for link in doc.links]
    return docs


def make_corpus(root: Path, docs: int, scratch: Path) -> None:
    from corpus.storage.store import Corpus

    root.mkdir(parents=True, exist_ok=True)
    varied = varied_documents(scratch)
    generated = [n for n in range(docs) if n % VARIED_EVERY != VARIED_EVERY - 1]
    workers = 2
    with ProcessPoolExecutor(workers) as pool:
        list(
            pool.map(
                _write_generated,
                [str(root)] * workers,
                [generated[i::workers] for i in range(workers)],
            )
        )
    corpus = Corpus(root)
    for k, n in enumerate(n for n in range(docs) if n % VARIED_EVERY == VARIED_EVERY - 1):
        doc = varied[k % len(varied)]
        doc.id = f"doc{n:05d}"
        corpus.save(doc)


def timed(argv: list[str], tree: Path) -> tuple[float, float, bytes, int]:
    """Run ``argv`` with ``tree``'s code: seconds to exit, peak MB, stdout, exit status."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=tree, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read(), os.waitstatus_to_exitcode(status)


def run_command(
    command: Command, corpus: Path, tree: Path, scratch: Path
) -> tuple[float, float, bytes, int]:
    out = scratch / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    if command.cold:
        (corpus / ".kopir" / "overview.json").unlink(missing_ok=True)
    args = [a.replace("{out}", str(out)) for a in command.args]
    seconds, peak, printed, status = timed(
        [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), *args], tree
    )
    for path in sorted(out.rglob("*")) if out.exists() else ():
        if path.is_file():
            printed += b"\n== " + path.name.encode() + b"\n" + path.read_bytes()
    return seconds, peak, comparable(printed.replace(str(out).encode(), b"OUT")), status


#: What differs from run to run of the same code: the TMX's date, the index's time and size.
_VARYING = re.compile(rb'creationdate="\d{8}T\d{6}Z"|in \d+\.\d+ s\b|\([\d.,]+ MB')


def comparable(output: bytes) -> bytes:
    """``output`` with what differs between two runs of the same code masked."""
    return _VARYING.sub(b"#", output)


def app_opening(corpus: Path, tree: Path, timeout: float = 600.0) -> float:
    """Seconds from starting ``kopir`` (the app) in tmux, 160×50, until its documents
    screen's summary line counts the documents and then a key sent (F1) is answered
    (the screen may still be busy after showing the count); ``inf`` if it never was
    (no tmux: nan)."""
    if not shutil.which("tmux"):
        return float("nan")
    name = f"kopir-bench-corpus-{os.getpid()}-{time.monotonic_ns()}"
    command = f"cd {tree} && PYTHONPATH={tree} exec {sys.executable} -m tui.cli --corpus {corpus}"
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "160", "-y", "50", command], check=True
    )
    pane = subprocess.run(
        ["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    wanted, sent = " documents · ", False
    try:
        while time.perf_counter() - started < timeout:
            shown = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if wanted in shown:
                if sent:
                    return time.perf_counter() - started
                subprocess.run(["tmux", "send-keys", "-t", name, "F1"], check=True)
                wanted, sent = "Keys (Escape closes this", True
            time.sleep(0.05)
        return float("inf")
    finally:
        _quit(name, int(pane) if pane.isdigit() else None)


def _quit(name: str, pid: int | None) -> None:
    """Quit the app (Ctrl+Q) and end its tmux session; the app outlives the session's
    hang-up, so it is killed if it has not quit within a few seconds."""
    subprocess.run(["tmux", "send-keys", "-t", name, "Escape", "C-q"], capture_output=True)
    for _ in range(100):
        if pid is None or not os.path.exists(f"/proc/{pid}"):
            break
        time.sleep(0.05)
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    if pid is not None and os.path.exists(f"/proc/{pid}"):
        os.kill(pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (median)")
    parser.add_argument("--tree", type=Path, help="also run this checkout's CLI (e.g. main)")
    parser.add_argument(
        "--keep", type=Path, help="make the corpus here and keep it (reused if there)"
    )
    parser.add_argument("--only", nargs="*", help="only the commands whose name holds one of these")
    parser.add_argument(
        "--app", action="store_true", help="also time the app's documents screen opening (tmux)"
    )
    args = parser.parse_args(argv)
    print(machine("bench_corpus"))
    scratch = Path(tempfile.mkdtemp(prefix="kopir-bench-corpus-"))
    try:
        corpus = args.keep or scratch / "corpus"
        if not corpus.exists():
            started = time.perf_counter()
            make_corpus(corpus, args.docs, scratch)
            print(f"corpus made in {time.perf_counter() - started:.1f} s")
        count = sum(1 for _ in corpus.glob("*.xml"))
        size = sum(p.stat().st_size for p in corpus.glob("*.xml")) / 1e6
        print(f"{corpus}: {count:,} documents, {size:.0f} MB of TEI")
        subprocess.run(
            [sys.executable, "-m", "tui.cli", "--corpus", str(corpus), "index"],
            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
        )  # fmt: skip
        trees = [(REPO_LABEL, REPO)]
        if args.tree:
            trees.append((str(args.tree), args.tree.resolve()))
        commands = [c for c in COMMANDS if not args.only or any(o in c.name for o in args.only)]
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        outputs: dict[tuple[str, str], bytes] = {}
        for round_ in range(args.repeat):
            print(f"round {round_ + 1} of {args.repeat}…", file=sys.stderr, flush=True)
            base = timed([sys.executable, "-c", BASELINE, str(corpus)], REPO)
            times.setdefault(("baseline", ""), []).append(base[:2])
            for label, tree in trees:  # a tree's commands in order: stats keeps for ls
                for command in commands:
                    seconds, peak, printed, status = run_command(command, corpus, tree, scratch)
                    times.setdefault((command.name, label), []).append((seconds, peak))
                    outputs[(command.name, label)] = printed + f"\nexit {status}".encode()
                if args.app:  # after stats, which kept the overview the screen reads
                    seconds = app_opening(corpus, tree)
                    times.setdefault((APP, label), []).append((seconds, float("nan")))
        floor = statistics.median(s for s, _ in times[("baseline", "")])
        load = os.getloadavg()[0]
        print(f"\nmedian of {args.repeat}, a child process each; load average {load:.2f}")
        print(f"{'':<28} {'tree':<14} {'seconds':>8} {'× lxml':>7} {'peak MB':>8}  output")
        peak = max(p for _, p in times[("baseline", "")])
        print(f"{'baseline: lxml parse of all':<28} {'':<14} {floor:>8.2f} {1:>6.1f}× {peak:>8.0f}")
        for name in [c.name for c in commands] + ([APP] if args.app else []):
            for label, _tree in trees:
                runs = times[(name, label)]
                seconds = statistics.median(s for s, _ in runs)
                peak = max(p for _, p in runs)
                same = ""
                if label != REPO_LABEL and name != APP:
                    same = (
                        "same"
                        if outputs[(name, label)] == outputs[(name, REPO_LABEL)]
                        else "DIFFERS"
                    )
                ratio = seconds / floor
                print(
                    f"{name:<28} {label[-14:]:<14} {seconds:>8.2f} {ratio:>6.1f}× "
                    f"{peak:>8.0f}  {same}"
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
