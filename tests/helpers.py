"""Builders the test modules share: seed documents, small corpora, the app and terminal harnesses.

One home for them, so that no test module imports another's helpers:

- the seeds and the team's shared data (``SEEDS``, ``shared_path``, ``seed_document``);
- aligned documents from text pairs (``make_doc``, ``beads_of``) for the export,
  import and quality-check tests, and TMX files to import (``tmx``, ``tu``, ``imported``);
- small query corpora (``query_doc``, ``make_corpus``, ``NEWS``) for the search tests;
- the translator's app driven by Textual's pilot (``two_documents``, ``run``,
  ``editor``, ``settle``);
- the real program in tmux (``Terminal``, ``KOPIR``);
- web-text cases the segmenter and its SRX rules must agree on (``WEB_CASES``).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from align.formats.tmx_reader import ImportReport, import_tmx
from align.formats.units import all_units
from align.model import Alignment, Bead, Status
from benchmarks.shared import shared_dir
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tui.app import KopirApp
from tui.screens.editor import EditorScreen
from tui.screens.query import QueryScreen

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt") if p.stem.count(".") == 0)


def source_file(folder: Path, name: str, data: bytes | str) -> Path:
    """A source text written to ``folder/name`` (``str`` as UTF-8), for a test to ingest."""
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, "utf-8")
    else:
        path.write_bytes(data)
    return path


def shared_path(*parts: str) -> Path:
    """A file in ../shared; the test fails (never skips) when the data is missing."""
    path = shared_dir().joinpath(*parts)
    assert path.exists(), f"shared data missing: {path} (set KOPIR_SHARED)"
    return path


def seed_document(doc_id: str, english: bool = True) -> Document:
    """A seed ingested as ``kopir ingest`` would, with its English imported and
    aligned (``english=False``: the Kazakh alone)."""
    from align.document import align_document, import_english
    from corpus.ingest import build_document

    path = SEEDS / f"{doc_id}.txt"
    doc = build_document(path.read_bytes(), str(path), doc_id).doc
    if english:
        import_english(doc, (SEEDS / f"{doc_id}.en.txt").read_bytes(), "en.txt")
        align_document(doc)
    return doc


# --- aligned documents from text pairs ------------------------------------------------

Pair = tuple[Sequence[str], Sequence[str]]


def make_doc(
    doc_id: str,
    pairs: Sequence[Pair | tuple[str, str]],
    status: Status = "confirmed",
    statuses: Sequence[Status] | None = None,
) -> Document:
    """A document whose beads are ``pairs``: each side a text or a list of sentence texts.

    An empty string or list on a side makes a 1-0 / 0-1 bead.
    """
    kk: list[Sentence] = []
    en: list[Sentence] = []
    beads = []
    for n, (k, e) in enumerate(pairs):
        ks = [k] if isinstance(k, str) else list(k)
        es = [e] if isinstance(e, str) else list(e)
        kk_ids = tuple(_add(kk, "kk", t) for t in ks if t != "")
        en_ids = tuple(_add(en, "en", t) for t in es if t != "")
        bead_status = statuses[n] if statuses is not None else status
        beads.append(Bead(kk_ids, en_ids, bead_status, 0.9))
    alignment = Alignment(tuple(s.id for s in kk), tuple(s.id for s in en), tuple(beads))
    doc = Document(
        doc_id,
        Metadata(title=doc_id),
        Side("kk", [Block(BlockKind.P, kk)] if kk else []),
        Side("en", [Block(BlockKind.P, en)] if en else []),
    )
    doc.links = alignment.to_links()
    return doc


def _add(sentences: list[Sentence], lang: str, text: str) -> str:
    sid = f"{lang}.s{len(sentences) + 1}"
    sentences.append(Sentence.plain(sid, text))
    return sid


def beads_of(corpus: Corpus, doc_id: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each bead of a document as the texts of its Kazakh and English sentences."""
    doc = corpus.load(doc_id)
    texts = {s.id: s.text for side in (doc.kk, doc.en) for s in side.sentences()}
    return [
        (tuple(texts[i] for i in bead.kk), tuple(texts[i] for i in bead.en))
        for bead in Alignment.from_document(doc).beads
    ]


# --- TMX files for the import tests --------------------------------------------------


def tmx(body: str, doctype: str = "", header: str = '<header srclang="kk"/>') -> str:
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f'{declaration}{doctype}<tmx version="1.4">{header}<body>{body}</body></tmx>'


def tu(kk: str, en: str, kk_lang: str = "kk-KZ", en_lang: str = "en-US") -> str:
    return (
        f'<tu><tuv xml:lang="{kk_lang}"><seg>{kk}</seg></tuv>'
        f'<tuv xml:lang="{en_lang}"><seg>{en}</seg></tuv></tu>'
    )


