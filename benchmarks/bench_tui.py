"""The translator's app on a long document: opening time and time per key.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_tui            # 10,000 beads
    .venv/bin/python -m benchmarks.bench_tui --beads 2000

It builds a corpus with one document of N aligned sentence pairs (the seed
gold sentences over and over), then, in Textual's headless pilot:

* opens the app straight on the document and times until the editor has
  drawn its first screen (the corpus load, the journal's base copy and the
  layout of every bead included);
* times keys one by one — moving down, paging, jumping to the end, confirming
  (which journals and saves), undoing, and editing a sentence's text through
  the edit dialog — from the key press until the app is idle again: as CPU
  time of the app's thread (its work, the pilot's small share included, the
  background TEI save excluded) and as wall-clock time (which adds the
  pilot's polling for idleness and the save thread's competition);

and, as the baseline in the same run, mounts the same beads as rows of
Textual's ``DataTable`` and as ``ListView`` items (a widget per row), the
designs the guide measured at 1.1 s and ~42 s for 10k rows.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import read_gold
from benchmarks.tui_terminal import SIZE, Tmux, print_medians, terminal_runs, write_baselines
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.store import Corpus

BAR_OPEN, BAR_KEY_MS = 1.5, 50.0
BAR_JUMP_QUIT = 1.0  # seconds (issue 19, at 50,000 beads)


def gold_pairs() -> list[tuple[str, str]]:
    """(Kazakh, English) sentence pairs from the seed gold's one-to-one beads."""
    return [
        (kk[k[0]], en[e[0]])
        for kk, en, beads in read_gold().values()
        for k, e in beads
        if len(k) == 1 and len(e) == 1
    ]


def big_document(doc_id: str, beads: int, seed: int = 7) -> Document:
    """A document of ``beads`` one-to-one aligned pairs, ten to a paragraph."""
    rng = random.Random(seed)
    pairs = gold_pairs()
    kk_blocks, en_blocks, links = [], [], []
    for start in range(0, beads, 10):
        kk_sents, en_sents = [], []
        for n in range(start, min(beads, start + 10)):
            kk, en = pairs[n % len(pairs)]
            kk_sents.append(Sentence.plain(f"kk.s{n + 1}", kk))
            en_sents.append(Sentence.plain(f"en.s{n + 1}", en))
            score = round(rng.uniform(0.2, 1.0), 4)
            links.append(Link((f"kk.s{n + 1}",), (f"en.s{n + 1}",), "auto", score))
        kk_blocks.append(Block(BlockKind.P, kk_sents))
        en_blocks.append(Block(BlockKind.P, en_sents))
    meta = Metadata(title=f"{beads:,} generated beads", segmenter="generated for a benchmark")
    return Document(doc_id, meta, Side("kk", kk_blocks), Side("en", en_blocks), links)


def big_corpus(root: Path, beads: int) -> Corpus:
    corpus = Corpus(root)
    corpus.save(big_document("big", beads))
    return corpus


def open_in_terminal(corpus: Corpus, beads: int) -> float | None:
    """Seconds from starting ``kopir open big`` in a real terminal (tmux) until its
    status line shows the document, beads drawn; None without tmux."""
    if not shutil.which("tmux"):
        return None
    started = time.perf_counter()
    term = Tmux(corpus.root)
    try:
        drawn = term.until(lambda screen: f"bead 1/{beads}" in screen, timeout=60)
        return None if drawn == float("inf") else drawn - started
    finally:
        if term.alive():
            term.send("C-q")
            time.sleep(1)
        term.close()


