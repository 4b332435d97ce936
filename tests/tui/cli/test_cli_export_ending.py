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


@pytest.mark.parametrize(
    ("fmt", "name", "written"),
    [
        ("tmx", "memory.TMX", ["memory.TMX"]),  # the ending in capitals is the same ending
        ("tsv", "pairs", ["pairs"]),  # no ending: nothing to contradict
        ("moses", "corpus.v2", ["corpus.v2.kk", "corpus.v2.en"]),  # a prefix, not a file
    ],
)
def test_the_formats_own_ending_no_ending_and_a_moses_prefix_are_written(
    seed_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    name: str,
    written: list[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(
        seed_corpus, capsys, "export", fmt, "--include-unconfirmed", "-o", str(out / name)
    )
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted(written)


def test_the_registry_says_which_endings_each_format_takes() -> None:
    for fmt in EXPORT_FORMATS.values():
        if not fmt.suffix:
            fmt.check_output(Path("prefix.anything"))
            continue
        fmt.check_output(Path(f"out{fmt.suffix}"))
        with pytest.raises(KopirError, match=f"ends in {fmt.suffix}"):
            fmt.check_output(Path("out.xlsx"))
