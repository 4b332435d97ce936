"""Keywords without a subcorpus, and dates the wrong way round, in each front end's words.

The Query screen has fields, not flags: a new user pressing K before choosing documents,
dates or a status was told to use ``--doc, --since, --until, --status``. The core now
names the subcorpus as a :class:`~corpus.errors.Remedy`; the command line says which flags,
the app which fields. The other refusals the screen can meet (a lemma with fold ticked,
only "must not have" filled in) are worded so that they read in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from corpus.search.keywords import keywords
from corpus.search.query import Query, QueryEngine
from corpus.search.querylang import QueryError
from corpus.storage.store import Corpus
from tests.helpers import ask, ingest_seeds, run, searched
from tests.helpers import kopir_cli as cli
from tui.app import KopirApp


def test_the_core_names_the_subcorpus_not_flags(corpus: Corpus) -> None:
    with pytest.raises(QueryError) as caught:
        keywords(QueryEngine(corpus), Query())
    assert [r.option for r in caught.value.remedies] == ["subcorpus"]
    assert "--" not in str(caught.value)


def test_the_command_line_names_the_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ingest_seeds(tmp_path / "c")
    code, out, err = cli(root, capsys, "query", "--keywords")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "pass --doc, --since, --until or --status to say which" in err
    code, out, err = cli(root, capsys, "query", "--kk", "мен", "--since", "2023", "--until", "2021")
    assert code == 1 and "2023" in err and "2021" in err and "--" not in err.split("error:")[1]


def test_the_query_screen_names_its_fields(corpus: Corpus) -> None:
    async def scenario(pilot: Pilot, app: KopirApp) -> None:
        screen = await searched(pilot, "сапар")
        await ask(pilot, screen, "K")
        shown = str(screen.query_one("#found").render())
        assert "compare a subcorpus" in shown and "--" not in shown
        assert "documents" in shown and "since" in shown and "status" in shown

    run(KopirApp(corpus), scenario)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (Query(kk="lemma:сапар", fold=True), "do not combine with fold"),
        (Query(kk_not="сапар"), "only narrow a search"),
    ],
)
def test_errors_the_query_screen_can_meet_name_no_flag(
    corpus: Corpus, query: Query, said: str
) -> None:
    """A lemma with the fold tick box, or only "must not have" fields filled in."""
    with pytest.raises(QueryError) as caught:
        QueryEngine(corpus).search(query)
    assert said in str(caught.value) and "--" not in str(caught.value)
