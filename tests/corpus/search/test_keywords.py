"""Keywords of a subcorpus against the rest: counts from the TEI, G² worked out here."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from corpus.search import Query, QueryEngine, QueryError
from corpus.search.keywords import keyword_query, keywords
from corpus.storage.store import Corpus
from tests.helpers import TEI, WORD, XML_ID, make_corpus
from tui.cli.main import main


def kk_words(path: Path) -> Counter[str]:
    found: Counter[str] = Counter()
    for s in etree.parse(str(path)).iter(f"{TEI}s"):
        if (s.get(XML_ID) or "").startswith("kk."):
            found.update(t.lower() for t in WORD.findall("".join(s.itertext())))
    return found


def g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G² of a word seen a times in c words and b times in d words."""
    n, both = c + d, a + b
    cells = [(a, c * both / n), (b, d * both / n),
             (c - a, c * (n - both) / n), (d - b, d * (n - both) / n)]  # fmt: skip
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_keywords_of_one_document_against_the_others(seeds: Path) -> None:
    files = sorted(seeds.glob("*.xml"))
    here = kk_words(files[3])
    rest = sum((kk_words(f) for f in files if f != files[3]), Counter())
    c, d = sum(here.values()), sum(rest.values())
    with QueryEngine(Corpus(seeds)) as engine:
        found = keywords(engine, Query(docs=(files[3].stem,)), min_freq=2, rows=None)
    assert (found.size_here, found.size_rest) == (c, d)
    expected = {w for w, a in here.items() if a >= 2 and a / c > rest[w] / d}
    assert {k.word for k in found.rows} == expected and len(expected) > 5
    for k in found.rows:
        assert (k.here, k.rest) == (here[k.word], rest[k.word])
        assert k.ll == pytest.approx(g2(k.here, k.rest, c, d))
    assert [k.ll for k in found.rows] == sorted((k.ll for k in found.rows), reverse=True)
    assert found.rows[0].word == "еқыұ"  # the OSCE article's own word


def test_keywords_need_a_subcorpus_and_work_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "c", {"a": [("Тау тау тау өзен.", "x")] * 3,
                                          "b": [("Өзен дала дала.", "y")] * 3})  # fmt: skip
    with QueryEngine(corpus) as engine, pytest.raises(QueryError, match="compare a subcorpus"):
        keywords(engine, Query())
    assert main(["--corpus", str(corpus.root), "query", "--keywords", "--doc", "a"]) == 0
    out = capsys.readouterr().out
    table = [line.split() for line in out.splitlines()[3:]]
    assert table == [
        ["тау", "9", "0", f"{g2(9, 0, 12, 9):.2f}", f"{math.log2((9 / 12) / (0.5 / 9)):.2f}"]
    ]


@pytest.mark.parametrize("side", ["kk", "en"])
def test_each_keyword_row_leads_to_as_many_lines_as_it_counts(
    seeds: Path,
    side: str,
) -> None:
    files = sorted(seeds.glob("*.xml"))
    subcorpus = Query(kk="ignored", en_not="ignored too", docs=(files[3].stem,))
    with QueryEngine(Corpus(seeds)) as engine:
        found = keywords(engine, subcorpus, side, min_freq=2, rows=None)
        assert len(found.rows) > 5
        for row in found.rows:
            query = keyword_query(subcorpus, side, row.word)
            lines, _ = engine.concordance(query)
            assert lines.matches == row.here, row.word
            assert {line.hit.doc for line in lines.lines} == {files[3].stem}
            assert {line.node.lower() for line in lines.lines} == {row.word}
