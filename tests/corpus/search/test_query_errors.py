"""Hostile and empty queries: any text gives results or a one-line error that says what
to do, and a query without a condition is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.search.plan import Query, compile_query
from corpus.search.query import QueryEngine, search
from corpus.search.querylang import QueryError
from corpus.storage.store import Corpus

HOSTILE = [
    '"unbalanced',
    'a"b"c"',
    '""',
    "NEAR(Тоқаев Президент, 2)",
    "Тоқаев AND NOT Президент",
    "^Тоқаев",
    "kk:Тоқаев",
    "{kk en}: Тоқаев",
    "(Тоқаев",
    "Тоқаев)",
    "+ - : ^ ( ) { } [ ] ' ` ~ ! @ # $ % & = ; , . < > ? / \\ |",
    "Тоқаев\x00Президент",
    "Тоқаев\ud800",
    "\x85\x9bТоқаев\x1b[31m",
    "OR",
    "OR Тоқаев OR",
    "Тоқаев " * 2000,
    "ә" * 10_000,
    '"' + "Тоқаев " * 1500 + '"',
    "*",
    "Тоқ*ев",
    "**Тоқаев",
    "Тоқаев**",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("regex", [False, True])
def test_hostile_queries_give_results_or_a_one_line_error(
    news: Corpus, text: str, regex: bool
) -> None:
    engine = QueryEngine(news)
    for query in (Query(text=text, regex=regex), Query(kk="Тоқаев*", en_not=text, regex=regex)):
        try:
            results = engine.search(query)
        except QueryError as exc:
            message = str(exc)
            assert "\n" not in message and len(message) < 400
            assert "Traceback" not in message
            continue
        assert results.total >= 0


def test_query_errors_say_what_to_do(news: Corpus) -> None:
    cases = {
        "Тоқ*ев": "may only end a word",
        "*стан": "may only end a word",
        "!!!": "nothing to search for",
        "Тоқаев " * 65: "at most 64",
        "Тоқа?в": "not a wildcard",
        '"Тоқаев Президент?"': "not a wildcard",
        "NEAR(Тоқаев Президент, 2)": "NEAR is not an operator",
        "Тоқаев NEAR Президент": "NEAR is not an operator",
    }
    for text, message in cases.items():
        with pytest.raises(QueryError, match=message):
            compile_query(Query(kk=text))


def test_engine_on_a_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    from corpus.errors import KopirError

    with pytest.raises(KopirError, match="no corpus at"):
        search(Corpus(tmp_path / "nowhere"), Query(kk="x"))


@pytest.mark.parametrize(
    ("query", "empty"),
    [
        (Query(), True),
        (Query(kk="  ", docs=("001_*",)), True),
        (Query(since="2021"), True),
        (Query(kk="сөз"), False),
        (Query(en_not="word"), False),
        (Query(text="x"), False),
    ],
)
def test_a_query_is_empty_without_a_condition(query: Query, empty: bool) -> None:
    assert query.empty is empty


def test_an_empty_query_or_save_is_said_in_each_front_ends_words(tmp_path: Path) -> None:
    """Nothing to search for (or to save), no saved query yet: the core names no flag;
    the command line says its flags, the app its fields and keys."""
    from corpus.errors import KopirError
    from corpus.search.saved import load_query, save_query
    from tests.helpers import make_corpus
    from tui.cli.wording import cli_message
    from tui.wording import in_app

    corpus = make_corpus(tmp_path / "c", {"a": [("Сөз бар.", "A word.")]})
    with pytest.raises(QueryError) as searched:
        compile_query(Query(since="2021"))
    with pytest.raises(KopirError) as saved:
        save_query(corpus, "empty", Query(docs=("a",)))
    for error in (searched.value, saved.value):
        assert "--" not in str(error)
        assert cli_message(error).endswith("; pass words, --kk or --en to say what to find")
        assert in_app(error).endswith(
            "; type words in the Kazakh or English field to say what to find"
        )
    with pytest.raises(KopirError) as unknown:
        load_query(corpus, "missing")
    assert "--" not in str(unknown.value)
    assert cli_message(unknown.value) == (
        "no saved query 'missing'; saved: none yet; pass --save NAME to keep a query"
    )
    assert in_app(unknown.value).endswith("; press Ctrl+S on the Query screen to keep a query")
