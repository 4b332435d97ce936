"""Hostile and broken input: kopir refuses it in one line, or builds a correct corpus.

Every test runs the real command line, in-process through ``tui.cli.main.main`` and,
where a crash or a runaway parser would matter, as a child process
(``python -m tui.cli``) with a time-out and a memory limit as a guard. For every
bad input the contract is: one line on stderr starting ``kopir: error:`` that
names the file, a non-zero exit, no traceback, and no corpus file written,
changed or left half-written (no ``.*.tmp``). Input that is odd but legitimate
(legacy code pages, stray NULs, invisible characters, XML pasted into a text
file) must instead give a correct, parseable corpus and report every change.

A crash mid-save from ``kill -9`` is out of scope here: the atomic write is
tested by making ``os.replace`` and ``os.fsync`` fail inside ``corpus.storage.atomic``.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import os
import random
import re
import resource
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

import corpus.storage.atomic
from corpus.errors import KopirError
from corpus.model import Link
from corpus.storage.atomic import atomic_write
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes, to_bytes
from tests.helpers import REPO, SEEDS, source_file
from tui.cli.main import main

TEI = "{http://www.tei-c.org/ns/1.0}"

# Every Kazakh letter, capital and small, in two paragraphs of ordinary prose.
KAZAKH = (
    "Әсел Ғалымқызы Қарағандыда тұрады. Ол Өскеменге, Ұлытауға және Үржарға барды.\n"
    "Һәм інісі Іле өңірінде жұмыс істейді. Көңілді күн болды!\n"
)
RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю. Ёжик - в тумане!\n"
RUSSIAN_1251 = "«Ёлка» № 5 — это ёж. " + RUSSIAN  # characters only Windows-1251 has
SECRET = "KOPIR-SECRET-7f3a9c1e-do-not-leak"
GIB = 1024**3


# ---------------------------------------------------------------- helpers


@dataclass
class Run:
    code: int | None
    out: str
    err: str


def kopir(capsys: pytest.CaptureFixture[str], corpus_dir: Path, *args: object) -> Run:
    """Run ``kopir --corpus DIR ARGS…`` in-process; a raised exception fails the test."""
    argv = ["--corpus", str(corpus_dir), *map(str, args)]
    capsys.readouterr()
    try:
        code: int | None = main(argv)
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        captured = capsys.readouterr()
        pytest.fail(
            f"kopir {' '.join(argv)!r} raised {type(exc).__name__}: {exc} "
            f"(a traceback, not a one-line error); stderr so far: {captured.err!r}"
        )
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def kopir_process(
    corpus_dir: Path,
    *args: object,
    timeout: float = 120,
    memory: int = 2 * GIB,
    stdin: bytes | None = None,
) -> Run:
    """Run ``python -m tui.cli`` as a child with a time-out and an address-space limit."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {k: v for k, v in os.environ.items() if k != "KOPIR_CORPUS"}
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(corpus_dir), *map(str, args)],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=limit,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def ingest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, data: str | bytes, *options: str
) -> tuple[Path, Path, Run]:
    """``kopir ingest OPTIONS… FILE`` into ``tmp_path/corpus``, FILE holding ``data``:
    the file, the corpus folder and the run."""
    src = source_file(tmp_path, name, data)
    corpus_dir = tmp_path / "corpus"
    return src, corpus_dir, kopir(capsys, corpus_dir, "ingest", *options, src)


def assert_refused(run: Run, *needles: str) -> str:
    """One ``kopir: error:`` line on stderr containing every needle, non-zero exit."""
    assert "Traceback" not in run.err, run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got {run.err!r}"
    line = lines[0]
    assert line.startswith("kopir: error: "), line
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    assert run.code not in (0, None), f"exit status {run.code} after {line!r}"
    return line


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (hidden ones too), by relative path."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def assert_no_temp_files(folder: Path) -> None:
    leftovers = sorted(p.name for p in folder.glob(".*.tmp")) if folder.exists() else []
    assert not leftovers, f"temporary files left in {folder}: {leftovers}"


