"""Folding a regular expression: look-alike Latin letters in its literal text are
repaired, its structure kept, and it finds what the folded word query finds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from corpus.search.plan import Query
from corpus.search.query import QueryEngine
from tests.helpers import make_corpus


@pytest.mark.parametrize(
    ("pattern", "folded"),
    [
        ("бiрге", "бірге"),  # a Latin i in a Cyrillic word
        (r"\bбiрге\b", r"\bбірге\b"),  # \b is an escape, not a Latin b beside the word
        (r"бiр\w+", r"бір\w+"),
        (r"(?i)бiр", r"(?i)бір"),  # the flag stays
        (r"\p{Cyrillic}бiр", r"\p{Cyrillic}бір"),
        (r"\x69бiр", r"\x69бір"),
        (r"[a-i]бiр[e-z]", r"[a-i]бір[e-z]"),  # class ranges stay valid
        (r"(?P<бiр>x)(?P=бiр)", r"(?P<бiр>x)(?P=бiр)"),  # group names are syntax
        (r"(?:бiр){e<=1}", r"(?:бір){e<=1}"),
        (r"Бiлгiм|bilgim", r"Білгім|bilgim"),  # all-Latin words are left alone
        (r"Тоқаев", r"Тоқаев"),
    ],
)
def test_fold_pattern_repairs_only_literal_letters(pattern: str, folded: str) -> None:
    from corpus.search.regexfilter import fold_pattern

    assert fold_pattern(pattern) == folded
    regex.compile(folded)


_FOLD_PIECES = st.sampled_from(
    ["бiр", "Бiлгiм", "рәрі", "i", "e", "a", "о", "р", r"\b", r"\w", r"\p{L}", r"\x69",
     r"\N{LATIN SMALL LETTER I}", "[a-e]", "[^iі]", "[]i]", "(?i)", "(?P<iд>", ")", "(?:",
     "(?=", "(?<=a)", "{2}", "{1,3}", "+", "*", "?", "|", ".", "^", "$", "\\\\", " "]
)  # fmt: skip


def _shape(parsed: object) -> object:
    """A parse tree with the literal characters blanked, to compare the structure."""
    from re import _constants  # type: ignore[attr-defined]

    if isinstance(parsed, tuple) and len(parsed) == 2 and parsed[0] is _constants.LITERAL:
        return (_constants.LITERAL, None)
    if isinstance(parsed, (list, tuple)) or type(parsed).__name__ == "SubPattern":
        return [_shape(item) for item in parsed]  # type: ignore[union-attr]
    return parsed


@given(pieces=st.lists(_FOLD_PIECES, max_size=10))
def test_fold_pattern_keeps_the_pattern_s_structure(pieces: list[str]) -> None:
    """Folding changes letters only: same length, and where re parses the pattern the
    parse differs at most in literal characters."""
    from re import _parser  # type: ignore[attr-defined]

    from corpus.search.regexfilter import fold_pattern

    pattern = "".join(pieces)
    folded = fold_pattern(pattern)
    assert len(folded) == len(pattern)
    assert all(
        a == b or (a.isalpha() and b.isalpha()) for a, b in zip(pattern, folded, strict=True)
    )
    try:
        regex.compile(pattern)
    except regex.error:
        return
    regex.compile(folded)
    if "|" in pattern:
        # re's parser factors the letters alternatives share out of them ('i|iбiр' is
        # parsed as 'i(?:|бiр)'), and folding changes which letters they share (the
        # lone 'i' stays, 'iбiр' becomes 'ібір'): the shapes then differ in letters only.
        return
    try:
        original = _parser.parse(pattern)
    except re.error:
        return
    assert _shape(_parser.parse(folded)) == _shape(original)


def test_fold_repairs_a_regex_as_it_repairs_a_word_query(tmp_path: Path) -> None:
    corpus = make_corpus(
        tmp_path / "c",
        {
            "d": [
                ("Біз бірге барамыз.", "together"),
                ("Олар бiрге келді.", "together"),
                ("Бір", "x"),
            ]
        },
    )
    with QueryEngine(corpus) as engine:
        words = engine.search(Query(kk="бiрге", fold=True), limit=None).hits
        assert len(words) == 2
        for pattern in ("бiрге", r"\bбiрге\b", r"бiрг\w", r"(?:б)iрге"):
            found = engine.search(Query(kk=pattern, regex=True, fold=True), limit=None).hits
            assert [h.kk for h in found] == [h.kk for h in words], pattern
        assert engine.search(Query(kk="бiрге", regex=True), limit=None).total == 1  # the dirty one
