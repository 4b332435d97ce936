"""Regular-expression search: the trigram prefilter never loses a match."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import textwrap
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
from tests.helpers import REPO, make_corpus, shared_path

#: The regex budget of searches that test what is found, not how fast: one a loaded machine
#: cannot run out of (starting worker processes alone took over the default 10 s under load).
NO_HURRY = 3600.0


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


@pytest.fixture(scope="module")
def tatoeba(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, list[tuple[str, str]]]:
    folder = shared_path("data", "tatoeba-kaz-eng")
    kk = (folder / "tatoeba.kaz-eng.kaz").read_text("utf-8").splitlines()
    en = (folder / "tatoeba.kaz-eng.eng").read_text("utf-8").splitlines()
    pairs = list(zip(kk, en, strict=True))
    extra = [
        ("ᲀот ВОТ вот", "Kelvin K and ſ long s"),  # characters re.IGNORECASE equates with others
        ("İstanbul ΟΔΟΣ οδος", "final ς and σ"),
    ]
    corpus = make_corpus(
        tmp_path_factory.mktemp("t") / "c", {"d1": pairs[:300], "d2": pairs[300:] + extra}
    )
    return corpus, pairs + extra


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


@pytest.mark.parametrize(
    "query",
    [
        Query(kk=r"[әө]\w+ді\b", regex=True),
        Query(text=r"[ТT]\w+", regex=True, en_not=r"\d", docs=("d2",)),
        Query(en=r"\b\w{4}\b", regex=True, kk_not="[әө]", match_case=True),
        Query(text=r"(Том|Tom)\w*", regex=True),  # narrowed by the trigram index, then split
    ],
)
def test_scan_in_worker_processes_equals_scan_in_process(
    tatoeba: tuple[Corpus, list[tuple[str, str]]], query: Query
) -> None:
    corpus, _ = tatoeba
    alone = QueryEngine(corpus, regex_timeout=NO_HURRY)
    alone.parallel_from = 10**12
    split = QueryEngine(corpus, regex_timeout=NO_HURRY)
    split.parallel_from = 1  # every scan goes to the workers
    try:
        expected = alone.search(query, limit=None).hits
        assert expected
        assert split.search(query, limit=None).hits == expected
    finally:
        alone.close()
        split.close()


def test_worker_processes_start_when_stderr_has_no_file(
    tatoeba: tuple[Corpus, list[tuple[str, str]]],
) -> None:
    """Inside the Textual app ``sys.stderr`` is a capture whose ``fileno()`` is -1.

    Run in a fresh interpreter: once multiprocessing's resource tracker is
    running (any earlier test may have started it) the problem cannot show.
    """
    corpus, _ = tatoeba
    pattern = r"[әө]\w+ді\b"  # no literal: every unit is scanned
    script = textwrap.dedent(
        f"""
        import sys
        import traceback
        from pathlib import Path
        from corpus.search.plan import Query
        from corpus.search.query import QueryEngine
        from corpus.storage.store import Corpus

        class Capture:  # what Textual puts in place of sys.stderr
            def write(self, text): return len(text)
            def flush(self): pass
            def fileno(self): return -1

        sys.stderr = Capture()
        try:
            corpus = Corpus(Path({str(corpus.root)!r}))
            with QueryEngine(corpus, regex_timeout={NO_HURRY}) as engine:
                engine.parallel_from = 1
                print(engine.search(Query(kk={pattern!r}, regex=True)).total)
        except Exception:
            traceback.print_exc(file=sys.stdout)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert done.returncode == 0 and done.stdout.strip().isdigit(), done.stdout + done.stderr
    expected = search(corpus, Query(kk=pattern, regex=True)).total
    assert int(done.stdout) == expected > 0


