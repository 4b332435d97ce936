"""Words as the corpus sees them, and lemma search, on the seed corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from corpus.search.frequency import frequencies
from corpus.search.query import Query, QueryEngine
from corpus.storage.store import Corpus
from tests.conftest import SEEDS
from tui.cli.main import main


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QueryEngine]:
    root = tmp_path_factory.mktemp("seeds") / "c"
    ingest = ["ingest", "--quiet", "--with-translations", str(SEEDS)]
    assert main(["--corpus", str(root), *ingest]) == 0
    with QueryEngine(Corpus(root)) as eng:
        yield eng


def forms(engine: QueryEngine, query: Query) -> dict[str, int]:
    return {row.key: row.occurrences for row in frequencies(engine, query).rows}


def test_a_hyphenated_case_ending_is_part_of_its_word(engine: QueryEngine) -> None:
    # The text has БҰҰ 16 times, БҰҰ-ның 16 and БҰҰ-ны 3 (counted by hand in the seeds).
    assert forms(engine, Query(kk="БҰҰ*")) == {"бұұ": 16, "бұұ-ның": 16, "бұұ-ны": 3}
    assert forms(engine, Query(kk="БҰҰ")) == {"бұұ": 16}
    assert forms(engine, Query(kk="БҰҰ-ның")) == {"бұұ-ның": 16}
    assert engine.count(Query(kk="ның")) == 0  # a case ending is never a word
    assert engine.count(Query(text="ны")) == 0
