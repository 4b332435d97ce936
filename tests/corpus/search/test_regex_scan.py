"""Regular-expression scans: in worker processes as in process, over the texts as row by
row, split into balanced ranges; a unit is a hit only for a non-empty match.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.search.plan import Query
from corpus.search.query import QueryEngine, search
from corpus.search.querylang import QueryError
from corpus.search.regexfilter import compile_pattern
from corpus.storage.store import Corpus
from tests.helpers import REPO, make_corpus, shared_path

#: The regex budget of searches that test what is found, not how fast: one a loaded machine
#: cannot run out of (starting worker processes alone took over the default 10 s under load).
NO_HURRY = 3600.0


@pytest.mark.parametrize(
    "query",
    [
        Query(kk=r"[әө]\w+ді\b", regex=True),
        Query(text=r"[ТT]\w+", regex=True, en_not=r"\d", docs=("d2",)),
        Query(en=r"\b\w{4}\b", regex=True, kk_not="[әө]", match_case=True),
        Query(text=r"(Том|Tom)\w*", regex=True),  # narrowed by the trigram index, then split
    ],
)
def test_scan_in_worker_processes_equals_scan_in_process(
    tatoeba: tuple[Corpus, list[tuple[str, str]]], query: Query
) -> None:
    corpus, _ = tatoeba
    alone = QueryEngine(corpus, regex_timeout=NO_HURRY)
    alone.parallel_from = 10**12
    split = QueryEngine(corpus, regex_timeout=NO_HURRY)
    split.parallel_from = 1  # every scan goes to the workers
    try:
        expected = alone.search(query, limit=None).hits
        assert expected
        assert split.search(query, limit=None).hits == expected
    finally:
        alone.close()
        split.close()


def test_worker_processes_start_when_stderr_has_no_file(
    tatoeba: tuple[Corpus, list[tuple[str, str]]],
) -> None:
    """Inside the Textual app ``sys.stderr`` is a capture whose ``fileno()`` is -1.

    Run in a fresh interpreter: once multiprocessing's resource tracker is
    running (any earlier test may have started it) the problem cannot show.
    """
    corpus, _ = tatoeba
    pattern = r"[әө]\w+ді\b"  # no literal: every unit is scanned
    script = textwrap.dedent(
        f"""
        import sys
        import traceback
        from pathlib import Path
        from corpus.search.plan import Query
        from corpus.search.query import QueryEngine
        from corpus.storage.store import Corpus

        class Capture:  # what Textual puts in place of sys.stderr
            def write(self, text): return len(text)
            def flush(self): pass
            def fileno(self): return -1

        sys.stderr = Capture()
        try:
            corpus = Corpus(Path({str(corpus.root)!r}))
            with QueryEngine(corpus, regex_timeout={NO_HURRY}) as engine:
                engine.parallel_from = 1
                print(engine.search(Query(kk={pattern!r}, regex=True)).total)
        except Exception:
            traceback.print_exc(file=sys.stdout)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert done.returncode == 0 and done.stdout.strip().isdigit(), done.stdout + done.stderr
    expected = search(corpus, Query(kk=pattern, regex=True)).total
    assert int(done.stdout) == expected > 0