def imported(tmp_path: Path, name: str, text: str) -> tuple[Corpus, ImportReport]:
    """``text`` written as ``<name>.tmx`` and imported into a new corpus: the corpus, the report."""
    path = tmp_path / f"{name}.tmx"
    path.write_text(text, "utf-8")
    corpus = Corpus(tmp_path / "c")
    return corpus, import_tmx(corpus, path)


def pairs_of(corpus: Corpus, doc_id: str) -> list[tuple[str, str]]:
    return [(u.kk, u.en) for u in all_units(corpus.load(doc_id))]


# --- small corpora for the query tests -----------------------------------------------

QueryPair = tuple[str, str]


def query_doc(
    doc_id: str,
    pairs: Sequence[QueryPair],
    *,
    date: str | None = None,
    confirmed: Sequence[int] = (),
    linked: bool = True,
    title: str = "",
) -> Document:
    """A document whose bead n is pair n (1-1); an empty string leaves that side out (1-0/0-1).

    ``confirmed`` are bead indices to mark confirmed; ``linked=False`` makes a
    document with sentences on both sides but no links yet.
    """
    kk: list[Sentence] = []
    en: list[Sentence] = []
    links: list[Link] = []
    for n, (k, e) in enumerate(pairs):
        kk_ids: tuple[str, ...] = ()
        en_ids: tuple[str, ...] = ()
        if k:
            kk.append(Sentence.plain(f"kk.s{len(kk) + 1}", k))
            kk_ids = (kk[-1].id,)
        if e:
            en.append(Sentence.plain(f"en.s{len(en) + 1}", e))
            en_ids = (en[-1].id,)
        status = "confirmed" if n in confirmed else "auto"
        links.append(Link(kk_ids, en_ids, status, 0.9))
    return Document(
        doc_id,
        Metadata(title=title or doc_id, date=date),
        Side("kk", [Block(BlockKind.P, kk)] if kk else []),
        Side("en", [Block(BlockKind.P, en)] if en else []),
        links if linked else [],
    )


def make_corpus(root: Path, docs: dict[str, Sequence[QueryPair]], **options: object) -> Corpus:
    """A corpus directory holding one document per entry of ``docs``."""
    corpus = Corpus(root)
    for doc_id, pairs in docs.items():
        corpus.save(query_doc(doc_id, pairs, **options))  # type: ignore[arg-type]
    return corpus


#: A small bilingual corpus for the behaviour tests.
NEWS: dict[str, list[QueryPair]] = {
    "a_news": [
        ("Қазақстан Республикасының Президенті сөз сөйледі.", "The President of Kazakhstan spoke."),
        ("Қасым-Жомарт Тоқаев Брюссельге барды.", "Kassym-Jomart Tokayev went to Brussels."),
        ("Тоқаевтың сапары маңызды болды.", "Tokayev's visit was important."),
        ("ЕҚЫҰ саммиті Астанада өтті.", "The OSCE summit took place in Astana."),
        ("ЕҚЫҰ төрағалығы туралы айтылды.", "The chairmanship was discussed."),
    ],
    "b_news": [
        (
            "Қазақстанның сыртқы саясаты көпвекторлы.",
            "Kazakhstan's foreign policy is multi-vector.",
        ),
        ("Қазақстанға инвестиция келді.", "Investment came to Kazakhstan."),
        ("Президент Тоқаевпен кездесу болды.", "There was a meeting with President Tokayev."),
    ],
}


# --- the app, driven by Textual's pilot ----------------------------------------------

DOC = "003_02315eec3f8dba4a"
SIZE = (140, 40)


def two_documents(root: Path) -> Corpus:
    """A corpus of one aligned seed (DOC) and one with no English yet."""
    corpus = Corpus(root)
    corpus.save(seed_document(DOC))
    corpus.save(seed_document("004_d23ac1e4305185a3", english=False))
    return corpus


Scenario = Callable[[Pilot, KopirApp], Awaitable[None]]


