"""The index's tables: their schema, and writing and dropping one document's rows.

Tables: ``docs`` (one row per TEI file: its size, mtime and SHA-256, header facts and
counts for ``kopir stats``), ``units`` (the text, and each side's lemmas and parts of
speech as ``kk_m``/``en_m``, and the second lemmas some Kazakh words also have as
``kk_a``, and the Kazakh words' UD features as ``kk_f``: see ``corpus.search.morphtext``),
``words`` (FTS5
``unicode61`` over units' text and morph text, external content: the view ``unit_words``,
where a Kazakh text printed in another script is its Cyrillic reading ``kk_read``,
:mod:`corpus.search.reading`, and its printed words are ``kk_p``), ``folds`` and
``fold_words`` (the look-alike-repaired text of the few units that need it), and
``tri_kk``/``tri_en`` (contentless trigram indexes for the regular-expression
prefilter), all without per-row sizes (``columnsize=0``: kopir does not rank by BM25,
so the sizes would only cost writes). A unit's id is
``doc key << 24 | position``, so id order is document order and a document's units are one
id range. :class:`~corpus.search.index.Index` decides what to write and when.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import regex

from corpus import morphology
from corpus.search.rows import MAX_UNITS, POSITION_BITS, Prepared
from corpus.search.searchtext import TOKENIZER, doubtful_sides, trigram_text

#: 7: --fold also folds Cyrillic-letter Roman numerals (ХХІ ~ XXI) in the stored fold text.
#: 8: a unit's sentences are joined by ``searchtext.SENTENCE_BREAK``, not a space.
#: 9: ``doubtful``: the documents whose text of a side holds a ``searchtext.DOUBTFUL``
#: character (a regular expression is counted in the vocabulary only without them).
#: 10: ``kk_a``: the Kazakh words' second lemmas (``morphtext``'s also text).
#: 11: ``units.kk_read``: Kazakh printed in the Latin alphabet or the Arabic script read
#: into Cyrillic (``corpus.search.reading``); the word table indexes it as ``kk`` and the
#: printed words not spelt as read as ``kk_p`` (``reading.printed_words``), via ``unit_words``
#: (``fold_words`` has an empty ``kk_p``, so one query serves both tables).
#: 12: a Roman numeral of Cyrillic and Latin capitals (``ХХV``) folds to the Latin numeral
#: (``homoglyphs.find_homoglyphs``), not to a Cyrillic word by the keyboard (``ХХМ``).
#: 13: ``kk_f``: the Kazakh words' UD features (``morphtext``'s feature text), for
#: feature queries (``Case=Abl``).
SCHEMA_VERSION = 13
#: Bytes of pending FTS5 data held in memory before a segment is written.
FTS_HASH = 32 * 1024 * 1024
#: Joins a document's unit texts in ``scan_texts``: a control character that
#: indexed text never holds (``searchtext.clean`` makes it a space).
SCAN_SEPARATOR = "\x1f"

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs(
    key INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    error TEXT,
    title TEXT NOT NULL DEFAULT '',
    date TEXT,
    kk_sentences INTEGER NOT NULL DEFAULT 0,
    en_sentences INTEGER NOT NULL DEFAULT 0,
    kk_tokens INTEGER NOT NULL DEFAULT 0,
    en_tokens INTEGER NOT NULL DEFAULT 0,
    beads INTEGER NOT NULL DEFAULT 0,
    confirmed INTEGER NOT NULL DEFAULT 0,
    bead_types TEXT NOT NULL DEFAULT '{{}}',
    unaligned_kk INTEGER NOT NULL DEFAULT 0,
    unaligned_en INTEGER NOT NULL DEFAULT 0,
    units INTEGER NOT NULL DEFAULT 0,
    kk_units INTEGER NOT NULL DEFAULT 0,
    en_units INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE units(
    id INTEGER PRIMARY KEY,
    bead INTEGER,
    status TEXT NOT NULL,
    score REAL,
    kk_ids TEXT NOT NULL,
    en_ids TEXT NOT NULL,
    kk TEXT NOT NULL,
    en TEXT NOT NULL,
    kk_tokens INTEGER NOT NULL,
    en_tokens INTEGER NOT NULL,
    kk_m TEXT NOT NULL,
    en_m TEXT NOT NULL,
    kk_a TEXT NOT NULL,
    kk_read TEXT,
    kk_p TEXT,
    kk_f TEXT NOT NULL
);
CREATE INDEX units_read ON units(id) WHERE kk_read IS NOT NULL;
CREATE VIEW unit_words AS
    SELECT id, coalesce(kk_read, kk) AS kk, en, status, kk_m, en_m, kk_a,
    coalesce(kk_p, '') AS kk_p, kk_f FROM units;
CREATE TABLE scan_texts(
    key INTEGER PRIMARY KEY, kk TEXT NOT NULL, en TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE doubtful(key INTEGER NOT NULL, side TEXT NOT NULL, PRIMARY KEY (key, side));
CREATE TABLE folds(
    id INTEGER PRIMARY KEY, kk TEXT NOT NULL, en TEXT NOT NULL, status TEXT NOT NULL,
    kk_p TEXT NOT NULL DEFAULT '');
CREATE VIRTUAL TABLE words USING fts5(
    kk, en, status, kk_m, en_m, kk_a, kk_p, kk_f,
    content='unit_words', content_rowid='id', columnsize=0, tokenize="{TOKENIZER}");
CREATE VIRTUAL TABLE fold_words USING fts5(
    kk, en, status, kk_p,
    content='folds', content_rowid='id', columnsize=0, tokenize="{TOKENIZER}");
CREATE VIRTUAL TABLE tri_kk USING fts5(
    t, content='', detail=none, columnsize=0, tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE tri_en USING fts5(
    t, content='', detail=none, columnsize=0, tokenize='trigram case_sensitive 1');
CREATE VIRTUAL TABLE vocab USING fts5vocab(words, 'col');
"""


