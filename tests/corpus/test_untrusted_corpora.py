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
from tests.helpers import kopir_cli as run
from tests.helpers import seed_document, source_file

DOC = "001_edcedd8c637f99fa"
DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>"


@pytest.fixture(scope="module")
def tei() -> bytes:
    data = to_bytes(seed_document(DOC, english=False))
    assert data.startswith(DECLARATION)
    return data


# ---------------------------------------------------------------- message wording


def test_a_processing_instruction_is_named_as_one(tmp_path: Path, tei: bytes) -> None:
    corpus = Corpus(tmp_path / "c")
    at = tei.index(b"<s ")
    corpus.path(DOC).parent.mkdir(parents=True)
    corpus.path(DOC).write_bytes(tei[:at] + b"<?editor note?>" + tei[at:])
    with pytest.raises(CorpusError, match=r"unexpected processing instruction <\?editor\?> in <"):
        corpus.load(DOC)


def test_a_repeated_id_is_named_not_called_malformed_xml(tmp_path: Path, tei: bytes) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.path(DOC).parent.mkdir(parents=True)
    corpus.path(DOC).write_bytes(tei.replace(b'xml:id="kk.s2"', b'xml:id="kk.s1"', 1))
    with pytest.raises(CorpusError) as caught:
        corpus.load(DOC)
    message = str(caught.value)
    assert (
        "the id 'kk.s1' is used twice (line" in message and "every xml:id must be unique" in message
    )
    assert "well-formed" not in message


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


# ---------------------------------------------------------------- item 11


KAZAKH = "Қазақстан Республикасының Президенті бүгін шетелдік инвесторлармен кездесті.\n"


def test_ingest_dir_skips_links_out_of_the_folder_unless_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = source_file(tmp_path, "secret.txt", "Мұны ешкім оқымауы керек: құпия сөз.\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "news.txt").write_text(KAZAKH, "utf-8")
    (src / "passwd.txt").symlink_to(secret)
    (src / "alias.txt").symlink_to(src / "news.txt")  # a link inside the folder is fine
    corpus = tmp_path / "c"
    code, _, err = run(corpus, capsys, "ingest", str(src))
    assert code == 0, err
    assert sorted(Corpus(corpus).ids()) == ["alias", "news"]
    assert f"{src / 'passwd.txt'}: skipped: a symbolic link out of the folder" in err
    code, _, err = run(corpus, capsys, "ingest", str(src / "passwd.txt"))  # named: taken
    assert code == 0 and "passwd" in Corpus(corpus).ids()


def test_a_folder_never_reads_a_link_to_a_pipe_or_a_folder(tmp_path: Path) -> None:
    """``kopir ingest FOLDER`` and ``kopir build FOLDER`` hung for ever on ``x.txt`` (or
    ``x.en.txt``) linked to a FIFO in the folder: a pipe in place was left out, a link
    to one was opened and read. Links to a pipe, a folder, a loop or nothing are read as
    none of them is; a link to a text in the folder still is."""
    import os

    from corpus.folder import FolderText, LeftOut, read_folder_texts

    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    os.mkfifo(src / "sub" / "pipe")
    (src / "news.txt").write_text(KAZAKH, "utf-8")
    (src / "alias.txt").symlink_to(src / "news.txt")
    (src / "piped.txt").symlink_to(src / "sub" / "pipe")
    (src / "news.en.txt").symlink_to(src / "sub" / "pipe")
    (src / "folder.txt").symlink_to(src / "sub")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    found = read_folder_texts(src)
    texts = {e.doc_id: e for e in found if isinstance(e, FolderText)}
    assert sorted(texts) == ["alias", "news"]
    assert texts["news"].en is None and texts["alias"].en is None
    left = {e.path.name: e.why for e in found if isinstance(e, LeftOut)}
    assert left == {
        "folder.txt": "not-text",
        "loop.txt": "link",
        "news.en.txt": "not-text",
        "piped.txt": "not-text",
        "sub": "not-text",
    }


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin\n", "no Cyrillic letters"),
        ("Президент встретился с иностранными инвесторами сегодня. " * 6, "no Kazakh letters"),
    ],
)
def test_ingest_warns_on_a_text_that_is_not_kazakh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, warning: str
) -> None:
    path = source_file(tmp_path, "doc.txt", text)
    code, _, err = run(tmp_path / "c", capsys, "ingest", str(path))
    assert code == 0
    assert f"kopir: warning: {path}: {warning}" in err
    path.write_text(KAZAKH, "utf-8")
    code, _, err = run(tmp_path / "c2", capsys, "ingest", str(path))
    assert code == 0 and "Kazakh" not in err and "Cyrillic" not in err


