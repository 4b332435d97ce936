"""The commands as a translator or linguist types them, on the real seed corpus."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from align.formats.units import all_units
from corpus.storage.store import Corpus
from tests.helpers import make_doc, shared_path
from tui.cli.main import main


@dataclass
class Run:
    code: int
    out: str
    err: str


def kopir(capsys: pytest.CaptureFixture[str], corpus: Path, *args: str) -> Run:
    code = main(["--corpus", str(corpus), *args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def test_check_reports_warnings_and_hides_notes_unless_asked(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = kopir(capsys, seed_corpus, "check")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0].startswith("000_6cc29457a28446bc:") and lines[0].endswith("[look-alike]")
    assert lines[-1].startswith(
        "5 documents checked: 0 errors, 2 warnings (double-space: 1, look-alike: 1), "
        "318 notes (unconfirmed: 316, duplicate-pair: 2)"
    )
    assert "318 not shown" in lines[-1]
    everything = kopir(capsys, seed_corpus, "check", "--min-severity", "info")
    assert sum(line.endswith("[unconfirmed]") for line in everything.out.splitlines()) == 316


def test_check_json_and_exit_status_on_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("d", [("Иә.", "Yes."), ("Жоқ.", " ")]))
    run = kopir(capsys, corpus.root, "check", "--format", "json")
    assert run.code == 1
    data = json.loads(run.out)
    assert data["counts"] == {"error": 1, "warning": 0, "info": 0}
    assert data["findings"] == [
        {
            "check": "empty-target",
            "severity": "error",
            "document": "d",
            "bead": 2,
            "side": "en",
            "message": "the English (en.s2) is only white space",
        }
    ]
    text = kopir(capsys, corpus.root, "check", "d")
    assert text.code == 1 and text.out.startswith("d:2: error: the English (en.s2)")


def test_check_list_shows_the_project_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "kopir.toml").write_text(
        "[checks.double-space]\nenabled = false\n[checks.numbers]\nseverity = 'error'\n", "utf-8"
    )
    run = kopir(capsys, root, "check", "--list")
    rows = {line.split()[0]: line.split()[1] for line in run.out.splitlines()[1:]}
    assert rows["double-space"] == "off" and rows["numbers"] == "error"
    assert rows["look-alike"] == "warning" and len(rows) == 25
    (root / "kopir.toml").write_text("[checks.nope]\n", "utf-8")
    bad = kopir(capsys, root, "check")
    assert bad.code == 1 and bad.err.startswith(f"kopir: error: {root / 'kopir.toml'}: ")
    assert len(bad.err.strip().splitlines()) == 1


def test_check_list_states_a_limit_as_the_project_sets_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ``max-chars = 1000`` (the README's kopir.toml), ``kopir check --list`` said
    "a side over 2,000 characters … [max-chars=1000]": the summary named the default as the
    limit, contradicting the setting printed beside it."""
    root = tmp_path / "c"
    root.mkdir()
    (root / "kopir.toml").write_text("[checks.segment-too-long]\nmax-chars = 1000\n", "utf-8")
    (row,) = (r for r in kopir(capsys, root, "check", "--list").out.splitlines() if "too-long" in r)
    assert "[max-chars=1000]" in row and "over 2,000 characters" not in row, row
    assert "over max-chars characters" in row, row


def test_export_tmx_as_a_translator_would(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seeds.tmx"
    refused = kopir(capsys, seed_corpus, "export", "tmx", "-o", str(out))
    assert refused.code == 1 and "--include-unconfirmed" in refused.err and not out.exists()
    run = kopir(capsys, seed_corpus, "export", "tmx", "-o", str(out), "--include-unconfirmed")
    assert run.code == 0 and run.out.startswith(f"wrote 316 units to {out}")
    dtd = etree.DTD(str(shared_path("schemas", "tmx14.dtd")))
    assert dtd.validate(etree.parse(str(out)))
    one = kopir(
        capsys, seed_corpus, "export", "tmx", "003_02315eec3f8dba4a", "-o", str(out),
        "--include-unconfirmed", "--srclang", "kk", "--tgtlang", "en-GB",
    )  # fmt: skip
    assert one.code == 0 and "wrote 23 units" in one.out and 'xml:lang="en-GB"' in out.read_text()


def test_export_refusal_lists_the_errors_and_force_exports_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("d", [("Сөз\x7f.", "Word."), ("Иә.", "Yes.")]))
    out = tmp_path / "d.tmx"
    refused = kopir(capsys, corpus.root, "export", "tmx", "-o", str(out))
    assert refused.code == 1 and not out.exists()
    err = refused.err.splitlines()
    assert err[0] == (
        "d:1: error: the Kazakh has U+007F DELETE at column 4, which exports remove "
        "[illegal-characters]"
    )
    assert err[-1].startswith("kopir: error: refusing to export: 1 error")
    forced = kopir(capsys, corpus.root, "export", "tmx", "-o", str(out), "--force")
    assert forced.code == 0 and out.exists()
    assert "kopir: warning: sanitised d:kk.s1:en.s1 (kk): column 4: removed U+007F" in forced.err
    assert "exported despite the errors" in forced.out