def safe_parse(path: Path) -> etree._Element:
    """Parse a corpus file as plain XML with no entity, DTD or network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(path.read_bytes(), parser)


def sentences(path: Path, version: str = "original") -> list[str]:
    """The Kazakh ``<s>`` texts of a TEI file: ``original`` takes <sic>, else <corr>."""
    keep = TEI + ("sic" if version == "original" else "corr")
    out = []
    for side in safe_parse(path).iter(TEI + "text"):
        if side.get("{http://www.w3.org/XML/1998/namespace}lang") != "kk":
            continue
        for s in side.iter(TEI + "s"):
            parts = [s.text or ""]
            for choice in s:
                parts.append("".join(choice.find(keep).itertext()))
                parts.append(choice.tail or "")
            out.append("".join(parts))
    return out


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in re.split(r"\r\n|[\n\r]", text) if line.strip()]


def assert_holds_text(xml: Path, text: str) -> None:
    """The TEI's Kazakh sentences, joined, are exactly the text's paragraphs, joined."""
    assert " ".join(sentences(xml)) == " ".join(paragraphs(text))


def ingest_good(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str = "doc") -> Path:
    """Ingest a good Kazakh file; return the corpus directory."""
    _, corpus_dir, run = ingest(capsys, tmp_path, f"{name}.txt", KAZAKH)
    assert run.code == 0, run.err
    return corpus_dir


# ---------------------------------------------------------------- undecodable bytes


def test_stray_byte_in_utf8_names_file_and_offset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = KAZAKH.encode("utf-8")
    offset = len("Әсел Ғалымқызы ".encode())
    src = source_file(tmp_path, "broken.txt", good[:offset] + b"\xff" + good[offset:])
    corpus_dir = tmp_path / "corpus"

    for run in (
        kopir(capsys, corpus_dir, "ingest", src),
        kopir_process(corpus_dir, "ingest", src),
    ):
        assert_refused(run, str(src), f"byte offset {offset}", "0xff")
    assert snapshot(corpus_dir) == {}

    run = kopir(capsys, corpus_dir, "segment", src)
    assert_refused(run, str(src), f"byte offset {offset}")
    run = kopir_process(corpus_dir, "segment", "-", stdin=src.read_bytes())
    assert_refused(run, "<stdin>", f"byte offset {offset}")


# ---------------------------------------------------------------- NUL bytes, binary data


def test_stray_nuls_are_removed_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Бұл жақ\x00сы мәтін.\nЕкінші\x00 жол\x00 осында.\n"
    src, corpus_dir, run = ingest(capsys, tmp_path, "nuls.txt", text.encode("utf-8"))
    assert run.code == 0, run.err

    for number, line in enumerate(text.splitlines(), start=1):
        for column in (m.start() + 1 for m in re.finditer("\x00", line)):
            expected = f"line {number}, column {column}: removed U+0000"
            assert any(
                w.startswith("kopir: warning: ") and str(src) in w and expected in w
                for w in run.err.splitlines()
            ), f"{expected!r} not reported in {run.err!r}"
    xml = corpus_dir / "nuls.xml"
    assert b"\x00" not in xml.read_bytes()
    assert sentences(xml) == ["Бұл жақсы мәтін.", "Екінші жол осында."]


@pytest.mark.parametrize(
    ("kind", "data", "hint"),
    [
        ("elf", b"\x7fELF\x02\x01\x01\x00" + b"\x00\x00\x00\x01\x00\x10\x00\x00" * 512, ""),
        ("gzip", gzip.compress(KAZAKH.encode("utf-8") * 200, mtime=0), ""),
        ("random", random.Random(0).randbytes(4096), ""),
        ("utf16le-no-bom", KAZAKH.encode("utf-16-le"), "--encoding utf-16-le"),
        ("utf16be-no-bom", KAZAKH.encode("utf-16-be"), "--encoding utf-16-be"),
    ],
)
def test_binary_data_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, data: bytes, hint: str
) -> None:
    src = source_file(tmp_path, f"{kind}.txt", data)
    corpus_dir = tmp_path / "corpus"
    line = assert_refused(kopir(capsys, corpus_dir, "ingest", src), str(src), hint)
    # The message says what is wrong: not "cannot decode as kz1048", a code page
    # the user never asked for, but that this is not text.
    assert "binary" in line or "not text" in line, line
    assert snapshot(corpus_dir) == {}


def test_utf16_without_bom_ingests_with_encoding_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, corpus_dir, run = ingest(
        capsys, tmp_path, "utf16.txt", KAZAKH.encode("utf-16-le"), "--encoding", "utf-16-le"
    )
    assert run.code == 0, run.err
    assert_holds_text(corpus_dir / "utf16.xml", KAZAKH)


# ---------------------------------------------------------------- no text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\n\r\n  \r",
        "\u00a0\u3000\n\u2028\n".encode(),
        codecs.BOM_UTF8,
        "\ufeff\u200b\u200b\n\u00ad\n".encode(),
        b"\n" * 10_000,
    ],
    ids=["empty", "whitespace", "unicode-spaces", "bom-only", "invisible-only", "newlines"],
)
def test_file_without_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    src = source_file(tmp_path, "blank.txt", data)
    corpus_dir = tmp_path / "corpus"
    line = assert_refused(kopir(capsys, corpus_dir, "ingest", src), str(src))
    assert "no text" in line or "empty" in line, line
    assert snapshot(corpus_dir) == {}


# ---------------------------------------------------------------- legacy encodings


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (KAZAKH, KAZAKH.encode("kz1048")),
        (RUSSIAN_1251, RUSSIAN_1251.encode("cp1251")),
        (RUSSIAN, RUSSIAN.encode("koi8_r")),
        (KAZAKH, KAZAKH.encode("utf-16")),  # little-endian with a BOM
        (KAZAKH, codecs.BOM_UTF16_BE + KAZAKH.encode("utf-16-be")),
        (KAZAKH, codecs.BOM_UTF8 + KAZAKH.encode("utf-8")),
        (KAZAKH, KAZAKH.encode("utf-32")),
    ],
    ids=["kz1048", "cp1251", "koi8_r", "utf16-bom", "utf16be-bom", "utf8-bom", "utf32-bom"],
)
def test_encodings_are_detected_and_text_is_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, data: bytes
) -> None:
    _, corpus_dir, run = ingest(capsys, tmp_path, "legacy.txt", data)
    assert run.code == 0, run.err
    # A guessed code page is said, once; a BOM is certain, and not an invisible
    # character to report.
    warnings = [line for line in run.err.splitlines() if "warning" in line]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb"):
        assert warnings == [], run.err
    else:
        assert len(warnings) == 1 and "not UTF-8; read as " in warnings[0], run.err
    xml = corpus_dir / "legacy.xml"
    assert_holds_text(xml, text)
    assert "\ufeff" not in xml.read_text("utf-8")
    note = safe_parse(xml).find(f".//{TEI}note[@type='encoding']")
    assert note is not None and note.text is not None and note.text.endswith("(detected)")

    shown = kopir(capsys, corpus_dir, "show", "legacy")
    assert shown.code == 0, shown.err
    assert paragraphs(text)[-1].split()[-1] in shown.out


def test_named_encoding_overrides_detection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = RUSSIAN.encode("cp1251")
    src, corpus_dir, run = ingest(capsys, tmp_path, "named.txt", data, "--encoding", "koi8_r")
    assert run.code == 0, run.err
    xml = corpus_dir / "named.xml"
    assert_holds_text(xml, data.decode("koi8_r"))  # what was asked for, mojibake or not
    note = safe_parse(xml).find(f".//{TEI}note[@type='encoding']")
    assert note is not None and note.text == "koi8_r"

    # Asking again with the right code page is a change of options: the text is rebuilt.
    run = kopir(capsys, corpus_dir, "ingest", "--encoding", "cp1251", src)
    assert run.code == 0, run.err
    assert "updated" in run.out
    assert_holds_text(xml, RUSSIAN)


def test_named_encoding_that_does_not_fit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, corpus_dir, run = ingest(
        capsys, tmp_path, "cp.txt", RUSSIAN.encode("cp1251"), "--encoding", "utf-8"
    )
    assert_refused(run, str(src), "byte offset 0")
    run = kopir(capsys, corpus_dir, "ingest", "--encoding", "no-such-codec", src)
    assert_refused(run, str(src), "no-such-codec")
    assert snapshot(corpus_dir) == {}


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib", "uu"])
def test_encoding_that_is_not_a_text_encoding_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    """``codecs.lookup`` knows bytes-to-bytes codecs too; ``bytes.decode`` then raises."""
    src = source_file(tmp_path, "doc.txt", KAZAKH)
    corpus_dir = tmp_path / "corpus"
    assert_refused(kopir(capsys, corpus_dir, "ingest", "--encoding", codec, src), str(src), codec)
    assert_refused(kopir(capsys, corpus_dir, "segment", "--encoding", codec, src), str(src))
    assert_refused(kopir_process(corpus_dir, "ingest", "--encoding", codec, src), str(src))
    assert snapshot(corpus_dir) == {}


# ---------------------------------------------------------------- hostile XML in the corpus


def _hostile_payloads(folder: Path, good_tei: str) -> dict[str, str]:
    """Attacks built on a valid kopir TEI file, each hidden in its first sentence."""
    secret_uri = (folder / "secret.txt").as_uri()
    dtd = folder / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret_uri}">\n', "utf-8")
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]

    def attack(doctype: str, sentence: str) -> str:
        text = re.sub(
            r'(<s xml:id="kk\.s1">)[^<]*', lambda m: m.group(1) + sentence, good_tei, count=1
        )
        return text.replace("<TEI ", doctype + "\n<TEI ", 1) if doctype else text

    return {
        "xxe": attack(f'<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "{secret_uri}">]>', "&xxe;"),
        "external-dtd": attack(f'<!DOCTYPE TEI SYSTEM "{dtd.as_uri()}">', "&leak;"),
        "parameter-entity": attack(
            "<!DOCTYPE TEI [\n"
            f' <!ENTITY % file SYSTEM "{secret_uri}">\n'
            " <!ENTITY % eval \"<!ENTITY &#x25; error SYSTEM 'file:///nonexistent/%file;'>\">\n"
            " %eval;\n %error;\n]>",
            "Мәтін.",
        ),
        "billion-laughs": attack("<!DOCTYPE TEI [\n" + "\n".join(lol) + "\n]>", "&lol9;"),
        "quadratic-blowup": attack(
            f'<!DOCTYPE TEI [<!ENTITY a "{"x" * 50_000}">]>', "&a;" * 20_000
        ),
        "xinclude": attack(
            "",
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            f'href="{secret_uri}" parse="text"/>',
        ),
    }


ATTACKS = [
    "xxe",
    "external-dtd",
    "parameter-entity",
    "billion-laughs",
    "quadratic-blowup",
    "xinclude",
]


@pytest.mark.parametrize("attack", ["xxe", "external-dtd", "xinclude"])
def test_the_file_reading_attacks_are_real(tmp_path: Path, attack: str) -> None:
    """A trusting parser does leak the secret: the refusals below are not vacuous."""
    (tmp_path / "secret.txt").write_text(SECRET + "\n", "utf-8")
    minimal = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><s xml:id="kk.s1">x</s></TEI>'
    payload = _hostile_payloads(tmp_path, minimal)[attack]
    trusting = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    tree = etree.ElementTree(etree.fromstring(payload.encode(), trusting))
    tree.xinclude()
    assert SECRET in "".join(tree.getroot().itertext())


@pytest.fixture
def hostile_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A corpus with one good document (b_good) and a secret file beside it."""
    corpus_dir = ingest_good(capsys, tmp_path, "b_good")
    (corpus_dir / "secret.txt").write_text(SECRET + "\n", "utf-8")
    return corpus_dir


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_xml_document_is_refused_without_reading_anything(
    hostile_corpus: Path, capsys: pytest.CaptureFixture[str], attack: str
) -> None:
    good_tei = (hostile_corpus / "b_good.xml").read_text("utf-8")
    evil = hostile_corpus / "a_evil.xml"
    evil.write_text(_hostile_payloads(hostile_corpus, good_tei)[attack], "utf-8")
    before = snapshot(hostile_corpus)

    shown = kopir_process(hostile_corpus, "show", "a_evil", timeout=60)
    assert_refused(shown, str(evil))
    if attack != "xinclude":  # the same plain reason whatever the declaration tried
        assert "refusing a document type declaration" in shown.err, shown.err
    listed = kopir_process(hostile_corpus, "ls", timeout=60)
    assert "Traceback" not in listed.err and listed.code not in (0, None)
    errors = [line for line in listed.err.splitlines() if line.startswith("kopir: error: ")]
    assert len(errors) == 1 and str(evil) in errors[0], listed.err
    for run in (shown, listed):
        assert SECRET not in run.out + run.err

    assert snapshot(hostile_corpus) == before
    assert_no_temp_files(hostile_corpus)
    other = kopir(capsys, hostile_corpus, "show", "b_good")
    assert other.code == 0 and "Әсел Ғалымқызы" in other.out


