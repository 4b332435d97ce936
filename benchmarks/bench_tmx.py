"""TMX export speed and memory, and the quality checks' speed, beside baselines.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_tmx                 # or: make bench-tmx
    .venv/bin/python -m benchmarks.bench_tmx --units 200000  # a smaller export

Everything is built in a temporary directory that is removed afterwards. The
units are real seed pairs: the five seed texts are ingested and aligned
(``kopir ingest --with-translations seeds``) and their 316 units repeated,
each repetition numbered so that no two units are the same.

(a) **Writing N units (default 1,000,000) as TMX**, each way in its own child
    process, timed from start to exit (interpreter start-up included), with
    the child's peak resident memory (``ru_maxrss`` from ``os.wait4``):

    * kopir: :func:`align.formats.tmx_writer.write_tmx` streaming from a generator, with
      sanitising, into an atomic output file;
    * baseline: the naive lxml way, building the whole ``<tmx>`` tree and
      then ``ElementTree.write`` (the same elements and attributes, no
      sanitising);
    * floor: the same XML made with f-strings and ``xml.sax.saxutils.escape``
      straight into a file, no sanitising, no XML library: what a hand-rolled
      writer would cost.

    The TMX written by kopir is checked to be well-formed by streaming it
    back with ``iterparse``. Bars: ≤ 60 s and ≤ 200 MB peak memory.

(b) **check_document on a 10,000-bead document** (the seed pairs repeated,
    each repetition marked with a letter code so that units are distinct),
    best of 5, in this process, beside a floor (a loop touching each unit's
    two texts once), with the time of each check so the expensive ones show;
    and the editor's way, a :class:`align.qa.DocumentChecker` re-checking the
    document after one sentence was edited.

(c) **kopir export tmx end to end** on a corpus of 100 generated documents
    (``--e2e-units`` units in all, default 100,000), in a child process:
    loading the TEI files, running every check across all documents,
    writing the TMX; beside it, the same export with no memory budget for
    keeping units between the checks and the writing (every document parsed
    twice, as huge corpora are and as every export was before).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from align.formats.units import Unit
from align.model import Alignment, Bead
from benchmarks.shared import REPO, machine
from corpus.model import Block, BlockKind, Document, Metadata, Sentence, Side

MB = 1_000_000
MIB = 2**20
TIME_BAR = 60.0
MEMORY_BAR = 200 * MB


@dataclass
class Row:
    label: str
    units: int
    seconds: float
    peak_rss: int | None
    size: int | None = None

    def show(self) -> str:
        rate = self.units / self.seconds if self.seconds else float("inf")
        rss = "(in-process)" if self.peak_rss is None else f"{self.peak_rss / MIB:,.0f} MiB"
        size = "" if self.size is None else f"{self.size / MB:,.0f} MB"
        return (
            f"{self.label:<44} {self.units:>10,} {self.seconds:>8.2f} s "
            f"{rate:>11,.0f}/s {rss:>12} {size:>8}"
        )


# ---------------------------------------------------------------- data


def seed_pairs(folder: Path) -> list[tuple[str, str]]:
    """The (Kazakh, English) texts of the aligned seed corpus's 316 units."""
    corpus_dir = folder / "seeds"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--corpus",
            str(corpus_dir),
            "ingest",
            "-q",
            "--with-translations",
            str(REPO / "seeds"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise SystemExit(f"ingesting the seeds failed:\n{run.stdout}{run.stderr}")
    from align.formats.units import all_units
    from corpus.storage.store import Corpus

    corpus = Corpus(corpus_dir)
    return [(u.kk, u.en) for i in corpus.ids() for u in all_units(corpus.load(i))]


def units(pairs: list[tuple[str, str]], n: int, per_doc: int = 1000) -> Iterator[Unit]:
    """``n`` distinct units made from ``pairs``, ``per_doc`` to a document."""
    for i in range(n):
        kk, en = pairs[i % len(pairs)]
        k = i // len(pairs)
        doc, bead = f"doc{i // per_doc:05d}", i % per_doc
        yield Unit(
            doc,
            bead,
            f"{kk} ({k})",
            f"{en} ({k})",
            (f"kk.s{bead + 1}",),
            (f"en.s{bead + 1}",),
            "confirmed",
            0.9,
            (),
        )


# ---------------------------------------------------------------- child processes


def child(way: str, data: Path, n: int, out: Path) -> None:
    """Write ``n`` units to ``out`` one ``way``; prints the number written.

    For ``e2e``, ``data`` is the corpus directory to export.
    """
    if way in ("e2e", "e2e-twice"):
        import align.formats.unit_reader
        from align.formats.export import ExportOptions
        from align.formats.tmx_writer import export_tmx
        from corpus.storage.store import Corpus

        if way == "e2e-twice":
            align.formats.unit_reader.KEEP_UNITS = 0
        report = export_tmx(Corpus(data), None, out, ExportOptions(force=True))
        print(report.units)
        return
    pairs = [tuple(p) for p in json.loads(data.read_text("utf-8"))]
    if way == "kopir":
        from align.formats.tmx_writer import write_tmx

        report = write_tmx(out, units(pairs, n))
        print(report.units)
    elif way == "naive":
        print(_naive(pairs, n, out))
    elif way == "floor":
        print(_floor(pairs, n, out))


def _naive(pairs: list[tuple[str, str]], n: int, out: Path) -> int:
    from align.formats.tmx_writer import XML_LANG, kopir_version, tmx_date

    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="kopir",
        creationtoolversion=kopir_version(),
        segtype="sentence",
        adminlang="en-US",
        srclang="kk-KZ",
        datatype="plaintext",
        creationdate=tmx_date(),
        **{"o-tmf": "kopir"},
    )
    body = etree.SubElement(root, "body")
    for unit in units(pairs, n):
        tu = etree.SubElement(body, "tu", tuid=unit.tuid)
        for kind, value in (
            ("x-document", unit.doc_id),
            ("x-status", unit.status),
            ("x-score", f"{unit.score:.4f}"),
            ("x-qa", "ok"),
        ):
            etree.SubElement(tu, "prop", type=kind).text = value
        for lang, text in (("kk-KZ", unit.kk), ("en-US", unit.en)):
            etree.SubElement(etree.SubElement(tu, "tuv", {XML_LANG: lang}), "seg").text = text
    etree.ElementTree(root).write(str(out), encoding="UTF-8", xml_declaration=True)
    return len(body)