@given(
    counts=st.lists(st.integers(0, 50), min_size=1, max_size=12),
    parts=st.integers(1, 5),
)
def test_split_ranges_cover_every_unit_once_in_balanced_parts(
    counts: list[int], parts: int
) -> None:
    from corpus.search.regexscan import split_ranges
    from corpus.search.rows import POSITION_BITS

    docs = [
        ((k + 1) << POSITION_BITS, ((k + 2) << POSITION_BITS) - 1, n) for k, n in enumerate(counts)
    ]
    ranges = split_ranges(docs, parts)
    units = [lo + i for lo, _, n in docs for i in range(n)]
    if not units:
        assert ranges == []
        return
    assert len(ranges) <= parts
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))  # ordered, disjoint
    covered = [u for u in units if any(lo <= u <= hi for lo, hi in ranges)]
    assert covered == units
    sizes = [sum(1 for u in units if lo <= u <= hi) for lo, hi in ranges]
    assert max(sizes) <= -(-len(units) // parts)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Documents with confirmed and unconfirmed beads, 1-0 and 0-1 units, look-alike
    letters, unaligned sentences, an empty document and gaps between the kept ones."""
    from tests.helpers import query_doc

    folder = shared_path("data", "tatoeba-kaz-eng")
    kk = (folder / "tatoeba.kaz-eng.kaz").read_text("utf-8").splitlines()
    en = (folder / "tatoeba.kaz-eng.eng").read_text("utf-8").splitlines()
    pairs = list(zip(kk, en, strict=True))
    corpus = Corpus(tmp_path_factory.mktemp("m") / "c")
    for n in range(6):
        chunk = pairs[n * 90 : (n + 1) * 90]
        chunk[3] = (chunk[3][0], "")  # a Kazakh sentence with no English
        chunk[7] = ("", chunk[7][1])
        corpus.save(query_doc(f"d{n}", chunk, confirmed=range(0, 90, 3 + n)))
    corpus.save(query_doc("empty", []))
    corpus.save(query_doc("loose", pairs[540:], linked=False))  # unaligned sentences only
    return corpus


@pytest.mark.parametrize(
    "query",
    [
        Query(kk=r"[әө]\w+ді\b", regex=True),
        Query(kk=r"[әө]\w+", regex=True, statuses=("confirmed",)),
        Query(kk=r"бі\w+", regex=True, fold=True),  # finds бiлгiм, with Latin i, too
        Query(text=r"\wі\w", regex=True, fold=True, statuses=("auto",)),
        Query(en=r"\b\w{5}\b", regex=True, kk_not=r"[әө]", docs=("d1", "d4", "empty")),
        Query(kk=r"^\w", regex=True, en_not=r"\?$"),
        Query(text=r"\w\w", regex=True, statuses=("unaligned",)),
    ],
)
@pytest.mark.parametrize("workers", [False, True])
def test_text_scan_equals_reading_every_unit(
    mixed: Corpus, query: Query, workers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A literal-free pattern reads ``scan_texts``; offering every unit as a trigram
    candidate makes the same query read the ``units`` rows instead: same hits."""
    import corpus.search.fetch

    engine = QueryEngine(mixed, cache_size=0, regex_timeout=NO_HURRY)  # searched again, not cached
    engine.parallel_from = 1 if workers else 10**12
    try:
        assert engine.plan(query).positive[0].pattern.trigram_query() is None  # type: ignore[union-attr]
        scanned = engine.search(query, limit=None).hits
        every = [uid for (uid,) in engine.index.conn.execute("SELECT id FROM units")]
        monkeypatch.setattr(corpus.search.fetch, "trigram_candidates", lambda conn, plan: every)
        read = engine.search(query, limit=None).hits
    finally:
        engine.close()
    assert scanned and scanned == read


@pytest.mark.parametrize(
    "query",
    [
        Query(kk=r"мен\w*", regex=True),
        Query(kk=r"біл\w*", regex=True, fold=True, statuses=("auto",)),  # бiлгiм too
        Query(text=r"(Том|Tom)\w*", regex=True, en_not="Mary", docs=("d2", "d5", "loose")),
        Query(en=r"\bthe\b", regex=True, kk=r"[әө]"),
    ],
)
@pytest.mark.parametrize("workers", [False, True])
def test_candidates_scanned_in_texts_or_read_by_row_give_the_same_hits(
    mixed: Corpus, query: Query, workers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trigram candidates are read row by row when few, from ``scan_texts`` when many."""
    import corpus.search.fetch

    engine = QueryEngine(mixed, cache_size=0, regex_timeout=NO_HURRY)
    engine.parallel_from = 1 if workers else 10**12
    try:
        monkeypatch.setattr(corpus.search.fetch, "TEXT_SCAN_SHARE", 0)  # always by row
        by_row = engine.search(query, limit=None).hits
        monkeypatch.setattr(corpus.search.fetch, "TEXT_SCAN_SHARE", 10**9)  # always from the texts
        in_texts = engine.search(query, limit=None).hits
    finally:
        engine.close()
    assert by_row and in_texts == by_row


@pytest.mark.parametrize("pattern", [r"\b", r"\b\B", r"(?=Тоқаев)", r"\b|(?=x)", r"(?<=а)\b"])
def test_a_pattern_that_only_matches_empty_text_is_refused(pattern: str) -> None:
    with pytest.raises(QueryError, match="only matches empty text") as caught:
        compile_pattern(pattern)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("workers", [False, True])
def test_a_unit_is_a_hit_only_for_a_non_empty_match(tmp_path: Path, workers: bool) -> None:
    """``\\bx*`` matches empty text at every word boundary: those units are no hits."""
    corpus = make_corpus(
        tmp_path / "c", {"d": [("абв где", "one"), ("xyz абв", "two"), ("жоқ", "three")]}
    )
    with QueryEngine(corpus, regex_timeout=NO_HURRY) as engine:
        engine.parallel_from = 1 if workers else 10**12
        found = engine.search(Query(kk=r"\bx*", regex=True), limit=None)
        assert [h.kk for h in found.hits] == ["xyz абв"]
        assert found.hits[0].kk_spans == ((0, 1),) and found.warnings == []
        both = engine.search(Query(kk=r"\bx*", en="t", regex=True), limit=None)
        assert [h.en for h in both.hits] == ["two"]


@pytest.mark.parametrize("workers", [False, True])
def test_a_search_that_found_only_empty_matches_says_so(tmp_path: Path, workers: bool) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("абв где", "one"), ("жоқ", "two")]})
    with QueryEngine(corpus, regex_timeout=NO_HURRY) as engine:
        engine.parallel_from = 1 if workers else 10**12
        found = engine.search(Query(kk=r"\bq*", regex=True))
        assert found.total == 0
        (note,) = found.warnings
        assert "found only empty matches (in 2 units)" in note and "never a hit" in note
        again = engine.search(Query(kk=r"\bq*", regex=True))  # from the cache: said again
        assert again.warnings == found.warnings
        assert engine.search(Query(kk=r"z+", regex=True)).warnings == []


def test_cli_says_a_pattern_found_only_empty_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main

    corpus = make_corpus(tmp_path / "c", {"d": [("абв где", "one")]})
    assert main(["--corpus", str(corpus.root), "query", "--regex", "--kk", r"\bq*"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("no hits") and "found only empty matches" in err
    assert main(["--corpus", str(corpus.root), "query", "--regex", "--kk", r"\b"]) == 1
    assert "only matches empty text" in capsys.readouterr().err
