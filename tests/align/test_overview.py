"""The corpus overview (documents screen): the counts of a full check, reading only changes."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from align.formats.unit_reader import DocumentUnits
from align.model import WEAK_BELOW, Alignment
from align.overview import MAX_KEPT_BYTES, CorpusOverview
from align.qa import calibrate, check_document, count_by_severity, load_config
from align.qa.run import check_apart
from align.review import set_review_cut
from align.summary import summarize
from corpus.model import Document, Sentence
from corpus.storage.store import Corpus


def full_check(corpus: Corpus) -> tuple[dict[str, object], dict[str, dict[str, int]]]:
    """What the documents screen showed before the overview: every document read and checked."""
    config = load_config(corpus.root)
    calibration = calibrate(corpus, config.min_pairs)
    summaries, quality = {}, {}
    for doc_id in corpus.ids():
        doc = corpus.load(doc_id)
        summaries[doc_id] = summarize(doc, WEAK_BELOW)
        if doc.links:
            quality[doc_id] = count_by_severity(check_document(doc, config, calibration))
    return summaries, quality


def test_apart_then_completed_is_exactly_check_document(seed_corpus: Path) -> None:
    corpus = Corpus(seed_corpus)
    config = load_config(corpus.root)
    calibration = calibrate(corpus, config.min_pairs)
    for doc_id in corpus.ids():
        doc = corpus.load(doc_id)
        apart = check_apart(DocumentUnits.of(doc), config)
        assert apart.complete(config, calibration) == check_document(doc, config, calibration)


def test_the_overview_reads_only_what_changed_and_counts_as_a_full_check(
    seed_corpus: Path,
) -> None:
    corpus = Corpus(seed_corpus)
    overview = CorpusOverview(corpus)
    first = overview.refresh()
    assert first.read == 5 and not first.errors
    assert (first.summaries, first.quality) == full_check(corpus)

    again = overview.refresh()  # back from Help, the query screen: nothing to read
    assert again.read == 0 and (again.summaries, again.quality) == full_check(corpus)

    # A translator doubles one English sentence's length: that document is read
    # again, and the calibration moves for all of them.
    doc_id = corpus.ids()[0]
    doc = corpus.load(doc_id)
    block = next(b for b in doc.en.blocks if b.sentences)
    first_sentence = block.sentences[0]
    block.sentences[0] = Sentence.plain(first_sentence.id, (first_sentence.text + " ") * 9)
    corpus.save(doc)
    edited = overview.refresh()
    assert edited.read == 1
    assert (edited.summaries, edited.quality) == full_check(corpus)
    assert edited.quality[doc_id] != first.quality[doc_id]


def test_each_document_is_made_into_beads_once(
    seed_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its summary and its units made the stored alignment twice over (a first kopir
    stats on a large corpus reads every document)."""
    corpus = Corpus(seed_corpus)
    made: list[str] = []
    original = Alignment.from_document.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Alignment], doc: Document) -> Alignment:
        made.append(doc.id)
        return original(cls, doc)

    monkeypatch.setattr(Alignment, "from_document", classmethod(counted))
    first = CorpusOverview(corpus).refresh()
    assert sorted(made) == corpus.ids() and first.read == 5
    monkeypatch.undo()
    assert (first.summaries, first.quality) == full_check(corpus)


def test_removed_broken_and_reconfigured_corpora(seed_corpus: Path) -> None:
    corpus = Corpus(seed_corpus)
    overview = CorpusOverview(corpus)
    overview.refresh()
    gone, broken = corpus.ids()[:2]
    corpus.path(gone).unlink()
    corpus.path(broken).write_bytes(b"<TEI><unclosed>")
    result = overview.refresh()
    assert gone not in result.summaries and broken not in result.summaries
    assert len(result.errors) == 1 and broken in result.errors[0]
    assert result.read == 1  # only the broken file was tried; the others were known

    (seed_corpus / "kopir.toml").write_text("[checks.unconfirmed]\nenabled = false\n", "utf-8")
    before = result.quality
    reconfigured = overview.refresh()
    assert reconfigured.read == 4  # another configuration: all read again (the broken one too)
    assert reconfigured.quality == full_check_without(corpus, broken)
    assert reconfigured.quality != before

    (seed_corpus / "kopir.toml").write_text("[checks\n", "utf-8")
    bad = overview.refresh()
    assert bad.quality == {} and any("kopir.toml" in e for e in bad.errors)
    assert set(bad.summaries) == set(result.summaries)


def full_check_without(corpus: Corpus, skip: str) -> dict[str, dict[str, int]]:
    config = load_config(corpus.root)
    docs = [corpus.load(d) for d in corpus.ids() if d != skip]
    calibration = calibrate(docs, config.min_pairs)
    return {d.id: count_by_severity(check_document(d, config, calibration)) for d in docs}


def test_refreshes_from_several_threads_take_turns(seed_corpus: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    overview = CorpusOverview(Corpus(seed_corpus))
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: overview.refresh(), range(4)))
    assert sum(r.read for r in results) == 5  # each document read once in all
    assert all(r.quality == results[0].quality for r in results)


def test_a_new_review_cut_recounts_the_weak_beads(seed_corpus: Path) -> None:
    corpus = Corpus(seed_corpus)
    overview = CorpusOverview(corpus)
    first = overview.refresh()
    set_review_cut(corpus.root, 1.0)  # every proposed bead is weak
    after = overview.refresh()
    assert after.read == 5, "the cut changed every document's counts: all read again"
    for doc_id, summary in after.summaries.items():
        assert summary.weak == summary.beads - summary.confirmed
        assert summary.weak >= first.summaries[doc_id].weak
    assert sum(s.weak for s in after.summaries.values()) > sum(
        s.weak for s in first.summaries.values()
    )
    (seed_corpus / "kopir.toml").write_text("[review]\nweak-below = 2\n", "utf-8")
    broken = overview.refresh()  # said, and the documents still listed at the default cut
    assert len(broken.errors) == 1 and "review.weak-below" in broken.errors[0]
    assert broken.summaries == first.summaries


