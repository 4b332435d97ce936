"""The table of word analyses beside the index: each type analysed once, the same answers.

An index build analyses each word type once for all its parse workers and keeps
the analyses for the next build; a rebuild reads every word from the table and
must index exactly what analysing gives. The table is keyed by the analyser's
version, and a damaged, foreign or linked file never breaks or misleads a build.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import morphology
from corpus.morphology import Reading, tokenize
from corpus.search import morphtable, morphtext
from corpus.search.index import INDEX_DIR, Index
from corpus.search.morphtable import TABLE_NAME, AnalysisTable, decode, encode
from corpus.search.morphtext import morph_text
from corpus.search.rows import PARALLEL_FROM
from corpus.search.searchtext import shown
from corpus.storage.store import Corpus
from tests.helpers import NEWS, SEED_IDS, make_corpus, seed_document


def columns(index: Index) -> list[tuple[int, str, str]]:
    rows = index.conn.execute("SELECT id, kk_m, en_m FROM units ORDER BY id").fetchall()
    return [tuple(r) for r in rows]


def stored(corpus: Corpus) -> dict[tuple[str, str], str]:
    conn = sqlite3.connect(corpus.root / INDEX_DIR / TABLE_NAME)
    try:
        return {(k, f): r for k, f, r in conn.execute("SELECT kind, form, readings FROM analyses")}
    finally:
        conn.close()


def forget_analyses() -> None:
    """Empty this process's caches of analyses: the next words are read afresh."""
    for cache in (morphology._analyse_kk, morphology._analyse_en, morphology.options,
                  morphology.options_initial, morphtext._kk_tokens, morphtext._kk_tokens_initial,
                  morphtext._english_token):  # fmt: skip
        cache.cache_clear()


@pytest.fixture(scope="module")
def seeds() -> list:
    return [seed_document(doc_id) for doc_id in SEED_IDS]