def test_ls_still_lists_the_good_documents_beside_a_hostile_one(
    hostile_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One refused file must not hide the rest of the corpus."""
    good_tei = (hostile_corpus / "b_good.xml").read_text("utf-8")
    evil = hostile_corpus / "a_evil.xml"
    evil.write_text(_hostile_payloads(hostile_corpus, good_tei)["xxe"], "utf-8")
    run = kopir(capsys, hostile_corpus, "ls")
    assert_refused(run, str(evil))
    assert "b_good" in run.out, run.out


def test_hostile_xml_makes_no_network_request(
    hostile_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        good_tei = (hostile_corpus / "b_good.xml").read_text("utf-8")
        doctype = f'<!DOCTYPE TEI SYSTEM "{url}/tei.dtd" [<!ENTITY net SYSTEM "{url}/leak">]>'
        evil = hostile_corpus / "a_evil.xml"
        evil.write_text(
            good_tei.replace("<TEI ", doctype + "\n<TEI ", 1).replace(
                '<s xml:id="kk.s1">', '<s xml:id="kk.s1">&net;', 1
            ),
            "utf-8",
        )
        assert_refused(kopir_process(hostile_corpus, "show", "a_evil", timeout=60), str(evil))
        assert_refused(kopir(capsys, hostile_corpus, "show", "a_evil"), str(evil))
        with pytest.raises(BlockingIOError):
            connection, _ = server.accept()
            connection.close()  # reached only if kopir connected


@pytest.mark.parametrize("attack", ["xxe", "billion-laughs", "external-dtd"])
def test_xml_in_a_text_file_is_just_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], attack: str
) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET + "\n", "utf-8")
    minimal = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        '<text><body><p><s xml:id="kk.s1">Мәтін.</s></p></body></text>\n</TEI>\n'
    )
    payload = _hostile_payloads(folder, minimal)[attack]
    src = folder / "payload.txt"
    src.write_text(payload, "utf-8")
    corpus_dir = tmp_path / "corpus"

    run = kopir(capsys, corpus_dir, "ingest", src)
    assert run.code == 0, run.err
    xml = corpus_dir / "payload.xml"
    raw = xml.read_bytes()
    assert b"<!DOCTYPE" not in raw and b"&lt;!DOCTYPE" in raw
    assert SECRET.encode() not in raw
    assert_holds_text(xml, payload)
    assert to_bytes(from_bytes(raw, str(xml))) == raw

    shown = kopir_process(corpus_dir, "show", "payload", timeout=60)
    assert shown.code == 0, shown.err
    assert "<!DOCTYPE TEI" in shown.out and SECRET not in shown.out
    assert kopir(capsys, corpus_dir, "ls").code == 0


# ---------------------------------------------------------------- broken corpus files


def _link(tei: str, target: str) -> str:
    return tei.replace("</linkGrp>", f'<link type="1-1" target="{target}"/></linkGrp>', 1)


BROKEN: list[tuple[str, Callable[[str], str], tuple[str, ...]]] = [
    ("truncated", lambda t: t[: len(t) // 2], ("well-formed",)),
    ("zero-bytes", lambda t: "", ()),
    ("not-xml", lambda t: "Бұл XML емес.\n", ("well-formed",)),
    ("duplicate-id", lambda t: t.replace('xml:id="kk.s2"', 'xml:id="kk.s1"', 1), ("kk.s1",)),
    ("dangling-text-target", lambda t: t.replace('"#kk #en"', '"#kk #nowhere"'), ("#nowhere",)),
    ("dangling-link", lambda t: _link(t, "#kk.s1 #en.s99"), ("en.s99",)),
    (
        "nested-s",
        lambda t: re.sub(
            r'(<s xml:id="kk\.s2">)([^<]*)', r'\1<s xml:id="kk.s99">\2</s>', t, count=1
        ),
        ("nested",),
    ),
    (
        "text-before-s",
        lambda t: t.replace('<s xml:id="kk.s1">', 'бос мәтін <s xml:id="kk.s1">', 1),
        ("outside <s>",),
    ),
    (
        "text-between-s",
        lambda t: t.replace('<s xml:id="kk.s2">', 'бос мәтін <s xml:id="kk.s2">', 1),
        ("outside <s>",),
    ),
    ("not-tei", lambda t: '<?xml version="1.0"?>\n<html><body/></html>\n', ("TEI",)),
]


@pytest.mark.parametrize(
    ("mutate", "needles"), [(m, n) for _, m, n in BROKEN], ids=[i for i, _, _ in BROKEN]
)
def test_broken_corpus_file_is_a_clear_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mutate: Callable[[str], str],
    needles: tuple[str, ...],
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    xml = corpus_dir / "doc.xml"
    broken = mutate(xml.read_text("utf-8"))
    assert broken != xml.read_text("utf-8")
    xml.write_text(broken, "utf-8")
    before = snapshot(corpus_dir)

    assert_refused(kopir(capsys, corpus_dir, "show", "doc"), str(xml), *needles)
    assert_refused(kopir(capsys, corpus_dir, "ls"), str(xml))
    # Re-ingesting its source must not overwrite a file kopir cannot read.
    assert_refused(kopir(capsys, corpus_dir, "ingest", tmp_path / "doc.txt"), str(xml))
    assert_refused(kopir_process(corpus_dir, "show", "doc"), str(xml), *needles)
    assert snapshot(corpus_dir) == before
    assert_no_temp_files(corpus_dir)


# ---------------------------------------------------------------- failed runs change nothing


@pytest.mark.parametrize(
    ("new", "extra", "needle"),
    [
        ("Жаңа мәтін.\n".encode() + b"\xff\n", (), "byte offset"),
        (b"", (), "no text"),
        (b"\x00\x01\x02\x03" * 1000, (), "binary"),
        ("Өте ұзын жаңа мәтін. ".encode() * 200, ("--max-bytes", "1000"), "limit"),
    ],
    ids=["undecodable", "empty", "binary", "too-large"],
)
def test_failed_reingest_leaves_the_corpus_byte_identical(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    new: bytes,
    extra: tuple[str, ...],
    needle: str,
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    before = snapshot(corpus_dir)
    src = source_file(tmp_path, "doc.txt", new)
    run = kopir(capsys, corpus_dir, "ingest", *extra, src)
    assert_refused(run, str(src), needle)
    assert snapshot(corpus_dir) == before
    assert_no_temp_files(corpus_dir)


def _boom(exc: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


def _full_disk(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """Make the atomic writer's ``os.<call>`` fail as on a full disk (ENOSPC)."""
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(corpus.storage.atomic.os, call, _boom(full))


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_atomic_write_failure_keeps_the_previous_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    before = snapshot(corpus_dir)
    store = Corpus(corpus_dir)
    doc = store.load("doc")
    doc.meta.title = "Өзгерген тақырып"
    _full_disk(monkeypatch, where)
    with pytest.raises((OSError, KopirError)):
        store.save(doc)
    with pytest.raises((OSError, KopirError)):
        atomic_write(corpus_dir / "doc.xml", b"half")
    monkeypatch.undo()
    assert snapshot(corpus_dir) == before
    assert_no_temp_files(corpus_dir)
    assert store.load("doc").meta.title != "Өзгерген тақырып"


def test_disk_full_during_save_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    before = snapshot(corpus_dir)
    src = source_file(tmp_path, "doc.txt", KAZAKH + "Жаңа абзац.\n")
    _full_disk(monkeypatch, "replace")
    run = kopir(capsys, corpus_dir, "ingest", src)
    monkeypatch.undo()
    assert_refused(run, str(corpus_dir / "doc.xml"), os.strerror(errno.ENOSPC))
    assert snapshot(corpus_dir) == before
    assert_no_temp_files(corpus_dir)


@pytest.mark.parametrize("command", ["align", "realign"])
def test_align_or_realign_on_a_full_disk_is_a_one_line_error_and_leaves_no_lock(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """Issue 15: a full disk during ``realign`` left an empty lock file behind."""
    seed = "003_02315eec3f8dba4a"
    corpus_dir = tmp_path / "corpus"
    assert kopir(capsys, corpus_dir, "ingest", SEEDS / f"{seed}.txt").code == 0
    english = ["--en", SEEDS / f"{seed}.en.txt"]
    if command == "realign":
        assert kopir(capsys, corpus_dir, "align", seed, *english).code == 0
        doc = Corpus(corpus_dir).load(seed)
        first, second = doc.links[:2]  # two beads made one: re-aligning has work to do
        doc.links[:2] = [Link(first.kk + second.kk, first.en + second.en)]
        Corpus(corpus_dir).save(doc)
    before = snapshot(corpus_dir)
    _full_disk(monkeypatch, "replace")
    args = [command, seed, *([*english, "--replace"] if command == "align" else [])]
    run = kopir(capsys, corpus_dir, *args)
    monkeypatch.undo()
    assert_refused(run, os.strerror(errno.ENOSPC))
    assert snapshot(corpus_dir) == before  # the document as it was, no lock file left
    assert_no_temp_files(corpus_dir)


def test_interrupt_during_save_keeps_the_previous_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_dir = ingest_good(capsys, tmp_path)
    before = snapshot(corpus_dir)
    src = source_file(tmp_path, "doc.txt", KAZAKH + "Жаңа абзац.\n")
    monkeypatch.setattr(corpus.storage.atomic.os, "replace", _boom(KeyboardInterrupt()))
    run = kopir(capsys, corpus_dir, "ingest", src)
    monkeypatch.undo()
    assert run.code == 130 and run.err.strip() == "kopir: interrupted", run
    assert snapshot(corpus_dir) == before
    assert_no_temp_files(corpus_dir)


def test_corpus_path_that_is_a_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_dir = source_file(tmp_path, "corpus", "not a directory\n")
    src = source_file(tmp_path, "doc.txt", KAZAKH)
    assert_refused(kopir(capsys, not_a_dir, "ingest", src), str(not_a_dir))
    assert not_a_dir.read_text("utf-8") == "not a directory\n"


# ---------------------------------------------------------------- hostile file names


@pytest.mark.parametrize(
    "name",
    [b"a\x01b.txt", b"\xff\xfe-doc.txt", b"tab\there.txt"],
    ids=["control", "undecodable", "tab"],
)
def test_hostile_file_name_gives_a_corpus_or_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: bytes
) -> None:
    src = source_file(tmp_path, os.fsdecode(name), KAZAKH)
    corpus_dir = tmp_path / "corpus"
    for run in (kopir(capsys, corpus_dir, "ingest", src), kopir_process(corpus_dir, "ingest", src)):
        assert "Traceback" not in run.err, run.err
        if run.code != 0:
            assert_refused(run)
            assert snapshot(corpus_dir) == {}
            continue
        (xml,) = corpus_dir.glob("*.xml")
        assert_holds_text(xml, KAZAKH)
        assert kopir(capsys, corpus_dir, "show", xml.stem).code == 0


# ---------------------------------------------------------------- look-alike letters

HOMOGLYPH_LINES = [
    # (source line, its sentences, the sentences repaired)
    (
        "Бiлгiм беру жүйесі дамиды.",
        ["Бiлгiм беру жүйесі дамиды."],
        ["Білгім беру жүйесі дамиды."],
    ),
    (
        "Қазақстанның rәрі құрлық елдерімен байланысы нығайды.",
        ["Қазақстанның rәрі құрлық елдерімен байланысы нығайды."],
        ["Қазақстанның кәрі құрлық елдерімен байланысы нығайды."],
    ),
    ("Бұл сөз Бiлгiм", ["Бұл сөз Бiлгiм"], ["Бұл сөз Білгім"]),
    ("Бiлгiм rәрі. Бiлгiм", ["Бiлгiм rәрі.", "Бiлгiм"], ["Білгім кәрі.", "Білгім"]),
]


def test_homoglyphs_are_reported_with_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "".join(line + "\n" for line, _, _ in HOMOGLYPH_LINES)
    src, corpus_dir, run = ingest(capsys, tmp_path, "mixed.txt", text)
    assert run.code == 0, run.err
    warnings = run.err.splitlines()
    for number, (line, _, _) in enumerate(HOMOGLYPH_LINES, start=1):
        for word in re.finditer(r"Бiлгiм|rәрі", line):
            where = f"line {number}, column {word.start() + 1}:"
            assert any(
                str(src) in w and where in w and word.group() in w and "--fix-homoglyphs" in w
                for w in warnings
            ), f"{where} {word.group()} not reported in {run.err!r}"
    xml = corpus_dir / "mixed.xml"
    assert b"<choice>" not in xml.read_bytes()  # reported, not repaired
    assert sentences(xml) == [s for _, found, _ in HOMOGLYPH_LINES for s in found]


def test_fixed_homoglyphs_keep_sic_and_corr_and_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "".join(line + "\n" for line, _, _ in HOMOGLYPH_LINES)
    _, corpus_dir, run = ingest(capsys, tmp_path, "mixed.txt", text, "--fix-homoglyphs")
    assert run.code == 0, run.err
    assert "repaired" in run.err
    xml = corpus_dir / "mixed.xml"
    data = xml.read_bytes()
    root = safe_parse(xml)
    pairs = [(c.findtext(TEI + "sic"), c.findtext(TEI + "corr")) for c in root.iter(TEI + "choice")]
    assert ("Бiлгiм", "Білгім") in pairs and ("rәрі", "кәрі") in pairs

    # Nothing added or lost: the originals are the source, the repairs only swap letters.
    assert sentences(xml, "original") == [s for _, found, _ in HOMOGLYPH_LINES for s in found]
    assert sentences(xml, "corrected") == [s for _, _, fixed in HOMOGLYPH_LINES for s in fixed]
    doc = Corpus(corpus_dir).load("mixed")
    assert [s.original for s in doc.kk.sentences()] == sentences(xml, "original")
    assert [s.text for s in doc.kk.sentences()] == sentences(xml, "corrected")
    assert to_bytes(doc) == data

    shown = kopir(capsys, corpus_dir, "show", "mixed")
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    for fixed in (s for _, _, repaired in HOMOGLYPH_LINES for s in repaired):
        assert any(re.search(r" kk\.s\d+ +" + re.escape(fixed) + "$", ln) for ln in lines), fixed
    assert "Бiлгiм" not in shown.out and "rәрі" not in shown.out


@pytest.mark.parametrize(
    ("line", "column"),
    [("    Бiлгiм беру.", 5), ("\tСөз\u200b Бiлгiм.", 7)],
    ids=["indented", "after-removed-character"],
)
def test_homoglyph_column_is_the_source_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, column: int
) -> None:
    assert line.index("Б") + 1 == column
    src = source_file(tmp_path, "col.txt", "Бірінші жол.\n" + line + "\n")
    run = kopir(capsys, tmp_path / "corpus", "ingest", src)
    assert run.code == 0, run.err
    found = [w for w in run.err.splitlines() if "Бiлгiм" in w]
    assert len(found) == 1 and f"line 2, column {column}:" in found[0], run.err


