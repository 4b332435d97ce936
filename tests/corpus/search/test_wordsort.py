"""One word's matches sorted by context, keyed in full only for the page: always the
slice of every match sorted by its full key (``line_key``), the slow way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.search.concordance import LINE_SORTS, line_key
from corpus.search.searchtext import SENTENCE_BREAK, tokens
from corpus.search.tables import SCAN_SEPARATOR
from corpus.search.wordsort import one_pass

# Words that tie, differ by case or by a hyphen, sort by the Kazakh alphabet (ә after
# а, Latin first), a digit, and the searched word itself in several shapes.
PIECES = ["мен", "Мен", "менің", "мен-ақ", "-мен", "ол", "Ол", "әке", "ана", "x1", "б-"]
GAPS = [" ", ", ", ". ", " - ", SENTENCE_BREAK, "«", ""]


def _slow(texts: list[str], word: str, prefix: bool, sort: str) -> list[tuple[int, int, object]]:
    """Every match (found by the word tokens of each text), sorted by its full key."""
    found = []
    for row, text in enumerate(texts):
        spans = [
            (t.start, t.end)
            for t in tokens(text)
            if (t.norm.startswith(word) if prefix else t.norm == word)
        ]
        found += [(row, number, span) for number, span in enumerate(spans)]
    if sort == "doc":
        return found
    keyed = [(line_key(texts[row], span, sort), n) for n, (row, _, span) in enumerate(found)]
    return [found[n] for _, n in sorted(keyed)]


texts_strategy = st.lists(
    st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=8).map(
        lambda pairs: "".join(w + g for w, g in pairs)
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    texts=texts_strategy,
    prefix=st.booleans(),
    sort=st.sampled_from(LINE_SORTS),
    offset=st.integers(0, 12),
    limit=st.one_of(st.none(), st.integers(0, 9)),
)
def test_a_page_is_the_slice_of_every_match_sorted_by_its_full_key(
    texts: list[str], prefix: bool, sort: str, offset: int, limit: int | None
) -> None:
    expected = _slow(texts, "мен", prefix, sort)
    matches, page = one_pass(SCAN_SEPARATOR.join(texts), ("мен", prefix), sort, offset, limit)
    assert matches == len(expected)
    assert page == expected[offset : None if limit is None else offset + limit]


def test_left_words_are_read_whole_across_hyphens_and_sentences() -> None:
    """L1 of a match is the whole hyphenated word before it, also across a sentence end;
    a match with no word before it sorts first."""
    texts = ["мен-ақ мен", f"ана.{SENTENCE_BREAK}мен", "мен бар", "әке мен"]
    matches, page = one_pass(SCAN_SEPARATOR.join(texts), ("мен", False), "L1", 0, None)
    assert matches == 4  # мен-ақ is another word
    # No left word (text 2), then ана, әке, мен-ақ (а < ә < м in the Kazakh alphabet).
    assert [row for row, _, _ in page] == [2, 1, 3, 0]
    assert page[-1] == (0, 0, (7, 10))
