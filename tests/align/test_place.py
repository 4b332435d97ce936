"""Where the translator left each document: remembered on leaving, found on reopening.

A place is a convenience: a missing, damaged or stale entry, a place past the
end and a corpus that cannot be written are never an error, only bead 1 (or
the nearest bead that still exists).
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

import align.place
from align.edit import Merge
from align.model import Alignment
from align.opening import open_at_place
from align.place import PLACES_NAME, last_place, remember_place
from corpus.storage.store import STATE_DIR, Corpus
from tests.helpers import make_doc

PAIRS = [(f"Сөйлем {n}.", f"Sentence {n}.") for n in range(10)]


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    corpus = Corpus(tmp_path / "c")
    (corpus.root / STATE_DIR).mkdir(parents=True)
    return corpus


def alignment(pairs: list[tuple[str, str]] = PAIRS) -> Alignment:
    return Alignment.from_document(make_doc("d", pairs))


def places_file(corpus: Corpus) -> Path:
    return corpus.root / STATE_DIR / PLACES_NAME


def test_a_place_is_remembered_per_document(corpus: Corpus) -> None:
    al = alignment()
    assert last_place(corpus, "d", al) == 0, "nothing remembered yet: bead 1"
    remember_place(corpus, "d", al, 6)
    remember_place(corpus, "other", al, 2)
    assert last_place(corpus, "d", al) == 6
    assert last_place(corpus, "other", al) == 2
    assert last_place(corpus, "third", al) == 0
    remember_place(corpus, "d", al, 3)
    assert last_place(corpus, "d", al) == 3, "the last place wins"
    assert json.loads(places_file(corpus).read_text("utf-8"))["other"]["bead"] == 2


def test_the_place_follows_its_sentence_when_beads_above_change(corpus: Corpus) -> None:
    al = alignment()
    remember_place(corpus, "d", al, 6)
    merged = Merge(0).apply(al)  # the beads above merged (by another kopir, or re-aligned)
    assert last_place(corpus, "d", merged) == 5, "the bead holding the same sentence"


def test_a_place_past_the_end_is_the_last_bead(corpus: Corpus) -> None:
    remember_place(corpus, "d", alignment(), 9)
    shorter = alignment(PAIRS[:4])
    assert last_place(corpus, "d", shorter) == 3


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b"[1, 2, 3]",
        b'{"d": "six"}',
        b'{"d": {"bead": "six"}}',
        b'{"d": {"bead": -4}}',
        b'{"d": {"bead": true}}',
        b'{"d": {"bead": 2, "sentence": 7}}',
        b"",
    ],
)
def test_a_damaged_entry_is_ignored_and_mended(corpus: Corpus, content: bytes) -> None:
    places_file(corpus).write_bytes(content)
    al = alignment()
    assert last_place(corpus, "d", al) == 0
    remember_place(corpus, "d", al, 4)
    assert last_place(corpus, "d", al) == 4


def test_no_place_in_an_empty_document(corpus: Corpus) -> None:
    remember_place(corpus, "d", alignment(), 5)
    empty = Alignment((), (), ())
    assert last_place(corpus, "d", empty) == 0
    remember_place(corpus, "d", empty, 0)  # nothing to remember; no error


def test_a_read_only_corpus_is_no_error(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(align.place, "atomic_write", refuse)
    remember_place(corpus, "d", alignment(), 5)
    assert last_place(corpus, "d", alignment()) == 0
    assert not places_file(corpus).exists()


def test_a_corpus_without_a_state_folder_is_no_error(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "missing")
    remember_place(corpus, "d", alignment(), 5)
    assert last_place(corpus, "d", alignment()) == 0


def test_a_link_in_place_of_the_file_is_not_followed(corpus: Corpus, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    places_file(corpus).symlink_to(target)
    remember_place(corpus, "d", alignment(), 5)
    assert last_place(corpus, "d", alignment()) == 0
    assert target.read_text() == "keep me"


def test_opening_for_editing_gives_the_session_and_the_place_left(corpus: Corpus) -> None:
    """What the editor's open is: one core call, the session and the bead to show first."""
    corpus.save(make_doc("d", PAIRS))
    session, place = open_at_place(corpus, "d")
    try:
        assert place == 0, "never left anywhere: bead 1"
        remember_place(corpus, "d", session.alignment, 7)
    finally:
        session.close()
    session, place = open_at_place(corpus, "d")
    try:
        assert place == 7 and not session.read_only
    finally:
        session.close()