# ---------------------------------------------------------------- very long lines


@pytest.mark.parametrize(
    "line",
    ["а" * 1_000_000, ". " * 500_000],
    ids=["no-punctuation", "dot-space"],
)
def test_very_long_line_segments_and_ingests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    src = source_file(tmp_path, "long.txt", line + "\n")
    corpus_dir = tmp_path / "corpus"

    run = kopir(capsys, corpus_dir, "segment", src)
    assert run.code == 0, run.err
    parts = run.out.splitlines()
    assert "".join("".join(parts).split()) == "".join(line.split())  # no character lost

    ingested = kopir_process(corpus_dir, "ingest", src, timeout=600)
    assert ingested.code == 0, ingested.err
    xml = corpus_dir / "long.xml"
    assert len(sentences(xml)) == len(parts)
    assert "".join("".join(sentences(xml)).split()) == "".join(line.split())


# ---------------------------------------------------------------- size limits


def test_file_over_max_bytes_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = source_file(tmp_path, "big.txt", ("Үлкен мәтін. " * 100).encode()[:2000])
    corpus_dir = tmp_path / "corpus"
    line = assert_refused(kopir(capsys, corpus_dir, "ingest", "--max-bytes", "1000", src), str(src))
    assert "2,000" in line and "1,000" in line, line
    assert snapshot(corpus_dir) == {}

    src.write_bytes(src.read_bytes()[:1000])  # exactly the limit is allowed
    run = kopir(capsys, corpus_dir, "ingest", "--max-bytes", "1000", src)
    assert run.code == 0, run.err