#: Kazakh, written for this test, with questions of every shape a real text has.
QUESTIONS = (
    "Ауыл мектебінде оқушылар саны өсті. Неге? Себебі жаңа үйлер салынды.\n"
    "«Балалар қайда барады?» деп сұрады мұғалім. Неге?Себебі жол жөнделмеген.\n"
    "Сайт мекенжайы: example.kz/news.php?id=12&lang=kk (?) — білесіз бе?\n"
)


def test_ingest_warns_when_kazakh_letters_were_lost_to_question_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Kazakh saved as Windows-1251 loses ә ғ қ ң ө ұ ү һ to '?': ingest names the file, two
    damaged words and what to ask for, and still takes the text (nothing is refused)."""
    path = source_file(tmp_path, "doc.txt", QUESTIONS.encode("cp1251", "replace"))
    code, _, err = run(tmp_path / "c", capsys, "ingest", str(path))
    assert code == 0 and "doc" in Corpus(tmp_path / "c").ids()
    line = next(line for line in err.splitlines() if "where a letter was" in line)
    assert line.startswith(
        f"kopir: warning: {path}: 8 words have '?' where a letter was "
        '("о?ушылар", "?сті"): the text was saved in a code page without Kazakh letters'
    )
    assert line.endswith("; ask for the original, saved as UTF-8")
    # The same text with its letters: its questions are punctuation.
    path = source_file(tmp_path, "whole.txt", QUESTIONS)
    code, _, err = run(tmp_path / "c2", capsys, "ingest", str(path))
    assert code == 0 and "where a letter was" not in err, err


#: Kazakh in the 2018 Latin alphabet, written for this test: 288 letters, none of them Cyrillic.
LATIN_KAZAKH = "Aral teńiziniń deńgeıi kóterildi. Mamandar sý kólemi ósip keledi dep aıtty. " * 4


@pytest.mark.parametrize(
    "text",
    [LATIN_KAZAKH, "Foto: Фото: архив\n" + LATIN_KAZAKH],  # a Russian photo credit kept
    ids=["latin", "latin-with-russian-caption"],
)
def test_ingest_takes_latin_alphabet_kazakh_for_kazakh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """A Latin-script edition is judged on its Cyrillic reading, as ingest reads its
    structure: it used to be called "no Cyrillic letters", or, with a Russian caption
    copied from the page, "no Kazakh letters … Russian, not Kazakh?"."""
    path = source_file(tmp_path, "doc.txt", text)
    code, _, err = run(tmp_path / "c", capsys, "ingest", str(path))
    assert code == 0
    assert "Kazakh" not in err and "Cyrillic" not in err, err


def test_mixed_script_warnings_are_capped_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Бiлгiм бар. " * 40 + "\n", "utf-8")  # Latin i in Cyrillic words
    code, _, err = run(tmp_path / "c", capsys, "ingest", str(path))
    assert code == 0
    lines = [line for line in err.splitlines() if "mixing" in line or "column" in line]
    assert len(lines) == 11, err
    assert lines[-1].endswith(
        "… 30 more words mixing Latin and Cyrillic letters, not repaired; "
        "pass --fix-homoglyphs to repair them"
    )