def test_workers_share_the_table_and_a_rebuild_analyses_nothing(
    tmp_path: Path, seeds: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = Corpus(tmp_path / "c")
    for number in range(PARALLEL_FROM + 2):  # enough documents for worker processes
        doc = seeds[number % len(seeds)]
        corpus.save(dataclasses.replace(doc, id=f"{doc.id}_{number:02d}"))
    added: list[int] = []
    add = AnalysisTable.add
    monkeypatch.setattr(
        AnalysisTable, "add", lambda self, made: added.append(len(made)) or add(self, made)
    )

    index = Index(corpus)
    index.refresh()
    first = columns(index)
    table = stored(corpus)
    assert sum(added) >= len(table) > 1000  # a type two workers met at once comes twice
    # Every word the index read is in the table, under the kind it was read as, but for
    # the Kazakh ones the analyser reads from its lexicon (quicker than a look-up).
    units = index.conn.execute("SELECT kk, en FROM units").fetchall()
    kk_words = {t.text for kk, _en in units for t in tokenize(shown(kk))}
    en_words = {t.text for _kk, en in units for t in tokenize(shown(en))}
    guessed = {w for w in kk_words if not morphology.kazakh().knows(w)}
    assert 1000 < len(guessed) < len(kk_words)
    assert {
        w for w in guessed if ("kk", w) not in table and ("kk-initial", w) not in table
    } == set()
    assert {("kk", w) for w in kk_words - guessed} & set(table) == set()
    assert {w for w in en_words if ("en", w) not in table} == set()
    # The stored readings are the analyser's.
    for (kind, form), text in list(table.items())[::50]:
        lang = "en" if kind == "en" else "kk"
        if kind != "kk-initial":
            assert decode(text) == tuple(morphology.analyse(form, lang))

    added.clear()
    index.refresh(rebuild=True)  # new workers, empty caches: every word from the table
    assert sum(added) == 0
    assert columns(index) == first
    index.close()


def test_words_read_from_the_table_give_what_analysing_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_corpus(tmp_path / "c", NEWS)
    index = Index(corpus)
    index.refresh()
    texts = index.conn.execute("SELECT kk, en, kk_m, en_m FROM units").fetchall()
    index.close()
    path = corpus.root / INDEX_DIR / TABLE_NAME
    writer = morphtable.open_writer(path.parent, corpus.root)
    assert writer is not None
    made = []
    for kk, en, _kk_m, _en_m in texts:  # the analyses, as a worker would have made them
        for t in tokenize(shown(kk)):
            made.append(("kk", t.text, encode(tuple(morphology.analyse(t.text)))))
            initial = tuple(morphology.kazakh().analyse_initial(t.text))
            made.append(("kk-initial", t.text, encode(initial)))
        made += [
            ("en", t.text, encode(tuple(morphology.analyse(t.text, "en"))))
            for t in tokenize(shown(en))
        ]
    writer.add(made)
    writer.close()

    reader = morphtable.open_reader(str(path))
    assert reader is not None

    def no_guessing(analyse: Callable[[str], list[Reading]]) -> Callable[[str], list[Reading]]:
        def read(token: str) -> list[Reading]:  # from the lexicon only, anything else fails
            if morphology.kazakh().knows(token):
                return analyse(token)
            raise AssertionError(f"{token!r} was analysed, not read from the table")

        return read

    monkeypatch.setattr(morphology, "_kk", no_guessing(morphology._kk))
    monkeypatch.setattr(morphology, "_kk_initial", no_guessing(morphology._kk_initial))
    monkeypatch.setattr(morphology, "analyse_english", no_guessing(lambda t: []))
    forget_analyses()
    try:
        with morphtable.using(reader):
            for kk, en, kk_m, en_m in texts:
                assert (morph_text(shown(kk), "kk"), morph_text(shown(en), "en")) == (kk_m, en_m)
    finally:
        reader.close()
        forget_analyses()  # nothing read from the table outlives the test


def test_a_table_of_another_analyser_is_emptied_and_never_read(tmp_path: Path) -> None:
    folder = tmp_path / ".kopir"
    folder.mkdir()
    wrong = encode((Reading("жаңсақ", "VERB"),))
    writer = morphtable.open_writer(folder, tmp_path)
    assert writer is not None
    writer.add([("kk", "сапары", wrong)])
    writer.close()
    reader = morphtable.open_reader(str(folder / TABLE_NAME))
    assert reader is not None and reader.find("kk", "сапары") == decode(wrong)  # same version
    reader.close()

    conn = sqlite3.connect(folder / TABLE_NAME)
    conn.execute("UPDATE meta SET value = 'an older analyser' WHERE key = 'version'")
    conn.commit()
    conn.close()
    assert morphtable.open_reader(str(folder / TABLE_NAME)) is None
    writer = morphtable.open_writer(folder, tmp_path)
    assert writer is not None and writer.find("kk", "сапары") is None
    writer.close()


def test_a_damaged_table_is_replaced_and_a_bad_row_analysed_again(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", NEWS)
    path = corpus.root / INDEX_DIR / TABLE_NAME
    path.parent.mkdir()
    path.write_bytes(b"not a database " * 100)
    forget_analyses()
    index = Index(corpus)
    index.refresh()
    good = columns(index)
    guessed = sorted(form for kind, form in stored(corpus) if kind == "kk")
    assert guessed

    conn = sqlite3.connect(path)
    conn.execute("UPDATE analyses SET readings = '[[\"x\"]]' WHERE kind = 'kk'")
    conn.commit()
    conn.close()
    forget_analyses()
    index.refresh(rebuild=True)
    assert columns(index) == good
    index.close()
    assert all(decode(stored(corpus)[("kk", form)]) for form in guessed)  # analysed again


def test_a_link_in_place_of_the_table_is_not_followed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", NEWS)
    outside = tmp_path / "outside.txt"
    outside.write_text("the user's file")
    (corpus.root / INDEX_DIR).mkdir()
    os.symlink(outside, corpus.root / INDEX_DIR / TABLE_NAME)
    index = Index(corpus)
    index.refresh()
    assert index.size()[0] == len(NEWS)
    index.close()
    assert outside.read_text() == "the user's file"


words = st.text(min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            Reading,
            words,
            st.sampled_from(["NOUN", "VERB", "PROPN"]),
            st.lists(st.tuples(words, words), max_size=3).map(tuple),
            st.booleans(),
            st.floats(0, 1e6, allow_nan=False) | st.integers(0, 10**6),
        ),
        min_size=1,
        max_size=4,
    ).map(tuple)
)
def test_stored_readings_decode_to_the_same_readings(readings: tuple[Reading, ...]) -> None:
    assert decode(encode(readings)) == readings


@pytest.mark.parametrize(
    "text", ["", "[]", "{}", "[1]", '[["a","b",[],true]]', '[["a","b",[[1,2]],true,1.0]]', "nan"]
)
def test_what_is_not_stored_readings_decodes_to_nothing(text: str) -> None:
    assert decode(text) is None