def run(app: KopirApp, scenario: Scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(pilot, app)

    asyncio.run(main())


def editor(app: KopirApp) -> EditorScreen:
    assert isinstance(app.screen, EditorScreen), f"expected the editor, got {app.screen}"
    return app.screen


async def import_english(pilot: Pilot, doc_id: str, path: str) -> None:
    """On the documents screen: open the import dialog on ``doc_id``'s row, type ``path``, Enter."""
    from textual.widgets import DataTable, Input

    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(doc_id))
    await pilot.press("i")
    await pilot.pause()
    pilot.app.screen.query_one("#path", Input).value = path
    await pilot.press("enter")


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """Pause until ``condition`` holds, at most ``seconds`` (a bound, so that a regression
    fails instead of hanging): a screen drawn after a refresh on a loaded machine can take
    longer than one pause."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.05)


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# --- the Query screen ----------------------------------------------------------------


async def slash_query(pilot: Pilot) -> QueryScreen:
    """The Query screen, opened with ``/`` (from the documents screen)."""
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QueryScreen)
    return screen


async def open_query(pilot: Pilot) -> QueryScreen:
    """The Query screen, opened with ``/`` from the documents screen once it has settled."""
    await settle(pilot)
    return await slash_query(pilot)


async def answered(pilot: Pilot, screen: QueryScreen, before: int) -> None:
    """Wait until the screen has shown an answer after its ``before``-th (a search's
    lines, a table, a new order or an error) and nothing else is under way.

    A condition, not a time: on a loaded machine the pilot's "idle" can come before
    the search has even started, and any fixed pause can be too short.
    """
    for _ in range(1200):  # a bound, so that a regression fails instead of hanging
        if screen.answers > before and not screen.pending:
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the Query screen did not answer")


async def ask(pilot: Pilot, screen: QueryScreen, *keys: str) -> None:
    """Press ``keys`` (a search, a table, a sort…) and wait for the screen's answer."""
    before = screen.answers
    await pilot.press(*keys)
    await answered(pilot, screen, before)


async def searched(pilot: Pilot, words: str) -> QueryScreen:
    """The Query screen once it has answered ``words`` typed in its Kazakh field."""
    screen = await open_query(pilot)
    await ask(pilot, screen, *words, "enter")
    return screen


# --- corpora on disk, and the command line ---------------------------------------------


def ingest_seeds(root: Path) -> Path:
    """``kopir ingest --with-translations seeds`` into ``root``: the five seeds, aligned."""
    from tui.cli.main import main

    assert (
        main(["--corpus", str(root), "ingest", "--quiet", "--with-translations", str(SEEDS)]) == 0
    )
    return root


def one_seed_corpus(root: Path, doc_id: str = DOC) -> Corpus:
    """A corpus at ``root`` holding one seed document, aligned."""
    corpus = Corpus(root)
    corpus.save(seed_document(doc_id))
    return corpus


def kopir_cli(corpus: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``kopir --corpus CORPUS ARGS…`` in this process: exit code, stdout, stderr.

    The test modules that drive the command line import it as ``run``.
    """
    from tui.cli.main import main

    capsys.readouterr()
    code = main(["--corpus", str(corpus), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def dead_pid() -> int:
    """The id of a process that has just ended (so nothing runs under it)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- the real program in tmux ---------------------------------------------------------

KOPIR = Path(sys.executable).with_name("kopir")
WIDTH, HEIGHT = 150, 45


class Terminal:
    """One tmux session running one command."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        assert shutil.which("tmux"), "tmux is needed for this test (apt-get install tmux)"
        self.name = f"kopir-test-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "KOPIR_CONFIG": str(cwd / "no-config.toml"), "TERM": "xterm-256color"}
        shell = " ".join(_quote(part) for part in command)
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT),
             "-c", str(cwd), f"exec {shell}"],
            check=True, env=env,
        )  # fmt: skip
        subprocess.run(["tmux", "set-option", "-t", self.name, "remain-on-exit", "on"], check=True)

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(pause)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.3)

    def pid(self) -> int:
        done = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return int(done.stdout.strip())

    def dead(self) -> bool:
        done = subprocess.run(
            ["tmux", "display-message", "-p", "-t", self.name, "#{pane_dead}"],
            capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout.strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _quote(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


# --- web text the segmenter and its SRX rules must cut alike ------------------------

WEB_CASES = [
    "Концерт болды!!! бәріне рахмет. Жақсы болды. ертең жаңбыр.",
    "Хабар жоқ?!Нормально ма бұл? Biz kezdestik.Kezdesýde kóp másele boldy.",
    "Кітап шықпаған 😅 Кім тапты екен? Жүгірдім 🏃‍♂️ Сіздер ше?",
    "Демалдық. #Бурабай #демалыс Табиғаты керемет. Бітті. #Алматы қаласында жаңбыр.",
    "Керемет мақала!👍Автордың еңбегі зор. Спасибо!!! 😊 барлығына рақмет. Жеңдік! 🇰🇿",
    "Оңай. 1. Сайтқа кіріңіз. 2. Нөмір жазыңыз. Тізім: 1. Куәлік. 2. Фото.",
    "Сабақ көп болды :) Менің ойымша оңай. Рахмет))) Келесі жолы.",
    "«Келемін!»деді ол. Рақмет!деп кетті. Рақмет! деп кетті. «Неге?» деп сұрады.",
    "Ол (мыс. (Абай жолы)) Семейде оқылады. Өтінім https://bilim.kz/apply?id=25 арқылы.",
    '<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
]
