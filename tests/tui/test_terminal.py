"""The real program in a real terminal: tmux types the keys and reads the screen.

This is the translator's day in miniature, end to end, through the installed
``kopir`` command: open a document, fix a link, confirm, edit an English
sentence, undo, redo, export TMX, quit; then a ``kill -9`` right after an
edit. Nothing here calls kopir's Python API to act, only to check.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from align.model import Alignment
from align.opening import open_session
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes
from tests.helpers import DOC, KOPIR, REPO, SEEDS, Terminal


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    root = tmp_path / "corpus"
    done = subprocess.run(
        [str(KOPIR), "--corpus", str(root), "ingest", "--quiet", "--with-translations",
         str(SEEDS / f"{DOC}.txt")],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return Corpus(root)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def _open_editor(terminals: list[Terminal], corpus: Corpus, cwd: Path) -> Terminal:
    term = Terminal([str(KOPIR), "--corpus", str(corpus.root)], cwd)
    terminals.append(term)
    term.wait_for(DOC)
    term.wait_for("to review")  # the documents screen has read the corpus
    term.keys("Enter")
    term.wait_for(f"{DOC}  │  bead 1/23")
    return term


def test_a_translators_session_in_a_real_terminal(
    corpus: Corpus, tmp_path: Path, terminals: list[Terminal]
) -> None:
    term = _open_editor(terminals, corpus, tmp_path)
    before = Alignment.from_document(corpus.load(DOC))

    # Fix a link: pull bead 2's first English sentence into bead 1 (wrong), push it back.
    term.keys("K")
    term.wait_for("1 ✎ 1-2")
    term.keys("J")
    term.wait_for("2 ✎ 1-1")
    term.keys("Space")  # confirm bead 1, move to bead 2
    term.wait_for("bead 2/23")
    term.wait_for("1/23 confirmed")

    # Edit bead 2's English in place, then undo and redo the edit.
    term.keys("e")
    term.wait_for("Bead 2: English")
    term.keys("C-a")
    term.type("The minister met the OSCE chair.")
    term.keys("C-s")
    term.wait_for("met the OSCE chair.")
    term.keys("u")
    term.wait_for("undid: edit the English of bead 2")
    assert "met the OSCE chair." not in term.screen()
    term.keys("U")
    term.wait_for("met the OSCE chair.")

    # Export TMX with the unconfirmed beads too.
    out = tmp_path / "session.tmx"
    term.keys("x")
    term.wait_for(" to export, ")
    term.keys("C-u")
    term.type(str(out))
    term.keys("Tab", "Space")  # tick "Include unconfirmed beads"
    term.wait_for("23 units to export")
    term.keys("BTab", "Enter")
    term.wait_for("wrote 23 units")
    term.keys("C-q")
    deadline = time.monotonic() + 15
    while not term.dead() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert term.dead(), "kopir quits on Ctrl+Q"

    tmx = etree.parse(str(out))
    segs = [seg.xpath("string()") for seg in tmx.iter("seg")]
    assert "The minister met the OSCE chair." in segs
    statuses = tmx.xpath("//tu/prop[@type='x-status']/text()")
    assert statuses.count("confirmed") == 1
    saved = corpus.load(DOC)
    after = Alignment.from_document(saved)
    assert [(b.kk, b.en) for b in after.beads[2:]] == [(b.kk, b.en) for b in before.beads[2:]]
    assert after.beads[0].status == "confirmed"
    assert not (corpus.root / ".kopir" / "journal" / f"{DOC}.log").exists(), "a clean end"


def test_kill_9_right_after_an_edit_loses_nothing(
    corpus: Corpus, tmp_path: Path, terminals: list[Terminal]
) -> None:
    term = _open_editor(terminals, corpus, tmp_path)
    term.keys("j", "e")
    term.wait_for("Bead 2: English")
    term.keys("C-a")
    term.type("Typed a moment before the crash.")
    term.keys("C-s", pause=0.0)
    _wait_gone(term, "Bead 2: English")  # the edit panel closed: the edit is applied
    os.kill(term.pid(), signal.SIGKILL)  # no time to save anything

    assert term.dead() or _wait_dead(term)
    data = corpus.path(DOC).read_bytes()
    from_bytes(data, DOC)  # whatever the background save managed, the file is whole TEI
    session = open_session(corpus, DOC)
    try:
        log = corpus.root / ".kopir" / "journal" / f"{DOC}.log"
        assert session.bead_texts(1)[1] == ["Typed a moment before the crash."], (
            session.notice,
            log.read_text("utf-8") if log.exists() else "no log",
        )
        assert "recovered" in session.notice
    finally:
        session.close()
    saved = corpus.load(DOC)
    assert "Typed a moment before the crash." in {s.text for s in saved.en.sentences()}


def _wait_gone(term: Terminal, text: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while text in term.screen():
        assert time.monotonic() < deadline, f"{text!r} stayed on the screen"
        time.sleep(0.05)


def _wait_dead(term: Terminal) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if term.dead():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("under", ["make", "nothing"])
def test_closing_the_terminal_saves_and_quits(
    under: str, corpus: Corpus, tmp_path: Path, terminals: list[Terminal]
) -> None:
    """A window closed under kopir: it saves, releases the document and exits.

    Under ``make run``, make keeps the hang-up signal to itself, so kopir must
    notice the terminal is gone; alone, it gets the signal. Either way no kopir
    may be left running without a terminal (Textual's input thread would spin).
    """
    command = [str(KOPIR), "--corpus", str(corpus.root), "open", DOC]
    if under == "make":
        makefile = tmp_path / "Makefile"
        makefile.write_text(f"run:\n\t{' '.join(command)}\n", "utf-8")
        command = ["make", "-f", str(makefile), "run"]
    term = Terminal(command, tmp_path)
    terminals.append(term)
    term.wait_for(f"{DOC}  │  bead 1/23")
    term.keys("Space")
    term.wait_for("1/23 confirmed")
    subprocess.run(["tmux", "kill-session", "-t", term.name], check=True)  # the window closes
    lock = corpus.root / ".kopir" / "locks" / f"{DOC}.lock"
    deadline = time.monotonic() + 15
    while lock.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not lock.exists(), "kopir let go of the document"
    assert not (corpus.root / ".kopir" / "journal" / f"{DOC}.log").exists(), "a clean end"
    assert corpus.load(DOC).links[0].status == "confirmed", "and the change was saved"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        leftover = subprocess.run(["pgrep", "-f", f"--corpus {corpus.root}"], capture_output=True)
        if not leftover.stdout.strip():
            break
        time.sleep(0.2)
    assert leftover.stdout.strip() == b"", "no kopir left running without a terminal"
