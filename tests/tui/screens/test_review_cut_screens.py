"""The review cut in the app: ``v`` on the documents screen and in the editor shows what
each cut finds and sets the corpus's; ``w``, the gutter and the counts follow it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from corpus.model import Link
from corpus.storage.store import Corpus
from tests.helpers import editor, make_doc, run, settle
from tui.app import KopirApp
from tui.dialogs.small import PromptDialog
from tui.screens.documents import DocumentsScreen
from tui.widgets.bead_rows import gutter_text


def scored_corpus(root: Path) -> Corpus:
    """Document ``doc``: beads confirmed, proposed 0.31, 0.62 and 0.92, changed by hand."""
    corpus = Corpus(root)
    doc = make_doc("doc", [(f"Сөйлем {i}.", f"Sentence {i}.") for i in range(1, 6)])
    doc.links = [
        Link(("kk.s1",), ("en.s1",), "confirmed", None),
        Link(("kk.s2",), ("en.s2",), "auto", 0.31),
        Link(("kk.s3",), ("en.s3",), "auto", 0.62),
        Link(("kk.s4",), ("en.s4",), "auto", 0.92),
        Link(("kk.s5",), ("en.s5",), "auto", None),
    ]
    corpus.save(doc)
    return corpus


async def set_cut(pilot: Pilot, value: str) -> PromptDialog:
    await pilot.press("v")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PromptDialog)
    dialog.query_one(Input).value = value
    await pilot.press("enter")
    await settle(pilot)
    return dialog


def weak_column(app: KopirApp) -> str:
    table = app.screen.query_one(DataTable)
    return str(table.get_row("doc")[4])


def test_the_documents_screen_sets_the_cut_and_counts_with_it(tmp_path: Path) -> None:
    corpus = scored_corpus(tmp_path / "c")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert weak_column(app) == "2"  # 0.31 and the bead changed by hand
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "weak: below" not in summary, "the default cut: the line as it always was"
        await pilot.press("v")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        assert dialog.query_one(Input).value == "0.50"
        assert "0.90" in dialog.hint and "wrong beads found" in dialog.hint
        await pilot.press("escape")
        await pilot.pause()
        await set_cut(pilot, "0.95")
        await settle(pilot)
        assert "weak-below = 0.95" in (corpus.root / "kopir.toml").read_text("utf-8")
        assert weak_column(app) == "4"
        summary = str(app.screen.query_one("#summary", Static).render())
        assert summary.endswith("1/5 beads confirmed · weak: below 0.95")
        told = [n.message for n in app._notifications]
        assert any(m.startswith("review cut set to 0.95 (was 0.50); ") for m in told), told

    run(KopirApp(corpus), scenario)


def test_a_bad_cut_typed_in_the_app_is_said_and_nothing_changes(tmp_path: Path) -> None:
    corpus = scored_corpus(tmp_path / "c")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await set_cut(pilot, "high")
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == ["review cut: expected a number from 0 to 1, got 'high'"]
        assert not (corpus.root / "kopir.toml").exists()
        assert weak_column(app) == "2"

    run(KopirApp(corpus), scenario)


def test_in_the_editor_w_and_the_gutter_follow_a_new_cut(tmp_path: Path) -> None:
    corpus = scored_corpus(tmp_path / "c")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("w", "w", "w")
        visited = []
        for _ in range(3):
            await pilot.press("w")
            visited.append(ed.table.cursor)
        assert sorted(set(visited)) == [1, 4], "at 0.5: the 0.31 bead and the one changed by hand"
        bead = ed.session.alignment.beads[3]
        assert gutter_text(4, bead, None, ed.session.weak_below)[6] == "○"
        await set_cut(pilot, "0.95")
        assert ed.session.weak_below == 0.95
        visited = []
        for _ in range(4):
            await pilot.press("w")
            visited.append(ed.table.cursor)
        assert sorted(set(visited)) == [1, 2, 3, 4]
        assert gutter_text(4, bead, None, ed.session.weak_below)[6] == "?"
        assert "weak-below = 0.95" in (corpus.root / "kopir.toml").read_text("utf-8")

    run(KopirApp(corpus, "doc"), scenario)


def test_the_editor_says_when_the_setting_is_malformed_and_reviews_at_half(
    tmp_path: Path,
) -> None:
    corpus = scored_corpus(tmp_path / "c")
    (corpus.root / "kopir.toml").write_text("[review]\nweak-below = 5\n", "utf-8")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "review.weak-below: expected a number from 0 to 1" in errors[0]
        assert ed.session.weak_below == 0.5
        assert (corpus.root / "kopir.toml").read_text("utf-8") == "[review]\nweak-below = 5\n"

    run(KopirApp(corpus, "doc"), scenario)


def test_typing_a_cut_replaces_the_one_shown(tmp_path: Path) -> None:
    corpus = scored_corpus(tmp_path / "c")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("0", "full_stop", "7", "enter")
        await settle(pilot)
        assert "weak-below = 0.70" in (corpus.root / "kopir.toml").read_text("utf-8")

    run(KopirApp(corpus), scenario)