def build_signature() -> dict[str, str]:
    """What the index depends on besides the TEI: a change means a rebuild."""
    return {
        "schema": str(SCHEMA_VERSION),
        "sqlite": sqlite3.sqlite_version,
        "unicode": unicodedata.unidata_version,
        "regex": regex.__version__,  # its case folding is the trigram form
        "morphology": morphology.version(),  # the lemmas and tags in kk_m, en_m
    }


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    conn.create_function("kopir_trigram", 1, trigram_text, deterministic=True)
    return conn


def clear_tables(conn: sqlite3.Connection) -> None:
    for table in ("words", "fold_words", "tri_kk", "tri_en"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    for table in ("units", "folds", "scan_texts", "doubtful", "docs"):
        conn.execute(f"DELETE FROM {table}")


def drop_document(conn: sqlite3.Connection, key: int) -> None:
    """Remove a document's units from every table (search tables first: they need the text)."""
    lo, hi = key << POSITION_BITS, ((key + 1) << POSITION_BITS) - 1
    conn.execute(
        "INSERT INTO words(words, rowid, kk, en, status, kk_m, en_m, kk_a, kk_p, kk_f) "
        "SELECT 'delete', id, kk, en, status, kk_m, en_m, kk_a, kk_p, kk_f FROM unit_words "
        "WHERE id BETWEEN ? AND ?",
        (lo, hi),
    )
    conn.execute(
        "INSERT INTO fold_words(fold_words, rowid, kk, en, status, kk_p) "
        "SELECT 'delete', id, kk, en, status, kk_p FROM folds WHERE id BETWEEN ? AND ?",
        (lo, hi),
    )
    for side in ("kk", "en"):
        conn.execute(
            f"INSERT INTO tri_{side}(tri_{side}, rowid, t) "
            f"SELECT 'delete', id, kopir_trigram({side}) FROM units "
            f"WHERE id BETWEEN ? AND ? AND {side} != ''",
            (lo, hi),
        )
    conn.execute("DELETE FROM folds WHERE id BETWEEN ? AND ?", (lo, hi))
    conn.execute("DELETE FROM units WHERE id BETWEEN ? AND ?", (lo, hi))
    conn.execute("DELETE FROM scan_texts WHERE key = ?", (key,))
    conn.execute("DELETE FROM doubtful WHERE key = ?", (key,))


def insert_document(conn: sqlite3.Connection, key: int, prepared: Prepared, *, fts: bool) -> None:
    doc = {
        "key": key,
        "name": prepared.name,
        "size": prepared.size,
        "mtime_ns": prepared.mtime_ns,
        "sha256": prepared.sha256,
        "error": prepared.error,
        **prepared.doc_row,
    }
    columns = ", ".join(doc)
    conn.execute(
        f"INSERT INTO docs({columns}) VALUES ({', '.join('?' * len(doc))})", list(doc.values())
    )
    if not prepared.units:
        return
    base = key << POSITION_BITS
    lo, hi = base, base + MAX_UNITS
    rows = prepared.units
    conn.executemany(
        "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                base + r.position,
                r.bead,
                r.status,
                r.score,
                r.kk_ids,
                r.en_ids,
                r.kk,
                r.en,
                r.kk_tokens,
                r.en_tokens,
                r.kk_m,
                r.en_m,
                r.kk_a,
                r.kk_read,
                r.kk_p,
                r.kk_f,
            )
            for r in rows
        ),
    )
    conn.executemany(
        "INSERT INTO folds(id, kk, en, status) VALUES (?, ?, ?, ?)",
        (
            (base + r.position, r.kk_fold or r.kk, r.en_fold or r.en, r.status)
            for r in rows
            if r.kk_fold is not None or r.en_fold is not None
        ),
    )
    # Each side's texts (clean, so without the separator) and the statuses
    # (which a hostile file might give anything) joined, in position order.
    kk = SCAN_SEPARATOR.join(r.kk for r in rows)
    en = SCAN_SEPARATOR.join(r.en for r in rows)
    status = SCAN_SEPARATOR.join(str(r.status).replace(SCAN_SEPARATOR, " ") for r in rows)
    conn.execute("INSERT INTO scan_texts VALUES (?, ?, ?, ?)", (key, kk, en, status))
    conn.executemany(
        "INSERT INTO doubtful VALUES (?, ?)", ((key, side) for side in doubtful_sides(kk, en))
    )
    for side in ("kk", "en"):  # trigram forms made by the worker
        trigrams = ((base + r.position, r.trigrams(side)) for r in rows if r.trigrams(side))
        conn.executemany(f"INSERT INTO tri_{side}(rowid, t) VALUES (?, ?)", trigrams)
    if fts:
        conn.execute(
            "INSERT INTO words(rowid, kk, en, status, kk_m, en_m, kk_a, kk_p, kk_f) "
            "SELECT id, kk, en, status, kk_m, en_m, kk_a, kk_p, kk_f FROM unit_words "
            "WHERE id BETWEEN ? AND ?",
            (lo, hi),
        )
        conn.execute(
            "INSERT INTO fold_words(rowid, kk, en, status, kk_p) "
            "SELECT id, kk, en, status, kk_p FROM folds WHERE id BETWEEN ? AND ?",
            (lo, hi),
        )


def fill_search_tables(conn: sqlite3.Connection) -> None:
    """Fill the word tables from all units at once: much faster than row by row.

    The trigram tables have no stored text to rebuild from; they were
    filled document by document (while workers parsed the rest) without
    merging, and are merged into one segment each now.
    """
    conn.execute("INSERT INTO words(words) VALUES ('rebuild')")
    conn.execute("INSERT INTO fold_words(fold_words) VALUES ('rebuild')")
    for table in ("tri_kk", "tri_en"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    set_merging(conn, True)


def set_merging(conn: sqlite3.Connection, on: bool) -> None:
    """FTS5's incremental merging of the trigram tables: off while bulk-loading them.

    Merging as they grow costs more and more as the index grows (a
    million units took twice as long per document at the end as at the
    start); one merge at the end is cheaper. It is on for updates.
    """
    for table in ("tri_kk", "tri_en"):
        conn.execute(
            f"INSERT INTO {table}({table}, rank) VALUES ('automerge', ?)", (4 if on else 0,)
        )
