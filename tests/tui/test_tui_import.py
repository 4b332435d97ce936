"""Importing English and adding Kazakh in the app: the path completes as it is typed, a
failed import brings the dialog back with the typed path and the error in the app's
words, and a warning's remedy is said in them too."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, Label

from tests.helpers import import_english, run, settle, two_documents
from tui.app import KopirApp
from tui.dialogs.paths import complete
from tui.dialogs.small import ConfirmDialog, ImportDialog, SourceDialog

DOC = "004_d23ac1e4305185a3"


def test_completion_of_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "english").mkdir()
    (tmp_path / "english" / "004.en.txt").write_text("x", "utf-8")
    (tmp_path / "english" / "004.en.docx").write_text("x", "utf-8")
    (tmp_path / "english" / "005.en.txt").write_text("x", "utf-8")
    assert complete("eng", tmp_path) == "english/"
    assert complete("english/00", tmp_path) is None  # 004 and 005: nothing more shared
    assert complete("english/004", tmp_path) == "english/004.en.txt"  # the text file first
    assert complete(f"{tmp_path}/english/005", tmp_path) == f"{tmp_path}/english/005.en.txt"
    assert complete("nothing-here", tmp_path) is None
    assert complete("english/004.en.txt", tmp_path) is None  # already whole


def test_a_failed_import_keeps_the_typed_path(tmp_path: Path) -> None:
    corpus = two_documents(tmp_path / "corpus")
    typed = str(tmp_path / "no-such-file.en.txt")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await import_english(pilot, DOC, typed)
        await settle(pilot)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)  # back, not gone with what was typed
        assert dialog.query_one("#path", Input).value == typed
        error = str(dialog.query_one(".error", Label).render())
        assert "no-such-file.en.txt" in error and "--" not in error

    run(KopirApp(corpus), scenario)


def test_the_wrong_english_is_stored_only_if_the_translator_says_so(tmp_path: Path) -> None:
    corpus = two_documents(tmp_path / "corpus")
    before = corpus.path(DOC).read_bytes()
    wrong = str(Path(__file__).parents[2] / "seeds" / "000_6cc29457a28446bc.en.txt")

    async def import_wrong(pilot: Pilot, app: KopirApp) -> None:
        await import_english(pilot, DOC, wrong)
        for _ in range(1200):  # the import aligns first: a minute at most on a loaded machine
            if isinstance(app.screen, ConfirmDialog):
                break
            await pilot.pause(0.05)
        assert "look unrelated" in str(app.screen.query_one(".title", Label).render())

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await import_wrong(pilot, app)
        await pilot.press("n")
        await settle(pilot)
        assert corpus.path(DOC).read_bytes() == before  # nothing stored
        await import_wrong(pilot, app)
        await pilot.press("y")
        for _ in range(1200):
            if corpus.load(DOC).links:
                break
            await pilot.pause(0.05)
        assert corpus.load(DOC).links

    run(KopirApp(corpus), scenario)


def test_a_kazakh_source_is_added_from_the_documents_screen(tmp_path: Path) -> None:
    corpus = two_documents(tmp_path / "corpus")
    source = Path(__file__).parents[2] / "seeds" / "001_edcedd8c637f99fa.txt"
    missing = str(tmp_path / "no-such.txt")

    async def add(pilot: Pilot, app: KopirApp, typed: str) -> None:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        app.screen.query_one("#path", Input).value = typed
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await add(pilot, app, missing)
        dialog = app.screen
        assert isinstance(dialog, SourceDialog)  # back, with the path and why
        assert dialog.query_one("#path", Input).value == missing
        assert "no such file" in str(dialog.query_one(".error", Label).render())
        await pilot.press("escape")
        await add(pilot, app, str(source))
        for _ in range(600):
            table = app.screen.query_one(DataTable)
            if source.stem in table.rows and table.cursor_row == table.get_row_index(source.stem):
                break
            await pilot.pause(0.05)
        assert corpus.load(source.stem).kk.sentences()  # stored, and selected in the table
        assert table.cursor_row == table.get_row_index(source.stem)

    run(KopirApp(corpus), scenario)


def test_a_mixed_script_word_is_repaired_as_the_add_dialog_says(tmp_path: Path) -> None:
    """Adding a text with a word that mixes Latin and Cyrillic letters warns in the app's
    words (the dialog's box to tick, no command-line flag); added again with the box
    ticked, the word is repaired."""
    corpus = two_documents(tmp_path / "corpus")
    source = Path(__file__).parents[2] / "seeds" / "000_6cc29457a28446bc.txt"  # 'rәрі'
    notes: list[str] = []

    async def add(pilot: Pilot, app: KopirApp, fix: bool) -> None:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SourceDialog)
        app.screen.query_one("#path", Input).value = str(source)
        app.screen.query_one("#fix", Checkbox).value = fix
        await pilot.press("enter")
        for _ in range(600):
            if any("sentences" in note for note in notes):
                break
            await pilot.pause(0.05)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await settle(pilot)
        await add(pilot, app, fix=False)
        [warned] = [note for note in notes if "rәрі" in note]
        assert warned.endswith('not repaired; tick "Repair words mixing Latin and Cyrillic '
                               'letters" and add it again to repair it'), warned  # fmt: skip
        assert "--" not in warned
        assert "rәрі" in " ".join(s.text for s in corpus.load(source.stem).kk.sentences())
        notes.clear()
        await add(pilot, app, fix=True)
        assert any("'rәрі' → 'кәрі'" in note and note.endswith("repaired") for note in notes)
        sentences = corpus.load(source.stem).kk.sentences()
        assert "rәрі" not in " ".join(s.text for s in sentences)
        assert "rәрі" in " ".join(s.original for s in sentences)  # kept as the source's

    run(KopirApp(corpus), scenario)


def test_the_import_dialog_offers_the_english_beside_a_source_added_in_the_app(
    tmp_path: Path,
) -> None:
    """Add Kazakh from a folder of one's own, then Import English: the x.en.txt beside the
    x.txt just added is offered, not only one in ./seeds, here or beside the corpus."""
    corpus = two_documents(tmp_path / "corpus")
    seeds = Path(__file__).parents[2] / "seeds"
    texts = tmp_path / "downloads" / "news"
    texts.mkdir(parents=True)
    source = texts / "embassy_visit.txt"
    source.write_bytes((seeds / "001_edcedd8c637f99fa.txt").read_bytes())
    english = texts / "embassy_visit.en.txt"
    english.write_bytes((seeds / "001_edcedd8c637f99fa.en.txt").read_bytes())

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(source)
        await pilot.press("enter")
        for _ in range(600):
            table = app.screen.query_one(DataTable)
            if source.stem in table.rows and table.cursor_row == table.get_row_index(source.stem):
                break
            await pilot.pause(0.05)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        assert app.screen.query_one("#path", Input).value == str(english)

    run(KopirApp(corpus), scenario)


def test_the_dialogs_tick_box_labels_are_shown_whole_at_80_columns(tmp_path: Path) -> None:
    # A new user's Import English dialog cut "Replace its English and beads (a confirmed
    # bead stays if its English is in the" at 100 columns: what the box does was unreadable.
    corpus = two_documents(tmp_path / "corpus")

    async def main() -> None:
        app = KopirApp(corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for key in ("i", "n"):
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, (ImportDialog, SourceDialog))
                for box in app.screen.query(Checkbox):
                    room = box.parent.content_region  # what the dialog shows of its lines
                    assert box.region.right <= room.right, f"{box.label.plain!r} is cut"
                await pilot.press("escape")
                await settle(pilot)

    asyncio.run(main())


def test_adding_a_folder_in_the_app_takes_x_kk_txt_and_names_what_it_leaves_out(
    tmp_path: Path,
) -> None:
    corpus = two_documents(tmp_path / "corpus")
    texts = tmp_path / "downloads"
    texts.mkdir()
    for name in ("visit.kk.txt", "visit.ru.txt", "visit.docx"):
        (texts / name).write_text("Елшілік қонақтарды қарсы алды.\n", "utf-8")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(texts)
        await pilot.press("enter")
        for _ in range(600):
            if "visit" in app.screen.query_one(DataTable).rows:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        left_out = "visit.ru.txt: another language (ru): kopir reads Kazakh x.txt and English"
        assert f"{left_out} x.en.txt" in said
        assert "visit: created, 1 Kazakh sentence" in said
        assert "not read, not .txt texts: visit.docx" in said

    run(KopirApp(corpus), scenario)
