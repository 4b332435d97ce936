"""Exporting the Query screen's lines (tui/dialogs/hit_export.py): asking before it
replaces a file, writing the lines in the order shown, and telling the translator
what sanitising changed in the TMX.
"""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Select

from corpus.storage.store import Corpus
from tests.helpers import (
    SIZE,
    ask,
    make_doc,
    open_query,
    run,
    searched,
    settle,
    untouched,
    users_file,
)
from tui.app import KopirApp
from tui.dialogs.small import ConfirmDialog


def test_query_export_asks_before_replacing_and_keeps_the_sort(
    corpus: Corpus, tmp_path: Path
) -> None:
    out = users_file(tmp_path / "hits.csv")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await open_query(pilot)
        screen.query_one("#sort", Select).value = "R1"
        screen.query_one("#kk", Input).focus()
        await ask(pilot, screen, *"Қазақстан*", "enter")
        assert screen.view is not None and screen.view.page.matches < 100  # one page
        shown = [(line.hit.doc, line.hit.kk) for line in screen.view.page.lines]
        for answer in ("n", "y"):
            screen.action_export()
            await pilot.pause()
            app.screen.query_one(Input).value = str(out)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press(answer)
            await settle(pilot)
            if answer == "n":
                assert untouched(out)
        rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
        assert [(r["doc"], r["kk"]) for r in rows] == shown  # a row a match, by R1 as shown

    run(KopirApp(corpus), scenario)


def test_query_export_refuses_a_device_as_a_file_to_write(corpus: Corpus) -> None:
    """The Export dialog refuses a pipe or a device (written, a pipe waits for ever for a
    reader), as the path dialogs that read do; its note said "give the file to read"."""

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await searched(pilot, "Қазақстан*")
        await pilot.press("ctrl+x")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one(Input).value = "/dev/null"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        said = " ".join(n.message for n in app._notifications)
        assert "/dev/null: a pipe or a device, not a file: give the file to write" in said

    run(KopirApp(corpus), scenario)


def test_query_export_tells_the_translator_what_sanitising_changed(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "corpus")
    invisible = "\u200b\u200e\u2060\ufeff\u202e"  # each removed from the TMX, each reported
    corpus.save(make_doc("d", [(f"Сөз{ch} бар.", "A word.") for ch in invisible]))
    out = tmp_path / "hits.tmx"
    notes: list[Notification] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify) and message.notification not in notes:
            notes.append(message.notification)

    async def export(pilot: Pilot, name: Path) -> None:
        await pilot.press("ctrl+x")
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = str(name)
        await pilot.press("enter")
        await settle(pilot)

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=SIZE, message_hook=hook) as pilot:
            screen = await searched(pilot, "сөз")
            assert screen.query_one("#hits", DataTable).row_count == 5
            await export(pilot, out)
            await export(pilot, tmp_path / "hits.txt")

    asyncio.run(main())
    started, done, refused = notes
    assert started.title == "Exporting hits" and started.message.startswith("Writing 5 units to ")
    assert (done.title, done.severity) == ("Exported hits", "warning")
    lines = done.message.splitlines()
    assert lines[0] == f"wrote 5 units to {out}"
    assert lines[1].startswith("⚠ sanitised 5 characters")
    assert lines[2] == (
        "  d:kk.s1:en.s1 (kk): column 4: removed U+200B ZERO WIDTH SPACE "
        "(a stray invisible character)"
    )
    assert "U+200E" in lines[3] and "U+2060" in lines[4] and lines[5:] == ["  … and 2 more"]
    assert not any(ch in out.read_text("utf-8") for ch in invisible)
    assert refused.severity == "error" and ".tmx" in refused.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "hits.tmx"]


def test_query_export_for_excel_writes_a_csv_a_spreadsheet_reads(tmp_path: Path) -> None:
    """Ticked, the CSV starts with a byte-order mark (Excel reads the Kazakh letters) and a
    dialogue dash's sentence stays text ('- …' would be a formula); untouched, as before."""
    corpus = Corpus(tmp_path / "corpus")
    corpus.save(make_doc("d", [("- Мемлекет басшысы келді.", "The Head of State came.")]))
    notes: list[Notification] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify) and message.notification not in notes:
            notes.append(message.notification)

    async def export(pilot: Pilot, name: Path, excel: bool) -> None:
        await pilot.press("ctrl+x")
        await pilot.pause()
        pilot.app.screen.query_one(Input).value = str(name)
        pilot.app.screen.query_one("#excel", Checkbox).value = excel
        await pilot.press("enter")
        await settle(pilot)

    async def main() -> None:
        async with KopirApp(corpus).run_test(size=SIZE, message_hook=hook) as pilot:
            await searched(pilot, "мемлекет")
            await export(pilot, tmp_path / "excel.csv", True)
            await export(pilot, tmp_path / "plain.csv", False)
            await export(pilot, tmp_path / "excel.tsv", True)

    asyncio.run(main())
    excel = (tmp_path / "excel.csv").read_bytes().decode("utf-8")
    assert excel.startswith("\ufeffdoc,")
    (row,) = list(csv.DictReader(io.StringIO(excel.removeprefix("\ufeff"))))
    assert row["kk"] == "'- Мемлекет басшысы келді." and row["en"] == "The Head of State came."
    plain = (tmp_path / "plain.csv").read_text("utf-8")
    assert plain.startswith("doc,")
    (row,) = list(csv.DictReader(io.StringIO(plain)))
    assert row["kk"] == "- Мемлекет басшысы келді."
    assert notes[-1].severity == "error" and "For Excel writes CSV" in notes[-1].message
    assert not (tmp_path / "excel.tsv").exists()
