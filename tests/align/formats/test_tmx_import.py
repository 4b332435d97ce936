"""TMX import of other tools' files: CAT-tool markup and language codes, UTF-16, the
source's hash, a named pipe, one-sided and empty units, replacing a document.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from align.formats.tmx_reader import ImportReport, import_tmx, language_of
from align.model import Alignment
from corpus.errors import CorpusError
from corpus.storage.store import Corpus
from tests.helpers import imported, pairs_of, tmx, tu


def test_a_cat_tool_file_with_doctype_inline_codes_and_other_languages(tmp_path: Path) -> None:
    body = (
        '<tu tuid="1"><prop type="x-score">0.5</prop>'
        '<tuv xml:lang="KK_kz"><seg><bpt i="1">&lt;b&gt;</bpt>Қалың<ept i="1">&lt;/b&gt;</ept>'
        " мәтін</seg></tuv>"
        '<tuv xml:lang="ru-RU"><seg>Жирный текст</seg></tuv>'
        '<tuv lang="EN-GB"><seg>Bold <hi type="x">text</hi><ph x="2">{1}</ph>.</seg></tuv></tu>'
        + tu("Екінші.", "Second.", "kaz", "eng")
    )
    corpus, report = imported(tmp_path, "omegat", tmx(body, '<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n'))
    assert pairs_of(corpus, "omegat") == [("Қалың мәтін", "Bold text."), ("Екінші.", "Second.")]
    assert report.inline_codes == 3 and report.other_languages == {"ru-RU"}
    assert Alignment.from_document(corpus.load("omegat")).beads[0].score == 0.5


def test_utf16_tmx_as_some_tools_write_it(tmp_path: Path) -> None:
    path = tmp_path / "trados.tmx"
    text = tmx(tu("Сәлем.", "Hello.")).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(text.encode("utf-16"))
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    assert pairs_of(corpus, "trados") == [("Сәлем.", "Hello.")]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(tmx(tu("Сәлем.", "Hello.") * 3000).encode(), id="many parser reads"),
        pytest.param(tmx(tu("Иә.", "Yes.")).encode() + b"\n<!-- after -->\n\n", id="trailer"),
        pytest.param(
            tmx(tu("Иә.", "Yes.")).replace('"UTF-8"', '"UTF-16"').encode("utf-16"), id="utf-16"
        ),
    ],
)
def test_source_sha256_is_the_hash_of_the_whole_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "h.tmx"
    path.write_bytes(data)
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    assert corpus.load("h").meta.source_sha256 == hashlib.sha256(data).hexdigest()


def test_a_tmx_is_read_once_so_it_can_come_from_a_pipe(tmp_path: Path) -> None:
    """A named pipe gives its bytes once: an importer that opened the file a second time
    (to hash it) would wait for a writer that never comes."""
    data = tmx(tu("Бірінші.", "First.") + tu("Екінші.", "Second.")).encode()
    fifo = tmp_path / "piped.tmx"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    corpus = Corpus(tmp_path / "c")
    outcome: list[ImportReport] = []
    importer = threading.Thread(
        target=lambda: outcome.append(import_tmx(corpus, fifo)), daemon=True
    )
    importer.start()
    importer.join(timeout=30)
    if importer.is_alive():  # let the stuck reader finish before failing
        with fifo.open("wb"):
            pass
        importer.join(timeout=5)
        pytest.fail("the import opened the pipe a second time")
    writer.join(timeout=5)
    assert outcome and outcome[0].units == 2
    assert pairs_of(corpus, "piped") == [("Бірінші.", "First."), ("Екінші.", "Second.")]
    assert corpus.load("piped").meta.source_sha256 == hashlib.sha256(data).hexdigest()


def test_empty_sides_give_one_sided_beads_and_empty_units_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "e.tmx"
    path.write_text(tmx(tu("Иә.", "") + tu("", "Extra.") + tu(" ", "") + tu("Жоқ.", "No.")))
    corpus = Corpus(tmp_path / "c")
    report = import_tmx(corpus, path)
    assert report.units == 3 and report.empty_units == 1
    kinds = [b.kind for b in Alignment.from_document(corpus.load("e")).beads]
    assert kinds == ["1-0", "0-1", "1-1"]


def test_an_existing_document_is_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(tmx(tu("Иә.", "Yes.")), "utf-8")
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    before = corpus.path("m").read_bytes()
    path.write_text(tmx(tu("Жоқ.", "No.")), "utf-8")
    with pytest.raises(CorpusError, match=r"already exists") as exists:
        import_tmx(corpus, path)
    assert [r.option for r in exists.value.remedies] == ["doc_id", "replace"]
    assert corpus.path("m").read_bytes() == before
    import_tmx(corpus, path, "other")
    assert pairs_of(corpus, "other") == [("Жоқ.", "No.")]
    assert import_tmx(corpus, path, replace=True).replaced
    assert pairs_of(corpus, "m") == [("Жоқ.", "No.")]
    with pytest.raises(CorpusError, match="invalid document id"):
        import_tmx(corpus, path, "../escape")


@pytest.mark.parametrize(
    ("code", "lang"),
    [("kk", "kk"), ("kk-KZ", "kk"), ("KK-kz", "kk"), ("kk_KZ", "kk"), ("kaz", "kk"),
     ("en", "en"), ("EN-us", "en"), ("en-GB", "en"), ("eng", "en"), ("ru", None), ("", None)],
)  # fmt: skip
def test_languages_are_matched_on_their_first_part(code: str, lang: str | None) -> None:
    assert language_of(code) == lang


def test_replacing_says_which_kazakh_sentences_the_tmx_no_longer_holds(tmp_path: Path) -> None:
    """A translator brings a CAT tool's work back with --replace: a unit deleted there (or
    left out of the export) takes its Kazakh out of the document, and the summary says so."""
    path = tmp_path / "doc.tmx"
    path.write_text(
        tmx(tu("Бірінші сөйлем.", "First.") + tu("Екінші сөйлем.", "Second.") + tu("Үш.", "3.")),
        "utf-8",
    )
    corpus = Corpus(tmp_path / "c")
    assert import_tmx(corpus, path).dropped_source == []
    # Edited English, the second unit deleted, a unit added: only the lost Kazakh is named.
    edited = tmx(tu("Бірінші сөйлем.", "The first.") + tu("Үш.", "Three.") + tu("Жаңа.", "New."))
    path.write_text(edited, "utf-8")
    report = import_tmx(corpus, path, replace=True)
    assert report.dropped_source == [("kk.s2", "Екінші сөйлем.")]
    assert any(
        "lost 1 sentence" in line and "'Екінші сөйлем.'" in line for line in report.summary()
    )
    assert pairs_of(corpus, "doc") == [
        ("Бірінші сөйлем.", "The first."),
        ("Үш.", "Three."),
        ("Жаңа.", "New."),
    ]


def test_a_round_trip_that_keeps_every_kazakh_sentence_reports_no_loss(tmp_path: Path) -> None:
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(tu("Бір.", "One.") + tu("Бір.", "One again.")), "utf-8")
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    path.write_text(tmx(tu("Бір.", "Uno.") + tu("Бір.", "Uno again.")), "utf-8")
    report = import_tmx(corpus, path, replace=True)
    assert report.dropped_source == [] and not any("lost" in line for line in report.summary())
    path.write_text(tmx(tu("Бір.", "Uno.")), "utf-8")  # a repeated sentence is counted as often
    assert import_tmx(corpus, path, replace=True).dropped_source == [("kk.s2", "Бір.")]


def test_replacing_keeps_what_the_header_says_of_the_article(tmp_path: Path) -> None:
    """A round trip titled the document after the TMX file and dropped its date and URL."""
    path = tmp_path / "doc.tmx"
    path.write_text(tmx(tu("Бір.", "One.")), "utf-8")
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    doc = corpus.load("doc")
    doc.meta.title, doc.meta.title_is_headline = "Хандар шежіресі ЮНЕСКО тізімінде", True
    doc.meta.date, doc.meta.agency, doc.meta.authors = "2025-04-17", "Adyrna", ["Ерлан Карин"]
    doc.meta.source_url = "https://example.kz/kk/1"
    corpus.save(doc)
    path.write_text(tmx(tu("Бір.", "Uno.")), "utf-8")
    import_tmx(corpus, path, replace=True)
    meta = corpus.load("doc").meta
    assert (meta.title, meta.title_is_headline, meta.date, meta.agency, meta.authors) == (
        "Хандар шежіресі ЮНЕСКО тізімінде",
        True,
        "2025-04-17",
        "Adyrna",
        ["Ерлан Карин"],
    )
    assert meta.source_url == "https://example.kz/kk/1" and meta.source_file == "doc.tmx"
    import_tmx(corpus, path, "new")  # a new document is still named after its file
    assert corpus.load("new").meta.title == "doc" and corpus.load("new").meta.date is None


def test_look_alike_latin_letters_in_the_kazakh_are_said_as_ingest_says_them(
    tmp_path: Path,
) -> None:
    """A memory from the web mixes Latin letters into Kazakh words as a text file does:
    the import names them (as ``kopir ingest`` does) and keeps the text as it is."""
    body = tu("Бiлгiм керек.", "Knowledge is needed.") + tu("Таза мәтін.", "Clean text.")
    body += "".join(tu(f"Сөз{n} rәрі.", f"Word {n}.") for n in range(11))
    corpus, report = imported(tmp_path, "mixed", tmx(body))
    lines = [str(line) for line in report.summary()]
    said = [line for line in lines if "Latin" in line]
    assert "mixed Latin/Cyrillic word 'Бiлгiм' → 'Білгім' (look-alike)" in said[0]
    assert "translation unit 1" in said[0] and "translation unit 2" not in " ".join(said)
    assert len(said) == 11 and said[-1].endswith("… 2 more words mixing Latin and Cyrillic letters")
    assert pairs_of(corpus, "mixed")[0] == ("Бiлгiм керек.", "Knowledge is needed.")
