"""Distribution of matches over documents, years and statuses, and Gries's DP.

Per-document counts and sizes come from an independent reader of the TEI files
(lxml and ``re``, as in tests/corpus/search/test_concordance_counts.py), and DP is worked out
here from them by its definition (½·Σ|v − s|), then compared with kopir's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from corpus.search import Query, QueryEngine
from corpus.storage.store import Corpus
from tests.helpers import TEI, WORD, XML_ID, make_corpus
from tui.cli.main import main


def per_document(folder: Path, side: str, word: str, prefix: bool) -> dict[str, tuple[int, int]]:
    """Document → (matches of the word, words of the side), read from the TEI."""
    found = {}
    for path in sorted(folder.glob("*.xml")):
        matches = size = 0
        for s in etree.parse(str(path)).iter(f"{TEI}s"):
            if not (s.get(XML_ID) or "").startswith(side + "."):
                continue
            tokens = [t.lower() for t in WORD.findall("".join(s.itertext()))]
            size += len(tokens)
            want = word.lower()
            matches += sum(1 for t in tokens if (t.startswith(want) if prefix else t == want))
        found[path.stem] = (matches, size)
    return found


def dp_of(counts: dict[str, tuple[int, int]]) -> float:
    matches = sum(m for m, _ in counts.values())
    words = sum(w for _, w in counts.values())
    return sum(abs(m / matches - w / words) for m, w in counts.values()) / 2


@pytest.mark.parametrize(("word", "prefix"), [("мен", False), ("Қазақстан", True), ("ЕҚЫҰ", False)])
def test_per_document_counts_sizes_and_dp_equal_the_tei(
    seeds: Path,
    word: str,
    prefix: bool,
) -> None:
    expected = per_document(seeds, "kk", word, prefix)
    query = Query(kk=word + ("*" if prefix else ""))
    with QueryEngine(Corpus(seeds)) as engine:
        fast = engine.distribution(query)  # counted in the FTS5 index
        slow = engine.distribution(Query(kk=query.kk, docs=("*",)))  # counted from the texts
    for spread in (fast, slow):
        assert {p.key: (p.matches, p.words) for p in spread.parts} == expected
        assert spread.dp == pytest.approx(dp_of(expected))
        smallest = min(w for _, w in expected.values()) / sum(w for _, w in expected.values())
        assert spread.dp_norm == pytest.approx(dp_of(expected) / (1 - smallest))
    assert [(p.key, p.units) for p in fast.parts] == [(p.key, p.units) for p in slow.parts]


def test_dp_worked_by_hand_and_one_when_all_in_one_part(tmp_path: Path) -> None:
    even = [("Сөз бар. Тағы бір.", "x")] * 4
    corpus = make_corpus(tmp_path / "c", {"a": even, "b": even, "c": [("Мүлде басқа.", "y")] * 4})
    with QueryEngine(corpus) as engine:
        spread = engine.distribution(Query(kk="сөз"))
        assert [(p.key, p.matches) for p in spread.parts] == [("a", 4), ("b", 4), ("c", 0)]
        assert spread.dp == pytest.approx(dp_of({"a": (4, 16), "b": (4, 16), "c": (0, 8)}))
        clumped = engine.distribution(Query(kk="мүлде"))
        assert clumped.dp_norm == pytest.approx(1.0)  # everything in one part
        by_status = engine.distribution(Query(kk="сөз"), by="status")
        assert [(p.key, p.matches, p.words) for p in by_status.parts] == [("auto", 8, 40)]


def test_year_parts_and_the_undated(tmp_path: Path) -> None:
    rows = [("Сөз бар.", "Word.")] * 3
    corpus = make_corpus(tmp_path / "c", {"a": rows, "b": rows}, date="2021-03-01")
    make_corpus(tmp_path / "c", {"z": rows[:1]})
    with QueryEngine(corpus) as engine:
        spread = engine.distribution(Query(kk="сөз"), by="year")
    assert [(p.key, p.matches, p.units) for p in spread.parts] == [
        ("2021", 6, 6),
        ("(no date)", 1, 1),
    ]
    # One year: the undated documents are a part of the table, not a second year.
    assert spread.summary().startswith("7 matches in 7 units across 1 year and the undated ")


def test_dist_on_the_command_line(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(seeds), "query", "--kk", "мен", "--dist", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    expected = per_document(seeds, "kk", "мен", False)
    assert data["matches"] == sum(m for m, _ in expected.values()) and data["units"] > 0
    assert data["dp"] == pytest.approx(dp_of(expected))
    assert {p["doc"]: p["matches"] for p in data["parts"]} == {
        k: m for k, (m, _) in expected.items()
    }
    assert main(["--corpus", str(seeds), "query", "--kk", "мен", "--dist", "status"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("53 matches in 49 units across 1 status") and "dispersion DP" in out
