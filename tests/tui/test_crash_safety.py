"""Crash safety of the real app: ``kill -9`` at random moments, then reopen.

The translator's app runs in tmux (the harness of ``tests/helpers/terminal.py``)
and a scripted session confirms beads, edits English sentences, moves and
types; at a random moment (right after a key, in the middle of typing, within
the background save's two seconds) the process is killed with SIGKILL. Then:

* the document's TEI file on disk must be whole and valid against ``tei_all``
  (a save cut short must leave the previous version);
* reopened, the document must hold every change the screen had shown before
  the kill (a change whose key was in flight may or may not be there);

and the next round goes on from the recovered document. Two documents are
driven side by side to keep the test near half a minute. The random seed is
in the failure message; ``KOPIR_CRASH_SEED`` replays one.
"""

from __future__ import annotations

import os
import random
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from align.model import Alignment
from align.opening import open_session
from corpus.storage.store import Corpus
from corpus.storage.tei import from_bytes
from tests.helpers import KOPIR, Terminal, seed_document

DOCS = ("003_02315eec3f8dba4a", "004_d23ac1e4305185a3")
KILLS_PER_DOC = 10  # 20 kills in all
#: Beads a session works on: the first ones, always on screen.
WORKING_BEADS = 8


@dataclass
class Model:
    """What the document must hold: per bead, confirmed or not, and its English."""

    confirmed: list[bool]
    english: list[tuple[str, ...]]

    @classmethod
    def of(cls, corpus: Corpus, doc_id: str) -> Model:
        doc = corpus.load(doc_id)
        texts = {s.id: s.text for s in doc.en.sentences()}
        beads = Alignment.from_document(doc).beads
        return cls(
            [b.status == "confirmed" for b in beads],
            [tuple(texts[i] for i in b.en) for b in beads],
        )

    def confirm(self, k: int) -> Model:
        return Model([*self.confirmed[:k], True, *self.confirmed[k + 1 :]], list(self.english))

    def edit(self, k: int, text: str) -> Model:
        # Editing a bead's text makes it a hand-changed, unconfirmed bead.
        confirmed = [*self.confirmed[:k], False, *self.confirmed[k + 1 :]]
        return Model(confirmed, [*self.english[:k], (text,), *self.english[k + 1 :]])


@dataclass
class Lane:
    """One document driven through its kills, and what was seen."""

    corpus: Corpus
    doc_id: str
    rng: random.Random
    cwd: Path
    kills: int = 0
    applied: int = 0
    problems: list[str] = field(default_factory=list)

    def run(self) -> None:
        try:
            for round_ in range(KILLS_PER_DOC):
                self.round(round_)
        except Exception as exc:  # reported by the test, with the seed
            self.problems.append(f"{self.doc_id}: {type(exc).__name__}: {exc}")

    def round(self, round_: int) -> None:
        model = Model.of(self.corpus, self.doc_id)
        count = len(model.confirmed)
        term = Terminal(
            [str(KOPIR), "--corpus", str(self.corpus.root), "open", self.doc_id], self.cwd
        )
        try:
            term.wait_for(f"bead 1/{count}", timeout=60)
            cursor = 0
            in_flight: Model | None = None
            for n in range(self.rng.randint(1, 5)):
                action = self.rng.choice(["confirm", "confirm", "edit", "edit", "down"])
                last = n == 0 or self.rng.random() < 0.3  # the key the kill may cut short
                if action == "confirm" and cursor < WORKING_BEADS:
                    after = model.confirm(cursor)
                    term.keys("Space", pause=0)
                    if last and self.rng.random() < 0.5:
                        in_flight = after
                        break
                    cursor += 1
                    term.wait_for(f"bead {cursor + 1}/{count}")
                elif action == "edit":
                    text = f"Crash round {round_}.{n} of {self.doc_id[:3]}."
                    after = model.edit(cursor, text)
                    term.keys("e")
                    term.wait_for(f"Bead {cursor + 1}: English")
                    _replace_text(term, text)
                    term.keys("C-s", pause=0)
                    if last and self.rng.random() < 0.5:
                        in_flight = after
                        break
                    _wait_gone(term, f"Bead {cursor + 1}: English")
                else:
                    if cursor >= WORKING_BEADS:
                        continue
                    term.keys("j", pause=0)
                    cursor += 1
                    term.wait_for(f"bead {cursor + 1}/{count}")
                    continue
                model = after
                self.applied += 1
            if in_flight is None:
                moment = self.rng.choice(["typing", "saving"])
                if moment == "typing":  # unfinished typing: kept as a draft, never applied
                    term.keys("e")
                    term.wait_for(f"Bead {cursor + 1}: English")
                    _focus_box(term)  # types "H" into the emptied box
                    term.type("alf typed")
                time.sleep(self.rng.uniform(0.0, 2.5))  # within the background save's 2 s
            os.kill(term.pid(), signal.SIGKILL)
            self.kills += 1
            deadline = time.monotonic() + 10
            while not term.dead() and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            term.close()
        self.check(model, in_flight, round_)

    def check(self, model: Model, in_flight: Model | None, round_: int) -> None:
        data = self.corpus.path(self.doc_id).read_bytes()
        from_bytes(data, self.doc_id)  # kopir's own checks: ids, pointers, nesting
        if not TEI.validate(etree.fromstring(data)):
            self.problems.append(f"{self.doc_id} round {round_}: TEI invalid: {TEI.error_log}")
        session = open_session(self.corpus, self.doc_id)
        try:
            assert not session.read_only, session.notice
            if session.draft is not None:
                session.end_draft()  # the next round starts with the box closed
        finally:
            session.close()
        got = Model.of(self.corpus, self.doc_id)
        if got != model and got != in_flight:
            lost = [
                k
                for k, (a, b) in enumerate(zip(got.english, model.english, strict=False))
                if a != b or got.confirmed[k] != model.confirmed[k]
            ]
            shown = "; ".join(
                f"bead {k + 1}: expected {model.confirmed[k]} {model.english[k]!r}, "
                f"got {got.confirmed[k]} {got.english[k]!r}"
                for k in lost[:3]
            )
            self.problems.append(f"{self.doc_id} round {round_}: edits lost: {shown}")


