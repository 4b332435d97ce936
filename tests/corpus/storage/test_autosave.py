"""The background save of a document being edited: paced by how long a write takes."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import CorpusError
from corpus.storage.autosave import AutoSaver, pacing
from corpus.storage.store import Corpus
from tests.helpers import seed_document

DOC = "003_02315eec3f8dba4a"


def test_a_long_write_waits_for_a_longer_pause_in_the_edits() -> None:
    assert pacing(0.5, 2.0, 0.02) == (0.5, 2.0)  # a short document: as set
    assert pacing(0.5, 2.0, 3.0) == (9.0, 60.0)  # 50,000 beads: 3 s a write


def test_flush_writes_at_once_however_long_the_last_write_took(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    doc = seed_document(DOC)
    corpus.save(doc)
    before = corpus.path(DOC).read_bytes()
    doc.meta.title = "changed"
    saver = AutoSaver(corpus, lambda: doc)
    saver._last_write = 1000.0  # as after a write of a huge document: a 50-minute pause due
    saver.request()
    assert saver.flush(timeout=60)  # export and close do not wait for the pause
    assert corpus.path(DOC).read_bytes() != before and not saver.pending
    saver.close()


def test_a_file_changed_by_another_program_is_not_overwritten(tmp_path: Path) -> None:
    """The TEI file of a document open in the app, edited meanwhile by hand (or replaced
    by a sync tool): the next autosave silently wrote over the other program's change
    (seen in the real app). Now that save fails, saying why; the editor shows it as SAVE
    FAILED and keeps the session's changes in the journal."""
    corpus = Corpus(tmp_path / "c")
    doc = seed_document(DOC)
    corpus.save(doc)
    saver = AutoSaver(corpus, lambda: doc)
    for title in ("first", "second"):  # its own saves are no change by another program
        doc.meta.title = title
        saver.request()
        assert saver.flush(timeout=60) and saver.error is None
    theirs = corpus.path(DOC).read_bytes().replace(b"second", b"their change")
    corpus.path(DOC).write_bytes(theirs)
    doc.meta.title = "third"
    saver.request()
    assert saver.flush(timeout=60)
    assert corpus.path(DOC).read_bytes() == theirs
    assert isinstance(saver.error, CorpusError)
    assert str(saver.error) == (
        f"{corpus.path(DOC)} was changed on disk by another program while open here: "
        "not overwritten (close the document and open it again to go on from your "
        "changes; that replaces the other program's)"
    )
    saver.close()