@pytest.mark.parametrize(
    ("fmt", "target", "files"),
    [
        ("moses", "out", ["out.en", "out.kk"]),
        ("tsv", "o.tsv", ["o.tsv"]),
        ("jsonl", "o.jsonl", ["o.jsonl"]),
        ("tsv", "pairs", ["pairs"]),  # no ending: nothing to contradict the format
        ("moses", "corpus.v2", ["corpus.v2.en", "corpus.v2.kk"]),  # a prefix, not a file name
    ],
)
def test_plain_exports_from_the_command_line(
    seed_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
    target: str,
    files: list[str],
) -> None:
    folder = tmp_path / "x"
    run = kopir(
        capsys, seed_corpus, "export", fmt, "-o", str(folder / target), "--include-unconfirmed"
    )
    assert run.code == 1 and "the folder" in run.err and "does not exist" in run.err
    assert not folder.exists()  # a mistyped folder is an error, not made silently
    folder.mkdir()
    run = kopir(
        capsys, seed_corpus, "export", fmt, "-o", str(folder / target), "--include-unconfirmed"
    )
    assert run.code == 0 and "wrote 316 units" in run.out
    assert sorted(p.name for p in folder.iterdir()) == files
    for name in files:
        lines = (folder / name).read_text("utf-8").splitlines()
        assert len(lines) == 316 + (fmt == "tsv")


