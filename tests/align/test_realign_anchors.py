"""Re-aligning keeps every confirmed bead, whatever its shape, exactly where it is.

A confirmed 0-1 (a translator's note) or 1-0 has no sentence on one side to
say where it sits; re-aligning once moved such beads to the start of the
document (breaking every bead before them) or, right after another confirmed
bead, raised "anchor … overlaps another or is out of order".
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.document import propose_alignment
from align.model import Alignment
from align.session import Session
from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side
from corpus.storage.store import Corpus
from tests.helpers import seed_document
from tui.cli.main import main

DOC = "003_02315eec3f8dba4a"
SHAPES = [(1, 1), (1, 1), (1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]
WORDS = ["Астана", "2021", "жыл", "Тоқаев", "бүгін", "OSCE", "kk", "15", "мен", "туралы"]


def _document(shapes: list[tuple[int, int]], confirmed: list[bool], texts: list[str]) -> Document:
    """A document whose alignment has the given bead shapes and confirmed beads."""
    kk: list[Sentence] = []
    en: list[Sentence] = []
    links: list[Link] = []
    for n, ((a, b), sure) in enumerate(zip(shapes, confirmed, strict=True)):
        kk_ids, en_ids = [], []
        for _ in range(a):
            kk.append(Sentence.plain(f"kk.s{len(kk) + 1}", texts[(n + len(kk)) % len(texts)]))
            kk_ids.append(kk[-1].id)
        for _ in range(b):
            en.append(Sentence.plain(f"en.s{len(en) + 1}", texts[(n * 3 + len(en)) % len(texts)]))
            en_ids.append(en[-1].id)
        links.append(Link(tuple(kk_ids), tuple(en_ids), "confirmed" if sure else "auto", 0.9))
    return Document(
        "doc",
        Metadata(title="t"),
        Side("kk", [Block(BlockKind.P, kk)] if kk else []),
        Side("en", [Block(BlockKind.P, en)] if en else []),
        links,
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    shapes = draw(st.lists(st.sampled_from(SHAPES), min_size=1, max_size=25))
    confirmed = draw(st.lists(st.booleans(), min_size=len(shapes), max_size=len(shapes)))
    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(
        lambda ws: " ".join(ws) + "."
    )
    texts = draw(st.lists(sentence, min_size=1, max_size=8))
    doc = _document(shapes, confirmed, texts)
    if not doc.kk.sentences() or not doc.en.sentences():
        doc = _document([(1, 1), *shapes], [False, *confirmed], texts)
    return doc


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_realign_never_raises_and_never_moves_a_confirmed_bead(doc: Document) -> None:
    before = Alignment.from_document(doc)
    result, _ = propose_alignment(doc)  # Alignment() itself checks the partition and order
    confirmed = [b for b in before.beads if b.status == "confirmed"]
    assert [b for b in result.beads if b.status == "confirmed"] == confirmed
    # Each confirmed bead keeps its neighbours on both sides: what comes before it
    # on each side is the same set of sentences as before.
    for bead in confirmed:
        assert _before(before, bead) == _before(result, bead)
    assert [s for b in result.beads for s in b.kk] == list(before.kk)
    assert [s for b in result.beads for s in b.en] == list(before.en)


def _before(alignment: Alignment, bead: object) -> tuple[int, int]:
    """How many Kazakh and English sentences come before ``bead``."""
    k = e = 0
    for other in alignment.beads:
        if other == bead:
            return k, e
        k += len(other.kk)
        e += len(other.en)
    raise AssertionError(f"{bead} is gone")


def test_a_confirmed_note_right_after_a_confirmed_bead_is_kept() -> None:
    """The reported case: a confirmed 1-1 followed by a confirmed 0-1 raised ValueError."""
    doc = _document(
        [(1, 1), (1, 1), (0, 1), (1, 1), (1, 1)],
        [False, True, True, False, False],
        ["Бүгін Астанада 2021 жылы кездесу өтті.", "Today a meeting was held in Astana."],
    )
    result, _ = propose_alignment(doc)
    assert result.beads[1:3] == Alignment.from_document(doc).beads[1:3]


def test_a_lone_confirmed_note_stays_in_place_and_right_beads_stay_right() -> None:
    doc = seed_document(DOC)
    al = Alignment.from_document(doc)
    right = [(b.kk, b.en) for b in al.beads]
    # Make bead 10's English a confirmed translator's note (a 0-1), its Kazakh a 1-0.
    ten = al.beads[9]
    links = [Link(b.kk, b.en, "auto", b.score) for b in al.beads]
    links[9:10] = [Link(ten.kk, (), "auto", 0.3), Link((), ten.en, "confirmed", 0.3)]
    doc.links = links
    result, _ = propose_alignment(doc)
    got = [(b.kk, b.en) for b in result.beads]
    assert got.index(((), ten.en)) == 10, "the note stays where it was"
    assert got[:9] == right[:9], "beads before it are not broken"


def test_kopir_realign_on_confirmed_empty_side_beads(tmp_path: Path, capsys) -> None:
    corpus = Corpus(tmp_path / "c")
    doc = seed_document(DOC)
    al = Alignment.from_document(doc)
    links = [Link(b.kk, b.en, "auto", b.score) for b in al.beads]
    three = al.beads[2]
    links[1] = Link(links[1].kk, links[1].en, "confirmed", links[1].score)
    links[2:3] = [Link(three.kk, (), "confirmed", 0.3), Link((), three.en, "confirmed", 0.3)]
    doc.links = links
    corpus.save(doc)
    assert main(["--corpus", str(corpus.root), "realign", DOC]) == 0, capsys.readouterr().err
    after = Alignment.from_document(corpus.load(DOC))
    assert after.beads[1:4] == Alignment.from_document(doc).beads[1:4]


def test_session_realign_keeps_confirmed_empty_side_beads(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(seed_document(DOC))
    session = Session(corpus, corpus.load(DOC), autosave=False)
    from align.edit import Confirm, InsertEmpty

    session.apply(InsertEmpty(4, "en"))  # bead 5's English on its own: 1-0 then 0-1
    session.apply(Confirm(3))
    session.apply(Confirm(4))
    session.apply(Confirm(5))
    kept = session.alignment.beads[3:6]
    session.realign()
    assert session.alignment.beads[3:6] == kept
