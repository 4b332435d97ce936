"""Regular-expression search: the trigram prefilter never loses a match, the fast word
finder finds what the pattern finds, and a bad pattern is a one-line error.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.search.plan import Query
from corpus.search.query import QueryEngine, search
from corpus.search.querylang import QueryError
from corpus.search.regexfilter import MIN_LITERAL, compile_pattern, required_literals
from corpus.search.searchtext import trigram_text
from corpus.storage.store import Corpus
from tests.helpers import make_corpus


@pytest.mark.parametrize(
    ("pattern", "clauses"),
    [
        (r"Қазақстан(ның|ға)", [{"қазақстанның", "қазақстанға"}]),
        (r"Қазақстан(?:ның|ға)?", [{"қазақстан"}]),  # optional: the stem alone
        (r"кіта[пб]", [{"кітап", "кітаб"}]),
        (r"ab(c|)de", [{"abcde", "abde"}]),
        (r"x(ab|c\w)yz", []),
        (r"(Тоқаев|Назарбаев)\w*", [{"тоқаев", "назарбаев"}]),
        (r"\bПрезидент\b.*Тоқаев", [{"президент"}, {"тоқаев"}]),
        (r"(?:саммит)+і", [{"саммит"}]),
        (r"(?:саммит)?і", []),  # optional: requires nothing
        (r"[әө]\w+ді\b", []),  # no literal of three characters
        (r"\w+лық\b", [{"лық"}]),
        (r"ab", []),  # too short for a trigram
        (r"(Тоқаев|ел)", []),  # one alternative has no usable literal
        (r"ҚАЗАҚ", [{"қазақ"}]),  # the trigram form is lower case
        (r"(?i)ΟΔΟΣ", [{"οδος"}]),
    ],
)
def test_required_literals(pattern: str, clauses: list[set[str]]) -> None:
    found = [set(c) for c in required_literals(pattern, re.IGNORECASE)]
    if pattern == r"(?i)ΟΔΟΣ":
        assert found == [{trigram_text("ΟΔΟΣ")}]
        return
    assert found == clauses
    assert all(len(lit) >= MIN_LITERAL for c in found for lit in c)


def test_letters_regex_matches_with_each_other_have_one_trigram_form() -> None:
    """For every character x and every y that ``regex`` (IGNORECASE) matches with x, the
    trigram forms are equal: a literal of a pattern is always found in the text's form."""
    from regex import _regex

    flags = regex.UNICODE | regex.IGNORECASE
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        form = trigram_text(ch)
        assert len(form) == 1, hex(code)
        for other in _regex.get_all_cases(flags, code):  # candidates, Turkish ones too
            if other != code and regex.fullmatch(regex.escape(ch), chr(other), regex.I):
                assert trigram_text(chr(other)) == form, (hex(code), hex(other))


def naive(pairs: list[tuple[str, str]], pattern: str, side: str, flags: int) -> list[str]:
    """The texts of ``side`` with a non-empty match, by a plain scan with ``regex``."""
    compiled = regex.compile(pattern, flags)
    texts = [k if side == "kk" else e for k, e in pairs]
    return [t for t in texts if any(m.end() > m.start() for m in compiled.finditer(t))]


@pytest.mark.parametrize(
    "pattern",
    [
        r"вот",
        r"ВОТ",
        r"kelvin k\b",
        r"long s",
        r"istanbul",
        r"οδος",
        r"ΟΔΟΣ",
        r"бiлгiм",
        r"\bмен\b",
    ],
)
def test_case_insensitive_regex_finds_what_a_plain_scan_finds(
    tatoeba: tuple[Corpus, list[tuple[str, str]]], pattern: str
) -> None:
    corpus, pairs = tatoeba
    for side in ("kk", "en"):
        query = Query(kk=pattern, regex=True) if side == "kk" else Query(en=pattern, regex=True)
        hits = search(corpus, query, limit=None).hits
        assert [h.kk if side == "kk" else h.en for h in hits] == naive(pairs, pattern, side, re.I)


_PIECES = st.sampled_from(
    ["мен", "ме", "ды", "дым", "ңыз", "сіз", "ба", "ма", "the", "you", "Tom", "ТОМ", "қа", "ға",
     "ін", "ың", "келе", "бол", "жат", "ады", "еді", "i", "ә", "ө", "ү", " "]
)  # fmt: skip


