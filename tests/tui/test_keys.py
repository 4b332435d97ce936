"""Keys: the help screens and the command palette list every action with its id, the
user's keymap remaps them, and a bad keymap (unknown id, a key name Textual never
sends, one key for two actions) is a clear error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable

from corpus.errors import KopirError
from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, settle
from tui.app import HelpScreen, KopirApp, all_bindings
from tui.config import UserConfig, load_config
from tui.screens.editor import EditorScreen


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


def test_no_binding_takes_a_terminal_multiplexers_prefix() -> None:
    """Ctrl+B is tmux's prefix: a key bound to it never reaches kopir run inside tmux."""
    taken = {
        binding_id
        for binding_id, (keys, _) in all_bindings().items()
        if "ctrl+b" in keys.split(",")
    }
    assert taken == set()


@pytest.mark.parametrize("dialog_key", ["colon", "slash", "f1"])
def test_ctrl_q_quits_with_a_dialog_open(corpus: Corpus, dialog_key: str) -> None:
    """Ctrl+Q quits from anywhere, as the footer says: a dialog (go to bead, search, the
    keys) is a modal screen, which hides the app's bindings unless they have priority."""
    exited: list[bool] = []

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press(dialog_key)
        await pilot.pause()
        assert app.screen is not ed, "a dialog is open"
        await pilot.press("ctrl+q")
        await pilot.pause()
        exited.append(app.return_code == 0)  # set by App.exit

    run(KopirApp(corpus, DOC), scenario)
    assert exited == [True]
