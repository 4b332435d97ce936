"""TEI storage: valid against tei_all, lossless round trip, invariants checked in code."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from corpus.errors import CorpusError
from corpus.ingest import build_document
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.tei import from_bytes, to_bytes
from tests.helpers import SEED_IDS, SEEDS


def _seed(doc_id: str, fix: bool = False) -> Document:
    path = SEEDS / f"{doc_id}.txt"
    return build_document(path.read_bytes(), str(path), doc_id, fix_homoglyphs=fix).doc


def _assert_valid(schema: etree.RelaxNG, data: bytes) -> None:
    tree = etree.fromstring(data)
    assert schema.validate(tree), schema.error_log.last_error


@pytest.mark.parametrize("fix", [False, True])
@pytest.mark.parametrize("doc_id", SEED_IDS)
def test_seed_tei_is_valid_and_round_trips(tei_schema, doc_id: str, fix: bool) -> None:
    doc = _seed(doc_id, fix)
    data = to_bytes(doc)
    _assert_valid(tei_schema, data)
    back = from_bytes(data, f"{doc_id}.xml")
    assert back == doc
    assert to_bytes(back) == data


def _doc_with_english_and_links() -> Document:
    doc = _seed("003_02315eec3f8dba4a")
    doc.en = Side(
        "en",
        [
            Block(BlockKind.HEAD, [Sentence.plain("en.s1", "Kazakhstan and the OSCE")], "main"),
            Block(BlockKind.P, [Sentence.plain("en.s2", "One."), Sentence.plain("en.s3", "Two.")]),
        ],
    )
    doc.links = [
        Link(("kk.s1",), ("en.s1",), "confirmed", 0.99),
        Link(("kk.s2",), ("en.s2", "en.s3"), "auto", 0.5),
        Link(("kk.s3",), (), "auto", None),
        Link((), ("en.s3",), "confirmed", 1.0),
    ]
    return doc


def test_english_side_and_links_are_valid_and_round_trip(tei_schema) -> None:
    doc = _doc_with_english_and_links()
    data = to_bytes(doc)
    _assert_valid(tei_schema, data)
    assert b'target="#kk.s3 #en"' in data  # a 1-0 link points at the English text
    assert b'<link type="text" target="#kk #en"/>' in data
    assert from_bytes(data, "x.xml", doc.id) == doc


def test_empty_document_sides_are_valid(tei_schema) -> None:
    doc = Document("empty", Metadata(title="t"), Side("kk"), Side("en"))
    data = to_bytes(doc)
    _assert_valid(tei_schema, data)
    assert from_bytes(data, "empty.xml") == doc


_XMLISH = (
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            categories=("L", "N", "P", "S", "Zs"),
            include_characters="<>&\"']]>",
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_XMLISH, min_size=1, max_size=4), min_size=1, max_size=5))
def test_any_text_round_trips(tei_schema, paragraphs: list[list[str]]) -> None:
    n = 0
    blocks = []
    for texts in paragraphs:
        sentences = []
        for text in texts:
            n += 1
            sentences.append(Sentence.plain(f"kk.s{n}", text))
        blocks.append(Block(BlockKind.P, sentences))
    doc = Document("h", Metadata(title="т"), Side("kk", blocks), Side("en"))
    data = to_bytes(doc)
    assert from_bytes(data, "h.xml") == doc


def _mutate(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (b'xml:id="kk.s2"', b'xml:id="kk.s1"', "the id 'kk.s1' is used twice"),
        (b'target="#kk.s1 #en.s1"', b'target="#kk.s1 #en.s99"', "dangling pointer '#en.s99'"),
        (b'target="#kk.s1 #en.s1"', b'target="#kk.s1"', "link must join sentences of both"),
        (
            b'<s xml:id="en.s3">Two.</s>',
            b'<s xml:id="en.s3">Two.<s xml:id="x">!</s></s>',
            "nested <s>",
        ),
        (
            b'<s xml:id="en.s3">Two.</s>',
            b'stray text <s xml:id="en.s3">Two.</s>',
            "text outside <s>",
        ),
        (b'cert="0.9900"', b'cert="high"', "is not a number"),
        (b"<TEI ", b"<TEX ", "not well-formed XML"),
    ],
)
def test_invariants_schema_cannot_check(old: bytes, new: bytes, message: str) -> None:
    data = to_bytes(_doc_with_english_and_links())
    with pytest.raises(CorpusError, match=message):
        from_bytes(_mutate(data, old, new), "bad.xml")


def test_doctype_is_refused() -> None:
    data = to_bytes(_doc_with_english_and_links())
    bomb = data.replace(
        b"<TEI ",
        b'<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<TEI ',
        1,
    )
    with pytest.raises(CorpusError, match="document type declaration"):
        from_bytes(bomb, "bomb.xml")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<TEI><teiHeader><fileDesc>", "Premature end of data in tag fileDesc line 1 (line 1, "),
        (b"<a>\n<b></a>", "Opening and ending tag mismatch: b line 2 and a (line 2, column "),
        (b"<a>\x00</a>", "Char 0x0 out of allowed range (line 1, column "),
    ],
)
def test_a_broken_file_is_one_plain_line_naming_the_place(data: bytes, expected: str) -> None:
    """Not lxml's text, which repeats the place and ends in ``(<string>, line 1)``, nor
    an earlier parse's error (lxml's error log outlives a parse)."""
    with pytest.raises(CorpusError) as caught:
        from_bytes(data, "broken.xml")
    message = str(caught.value)
    assert message.startswith("broken.xml: not well-formed XML: ") and expected in message
    assert "\n" not in message and "<string>" not in message and message.count("line") <= 3