async def _measure_app(corpus: Corpus, repeat: int) -> dict[str, list[tuple[float, float]]]:
    from tui.app import KopirApp
    from tui.screens.editor import EditorScreen
    from tui.widgets import bead_table

    drawn: list[float] = []
    render_line = bead_table.BeadTable.render_line

    def first_line(table: bead_table.BeadTable, y: int):  # a Strip
        if not drawn and table._layout is not None:
            drawn.append(time.perf_counter())
        return render_line(table, y)

    times: dict[str, list[tuple[float, float]]] = {}
    bead_table.BeadTable.render_line = first_line  # type: ignore[method-assign]
    t0 = time.perf_counter()
    app = KopirApp(corpus, "big")
    async with app.run_test(size=SIZE) as pilot:
        while not isinstance(app.screen, EditorScreen) or not drawn:
            await pilot.pause()
        times["open"] = [(drawn[0] - t0, 0.0)]
        bead_table.BeadTable.render_line = render_line  # type: ignore[method-assign]
        await pilot.pause()
        times["open, until idle"] = [(time.perf_counter() - t0, 0.0)]

        async def keys(*named: tuple[str, str], half: bool = False) -> None:
            """Press the keys in turn, each timed on its own row: the bar is per key, and
            a row timing two presses together (G then g) was held to it as if one."""
            spent: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in named}
            for _ in range(max(1, repeat // 2) if half else repeat):
                for name, pressed in named:
                    wall, cpu = time.perf_counter(), time.thread_time()
                    await pilot.press(pressed)
                    await pilot.pause()
                    spent[name].append(_ms(cpu, wall))
            times.update(spent)

        await keys(("move down (j)", "j"))
        await keys(("page down", "pagedown"))
        await keys(("jump to end (G)", "G"), ("and back (g)", "g"), half=True)
        await keys(("confirm (space)", "space"))
        await keys(("merge (m)", "m"), half=True)
        await keys(("undo (u)", "u"), half=True)
        await keys(("quality panel open (p)", "p"), ("and shut (p)", "p"), half=True)
        opening, typing, applying = [], [], []
        for _ in range(max(1, repeat // 2)):
            wall, cpu = time.perf_counter(), time.thread_time()
            await pilot.press("e")
            await pilot.pause()
            opening.append(_ms(cpu, wall))
            for ch in "typed":
                wall, cpu = time.perf_counter(), time.thread_time()
                await pilot.press(ch)
                await pilot.pause()
                typing.append(_ms(cpu, wall))
            wall, cpu = time.perf_counter(), time.thread_time()
            await pilot.press("ctrl+s")
            await pilot.pause()
            applying.append(_ms(cpu, wall))
            await pilot.press("j")
        times["open the edit box (e)"] = opening
        times["type a letter in it"] = typing
        times["apply the edit (Ctrl+S)"] = applying
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.session.saver is not None
        wall, cpu = time.perf_counter(), time.thread_time()
        await pilot.press("ctrl+q")  # quit after edits: the pending save is written first
        while app.is_running and time.perf_counter() - wall < 120:
            await asyncio.sleep(0.01)
        times["quit after edits (Ctrl+Q), until the app ends"] = [_ms(cpu, wall)]
    return times


def _ms(cpu_start: float, wall_start: float) -> tuple[float, float]:
    """(CPU ms, wall ms) since the starts."""
    return (time.thread_time() - cpu_start) * 1000, (time.perf_counter() - wall_start) * 1000


async def _measure_baseline(doc: Document, widget: str, rows: int) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Label, ListItem, ListView

    texts = {s.id: s.text for side in (doc.kk, doc.en) for s in side.sentences()}
    pairs = [(texts[link.kk[0]], texts[link.en[0]]) for link in doc.links[:rows]]

    class Baseline(App):
        def compose(self) -> ComposeResult:
            if widget == "DataTable":
                table: DataTable = DataTable()
                table.add_columns("kk", "en")
                table.add_rows(pairs)
                yield table
            else:
                yield ListView(*(ListItem(Label(f"{k} │ {e}")) for k, e in pairs))

    t0 = time.perf_counter()
    async with Baseline().run_test(size=SIZE) as pilot:
        await pilot.pause()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=10_000)
    parser.add_argument("--list-rows", type=int, default=1_000, help="ListView baseline rows")
    parser.add_argument("--repeat", type=int, default=20, help="presses of each key in the pilot")
    parser.add_argument(
        "--terminal-runs", type=int, default=4, help="runs of the jumps and quitting in tmux"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        corpus = big_corpus(Path(tmp) / "corpus", args.beads)
        size = corpus.path("big").stat().st_size
        print(
            f"document: {args.beads:,} one-to-one beads, TEI file {size / 2**20:.1f} MiB, "
            f"built in {time.perf_counter() - t0:.1f} s; terminal {SIZE[0]}×{SIZE[1]}"
        )
        terminal = open_in_terminal(corpus, args.beads)
        times = asyncio.run(_measure_app(corpus, args.repeat))
        in_terminal = terminal_runs(corpus, args.terminal_runs) if args.terminal_runs else None
        writes = write_baselines(corpus)
        doc = corpus.load("big")
    table_s = asyncio.run(_measure_baseline(doc, "DataTable", args.beads))
    list_s = asyncio.run(_measure_baseline(doc, "ListView", args.list_rows))

    opened = times.pop("open")[0][0]
    idle = times.pop("open, until idle")[0][0]
    print(f"\n{'what':<34} {'CPU median':>10} {'p90':>8} {'max':>8} {'wall median':>12}  n")
    if terminal is not None:
        what = "wall: start of the process to beads on screen"
        print(f"{'kopir open, in tmux':<34} {terminal:>9.2f}s  ({what})")
    print(f"{'kopir: open the editor':<34} {opened:>9.2f}s  (wall: app start to first beads drawn)")
    print(f"{'kopir: ... until idle':<34} {idle:>9.2f}s  (the first quality check included)")
    for name, spent in times.items():
        cpu = sorted(c for c, _ in spent)
        wall = [w for _, w in spent]
        p90 = cpu[max(0, int(len(cpu) * 0.9) - 1)]
        print(
            f"{'kopir: ' + name:<34} {statistics.median(cpu):>8.1f}ms {p90:>6.1f}ms "
            f"{cpu[-1]:>6.1f}ms {statistics.median(wall):>10.1f}ms  {len(spent)}"
        )
    print(f"{f'baseline: DataTable, {args.beads:,} rows':<34} {table_s:>9.2f}s  (mount and draw)")
    print(f"{f'baseline: ListView, {args.list_rows:,} rows':<34} {list_s:>9.2f}s  (mount and draw)")
    print_medians("TEI write (serialise, atomic write, sync)", writes)
    if in_terminal is not None:
        print_medians(
            "in tmux, key or Ctrl+Q until the screen shows it / the process ends", in_terminal
        )
    worst = max(statistics.median(c for c, _ in spent) for spent in times.values())
    print("\nBARS")
    if in_terminal is not None:
        slowest = max(in_terminal, key=lambda what: statistics.median(in_terminal[what]))
        median = statistics.median(in_terminal[slowest])  # inf: it never happened
        print(
            f"  {'PASS' if median <= BAR_JUMP_QUIT else 'FAIL'}  quitting or jumping ≤ "
            f"{BAR_JUMP_QUIT:.0f} s (median wall in tmux): worst {slowest}, {median:.2f} s"
        )
    whole = terminal if terminal is not None else opened
    print(f"  {'PASS' if whole <= BAR_OPEN else 'FAIL'}  opens in ≤ {BAR_OPEN} s: {whole:.2f} s")
    print(
        f"  {'PASS' if worst <= BAR_KEY_MS else 'FAIL'}  every key ≤ {BAR_KEY_MS:.0f} ms "
        f"(median CPU): worst {worst:.1f} ms"
    )


if __name__ == "__main__":
    main()
