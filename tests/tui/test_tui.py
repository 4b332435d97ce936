"""The translator's app, driven key by key with Textual's pilot.

Each test starts the real app on a corpus built from the seeds, presses the
keys a translator would, and checks what the session holds and what reached
the disk.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, TextArea

from align.document import align_document
from align.model import Alignment
from corpus.errors import KopirError
from corpus.storage.journal import Journal
from corpus.storage.store import Corpus
from tests.helpers import (
    DOC,
    SEEDS,
    editor,
    import_english,
    run,
    seed_document,
    settle,
)
from tui.app import HelpScreen, KopirApp, all_bindings
from tui.config import UserConfig, load_config
from tui.dialogs.export import ExportDialog
from tui.dialogs.small import ConfirmDialog, SplitDialog
from tui.screens.editor import EditorScreen
from tui.screens.editor_work import RECHECK_AFTER
from tui.widgets.bead_table import BeadTable
from tui.widgets.edit_panel import EditPanel
from tui.widgets.quality import QualityPanel


def on_disk(corpus: Corpus) -> Alignment:
    return Alignment.from_document(corpus.load(DOC))


def test_documents_screen_lists_the_corpus_and_opens_a_document(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        row = table.get_row(DOC)
        kk, en, beads, state = row[6], row[7], row[3], row[1]  # where a document stands first
        assert [kk, en, beads] == ["23", "25", "23"] and state == "to review"
        assert table.get_row("004_d23ac1e4305185a3")[1] == "no English"
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).session.doc_id == DOC

    run(KopirApp(corpus), scenario)


def test_confirm_merge_undo_redo_reach_the_disk(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        beads = len(ed.session.alignment.beads)
        await pilot.press("space")
        assert ed.session.alignment.beads[0].status == "confirmed"
        assert ed.table.cursor == 1, "confirming moves on to the next bead"
        await pilot.press("m")
        assert len(ed.session.alignment.beads) == beads - 1
        await pilot.press("u")
        assert len(ed.session.alignment.beads) == beads
        await pilot.press("U")
        assert len(ed.session.alignment.beads) == beads - 1
        assert ed.session.saver is not None and ed.session.saver.flush()
        assert on_disk(corpus) == ed.session.alignment
        await pilot.press("escape")  # back to the documents; the session ends cleanly
        await pilot.pause()
        assert not Journal(corpus.root, DOC).pending

    run(KopirApp(corpus, DOC), scenario)


def test_toggle_and_confirm_all_above(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("c")
        assert ed.session.alignment.beads[0].status == "confirmed"
        await pilot.press("c")
        assert ed.session.alignment.beads[0].status == "auto"
        await pilot.press("j", "j", "j", "C")
        statuses = [b.status for b in ed.session.alignment.beads[:5]]
        assert statuses == ["confirmed"] * 4 + ["auto"]

    run(KopirApp(corpus, DOC), scenario)


def test_split_a_bead_in_the_dialog(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        two = next(i for i, b in enumerate(ed.session.alignment.beads) if b.kind == "1-2")
        ed.table.move_to(two)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        options = dialog.query_one(OptionList)
        assert options.option_count == 4  # 1-2 splits: (0,1) (0,2) (1,0) (1,1)
        (a, b) = dialog.points()[options.highlighted]
        assert (a, b) == (1, 1), "the proportional split is offered first"
        rows = [str(options.get_option_at_index(n).prompt) for n in range(4)]
        assert all(len(row.splitlines()) == 2 for row in rows)
        widest = max(cell_len(line) for row in rows for line in row.splitlines())
        assert widest <= options.scrollable_content_region.width, "a choice wraps"
        marked = [n for n, row in enumerate(rows) if row.startswith("▶")]
        assert marked == [options.highlighted], "the highlight is shown by more than colour"
        await pilot.press("down")
        await pilot.pause()
        rows = [str(options.get_option_at_index(n).prompt) for n in range(4)]
        assert [n for n, row in enumerate(rows) if row.startswith("▶")] == [options.highlighted]
        await pilot.press("up")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        kinds = [bead.kind for bead in ed.session.alignment.beads[two : two + 2]]
        assert kinds == ["1-1", "0-1"]

    run(KopirApp(corpus, DOC), scenario)


def test_shift_sentences_and_insert_an_empty_counterpart(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        first, second = ed.session.alignment.beads[:2]
        await pilot.press("K")  # pull the first English sentence of bead 2 up
        bead = ed.session.alignment.beads[0]
        assert bead.en == first.en + second.en[:1]
        await pilot.press("J")  # and push it back down
        ids = [(b.kk, b.en) for b in ed.session.alignment.beads[:2]]
        assert ids == [(first.kk, first.en), (second.kk, second.en)]
        await pilot.press("tab", "J")  # now on the Kazakh side: push its sentence down
        assert ed.session.alignment.beads[0].kk == ()
        await pilot.press("u", "tab", "i")  # undo; English gets a bead of its own
        kinds = [b.kind for b in ed.session.alignment.beads[:2]]
        assert kinds == ["1-0", "0-1"]

    run(KopirApp(corpus, DOC), scenario)


def test_edit_english_in_place_split_a_sentence_and_undo(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        old_kk, old_en = ed.session.bead_texts(0)
        await pilot.press("e")
        await pilot.pause()
        assert ed.query_one(EditPanel).is_open
        area = ed.query_one(TextArea)
        area.text = "First half of it.\nSecond half of it."
        await pilot.pause()
        journal = Journal(corpus.root, DOC).read()[1]
        assert journal[-1]["t"] == "draft", "typing is journalled before it is applied"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(0) == (old_kk, ["First half of it.", "Second half of it."])
        assert ed.session.alignment.beads[0].kind == "1-2"
        assert ed.session.saver is not None and ed.session.saver.flush()
        texts = {s.text for s in corpus.load(DOC).en.sentences()}
        assert "Second half of it." in texts
        await pilot.press("u")
        assert ed.session.bead_texts(0) == (old_kk, old_en)

    run(KopirApp(corpus, DOC), scenario)


def test_type_english_for_a_kazakh_sentence_that_has_none(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "i")  # bead 3's English goes away: Kazakh stands alone
        assert ed.session.alignment.beads[2].kind == "1-0"
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == ""
        await pilot.press(*"Typed anew.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(2)[1] == ["Typed anew."]
        await pilot.press("escape")  # leave cleanly: the file is valid TEI with the edit
        await pilot.pause()
        assert "Typed anew." in {s.text for s in corpus.load(DOC).en.sentences()}

    run(KopirApp(corpus, DOC), scenario)


def test_escape_abandons_an_edit(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        before = ed.session.bead_texts(0)
        await pilot.press("e", "x", "y", "escape")
        await pilot.pause()
        assert ed.session.bead_texts(0) == before
        assert Journal(corpus.root, DOC).read()[1][-1] == {"t": "draft-end"}

    run(KopirApp(corpus, DOC), scenario)


def test_an_edit_that_cannot_be_recorded_stays_in_the_box(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        panel, area = ed.query_one(EditPanel), ed.query_one(TextArea)
        area.focus()  # as a click into the idle box does
        await pilot.press("x", "ctrl+s", "escape")  # nothing to apply or cancel
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and not ed.session.can_undo
        ed.table.focus()
        old = ed.session.bead_texts(0)
        await pilot.press("e")
        await pilot.pause()
        area.text = "Kept when the disk is full."
        await pilot.pause()

        def full(*args: object) -> str:
            from corpus.errors import KopirError

            raise KopirError("cannot write the journal: No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(ed.session, "set_texts", full)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert panel.is_open and area.text == "Kept when the disk is full."
            assert ed.session.bead_texts(0) == old
        await pilot.press("ctrl+s")  # the disk has room again
        await pilot.pause()
        assert not panel.is_open and area.text == ""
        assert ed.session.bead_texts(0)[1] == ["Kept when the disk is full."]
        assert app.focused is ed.table and ed.table.has_focus and not area.has_focus

    run(KopirApp(corpus, DOC), scenario)


def test_realign_keeps_confirmed_beads_and_is_undoable(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("K")  # a wrong link…
        wrong = ed.session.alignment
        await pilot.press("j", "j", "space")  # …and a confirmed one further down
        confirmed = ed.session.alignment.beads[2]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "beads changed by hand: asked first"
        await pilot.press("y")
        await settle(pilot)
        al = ed.session.alignment
        assert al.beads[al.bead_of_kk(confirmed.kk[0])] == confirmed
        assert al.beads[0] != wrong.beads[0], "the aligner fixed the wrong link"
        await pilot.press("u")
        assert ed.session.alignment.beads[0] == wrong.beads[0]

    run(KopirApp(corpus, DOC), scenario)


def test_jumps_search_and_go_to(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("space", "space")
        await pilot.press("g", "n")
        assert ed.table.cursor == 2, "the next unconfirmed bead"
        notes: list[str] = []
        ed.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("slash")
        await pilot.press(*"ЕҚЫҰ", "enter")
        await pilot.pause()
        found = ed.table.cursor
        assert "ЕҚЫҰ" in " ".join(ed.session.bead_texts(found)[0])
        matches = [
            i
            for i in range(len(ed.session.alignment.beads))
            if "ЕҚЫҰ" in " ".join(ed.session.bead_texts(i)[0] + ed.session.bead_texts(i)[1])
        ]
        after = [i for i in matches if i > 2]
        assert len(after) > 1 and found == after[0], "the first match after the cursor"
        assert notes[-1] == f"match {matches.index(found) + 1} of {len(matches)} for 'ЕҚЫҰ'"
        await pilot.press("full_stop")
        assert ed.table.cursor == after[1]
        assert notes[-1] == f"match {matches.index(after[1]) + 1} of {len(matches)} for 'ЕҚЫҰ'"
        await pilot.press("comma")
        assert ed.table.cursor == after[0]
        await pilot.press("colon", *"10", "enter")
        await pilot.pause()
        assert ed.table.cursor == 9
        await pilot.press("G")
        assert ed.table.cursor == len(ed.session.alignment.beads) - 1

    run(KopirApp(corpus, DOC), scenario)


def test_search_is_case_insensitive_for_kazakh_letters(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("slash", *"атамқұлов", "enter")
        await pilot.pause()
        assert "Атамқұлов" in " ".join(ed.session.bead_texts(ed.table.cursor)[0])

    run(KopirApp(corpus, DOC), scenario)


def test_help_lists_every_editor_action_with_its_id(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        ids = {row[2] for row in rows}
        assert {"editor.confirm", "editor.merge", "editor.undo", "editor.edit"} <= ids
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)

    run(KopirApp(corpus, DOC), scenario)


def test_help_on_the_documents_screen_lists_open(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = {table.get_row_at(i)[2]: table.get_row_at(i) for i in range(table.row_count)}
        assert rows["documents.open"][0] == app.get_key_display(Binding("enter", "open"))
        assert {"documents.export", "documents.query"} <= rows.keys()

    run(KopirApp(corpus), scenario)


def test_command_palette_offers_every_action(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Confirm", "Merge with next", "Split", "Re-align", "Undo", "Search"} <= titles

    run(KopirApp(corpus, DOC), scenario)


def test_keys_are_remapped_from_the_user_config(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"editor.confirm" = "y"\n', "utf-8")
    config = load_config(path, known_ids=set(all_bindings()))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("space")
        assert ed.session.alignment.beads[0].status == "auto", "space no longer confirms"
        await pilot.press("y")
        assert ed.session.alignment.beads[0].status == "confirmed"

    run(KopirApp(corpus, DOC, config), scenario)


def test_bad_keymaps_are_clear_errors(tmp_path: Path) -> None:
    from corpus.errors import KopirError

    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"editor.nonsense" = "y"\n', "utf-8")
    with pytest.raises(KopirError, match=r"unknown binding id 'editor\.nonsense'"):
        load_config(path, known_ids=set(all_bindings()))
    path.write_text("[keys\n", "utf-8")
    with pytest.raises(KopirError, match="not valid TOML"):
        load_config(path)
    assert load_config(tmp_path / "missing.toml") == UserConfig()


@pytest.mark.parametrize("key", ["cntrl+s", "ctrl+bananna", "f99", "full stop", "meta+", ""])
def test_a_key_name_textual_never_sends_is_an_error(tmp_path: Path, key: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[keys]\n"editor.confirm" = "y,{key}"\n', "utf-8")
    with pytest.raises(KopirError, match=rf"editor\.confirm: {re.escape(repr(key))} is not a key"):
        load_config(path, known_ids=set(all_bindings()))


def test_every_default_key_and_the_usual_spellings_are_key_names() -> None:
    from tui.config import valid_key

    defaults = [k for keys, _ in all_bindings().values() for k in keys.split(",")]
    usual = ["ctrl+shift+f1", "minus", "question_mark", "?", "ű", "alt+enter", "pagedown"]
    assert [k for k in defaults + usual if not valid_key(k)] == []


def test_a_key_the_keymap_gives_two_actions_is_an_error(tmp_path: Path) -> None:
    from tui.app import binding_scopes

    path = tmp_path / "config.toml"
    path.write_text('[keys]\n"editor.confirm" = "enter"\n', "utf-8")  # editor.edit has enter
    with pytest.raises(
        KopirError, match=re.escape("'enter' is bound to both editor.confirm and editor.edit")
    ):
        load_config(path, known_ids=set(all_bindings()), scopes=binding_scopes())
    path.write_text('[keys]\n"editor.merge" = "ctrl+q"\n', "utf-8")  # the app's quit
    with pytest.raises(
        KopirError, match=re.escape("'ctrl+q' is bound to both editor.merge and app.quit")
    ):
        load_config(path, known_ids=set(all_bindings()), scopes=binding_scopes())
    path.write_text('[keys]\n"editor.confirm" = "enter"\n"editor.edit" = "e"\n', "utf-8")
    assert load_config(path, scopes=binding_scopes()).keymap["editor.confirm"] == "enter"
    path.write_text('[keys]\n"editor.next_match" = "."\n', "utf-8")  # its own key, spelt short
    assert load_config(path, scopes=binding_scopes()).keymap == {"editor.next_match": "."}


def test_second_instance_is_read_only_and_says_so(corpus: Corpus) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    lock = corpus.root / ".kopir" / "locks" / f"{DOC}.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname(), "since": 0}))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        assert ed.session.read_only
        status = str(ed.query_one("#status").render())
        assert "READ-ONLY" in status
        await pilot.press("space", "m", "e")
        await pilot.pause()
        assert ed.session.alignment == on_disk(corpus), "nothing changed"
        assert not ed.query_one(EditPanel).is_open

    try:
        run(KopirApp(corpus, DOC), scenario)
    finally:
        holder.kill()
        holder.wait()
    assert lock.exists()


def test_unfinished_typing_is_offered_back_after_a_crash(corpus: Corpus) -> None:
    from align.session import open_session

    session = open_session(corpus, DOC)
    session.note_draft(1, "en", "Half-typed sentence")
    assert session.saver is not None and session.journal is not None and session.lock
    session.saver.close()
    session.journal.abandon()
    session.lock.abandon()  # the kernel lets go of a killed process's flock
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    session.lock.path.write_text(
        json.dumps({"pid": dead.pid, "host": socket.gethostname(), "since": time.time()})
    )

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.pause()
        ed = editor(app)
        assert ed.query_one(EditPanel).is_open
        assert ed.query_one(TextArea).text == "Half-typed sentence"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(1)[1] == ["Half-typed sentence"]

    run(KopirApp(corpus, DOC), scenario)


def test_import_english_from_the_documents_screen(corpus: Corpus) -> None:
    doc_id = "004_d23ac1e4305185a3"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await import_english(pilot, doc_id, str(SEEDS / f"{doc_id}.en.txt"))
        table = app.screen.query_one(DataTable)
        await settle(pilot)
        await settle(pilot)
        assert table.get_row(doc_id)[1] == "to review"

    run(KopirApp(corpus), scenario)
    doc = corpus.load(doc_id)
    assert len(doc.en.sentences()) == 32 and len(doc.links) == 32


def test_a_ten_thousand_bead_table_draws_only_what_is_visible(tmp_path: Path) -> None:
    from benchmarks.bench_tui import big_corpus

    corpus = big_corpus(tmp_path / "big", 10_000)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        table = ed.query_one(BeadTable)
        assert len(ed.session.alignment.beads) == 10_000
        assert table.virtual_size.height >= 10_000
        await pilot.press("G")
        assert table.cursor == 9_999
        first, last = table.visible_range()
        assert first <= 9_999 <= last
        assert len(app.screen.query("*")) < 50, "no widget per row"

    run(KopirApp(corpus, "big"), scenario)


def test_quality_panel_lists_findings_and_jumps_to_them(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        ed.query_one(TextArea).text = "word " * 500  # over 2,000 characters: an error
        await pilot.press("ctrl+s")
        await pilot.pause(RECHECK_AFTER + 0.2)  # the checks run when the typing pauses
        await settle(pilot)
        assert ed.flags.get(0) == "error", "the edited bead is flagged"
        await pilot.press("p")
        await pilot.pause()
        panel = ed.query_one(QualityPanel)
        assert panel.is_open and panel.findings
        assert all(f.check != "unconfirmed" for f in panel.findings)
        table = panel.query_one(DataTable)
        assert "segment-too-long" in {table.get_row_at(i)[2] for i in range(table.row_count)}
        await pilot.press("G")  # the editor's keys still work from the panel
        assert ed.table.cursor == 22
        await pilot.press("enter")  # on the panel's first finding
        await pilot.pause()
        assert ed.table.cursor == 0 and ed.table.has_focus
        await pilot.press("G", "f")
        assert ed.table.cursor == 0, "f goes to the next flagged bead"
        await pilot.press("p")  # p hides the panel…
        await pilot.pause()
        assert not panel.is_open
        await pilot.press("p", "escape")  # …and Escape in the panel closes it, not the editor
        await pilot.pause()
        assert not panel.is_open and isinstance(app.screen, EditorScreen)

    run(KopirApp(corpus, DOC), scenario)


def test_export_dialog_checks_then_writes_tmx(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("space")  # one confirmed bead, saved before exporting
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        summary = str(dialog.query_one("#summary").render())
        assert summary.startswith("1 unit to export, 22 left out")
        dialog.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed, "the dialog closes when the file is written"

    run(KopirApp(corpus, DOC), scenario)
    data = out.read_text("utf-8")
    assert data.count("<tu ") == 1 and 'xml:lang="kk-KZ"' in data


def test_export_dialog_refuses_errors_until_told(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("e")
        await pilot.pause()
        ed.query_one(TextArea).text = "word " * 500
        await pilot.press("ctrl+s", "space")  # an over-long segment, confirmed
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#format", Select).value = "tsv"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value.endswith(".tsv")
        dialog.query_one("#path", Input).value = str(out)
        await settle(pilot)
        assert "1 error," in str(dialog.query_one("#summary").render())
        await pilot.click("#export")
        await settle(pilot)
        assert app.screen is dialog and not out.exists()
        assert "refusing to export" in str(dialog.query_one("#summary").render())
        dialog.query_one("#force", Checkbox).value = True
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed, str(dialog.query_one("#summary").render())

    run(KopirApp(corpus, DOC), scenario)
    assert out.exists()


def test_export_remembers_its_choices_and_asks_before_replacing(
    corpus: Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "doc.tmx"

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        box = dialog.query_one("#unconfirmed", Checkbox)
        assert "✓" not in str(box.render())
        box.value = True
        assert "✓" in str(box.render()), "a ticked box is shown by more than colour"
        dialog.query_one("#path", Input).value = str(out)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ed and out.read_text("utf-8").count("<tu ") == 23
        out.write_text("a file someone cares about", "utf-8")
        await pilot.press("x")
        await settle(pilot)
        again = app.screen
        assert again.query_one("#unconfirmed", Checkbox).value, "the last choices come back"
        assert Path(again.query_one("#path", Input).value).parent == out.parent
        again.query_one("#path", Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "an existing file is not replaced unasked"
        await pilot.press("n")
        await settle(pilot)
        assert out.read_text("utf-8") == "a file someone cares about"
        await pilot.press("enter", "y")
        await settle(pilot)
        assert app.screen is ed and out.read_text("utf-8").count("<tu ") == 23

    run(KopirApp(corpus, DOC), scenario)


def test_aligning_and_opening_the_same_document_do_not_lock_each_other_out(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import align.document

    def slow_align(*args, **kwargs):
        time.sleep(1.0)  # long enough for the translator to press Enter meanwhile
        return align_document(*args, **kwargs)

    # The documents screen imports the aligner when it first needs it: from here.
    monkeypatch.setattr(align.document, "align_document", slow_align)

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(DOC))
        await pilot.press("a", "enter")  # align, and open it at once
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen), "not while it is being aligned"
        await settle(pilot)
        await pilot.pause()
        assert not app.busy
        await pilot.press("enter")
        await pilot.pause()
        ed = editor(app)
        assert not ed.session.read_only, "the app's own alignment left no lock behind"

    run(KopirApp(corpus), scenario)


@settings(deadline=None)  # a per-example time limit fails on a loaded machine
@given(
    old=st.lists(st.integers(0, 3), max_size=30),
    start=st.integers(0, 30),
    length=st.integers(0, 5),
    insert=st.lists(st.integers(0, 3), max_size=5),
)
def test_changed_span_finds_the_smallest_replaced_run(
    old: list[int], start: int, length: int, insert: list[int]
) -> None:
    from tui.widgets.layout import changed_span

    start = min(start, len(old))
    before = tuple(old)
    after = before[:start] + tuple(insert) + before[start + length :]
    head, old_end, new_end = changed_span(before, after)
    assert before[:head] == after[:head] and before[old_end:] == after[new_end:]
    assert before[:head] + after[head:new_end] + before[old_end:] == after
    assert head <= old_end and head <= new_end
    # nothing shorter: a non-empty run starts and ends with a difference
    if old_end > head and new_end > head:
        assert before[head] != after[head] and before[old_end - 1] != after[new_end - 1]


def test_the_import_dialog_offers_the_english_beside_the_source(tmp_path: Path) -> None:
    from align.summary import english_beside, summarize

    summary = summarize(seed_document("004_d23ac1e4305185a3", english=False))
    assert Path(summary.source_file).name == "004_d23ac1e4305185a3.txt"
    empty, holding = tmp_path / "empty", tmp_path / "holding"
    empty.mkdir()
    holding.mkdir()
    assert english_beside(summary.source_file, [empty, holding]) is None
    (holding / "004_d23ac1e4305185a3.en.txt").write_text("Hello.", "utf-8")
    found = english_beside(summary.source_file, [empty, holding])
    assert found == holding / "004_d23ac1e4305185a3.en.txt"
    assert english_beside("", [holding]) is None


def test_no_binding_takes_a_terminal_multiplexers_prefix() -> None:
    """Ctrl+B is tmux's prefix: a key bound to it never reaches kopir run inside tmux."""
    taken = {
        binding_id
        for binding_id, (keys, _) in all_bindings().items()
        if "ctrl+b" in keys.split(",")
    }
    assert taken == set()
