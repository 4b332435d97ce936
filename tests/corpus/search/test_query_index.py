"""The search index: built from the TEI files, kept fresh, rebuilt when lost or damaged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from corpus.errors import KopirError
from corpus.search.budget import SearchCancelled
from corpus.search.index import INDEX_DIR, INDEX_NAME, Index
from corpus.search.plan import Query
from corpus.search.query import QueryEngine, search
from corpus.search.rows import PARALLEL_FROM, indexed_units
from corpus.search.searchtext import TOKENIZER, count_tokens, tokens
from corpus.search.tables import build_signature
from corpus.storage.store import Corpus
from tests.helpers import NEWS, REPO, SEEDS, make_corpus, query_doc
from tui.cli.main import main


def everything(corpus: Corpus) -> list[tuple[str, int | None, str, str, str]]:
    """Every unit the index finds for a broad query, as plain data."""
    hits = search(corpus, Query(text="the OR a OR и OR Тоқаев* OR Қазақстан*"), limit=None).hits
    return [(h.doc, h.bead, h.status, h.kk, h.en) for h in hits]


def test_index_lives_in_the_corpus_and_is_only_derived(news: Corpus) -> None:
    before = everything(news)
    path = news.root / INDEX_DIR / INDEX_NAME
    assert path.is_file()
    assert news.ids() == ["a_news", "b_news"]  # the index folder is not a document
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert everything(news) == before  # deleted: rebuilt, same results


def test_many_new_documents_are_indexed_when_stderr_has_no_file(tmp_path: Path) -> None:
    """Inside the Textual app ``sys.stderr`` is a capture whose ``fileno()`` is -1: an
    update reading many documents in worker processes crashed the app's first search
    ("bad value(s) in fds_to_keep"). Run in a fresh interpreter: once multiprocessing's
    resource tracker is running the problem cannot show.
    """
    docs = {
        f"d{n:02d}": [(f"Бүгін {n} кітап келді.", f"Today {n} books came.")]
        for n in range(PARALLEL_FROM + 1)
    }
    corpus = make_corpus(tmp_path / "c", docs)
    script = textwrap.dedent(
        f"""
        import os
        import sys
        import traceback
        from pathlib import Path
        from corpus.search.plan import Query
        from corpus.search.query import search
        from corpus.storage.store import Corpus

        class Capture:  # what Textual puts in place of sys.stderr
            def write(self, text): return len(text)
            def flush(self): pass
            def fileno(self): return -1

        os.cpu_count = lambda: 2  # worker processes whatever the machine
        sys.stderr = Capture()
        try:
            print(search(Corpus(Path({str(corpus.root)!r})), Query(en="books")).total)
        except Exception:
            traceback.print_exc(file=sys.stdout)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert done.stdout.strip() == str(len(docs)), done.stdout + done.stderr


def test_closing_the_engine_stops_an_index_update_under_way(tmp_path: Path) -> None:
    """Quitting the app during a first search's index build waited for the whole build
    (7 s on 300 documents, minutes on a large corpus): close() stops it at the next
    document, keeps nothing half built, and a later engine builds it all."""
    docs = {f"d{n}": [(f"Бүгін {n} кітап келді.", f"Today {n} books came.")] for n in range(6)}
    corpus = make_corpus(tmp_path / "c", docs)
    engine = QueryEngine(corpus)
    closer = threading.Thread(target=engine.close)
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 1:  # the app quits while the first document is being indexed
            closer.start()
            deadline = time.monotonic() + 5
            while not getattr(engine, "closing", False) and time.monotonic() < deadline:
                time.sleep(0.01)

    engine.index.progress = progress
    with pytest.raises(SearchCancelled):
        engine.search(Query(en="books"))
    closer.join(10)
    assert not closer.is_alive() and seen == [1]
    with QueryEngine(corpus) as again:
        assert again.search(Query(en="books")).total == len(docs)


