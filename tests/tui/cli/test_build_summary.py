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
        documents=185, confident=8441, words=311, written=184, moved=61, changed=122,
        unchanged=1, lexicon=tmp_path / "lexicon.tsv",
    )  # fmt: skip
    print_realign(realigned, 21.0)
    out = capsys.readouterr().out
    assert "changed in 184" not in out and "184 documents re-aligned" not in out
    assert "61 with beads moved (122 beads)" in out
    assert "123 with only their confidences refreshed" in out and "1 left as it was" in out


def test_a_pass_that_moved_no_bead_says_so_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by a new user: '6 documents re-aligned (0 beads changed), 0 unchanged' when
    the documents only got new confidence figures."""
    realigned = RealignSummary(
        documents=6, confident=400, words=90, written=6, lexicon=tmp_path / "lexicon.tsv"
    )
    print_realign(realigned, 3.0)
    out = capsys.readouterr().out
    assert "re-aligned (0 beads changed)" not in out
    (line,) = [line for line in out.splitlines() if "6 documents" in line]
    assert line == (
        "realign: 6 documents in 3.0 s: 0 with beads moved, "
        "6 with only their confidences refreshed, 0 left as they were; 0 kept, 0 failed"
    )
