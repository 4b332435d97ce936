"""The TEI writer writes text, not an lxml tree, and remembers what it wrote (issue 19).

Its bytes must be exactly those of the lxml tree kopir wrote before
(``benchmarks.lxml_tei``), whatever the blocks, speeches, repairs, stamps and
characters; an editor's remembering writer must write after any edit what a
fresh writer writes, serialising only what the edit made; text XML cannot
hold is refused as lxml refused it, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.edit import Confirm, Merge, Split
from align.opening import open_session
from align.session import Session
from benchmarks.lxml_tei import lxml_to_bytes
from corpus import model
from corpus.ingest import build_document
from corpus.storage.store import Corpus
from corpus.storage.tei import TeiWriter, from_bytes, to_bytes
from tests.helpers import SEED_IDS, SEEDS, seed_document

DOC = "003_02315eec3f8dba4a"

# Any text lxml takes: every category but surrogates and the control characters
# XML refuses, with the characters that need escaping in text or attributes.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("&<>\"'\t\r\n ]]>"),
    max_size=8,
)
PART = TEXT | st.builds(
    model.Correction, TEXT, TEXT, st.sampled_from(["look-alike", "edit", "keyboard-layout", "x&<"])
)
STAMP = st.none() | st.builds(
    model.Stamp, st.sampled_from(["ana", "bob", "<x&y>"]), st.sampled_from(["2026-12-01T10:00:00Z"])
)
BLOCK = st.tuples(
    st.sampled_from(list(model.BlockKind)),
    st.lists(st.lists(PART, max_size=3), max_size=3),  # sentences, as parts
    st.none() | st.sampled_from(["main", "section", 'a"b']),
    TEXT,
    st.none() | st.integers(0, 2),  # speech
    st.none() | st.sampled_from(["p1", "p&2"]),
)
META = st.builds(
    model.Metadata,
    title=TEXT,
    title_is_headline=st.booleans(),
    date=st.none() | st.just("2024-01-02"),
    rubric=st.none() | TEXT,
    agency=st.none() | TEXT,
    place=st.none() | TEXT,
    authors=st.lists(TEXT, max_size=2),
    people=st.lists(st.builds(model.Person, st.sampled_from(["p1", "p2"]), TEXT, TEXT), max_size=2),
    source_file=TEXT,
    source_sha256=TEXT,
    source_url=st.none() | TEXT,
    source_encoding=TEXT,
    ingest_options=TEXT,
    segmenter=TEXT,
)
LINK = st.tuples(
    st.lists(st.integers(1, 9), max_size=2),
    st.lists(st.integers(1, 9), max_size=2),
    st.sampled_from(["auto", "confirmed"]),
    st.none() | st.floats(0, 1),
    STAMP,
    STAMP,
)


def _side(lang: str, blocks: list[tuple]) -> model.Side:
    made, n = [], 0
    for kind, sentences, type_, text, speech, who in blocks:
        ss = []
        for parts in sentences:
            n += 1
            ss.append(model.Sentence(f"{lang}.s{n}", tuple(parts)))
        if kind is model.BlockKind.FW:
            ss = []
        made.append(model.Block(kind, ss, type_, text, speech, who))
    return model.Side(lang, made)


@settings(max_examples=200, deadline=None)
@given(META, st.lists(BLOCK, max_size=6), st.lists(BLOCK, max_size=4), st.lists(LINK, max_size=6))
def test_written_bytes_are_what_the_lxml_tree_gave(
    meta: model.Metadata, kk: list[tuple], en: list[tuple], links: list[tuple]
) -> None:
    kk_side, en_side = _side("kk", kk), _side("en", en)
    # The old writer refused a lone SPEAKER or DATELINE… outside a speech the same way.
    doc_links = [
        model.Link(tuple(f"kk.s{i}" for i in k), tuple(f"en.s{i}" for i in e), status, score, c, d)
        for k, e, status, score, c, d in links
    ]
    doc = model.Document("doc", meta, kk_side, en_side, doc_links)
    try:
        expected = lxml_to_bytes(doc)
    except Exception as exc:
        with pytest.raises(type(exc)):
            to_bytes(doc)
        return
    assert to_bytes(doc) == expected


@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_documents_are_written_as_the_lxml_tree_gave(doc_id: str) -> None:
    path = SEEDS / f"{doc_id}.txt"
    repaired = build_document(path.read_bytes(), str(path), doc_id, fix_homoglyphs=True).doc
    for doc in (seed_document(doc_id), repaired):
        assert to_bytes(doc) == lxml_to_bytes(doc)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    made = Corpus(tmp_path / "c")
    made.save(seed_document(DOC))
    return made


def test_a_remembering_writer_writes_what_a_fresh_one_does_serialising_only_the_edit(
    corpus: Corpus,
) -> None:
    session = Session(corpus, corpus.load(DOC), autosave=False)
    writer = TeiWriter(remember=True)
    first = writer.write(session.snapshot())
    parts = writer.written
    assert first == to_bytes(corpus.load(DOC)) and parts > 20
    assert writer.write(session.snapshot()) == first and writer.written == 0

    session.apply(Confirm(3))
    assert writer.write(session.snapshot()) == to_bytes(session.snapshot())
    assert writer.written == 1  # the confirmed bead's link
    kk, _ = session.bead_texts(5)
    session.set_texts(5, "kk", [kk[0] + " өзгерді"])  # a repair: the header changes too
    data = writer.write(session.snapshot())
    assert data == to_bytes(session.snapshot()) and b"repair.edit" in data
    assert writer.written == 2  # the paragraph and the bead's link
    session.apply(Merge(7))
    session.apply(Split(7, 1, 0))
    session.undo()
    session.undo()
    data = writer.write(session.snapshot())
    assert data == to_bytes(session.snapshot())
    assert from_bytes(data, "x.xml", DOC) == session.snapshot()


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\ufffe"])
def test_text_xml_cannot_hold_is_refused_and_nothing_is_written(corpus: Corpus, bad: str) -> None:
    before = corpus.path(DOC).read_bytes()
    doc = corpus.load(DOC)
    block = doc.kk.blocks[1]
    doc.kk.blocks[1] = model.Block(
        block.kind, [model.Sentence.plain(block.sentences[0].id, f"a{bad}b")]
    )
    with pytest.raises(ValueError, match="XML compatible"):
        corpus.save(doc)
    assert corpus.path(DOC).read_bytes() == before


def test_the_editors_saves_after_edits_are_the_whole_document(corpus: Corpus) -> None:
    session = open_session(corpus, DOC)
    for i in range(0, 10, 2):
        session.apply(Confirm(i))
        assert session.saver is not None and session.saver.flush()
        # Even the first save: the writer learnt the document as opened (or just after).
        assert session.saver.serialised <= 1  # 0 if it learnt the confirmed bead itself
    session.close()
    saved = corpus.path(DOC).read_bytes()
    assert saved == to_bytes(from_bytes(saved, "x.xml", DOC))
    assert sum(b.status == "confirmed" for b in corpus.load(DOC).links) >= 5
