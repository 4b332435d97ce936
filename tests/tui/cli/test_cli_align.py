"""kopir align / realign on real seed data, and the file mode's vecalign output."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.edit import Confirm, InsertEmpty, Merge
from align.model import Alignment, parse_vecalign
from corpus.storage.store import Corpus
from tests.helpers import SEEDS
from tui.cli.main import main

DOC = "003_02315eec3f8dba4a"


def kopir(corpus: Path, *args: str) -> int:
    return main(["--corpus", str(corpus), *args])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    assert kopir(root, "ingest", "-q", str(SEEDS / f"{DOC}.txt")) == 0
    return root


def test_align_imports_english_and_stores_links(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kopir(corpus, "align", DOC, "--en", str(SEEDS / f"{DOC}.en.txt")) == 0
    assert f"{DOC}: 23 beads" in capsys.readouterr().out
    doc = Corpus(corpus).load(DOC)
    assert len(doc.en.sentences()) == 25
    alignment = Alignment.from_document(doc)  # checks every sentence is in one bead
    assert len(alignment.beads) == 23 and all(b.status == "auto" for b in alignment.beads)
    assert all(b.score is not None and 0 <= b.score <= 1 for b in alignment.beads)


def test_english_is_never_replaced_silently(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    en = str(SEEDS / f"{DOC}.en.txt")
    assert kopir(corpus, "align", DOC, "--en", en) == 0
    before = Corpus(corpus).path(DOC).read_bytes()
    assert kopir(corpus, "align", DOC, "--en", en) == 1
    assert "--replace" in capsys.readouterr().err
    assert Corpus(corpus).path(DOC).read_bytes() == before
    assert kopir(corpus, "align", DOC, "--en", en, "--replace") == 0


def test_realign_keeps_confirmed_beads(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kopir(corpus, "align", DOC, "--en", str(SEEDS / f"{DOC}.en.txt")) == 0
    store = Corpus(corpus)
    doc = store.load(DOC)
    alignment = Alignment.from_document(doc)
    # A translator regroups the first two beads into one and confirms it.
    edited = Confirm(0).apply(Merge(0).apply(alignment))
    doc.links = edited.to_links()
    store.save(doc)
    capsys.readouterr()
    assert kopir(corpus, "realign", DOC) == 0
    assert "1 confirmed kept" in capsys.readouterr().out
    after = Alignment.from_document(store.load(DOC))
    assert after.beads[0] == edited.beads[0] and after.beads[0].status == "confirmed"


def test_realign_keeps_beads_changed_by_hand(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """kopir realign DOC has no undo: a regrouping the translator made stays, as with --all."""
    assert kopir(corpus, "align", DOC, "--en", str(SEEDS / f"{DOC}.en.txt")) == 0
    store = Corpus(corpus)
    doc = store.load(DOC)
    # Two good 1-1 beads regrouped by hand into one 2-2 (not confirmed, no score).
    edited = Merge(2).apply(Alignment.from_document(doc))
    assert edited.beads[2].score is None and edited.beads[2].status != "confirmed"
    doc.links = edited.to_links()
    store.save(doc)
    capsys.readouterr()
    assert kopir(corpus, "realign", DOC) == 0
    assert "1 changed by hand kept" in capsys.readouterr().out
    after = Alignment.from_document(store.load(DOC))
    assert after.beads[2] == edited.beads[2]


def test_align_without_english_says_how(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kopir(corpus, "realign", DOC) == 1
    assert f"kopir align {DOC} --en FILE" in capsys.readouterr().err


def test_ingest_with_translations_aligns_the_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "c"
    assert kopir(root, "ingest", "-q", "--with-translations", str(SEEDS)) == 0
    assert capsys.readouterr().out.count("aligned ") == 5
    for doc_id in Corpus(root).ids():
        doc = Corpus(root).load(doc_id)
        assert doc.links and doc.en.sentences()
    assert kopir(root, "ingest", "-q", "--with-translations", str(SEEDS)) == 0
    assert "aligned " not in capsys.readouterr().out  # English already there: nothing redone


def test_import_and_align_changes_nothing_when_it_fails(corpus: Path) -> None:
    """An unreadable English file or a document open elsewhere: a clear error,
    the TEI file byte for byte as it was, and no lock left behind."""
    from align.document import import_and_align
    from corpus.errors import KopirError
    from corpus.storage.lock import hold

    store = Corpus(corpus)
    before = store.path(DOC).read_bytes()
    with pytest.raises(KopirError, match="cannot read"):
        import_and_align(store, DOC, corpus / "missing.en.txt")
    assert store.path(DOC).read_bytes() == before
    with hold(corpus, DOC), pytest.raises(KopirError, match="open in another kopir"):
        import_and_align(store, DOC, SEEDS / f"{DOC}.en.txt")
    assert store.path(DOC).read_bytes() == before
    warnings, report = import_and_align(store, DOC, SEEDS / f"{DOC}.en.txt")  # lock released
    assert report.startswith(f"{DOC}: 23 beads") and isinstance(warnings, list)
    assert len(store.load(DOC).links) == 23


def test_file_mode_prints_vecalign_beads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kk = tmp_path / "kk.txt"
    en = tmp_path / "en.txt"
    kk.write_text(
        "Қ. Тоқаев Брюссельге барды.\n2021 жылы 5 млрд теңге бөлінді.\nБұл жақсы.\n", "utf-8"
    )
    en.write_text(
        "Tokayev went to Brussels.\nIn 2021, 5 billion tenge was allocated. Good.\n", "utf-8"
    )
    assert main(["align", str(kk), str(en)]) == 0
    out = capsys.readouterr().out
    beads = parse_vecalign(out)
    assert [(b.kk, b.en) for b in beads] == [((0,), (0,)), ((1, 2), (1,))]
    assert all(b.score is not None for b in beads)
    assert main(["align", "--text", str(kk), str(en)]) == 0
    assert "    kk 0: Қ. Тоқаев Брюссельге барды." in capsys.readouterr().out


def test_replacing_the_english_keeps_confirmed_beads_whose_sentences_survive(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = SEEDS / f"{DOC}.en.txt"
    assert kopir(corpus, "align", DOC, "--en", str(english)) == 0
    store = Corpus(corpus)
    doc = store.load(DOC)
    alignment = Alignment.from_document(doc)
    for n in (0, 1, 5):
        alignment = Confirm(n).apply(alignment)
    doc.links = alignment.to_links()
    store.save(doc)
    texts = {s.id: s.text for s in doc.en.sentences()}
    changed = texts[alignment.beads[1].en[0]]
    revised = tmp_path / "revised.en.txt"
    revised.write_text(english.read_text("utf-8").replace(changed, "A new sentence."), "utf-8")
    capsys.readouterr()
    assert kopir(corpus, "align", DOC, "--en", str(revised), "--replace") == 0
    out, err = capsys.readouterr()
    assert "2 confirmed kept" in out
    assert "1 confirmed bead dropped" in err + out
    after = store.load(DOC)
    new_texts = {s.id: s.text for s in after.en.sentences()}
    confirmed = [b for b in Alignment.from_document(after).beads if b.status == "confirmed"]
    assert [[new_texts[i] for i in b.en] for b in confirmed] == [
        [texts[i] for i in alignment.beads[n].en] for n in (0, 5)
    ]
    assert [b.kk for b in confirmed] == [alignment.beads[n].kk for n in (0, 5)]


def test_replacing_the_english_keeps_a_confirmed_bead_with_english_only(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A confirmed 0-1 bead (English the Kazakh lacks, a translator's decision) whose
    sentence is in the new text is kept like any other confirmed bead, not dropped
    unannounced: a new user's --replace lost ten of them and was told nothing."""
    english = SEEDS / f"{DOC}.en.txt"
    assert kopir(corpus, "align", DOC, "--en", str(english)) == 0
    store = Corpus(corpus)
    doc = store.load(DOC)
    alignment = InsertEmpty(2, "kk").apply(Alignment.from_document(doc))  # bead 3: 0-1, 1-0
    for n in (0, 2, 3):
        alignment = Confirm(n).apply(alignment)
    assert not alignment.beads[2].kk and alignment.beads[2].en
    doc.links = alignment.to_links()
    store.save(doc)
    texts = {s.id: s.text for s in doc.en.sentences()}
    capsys.readouterr()
    assert kopir(corpus, "align", DOC, "--en", str(english), "--replace") == 0
    out, err = capsys.readouterr()
    assert "3 confirmed kept" in out, out
    assert "dropped" not in err + out
    after = store.load(DOC)
    new_texts = {s.id: s.text for s in after.en.sentences()}
    confirmed = [b for b in Alignment.from_document(after).beads if b.status == "confirmed"]
    assert [([*b.kk], [new_texts[i] for i in b.en]) for b in confirmed] == [
        ([*alignment.beads[n].kk], [texts[i] for i in alignment.beads[n].en]) for n in (0, 2, 3)
    ]


def test_realign_says_whether_beads_moved_or_only_confidences_were_refreshed(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the words kopir realign --all uses: moved, refreshed, or left as it was."""
    from corpus.model import Link

    assert kopir(corpus, "align", DOC, "--en", str(SEEDS / f"{DOC}.en.txt")) == 0
    capsys.readouterr()
    assert kopir(corpus, "realign", DOC) == 0
    assert capsys.readouterr().out.rstrip().endswith("; left as it was")
    store = Corpus(corpus)
    doc = store.load(DOC)
    doc.links = [Link(link.kk, link.en, link.status, 0.5) for link in doc.links]
    store.save(doc)
    assert kopir(corpus, "realign", DOC) == 0
    assert capsys.readouterr().out.rstrip().endswith("; no bead moved, confidences refreshed")
    doc = store.load(DOC)  # two proposed beads become one, as a weak proposal would have it
    first, second = doc.links[3], doc.links[4]
    merged = Link(first.kk + second.kk, first.en + second.en, "auto", 0.2)
    doc.links = [*doc.links[:3], merged, *doc.links[5:]]
    store.save(doc)
    assert kopir(corpus, "realign", DOC) == 0
    assert capsys.readouterr().out.rstrip().endswith("; 2 beads moved")