@given(
    counts=st.lists(st.integers(0, 50), min_size=1, max_size=12),
    parts=st.integers(1, 5),
)
def test_split_ranges_cover_every_unit_once_in_balanced_parts(
    counts: list[int], parts: int
) -> None:
    from corpus.search.regexscan import split_ranges
    from corpus.search.rows import POSITION_BITS

    docs = [
        ((k + 1) << POSITION_BITS, ((k + 2) << POSITION_BITS) - 1, n) for k, n in enumerate(counts)
    ]
    ranges = split_ranges(docs, parts)
    units = [lo + i for lo, _, n in docs for i in range(n)]
    if not units:
        assert ranges == []
        return
    assert len(ranges) <= parts
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))  # ordered, disjoint
    covered = [u for u in units if any(lo <= u <= hi for lo, hi in ranges)]
    assert covered == units
    sizes = [sum(1 for u in units if lo <= u <= hi) for lo, hi in ranges]
    assert max(sizes) <= -(-len(units) // parts)


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


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Documents with confirmed and unconfirmed beads, 1-0 and 0-1 units, look-alike
    letters, unaligned sentences, an empty document and gaps between the kept ones."""
    from tests.helpers import query_doc

    folder = shared_path("data", "tatoeba-kaz-eng")
    kk = (folder / "tatoeba.kaz-eng.kaz").read_text("utf-8").splitlines()
    en = (folder / "tatoeba.kaz-eng.eng").read_text("utf-8").splitlines()
    pairs = list(zip(kk, en, strict=True))
    corpus = Corpus(tmp_path_factory.mktemp("m") / "c")
    for n in range(6):
        chunk = pairs[n * 90 : (n + 1) * 90]
        chunk[3] = (chunk[3][0], "")  # a Kazakh sentence with no English
        chunk[7] = ("", chunk[7][1])
        corpus.save(query_doc(f"d{n}", chunk, confirmed=range(0, 90, 3 + n)))
    corpus.save(query_doc("empty", []))
    corpus.save(query_doc("loose", pairs[540:], linked=False))  # unaligned sentences only
    return corpus


@pytest.mark.parametrize(
    "query",
    [
        Query(kk=r"[әө]\w+ді\b", regex=True),
        Query(kk=r"[әө]\w+", regex=True, statuses=("confirmed",)),
        Query(kk=r"бі\w+", regex=True, fold=True),  # finds бiлгiм, with Latin i, too
        Query(text=r"\wі\w", regex=True, fold=True, statuses=("auto",)),
        Query(en=r"\b\w{5}\b", regex=True, kk_not=r"[әө]", docs=("d1", "d4", "empty")),
        Query(kk=r"^\w", regex=True, en_not=r"\?$"),
        Query(text=r"\w\w", regex=True, statuses=("unaligned",)),
    ],
)
@pytest.mark.parametrize("workers", [False, True])
def test_text_scan_equals_reading_every_unit(
    mixed: Corpus, query: Query, workers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A literal-free pattern reads ``scan_texts``; offering every unit as a trigram
    candidate makes the same query read the ``units`` rows instead: same hits."""
    import corpus.search.fetch

    engine = QueryEngine(mixed, cache_size=0, regex_timeout=NO_HURRY)  # searched again, not cached
    engine.parallel_from = 1 if workers else 10**12
    try:
        assert engine.plan(query).positive[0].pattern.trigram_query() is None  # type: ignore[union-attr]
        scanned = engine.search(query, limit=None).hits
        every = [uid for (uid,) in engine.index.conn.execute("SELECT id FROM units")]
        monkeypatch.setattr(corpus.search.fetch, "trigram_candidates", lambda conn, plan: every)
        read = engine.search(query, limit=None).hits
    finally:
        engine.close()
    assert scanned and scanned == read


@pytest.mark.parametrize(
    "query",
    [
        Query(kk=r"мен\w*", regex=True),
        Query(kk=r"біл\w*", regex=True, fold=True, statuses=("auto",)),  # бiлгiм too
        Query(text=r"(Том|Tom)\w*", regex=True, en_not="Mary", docs=("d2", "d5", "loose")),
        Query(en=r"\bthe\b", regex=True, kk=r"[әө]"),
    ],
)
@pytest.mark.parametrize("workers", [False, True])
def test_candidates_scanned_in_texts_or_read_by_row_give_the_same_hits(
    mixed: Corpus, query: Query, workers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trigram candidates are read row by row when few, from ``scan_texts`` when many."""
    import corpus.search.fetch

    engine = QueryEngine(mixed, cache_size=0, regex_timeout=NO_HURRY)
    engine.parallel_from = 1 if workers else 10**12
    try:
        monkeypatch.setattr(corpus.search.fetch, "TEXT_SCAN_SHARE", 0)  # always by row
        by_row = engine.search(query, limit=None).hits
        monkeypatch.setattr(corpus.search.fetch, "TEXT_SCAN_SHARE", 10**9)  # always from the texts
        in_texts = engine.search(query, limit=None).hits
    finally:
        engine.close()
    assert by_row and in_texts == by_row


# ---------------------------------------------------------------- empty matches


@pytest.mark.parametrize("pattern", [r"\b", r"\b\B", r"(?=Тоқаев)", r"\b|(?=x)", r"(?<=а)\b"])
def test_a_pattern_that_only_matches_empty_text_is_refused(pattern: str) -> None:
    with pytest.raises(QueryError, match="only matches empty text") as caught:
        compile_pattern(pattern)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("workers", [False, True])
def test_a_unit_is_a_hit_only_for_a_non_empty_match(tmp_path: Path, workers: bool) -> None:
    """``\\bx*`` matches empty text at every word boundary: those units are no hits."""
    corpus = make_corpus(
        tmp_path / "c", {"d": [("абв где", "one"), ("xyz абв", "two"), ("жоқ", "three")]}
    )
    with QueryEngine(corpus, regex_timeout=NO_HURRY) as engine:
        engine.parallel_from = 1 if workers else 10**12
        found = engine.search(Query(kk=r"\bx*", regex=True), limit=None)
        assert [h.kk for h in found.hits] == ["xyz абв"]
        assert found.hits[0].kk_spans == ((0, 1),) and found.warnings == []
        both = engine.search(Query(kk=r"\bx*", en="t", regex=True), limit=None)
        assert [h.en for h in both.hits] == ["two"]


@pytest.mark.parametrize("workers", [False, True])
def test_a_search_that_found_only_empty_matches_says_so(tmp_path: Path, workers: bool) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("абв где", "one"), ("жоқ", "two")]})
    with QueryEngine(corpus, regex_timeout=NO_HURRY) as engine:
        engine.parallel_from = 1 if workers else 10**12
        found = engine.search(Query(kk=r"\bq*", regex=True))
        assert found.total == 0
        (note,) = found.warnings
        assert "found only empty matches (in 2 units)" in note and "never a hit" in note
        again = engine.search(Query(kk=r"\bq*", regex=True))  # from the cache: said again
        assert again.warnings == found.warnings
        assert engine.search(Query(kk=r"z+", regex=True)).warnings == []


def test_cli_says_a_pattern_found_only_empty_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.main import main

    corpus = make_corpus(tmp_path / "c", {"d": [("абв где", "one")]})
    assert main(["--corpus", str(corpus.root), "query", "--regex", "--kk", r"\bq*"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("no hits") and "found only empty matches" in err
    assert main(["--corpus", str(corpus.root), "query", "--regex", "--kk", r"\b"]) == 1
    assert "only matches empty text" in capsys.readouterr().err


# ---------------------------------------------------------------- folding a pattern


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


# ---------------------------------------------------------------- re and regex reading alike


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