def _floor(pairs: list[tuple[str, str]], n: int, out: Path) -> int:
    written = 0
    with out.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<body>\n')
        for u in units(pairs, n):
            f.write(
                f"<tu tuid={quoteattr(u.tuid)}>"
                f'<prop type="x-document">{escape(u.doc_id)}</prop>'
                f'<prop type="x-status">{u.status}</prop>'
                f'<tuv xml:lang="kk-KZ"><seg>{escape(u.kk)}</seg></tuv>'
                f'<tuv xml:lang="en-US"><seg>{escape(u.en)}</seg></tuv></tu>\n'
            )
            written += 1
        f.write("</body>\n</tmx>\n")
    return written


def run_child(way: str, data: Path, n: int, out: Path) -> tuple[float, int, int]:
    """(wall seconds, units written, peak RSS in bytes) of a child writing ``n`` units."""
    argv = [sys.executable, "-m", "benchmarks.bench_tmx", "--child", way, str(data), str(n)]
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen([*argv, str(out)], cwd=REPO, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        stdout.seek(0)
        stderr.seek(0)
        text = stdout.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{way} failed:\n{text}{stderr.read().decode()}")
    return seconds, int(text.split()[-1]), usage.ru_maxrss * 1024


def well_formed_units(path: Path) -> int:
    """Stream the file back with iterparse: the number of <tu> (raises if not well-formed)."""
    count = 0
    for _, el in etree.iterparse(str(path), tag="tu", resolve_entities=False, no_network=True):
        count += 1
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
    return count


# ---------------------------------------------------------------- checks


def build_document(pairs: list[tuple[str, str]], beads: int, doc_id: str = "bench") -> Document:
    """A document of ``beads`` 1-1 beads made of the seed pairs (numbered, all distinct)."""
    kk, en, made = [], [], []
    for i in range(beads):
        k, e = pairs[i % len(pairs)]
        n = i // len(pairs)
        kk.append(Sentence.plain(f"kk.s{i + 1}", f"{k} {code(n, KK_LETTERS)}".rstrip()))
        en.append(Sentence.plain(f"en.s{i + 1}", f"{e} {code(n, EN_LETTERS)}".rstrip()))
        made.append(Bead((f"kk.s{i + 1}",), (f"en.s{i + 1}",), "confirmed", 0.9))
    return aligned_document(doc_id, kk, en, made)


def aligned_document(
    doc_id: str, kk: list[Sentence], en: list[Sentence], beads: list[Bead]
) -> Document:
    """A document of one paragraph a side, its sentences aligned by ``beads``."""
    doc = Document(
        doc_id,
        Metadata(title=doc_id),
        Side("kk", [Block(BlockKind.P, kk)]),
        Side("en", [Block(BlockKind.P, en)]),
    )
    ids = (tuple(s.id for s in kk), tuple(s.id for s in en))
    doc.links = Alignment(*ids, tuple(beads)).to_links()
    return doc


KK_LETTERS = "абвгдеәғқңөұүһі"
EN_LETTERS = "abcdefghijklmno"


def code(n: int, letters: str) -> str:
    """``n`` written with ``letters`` as digits (empty for 0): a word that makes units distinct
    without adding numbers or brackets, which would make every unit trip those checks."""
    out = ""
    while n:
        n, d = divmod(n, len(letters))
        out = letters[d] + out
    return out


def best_of(times: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def bench_checks(pairs: list[tuple[str, str]], beads: int) -> tuple[float, float, float]:
    """check_document on ``beads`` beads: (with a corpus calibration, calibrating itself, floor)."""
    from align.formats.units import all_units
    from align.qa import DocumentChecker, QAConfig, calibrate, check_document
    from align.qa.pair_checks import PAIR_CHECKS

    doc = build_document(pairs, beads)
    calibration = calibrate([doc])
    config = QAConfig.default()
    findings = check_document(doc, config, calibration)
    with_cal = best_of(5, lambda: check_document(doc, config, calibration))
    self_cal = best_of(5, lambda: check_document(doc, config))
    all_of = all_units(doc)
    floor = best_of(5, lambda: [len(u.kk) + len(u.en) for u in all_of])
    checker = DocumentChecker(config, calibration)
    alignment = Alignment.from_document(doc)  # the editor has it; text edits keep the ids
    checker.check(doc, alignment)
    edits = iter(range(10**6))

    def edit_and_recheck() -> None:
        n = next(edits)
        sentences = doc.en.blocks[0].sentences
        i = (n * 997) % len(sentences)
        sentences[i] = Sentence.plain(sentences[i].id, f"{sentences[i].text} Edit {n}.")
        checker.check(doc, alignment)

    incremental = best_of(5, edit_and_recheck)
    print(f"\n(b) check_document on {beads:,} beads ({len(findings):,} findings), best of 5")
    print(f"{'run':<44} {'time':>10} {'per bead':>12}")
    for label, seconds in (
        ("check_document, corpus calibration given", with_cal),
        ("check_document, calibrating on the document", self_cal),
        ("DocumentChecker: one sentence edited, re-check", incremental),
        ("all_units alone (building the units)", best_of(5, lambda: all_units(doc))),
        ("floor: touch both texts of every unit", floor),
    ):
        print(f"{label:<44} {seconds * 1000:>8.1f} ms {seconds / beads * 1e6:>9.1f} µs")
    costs = []
    for check, run in PAIR_CHECKS.items():
        settings = config.checks[check]
        costs.append((best_of(3, lambda run=run, s=settings: [run(u, s) for u in all_of]), check))
    costs.sort(reverse=True)
    print("  slowest checks: " + ", ".join(f"{c} {t * 1000:.0f} ms" for t, c in costs[:6]))
    return with_cal, self_cal, floor


def make_corpus(folder: Path, pairs: list[tuple[str, str]], n: int, docs: int = 100) -> Path:
    from corpus.storage.store import Corpus

    corpus = Corpus(folder / "e2e")
    per_doc = max(1, n // docs)
    for d in range(docs):
        corpus.save(build_document(pairs[d % 7 :] + pairs[: d % 7], per_doc, f"doc{d:03d}"))
    return corpus.root


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="TMX export and quality-check benchmark")
    parser.add_argument("--units", type=int, default=1_000_000, help="units to write in (a)")
    parser.add_argument("--beads", type=int, default=10_000, help="beads for check_document")
    parser.add_argument("--e2e-units", type=int, default=100_000, help="units for (c)")
    parser.add_argument(
        "--child", nargs=4, metavar=("WAY", "DATA", "N", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        way, data, n, out = args.child
        child(way, Path(data), int(n), Path(out))
        return 0

    print(machine("kopir TMX benchmark"))
    with tempfile.TemporaryDirectory(prefix="kopir-bench-tmx-") as tmp:
        folder = Path(tmp)
        pairs = seed_pairs(folder)
        data = folder / "pairs.json"
        data.write_text(json.dumps(pairs, ensure_ascii=False), "utf-8")
        print(f"{len(pairs)} seed units, repeated and numbered to make {args.units:,}")

        rows = []
        for way, label in (
            ("kopir", "kopir write_tmx (streaming, sanitising)"),
            ("naive", "baseline: whole lxml tree, then write"),
            ("floor", "floor: f-strings + saxutils.escape"),
        ):
            out = folder / f"{way}.tmx"
            seconds, written, rss = run_child(way, data, args.units, out)
            rows.append(Row(label, written, seconds, rss, out.stat().st_size))
            if way == "kopir":
                parsed = well_formed_units(out)
            out.unlink()

        print(f"\n(a) writing {args.units:,} units as TMX, each in a child process")
        print(f"{'run':<44} {'units':>10} {'wall':>10} {'rate':>13} {'peak RSS':>12} {'file':>8}")
        for row in rows:
            print(row.show())
        kopir = rows[0]
        assert kopir.peak_rss is not None
        fast = "PASS" if kopir.seconds <= TIME_BAR else "FAIL"
        small = "PASS" if kopir.peak_rss <= MEMORY_BAR else "FAIL"
        print(
            f"kopir's TMX streams back with iterparse: {parsed:,} <tu>, "
            f"{'all' if parsed == kopir.units else 'NOT all'} units"
        )
        print(f"bar: ≤ {TIME_BAR:.0f} s: {fast} ({kopir.seconds:.1f} s)")
        print(f"bar: ≤ 200 MB peak memory: {small} ({kopir.peak_rss / MB:.0f} MB)")

        with_cal, _, _ = bench_checks(pairs, args.beads)
        print(f"aim: well under 1 s for {args.beads:,} beads: {with_cal:.2f} s")

        root = make_corpus(folder, pairs, args.e2e_units)
        out = folder / "e2e.tmx"
        print(f"\n(c) kopir export tmx end to end: 100 documents, {args.e2e_units:,} units")
        for way, label in (
            ("e2e", "export_tmx (each document parsed once)"),
            ("e2e-twice", "same, parsing twice (no units kept)"),
        ):
            seconds, written, rss = run_child(way, root, 0, out)
            print(
                f"{label:<44} {written:>10,} "
                f"{seconds:>8.2f} s {written / seconds:>11,.0f}/s {rss / MIB:>8,.0f} MiB"
            )
    ok = fast == small == "PASS" and parsed == kopir.units
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
