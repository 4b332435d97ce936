"""Provenance: who made or changed a bead and when, in the TEI, the journal and the TMX;
a source edit keeps the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from align.edit import Confirm, Merge
from align.formats.export import ExportOptions
from align.formats.tmx_reader import import_tmx
from align.formats.tmx_writer import export_tmx
from align.model import Alignment
from align.opening import open_session
from align.provenance import current_user, from_tmx_date, keep_originals, to_tmx_date
from align.session import Session
from corpus.errors import CorpusError
from corpus.model import Sentence, Stamp
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes, to_bytes
from tests.helpers import seed_document

DOC = "003_02315eec3f8dba4a"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Corpus:
    monkeypatch.setenv("KOPIR_USER", "Айгүл <reviewer>")
    made = Corpus(tmp_path / "c")
    made.save(seed_document(DOC))
    return made


def _saved(session: Session) -> bytes:
    assert session.saver is not None and session.saver.flush()
    return session.corpus.read_bytes(DOC)


def test_user_is_kopir_user_else_login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOPIR_USER", "aigul")
    assert current_user() == "aigul"
    monkeypatch.setenv("KOPIR_USER", " ")
    monkeypatch.setenv("LOGNAME", "login-name")
    monkeypatch.setenv("USER", "login-name")
    assert current_user() == "login-name"


def test_confirm_and_merge_are_stamped_and_saved_as_valid_tei(corpus: Corpus, tei_schema) -> None:
    session = Session(corpus, corpus.load(DOC))
    untouched = session.alignment.beads[5]
    session.apply(Confirm(0))
    session.apply(Merge(2))
    beads = session.alignment.beads
    assert beads[0].changed is not None and beads[0].changed.who == "Айгүл <reviewer>"
    assert beads[2].created == beads[2].changed and beads[2].created is not None
    assert beads[4].changed is None and beads[4] is untouched  # merge shifted it up by one
    data = _saved(session)
    session.close()
    tree = etree.fromstring(data)
    assert tei_schema.validate(tree), tei_schema.error_log.last_error
    (resp,) = tree.iter(f"{TEI}respStmt")
    assert resp.findtext(f"{TEI}name") == "Айгүл <reviewer>"
    changes = list(tree.iter(f"{TEI}change"))
    stamps = {beads[0].changed, beads[2].created}  # one change when both fell in one second
    assert len(changes) == len(stamps)
    assert all(c.get("who") == "#" + resp.get(XML_ID) for c in changes)
    back = Alignment.from_document(from_bytes(data, "x.xml", DOC))
    assert back.beads[0].changed == beads[0].changed
    assert back.beads[2].created == beads[2].created
    assert back.beads[4].changed is None
    assert to_bytes(from_bytes(data, "x.xml", DOC)) == data


def test_confirming_keeps_the_creation_and_changes_the_change(corpus: Corpus) -> None:
    session = Session(corpus, corpus.load(DOC), autosave=False)
    session._replayed_stamp = Stamp("maker", "2026-01-01T00:00:00Z")
    session.apply(Merge(0))
    session._replayed_stamp = Stamp("checker", "2026-02-02T00:00:00Z")
    session.apply(Confirm(0))
    bead = session.alignment.beads[0]
    assert bead.created == Stamp("maker", "2026-01-01T00:00:00Z")
    assert bead.changed == Stamp("checker", "2026-02-02T00:00:00Z")
    link = session.snapshot().links[0]
    again = from_bytes(to_bytes(session.snapshot()), "x.xml", DOC).links[0]
    assert (again.created, again.changed) == (link.created, link.changed)


def test_a_dangling_change_pointer_is_refused(corpus: Corpus) -> None:
    session = Session(corpus, corpus.load(DOC), autosave=False)
    session.apply(Confirm(0))
    data = to_bytes(session.snapshot()).replace(b'change="#change.1"', b'change="#change.9"')
    with pytest.raises(CorpusError, match=r"dangling pointer '#change\.9'"):
        from_bytes(data, "x.xml", DOC)


def test_stamps_survive_recovery_from_the_journal(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    session.apply(Confirm(1))
    stamp = session.alignment.beads[1].changed
    session.set_texts(2, "en", ["Typed by hand."])
    typed = session.alignment.beads[2].changed
    session.journal.abandon()  # as if killed: the journal stays, nothing more is saved
    assert session.saver is not None
    session.saver._closed = True
    session.lock.release()
    recovered = open_session(corpus, DOC)
    try:
        assert "recovered" in recovered.notice
        assert recovered.alignment.beads[1].changed == stamp
        assert recovered.alignment.beads[2].changed == typed
    finally:
        recovered.close()


def test_kazakh_edit_keeps_the_original_in_choice(corpus: Corpus, tei_schema) -> None:
    session = Session(corpus, corpus.load(DOC))
    original = session.bead_texts(1)[0]
    sid = session.alignment.beads[1].kk[0]
    session.set_texts(1, "kk", ["Түзетілген сөйлем."])
    session.set_texts(1, "kk", ["Екінші түзету.", "Бөлінген сөйлем."])
    data = _saved(session)
    session.close()
    tree = etree.fromstring(data)
    assert tei_schema.validate(tree), tei_schema.error_log.last_error
    doc = from_bytes(data, "x.xml", DOC)
    kept = {s.id: s for s in doc.kk.sentences()}
    assert kept[sid].text == "Екінші түзету."
    assert kept[sid].original == " ".join(original)
    edited_ids = Alignment.from_document(doc).beads[1].kk
    assert "".join(kept[i].original for i in edited_ids) == " ".join(original)
    assert b'ana="#repair.edit"' in data
    assert b"Changed by hand in the alignment editor" in data


def test_keep_originals_rules() -> None:
    a, b = Sentence.plain("kk.s1", "Бір."), Sentence.plain("kk.s2", "Екі.")
    # unchanged sentences are the same objects; one edited back is plain again
    assert keep_originals([a, b], [a, Sentence.plain("kk.s2", "Екі!")])[0] is a
    back = keep_originals([a], [Sentence.plain("kk.s1", "Бір.")])
    assert back[0].parts == ("Бір.",)
    # a deleted sentence goes onto the last one kept, so nothing of the source is lost
    made = keep_originals([a, b], [a])
    assert made[0].text == "Бір." and made[0].original == "Бір. Екі."


def test_tmx_carries_stamps_in_omegat_dates_and_import_reads_them(
    corpus: Corpus, tmp_path: Path
) -> None:
    session = Session(corpus, corpus.load(DOC), autosave=False)
    session._replayed_stamp = Stamp("aigul", "2026-12-06T07:15:02Z")
    session.apply(Merge(0))
    session._replayed_stamp = Stamp("bolat", "2026-12-06T08:00:00Z")
    session.apply(Confirm(0))
    corpus.save(session.snapshot())
    session.close()
    path = tmp_path / "out.tmx"
    export_tmx(corpus, [DOC], path, ExportOptions(include_unconfirmed=True, force=True))
    first = etree.parse(str(path)).find("body/tu")
    assert first.get("creationid") == "aigul" and first.get("creationdate") == "20261206T071502Z"
    assert first.get("changeid") == "bolat" and first.get("changedate") == "20261206T080000Z"
    second = etree.parse(str(path)).findall("body/tu")[1]
    assert second.get("changeid") is None  # nobody touched it: nothing is made up
    other = Corpus(tmp_path / "d")
    import_tmx(other, path, "back")
    bead = Alignment.from_document(other.load("back")).beads[0]
    assert bead.created == Stamp("aigul", "2026-12-06T07:15:02Z")
    assert bead.changed == Stamp("bolat", "2026-12-06T08:00:00Z")


def test_tmx_dates() -> None:
    assert to_tmx_date("2026-12-06T07:15:02Z") == "20261206T071502Z"
    assert from_tmx_date("20261206T071502Z") == "2026-12-06T07:15:02Z"
    assert from_tmx_date("2026-12-06") is None and from_tmx_date("20261399T000000Z") is None


def test_stamps_in_a_document_with_speakers_are_valid_tei(tmp_path: Path, tei_schema) -> None:
    corpus = Corpus(tmp_path / "s")
    doc = seed_document("002_417f7ec88ad58ae1")
    assert doc.meta.people  # the header's person list and the reviewers' respStmt side by side
    corpus.save(doc)
    session = Session(corpus, corpus.load(doc.id), autosave=False)
    session.apply(Confirm(3))
    data = to_bytes(session.snapshot())
    assert tei_schema.validate(etree.fromstring(data)), tei_schema.error_log.last_error
    assert from_bytes(data, "x.xml", doc.id).links[3].changed is not None
