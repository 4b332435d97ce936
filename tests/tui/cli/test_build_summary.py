"""The summary lines ``kopir build`` prints, read as a corpus builder reads them.

Found by a new user on a 185-pair crawl: counts of a thousand and more came with and
without thousands separators in the same line ("9091 Kazakh … 8,504 beads"), and the
realign line said "122 beads changed in 184 documents" when only 61 documents had a bead
change (the other 123 were only written again).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from align.build.realign import RealignSummary
from align.build.summary import Summary
from corpus.storage.store import Corpus
from tui.cli.build import _print_summary
from tui.cli.realign import print_realign

BARE_THOUSANDS = re.compile(r"(?<![\d,.])\d{4,}(?![\d,])")


def _numbers_without_separators(text: str) -> list[str]:
    """Counts of four digits and more printed without a separator (seconds and paths excluded)."""
    text = re.sub(r"\d+\.\d+ s\b|/\S+", "", text)
    return BARE_THOUSANDS.findall(text)


def test_every_count_of_a_thousand_and_more_is_grouped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = Summary(total=1850, created=1850, kk=90910, en=86890, beads=85040, weak=1610,
                    errors=0, warnings=1230, report=tmp_path / "report.tsv")  # fmt: skip
    _print_summary(built, Corpus(tmp_path / "corpus"), 15.9)
    realigned = RealignSummary(documents=1850, confirmed=1200, confident=84410, words=3610,
                               written=1840, changed=1220, unchanged=10,
                               lexicon=tmp_path / "lexicon.tsv")  # fmt: skip
    print_realign(realigned, 21.0)
    out = capsys.readouterr().out
    assert "90,910 Kazakh and 86,890 English sentences" in out
    assert not _numbers_without_separators(out), out


def test_the_realign_line_does_not_say_every_document_written_had_a_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    realigned = RealignSummary(
        documents=185, confident=8441, words=311, written=184, changed=122, unchanged=1,
        lexicon=tmp_path / "lexicon.tsv",
    )  # fmt: skip
    print_realign(realigned, 21.0)
    line = capsys.readouterr().out.splitlines()[0]
    assert "changed in 184" not in line
    assert "184 documents re-aligned" in line and "122 beads changed" in line
