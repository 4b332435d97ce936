"""The editing session and the corpus's glossary: the terms of a bead, a term added from
the editor, and the checks looking for it at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.session import Session
from corpus.glossary import GlossaryError, load_glossary
from corpus.storage.store import Corpus
from tests.helpers import make_doc


@pytest.fixture
def session(tmp_path: Path):
    corpus = Corpus(tmp_path)
    corpus.save(
        make_doc(
            "d",
            [
                ("Қазақстан Республикасының Парламенті жиналды.", "The Senate met."),
                ("Иә.", "Yes."),
            ],
        )
    )
    s = Session(corpus, corpus.load("d"))
    yield s
    s.close()


def glossary_findings(session: Session) -> list[str]:
    return [f.message for f in session.check() if f.check == "glossary-term"]


def test_a_term_added_in_the_editor_is_found_and_checked_at_once(session: Session) -> None:
    assert session.terms(0) == [] and glossary_findings(session) == []
    line = session.add_term("Парламент", "Parliament | Mazhilis", "the whole body")
    assert line == "Парламент → Parliament | Mazhilis (added; 1 term)"
    assert [(t.kk, t.en, t.note) for t in session.terms(0)] == [
        ("Парламент", ("Parliament", "Mazhilis"), "the whole body")
    ]
    assert session.terms(1) == []
    assert glossary_findings(session) == [
        "the glossary term «Парламент» is here: its English is «Parliament» or «Mazhilis»"
    ]
    session.add_term("Қазақстан Республикасы", "Republic of Kazakhstan")
    assert [t.kk for t in session.terms(0)] == ["Қазақстан Республикасы", "Парламент"]


def test_a_bad_term_from_the_editor_is_refused_and_nothing_is_written(session: Session) -> None:
    with pytest.raises(GlossaryError, match="has no English rendering"):
        session.add_term("Парламент", " | ")
    assert len(load_glossary(session.corpus.root)) == 0


def test_a_term_added_in_the_editor_does_not_read_the_corpus_again(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The checks' length calibration reads every document of the corpus; a new term
    # changes the glossary the checks look for, not the lengths.
    import align.session

    calibrations = []
    real = align.session.calibrate
    monkeypatch.setattr(
        align.session, "calibrate", lambda *a, **k: calibrations.append(a) or real(*a, **k)
    )
    assert glossary_findings(session) == []
    session.add_term("Парламент", "Parliament")
    assert glossary_findings(session) == [
        "the glossary term «Парламент» is here: its English is «Parliament»"
    ]
    assert len(calibrations) == 1
