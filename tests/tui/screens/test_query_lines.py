"""The concordance line's layout: the aligned text cut around what matters, never wider
than the screen, every mark that fits in view."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.search.concordance import MatchLine
from corpus.search.results import Hit
from tui.screens.query_lines import aligned_window, kwic_text

TEXT = (
    "In particular, he highlighted the need to reform the United Nations and the role "
    "of middle powers in ensuring global security and stable development for all"
)


def _marked(shown) -> list[str]:
    return [shown.plain[s.start : s.end] for s in shown.spans if "reverse" in str(s.style)]


def test_a_short_text_is_shown_whole() -> None:
    shown = aligned_window("Tokayev spoke.", [(0, 7)], 40)
    assert shown.plain == "Tokayev spoke." and _marked(shown) == ["Tokayev"]


def test_the_window_is_around_the_mark_and_cut_between_words() -> None:
    at = TEXT.index("global")
    shown = aligned_window(TEXT, [(at, at + 6)], 40)
    assert len(shown.plain) <= 40 and _marked(shown) == ["global"]
    assert shown.plain.startswith("…") and shown.plain.endswith("…")
    inner = shown.plain.strip("…")
    assert inner in TEXT and TEXT[TEXT.index(inner) - 1] == " ", "cut before a word"


def test_without_marks_the_window_is_where_the_node_was() -> None:
    late = aligned_window(TEXT, [], 40, share=0.9).plain
    early = aligned_window(TEXT, [], 40, share=0.0).plain
    assert early.startswith("In particular") and late.endswith("for all")


@given(
    st.integers(10, 200),
    st.lists(st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 12)), max_size=4),
    st.floats(0, 1),
)
def test_never_wider_than_asked_and_the_nearest_mark_is_seen(
    width: int, marks: list[tuple[int, int]], share: float
) -> None:
    spans = sorted((s, min(len(TEXT), s + n)) for s, n in marks)
    shown = aligned_window(TEXT, spans, width, share)
    assert len(shown.plain) <= max(width, 0)
    if spans:
        point = int(share * len(TEXT))
        start, end = min(spans, key=lambda m: (abs(m[0] - point), m[0]))
        if end - start <= width - 2:
            assert TEXT[start:end] in shown.plain, "the mark nearest the node is in view"


def test_a_cut_between_words_never_cuts_a_mark_that_ends_later() -> None:
    # Found by Hypothesis: a short mark inside a longer one made the cut stop at the
    # short mark's end and cut the longer one.
    shown = aligned_window(TEXT, [(8, 16), (9, 10)], 10)
    assert TEXT[8:16] in shown.plain


def test_a_units_second_match_shows_its_own_translation() -> None:
    text = "Kazakhstan spoke first. Later, Kazakhstan spoke again, and so did the others."
    second = text.rindex("Kazakhstan")
    marks = [(0, 10), (second, second + 10)]
    shown = aligned_window(text, marks, 40, share=0.5)
    assert "Later, Kazakhstan spoke" in shown.plain and shown.plain.startswith("…")


# -- the KWIC line shows the text as it is ----------------------------------------------

KK = (
    "Қазақстан құтқарушылары, медициналық қызметкерлері мен «Қазгидромет» мамандары "
    "2020–2021 жылдары – бәрі бірге – жұмыс істеді."
)


def _line(node: str, text: str = KK) -> MatchLine:
    start = text.index(node)
    hit = Hit(
        doc="d", bead=0, position=0, status="proposed", score=0.9, kk=text,
        en="Kazakh rescuers and doctors worked together.", kk_ids=("kk.s1",),
        en_ids=("en.s1",), kk_spans=((start, start + len(node)),), en_spans=(), key="kk",
    )  # fmt: skip
    return MatchLine(hit, "kk", 0, (start, start + len(node)))


def _first(line: MatchLine, width: int = 300, node_width: int = 16) -> str:
    """The KWIC line without its status mark and the blanks that set the node's column."""
    return kwic_text(line, width, node_width).plain.split("\n")[0][2:].strip()


@pytest.mark.parametrize(
    "node, shown",
    [
        ("құтқарушылары", "құтқарушылары, медициналық"),  # a comma right after the node
        ("Қазгидромет", "«Қазгидромет» мамандары"),  # quotes hug the node
        ("2020", "2020–2021 жылдары"),  # a dash without spaces
        ("бәрі", "– бәрі бірге –"),  # dashes with spaces
        ("Қазақстан", "Қазақстан құтқарушылары"),  # the node starts the sentence
        ("істеді", "жұмыс істеді."),  # the node ends it
    ],
)
def test_the_kwic_line_shows_the_sentence_as_written(node: str, shown: str) -> None:
    first = _first(_line(node))
    assert shown in first
    assert first == KK, "no space the text does not have, none it has dropped"


def test_cut_contexts_are_still_the_text_as_written_and_nodes_share_a_column() -> None:
    lines = [_line(node) for node in ("Қазгидромет", "құтқарушылары", "Қазақстан")]
    rows = [kwic_text(line, 60, 13).plain.split("\n")[0] for line in lines]
    for row, line in zip(rows, lines, strict=True):
        assert row.index(line.node) == rows[0].index(lines[0].node), "one node column"
        for piece in row[2:].strip().split("…"):
            assert piece in KK, f"{piece!r} is not in the sentence"


@pytest.mark.parametrize("width", [60, 80, 100])
def test_a_hit_wider_than_the_node_column_stays_whole(width: int) -> None:
    # A phrase query's hit is wider than the node column (a quarter of the line): it runs
    # on into the right context's room, in the common column when it fits there, and the
    # left context gives way when it does not.
    column, room = width // 4, width - 2  # the status mark takes two cells
    short = kwic_text(_line("Қазақстан"), width, column).plain.split("\n")[0]
    phrase = KK[KK.index("медициналық") : KK.index(" 2020")]
    for node in ("медициналық қызметкерлері мен", phrase):
        assert len(node) > column
        shown = kwic_text(_line(node), width, column)
        first = shown.plain.split("\n")[0]
        assert node in first, f"{node!r} is cut in {first!r}"
        assert len(first) <= width
        bold = [first[s.start : s.end] for s in shown.spans if "reverse" in str(s.style)]
        assert bold == [node]
        if len(node) <= room - (room - column) // 2:
            assert first.index(node) == short.index("Қазақстан"), "the common column"


def test_a_hit_wider_than_the_whole_line_is_cut_at_its_end_only() -> None:
    shown = kwic_text(_line(KK[: KK.index(" 2020")]), 40, 10).plain.split("\n")[0]
    assert len(shown) <= 40 and shown[2:].startswith("Қазақстан құтқарушылары")
    assert shown.endswith("…")
