"""``kopir query``, ``stats`` and ``index`` on the seed corpus, as a linguist uses them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from corpus.search.searchtext import sort_key
from tests.helpers import SEEDS, checked_documents, make_corpus
from tests.helpers import kopir_cli as run
from tui.cli.main import main


def test_concordance_shows_kwic_lines_with_the_aligned_english(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(seeds, capsys, "query", "Тоқаев*", "--width", "120")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "17 matches in 17 units for Тоқаев*"
    kwic = [line for line in lines if "<Тоқаев" in line]
    assert len(kwic) == 17
    column = {line.index("<") for line in kwic}
    assert len(column) == 1  # the matches line up
    english = [line for line in lines if line.strip().startswith("en: ")]
    assert len(english) == 17 and any("Tokayev" in line for line in english)
    assert all(len(line) <= 120 for line in lines)


def test_the_linguists_questions_on_the_seeds(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ЕҚЫҰ-ның is one word: ЕҚЫҰ* finds it and ЕҚЫҰ alone does not.
    code, out, _ = run(seeds, capsys, "query", "--kk", "ЕҚЫҰ*", "--en-not", "OSCE")
    assert code == 0
    assert "no hits" in out and "13 units matched the other conditions" in out
    code, out, _ = run(seeds, capsys, "query", "--kk", "ЕҚЫҰ*", "--en", "OSCE", "--limit", "0")
    assert out.startswith("14 matches in 13 units")  # a bead has ЕҚЫҰ twice: two lines
    code, out, _ = run(seeds, capsys, "query", "--kk", "ЕҚЫҰ", "--limit", "0")
    assert out.startswith("7 matches in 7 units")
    code, out, _ = run(seeds, capsys, "query", "--kk", "ЕҚЫҰ*", "--collocates", "--side", "en")
    assert code == 0
    table = [line.split() for line in out.splitlines()[2:]]
    assert table[0][0] == "word" and table[1][0] == "osce"  # the rendering comes first
    code, out, _ = run(seeds, capsys, "query", "Тоқаев*", "--freq")
    rows = [line.split() for line in out.splitlines()[3:]]
    assert rows[0][:3] == ["тоқаев", "9", "9"] and ["тоқаевтың", "7", "7"] in [r[:3] for r in rows]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_carry_every_hit(
    seeds: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, _ = run(
        seeds, capsys, "query", "--kk", "Қазақстан*", "--en", "Kazakhstan", "--format", fmt
    )
    assert code == 0
    tsv = {"delimiter": "\t", "quoting": csv.QUOTE_NONE}  # kopir's TSV: escapes, no quoting
    rows = list(csv.DictReader(io.StringIO(out), **({} if fmt == "csv" else tsv)))  # type: ignore[arg-type]
    # Every match a row (exports are not paged); a bead matching twice is two rows.
    assert len({(r["doc"], r["bead"]) for r in rows}) == 98 < len(rows)
    assert all(r["kk"][int(r["start"]) : int(r["end"])] == r["match"] for r in rows)
    first = rows[0]
    assert first["doc"] == "000_6cc29457a28446bc" and first["bead"] == "1"
    assert first["status"] == "auto" and first["match"] == "Қазақстанның"
    assert first["kk_matches"] == "Қазақстанның" and first["en_matches"] == "Kazakhstan"
    assert first["left"] + first["match"] + first["right"] == first["kk"]


def test_json_output_and_atomic_file(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "hits.json"
    target.parent.mkdir()
    code, out, _ = run(
        seeds,
        capsys,
        "query",
        "--regex",
        "Қазақстан(ның|ға)",
        "--format",
        "json",
        "-o",
        str(target),
    )
    assert code == 0 and out == f"wrote 48 matches to {target}\n"
    data = json.loads(target.read_text("utf-8"))
    assert data["matches"] == len(data["lines"]) == 48 and data["units"] == 47  # one bead has 2
    hit = data["lines"][0]
    assert {"doc", "bead", "status", "score", "kk", "en", "kk_spans", "en_spans"} <= hit.keys()
    start, end = hit["kk_spans"][0]
    assert hit["kk"][start:end] == "Қазақстанның"
    assert [p.name for p in target.parent.iterdir()] == ["hits.json"]  # no temporary file left


def test_failed_output_leaves_the_old_file_and_no_temporary(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "hits.csv"
    target.write_text("previous", "utf-8")
    code, _, err = run(seeds, capsys, "query", "--regex", "(", "--format", "csv", "-o", str(target))
    assert code == 1 and err.startswith("kopir: error: invalid regular expression")
    assert target.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["hits.csv"]
    code, _, err = run(seeds, capsys, "query", "x", "-o", str(tmp_path / "missing" / "x.txt"))
    assert code == 1 and err.startswith("kopir: error:") and err.count("\n") == 1


#: What a byte that is not UTF-8 typed on the command line becomes (0xFF, Python's
#: surrogateescape): a lone surrogate, which the query's sentence echoes.
NOT_UTF8 = "Қазақстан\udcff"


def test_a_lone_surrogate_in_the_output_file_is_one_line_and_the_file_kept(
    seeds: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The query's sentence at the head of the concordance holds the lone surrogate:
    UTF-8 cannot hold it, so one line says so and the old file stays."""
    target = tmp_path / "lines.txt"
    target.write_text("previous", "utf-8")
    code, _, err = run(seeds, capsys, "query", "--kk", NOT_UTF8, "-o", str(target))
    assert code == 1 and err.count("\n") == 1, err
    assert "U+DCFF" in err and "lone surrogate" in err and "bug" not in err
    assert target.read_text("utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_lone_surrogate_on_a_strict_stdout_is_one_line(
    seeds: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal whose encoding is UTF-8 with strict errors (PYTHONIOENCODING=utf-8)
    cannot print the query's sentence either: one line, not "a bug in kopir"."""
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    code = main(["--corpus", str(seeds), "query", "--kk", NOT_UTF8])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1, err
    assert "stdout" in err and "U+DCFF" in err and "bug" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["query"],
        ["query", "--en-not", "OSCE"],
        ["query", '"'],
        ["query", "--regex", "[ә"],
        ["query", "x", "--since", "2021-02-30"],
        ["query", "x", "--status", "done"],
        ["query", "x", "--doc", "nothing*"],
        ["query", "x", "--freq", "--collocates"],
        ["query", "x", "--limit", "-1"],
        ["query", "x", "--collocates", "--window", "0"],
        ["query", "ә" * 10_000 + " " + "ә " * 100],
        ["query", "--keywords", "--doc", "0*", "--by", "lemma"],
    ],
)
def test_bad_queries_are_one_line_errors(
    seeds: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run(seeds, capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("kopir: error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_stats_text_and_json(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(seeds, capsys, "stats")
    assert code == 0
    assert "5 documents" in out.splitlines()[0]
    assert "sentences" in out and "331" in out and "beads: 316" in out
    code, out, _ = run(seeds, capsys, "stats", "--format", "json")
    data = json.loads(out)
    assert data["documents"] == 5 and data["overall"]["beads"] == 316
    assert data["overall"]["sentences"] == {"kk": 331, "en": 321}
    assert sum(d["beads"] for d in data["per_document"]) == 316


def test_stats_tells_weak_beads_and_findings_as_check_and_show_count_them(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A summary for a client (documents, sentences, beads confirmed and weak, the
    checks' findings) in one file: stats used to leave out weak beads and findings,
    which only the app's documents screen showed."""
    code, out, _ = run(seed_corpus, capsys, "check", "--format", "json")
    assert code == 0
    found: dict[str, dict[str, int]] = {}
    for f in json.loads(out)["findings"]:
        counts = found.setdefault(f["document"], {"errors": 0, "warnings": 0, "notes": 0})
        counts[{"error": "errors", "warning": "warnings", "info": "notes"}[f["severity"]]] += 1
    weak = {}
    for doc in found:
        code, out, _ = run(seed_corpus, capsys, "show", doc, "--beads")
        assert code == 0
        weak[doc] = int(re.search(r"(\d+) weak", out.splitlines()[1]).group(1))
    code, out, _ = run(seed_corpus, capsys, "stats", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {d["doc"]: d["quality"] for d in data["per_document"]} == found
    assert {d["doc"]: d["weak"] for d in data["per_document"]} == weak
    assert {d["state"] for d in data["per_document"]} == {"to review"}
    assert data["overall"]["weak"] == sum(weak.values())
    code, out, _ = run(seed_corpus, capsys, "stats")
    assert code == 0
    warnings = sum(counts["warnings"] for counts in found.values())
    assert f"weak: {sum(weak.values())} (not confirmed, and confidence under 0.5" in out
    assert f"quality checks of the 5 aligned documents: 0 errors, {warnings} warning" in out
    header = next(line for line in out.splitlines() if line.startswith("document"))
    assert header.split()[-4:] == ["weak", "errors", "warnings", "types"]


def test_stats_again_checks_only_the_documents_changed_since_and_says_the_same(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = checked_documents(monkeypatch)
    code, first, _ = run(seed_corpus, capsys, "stats", "--format", "json")
    assert code == 0 and len(checked) == 5
    checked.clear()
    code, again, _ = run(seed_corpus, capsys, "stats", "--format", "json")
    assert code == 0 and checked == [] and again == first  # kept in .kopir/overview.json
    doc = json.loads(first)["per_document"][2]["doc"]
    path = seed_corpus / f"{doc}.xml"
    path.write_bytes(path.read_bytes().replace(b"</TEI>", b"</TEI>\n"))  # saved again
    code, edited, _ = run(seed_corpus, capsys, "stats", "--format", "json")
    assert code == 0 and checked == [doc] and edited == first


def test_stats_with_unreadable_check_settings_says_so_and_counts_weak_beads_at_the_cut(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed_corpus / "kopir.toml").write_text(
        "[checks.no-such-check]\nenabled = false\n\n[review]\nweak-below = 1.0\n", "utf-8"
    )
    code, out, err = run(seed_corpus, capsys, "stats", "--format", "json")
    assert code == 0
    said = [line for line in err.splitlines() if "quality checks not counted" in line]
    assert len(said) == 1 and "no-such-check" in said[0], err
    data = json.loads(out)
    assert data["weak_below"] == 1.0 and data["overall"]["quality"] is None
    for doc in data["per_document"]:
        assert doc["weak"] == doc["beads"] - doc["confirmed"] > 0  # every proposed bead


def test_index_command_updates_and_rebuilds(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(seeds, capsys, "index")
    assert code == 0 and "5 documents" in out and "SQLite 3." in out
    code, out, _ = run(seeds, capsys, "index", "--rebuild")
    assert code == 0 and out.startswith("index rebuilt: 5 documents, 316 units")


def test_query_on_an_empty_or_missing_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(tmp_path / "none", capsys, "query", "x")
    assert code == 1 and "no corpus at" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run(tmp_path / "empty", capsys, "query", "x")
    assert code == 1 and "is not a kopir corpus" in err
    (tmp_path / "emptied" / ".kopir").mkdir(parents=True)
    code, out, _ = run(tmp_path / "emptied", capsys, "query", "x")
    assert code == 0 and out.startswith("no hits")


def test_no_hits_says_that_fold_would_find_words_with_look_alike_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(tmp_path / "c", {"d": [("Марапат «Кaznews.mn» порталына берілді.", "")]})
    code, out, err = run(corpus.root, capsys, "query", "--kk", "Kaznews*")
    assert code == 0 and out == "no hits for --kk Kaznews*\n"
    assert "kopir: warning: nothing matches as written; with fold" in err
    assert err.rstrip().endswith("1 unit matches")
    code, out, err = run(corpus.root, capsys, "query", "--kk", "Kaznews*", "--fold")
    assert out.startswith("1 match in 1 unit") and err == ""


def test_hits_export_as_a_valid_tmx(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lxml import etree

    from tests.helpers import shared_path

    out = tmp_path / "hits.tmx"
    code, stdout, _ = run(
        seeds, capsys, "query", "--kk", "ЕҚЫҰ*", "--format", "tmx", "-o", str(out)
    )
    assert code == 0 and stdout.startswith("wrote 13 units")
    tree = etree.parse(str(out))
    assert etree.DTD(str(shared_path("schemas", "tmx14.dtd"))).validate(tree)
    units = tree.findall("body/tu")
    assert len(units) == 13
    kazakh = [tu.find("tuv/seg").text for tu in units]  # the Kazakh tuv comes first
    assert all("ЕҚЫҰ" in text for text in kazakh)
    code, _, err = run(seeds, capsys, "query", "ЕҚЫҰ", "--format", "tmx")
    assert code == 1 and "-o FILE" in err


def test_hits_tmx_says_what_sanitising_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpus.storage.store import Corpus
    from tests.helpers import make_doc

    Corpus(tmp_path / "c").save(make_doc("d", [("Сөз\u200b бар.", "A word."), ("Сөз.", "")]))
    out = tmp_path / "hits.tmx"
    code, stdout, err = run(
        tmp_path / "c", capsys, "query", "сөз", "--format", "tmx", "-o", str(out)
    )
    assert code == 0
    assert stdout == f"wrote 1 unit to {out}; left out 1 hit with no aligned counterpart\n"
    assert err == (
        "kopir: warning: sanitised d:kk.s1:en.s1 (kk): column 4: removed U+200B "
        "ZERO WIDTH SPACE (a stray invisible character)\n"
    )
    code, _, err = run(
        tmp_path / "c", capsys, "query", "сөз", "--format", "csv", "-o", str(tmp_path / "no" / "x")
    )
    assert code == 1 and "the folder" in err and not (tmp_path / "no").exists()


def test_a_broken_document_is_said_and_the_exit_code_says_the_answer_is_partial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Like ``kopir ls``: the rest is answered, the broken file named, exit 1."""
    corpus = tmp_path / "c"
    assert main(["--corpus", str(corpus), "ingest", "--quiet", str(SEEDS)]) == 0
    (corpus / "zz_broken.xml").write_text("<TEI><teiHeader>", "utf-8")
    for args in (
        ("ls",),
        ("stats",),
        ("index",),
        ("query", "Тоқаев*"),
        ("query", "Тоқаев*", "--freq", "form"),
        ("query", "Тоқаев*", "--format", "json"),
    ):
        code, out, err = run(corpus, capsys, *args)
        assert code == 1, args
        assert "zz_broken" in err and out, args
    (corpus / "zz_broken.xml").unlink()
    assert run(corpus, capsys, "query", "Тоқаев*")[0] == 0
    assert run(corpus, capsys, "stats")[0] == 0


def test_the_output_file_ending_names_the_format(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(seeds, capsys, "query", "Қазақстан*", "-o", str(tmp_path / "h.tmx"))
    assert code == 0 and out.startswith("wrote ") and " units to " in out
    assert (tmp_path / "h.tmx").read_text("utf-8").count("<tu ") > 10
    code, out, _ = run(seeds, capsys, "query", "Тоқаев*", "-o", str(tmp_path / "h.csv"))
    assert code == 0 and out == f"wrote 17 matches to {tmp_path / 'h.csv'}\n"
    rows = list(csv.DictReader(io.StringIO((tmp_path / "h.csv").read_text("utf-8"))))
    assert len(rows) == 17  # every hit: a file in a hit format is not a 20-line screen
    code, out, _ = run(seeds, capsys, "query", "Тоқаев*", "-o", str(tmp_path / "h.txt"))
    assert code == 0 and out == "" and "<Тоқаев" in (tmp_path / "h.txt").read_text("utf-8")
    code, _, err = run(seeds, capsys, "query", "Тоқаев*", "--freq", "-o", str(tmp_path / "f.tmx"))
    assert code == 1 and "TMX holds hits" in err


def test_frequencies_of_an_either_side_query_count_both_sides(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """KAZINFORM stands in the Kazakh dateline and in the English: four matches, two units."""
    code, out, _ = run(seeds, capsys, "query", "kazinform", "--freq", "--format", "json")
    either = json.loads(out)
    assert code == 0 and either["side"] == "kk+en"
    lines = json.loads(run(seeds, capsys, "query", "kazinform", "--format", "json")[1])
    units = {(ln["doc"], ln["bead"]): ln for ln in lines["lines"]}.values()
    both = sum(len(u["kk_spans"]) + len(u["en_spans"]) for u in units)
    assert either["matches"] == both == 4 and either["units"] == lines["units"] == 2
    kk_only = json.loads(run(seeds, capsys, "query", "--kk", "kazinform", "--freq", "--format",
                             "json")[1])  # fmt: skip
    assert kk_only["matches"] == 2


def test_limit_and_width_are_honoured_or_refused(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(seeds, capsys, "query", "Тоқаев*", "--freq", "--limit", "2")
    assert code == 0 and "3 forms, the first 2 shown" in out
    assert len([line for line in out.splitlines() if line.startswith("тоқаев")]) == 2
    code, out, _ = run(seeds, capsys, "query", "ел*", "--collocates", "--limit", "3",
                       "--min-freq", "1")  # fmt: skip
    assert code == 0 and len(out.split("\n\n", 1)[1].splitlines()) == 1 + 3
    for width in ("5", "-1"):
        code, _, err = run(seeds, capsys, "query", "Тоқаев*", "--width", width)
        assert code == 1 and "needs 60 columns" in err


def test_a_date_filter_says_it_leaves_out_undated_documents(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(seeds, capsys, "query", "Қазақстан*", "--since", "2021")
    assert code == 0 and "2 documents have no date: the date filter leaves them out" in err
    dated = "003_02315eec3f8dba4a"  # 2019-04-08
    code, _, err = run(seeds, capsys, "query", "ЕҚЫҰ", "--until", "2020", "--doc", dated)
    assert code == 0 and err == ""  # the one document chosen has a date
    code, _, err = run(seeds, capsys, "query", "Қазақстан*")
    assert err == ""


def test_output_conventions_unknown_ending_stdout_and_excel(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "hits.xlsx"
    code, out, err = run(seeds, capsys, "query", "Тоқаев*", "-o", str(target))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "unknown ending .xlsx" in err and ".csv" in err and ".tsv" in err and ".txt" in err
    assert not target.exists()
    code, out, _ = run(seeds, capsys, "query", "Тоқаев*", "--format", "csv", "-o", "-")
    assert code == 0 and not Path("-").exists()
    assert len(list(csv.DictReader(io.StringIO(out)))) == 17
    code, out, _ = run(seeds, capsys, "query", "Тоқаев*", "--excel", "-o", "-")
    assert code == 0 and out.startswith("\ufeffdoc,")
    target = tmp_path / "excel.csv"
    code, _, _ = run(seeds, capsys, "query", "Тоқаев*", "--excel", "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(b"\xef\xbb\xbfdoc,")
    code, _, err = run(seeds, capsys, "query", "Тоқаев*", "--excel", "--format", "tsv")
    assert code == 1 and "--excel writes CSV" in err


def test_other_tools_operators_are_one_line_errors(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for text, message in (("Тоқа?в", "not a wildcard"), ("NEAR(Тоқаев, 2)", "NEAR is not")):
        code, out, err = run(seeds, capsys, "query", text)
        assert code == 1 and out == "" and message in err and err.count("\n") == 1
        assert "pass --regex to " in err


def test_hits_and_export_tsv_share_one_dialect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Quotes stay as they are and a backslash is escaped, in hits as in ``kopir export tsv``."""
    from align.formats.plain import unescape_tsv
    from tests.helpers import make_corpus

    kk = '"Сөз" деді ол: C:\\жол'
    make_corpus(tmp_path / "c", {"d": [(kk, 'He said "word".')]})
    code, hits, _ = run(tmp_path / "c", capsys, "query", "сөз", "--format", "tsv")
    assert code == 0
    header, row = hits.splitlines()
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    out = tmp_path / "all.tsv"
    args = ("export", "tsv", "--include-unconfirmed", "-o", str(out))
    assert run(tmp_path / "c", capsys, *args)[0] == 0
    header, row = out.read_text("utf-8").splitlines()
    exported = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert cells["kk"] == exported["kk"] == '"Сөз" деді ол: C:\\\\жол'
    assert unescape_tsv(cells["kk"]) == kk and cells["en"] == exported["en"]


LOCATION = re.compile(r"^\d{3}_[0-9a-f]+ #\d+✓? (kk|en)\.\S+ ")


def test_one_line_per_match_with_its_sentence_and_both_counts(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        seeds, capsys, "query", "--kk", "ЕҚЫҰ*", "--en", "OSCE", "--limit", "0", "--width", "120"
    )
    lines = out.splitlines()
    assert code == 0 and lines[0] == "14 matches in 13 units for --kk ЕҚЫҰ* --en OSCE"
    located = [line for line in lines if LOCATION.match(line)]
    assert len(located) == 14 and all("<ЕҚЫҰ" in line for line in located)
    assert len(set(located)) == 14  # the two lines of one bead centre on different matches


def test_the_aligned_text_is_never_cut_where_it_holds_the_asked_for_match(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In bead 3 of the OSCE article Lajčák ends a long English sentence: three lines hid it."""
    code, out, _ = run(
        seeds, capsys, "query", "--kk", "Лайчак*", "--en", "Lajčák", "--width", "100"
    )
    blocks = out.split("\n\n")[1:]
    assert code == 0 and len(blocks) == 4
    assert all("<Lajčák>" in block for block in blocks)
    english = [line for line in blocks[0].splitlines() if "en:" in line or line.startswith(" ")]
    assert len(english) > 3


def test_sort_by_the_word_right_of_the_match(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(seeds, capsys, "query", "--kk", "мен", "--sort", "R1", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["matches"] == len(data["lines"]) == 53 and data["units"] == 49
    word = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
    right = [word.search(ln["kk"], ln["end"]) for ln in data["lines"]]
    keys = [sort_key(m.group().lower()) if m else "" for m in right]
    assert keys == sorted(keys) and len(set(keys)) > 10
    default, _ = run(seeds, capsys, "query", "--kk", "мен", "--sort", "right")[1:]
    assert default.splitlines()[0].endswith("sorted by R1")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--keywords", "--doc", "0*", "--by", "lemma"], "--keywords counts word forms"),
        (["--kk", "мен", "--dist", "--by", "pos"], "--dist counts matches per part"),
        (["--kk", "мен", "--ngrams", "3", "--by", "lemma"], "--ngrams counts runs of word forms"),
        (["--kk", "мен", "--by", "lemma"], "a concordance counts nothing"),
    ],
)
def test_by_lemma_or_tag_where_nothing_counts_by_it_is_refused_not_ignored(
    seeds: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    """``--keywords --by lemma`` printed keywords by form (шежіресі, not шежіре) as if asked."""
    code, out, err = run(seeds, capsys, "query", *args)
    assert code == 1 and out == ""
    assert err == f"kopir: error: --by {args[-1]} groups --freq and --collocates; {said}\n"
    code, out, _ = run(seeds, capsys, "query", "--kk", "мен", "--freq", "--by", "lemma")
    assert code == 0 and "lemma" in out


def test_excel_csv_keeps_a_dash_opened_sentence_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet reads a cell starting with - = + @ as a formula ('- Мемлекет басшысы…',
    a dialogue dash's sentence, shows as #NAME?): --excel puts an apostrophe first, which
    the spreadsheet hides; plain CSV, for R or pandas, keeps the text as it is."""
    pairs = [("- Мемлекет басшысы келді.", "=The Head of State came."), ("Ел -жылы келді.", "It.")]
    make_corpus(tmp_path / "c", {"d": pairs})
    code, out, _ = run(tmp_path / "c", capsys, "query", "--kk", "Мемлекет", "--excel")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert row["kk"] == "'- Мемлекет басшысы келді." and row["left"] == "'- "
    assert row["en"] == "'=The Head of State came."
    assert row["match"] == "Мемлекет" and row["bead"] == "1"  # the rest as they were
    code, out, _ = run(tmp_path / "c", capsys, "query", "--kk", "Мемлекет", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["kk"] == "- Мемлекет басшысы келді." and row["en"] == "=The Head of State came."
    # Tables of figures too (a word cut after a number, as a töte text's "-жылы"); a number
    # stays a number.
    code, out, _ = run(tmp_path / "c", capsys, "query", "--kk", "Ел", "--collocates", "--excel",
                       "--min-freq", "1")  # fmt: skip
    assert code == 0 and out.startswith("\ufeff")
    rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(out.removeprefix("\ufeff")))}
    assert "'-жылы" in rows and "-жылы" not in rows
    assert all(float(c) == float(c) for c in rows["'-жылы"])  # counts and figures as numbers


def test_columns_measure_each_cell_once_and_line_up_wide_and_combining_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """kopir stats's table of documents measured every cell twice, a character at a time
    (20,000 rows: 0.74 s, now 0.27 s)."""
    from tui.cli import printing

    measured: list[str] = []
    width = printing.display_width
    monkeypatch.setattr(printing, "display_width", lambda t: measured.append(t) or width(t))
    rows: list[list[object]] = [
        ["doc1", 1200, "Алматы"],
        ["東京", 5, "е\u0301 ok"],
        ["x", None, ""],
    ]
    out = io.StringIO()
    printing.write_columns(out, ["document", "beads", "title"], rows, flush_left=(0, 2))
    assert len(measured) == 3 * 4
    assert out.getvalue().splitlines() == [
        "document  beads  title",
        "doc1      1,200  Алматы",
        "東京          5  е\u0301 ok",
        "x             –",
    ]
    assert [width(t) for t in ("doc1", "東京", "е\u0301 ok", "\x07", "")] == [4, 4, 4, 1, 0]
