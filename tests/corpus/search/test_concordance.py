"""The match-level concordance: one line per match, both counts, sorting by node and L/R words."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.search import LINE_SORTS, Query, QueryEngine, QueryError
from corpus.search.concordance import MatchLine, sort_lines
from corpus.storage.store import Corpus
from tests.helpers import make_corpus


def _engine(tmp_path: Path) -> QueryEngine:
    rows = [
        ("мен бардым, мен келдім", "I went, I came"),
        ("сен мен ол", "you and he"),
        ("ешкім жоқ", "nobody"),
    ]
    return QueryEngine(make_corpus(tmp_path / "c", {"a": rows, "b": rows[:2]}))


def test_a_unit_matching_twice_gives_two_lines_and_counts_once(tmp_path: Path) -> None:
    with _engine(tmp_path) as engine:
        found, _ = engine.concordance(Query(kk="мен"))
    assert (found.matches, found.units) == (6, 4)
    first, second = found.lines[:2]
    assert first.hit is second.hit
    assert (first.node, second.node) == ("мен", "мен")
    assert first.kwic().right.startswith(" бардым") and second.kwic().left.endswith("бардым, ")
    assert second.kwic().match == "мен" and second.kwic().other == "I went, I came"


def test_sort_by_right_word_then_node_then_document_order(tmp_path: Path) -> None:
    with _engine(tmp_path) as engine:
        found, _ = engine.concordance(Query(kk="мен"), sort="R1")
    r1 = [line.right_words()[:1] for line in found.lines]
    assert r1 == [["бардым"], ["бардым"], ["келдім"], ["келдім"], ["ол"], ["ол"]]
    assert [line.hit.doc for line in found.lines[:2]] == ["a", "b"]


def test_sort_by_left_words_puts_nothing_first(tmp_path: Path) -> None:
    with _engine(tmp_path) as engine:
        found, _ = engine.concordance(Query(kk="мен"), sort="L1")
    l1 = [(line.left_words() or [""])[0] for line in found.lines]
    assert l1 == ["", "", "бардым", "бардым", "сен", "сен"]


def test_every_sort_keeps_every_line_and_pages_join_up(tmp_path: Path) -> None:
    with _engine(tmp_path) as engine:
        base, _ = engine.concordance(Query(kk="мен"))
        for sort in LINE_SORTS:
            found, _ = engine.concordance(Query(kk="мен"), sort=sort)
            assert sorted(_ids(found.lines)) == sorted(_ids(base.lines)), sort
            assert found.page(0, 4) + found.page(4, 4) == list(found.lines)
        with pytest.raises(QueryError, match="unknown sort"):
            engine.concordance(Query(kk="мен"), sort="R4")


def _ids(lines: object) -> list[tuple[str, int | None, int]]:
    return [(line.hit.doc, line.hit.bead, line.number) for line in lines]  # type: ignore[attr-defined]


def test_sort_lines_refuses_an_unknown_order() -> None:
    with pytest.raises(ValueError, match="R1"):
        sort_lines([], "middle")


QUERIES = [
    Query(kk="мен"),  # one word: one pass of its pattern, counted by the vocabulary
    Query(kk="Қазақстан*"),  # a prefix: the same
    Query(kk="мен", en="and"),  # two sides: still one word on the key side
    Query(kk="Қазақстан* мен"),  # two words on the key side: match by match
    Query(kk=r"\w+ған\b", regex=True),  # a regular expression: match by match
    Query(en=r"\w+ed\b", regex=True),  # the same on the English side
    Query(kk=r"(?:\w+ған|бір)\b", regex=True, kk_not="ЕҚЫҰ"),  # with a condition excluding
    Query(text="ЕҚЫҰ"),  # either side
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.describe())
def test_pages_are_the_full_concordance_sliced(seeds: Path, query: Query) -> None:
    """However the engine gets a page (counted by the index, one pass over the joined
    texts keying only the page's groups, or match by match), it is the slice of the
    concordance made from every hit, in every order, wherever the page is."""
    with QueryEngine(Corpus(seeds)) as engine:
        for sort in LINE_SORTS:
            whole, _ = engine.concordance(query, sort)
            expected = [_where(line) for line in whole.lines]
            assert len(expected) > 5
            middle, last = len(expected) // 2, len(expected) - 2  # a page inside, one past the end
            for offset, limit in ((0, 7), (3, 50), (0, None), (middle, 3), (last, 5)):
                page = engine.lines(query, limit, offset, sort)
                assert (page.matches, page.units) == (whole.matches, whole.units)
                end = None if limit is None else offset + limit
                assert [_where(line) for line in page.lines] == expected[offset:end], sort


def _where(line: MatchLine) -> tuple[object, ...]:
    return line.hit.doc, line.hit.position, line.number, line.span, line.node
