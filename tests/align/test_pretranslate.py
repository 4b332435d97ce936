"""Pre-translation: untranslated beads filled from the memory's exact matches, one undoable
step, kept across a crash."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

from align.edit import Confirm
from align.memory import TranslationMemory
from align.opening import open_session
from align.pretranslate import THIS_DOCUMENT, document_memory, exact_fills, lookup
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tests.helpers import dead_pid, one_seed_corpus

SEED = "003_02315eec3f8dba4a"
KAZAKH = [
    "Аяз күшейеді.",
    "Республика бойынша тұман күтіледі.",
    "Түнде қар жауады, жел соғады.",
    "Температура өзгермейді.",
]
MEMORY = TranslationMemory([
    ("Республика бойынша тұман күтіледі.", "Fog is expected across the country.", "last-week"),
    ("Түнде қар жауады, жел соғады.", "Snow will fall at night. Wind will blow.", "last-week"),
    ("Температура өзгермейді!", "The temperature will not change!", "last-week"),
])  # fmt: skip


def _news(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [Block(BlockKind.P, [
        Sentence.plain(f"kk.s{n}", text) for n, text in enumerate(KAZAKH, 1)])])  # fmt: skip
    corpus.save(Document("news", Metadata(title="Аяз"), kk, Side("en", [])))
    return corpus


def test_exact_matches_fill_their_beads_in_one_undoable_step(tmp_path: Path) -> None:
    """Reusing last week's translation of a repeated sentence cost four keys a bead
    (Enter, F2, Ctrl+S, Space) and a look at every bead; CAT tools fill them on opening."""
    session = open_session(_news(tmp_path), "news")
    try:
        fills = exact_fills(session.state, MEMORY)
        # A 100 % match differing in punctuation is no exact match; no match, nothing.
        assert [(f.bead, f.texts) for f in fills] == [
            (1, ["Fog is expected across the country."]),
            (2, ["Snow will fall at night.", "Wind will blow."]),
        ]
        assert session.fill("en", fills) == "fill 2 beads from the memory's exact matches"
        assert session.bead_texts(1)[1] == ["Fog is expected across the country."]
        assert session.bead_texts(2)[1] == ["Snow will fall at night.", "Wind will blow."]
        assert session.bead_texts(0)[1] == [] and session.bead_texts(3)[1] == []
        assert {session.alignment.beads[i].status for i in (1, 2)} == {"auto"}  # to review
        session.undo()
        assert all(not session.bead_texts(i)[1] for i in range(4))
        session.redo()
        assert session.bead_texts(2)[1] == ["Snow will fall at night.", "Wind will blow."]
    finally:
        session.close()


def test_a_fill_for_a_bead_translated_since_the_lookup_is_left_out(tmp_path: Path) -> None:
    session = open_session(_news(tmp_path), "news")
    try:
        fills = exact_fills(session.state, MEMORY)
        session.set_texts(1, "en", ["Typed meanwhile."])
        session.fill("en", fills)
        assert session.bead_texts(1)[1] == ["Typed meanwhile."]
        assert session.bead_texts(2)[1] == ["Snow will fall at night.", "Wind will blow."]
    finally:
        session.close()


def test_a_fill_is_recovered_after_a_crash(tmp_path: Path) -> None:
    corpus = _news(tmp_path)
    before = corpus.path("news").read_bytes()
    session = open_session(corpus, "news")
    session.fill("en", exact_fills(session.state, MEMORY))
    expected = [session.bead_texts(i) for i in range(len(session.alignment.beads))]
    assert session.saver is not None and session.journal is not None and session.lock
    session.saver.close()  # killed: no save, journal and lock left behind
    session.journal.abandon()
    session.lock.abandon()
    session.lock.path.write_text(
        json.dumps({"pid": dead_pid(), "host": socket.gethostname(), "since": time.time()})
    )
    corpus.path("news").write_bytes(before)
    again = open_session(corpus, "news")
    try:
        assert "recovered 1 change" in again.notice
        assert [again.bead_texts(i) for i in range(len(again.alignment.beads))] == expected
    finally:
        again.close()


def test_undo_reaches_a_fill_of_the_last_session(tmp_path: Path) -> None:
    corpus = _news(tmp_path)
    session = open_session(corpus, "news")
    session.fill("en", exact_fills(session.state, MEMORY))
    session.close()
    again = open_session(corpus, "news")
    try:
        assert again.bead_texts(1)[1] == ["Fog is expected across the country."]
        assert again.undo().startswith("undid: fill 2 beads")
        assert all(not again.bead_texts(i)[1] for i in range(4))
    finally:
        again.close()


def test_a_sentence_the_document_repeats_finds_the_translation_just_typed(
    tmp_path: Path,
) -> None:
    """The corpus's memory is read once: a repeated sentence found what was typed for its
    first occurrence only in the next session (CAT tools offer it at once)."""
    corpus = Corpus(tmp_path / "c")
    kk = Side("kk", [Block(BlockKind.P, [
        Sentence.plain("kk.s1", "Республика бойынша тұман күтіледі."),
        Sentence.plain("kk.s2", "Аяз болады."),
        Sentence.plain("kk.s3", "Республика бойынша тұман күтіледі."),
    ])])  # fmt: skip
    corpus.save(Document("news", Metadata(title="Аяз"), kk, Side("en", [])))
    session = open_session(corpus, "news")
    empty = TranslationMemory([])
    try:
        session.set_texts(0, "en", ["Fog is expected across the country."])  # not confirmed
        mine = document_memory(session.state, "kk", skip=2)
        (match,) = lookup(empty, mine, "Республика бойынша тұман күтіледі.")
        assert (match.target, match.similarity, match.origin) == (
            "Fog is expected across the country.", 100.0, THIS_DOCUMENT)  # fmt: skip
        assert len(document_memory(session.state, "kk", skip=0)) == 0  # the bead itself
        assert [(f.bead, f.texts) for f in exact_fills(session.state, empty)] == [
            (2, ["Fog is expected across the country."])
        ]
    finally:
        session.close()


def test_the_documents_memory_holds_the_translators_pairs_not_the_aligners(
    tmp_path: Path,
) -> None:
    corpus = one_seed_corpus(tmp_path / "c")
    session = open_session(corpus, SEED)
    try:
        assert len(document_memory(session.state, "kk")) == 0  # proposals only
        session.apply(Confirm(0))
        assert len(document_memory(session.state, "kk")) == 1
    finally:
        session.close()
