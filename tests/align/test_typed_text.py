"""Text typed or pasted into a sentence is cleaned as ingest cleans it, and said so.

A control character pasted into the edit box used to make every later save
of the document fail in lxml ("All strings must be XML compatible"), session
after session; a lone surrogate could not even be journalled.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from align.opening import open_session
from align.session import Session
from align.typed import clean_typed
from corpus.errors import KopirError
from corpus.storage.store import Corpus
from tests.helpers import one_seed_corpus, seed_document

DOC = "003_02315eec3f8dba4a"


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return one_seed_corpus(tmp_path / "c")


@pytest.mark.parametrize(
    ("pasted", "kept", "named"),
    [
        ("Bell\x07 rang.", "Bell rang.", "U+0007"),
        ("Nul\x00 here.", "Nul here.", "U+0000"),
        ("Not a char\ufffe.", "Not a char.", "U+FFFE"),
        ("Nonchar\ufdd0 too.", "Nonchar too.", "U+FDD0"),
        ("Delete\x7f and C1\x85 gone.", "Delete and C1 gone.", "U+007F"),
        ("Word's line\x0bbreak.", "Word's line break.", "U+000B"),
        ("Page\x0cbreak.", "Page break.", "U+000C"),
    ],
)
def test_pasted_controls_are_cleaned_reported_and_the_document_saves(
    corpus: Corpus, pasted: str, kept: str, named: str
) -> None:
    session = open_session(corpus, DOC)
    try:
        session.set_texts(1, "en", [pasted])
        assert session.bead_texts(1)[1] == [kept]
        assert session.cleaned and all(n.startswith("bead 2 (English)") for n in session.cleaned)
        assert any(named in note for note in session.cleaned), session.cleaned
        assert session.saver is not None and session.saver.flush()
        assert session.saver.error is None
    finally:
        session.close()  # raised before: the save failed, and Ctrl+Q exited 1
    assert kept in {s.text for s in corpus.load(DOC).en.sentences()}


def test_a_lone_surrogate_is_refused_with_a_one_line_error(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    try:
        before = session.bead_texts(1)
        session.note_draft(1, "en", "Half\ud800 typed")  # journalled without a crash
        with pytest.raises(KopirError, match=r"bead 2 \(English\), sentence 1, column 5: U\+D800"):
            session.set_texts(1, "en", ["Half\ud800 a character."])
        assert session.bead_texts(1) == before and not session.can_undo
    finally:
        session.close()


def test_a_journal_holding_controls_from_before_is_recovered_and_saved(corpus: Corpus) -> None:
    """A session journalled by an older kopir that let the characters in."""
    session = open_session(corpus, DOC)
    assert session.journal is not None and session.lock is not None and session.saver
    session.journal.append({"t": "texts", "bead": 1, "lang": "en", "texts": ["Old\x00 paste."]})
    session.saver.close()
    session.journal.abandon()
    session.lock.abandon()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    session.lock.path.write_text(
        json.dumps({"pid": dead.pid, "host": socket.gethostname(), "since": 0})
    )
    again = open_session(corpus, DOC)
    try:
        assert again.bead_texts(1)[1] == ["Old paste."]
    finally:
        again.close()
    assert "Old paste." in {s.text for s in corpus.load(DOC).en.sentences()}


def test_clean_typed_keeps_ordinary_text_and_drops_blank_lines() -> None:
    assert clean_typed(["  Тоқаев «Астанада» — 2021.  ", "", "\t"], 0, "kk") == (
        ["Тоқаев «Астанада» — 2021."],
        [],
    )


def test_scripted_sessions_clean_too(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(seed_document(DOC))
    session = Session(corpus, corpus.load(DOC), autosave=False)
    session.set_texts(0, "kk", ["Бір\u2028екі."])
    assert session.bead_texts(0)[0] == ["Бір екі."]
