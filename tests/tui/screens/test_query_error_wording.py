"""A query error says what would get past it in the words of the front end showing it.

The core's :class:`~corpus.search.querylang.QueryError` names the regex option as a
:class:`~corpus.errors.Remedy`; the command line says ``pass --regex``, the Query
screen, which has no flags, says which box to tick.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from corpus.search.querylang import QueryError, parse_expression
from corpus.storage.store import Corpus
from tests.helpers import run, searched
from tui.app import KopirApp

#: Queries in another tool's syntax, or with nothing a word query can find.
REFUSED = ("Тоқа?в", "NEAR(Тоқаев, 2)", "!!!", "*стан", "-*")


@pytest.mark.parametrize("text", REFUSED)
def test_the_core_names_the_regex_option_not_a_flag(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_expression(text)
    assert [r.option for r in caught.value.remedies] == ["regex"]
    assert "--" not in str(caught.value)


def test_the_query_screen_says_which_box_to_tick(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "Тоқа?в")
        shown = str(screen.query_one("#found").render())
        assert "not a wildcard" in shown and 'tick "regex" to match any one letter' in shown
        assert "--" not in shown

    run(KopirApp(corpus), scenario)