def test_edit_add_touch_and_delete_documents(news: Corpus) -> None:
    engine = QueryEngine(news)
    assert engine.search(Query(kk="Абай")).total == 0
    doc = news.load("b_news")
    doc.kk.blocks[0].sentences[0] = doc.kk.blocks[0].sentences[0].plain("kk.s1", "Абай жолы.")
    news.save(doc)
    assert engine.search(Query(kk="Абай")).total == 1  # edited: new hit at once
    assert engine.last_update is not None and engine.last_update.updated == 1
    assert engine.search(Query(kk="Қазақстанның")).total == 0  # and the old text is gone

    news.save(query_doc("c_new", [("Абай туралы.", "About Abai.")]))
    assert engine.search(Query(kk="Абай")).total == 2
    assert engine.last_update is not None and engine.last_update.added == 1

    path = news.path("c_new")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert engine.search(Query(kk="Абай")).total == 2  # touched, same bytes: not re-read
    assert engine.last_update is not None
    assert (engine.last_update.updated, engine.last_update.unchanged) == (0, 3)

    path.unlink()
    assert engine.search(Query(kk="Абай")).total == 1  # deleted: its hits are gone
    assert engine.last_update is not None and engine.last_update.removed == 1
    assert engine.search(Query(kk="Абай")).total == 1
    assert engine.last_update is not None and not engine.last_update.changed


def test_another_engine_sees_changes_made_elsewhere(news: Corpus) -> None:
    reader, writer = QueryEngine(news), QueryEngine(news)
    assert reader.search(Query(kk="Абай")).total == 0
    news.save(query_doc("c_new", [("Абай туралы.", "About Abai.")]))
    assert writer.search(Query(kk="Абай")).total == 1
    assert reader.search(Query(kk="Абай")).total == 1  # the reader's cache is not stale
    assert reader.last_update is not None and not reader.last_update.changed


def test_unchanged_corpus_is_not_rewritten(news: Corpus) -> None:
    search(news, Query(kk="Тоқаев"))
    path = news.root / INDEX_DIR / INDEX_NAME
    generation = (
        sqlite3.connect(path).execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    )
    search(news, Query(kk="Тоқаев"))
    again = (
        sqlite3.connect(path).execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    )
    assert generation == again


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "zeroed middle", "old schema", "half built", "no meta"],
)
def test_damaged_index_is_rebuilt_with_a_clear_message(news: Corpus, damage: str) -> None:
    before = everything(news)
    engine = QueryEngine(news)
    engine.close()
    path = news.root / INDEX_DIR / INDEX_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "zeroed middle":
        path.write_bytes(data[:4096] + bytes(len(data) - 8192) + data[-4096:])
    else:
        conn = sqlite3.connect(path)
        if damage == "old schema":
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
        elif damage == "half built":
            conn.execute("DELETE FROM meta WHERE key = 'complete'")
        else:
            conn.execute("DROP TABLE meta")
        conn.commit()
        conn.close()
    engine = QueryEngine(news)
    results = engine.search(Query(text="the OR a OR и OR Тоқаев* OR Қазақстан*"), limit=None)
    assert [(h.doc, h.bead, h.status, h.kk, h.en) for h in results.hits] == before
    assert engine.last_update is not None
    notes = " ".join(results.warnings)
    assert "rebuilt the search index" in notes, damage
    assert "\n" not in notes


def test_damage_found_while_reading_is_repaired_once(news: Corpus) -> None:
    """An index whose header and meta table are fine but whose text is not: rebuilt mid-query."""
    before = everything(news)
    engine = QueryEngine(news)
    engine.refresh()
    conn = engine.index.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    roots = [
        root
        for (root,) in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name IN ('units', 'words_data')"
        )
    ]
    assert len(roots) == 2 and 1 not in roots
    with open(engine.index.path, "r+b") as handle:  # an impossible b-tree page type
        for root in roots:
            handle.seek((root - 1) * page_size)
            handle.write(b"\x07" * 16)
    results = engine.search(Query(text="the OR a OR и OR Тоқаев* OR Қазақстан*"), limit=None)
    assert [(h.doc, h.bead, h.status, h.kk, h.en) for h in results.hits] == before
    assert [w for w in results.warnings if "rebuilt the search index" in w] == [
        w for w in results.warnings if "damaged" in w
    ]
    assert any("the index file was damaged" in w for w in results.warnings)


