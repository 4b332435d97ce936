"""Hostile and broken corpus XML: entity, DTD, XInclude and network attacks in a corpus
file are refused without reading anything (the same XML in a text file is just text);
a broken file (truncated, not XML, duplicate or dangling ids, text outside ``<s>``, not
TEI) is a clear one-line error and is never overwritten."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from corpus.storage.tei import from_bytes, to_bytes
from tests.hostile import (
    assert_holds_text,
    assert_refused,
    ingest_good,
    kopir,
    kopir_process,
    left_unchanged,
)

SECRET = "KOPIR-SECRET-7f3a9c1e-do-not-leak"


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
    with left_unchanged(hostile_corpus):
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
    with left_unchanged(corpus_dir):
        assert_refused(kopir(capsys, corpus_dir, "show", "doc"), str(xml), *needles)
        assert_refused(kopir(capsys, corpus_dir, "ls"), str(xml))
        # Re-ingesting its source must not overwrite a file kopir cannot read.
        assert_refused(kopir(capsys, corpus_dir, "ingest", tmp_path / "doc.txt"), str(xml))
        assert_refused(kopir_process(corpus_dir, "show", "doc"), str(xml), *needles)
