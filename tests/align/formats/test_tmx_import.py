"""TMX import: export → import round-trips, CAT-tool files are read, hostile files refused."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.formats.export import ExportOptions
from align.formats.sanitize import one_line, sanitize
from align.formats.tmx_reader import ImportReport, import_tmx, language_of
from align.formats.tmx_writer import export_tmx, write_tmx
from align.formats.units import Unit, all_units
from align.model import Alignment
from corpus.errors import CorpusError
from corpus.storage.store import Corpus
from tests.helpers import REPO, beads_of, make_doc, shared_path

SECRET = "KOPIR-TMX-SECRET-5b1e"
ALL = ExportOptions(include_empty=True, include_unconfirmed=True)


def pairs_of(corpus: Corpus, doc_id: str) -> list[tuple[str, str]]:
    return [(u.kk, u.en) for u in all_units(corpus.load(doc_id))]


def tmx(body: str, doctype: str = "", header: str = '<header srclang="kk"/>') -> str:
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f'{declaration}{doctype}<tmx version="1.4">{header}<body>{body}</body></tmx>'


def tu(kk: str, en: str, kk_lang: str = "kk-KZ", en_lang: str = "en-US") -> str:
    return (
        f'<tu><tuv xml:lang="{kk_lang}"><seg>{kk}</seg></tuv>'
        f'<tuv xml:lang="{en_lang}"><seg>{en}</seg></tuv></tu>'
    )


def test_seed_export_imports_back_as_the_same_pairs_and_statuses(
    seed_corpus: Path, tmp_path: Path
) -> None:
    source = Corpus(seed_corpus)
    out = tmp_path / "seeds.tmx"
    export_tmx(source, None, out, ExportOptions(include_unconfirmed=True))
    # Three units a translator confirmed, the rest the aligner's proposals.
    out.write_text(
        out.read_text("utf-8").replace('"x-status">auto<', '"x-status">confirmed<', 3), "utf-8"
    )
    target = Corpus(tmp_path / "imported")
    report = import_tmx(target, out)
    assert report.doc_id == "seeds" and report.units == 316
    assert report.languages == {"kk-KZ", "en-US"}
    expected = [(u.kk, u.en) for i in source.ids() for u in all_units(source.load(i))]
    assert pairs_of(target, "seeds") == expected
    doc = target.load("seeds")  # a valid kopir TEI document: read back and checked
    alignment = Alignment.from_document(doc)
    sources = [beads_of(source, i) for i in source.ids()]
    assert beads_of(target, "seeds") == [bead for beads in sources for bead in beads]
    source_beads = [b for i in source.ids() for b in Alignment.from_document(source.load(i)).beads]
    kinds = [b.kind for b in source_beads]
    assert [b.kind for b in alignment.beads] == kinds and set(kinds) - {"1-1"}, "2-1 kept"
    assert report.split_sides == sum((len(b.kk) > 1) + (len(b.en) > 1) for b in source_beads)
    assert not report.boundary_problems
    statuses = [b.status for b in alignment.beads]
    assert statuses == ["confirmed"] * 3 + ["auto"] * 313, "proposals stay proposals"
    assert report.unconfirmed == 313
    scores = [b.score for b in alignment.beads]
    assert scores == [u.score for i in source.ids() for u in all_units(source.load(i))]


TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("ӘәҒғҚқҢңӨөҰұҮүҺһІіабвАБВabcXYZ 0123456789.,!?«»\"'<>&;:-–")),
        st.sampled_from(["]]>", "&amp;", "<b>", "\x00", "\x7f", "\u200b", "\n", "и\u0306"]),
        st.characters(),
    ),
    max_size=40,
).map("".join)


def _expected(text: str) -> str:
    clean = one_line(sanitize(text)[0])[0]
    return clean if clean.strip() else ""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=12))
def test_any_units_round_trip_through_tmx(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    units = [
        Unit("d", i, kk, en, (f"kk.s{i}",), (f"en.s{i}",), "confirmed", None)
        for i, (kk, en) in enumerate(pairs)
    ]
    out = tmp_path / "r.tmx"
    write_tmx(out, units)
    expected = [(_expected(k), _expected(e)) for k, e in pairs]
    expected = [p for p in expected if p != ("", "")]
    corpus = Corpus(tmp_path / "c")
    if not expected:
        with pytest.raises(CorpusError, match="no translation units"):
            import_tmx(corpus, out, "r", replace=True)
        return
    import_tmx(corpus, out, "r", replace=True)
    assert pairs_of(corpus, "r") == expected


SAFE = (
    st.text(
        alphabet=st.sampled_from(list("ӘәҒғҚқІіабвАБВabcXYZ 019.,!?«»\"'<>&-")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.lists(SAFE, max_size=3), st.lists(SAFE, max_size=3)).filter(
            lambda p: p[0] or p[1]
        ),
        min_size=1,
        max_size=8,
    )
)
def test_corpus_export_then_import_gives_the_same_sentences_in_the_same_beads(
    tmp_path: Path, beads: list[tuple[list[str], list[str]]]
) -> None:
    corpus = Corpus(tmp_path / "src")
    corpus.save(make_doc("doc", beads, statuses=["auto"] * len(beads)))
    out = tmp_path / "d.tmx"
    export_tmx(
        corpus, None, out, ExportOptions(include_empty=True, include_unconfirmed=True, force=True)
    )
    back = Corpus(tmp_path / "dst")
    report = import_tmx(back, out, "doc", replace=True)
    assert pairs_of(back, "doc") == pairs_of(corpus, "doc")
    assert beads_of(back, "doc") == [(tuple(k), tuple(e)) for k, e in beads]
    assert not report.boundary_problems


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(shared_path("schemas", "tmx14.dtd")))


SHAPES = [
    ("Бірінші сөйлем.", "The first sentence."),  # 1-1
    (["Екінші.", "Үшінші сөйлем, ұзынырақ."], "Second and third, longer."),  # 2-1
    ("Төртінші.", ["Fourth.", "It has two English sentences."]),  # 1-2
    ("Аудармасы жоқ сөйлем.", ""),  # 1-0
    ("", "A sentence with no Kazakh."),  # 0-1
    (["Бес.", "Алты.", "Жеті: «үш»."], "Five, six and seven (three)."),  # 3-1
    (["  Шеттері бос . ", "Т.б. сөйлем."], ["Edges. ", " Spaced  out."]),  # 2-2, spaces kept
]


def test_a_document_of_every_bead_shape_comes_back_with_the_same_sentences(
    tmp_path: Path, tmx_dtd: etree.DTD
) -> None:
    corpus = Corpus(tmp_path / "src")
    corpus.save(make_doc("shapes", SHAPES, statuses=["confirmed", "auto"] * 3 + ["confirmed"]))
    out = tmp_path / "shapes.tmx"
    export_tmx(corpus, None, out, ALL)
    tree = etree.parse(str(out), etree.XMLParser(resolve_entities=False, no_network=True))
    assert tmx_dtd.validate(tree), tmx_dtd.error_log.filter_from_errors()
    assert len(tree.findall("body/tu/tuv/prop[@type='x-sentence-lengths']")) == 5

    back = Corpus(tmp_path / "dst")
    report = import_tmx(back, out)
    before = Alignment.from_document(corpus.load("shapes")).beads
    after = Alignment.from_document(back.load("shapes")).beads
    assert [b.kind for b in after] == [b.kind for b in before] == [
        "1-1", "2-1", "1-2", "1-0", "0-1", "3-1", "2-2"
    ]  # fmt: skip
    assert beads_of(back, "shapes") == beads_of(corpus, "shapes")
    assert [(b.status, b.score) for b in after] == [(b.status, b.score) for b in before]
    assert report.split_sides == 5 and not report.boundary_problems
    assert "kept the sentences kopir recorded in 5 segments (x-sentence-lengths)" in (
        report.summary()
    )


def test_a_cat_tool_segment_of_two_sentences_stays_one_sentence(tmp_path: Path) -> None:
    """Without kopir's property a segment is one sentence, whatever it looks like; the
    property means nothing on the unit itself, only on a language variant."""
    body = tu("Бірінші. Екінші.", "First. Second.").replace(
        "<tu>", '<tu><prop type="x-sentence-lengths">8 7</prop>'
    )
    corpus, report = imported(tmp_path, "cat", tmx(body))
    assert beads_of(corpus, "cat") == [(("Бірінші. Екінші.",), ("First. Second.",))]
    assert report.split_sides == 0 and not report.boundary_problems


def imported(tmp_path: Path, name: str, text: str) -> tuple[Corpus, ImportReport]:
    """``text`` written as ``<name>.tmx`` and imported into a new corpus: the corpus, the report."""
    path = tmp_path / f"{name}.tmx"
    path.write_text(text, "utf-8")
    corpus = Corpus(tmp_path / "c")
    return corpus, import_tmx(corpus, path)


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
        "kept 1 segments as one sentence each: their x-sentence-lengths do not fit the text "
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


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(TEXT, min_size=2, max_size=3), min_size=1, max_size=6))
def test_whatever_the_sentences_hold_kopir_reads_every_boundary_it_writes(
    tmp_path: Path, sides: list[list[str]]
) -> None:
    units = [
        Unit(
            "d",
            i,
            " ".join(sentences),
            "English.",
            tuple(f"kk.s{i}.{j}" for j in range(len(sentences))),
            (f"en.s{i}",),
            kk_lengths=tuple(len(s) for s in sentences),
        )
        for i, sentences in enumerate(sides)
    ]
    out = tmp_path / "w.tmx"
    write_tmx(out, units)
    corpus = Corpus(tmp_path / "c")
    report = import_tmx(corpus, out, "w", replace=True)
    assert not report.boundary_problems
    for (kk, _), sentences in zip(beads_of(corpus, "w"), sides, strict=True):
        clean = [_expected_sentence(s) for s in sentences]
        if all(c.strip() for c in clean):  # each sentence still has text: all kept
            assert list(kk) == clean
        else:  # one that was only invisible characters: the side is one sentence
            whole = _expected(" ".join(sentences))
            assert list(kk) == ([whole] if whole else [])


def _expected_sentence(text: str) -> str:
    return one_line(sanitize(text)[0])[0]


def test_a_cat_tool_file_with_doctype_inline_codes_and_other_languages(tmp_path: Path) -> None:
    body = (
        '<tu tuid="1"><prop type="x-score">0.5</prop>'
        '<tuv xml:lang="KK_kz"><seg><bpt i="1">&lt;b&gt;</bpt>Қалың<ept i="1">&lt;/b&gt;</ept>'
        " мәтін</seg></tuv>"
        '<tuv xml:lang="ru-RU"><seg>Жирный текст</seg></tuv>'
        '<tuv lang="EN-GB"><seg>Bold <hi type="x">text</hi><ph x="2">{1}</ph>.</seg></tuv></tu>'
        + tu("Екінші.", "Second.", "kaz", "eng")
    )
    corpus, report = imported(tmp_path, "omegat", tmx(body, '<!DOCTYPE tmx SYSTEM "tmx11.dtd">\n'))
    assert pairs_of(corpus, "omegat") == [("Қалың мәтін", "Bold text."), ("Екінші.", "Second.")]
    assert report.inline_codes == 3 and report.other_languages == {"ru-RU"}
    assert Alignment.from_document(corpus.load("omegat")).beads[0].score == 0.5


def test_utf16_tmx_as_some_tools_write_it(tmp_path: Path) -> None:
    path = tmp_path / "trados.tmx"
    text = tmx(tu("Сәлем.", "Hello.")).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(text.encode("utf-16"))
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    assert pairs_of(corpus, "trados") == [("Сәлем.", "Hello.")]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(tmx(tu("Сәлем.", "Hello.") * 3000).encode(), id="many parser reads"),
        pytest.param(tmx(tu("Иә.", "Yes.")).encode() + b"\n<!-- after -->\n\n", id="trailer"),
        pytest.param(
            tmx(tu("Иә.", "Yes.")).replace('"UTF-8"', '"UTF-16"').encode("utf-16"), id="utf-16"
        ),
    ],
)
def test_source_sha256_is_the_hash_of_the_whole_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "h.tmx"
    path.write_bytes(data)
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    assert corpus.load("h").meta.source_sha256 == hashlib.sha256(data).hexdigest()


def test_a_tmx_is_read_once_so_it_can_come_from_a_pipe(tmp_path: Path) -> None:
    """A named pipe gives its bytes once: an importer that opened the file a second time
    (to hash it) would wait for a writer that never comes."""
    data = tmx(tu("Бірінші.", "First.") + tu("Екінші.", "Second.")).encode()
    fifo = tmp_path / "piped.tmx"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    corpus = Corpus(tmp_path / "c")
    outcome: list[ImportReport] = []
    importer = threading.Thread(
        target=lambda: outcome.append(import_tmx(corpus, fifo)), daemon=True
    )
    importer.start()
    importer.join(timeout=30)
    if importer.is_alive():  # let the stuck reader finish before failing
        with fifo.open("wb"):
            pass
        importer.join(timeout=5)
        pytest.fail("the import opened the pipe a second time")
    writer.join(timeout=5)
    assert outcome and outcome[0].units == 2
    assert pairs_of(corpus, "piped") == [("Бірінші.", "First."), ("Екінші.", "Second.")]
    assert corpus.load("piped").meta.source_sha256 == hashlib.sha256(data).hexdigest()


def test_empty_sides_give_one_sided_beads_and_empty_units_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "e.tmx"
    path.write_text(tmx(tu("Иә.", "") + tu("", "Extra.") + tu(" ", "") + tu("Жоқ.", "No.")))
    corpus = Corpus(tmp_path / "c")
    report = import_tmx(corpus, path)
    assert report.units == 3 and report.empty_units == 1
    kinds = [b.kind for b in Alignment.from_document(corpus.load("e")).beads]
    assert kinds == ["1-0", "0-1", "1-1"]


def test_an_existing_document_is_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(tmx(tu("Иә.", "Yes.")), "utf-8")
    corpus = Corpus(tmp_path / "c")
    import_tmx(corpus, path)
    before = corpus.path("m").read_bytes()
    path.write_text(tmx(tu("Жоқ.", "No.")), "utf-8")
    with pytest.raises(CorpusError, match=r"already exists") as exists:
        import_tmx(corpus, path)
    assert [r.option for r in exists.value.remedies] == ["doc_id", "replace"]
    assert corpus.path("m").read_bytes() == before
    import_tmx(corpus, path, "other")
    assert pairs_of(corpus, "other") == [("Жоқ.", "No.")]
    assert import_tmx(corpus, path, replace=True).replaced
    assert pairs_of(corpus, "m") == [("Жоқ.", "No.")]
    with pytest.raises(CorpusError, match="invalid document id"):
        import_tmx(corpus, path, "../escape")


@pytest.mark.parametrize(
    ("code", "lang"),
    [("kk", "kk"), ("kk-KZ", "kk"), ("KK-kz", "kk"), ("kk_KZ", "kk"), ("kaz", "kk"),
     ("en", "en"), ("EN-us", "en"), ("en-GB", "en"), ("eng", "en"), ("ru", None), ("", None)],
)  # fmt: skip
def test_languages_are_matched_on_their_first_part(code: str, lang: str | None) -> None:
    assert language_of(code) == lang


ONLY_KK = '<tu><tuv xml:lang="kk"><seg>x</seg></tuv></tu>'
TWO_KK = '<tu><tuv xml:lang="kk"><seg>a</seg></tuv><tuv xml:lang="kk-KZ"><seg>b</seg></tuv></tu>'
NO_SEG = '<tu><tuv xml:lang="kk"/><tuv xml:lang="en"><seg>b</seg></tuv></tu>'
BAD_FILES = {
    "wrong languages": (
        tmx(tu("a", "b", "de-DE", "fr")),
        "no Kazakh or English: the first unit's languages are de-DE, fr",
    ),
    "missing tuv": (
        tmx(tu("a", "b") + ONLY_KK),
        "translation unit 2 (line 2): no English <tuv> (its languages: kk)",
    ),
    "no tuv": (tmx("<tu><prop type='x'>p</prop></tu>"), "translation unit 1 (line 2): no <tuv>"),
    "tuv without seg": (tmx(NO_SEG), "without <seg>"),
    "two Kazakh": (tmx(TWO_KK), "two Kazakh <tuv> elements"),
    "not tmx": ('<?xml version="1.0"?><html/>', "not a TMX file (the root element is <html>)"),
    "truncated": (tmx(tu("a", "b"))[:-30], "not well-formed XML"),
    "empty file": ("", "no XML element in the file"),
    # iterparse reports every error as a placeless "no element found"
    "undefined entity": (tmx(tu("a &nbsp; b", "b")), "Entity 'nbsp' not defined (line 2"),
    "no units": (tmx(""), "no translation units"),
    "unknown element": (tmx(tu("a<script>x</script>", "b")), "unexpected <script> in a segment"),
    # a repeated xml:id is well-formed XML: libxml2 refuses it, kopir says what it is
    "repeated id": (
        tmx(tu('<ph xml:id="p">1</ph><ph xml:id="p">2</ph>', "b")),
        "the id 'p' is used twice (line 2",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_malformed_tmx_is_a_clear_one_line_error_and_writes_nothing(
    tmp_path: Path, name: str
) -> None:
    text, expected = BAD_FILES[name]
    path = tmp_path / "bad.tmx"
    path.write_text(text, "utf-8")
    corpus = Corpus(tmp_path / "c")
    with pytest.raises(CorpusError) as error:
        import_tmx(corpus, path)
    message = str(error.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message
    assert corpus.ids() == []


def _attacks(folder: Path) -> dict[str, str]:
    secret = folder / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    evil_dtd = folder / "evil.dtd"
    evil_dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">', "utf-8")
    lol = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return {
        "xxe": tmx(
            tu("&xxe;", "x"), f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        ),
        "external dtd": tmx(tu("&leak;", "x"), f'<!DOCTYPE tmx SYSTEM "{evil_dtd.as_uri()}">\n'),
        "parameter entity": tmx(
            tu("a", "b"),
            f'<!DOCTYPE tmx [<!ENTITY % file SYSTEM "{secret.as_uri()}">\n'
            " <!ENTITY % eval \"<!ENTITY &#x25; error SYSTEM 'file:///nonexistent/%file;'>\">\n"
            " %eval;\n %error;\n]>\n",
        ),
        "billion laughs": tmx(tu("&lol9;", "x"), "<!DOCTYPE tmx [" + "".join(lol) + "]>\n"),
        "quadratic blowup": tmx(
            tu("&a;" * 20_000, "x"), f'<!DOCTYPE tmx [<!ENTITY a "{"x" * 50_000}">]>\n'
        ),
        "xinclude": tmx(
            tu(
                '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                f'href="{secret.as_uri()}" parse="text"/>',
                "x",
            )
        ),
    }


@pytest.mark.parametrize(
    "attack",
    ["xxe", "external dtd", "parameter entity", "billion laughs", "quadratic blowup", "xinclude"],
)
def test_hostile_tmx_is_refused_without_reading_or_expanding_anything(
    tmp_path: Path, attack: str
) -> None:
    path = tmp_path / "evil.tmx"
    path.write_text(_attacks(tmp_path)[attack], "utf-8")
    corpus_dir = tmp_path / "c"
    # A child process with a time-out and a memory cap: a parser that expanded the
    # bomb would be stopped instead of taking the test run down with it.
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys; from tui.cli.main import main; "
            "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3)); "
            "sys.exit(main(sys.argv[1:]))",
            "--corpus",
            str(corpus_dir),
            "import",
            "tmx",
            str(path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1, run.stderr
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"kopir: error: {path}: "), run.stderr
    assert "Traceback" not in run.stderr and SECRET not in run.stdout + run.stderr
    assert not corpus_dir.exists() or list(corpus_dir.iterdir()) == []


def test_a_memory_too_large_for_one_document_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document over the corpus's size limit could never be opened again (``Corpus.load``
    refuses it): the import refuses it instead, replacing nothing and leaving no file.
    The limit is lowered here to the size of a small memory's document (the real one is
    512 MiB: a million seed-sized units make 556 MB of TEI)."""
    import align.formats.tmx_reader as reader

    source = tmp_path / "memory.tmx"
    source.write_text(tmx("".join(tu(f"Сөйлем {n}.", f"Sentence {n}.") for n in range(300))))
    made = Corpus(tmp_path / "made")
    import_tmx(made, source, "m")
    size = made.path("m").stat().st_size

    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", size)  # at the limit: imported
    at_limit = Corpus(tmp_path / "at-limit")
    assert import_tmx(at_limit, source, "m").units == 300
    assert at_limit.path("m").read_bytes() == made.path("m").read_bytes()

    target = Corpus(tmp_path / "target")
    target.save(make_doc("m", [("Бұрынғы.", "Before.")]))
    before = {p.name: p.read_bytes() for p in target.root.iterdir() if p.is_file()}
    for limit, first in ((size - 1, False), (size // 10, True)):
        monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", limit)
        with pytest.raises(CorpusError, match="too large for one document") as refused:
            import_tmx(target, source, "m", replace=True)
        message = str(refused.value)
        assert "\n" not in message and "nothing was imported" in message
        # Over the limit by a byte: found once read, header counted; by far: while reading.
        assert message.split("too large for one document: ")[1].startswith(
            "the first" if first else "300 units"
        )
        after = {p.name: p.read_bytes() for p in target.root.iterdir() if p.is_file()}
        assert after == before
