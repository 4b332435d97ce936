"""A side's word list (``kopir query --freq`` with no words): counts from the TEI files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from corpus.search import Query, QueryEngine, QueryError
from corpus.search.frequency import frequencies, word_list
from corpus.storage.store import Corpus
from tests.helpers import TEI, WORD, XML_ID, make_corpus
from tests.helpers import kopir_cli as run


def side_words(paths: list[Path], side: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for path in paths:
        for s in etree.parse(str(path)).iter(f"{TEI}s"):
            if (s.get(XML_ID) or "").startswith(side + "."):
                found.update(t.lower() for t in WORD.findall("".join(s.itertext())))
    return found


@pytest.mark.parametrize("side", ["kk", "en"])
def test_every_word_of_a_side_with_its_count(seeds: Path, side: str) -> None:
    files = sorted(seeds.glob("*.xml"))
    expected = side_words(files, side)
    with QueryEngine(Corpus(seeds)) as engine:
        listed = word_list(engine, Query(), side)
    assert {r.key: r.occurrences for r in listed.rows} == expected
    assert listed.total_occurrences == sum(expected.values())
    counts = [(r.occurrences, r.hits) for r in listed.rows]
    assert counts == sorted(counts, reverse=True) and all(h <= n for n, h in counts)
    assert listed.summary().startswith(f"{sum(expected.values()):,} {side} words in ")


def test_a_subcorpus_word_list_and_lemmas_agree_with_the_lemma_query(seeds: Path) -> None:
    files = sorted(seeds.glob("*.xml"))
    with QueryEngine(Corpus(seeds)) as engine:
        one = word_list(engine, Query(docs=(files[3].stem,)))
        assert {r.key: r.occurrences for r in one.rows} == side_words([files[3]], "kk")
        lemmas = {r.key: r for r in word_list(engine, Query(), by="lemma").rows}
        for lemma in ("сапар", "мемлекет", "ел"):
            found = frequencies(engine, Query(kk=f"lemma:{lemma}"))
            assert lemmas[lemma].occurrences == found.total_occurrences > 0, lemma
            assert lemmas[lemma].hits == found.total_hits, lemma
        with pytest.raises(QueryError, match="--dist gives"):
            word_list(engine, Query(), by="doc")


def test_kopir_query_freq_with_no_words_is_the_word_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_corpus(tmp_path / "c", {"d": [("Ел мен ел.", "A land."), ("Қасым-Жомарт келді.", "He.")]})
    code, out, err = run(tmp_path / "c", capsys, "query", "--freq")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "5 kk words in 2 units, 4 forms"
    assert lines[2].split() == ["form", "frequency", "units"]
    assert lines[3].split() == ["ел", "2", "1"]  # a hyphenated word is one word
    assert ["қасым-жомарт", "1", "1"] in [line.split() for line in lines[4:]]
    code, out, _ = run(tmp_path / "c", capsys, "query", "--freq", "--side", "en", "-o", "-",
                       "--format", "csv")  # fmt: skip
    assert code == 0 and out.splitlines()[0] == "form,frequency,units" and "land,1,1" in out
    code, out, err = run(tmp_path / "c", capsys, "query", "--freq", "doc")
    assert code == 1 and "not by doc" in err