@st.composite
def patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Small regular expressions built from common Kazakh and English pieces."""
    kind = draw(st.integers(0, 7 if depth < 2 else 2))
    if kind <= 2:
        return re.escape(draw(_PIECES))
    if kind == 3:
        return draw(patterns(depth + 1)) + draw(patterns(depth + 1))
    if kind == 4:
        return f"(?:{draw(patterns(depth + 1))}|{draw(patterns(depth + 1))})"
    if kind == 5:
        return f"(?:{draw(patterns(depth + 1))}){draw(st.sampled_from(['?', '*', '+', '{2}']))}"
    if kind == 6:
        return draw(st.sampled_from([r"\w", r"\b", ".", r"\s", "[әөү]", "^", "$"]))
    return draw(patterns(depth + 1)) + r"\w*"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pattern=patterns(), match_case=st.booleans(), side=st.sampled_from(["kk", "en"]))
def test_prefiltered_regex_search_equals_a_plain_scan(
    tatoeba: tuple[Corpus, list[tuple[str, str]]], pattern: str, match_case: bool, side: str
) -> None:
    corpus, pairs = tatoeba
    flags = 0 if match_case else re.IGNORECASE
    try:
        compiled = compile_pattern(pattern, match_case=match_case)
    except QueryError:
        return  # matches the empty string: refused, checked elsewhere
    assert compiled.regex.flags & re.IGNORECASE == flags
    query = Query(**{side: pattern}, regex=True, match_case=match_case)  # type: ignore[arg-type]
    hits = QueryEngine(corpus).search(query, limit=None).hits
    assert [h.kk if side == "kk" else h.en for h in hits] == naive(pairs, pattern, side, flags)


def test_regex_spans_forms_and_negation(tmp_path: Path) -> None:
    corpus = make_corpus(
        tmp_path / "c",
        {"d": [("Қазақстанның елі, Қазақстанға жол", "Kazakhstan's way"), ("Қазақстан", "OSCE")]},
    )
    (hit,) = search(corpus, Query(kk=r"Қазақстан(ның|ға)", regex=True)).hits
    assert hit.forms() == ["Қазақстанның", "Қазақстанға"]
    assert search(corpus, Query(kk="қазақстан", regex=True, match_case=True)).total == 0
    assert search(corpus, Query(kk="Қазақстан", regex=True, match_case=True)).total == 2
    only = search(corpus, Query(kk="Қазақстан", en_not="^OSCE$", regex=True), limit=None).hits
    assert [h.en for h in only] == ["Kazakhstan's way"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("Қазақстан(ның|ға", "missing \\)"),
        ("[", "unterminated character set"),
        ("a{2,1}", "min repeat greater than max repeat"),
        ("a**", "multiple repeat"),
        ("", "empty regular expression"),
        ("x*", "matches the empty string"),
        ("\\", "bad escape"),
        ("(" * 10_000 + "a" + ")" * 10_000, "too complex|too many|nested"),
        ("a\n(", "'a\\\\n\\(': missing \\)"),  # a line break is shown escaped
    ],
)
def test_bad_regular_expressions_are_one_line_errors(pattern: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as caught:
        compile_pattern(pattern)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300


def test_errors_quote_a_pattern_as_typed() -> None:
    with pytest.raises(QueryError) as caught:
        compile_pattern(r"\w+(")
    assert str(caught.value).startswith("invalid regular expression '\\w+(': missing )")


def test_long_and_strange_patterns_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("а" * 5000 + " Тоқаев", "x\x85y")]})
    assert search(corpus, Query(kk="а" * 400, regex=True)).total == 1
    assert search(corpus, Query(kk="(?:а|б){4000}", regex=True)).total == 1
    assert search(corpus, Query(en="x\x00y", regex=True)).total == 0
    assert search(corpus, Query(kk="Тоқаев\ud800", regex=True)).total == 0


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    head=st.sampled_from([r"\w+", r"\w*", r"\w+?", r"\w{2,}", r"(?i)\w+", r"\w++"]),
    tail=patterns(),
)
def test_word_repeat_finder_finds_the_same_first_match(
    tatoeba: tuple[Corpus, list[tuple[str, str]]], head: str, tail: str
) -> None:
    _, pairs = tatoeba
    try:
        compiled = compile_pattern(head + tail)
    except QueryError:
        return
    if head == r"\w*":  # may match empty text: left as it is
        assert compiled.finder is compiled.regex
    else:
        assert compiled.finder.pattern.startswith((r"\b(?:", r"(?i)\b(?:"))
    for kk, en in pairs:
        for text in (kk, en):
            plain, fast = compiled.regex.search(text), compiled.finder.search(text)
            assert (plain and plain.span()) == (fast and fast.span()), (text, head + tail)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:Қазақстан){e<=2}",  # regex's fuzzy matching: re would read "{e<=2}" as text
        r"[[:alpha:]]стан",  # regex's POSIX class: re would warn of a nested set
        r"\p{Cyrillic}+стан",  # regex only: re cannot read it
    ],
)
def test_patterns_re_reads_otherwise_require_no_literal_and_still_match(
    tmp_path: Path, pattern: str
) -> None:
    assert required_literals(pattern, re.IGNORECASE) == ()
    corpus = make_corpus(tmp_path / "c", {"d": [("Қазақстанның", "x"), ("Казакстан", "y")]})
    found = search(corpus, Query(kk=pattern, regex=True), limit=None).total
    assert found == 2


def test_regex_keeps_kazakh_letters_apart_folds_their_case_and_reads_nfc(tmp_path: Path) -> None:
    """What kopir relies on in the regex module: ҚАЗАҚ = қазақ, but қ ≠ к and ә ≠ а; \\w and
    \\b know Kazakh letters; a decomposed й (и + U+0306) in a pattern is the letter й."""
    corpus = make_corpus(
        tmp_path / "c",
        {"d": [("ҚАЗАҚ ЕЛІ", "one"), ("казак", "two"), ("Әлем", "three"), ("Алем", "four"),
               ("Қайрат", "five")]},
    )  # fmt: skip

    def found(pattern: str, match_case: bool = False) -> list[str]:
        query = Query(kk=pattern, regex=True, match_case=match_case)
        return [h.kk for h in search(corpus, query, limit=None).hits]

    assert found("қазақ") == ["ҚАЗАҚ ЕЛІ"]
    assert found("қазақ", match_case=True) == []
    assert found("әлем") == ["Әлем"]
    assert found(r"\bӘ\w+\b") == ["Әлем"] and found(r"\w+ЕЛІ") == []
    assert found(r"\b\w{4}\b") == ["Әлем", "Алем"]
    assert found("Каи\u0306рат") == [] and found("Қаи\u0306рат") == ["Қайрат"]