TEI: etree.RelaxNG


def _replace_text(term: Terminal, text: str) -> None:
    """Select all in the edit box and type ``text``, until the box holds exactly that.

    The box takes the focus just after it shows, so on a loaded machine a
    Ctrl+A sent at once can reach the bead table instead (and the text is
    then appended): the harness checks the box's first line and tries again.
    """
    line = re.compile(rf"^\s*1\s+{re.escape(text)}\s*$", re.MULTILINE)
    _focus_box(term)
    for _ in range(3):
        term.keys("C-a", pause=0.2)
        term.type(text)
        if _shows(term, line):
            return
    raise AssertionError(f"the edit box never held {text!r}:\n{term.screen()}")


def _shows(term: Terminal, pattern: re.Pattern[str], seconds: float = 5.0) -> bool:
    """Whether the screen comes to show ``pattern`` within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pattern.search(term.screen()):
            return True
        time.sleep(0.1)
    return False


def _focus_box(term: Terminal) -> None:
    """Wait until the edit box has the focus, by typing a key harmless anywhere else.

    The box takes the focus just after it shows; on a loaded machine, text
    typed at once reached the bead table, whose keys are commands (Space
    confirms, ``r`` re-aligns, ``s`` splits), and the model then disagreed
    with the document though nothing was lost. Ctrl+A and ``H`` do nothing
    outside the box; inside it they leave exactly ``H`` on its first line.
    """
    probe = re.compile(r"^\s*1\s+H\s*$", re.MULTILINE)
    for _ in range(6):
        term.keys("C-a", pause=0.1)
        term.keys("H", pause=0)
        if _shows(term, probe):
            return
    raise AssertionError(f"the edit box never took the focus:\n{term.screen()}")


def _wait_gone(term: Terminal, text: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while text in term.screen():
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} stayed on the screen")
        time.sleep(0.05)


def test_kill_9_at_random_moments_corrupts_and_loses_nothing(
    tmp_path: Path, tei_schema: etree.RelaxNG
) -> None:
    global TEI
    TEI = tei_schema
    seed = int(os.environ.get("KOPIR_CRASH_SEED") or random.randrange(1 << 30))
    corpus = Corpus(tmp_path / "corpus")
    for doc_id in DOCS:
        corpus.save(seed_document(doc_id))
    lanes = [
        Lane(corpus, doc_id, random.Random(seed + n), tmp_path) for n, doc_id in enumerate(DOCS)
    ]
    threads = [threading.Thread(target=lane.run) for lane in lanes]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    problems = [p for lane in lanes for p in lane.problems]
    kills = sum(lane.kills for lane in lanes)
    applied = sum(lane.applied for lane in lanes)
    summary = (
        f"seed {seed}: {kills} kills, {applied} applied edits checked, "
        f"{time.monotonic() - started:.0f} s"
    )
    print(summary)
    assert not problems, f"{summary}:\n" + "\n".join(problems)
    assert kills >= 20, summary


def test_closing_the_terminal_while_typing_keeps_the_typing(tmp_path: Path) -> None:
    """The window closes (SIGHUP) with text in the edit box: saved, released, typing kept."""
    doc_id = DOCS[0]
    corpus = Corpus(tmp_path / "corpus")
    corpus.save(seed_document(doc_id))
    term = Terminal([str(KOPIR), "--corpus", str(corpus.root), "open", doc_id], tmp_path)
    try:
        term.wait_for("bead 1/23", timeout=60)
        term.keys("Space")
        term.wait_for("1/23 confirmed")
        term.keys("e")
        term.wait_for("Bead 2: English")
        term.keys("C-a", pause=0.05)
        term.type("Typed when the window closed.")
    finally:
        term.close()  # tmux kill-session: the terminal goes away under kopir
    lock = corpus.root / ".kopir" / "locks" / f"{doc_id}.lock"
    deadline = time.monotonic() + 20
    while lock.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not lock.exists(), "kopir let go of the document"
    assert Model.of(corpus, doc_id).confirmed[0], "the confirmation was saved"
    session = open_session(corpus, doc_id)
    try:
        assert session.draft is not None, session.notice
        assert (session.draft.bead, session.draft.text) == (1, "Typed when the window closed.")
        assert "back in the edit box" in session.notice
    finally:
        session.end_draft()
        session.close()
