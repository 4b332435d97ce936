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
        words = [state_words(b, 0.5, session.alignment) for b in beads]
        assert words == ["no English yet", "changed by hand"]
    finally:
        session.close()
    views = bead_views(corpus.load("news"), 0.5)
    assert [v.status for v in views] == ["no English yet", "changed by hand"]


def test_in_a_document_with_english_not_aligned_yet_a_bead_nobody_touched_says_so(
    tmp_path: Path,
) -> None:
    """There it has English: 'no English yet' would be wrong. (Editing a sentence's text
    leaves its bead as the aligner would find it: not aligned yet either.)"""
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [Block(BlockKind.P, [Sentence.plain("kk.s1", "Аяз болады.")])])
    en = Side("en", [Block(BlockKind.P, [Sentence.plain("en.s1", "Frost.")])])
    corpus.save(Document("pair", Metadata(title="Аяз"), kk, en))
    session = open_session(corpus, "pair")
    try:
        session.set_texts(1, "en", ["Hard frost."])
        words = [state_words(b, 0.5, session.alignment) for b in session.alignment.beads]
        assert words == ["not aligned yet", "not aligned yet"]
    finally:
        session.close()
    views = bead_views(corpus.load("pair"), 0.5)
    assert [v.status for v in views] == ["not aligned yet", "not aligned yet"]
