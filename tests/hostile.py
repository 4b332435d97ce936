"""The harness the hostile-input tests share: kopir run in-process or as a guarded child.

Every hostile-input test (tests/corpus/text/test_hostile_*.py, tests/corpus/storage/
test_hostile_xml.py and test_failed_writes.py, tests/corpus/test_hostile_file_names.py)
runs the real command line, in-process through ``tui.cli.main.main`` and, where a crash
or a runaway parser would matter, as a child process (``python -m tui.cli``) with a
time-out and a memory limit as a guard. For every bad input the contract is: one line on
stderr starting ``kopir: error:`` that names the file, a non-zero exit, no traceback, and
no corpus file written, changed or left half-written (no ``.*.tmp``). Input that is odd
but legitimate (legacy code pages, stray NULs, invisible characters, XML pasted into a
text file) must instead give a correct, parseable corpus and report every change.

A crash mid-save from ``kill -9`` is out of scope here: the atomic write is
tested by making ``os.replace`` and ``os.fsync`` fail inside ``corpus.storage.atomic``.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers import REPO, source_file
from tui.cli.main import main

TEI = "{http://www.tei-c.org/ns/1.0}"

# Every Kazakh letter, capital and small, in two paragraphs of ordinary prose.
KAZAKH = (
    "Әсел Ғалымқызы Қарағандыда тұрады. Ол Өскеменге, Ұлытауға және Үржарға барды.\n"
    "Һәм інісі Іле өңірінде жұмыс істейді. Көңілді күн болды!\n"
)
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


@contextmanager
def left_unchanged(folder: Path) -> Iterator[None]:
    """Assert that the ``with`` block leaves ``folder`` byte-identical, with no temporary
    file in it: the contract of every refused or failed run, in one place."""
    before = snapshot(folder)
    yield
    assert snapshot(folder) == before
    assert_no_temp_files(folder)


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
