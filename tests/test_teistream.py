"""The streamed TEI writer (TMX import of a million units in bounded memory, issue 15 item 14).

What it writes must be byte for byte what ``to_bytes`` writes for the same
document, whatever the text, the bead shapes and the provenance stamps.
"""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side, Stamp
from corpus.storage.tei import from_bytes, to_bytes
from corpus.storage.teistream import TeiSpool

# Text as TMX import leaves it: XML characters, no line breaks (clean_field, single line).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("&<>\"'\t\r ]]>"),
    min_size=1,
    max_size=12,
).filter(str.strip)  # import keeps no blank sentence
STAMP = st.none() | st.builds(
    Stamp, st.sampled_from(["ana", "bob", "<x&y>"]), st.sampled_from(["2026-12-01T10:00:00Z"])
)
UNIT = st.tuples(
    st.lists(TEXT, max_size=3),
    st.lists(TEXT, max_size=3),
    st.sampled_from(["auto", "confirmed"]),
    st.none() | st.floats(0, 1),
    STAMP,
    STAMP,
)


def _both(units: list[tuple]) -> tuple[bytes, bytes]:
    meta = Metadata(title="t&<", source_file="x.tmx", source_sha256="ab", segmenter="seg")
    kk: list[Sentence] = []
    en: list[Sentence] = []
    links = []
    with TeiSpool() as spool:
        for ks, es, status, score, created, changed in units:
            if not ks and not es:
                continue
            kk_ids = spool.add_sentences("kk", ks)
            en_ids = spool.add_sentences("en", es)
            for sid, text in zip(kk_ids, ks, strict=True):
                kk.append(Sentence.plain(sid, text))
            for sid, text in zip(en_ids, es, strict=True):
                en.append(Sentence.plain(sid, text))
            link = Link(kk_ids, en_ids, status, score, created, changed)
            spool.add_link(link)
            links.append(link)
        out = io.BytesIO()
        spool.write(out, "doc", meta)
    sides = [
        Side(lang, [Block(BlockKind.P, s)] if s else []) for lang, s in (("kk", kk), ("en", en))
    ]
    return out.getvalue(), to_bytes(Document("doc", meta, sides[0], sides[1], links))


@settings(max_examples=150, deadline=None)
@given(st.lists(UNIT, min_size=1, max_size=8))
def test_streamed_tei_is_what_to_bytes_writes(units: list[tuple]) -> None:
    streamed, whole = _both(units)
    assert streamed == whole
    assert to_bytes(from_bytes(streamed, "doc.xml")) == streamed


def test_one_sided_and_stamped_documents_stream_the_same() -> None:
    stamp = Stamp("ana", "2026-12-01T10:00:00Z")
    other = Stamp("bob", "2026-12-02T10:00:00Z")
    units = [
        (["бір & <екі>"], [], "confirmed", 0.5, stamp, other),
        (["үш"], [], "auto", None, None, None),
        (["төрт"], [], "confirmed", None, other, other),
    ]
    streamed, whole = _both(units)
    assert streamed == whole
    assert b"<revisionDesc>" in streamed and b"<div/>" in streamed