def test_endless_input_is_cut_at_max_bytes(tmp_path: Path) -> None:
    """A file whose size ``stat`` cannot tell (a device, a pipe) is still read bounded."""
    src = tmp_path / "zero.txt"
    src.symlink_to("/dev/zero")
    corpus_dir = tmp_path / "corpus"
    run = kopir_process(corpus_dir, "ingest", "--max-bytes", "1000", src, timeout=60, memory=GIB)
    assert_refused(run, str(src))
    assert snapshot(corpus_dir) == {}

    corpus_dir.mkdir(exist_ok=True)
    (corpus_dir / "endless.xml").symlink_to("/dev/zero")
    run = kopir_process(corpus_dir, "show", "endless", timeout=60, memory=GIB)
    assert_refused(run, "endless")


# ---------------------------------------------------------------- hostile characters

HOSTILE_TEXT = (
    "Мәтін <b>қалың</b> & «]]>» бар.\n"
    "Белгі\ufffeсі, C1\x85 және\x9f басқару.\n"
    "Таб\x0b және\x7f бағыт\u202eкері\u202c, \u2066оқшау\u2069 нөл\u200bені.\n"
)
REMOVED = "\ufffe\x85\x9f\x0b\x7f\u202e\u202c\u2066\u2069\u200b"