def test_the_review_cut_holds_when_only_the_checks_settings_are_broken(seed_corpus: Path) -> None:
    # The editor reads the cut alone (Session), so a misspelt check left its w at 1.0 while
    # the documents screen and kopir stats counted weak beads at the default 0.5.
    (seed_corpus / "kopir.toml").write_text(
        "[checks.no-such-check]\nenabled = false\n\n[review]\nweak-below = 1.0\n", "utf-8"
    )
    found = CorpusOverview(Corpus(seed_corpus)).refresh()
    assert len(found.errors) == 1 and "no-such-check" in found.errors[0]
    assert found.quality == {}, "no checks run on settings kopir cannot read"
    assert found.weak_below == 1.0
    for summary in found.summaries.values():
        assert summary.weak == summary.beads - summary.confirmed


def test_the_next_run_reads_only_what_changed_since_the_last(seed_corpus: Path) -> None:
    """kopir stats and the app's next start: what one overview read is kept in .kopir/."""
    corpus = Corpus(seed_corpus)
    assert CorpusOverview(corpus).refresh().read == 5
    kept = seed_corpus / ".kopir" / "overview.json"
    assert kept.is_file()
    again = CorpusOverview(corpus).refresh()  # another process, the next day
    assert again.read == 0 and not again.errors
    assert (again.summaries, again.quality) == full_check(corpus)

    doc_id = corpus.ids()[1]
    doc = corpus.load(doc_id)
    block = next(b for b in doc.en.blocks if b.sentences)
    block.sentences[0] = Sentence.plain(block.sentences[0].id, "Short.")
    corpus.save(doc)
    corpus.path(corpus.ids()[0]).unlink()
    edited = CorpusOverview(corpus).refresh()
    assert edited.read == 1, "only the document saved since is read"
    assert (edited.summaries, edited.quality) == full_check(corpus)
    assert CorpusOverview(corpus).refresh().read == 0  # the removal and the edit were kept


def test_kept_figures_are_taken_only_as_made_and_a_bad_file_is_no_error(
    seed_corpus: Path, tmp_path: Path
) -> None:
    corpus = Corpus(seed_corpus)
    CorpusOverview(corpus).refresh()
    kept = seed_corpus / ".kopir" / "overview.json"

    copy = tmp_path / "copy"  # copied or unpacked elsewhere: other files, read again
    shutil.copytree(seed_corpus, copy)
    assert CorpusOverview(Corpus(copy)).refresh().read == 5

    (seed_corpus / "kopir.toml").write_text("[checks.unconfirmed]\nenabled = false\n", "utf-8")
    reconfigured = CorpusOverview(corpus).refresh()  # other settings: every count is stale
    assert reconfigured.read == 5 and reconfigured.quality == full_check(corpus)[1]

    for damage in (b"{not json", b"[]", b'{"key": 1}'):
        kept.write_bytes(damage)
        found = CorpusOverview(corpus).refresh()
        assert found.read == 5 and not found.errors
        assert (found.summaries, found.quality) == full_check(corpus)

    entries = json.loads(kept.read_text("utf-8"))
    first = corpus.ids()[0]
    entries["documents"][first][2][0] = {"error": "many"}  # one damaged entry: that one is read
    kept.write_text(json.dumps(entries), "utf-8")
    assert CorpusOverview(corpus).refresh().read == 1

    outside = tmp_path / "precious.txt"  # a link planted in .kopir/ is neither read nor written
    outside.write_text("keep me\n", "utf-8")
    kept.unlink()
    kept.symlink_to(outside)
    assert CorpusOverview(corpus).refresh().read == 5
    assert outside.read_text("utf-8") == "keep me\n" and kept.is_symlink()
    kept.unlink()
    os.mkfifo(kept)  # nor a FIFO, which would never answer
    assert CorpusOverview(corpus).refresh().read == 5
    assert stat.S_ISFIFO(kept.lstat().st_mode)


def test_kept_figures_nested_too_deep_are_read_again_not_a_crash(seed_corpus: Path) -> None:
    """A damaged overview.json of 100,000 nested brackets made 'kopir stats' end in
    'unexpected RecursionError … (a bug in kopir)': the JSON reader recurses."""
    corpus = Corpus(seed_corpus)
    CorpusOverview(corpus).refresh()
    kept = seed_corpus / ".kopir" / "overview.json"
    kept.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    found = CorpusOverview(corpus).refresh()
    assert found.read == 5 and not found.errors
    assert (found.summaries, found.quality) == full_check(corpus)


def test_kept_figures_over_the_size_limit_are_read_again_not_loaded(seed_corpus: Path) -> None:
    """A 60 MB overview.json was read whole (349 MB of memory): one over the limit, far
    above what 20,000 documents make (12.5 MB), is not read, whatever it holds, and is
    kept anew at its right size."""
    corpus = Corpus(seed_corpus)
    CorpusOverview(corpus).refresh()
    kept = seed_corpus / ".kopir" / "overview.json"
    made = kept.read_bytes()
    assert MAX_KEPT_BYTES > 12_500_000
    kept.write_bytes(made + b" " * (MAX_KEPT_BYTES + 1 - len(made)))  # still the right figures
    found = CorpusOverview(corpus).refresh()
    assert found.read == 5 and not found.errors
    assert (found.summaries, found.quality) == full_check(corpus)
    assert kept.read_bytes() == made
    assert CorpusOverview(corpus).refresh().read == 0
