"""A quality check that is no longer wanted stops at its next question (issue 19).

The editor starts a check after every pause in the edits; on a long document a
check takes seconds, and quitting used to wait for the one under way. Asked to
stop, a check ends with ``Stopped`` and leaves the checker as it was, so the next
check gives exactly the findings a fresh one gives.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from align.cancel import ASK_EVERY, Stopped
from align.edit import Confirm, Merge
from align.qa import check_document
from align.qa.config import load_config
from align.qa.lengths import calibrate
from align.session import Session
from corpus.storage.store import Corpus
from tests.helpers import seed_document

DOC = "003_02315eec3f8dba4a"


@pytest.fixture
def session(tmp_path: Path) -> Session:
    corpus = Corpus(tmp_path / "c")
    corpus.save(seed_document(DOC))
    return Session(corpus, corpus.load(DOC), autosave=False)


def _fresh(session: Session) -> list:
    config = load_config(session.corpus.root)
    return check_document(
        session.snapshot(), config, calibrate(session.corpus, config.min_pairs, {})
    )


def test_a_check_asked_to_stop_stops_and_the_next_one_is_whole(session: Session) -> None:
    session.check()
    session.apply(Merge(1))
    asked = []

    def stop_on_the_second_question() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(Stopped):
        session.check(should_stop=stop_on_the_second_question)
    assert len(asked) == 2  # it stopped at once, not at the end
    session.apply(Confirm(0))
    assert session.check(should_stop=lambda: False) == _fresh(session)


def test_a_check_waiting_for_another_gives_up_when_asked(session: Session) -> None:
    session.check()
    stop = threading.Event()
    threading.Timer(0.1, stop.set).start()
    with session._checker_lock, pytest.raises(Stopped):  # the lock: another check under way
        session.check(should_stop=stop.is_set)
    assert session.check() == _fresh(session)


def test_the_question_is_asked_every_few_hundred_beads(session: Session) -> None:
    beads = len(session.alignment.beads)
    asked = []
    session.check(should_stop=lambda: bool(asked.append(1)))
    assert len(asked) >= 2 * (beads // ASK_EVERY + 1)  # building the units, checking them