def test_import_tmx_then_list_and_reexport(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "memory.tmx"
    kopir(capsys, seed_corpus, "export", "tmx", "-o", str(out), "--include-unconfirmed")
    run = kopir(capsys, seed_corpus, "import", "tmx", str(out))
    assert run.code == 0 and run.out.startswith("created memory: 316 units")
    assert "0 confirmed, 316 unconfirmed (exported by kopir as proposals)" in run.out
    again = kopir(capsys, seed_corpus, "import", "tmx", str(out))
    assert again.code == 1 and "already exists" in again.err
    listed = kopir(capsys, seed_corpus, "ls")
    assert any(line.startswith("memory ") and " 316 " in line for line in listed.out.splitlines())
    # The aligner's proposals came back as proposals: a plain export takes none of them …
    second = tmp_path / "second.tmx"
    run = kopir(capsys, seed_corpus, "export", "tmx", "memory", "-o", str(second))
    assert run.code == 1 and "--include-unconfirmed" in run.err
    # … and a memory from a CAT tool (no kopir status) is confirmed, all of it.
    cat_tool = tmp_path / "cat.tmx"
    cat_tool.write_text(out.read_text("utf-8").replace(">auto</prop>", ">?</prop>"), "utf-8")
    run = kopir(capsys, seed_corpus, "import", "tmx", str(cat_tool))
    assert run.code == 0 and "316 confirmed" in run.out
    run = kopir(capsys, seed_corpus, "export", "tmx", "cat", "-o", str(second))
    assert run.code == 0 and "wrote 316 units" in run.out


def test_score_from_the_command_line(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "src.kk"
    assert kopir(capsys, seed_corpus, "export", "source", "-o", str(source)).code == 0
    corpus = Corpus(seed_corpus)
    english = {}
    for doc_id in corpus.ids():
        for unit in all_units(corpus.load(doc_id)):
            for n, sid in enumerate(unit.kk_ids):
                english[(doc_id, sid)] = unit.en if n == 0 else ""
    hyp = tmp_path / "hyp.en"
    lines = [
        english[(doc_id, s.id)]
        for doc_id in corpus.ids()
        for s in corpus.load(doc_id).kk.sentences()
    ]
    hyp.write_text("\n".join(lines) + "\n", "utf-8")
    run = kopir(capsys, seed_corpus, "score", str(hyp), "--include-unconfirmed")
    assert run.code == 0
    rows = run.out.splitlines()
    overall = next(r for r in rows if r.startswith("overall"))
    assert overall.split()[1:] == ["316", "100.00", "100.00", "0.00"]
    assert any(r.startswith("BLEU    nrefs:1|case:mixed") for r in rows)
    data = json.loads(
        kopir(
            capsys, seed_corpus, "score", str(hyp), "--include-unconfirmed", "--format", "json"
        ).out
    )
    assert data["overall"]["segments"] == 316 and len(data["documents"]) == 5
    short = tmp_path / "short.en"
    short.write_text("one line\n", "utf-8")
    bad = kopir(capsys, seed_corpus, "score", str(short))
    assert bad.code == 1 and "1 lines, but the corpus has 331 Kazakh sentences" in bad.err


def test_an_output_that_cannot_be_written_is_a_one_line_error(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "a-directory"
    folder.mkdir()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", "utf-8")
    for fmt in ("tmx", "tsv", "jsonl", "moses", "source", "text"):
        cases = [(folder, "is a directory"), (blocker / "x", "cannot write")]
        for target, expected in cases[fmt == "moses" :]:  # a Moses prefix may name a folder
            flags = [] if fmt in ("source", "text") else ["--include-unconfirmed"]
            run = kopir(capsys, seed_corpus, "export", fmt, "-o", str(target), *flags)
            assert run.code == 1 and "Traceback" not in run.err, (fmt, run.err)
            assert run.err.startswith("kopir: error: ") and expected in run.err, (fmt, run.err)
            assert len(run.err.strip().splitlines()) == 1
    assert list(folder.iterdir()) == [] and blocker.read_text("utf-8") == "not a directory"


def test_import_tmx_merge_brings_a_cat_round_trip_back_with_the_ids_the_tuids_name(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--replace renumbered the sentences (kk.s2+kk.s3 became kk.s1 kk.s2) and put an
    added unit last, so the CAT tool's tuids named nothing of kopir's next export."""
    doc_id = Corpus(seed_corpus).ids()[0]
    before = Corpus(seed_corpus).load(doc_id)
    out = tmp_path / "doc.tmx"
    args = ("export", "tmx", doc_id, "--include-unconfirmed", "--include-empty")
    assert kopir(capsys, seed_corpus, *args, "-o", str(out)).code == 0
    tree = etree.parse(str(out))
    units = tree.getroot().findall("body/tu")
    tuids = [tu.get("tuid") for tu in units]
    units[0].find("tuv[2]/seg").text = "An edited target."
    units[2].getparent().remove(units[2])  # deleted in the CAT tool
    added = etree.fromstring(
        '<tu><tuv xml:lang="kk-KZ"><seg>Қосылған сөйлем.</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>An added sentence.</seg></tuv></tu>'
    )
    units[1].addnext(added)
    tree.write(str(out), encoding="UTF-8", xml_declaration=True)
    merge = ("import", "tmx", str(out), "--id", doc_id, "--merge")
    copy = tmp_path / "copy"
    shutil.copytree(seed_corpus, copy)
    run = kopir(capsys, copy, *merge)  # by default the added unit is left out, and said
    assert run.code == 0 and "0 added as new beads" in run.out, run.err
    assert "left out 1 unit whose Kazakh is none of" in run.out and "'Қосылған сөйлем.'" in run.out
    assert Corpus(copy).load(doc_id).kk == before.kk
    run = kopir(capsys, seed_corpus, *merge, "--add-unmatched")
    assert run.code == 0 and run.out.startswith(f"merged {len(units)} units"), run.err
    assert "1 added as new beads" in run.out and "1 bead of" in run.out
    after = Corpus(seed_corpus).load(doc_id)
    new_id = f"kk.s{before.kk.next_sentence_number()}"
    old_ids = [s.id for s in before.kk.sentences()]
    at = old_ids.index(before.links[1].kk[-1]) + 1  # after the second bead's Kazakh
    assert [s.id for s in after.kk.sentences()] == [*old_ids[:at], new_id, *old_ids[at:]]
    assert after.links[2].kk == (new_id,) and after.links[3] == before.links[2]
    again = tmp_path / "again.tmx"
    assert kopir(capsys, seed_corpus, *args, "-o", str(again)).code == 0
    next_tuids = [tu.get("tuid") for tu in etree.parse(str(again)).getroot().findall("body/tu")]
    assert next_tuids[:2] == tuids[:2] and next_tuids[3:] == tuids[2:]  # the added unit third
    alone = kopir(capsys, seed_corpus, "import", "tmx", str(out), "--add-unmatched")
    assert alone.code == 1 and "--add-unmatched goes with --merge" in alone.err
    refused = kopir(capsys, seed_corpus, "import", "tmx", str(out), "--merge")
    assert (
        refused.code == 1 and refused.err.count("\n") == 1 and "--merge needs --id" in refused.err
    )


def test_export_text_writes_a_documents_english_a_paragraph_a_line(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = "003_02315eec3f8dba4a"
    out = tmp_path / "003.en.txt"
    run = kopir(capsys, seed_corpus, "export", "text", doc, "-o", str(out))
    blocks = [b for b in Corpus(seed_corpus).load(doc).en.blocks if b.sentences]
    assert run.code == 0 and run.out.splitlines() == [
        f"wrote {len(blocks)} paragraphs of English to {out}",
        "checks: 0 errors, 0 warnings, 23 notes (unconfirmed: 23)",  # every sentence is checked
    ]
    assert out.read_text("utf-8").splitlines() == [
        " ".join(s.text for s in b.sentences) for b in blocks
    ]


def test_export_text_runs_the_checks_and_refuses_errors_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A delivery is when checks matter: the text export ran none, unlike TMX."""
    corpus = Corpus(tmp_path / "c")
    corpus.save(make_doc("d", [("Иә.", "Yes."), ("Жоқ.", " ")], status="auto"))
    out = tmp_path / "d.txt"
    refused = kopir(capsys, corpus.root, "export", "text", "-o", str(out))
    assert refused.code == 1 and not out.exists()
    assert "d:2: error: the English (en.s2) is only white space [empty-target]" in refused.err
    assert "refusing to export: 1 error" in refused.err
    forced = kopir(capsys, corpus.root, "export", "text", "-o", str(out), "--force")
    assert forced.code == 0 and out.read_text("utf-8").startswith("Yes.")
    assert "exported with an error: d:2: error:" in forced.err
    assert "checks: 1 error" in forced.out and "exported despite the errors" in forced.out
