"""Translation-memory suggestions in the edit box: shown on a side to translate, inserted
with a key, asked for with Ctrl+T."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import TextArea

from align.formats.tmx_reader import import_tmx
from align.memory import TranslationMemory
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tests.helpers import DOC, editor, run, two_documents
from tui.app import KopirApp
from tui.widgets.edit_panel import EditPanel
from tui.widgets.suggestions import Suggestions


def _with_memory(root: Path, kazakh: str, english: str) -> Corpus:
    corpus = two_documents(root / "corpus")
    tmx = root / "memory.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="kk"/><body>'
        f'<tu><tuv xml:lang="kk"><seg>{kazakh}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{english}</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    import_tmx(corpus, tmx, "memory")
    return corpus


def test_matches_shown_when_translating_and_inserted_with_f2(tmp_path: Path) -> None:
    kazakh = " ".join(two_documents(tmp_path / "probe").load(DOC).kk.sentences()[2].text.split())
    near = kazakh.replace(kazakh.split()[1], "басқа", 1)  # one word differs
    corpus = _with_memory(tmp_path, near, "A translation from the memory.")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "i")  # bead 3's Kazakh stands alone: English to type
        assert ed.session.bead_texts(2)[0] == [kazakh]
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one(Suggestions)
        assert box.display and len(box.matches) == 1
        match = box.matches[0]
        assert match.target == "A translation from the memory." and 50 <= match.similarity < 100
        assert [match.source[a:b] for a, b in match.differences] == ["басқа"]
        assert "% A translation from the memory." in str(box.render())
        await pilot.press("f2", "ctrl+s")
        await pilot.pause()
        assert ed.session.bead_texts(2)[1] == ["A translation from the memory."]
        assert not app.screen.query_one(Suggestions).display  # the box is idle again

    run(KopirApp(corpus, DOC), scenario)


def test_ctrl_t_asks_and_says_when_nothing_is_close(tmp_path: Path) -> None:
    corpus = _with_memory(tmp_path, "Мүлде басқа нәрсе.", "Something else.")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        await pilot.press("e")  # bead 1 has English: no lookup until asked
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one(Suggestions).display
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one(Suggestions)
        assert box.display and box.matches == []
        assert "no match of 50 % or more among 1 confirmed pairs" in str(box.render())
        text = app.screen.query_one(TextArea).text
        await pilot.press("f2")  # nothing to insert: the text stays as it was
        assert app.screen.query_one(TextArea).text == text
        assert app.screen.query_one(EditPanel).is_open

    run(KopirApp(corpus, DOC), scenario)


class _Box(App):
    def compose(self) -> ComposeResult:
        yield Suggestions()


def test_a_match_whose_numbers_were_changed_says_which() -> None:
    memory = TranslationMemory([("Болжам 19-21 қарашаға.", "Forecast for 19-21 November.", "d")])

    async def scenario() -> None:
        async with _Box().run_test() as pilot:
            box = pilot.app.query_one(Suggestions)
            box.show(memory.lookup("Болжам 26-28 қарашаға."))
            assert "Forecast for 26-28 November. (numbers: 19→26, 21→28)" in str(box.render())

    asyncio.run(scenario())


def test_capital_t_fills_untranslated_beads_from_exact_matches(tmp_path: Path) -> None:
    kazakh = " ".join(two_documents(tmp_path / "probe").load(DOC).kk.sentences()[2].text.split())
    corpus = _with_memory(tmp_path, kazakh, "Last week's translation.")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("j", "j", "i", "g")  # bead 3's Kazakh alone, the cursor away
        assert ed.session.bead_texts(2) == ([kazakh], [])
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ed.session.bead_texts(2)[1] == ["Last week's translation."]
        assert ed.table.cursor == 2 and ed.session.alignment.beads[2].status == "auto"
        await pilot.press("u")
        assert ed.session.bead_texts(2)[1] == []

    run(KopirApp(corpus, DOC), scenario)


def test_a_repeated_sentence_is_offered_the_translation_typed_for_it_this_session(
    tmp_path: Path,
) -> None:
    corpus = Corpus(tmp_path / "c")
    repeated = "Республика бойынша тұман күтіледі."
    kk = Side("kk", [Block(BlockKind.P, [
        Sentence.plain("kk.s1", repeated), Sentence.plain("kk.s2", "Аяз болады."),
        Sentence.plain("kk.s3", repeated)])])  # fmt: skip
    corpus.save(Document("news", Metadata(title="Аяз"), kk, Side("en", [])))

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.press(*"Fog ahead.", "ctrl+s", "j", "j", "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen.query_one(Suggestions)
        assert [(m.target, m.similarity) for m in box.matches] == [("Fog ahead.", 100.0)]
        await pilot.press("f2", "ctrl+s")
        assert ed.session.bead_texts(2)[1] == ["Fog ahead."]

    run(KopirApp(corpus, "news"), scenario)


def test_f2_inserts_a_match_of_two_sentences_as_two(tmp_path: Path) -> None:
    """A unit from a 1-2 bead came in as one line, so applying it made one English
    sentence of the two."""
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [Block(BlockKind.P, [Sentence.plain("kk.s1", "Қар жауады, жел соғады.")])])
    corpus.save(Document("news", Metadata(title="Қар"), kk, Side("en", [])))
    memory = tmp_path / "memory.tmx"
    memory.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="kk"/><body><tu>'
        '<tuv xml:lang="kk"><seg>Қар жауады, жел соғады.</seg></tuv>'
        '<tuv xml:lang="en"><seg>Snow will fall. Wind will blow.</seg></tuv></tu></body></tmx>',
        "utf-8",
    )
    import_tmx(corpus, memory, "memory")

    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        ed = editor(app)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f2", "ctrl+s")
        assert ed.session.bead_texts(0)[1] == ["Snow will fall.", "Wind will blow."]

    run(KopirApp(corpus, "news"), scenario)
