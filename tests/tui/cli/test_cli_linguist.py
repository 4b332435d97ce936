"""The README's query examples as a linguist runs them on the seeds: every table counts in
the words the concordance uses (matches, units), and one of anything is said in the
singular."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import kopir_cli as run

#: A phrase the seeds have once (in one unit of 003).
ONCE = '"Қазақстан Республикасы"'


def test_one_match_is_said_in_the_singular_in_every_table(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    titles = {
        "--freq": "1 match in 1 unit (kk+en side), 1 form",
        "--collocates": "kk collocates: 1 match, window ±5 (",
        "--ngrams": "runs of 3 words around the 1 match",
    }
    for asked, title in titles.items():
        code, out, err = run(seeds, capsys, "query", ONCE, asked, "--min-freq", "1")
        assert code == 0 and err == "" and out.startswith(title), (asked, out)
    code, out, _ = run(seeds, capsys, "query", "--kk", ONCE, "--collocates", "--side", "en",
                       "--min-freq", "1")  # fmt: skip
    assert out.startswith("en words of the 1 unit with a match, against 316 units with en text")


def test_frequencies_count_matches_and_units_as_the_distribution_does(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--freq doc and --dist are the same counts per document: same columns, same
    numbers, in text, CSV and JSON; --freq by form counts in the same words."""
    query = ["query", "--kk", "Тоқаев*"]
    _, by_doc, _ = run(seeds, capsys, *query, "--freq", "doc", "--format", "csv")
    _, spread, _ = run(seeds, capsys, *query, "--dist", "--format", "csv")
    freq_rows = list(csv.reader(io.StringIO(by_doc)))
    dist_rows = list(csv.reader(io.StringIO(spread)))
    assert freq_rows[0][1:] == dist_rows[0][1:] == ["matches", "units", "words", "per_million"]
    assert sorted(freq_rows[1:]) == sorted(dist_rows[1:])
    _, text, _ = run(seeds, capsys, *query, "--freq")
    assert text.splitlines()[2].split() == ["form", "matches", "units"]
    _, data, _ = run(seeds, capsys, *query, "--freq", "--format", "json")
    table = json.loads(data)
    assert (table["matches"], table["units"]) == (17, 17)
    assert sum(row["matches"] for row in table["rows"]) == 17


def test_freq_takes_what_it_counts_by_as_by_does(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--freq lemma` is what a linguist types for `--freq --by lemma`: the same table, not
    a usage message."""
    for unit in ("lemma", "pos"):
        code, out, err = run(seeds, capsys, "query", "--kk-lemma", "сапар", "--freq", unit)
        assert code == 0 and err == "", err
        assert out == run(seeds, capsys, "query", "--kk-lemma", "сапар", "--freq", "--by", unit)[1]
        assert out.splitlines()[2].split()[0] == {"lemma": "lemma", "pos": "tag"}[unit]
