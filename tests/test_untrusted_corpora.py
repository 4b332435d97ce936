"""Untrusted corpora and inputs (issue 15, items 11 and 12).

A TEI file whose XML declaration lies about its encoding is refused, never
read as mojibake and saved that way; ``kopir ingest DIR`` does not follow a
link out of the folder unless it is named, and says when a text is not Kazakh.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import CorpusError
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes, to_bytes
from tests.conftest import seed_document
from tui.cli.main import main

DOC = "001_edcedd8c637f99fa"
DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>"


def run(corpus: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--corpus", str(corpus), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def tei() -> bytes:
    data = to_bytes(seed_document(DOC, english=False))
    assert data.startswith(DECLARATION)
    return data


# ---------------------------------------------------------------- item 12


def test_utf8_declared_latin1_is_refused_and_never_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tei: bytes
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    lying = tei.replace(DECLARATION, b"<?xml version='1.0' encoding='ISO-8859-1'?>", 1)
    (corpus / f"{DOC}.xml").write_bytes(lying)
    with pytest.raises(CorpusError, match=r"declaration says encoding='ISO-8859-1'.*UTF-8"):
        Corpus(corpus).load(DOC)
    for command in (["show", DOC], ["realign", DOC], ["ls"]):
        code, _, err = run(corpus, capsys, *command)
        assert code == 1 and "kopir: error:" in err and "ISO-8859-1" in err, command
        assert err.count("\n") == 1, err
    assert (corpus / f"{DOC}.xml").read_bytes() == lying  # nothing rewrote it


def test_a_declared_code_page_that_is_true_is_read_correctly(tei: bytes) -> None:
    text = tei.decode("utf-8").replace("encoding='UTF-8'", "encoding='KOI8-R'", 1)
    # Kazakh letters KOI8-R has no byte for become character references: still true.
    data = text.encode("koi8_r", "xmlcharrefreplace")
    doc = from_bytes(data, "koi8.xml", DOC)
    assert doc.kk.sentences() == from_bytes(tei, "utf8.xml", DOC).kk.sentences()


def test_a_declared_code_page_that_gives_mojibake_is_refused(tei: bytes) -> None:
    text = tei.decode("utf-8").replace("encoding='UTF-8'", "encoding='windows-1251'", 1)
    data = text.encode("koi8_r", "xmlcharrefreplace")  # KOI8-R bytes declared 1251
    with pytest.raises(CorpusError, match=r"read as windows-1251 .*wrong encoding"):
        from_bytes(data, "liar.xml", DOC)
