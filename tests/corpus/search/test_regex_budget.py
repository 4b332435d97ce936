"""A regular expression that backtracks exponentially stops at the search's time budget.

``(\\w|\\w\\w|\\s)+$`` tries every way of cutting a sentence into one- and
two-letter pieces before it fails at the full stop: on a sentence of 60
characters that is longer than anyone waits. These tests give the search a
budget of a fraction of a second and check that it returns with a one-line
error, in this process and in the worker processes, and that a search can be
abandoned from another thread. No test measures time: each asserts what is
raised and that the call comes back.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from corpus.search.regexscan import Budget, RegexTimeout, SearchCancelled
from corpus.storage.store import Corpus
from tests.helpers import make_corpus
from tui.cli.main import main

CATASTROPHIC = r"(\w|\w\w|\s)+$"
SENTENCE = (
    "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев бүгін шетелдік "
    "инвесторлармен кездесті."
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    pairs = [("Тоқаев келді", "Tokayev came")] * 5 + [(SENTENCE, "The President met investors.")]
    return make_corpus(tmp_path_factory.mktemp("budget") / "c", {"d1": pairs, "d2": pairs})


def returns(call: object) -> object:
    """What ``call()`` returns or raises, run in a thread that must come back.

    The join has a generous limit only so that a regression fails the test
    instead of hanging the suite; nothing here measures time.
    """
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())  # type: ignore[operator]
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "the search did not come back"
    return outcome[0]


@pytest.mark.parametrize("workers", [False, True])
def test_a_catastrophic_regex_stops_at_the_budget_with_a_one_line_error(
    corpus: Corpus, workers: bool
) -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    with QueryEngine(corpus, regex_timeout=0.3) as engine:
        engine.parallel_from = 1 if workers else 10**12
        error = returns(lambda: engine.search(Query(kk=CATASTROPHIC, regex=True)))
        assert isinstance(error, RegexTimeout)
        message = str(error)
        assert "\n" not in message
        assert message.startswith(f"the regular expression '{CATASTROPHIC}' took longer than 0.3 s")
        assert "simplify it" in message and "backtrack exponentially" in message
        # No worker is left matching: the pool was terminated, and the engine goes on
        # (with room to start new workers on a busy machine: 0.3 s is not enough there).
        assert {p.pid for p in multiprocessing.active_children()} <= before
        again = engine.search(Query(kk=r"Тоқаев\w*", regex=True), budget=Budget(60))
        assert again.total == 12
    assert {p.pid for p in multiprocessing.active_children()} <= before


def test_one_sentence_may_take_a_second_in_this_process(corpus: Corpus) -> None:
    """However long the budget: a match under way cannot be stopped from outside, so this
    limit is what lets the app abandon a search, or quit, within a second."""
    with QueryEngine(corpus, regex_timeout=600) as engine:
        engine.parallel_from = 10**12
        error = returns(lambda: engine.search(Query(kk=CATASTROPHIC, regex=True)))
        assert isinstance(error, RegexTimeout) and error.one_sentence
        assert f"'{CATASTROPHIC}' took longer than 1 s on one sentence" in str(error)


def test_the_budget_covers_the_spans_of_the_hits_too(tmp_path: Path) -> None:
    """The unit matches at once (``Тоқаев``), but finding its other matches for the
    highlighting backtracks on the rest of the sentence: that is within the budget too."""
    corpus = make_corpus(tmp_path / "c", {"d": [("Тоқаев " + SENTENCE, "x")]})
    with QueryEngine(corpus, regex_timeout=0.3) as engine:
        engine.refresh()  # the index is built outside the budget: a busy machine is slow at it
        query = Query(kk="Тоқаев|" + CATASTROPHIC, regex=True)
        error = returns(lambda: engine.search(query, limit=0))
        assert not isinstance(error, Exception) and error.total == 1  # type: ignore[attr-defined]
        error = returns(lambda: engine.search(query))
        assert isinstance(error, RegexTimeout)


def _search_then(engine: QueryEngine, seconds: float, stop: Callable[[Budget], object]) -> object:
    """What a search of ``seconds`` budget in a thread ends with when ``stop(budget)`` is
    called while it runs."""
    budget = Budget(seconds)
    outcome: list[object] = []

    def search() -> None:
        try:
            outcome.append(engine.search(Query(kk=CATASTROPHIC, regex=True), budget=budget))
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=search, daemon=True)
    thread.start()
    while engine._running is None and thread.is_alive():
        thread.join(0.01)
    thread.join(0.3)  # let the workers start on it
    returns(lambda: stop(budget))
    thread.join(120)
    assert not thread.is_alive(), "the search did not come back"
    return outcome[0]


@pytest.mark.parametrize("workers", [False, True])
def test_a_search_under_way_can_be_abandoned(corpus: Corpus, workers: bool) -> None:
    """In the workers it ends at once, whatever its budget; in this process, at the latest
    when the match under way runs out of its budget (regex cannot be stopped inside one),
    so the budget is small there."""
    with QueryEngine(corpus) as engine:
        engine.parallel_from = 1 if workers else 10**12
        error = _search_then(engine, 600 if workers else 1.0, Budget.cancel)
        assert isinstance(error, SearchCancelled)
        assert str(error) == "the search was abandoned"


def test_closing_the_engine_abandons_its_search(corpus: Corpus) -> None:
    engine = QueryEngine(corpus)
    engine.parallel_from = 1
    error = _search_then(engine, 600, lambda budget: engine.close())
    assert isinstance(error, SearchCancelled)


def test_a_budget_is_more_than_nothing_and_at_most_a_day() -> None:
    for seconds in (0, -1, float("nan"), float("inf"), 1e9):
        with pytest.raises(Exception, match="more than 0 and at most 86,400 seconds"):
            Budget(seconds)


def test_kopir_query_stops_a_catastrophic_regex_with_a_clear_error(
    corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--corpus", str(corpus.root), "query", "--regex", "--kk", CATASTROPHIC]
    code = returns(lambda: main([*args, "--regex-timeout", "0.2"]))
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith(f"kopir: error: the regular expression '{CATASTROPHIC}' took longer")
    assert "0.2 s" in err and "--regex-timeout" in err and err.count("\n") == 1
    assert main([*args, "--regex-timeout", "0"]) == 1
    assert "more than 0" in capsys.readouterr().err


def test_the_users_patterns_now_finish(tmp_path: Path) -> None:
    """The patterns of the report (minutes with ``re``) run in well under the default budget:
    ``regex`` does not retry a repeat it has already tried at a position."""
    corpus = make_corpus(tmp_path / "c", {"d": [(SENTENCE, "x"), ("Қазақстанның", "y")]})
    with QueryEngine(corpus) as engine:
        assert engine.search(Query(kk=r"(\w+\s?)+$", regex=True)).total == 1
        assert engine.search(Query(kk=r"(\w+\s?)*ның$", regex=True)).total == 1


# A long literal in an alternation over a sentence holding a long run of one letter:
# regex looks at its timeout too rarely there (issue 15, item 13: 66 s under a 10 s budget).
# The literal is long enough that the call takes several seconds on a fast machine (300
# letters took 0.5 s on an idle one, inside the 1 s sentence limit: the test passed only
# under load); 5,000 took 7 s here.
LONG_LITERAL = "а" * 5_000 + "б|ж"
LONG_RUN = "Қазақстан " + "а" * 600_000 + " деді."


@pytest.fixture(scope="module")
def long_run(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    pairs = [("Тоқаев келді", "Tokayev came"), (LONG_RUN, "He said."), ("Жол ашылды", "x")]
    corpus = make_corpus(tmp_path_factory.mktemp("long") / "c", {"d": pairs})
    with QueryEngine(corpus) as engine:
        engine.refresh()
    return corpus


def test_a_long_literal_over_a_long_run_stops_at_the_sentence_limit(long_run: Corpus) -> None:
    with QueryEngine(long_run, regex_timeout=600) as engine:
        engine.parallel_from = 10**12  # in this process, where the app searches
        error = returns(lambda: engine.search(Query(kk=LONG_LITERAL, regex=True)))
        assert isinstance(error, RegexTimeout) and error.one_sentence, error
        # The engine goes on, and a long sentence a pattern matches at once is still found.
        found = engine.search(Query(kk="Қазақстан а+ деді|ж", regex=True), budget=Budget(600))
        assert found.total == 2


def test_a_long_literal_over_a_long_run_stops_at_a_short_budget(long_run: Corpus) -> None:
    with QueryEngine(long_run, regex_timeout=0.5) as engine:
        engine.parallel_from = 10**12
        error = returns(lambda: engine.search(Query(kk=LONG_LITERAL, regex=True)))
        assert isinstance(error, RegexTimeout) and not error.one_sentence, error
