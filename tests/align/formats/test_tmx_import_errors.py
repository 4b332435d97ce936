"""TMX import refusals: a malformed file is a clear one-line error, a hostile one is
refused without reading or expanding anything, and a memory too large for one
document is refused before anything is written.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from align.formats.tmx_reader import import_tmx
from corpus.errors import CorpusError
from corpus.storage.store import Corpus
from tests.helpers import REPO, make_doc, tmx, tu

SECRET = "KOPIR-TMX-SECRET-5b1e"


ONLY_KK = '<tu><tuv xml:lang="kk"><seg>x</seg></tuv></tu>'


TWO_KK = '<tu><tuv xml:lang="kk"><seg>a</seg></tuv><tuv xml:lang="kk-KZ"><seg>b</seg></tuv></tu>'


NO_SEG = '<tu><tuv xml:lang="kk"/><tuv xml:lang="en"><seg>b</seg></tuv></tu>'


BAD_FILES = {
    "wrong languages": (
        tmx(tu("a", "b", "de-DE", "fr")),
        "no Kazakh or English: the first unit's languages are de-DE, fr",
    ),
    "missing tuv": (
        tmx(tu("a", "b") + ONLY_KK),
        "translation unit 2 (line 2): no English <tuv> (its languages: kk)",
    ),
    "no tuv": (tmx("<tu><prop type='x'>p</prop></tu>"), "translation unit 1 (line 2): no <tuv>"),
    "tuv without seg": (tmx(NO_SEG), "without <seg>"),
    "two Kazakh": (tmx(TWO_KK), "two Kazakh <tuv> elements"),
    "not tmx": ('<?xml version="1.0"?><html/>', "not a TMX file (the root element is <html>)"),
    "truncated": (tmx(tu("a", "b"))[:-30], "not well-formed XML"),
    "empty file": ("", "no XML element in the file"),
    # iterparse reports every error as a placeless "no element found"
    "undefined entity": (tmx(tu("a &nbsp; b", "b")), "Entity 'nbsp' not defined (line 2"),
    "no units": (tmx(""), "no translation units"),
    "unknown element": (tmx(tu("a<script>x</script>", "b")), "unexpected <script> in a segment"),
    # a repeated xml:id is well-formed XML: libxml2 refuses it, kopir says what it is
    "repeated id": (
        tmx(tu('<ph xml:id="p">1</ph><ph xml:id="p">2</ph>', "b")),
        "the id 'p' is used twice (line 2",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_malformed_tmx_is_a_clear_one_line_error_and_writes_nothing(
    tmp_path: Path, name: str
) -> None:
    text, expected = BAD_FILES[name]
    path = tmp_path / "bad.tmx"
    path.write_text(text, "utf-8")
    corpus = Corpus(tmp_path / "c")
    with pytest.raises(CorpusError) as error:
        import_tmx(corpus, path)
    message = str(error.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message
    assert corpus.ids() == []


def _attacks(folder: Path) -> dict[str, str]:
    secret = folder / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    evil_dtd = folder / "evil.dtd"
    evil_dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">', "utf-8")
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return {
        "xxe": tmx(
            tu("&xxe;", "x"), f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        ),
        "external dtd": tmx(tu("&leak;", "x"), f'<!DOCTYPE tmx SYSTEM "{evil_dtd.as_uri()}">\n'),
        "parameter entity": tmx(
            tu("a", "b"),
            f'<!DOCTYPE tmx [<!ENTITY % file SYSTEM "{secret.as_uri()}">\n'
            " <!ENTITY % eval \"<!ENTITY &#x25; error SYSTEM 'file:///nonexistent/%file;'>\">\n"
            " %eval;\n %error;\n]>\n",
        ),
        "billion laughs": tmx(tu("&lol9;", "x"), "<!DOCTYPE tmx [" + "".join(lol) + "]>\n"),
        "quadratic blowup": tmx(
            tu("&a;" * 20_000, "x"), f'<!DOCTYPE tmx [<!ENTITY a "{"x" * 50_000}">]>\n'
        ),
        "xinclude": tmx(
            tu(
                '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                f'href="{secret.as_uri()}" parse="text"/>',
                "x",
            )
        ),
    }


@pytest.mark.parametrize(
    "attack",
    ["xxe", "external dtd", "parameter entity", "billion laughs", "quadratic blowup", "xinclude"],
)
def test_hostile_tmx_is_refused_without_reading_or_expanding_anything(
    tmp_path: Path, attack: str
) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(_attacks(tmp_path)[attack], "utf-8")
    corpus_dir = tmp_path / "c"
    # A child process with a time-out and a memory cap: a parser that expanded the
    # bomb would be stopped instead of taking the test run down with it.
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys; from tui.cli.main import main; "
            "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3)); "
            "sys.exit(main(sys.argv[1:]))",
            "--corpus",
            str(corpus_dir),
            "import",
            "tmx",
            str(path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1, run.stderr
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"kopir: error: {path}: "), run.stderr
    assert "Traceback" not in run.stderr and SECRET not in run.stdout + run.stderr
    assert not corpus_dir.exists() or list(corpus_dir.iterdir()) == []


def test_a_memory_too_large_for_one_document_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document over the corpus's size limit could never be opened again (``Corpus.load``
    refuses it): the import refuses it instead, replacing nothing and leaving no file.
    The limit is lowered here to the size of a small memory's document (the real one is
    512 MiB: a million seed-sized units make 556 MB of TEI)."""
    import align.formats.tmx_reader as reader

    source = tmp_path / "memory.tmx"
    source.write_text(tmx("".join(tu(f"Сөйлем {n}.", f"Sentence {n}.") for n in range(300))))
    made = Corpus(tmp_path / "made")
    import_tmx(made, source, "m")
    size = made.path("m").stat().st_size

    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", size)  # at the limit: imported
    at_limit = Corpus(tmp_path / "at-limit")
    assert import_tmx(at_limit, source, "m").units == 300
    assert at_limit.path("m").read_bytes() == made.path("m").read_bytes()

    target = Corpus(tmp_path / "target")
    old = make_doc("m", [("Бұрынғы.", "Before.")])
    old.meta.title = source.stem  # a replacing import keeps the title: the header measured above
    target.save(old)
    before = {p.name: p.read_bytes() for p in target.root.iterdir() if p.is_file()}
    for limit, first in ((size - 1, False), (size // 10, True)):
        monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", limit)
        with pytest.raises(CorpusError, match="too large for one document") as refused:
            import_tmx(target, source, "m", replace=True)
        message = str(refused.value)
        assert "\n" not in message and "nothing was imported" in message
        # Over the limit by a byte: found once read, header counted; by far: while reading.
        assert message.split("too large for one document: ")[1].startswith(
            "the first" if first else "300 units"
        )
        after = {p.name: p.read_bytes() for p in target.root.iterdir() if p.is_file()}
        assert after == before


def test_a_full_disk_while_reading_the_memory_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100 MB TMX imported onto a real full disk said only 'kopir: error: No space left
    on device': the working files the import spools its sentences into beside the corpus
    ran out of room, and no file was named."""
    import errno

    from corpus.storage import teistream

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("other", [("Бір.", "One.")]))
    memory = tmp_path / "memory.tmx"
    memory.write_text(tmx(tu("Сәлем.", "Hello.")), "utf-8")
    monkeypatch.setattr(teistream.tempfile, "TemporaryFile", full)
    with pytest.raises(CorpusError) as error:
        import_tmx(corpus, memory)
    assert str(error.value) == (
        f"{memory}: cannot import into {corpus.root}: No space left on device"
    )
    assert corpus.ids() == ["other"]


def test_utf8_declared_as_a_single_byte_code_page_is_refused_not_garbled(tmp_path: Path) -> None:
    """A TMX whose declaration says ISO-8859-1 (or KOI8-R) while its bytes are
    UTF-8, as some tools write it: every unit was imported as 'Ð¶ÑÐ»Ñ'-style mojibake,
    with '1,908 characters sanitised' as the only hint. The text read back through the
    declared code page is UTF-8, which real Latin-1 or Cyrillic text almost never is."""
    corpus = Corpus(tmp_path / "c")
    text = tmx(tu("Бүгін жаңбыр жауды.", "It rained today.") + tu("Иә.", "Yes."))
    for declared in ("ISO-8859-1", "KOI8-R"):
        memory = tmp_path / f"{declared}.tmx"
        memory.write_bytes(text.replace('encoding="UTF-8"', f'encoding="{declared}"').encode())
        with pytest.raises(CorpusError) as error:
            import_tmx(corpus, memory)
        message = str(error.value)
        assert message.startswith(f"{memory}: declares its encoding as {declared}, but its ")
        assert "UTF-8" in message and "\n" not in message
    assert corpus.ids() == []
    honest = tmp_path / "honest.tmx"  # a real windows-1251 file is read as it declares
    plain = tmx(tu("Бугин жанбыр жауды.", "It rained today."))
    honest.write_bytes(plain.replace('"UTF-8"', '"windows-1251"').encode("cp1251"))
    import_tmx(corpus, honest)
    assert [s.text for s in corpus.load("honest").kk.sentences()] == ["Бугин жанбыр жауды."]
