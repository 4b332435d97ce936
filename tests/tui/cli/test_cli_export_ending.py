"""``kopir export FORMAT -o FILE`` refuses a file ending that is not the format's, as
``kopir query -o`` does: ``export tmx -o memory.xlsx`` wrote TMX into a file that a
spreadsheet program would then fail to open, or a CAT tool would never offer."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.formats.registry import EXPORT_FORMATS
from corpus.errors import KopirError
from tests.helpers import kopir_cli as run


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("tmx", "memory.xlsx"), ("tmx", "memory.tsv"), ("tsv", "pairs.tmx"), ("jsonl", "units.json")],
)
def test_an_ending_not_the_formats_is_refused_in_one_line(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    target = tmp_path / name
    code, out, err = run(
        seed_corpus, capsys, "export", fmt, "--include-unconfirmed", "-o", str(target)
    )
    suffix = EXPORT_FORMATS[fmt].suffix
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert name in err and f"ends in {suffix}" in err and target.with_suffix(suffix).name in err
    assert not target.exists()


def test_the_formats_own_ending_in_capitals_is_its_own(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``memory.TMX`` is a TMX file. (No ending, and Moses's ``-o`` prefix, are in
    test_cli_export.py's plain exports.)"""
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(
        seed_corpus, capsys, "export", "tmx", "--include-unconfirmed", "-o", str(out / "memory.TMX")
    )
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["memory.TMX"]


def test_the_registry_says_which_endings_each_format_takes() -> None:
    for fmt in EXPORT_FORMATS.values():
        if not fmt.suffix:
            fmt.check_output(Path("prefix.anything"))
            continue
        fmt.check_output(Path(f"out{fmt.suffix}"))
        with pytest.raises(KopirError, match=f"ends in {fmt.suffix}"):
            fmt.check_output(Path("out.xlsx"))
