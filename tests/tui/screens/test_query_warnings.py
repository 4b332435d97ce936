"""The Query screen's status: a search's warning is read whole, not cut at the edge."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from textual.widgets import Label

from corpus.search.query import Query, QueryEngine
from corpus.storage.store import Corpus
from tests.helpers import two_documents
from tests.helpers.query_screen import searched
from tui.app import KopirApp


def _search(corpus: Corpus) -> tuple[str, str, bool, int, int]:
    """The counts line, the warnings, whether they are shown, their lines and the lines
    they are given, after a search for Тоқаев at 80 × 24."""
    out: list[tuple[str, str, bool, int, int]] = []

    async def main() -> None:
        app = KopirApp(corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await searched(pilot, "Тоқаев")
            warned = screen.query_one("#warned", Label)
            out.append(
                (
                    str(screen.query_one("#found", Label).render()),
                    str(warned.render()),
                    warned.display,
                    warned.virtual_size.height,
                    warned.content_region.height,
                )
            )

    asyncio.run(main())
    return out[0]


def test_a_warning_wider_than_the_screen_is_read_whole_under_the_counts(tmp_path: Path) -> None:
    # A new user's Query screen said "⚠ rebuilt the search index: the index was made by"
    # and stopped there: why it was rebuilt fell off the 100-column line.
    corpus = two_documents(tmp_path / "c")
    counts, _, shown, _, _ = _search(corpus)
    assert counts.startswith("3 matches in 3 units") and not shown  # no warning: no line
    with QueryEngine(corpus) as engine:
        engine.count(Query(kk="Тоқаев"))
    with sqlite3.connect(corpus.root / ".kopir" / "index.sqlite") as conn:  # an older kopir's
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'schema'")
    counts, warnings, shown, needed, given = _search(corpus)
    assert counts.startswith("3 matches in 3 units") and "⚠" not in counts
    assert "rebuilt the search index" in warnings and "(schema older → " in warnings
    assert shown and needed > 1 and needed <= given, warnings  # wider than 80: wrapped, whole
