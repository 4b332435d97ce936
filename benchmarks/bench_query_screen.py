"""Visiting the app's Query screen again and again: what a visit costs the search.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_query_screen              # 8 visits
    .venv/bin/python -m benchmarks.bench_query_screen --visits 20

On the seed corpus (ingested into a temporary directory), in Textual's
headless pilot, each visit presses ``/`` on the documents screen, runs a
regular-expression search, and goes back with Escape. The engine is told to
scan in worker processes from one unit on (``parallel_from = 1``), as it does
for real from 150,000 units: that is where an engine's state is worth most.

* **kopir**: the app's one engine (``KopirApp.query_engine``), kept across
  visits: the workers start once.
* **baseline**: a new engine per visit, closed when the screen goes, as the
  screen did before: the workers start on every visit.

Printed per way: the time from ``/`` until the screen is up, and the time
the search took (``QueryEngine.lines``, the call the screen makes: its page's
``LinePage.seconds``; the rest of a search's wall time is Textual drawing the
table), first visit and the others; and,
once, what constructing an engine costs (it opens nothing: the index opens
on the first search, the workers on the first large scan).

Today (``--visits 4``, the index built beforehand, a shared 2-core machine): the
app's engine 16.6 ms for the first search and 7.8 ms for the others, an engine a
visit 19.9 ms and 8.5 ms, the screen up in 0.9–1.0 s either way. Starting the
workers is cheap now: when this benchmark was written a visit's new engine cost
1.5–1.8 s a search (e9bbba6).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import statistics
import tempfile
import time
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input

from corpus.search.query import QueryEngine
from corpus.storage.store import Corpus
from tui.app import KopirApp
from tui.cli.main import main as kopir
from tui.screens.query import QueryScreen

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PATTERN = "Қазақстан(ның|ға)"


async def visits(corpus: Corpus, count: int, per_visit: bool) -> tuple[list[float], list[float]]:
    """(seconds until the screen is up, seconds in QueryEngine.lines) per visit;
    ``per_visit``: a new engine for each visit (the baseline), else the app's own."""
    app = KopirApp(corpus)
    up: list[float] = []
    searched: list[float] = []
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for n in range(count):
            started = time.perf_counter()
            if per_visit:
                await app.push_screen(QueryScreen(QueryEngine(corpus)))
            else:
                await pilot.press("slash")
            await pilot.pause()
            up.append(time.perf_counter() - started)
            screen = app.screen
            assert isinstance(screen, QueryScreen)
            screen.engine.parallel_from = 1
            screen.query_one("#regex", Checkbox).value = True
            form = screen.query_one("#kk", Input)
            form.value = f"{PATTERN}{{1,{n + 1}}}"  # a new query each visit: no cache hit
            form.focus()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.view is not None and screen.query_one("#hits", DataTable).row_count
            searched.append(screen.view.page.seconds)
            await pilot.press("escape")
            await pilot.pause()
            if per_visit:
                screen.engine.close()
            await app.workers.wait_for_complete()
            await pilot.pause()
    return up, searched


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8,.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=8, help="visits per way (8)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        with contextlib.redirect_stdout(io.StringIO()):
            kopir(["--corpus", str(root), "ingest", "--quiet", "--with-translations", str(SEEDS)])
        corpus = Corpus(root)
        # The index is built once beforehand, so that neither way's first search pays
        # for it (whichever ran first used to, which hid what a visit costs).
        builder = QueryEngine(corpus)
        builder.refresh()
        builder.close()
        made = []
        for _ in range(1000):
            started = time.perf_counter()
            QueryEngine(corpus).close()
            made.append(time.perf_counter() - started)
        print(f"QueryEngine(corpus) and close(): {statistics.median(made) * 1e6:.0f} µs")
        print(f"{args.visits} visits to the Query screen, a regex search in worker processes each")
        print(f"{'':<34}{'screen up':>11}{'search, 1st':>13}{'search, others':>16}")
        for label, own in (
            ("kopir: the app's engine", False),
            ("baseline: an engine a visit", True),
        ):
            up, searched = asyncio.run(visits(corpus, args.visits, own))
            first = f"{searched[0] * 1000:8,.1f} ms"
            print(f"{label:<34}{_ms(up):>11}{first:>13}{_ms(searched[1:]):>16}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
