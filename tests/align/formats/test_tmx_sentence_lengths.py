"""TMX import of ``x-sentence-lengths``: lengths that do not fit the text keep it as one
sentence and are reported; without the property a segment is one sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import beads_of, imported, tmx, tu


def test_a_cat_tool_segment_of_two_sentences_stays_one_sentence(tmp_path: Path) -> None:
    """Without kopir's property a segment is one sentence, whatever it looks like; the
    property means nothing on the unit itself, only on a language variant."""
    body = tu("Бірінші. Екінші.", "First. Second.").replace(
        "<tu>", '<tu><prop type="x-sentence-lengths">8 7</prop>'
    )
    corpus, report = imported(tmp_path, "cat", tmx(body))
    assert beads_of(corpus, "cat") == [(("Бірінші. Екінші.",), ("First. Second.",))]
    assert report.split_sides == 0 and not report.boundary_problems


def lengths_tu(kk: str, value: str, en: str = "Yes. No.") -> str:
    """A unit whose Kazakh variant carries ``value`` as its x-sentence-lengths."""
    return (
        f'<tu tuid="t1"><tuv xml:lang="kk-KZ"><prop type="x-sentence-lengths">{value}</prop>'
        f'<seg>{kk}</seg></tuv><tuv xml:lang="en-US"><prop type="x-sentence-lengths">4 3</prop>'
        f"<seg>{en}</seg></tuv></tu>"
    )


HOSTILE_LENGTHS = {
    "negative": ("-3 4", "is not a list of lengths"),
    "not a number": ("three four", "is not a list of lengths"),
    "decimal": ("3.0 4", "is not a list of lengths"),
    "other digits": ("٣ ٤", "is not a list of lengths"),
    "empty": ("", "x-sentence-lengths is empty"),
    "zero": ("0 3 4", "a length below 1"),
    "beyond the text": ("3 40", "add up to 44 characters with the spaces between, the text has 8"),
    "short of the text": ("3", "add up to 3 characters"),
    "not at a space": ("2 5", "character 3 is '.', not the space between two"),
    "huge": ("9" * 5000 + " 3", "is not a list of lengths"),
    "twelve digits": ("999999999999 3", "add up to 1,000,000,000,003 characters"),
    "a million lengths": ("1 " * 1_000_000, "1,000,000 lengths for a text of 8 characters"),
    "markup inside": ("3<!-- c --> 4", ""),  # comments are dropped: "3 4" fits
}


@pytest.mark.parametrize("name", HOSTILE_LENGTHS)
def test_lengths_that_do_not_fit_keep_the_text_as_one_sentence_and_are_reported(
    tmp_path: Path, name: str
) -> None:
    value, why = HOSTILE_LENGTHS[name]
    corpus, report = imported(tmp_path, "l", tmx(lengths_tu("Иә. Жоқ.", value)))
    if not why:
        assert beads_of(corpus, "l") == [(("Иә.", "Жоқ."), ("Yes.", "No."))]
        assert not report.boundary_problems
        return
    # The English side's lengths fit and are used; the Kazakh text is kept whole.
    assert beads_of(corpus, "l") == [(("Иә. Жоқ.",), ("Yes.", "No."))]
    assert report.split_sides == 1
    assert len(report.boundary_problems) == 1
    problem = report.boundary_problems[0]
    assert problem.startswith("'t1' (kk): ") and why in problem and len(problem) < 200
    line = [ln for ln in report.summary() if "as one sentence" in ln]
    assert line == [
        "kept 1 segment as one sentence each: their x-sentence-lengths do not fit the text "
        f"({problem})"
    ]


def test_two_lengths_properties_on_a_side_are_not_guessed_between(tmp_path: Path) -> None:
    body = lengths_tu("Иә. Жоқ.", "3 4").replace(
        "<seg>Иә.", '<prop type="x-sentence-lengths">4 3</prop><seg>Иә.'
    )
    corpus, report = imported(tmp_path, "two", tmx(body))
    assert beads_of(corpus, "two") == [(("Иә. Жоқ.",), ("Yes.", "No."))]
    assert report.boundary_problems == ["'t1' (kk): 2 x-sentence-lengths properties, not one"]


def test_many_problems_are_counted_and_the_first_few_listed_on_one_line(tmp_path: Path) -> None:
    body = "".join(
        lengths_tu("Иә. Жоқ.", "5 5").replace('tuid="t1"', f'tuid="t{n}"') for n in range(5)
    )
    _, report = imported(tmp_path, "many", tmx(body))
    assert len(report.boundary_problems) == 5 and report.split_sides == 5
    [line] = [ln for ln in report.summary() if "as one sentence" in ln]
    assert line.startswith("kept 5 segments as one sentence each")
    assert "'t2' (kk)" in line and "'t3' (kk)" not in line and line.endswith(" …)")


def test_one_segment_is_counted_in_the_singular() -> None:
    # A new user's first export and import of one 3-1 unit: "… recorded in 1 segments".
    from align.formats.tmx_report import ImportReport

    report = ImportReport("d", Path("d.tmx"), units=1, split_sides=1)
    assert "kept the sentences kopir recorded in 1 segment (x-sentence-lengths)" in (
        report.summary()
    )
    report.boundary_problems = ["unit 1: past the end"]
    assert any(ln.startswith("kept 1 segment as one sentence") for ln in report.summary())