def test_interrupted_build_is_rolled_back(news: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.search.index

    before = everything(news)
    index = Index(news)
    index.refresh()
    news.save(query_doc("c_new", [("Абай туралы.", "About Abai.")]))

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(corpus.search.index, "fill_search_tables", crash)
    monkeypatch.setattr(corpus.search.index, "insert_document", crash)
    with pytest.raises(KeyboardInterrupt):
        index.refresh()
    monkeypatch.undo()
    index.close()
    # The old index is whole (the update was one transaction, rolled back) ...
    conn = sqlite3.connect(news.root / INDEX_DIR / INDEX_NAME)
    assert [n for (n,) in conn.execute("SELECT name FROM docs ORDER BY name")] == [
        "a_news",
        "b_news",
    ]
    assert conn.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone() == ("1",)
    conn.close()
    # ... and the next search brings it up to date.
    assert search(news, Query(kk="Абай")).total == 1
    assert everything(news) == before


def test_unreadable_document_is_reported_and_the_rest_stays_searchable(news: Corpus) -> None:
    broken = news.root / "c_broken.xml"
    broken.write_bytes(b"<TEI><teiHeader>")
    engine = QueryEngine(news)
    results = engine.search(Query(kk="Тоқаев*"))
    assert results.total == 3
    assert any(w.startswith("c_broken is not searchable:") for w in results.warnings)
    again = engine.search(Query(kk="Тоқаев*"))  # still said while the file is broken
    assert any("c_broken" in w for w in again.warnings)
    news.save(query_doc("c_broken", [("Тоқаев қайтты.", "Tokayev returned.")]))
    fixed = engine.search(Query(kk="Тоқаев*"))
    assert fixed.total == 4 and fixed.warnings == []


def test_index_that_cannot_be_written_is_a_one_line_error(news: Corpus) -> None:
    folder = news.root / INDEX_DIR
    assert not folder.exists()
    folder.write_text("not a folder")  # as good as a read-only corpus, even for root
    with pytest.raises(KopirError, match="cannot write the search index in") as caught:
        search(news, Query(kk="Тоқаев"))
    assert "\n" not in str(caught.value)


def test_a_full_disk_at_opening_keeps_the_index(
    news: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a full disk SQLite cannot make the WAL index's shared-memory file, so opening
    it fails (SQLITE_IOERR_SHMSIZE, seen on a full tmpfs). That is no damage: a search or
    ``kopir stats`` once took it for one, deleted the sound index and failed to build
    another, leaving an empty file."""
    import corpus.search.index

    search(news, Query(kk="x"))
    path = news.root / INDEX_DIR / INDEX_NAME
    before = path.read_bytes()

    class FullDisk:
        def execute(self, *args: object) -> None:
            exc = sqlite3.OperationalError("disk I/O error")
            exc.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
            raise exc

        def close(self) -> None:
            pass

    monkeypatch.setattr(corpus.search.index, "connect", lambda path: FullDisk())
    with pytest.raises(KopirError, match="cannot open the search index") as caught:
        Index(news).refresh()
    assert "\n" not in str(caught.value) and "kept" in str(caught.value)
    assert path.read_bytes() == before
    monkeypatch.undo()
    assert search(news, Query(kk="Тоқаев*")).total == 3


def test_rebuild_gives_the_same_results_and_keeps_serving_readers(news: Corpus) -> None:
    reader = QueryEngine(news)
    before = reader.search(Query(kk="Тоқаев*"), limit=None).hits
    report = QueryEngine(news).refresh(rebuild=True)
    assert report.rebuilt == "asked" and report.added == 2
    assert reader.search(Query(kk="Тоқаев*"), limit=None).hits == before


def test_index_records_what_it_was_built_with(news: Corpus) -> None:
    search(news, Query(kk="x"))
    conn = sqlite3.connect(news.root / INDEX_DIR / INDEX_NAME)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert {k: meta[k] for k in build_signature()} == build_signature()
    assert meta["sqlite"] == sqlite3.sqlite_version
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_document_units_cover_every_sentence_once(tmp_path: Path) -> None:
    doc = query_doc("d", [("Бір.", "One."), ("Екі.", "Two."), ("Үш.", "")])
    doc.links = doc.links[:1]  # the rest is not aligned yet
    units = indexed_units(doc)
    assert [(u.position, u.bead, u.status, u.kk, u.en) for u in units] == [
        (0, 0, "auto", "Бір.", "One."),
        (1, None, "unaligned", "Екі.", ""),
        (2, None, "unaligned", "Үш.", ""),
        (3, None, "unaligned", "", "Two."),
    ]


# ---------------------------------------------------------------- agreement with SQLite


def test_python_words_are_the_index_words_on_the_seed_corpus(tmp_path: Path) -> None:
    """Highlighting, frequencies and collocates cut text exactly as FTS5 does."""
    corpus_dir = tmp_path / "c"
    assert (
        main(["--corpus", str(corpus_dir), "ingest", "--quiet", "--with-translations", str(SEEDS)])
        == 0
    )
    corpus = Corpus(corpus_dir)
    engine = QueryEngine(corpus)
    engine.refresh()
    conn = engine.index.conn
    conn.execute("CREATE VIRTUAL TABLE temp.inst USING fts5vocab(main, words, 'instance')")
    from_sqlite: Counter[tuple[str, str]] = Counter(
        (col, term)
        for term, col in conn.execute("SELECT term, col FROM temp.inst WHERE col IN ('kk', 'en')")
    )
    # FTS5 also indexes a hyphen standing alone (a dash typed as "-"): no query can ask for
    # it (a query's words come from the same Python tokens), so it is not a word here.
    lone_hyphens = {key: n for key, n in from_sqlite.items() if not key[1].strip("-")}
    assert lone_hyphens == {("kk", "-"): 9}
    from_sqlite -= Counter(lone_hyphens)
    from_python: Counter[tuple[str, str]] = Counter()
    for kk, en in conn.execute("SELECT kk, en FROM units"):
        from_python.update(("kk", t.norm) for t in tokens(kk))
        from_python.update(("en", t.norm) for t in tokens(en))
    assert sum(from_python.values()) > 10_000
    assert from_python == from_sqlite
    total = conn.execute("SELECT sum(kk_tokens), sum(en_tokens) FROM units").fetchone()
    assert total == (sum(n for (c, _), n in from_python.items() if c == "kk"),
                     sum(n for (c, _), n in from_python.items() if c == "en"))  # fmt: skip
    assert count_tokens("Қасым-Жомарт Тоқаев_2021 it's") == 5  # a hyphenated word is one


def test_the_sqlite_features_the_search_depends_on() -> None:
    """FTS5, unicode61 without diacritic folding, and trigram MATCH behave as relied on here."""
    conn = sqlite3.connect(":memory:")
    assert tuple(int(x) for x in sqlite3.sqlite_version.split(".")) >= (3, 34, 0)
    conn.execute(f'CREATE VIRTUAL TABLE w USING fts5(t, tokenize="{TOKENIZER}")')
    conn.executemany("INSERT INTO w VALUES (?)", [("ҚАЗАҚ",), ("қазақ",), ("казак",), ("әлем",)])
    found = conn.execute("SELECT t FROM w WHERE w MATCH '\"қазақ\"'").fetchall()
    assert sorted(found) == [("ҚАЗАҚ",), ("қазақ",)]
    assert conn.execute("SELECT t FROM w WHERE w MATCH '\"алем\"'").fetchall() == []
    conn.execute(
        "CREATE VIRTUAL TABLE g USING fts5("
        "t, content='', detail=none, tokenize='trigram case_sensitive 1')"
    )
    conn.execute("INSERT INTO g(rowid, t) VALUES (1, 'қазақстан республикасы')")
    assert conn.execute('SELECT rowid FROM g WHERE g MATCH \'"ақс" AND "тан"\'').fetchall() == [
        (1,)
    ]
    # Shorter than a trigram finds nothing: the prefilter never asks for that.
    assert conn.execute("SELECT rowid FROM g WHERE g MATCH '\"ақ\"'").fetchall() == []
    # A contentless row is deleted by giving its text again.
    conn.execute("INSERT INTO g(g, rowid, t) VALUES ('delete', 1, 'қазақстан республикасы')")
    assert conn.execute("SELECT rowid FROM g WHERE g MATCH '\"ақс\"'").fetchall() == []
    # Case-insensitive LIKE on a trigram table misses Cyrillic capitals on this SQLite:
    # kopir never uses LIKE for search (MATCH only).
    conn.execute("CREATE VIRTUAL TABLE t3 USING fts5(t, tokenize='trigram')")
    conn.execute("INSERT INTO t3 VALUES ('ҚАЗАҚСТАН')")
    assert conn.execute("SELECT count(*) FROM t3 WHERE t3 MATCH '\"азақ\"'").fetchone() == (1,)


def test_two_processes_building_at_once_both_succeed(tmp_path: Path) -> None:
    """Writers take turns (a lock file); the second finds the index built and just reads it."""
    import subprocess
    import sys

    from tests.helpers import REPO

    corpus = make_corpus(tmp_path / "c", {f"d{i:02d}": NEWS["a_news"] for i in range(20)})
    script = (
        "import sys; from pathlib import Path; from corpus.storage.store import Corpus; "
        "from corpus.search.plan import Query; from corpus.search.query import QueryEngine; "
        "e = QueryEngine(Corpus(Path(sys.argv[1]))); "
        "print(e.search(Query(kk='Тоқаев*')).total)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(corpus.root)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["40", "40", "40"]
    assert all(err == "" for _, err in results)
    assert everything(corpus)[:2] == [
        ("d00", 0, "auto", NEWS["a_news"][0][0], NEWS["a_news"][0][1]),
        ("d00", 1, "auto", NEWS["a_news"][1][0], NEWS["a_news"][1][1]),
    ]
