"""The match-level concordance: one line per match, both counts, sorting by node and L/R words."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.search import LINE_SORTS, Query, QueryEngine, QueryError
from corpus.search.concordance import sort_lines
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
