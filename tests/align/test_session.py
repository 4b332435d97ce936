"""The editing session: operations, text edits, undo/redo over both, and saving."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.edit import Confirm, Merge, ShiftDown, ShiftUp, Split
from align.model import Alignment, AlignmentError
from align.session import Session
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tests.helpers import kazakh_only_doc, seed_document

DOC = "003_02315eec3f8dba4a"


@pytest.fixture
def session(tmp_path: Path):
    corpus = Corpus(tmp_path / "c")
    corpus.save(seed_document(DOC))
    s = Session(corpus, corpus.load(DOC))
    yield s
    s.close()


def _on_disk(session: Session) -> Alignment:
    assert session.saver is not None and session.saver.flush()
    return Alignment.from_document(session.corpus.load(DOC))


def test_operations_undo_redo_and_reach_disk(session: Session) -> None:
    start = session.alignment
    session.apply(Confirm(0))
    session.apply(Merge(1))
    assert _on_disk(session) == session.alignment
    assert session.undo().startswith("undid: merge")
    assert session.alignment.beads[0].status == "confirmed"
    session.undo()
    assert session.alignment == start and _on_disk(session) == start
    session.redo()
    session.redo()
    assert len(session.alignment.beads) == len(start.beads) - 1
    with pytest.raises(AlignmentError, match="nothing to redo"):
        session.redo()


def test_edit_english_text_keeps_ids_and_is_undoable(session: Session) -> None:
    kk, en = session.bead_texts(1)
    sid = session.alignment.beads[1].en[0]
    session.set_texts(1, "en", ["An edited English sentence."])
    assert session.text(sid) == "An edited English sentence."
    assert _on_disk(session).beads[1].en == (sid,)
    saved = {s.id: s.text for s in session.corpus.load(DOC).en.sentences()}
    assert saved[sid] == "An edited English sentence."
    session.undo()
    assert session.bead_texts(1) == (kk, en)


def test_split_and_merge_sentences_as_text_edits(session: Session) -> None:
    n_en = len(session.alignment.en)
    session.set_texts(1, "en", ["First half.", "Second half."])
    bead = session.alignment.beads[1]
    assert len(bead.en) == 2 and len(session.alignment.en) == n_en + 1
    assert bead.en[1] not in {s for s in session.alignment.en if s != bead.en[1]}
    session.set_texts(1, "en", ["Back together again."])
    assert len(session.alignment.en) == n_en


def test_emptying_a_side_says_it_deletes_its_sentences(session: Session) -> None:
    # A translator cleared the edit box of a bead's Kazakh (Ctrl+A, Backspace, Ctrl+S)
    # and three source sentences left the document; the app said only "edit the
    # Kazakh of bead 8", then "undid: edit the Kazakh of bead 8".
    session.apply(Merge(1))
    n_kk = len(session.alignment.kk)
    assert len(session.alignment.beads[1].kk) == 2
    assert session.set_texts(1, "kk", []) == "delete the Kazakh of bead 2 (2 sentences)"
    assert session.alignment.beads[1].kk == () and len(session.alignment.kk) == n_kk - 2
    assert session.undo() == "undid: delete the Kazakh of bead 2 (2 sentences)"
    assert len(session.alignment.kk) == n_kk
    assert session.set_texts(1, "en", ["Edited."]) == "edit the English of bead 2"


def test_type_english_for_a_sentence_that_has_none(session: Session) -> None:
    # Detach the English of bead 3 so that its Kazakh stands alone, then type a translation.
    from align.edit import InsertEmpty

    session.apply(InsertEmpty(3, "en"))
    bead = session.alignment.beads[3]
    assert bead.kind.endswith("-0")
    session.set_texts(3, "en", ["A translation typed by hand."])
    bead = session.alignment.beads[3]
    assert bead.en and session.text(bead.en[0]) == "A translation typed by hand."
    order = session.alignment.en
    assert order.index(bead.en[0]) < order.index(session.alignment.beads[4].en[0])


def test_realign_is_one_undoable_step(session: Session) -> None:
    session.apply(ShiftDown(0, "en"))
    shifted = session.alignment
    session.apply(Confirm(5))
    confirmed = session.alignment.beads[5]
    session.realign()
    kept = session.alignment.beads[session.alignment.bead_of_kk(confirmed.kk[0])]
    assert kept == confirmed, "re-aligning never undoes a translator's decision"
    session.undo()
    session.undo()
    assert session.alignment == shifted


def test_read_only_session_refuses_changes(session: Session) -> None:
    reader = Session(session.corpus, session.corpus.load(DOC), read_only=True)
    with pytest.raises(AlignmentError, match="read-only"):
        reader.apply(Confirm(0))
    reader.close()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_text_edits_keep_the_sides_and_the_alignment_in_step(data: st.DataObject) -> None:
    """Text edits build the new alignment locally (no walk of the document): after any
    run of them, and of undos, it is what the full check builds from the sides."""
    s = Session(Corpus(Path("/nonexistent")), seed_document(DOC), autosave=False)
    words = st.sampled_from(["Бір.", "Екі сөйлем.", "One.", "Two words.", "", "  "])
    for _ in range(data.draw(st.integers(1, 12))):
        beads = s.alignment.beads
        if data.draw(st.booleans()) and s.can_undo:
            s.undo()
        elif beads:
            i = data.draw(st.integers(0, len(beads) - 1))
            lang = data.draw(st.sampled_from(["kk", "en"]))
            texts = data.draw(st.lists(words, max_size=3))
            with contextlib.suppress(AlignmentError):  # e.g. emptying both sides of a bead
                s.set_texts(i, lang, texts)
        rebuilt = Alignment(
            tuple(x.id for x in s.side("kk").sentences()),
            tuple(x.id for x in s.side("en").sentences()),
            s.alignment.beads,
        )
        assert rebuilt == s.alignment


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_random_operations_undo_and_redo_exactly(data: st.DataObject) -> None:
    """The session's undo (the one undo machine) gives back every earlier state exactly,
    and redo every later one, after any run of structural edits."""
    s = Session(Corpus(Path("/nonexistent")), seed_document(DOC), autosave=False)
    states = [s.alignment]
    for _ in range(data.draw(st.integers(1, 10))):
        count = len(s.alignment.beads)
        i = data.draw(st.integers(0, count - 1))
        side = data.draw(st.sampled_from(["kk", "en"]))
        op = data.draw(
            st.sampled_from(
                [Merge(i), Split(i, 1, 0), ShiftUp(i, side), ShiftDown(i, side), Confirm(i)]
            )
        )
        with contextlib.suppress(AlignmentError):  # not every operation fits every bead
            s.apply(op)
        if s.alignment != states[-1]:
            states.append(s.alignment)
    for before in reversed(states[:-1]):
        s.undo()
        assert s.alignment == before
    for after in states[1:]:
        s.redo()
        assert s.alignment == after


def test_a_translation_typed_into_a_kazakh_only_document_takes_its_headline_and_paragraphs(
    tmp_path: Path,
) -> None:
    """Typed English used to go into one paragraph whatever the Kazakh's blocks: the
    client's English had no headline and no paragraphs. Each typed sentence now opens
    a block where its Kazakh opens one, of the same kind; within a paragraph it joins."""
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [
        Block(BlockKind.HEAD, [Sentence.plain("kk.s1", "Ауа райы")], type="main"),
        Block(BlockKind.HEAD, [Sentence.plain("kk.s2", "Тұман болады")], type="section"),
        Block(BlockKind.P, [Sentence.plain("kk.s3", "Жел соғады.")]),
        Block(BlockKind.P, [Sentence.plain("kk.s4", "Қар жауады."),
                            Sentence.plain("kk.s5", "Аяз болады.")]),
    ])  # fmt: skip
    corpus.save(Document("w", Metadata(title="Ауа райы"), kk, Side("en", [])))
    session = Session(corpus, corpus.load("w"))
    try:
        # Out of order on purpose: the fourth paragraph's first sentence before the third.
        for bead, text in ((0, "Weather"), (3, "It will snow."), (2, "Wind will blow."),
                           (4, "There will be frost."), (1, "Fog ahead")):  # fmt: skip
            session.set_texts(bead, "en", [text])
        assert session.saver is not None and session.saver.flush()
        blocks = corpus.load("w").en.blocks
    finally:
        session.close()
    assert [(b.kind, b.type, [s.text for s in b.sentences]) for b in blocks] == [
        (BlockKind.HEAD, "main", ["Weather"]),
        (BlockKind.HEAD, "section", ["Fog ahead"]),
        (BlockKind.P, None, ["Wind will blow."]),
        (BlockKind.P, None, ["It will snow.", "There will be frost."]),
    ]


def test_a_translation_after_an_untranslated_sentence_opens_its_own_paragraph(
    tmp_path: Path,
) -> None:
    """A paragraph's first sentence left untranslated on purpose: the next one's
    English used to join the headline's block, the paragraph before on the other side."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(kazakh_only_doc("w", "Ауа райы", ["Хабарлайды.", "Жел соғады."]))
    session = Session(corpus, corpus.load("w"))
    try:
        session.set_texts(0, "en", ["Weather"])
        session.set_texts(2, "en", ["Wind will blow."])
        assert session.saver is not None and session.saver.flush()
        blocks = corpus.load("w").en.blocks
    finally:
        session.close()
    assert [(b.kind, [s.text for s in b.sentences]) for b in blocks] == [
        (BlockKind.HEAD, ["Weather"]),
        (BlockKind.P, ["Wind will blow."]),
    ]


def test_realigning_counts_at_the_sessions_review_cut_even_when_the_settings_are_broken(
    tmp_path: Path,
) -> None:
    # The editor opens a corpus whose cut it cannot read at 0.5 and says why; its
    # re-align read the file again, so it failed on the setting the session had set aside.
    corpus = Corpus(tmp_path / "c")
    corpus.save(seed_document(DOC))
    (corpus.root / "kopir.toml").write_text("[review]\nweak-below = 2\n", "utf-8")
    s = Session(corpus, corpus.load(DOC))
    try:
        assert s.weak_below == 0.5 and "review.weak-below" in s.review_cut_problem
        report = s.propose().report
        assert "to review (confidence < 0.5)" in report
    finally:
        s.close()
