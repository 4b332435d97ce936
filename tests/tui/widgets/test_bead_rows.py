"""The gutter's review state of a bead of a document being translated from scratch."""

from __future__ import annotations

from pathlib import Path

from align.listing import bead_views
from align.opening import open_session
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tui.widgets.bead_rows import state_words, status_symbol


def test_a_sentence_nobody_touched_waits_for_its_translation_not_changed_by_hand(
    tmp_path: Path,
) -> None:
    """Every bead of a Kazakh-only document read '✎ changed by hand' before the translator
    had typed a word: a translator's first look said kopir had changed their text."""
    corpus = Corpus(tmp_path / "c")
    sentences = [Sentence.plain("kk.s1", "Аяз болады."), Sentence.plain("kk.s2", "Қар жауады.")]
    kk = Side("kk", [Block(BlockKind.P, sentences)])
    corpus.save(Document("news", Metadata(title="Аяз"), kk, Side("en", [])))
    session = open_session(corpus, "news")
    try:
        session.set_texts(1, "en", ["Snow will fall."])
        beads = session.alignment.beads
        assert [status_symbol(b, 0.5) for b in beads] == ["·", "✎"]
        assert [state_words(b, 0.5) for b in beads] == ["no English yet", "changed by hand"]
    finally:
        session.close()
    views = bead_views(corpus.load("news"), 0.5)
    assert [v.status for v in views] == ["no English yet", "changed by hand"]