def test_hostile_characters_give_valid_tei_and_every_removal_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE_TEXT, "utf-8", newline="")
    corpus_dir = tmp_path / "corpus"
    run = kopir(capsys, corpus_dir, "ingest", src)
    assert run.code == 0, run.err

    warnings = run.err.splitlines()
    for number, line in enumerate(HOSTILE_TEXT.split("\n"), start=1):
        for column, ch in enumerate(line, start=1):
            if ch in REMOVED:
                where, code = f"line {number}, column {column}:", f"U+{ord(ch):04X}"
                assert any(str(src) in w and where in w and code in w for w in warnings), (
                    f"{code} at {where} not reported in {run.err!r}"
                )

    xml = corpus_dir / "hostile.xml"
    safe_parse(xml)  # well-formed XML 1.0: no U+FFFE, no C0/C1 controls left
    text = " ".join(sentences(xml))
    assert not set(text) & set(REMOVED)
    assert "<b>қалың</b> & «]]>»" in text
    kept = "".join(ch for ch in HOSTILE_TEXT if ch not in REMOVED and not ch.isspace())
    assert "".join(text.split()) == kept  # nothing else lost or added

    shown = kopir(capsys, corpus_dir, "show", "hostile")
    assert shown.code == 0 and "<b>қалың</b> & «]]>»" in shown.out


def test_many_removals_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = source_file(tmp_path, "zw.txt", "Сөз\u200b" * 25 + ".\n")
    run = kopir(capsys, tmp_path / "corpus", "ingest", src)
    assert run.code == 0, run.err
    listed = [w for w in run.err.splitlines() if "U+200B" in w]
    more = [int(n) for w in run.err.splitlines() for n in re.findall(r"(\d+) more", w)]
    assert len(listed) + sum(more) == 25, run.err


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x85"], ids=["VT", "FF", "NEL"])
def test_whitespace_controls_do_not_glue_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str
) -> None:
    """VT, FF and NEL are white space: removing them must not join two words into one."""
    src = tmp_path / "ws.txt"
    src.write_text(f"Бірінші{separator}екінші сөз.\n", "utf-8", newline="")
    corpus_dir = tmp_path / "corpus"
    run = kopir(capsys, corpus_dir, "ingest", src)
    assert run.code == 0, run.err
    words = " ".join(sentences(corpus_dir / "ws.xml")).split()
    assert "Біріншіекінші" not in words, words
    assert "Бірінші" in words and "екінші" in words
