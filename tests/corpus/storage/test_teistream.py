"""The streamed TEI writer and ``kopir ls``'s streamed count (issue 15, item 14).

A million-unit TMX is imported in bounded memory, and ``ls`` counts such a
document without loading it.

What it writes must be byte for byte what ``to_bytes`` writes for the same
document, whatever the text, the bead shapes and the provenance stamps.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.errors import CorpusError
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side, Stamp
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes, to_bytes
from corpus.storage.teistream import TeiSpool
from corpus.storage.teisummary import summarise
from tests.helpers import SEEDS
from tui.cli.main import main

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


# ---------------------------------------------------------------- kopir ls on a huge document


def test_ls_counts_a_large_document_without_loading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c"
    assert (
        main(["--corpus", str(corpus), "ingest", "--quiet", "--with-translations", str(SEEDS)]) == 0
    )
    capsys.readouterr()
    assert main(["--corpus", str(corpus), "ls"]) == 0
    loaded = capsys.readouterr().out
    # Every document counts as large now: ls must give the same lines without load().
    monkeypatch.setattr(summarise, "__defaults__", (0,))

    def no_load(self: Corpus, doc_id: str) -> None:
        raise AssertionError(f"ls loaded {doc_id} whole")

    monkeypatch.setattr(Corpus, "load", no_load)
    assert main(["--corpus", str(corpus), "ls"]) == 0
    assert capsys.readouterr().out == loaded


def test_a_large_document_with_a_dtd_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaa">]>'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&a;</text></TEI>'
    )
    with pytest.raises(CorpusError, match="document type declaration"):
        summarise(Corpus(tmp_path), "doc", full_check_bytes=0)
