"""A real CAT tool reads kopir's TMX: OmegaT fills a project from it.

Run by hand from the repository root (it needs OmegaT and Java, which the
test suite does not: ``apt-get install omegat`` on Debian or Ubuntu)::

    .venv/bin/python -m benchmarks.omegat_roundtrip          # or: make try-omegat

What it does, in a temporary directory:

1. builds the seed corpus (``kopir ingest --with-translations seeds``) and
   exports it with ``kopir export tmx --include-unconfirmed``; writes a second
   TMX with :func:`align.formats.tmx_writer.write_tmx` from units holding hostile text (NUL,
   vertical tab, DEL, U+FFFE, a lone surrogate, a zero-width space, ``]]>``,
   ``<``, ``&``, a 10,000-character segment);
2. makes an OmegaT project (Kazakh → English, sentence segmentation off),
   whose one source file holds each unit's Kazakh as a paragraph, puts both
   TMX files in ``tm/auto`` (OmegaT inserts their exact matches) and runs
   ``OmegaT --mode=console-translate``;
3. compares each paragraph of OmegaT's target file with the English of the
   unit, as translate-toolkit reads it from the same TMX.

It prints how many paragraphs OmegaT filled with the right English, and any
TMX warning OmegaT logged. Then it does what a translator does
(:mod:`benchmarks.omegat_segments`): a project of the Kazakh source texts,
segmented by OmegaT, once with OmegaT's own rules and once with kopir's
(``kopir export srx --omegat``), and counts the exact matches from kopir's
TMX; and a project of short Kazakh texts that open with an agency's dateline
(:data:`benchmarks.omegat_segments.DATELINES`), segmented with kopir's rules,
whose segments must be kopir's sentences of the same texts, and the same with
short texts in the Latin alphabet and the Arabic script
(:data:`benchmarks.omegat_segments.OTHER_SCRIPTS`), which ingest cuts on their
Cyrillic reading. It exits 0 only if every unit came through the first project,
at least 98% of the Kazakh sentences of 1-1 units got an exact match with
kopir's rules, and every dateline text and every text in another script was cut
where kopir cuts it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from translate.storage.tmx import tmxfile

from align.formats.tmx_writer import write_tmx
from align.formats.units import Unit
from benchmarks.omegat_segments import (
    DATELINES,
    OTHER_SCRIPTS,
    check_datelines,
    check_srx,
    describe,
    run_project,
)
from benchmarks.shared import REPO

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>kk-KZ</source_lang>
    <target_lang>en-US</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""

CONSOLE = "--mode=console-translate"
#: The share of 1-1 units' Kazakh sentences that must get an exact match with kopir's rules.
BAR = 0.98
HOSTILE = [
    "Нөл\x00бар.",
    "Бір\x0bекі.",
    "Жою\x7fбелгісі.",
    "Белгі\ufffeбар.",
    "Жалғыз\ud800сурогат.",
    "Көрін\u200bбейтін.",
    "Мәтін ]]> бітті.",
    "<b>Қалың</b> & «таңба»",
    "Ұзын " + "ә" * 10_000,
]


def kopir(*args: str) -> None:
    run = subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=REPO, capture_output=True)
    if run.returncode != 0:
        raise SystemExit(f"kopir {' '.join(args)} failed:\n{run.stderr.decode()}")


def main() -> int:
    java = shutil.which("java")
    omegat = Path("/usr/share/omegat/OmegaT.jar")
    if java is None or not omegat.is_file():
        print("needs OmegaT and Java: apt-get install omegat", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kopir-omegat-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        seeds_tmx = folder / "seeds.tmx"
        kopir("--corpus", str(corpus), "ingest", "-q", "--with-translations", str(REPO / "seeds"))
        kopir(
            "--corpus", str(corpus), "export", "tmx", "-o", str(seeds_tmx), "--include-unconfirmed"
        )
        hostile_tmx = folder / "hostile.tmx"
        units = [
            Unit("hostile", i, text, f"Hostile text number {i}.", (f"kk.s{i}",), (f"en.s{i}",))
            for i, text in enumerate(HOSTILE)
        ]
        report = write_tmx(hostile_tmx, units)
        print(f"hostile TMX: {len(report.changes)} characters sanitised")

        expected = []
        for path in (seeds_tmx, hostile_tmx):
            expected += [(u.source, u.target) for u in tmxfile.parsefile(str(path)).units]
        project = folder / "project"
        for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
            (project / sub).mkdir(parents=True)
        (project / "omegat.project").write_text(PROJECT, "utf-8")
        for path in (seeds_tmx, hostile_tmx):
            shutil.copy(path, project / "tm" / "auto" / path.name)
        source = "\n\n".join(k for k, _ in expected) + "\n"
        (project / "source" / "units.txt").write_text(source, "utf-8")

        run = subprocess.run(
            [java, "-Djava.awt.headless=true", "-jar", str(omegat), str(project), CONSOLE],
            capture_output=True,
            text=True,
            timeout=600,
        )
        log = run.stdout + run.stderr
        complaints = [
            line
            for line in log.splitlines()
            if "TMX" in line and ("WARN" in line.upper() or "ERR" in line.upper())
        ]
        target = (project / "target" / "units.txt").read_text("utf-8").rstrip("\n").split("\n\n")
        filled = sum(t == e for t, (_, e) in zip(target, expected, strict=False))
        version = next((line for line in log.splitlines() if "OmegaT-" in line), "OmegaT")
        print(f"{version.strip()}: exit {run.returncode}")
        print(f"OmegaT filled {filled} of {len(expected)} paragraphs with the TMX's English")
        for line in complaints:
            print(f"OmegaT: {line}")
        roundtrip_ok = run.returncode == 0 and filled == len(expected) and not complaints

        rules = folder / "segmentation.conf"
        kopir("export", "srx", "--omegat", "-o", str(rules))
        print("a translator's project: the Kazakh seed texts, kopir's TMX in tm/auto")
        default = run_project(folder / "default", PROJECT, seeds_tmx, None, java, omegat)
        print(describe("  OmegaT's own rules", default))
        ours = run_project(folder / "kopir", PROJECT, seeds_tmx, rules, java, omegat)
        print(describe("  kopir's rules     ", ours))
        for outcome in (default, ours):
            if outcome.unique_matching != outcome.unique_filled:
                print(
                    f"  count check failed: {outcome.unique_matching} distinct segments match "
                    f"a TMX unit, OmegaT filled {outcome.unique_filled}"
                )
                return 1
        differ = check_datelines(folder / "datelines", PROJECT, rules, java, omegat)
        cut_alike = sum(not missing and not extra for _, missing, extra in differ)
        print(f"  datelines: {cut_alike} of {len(DATELINES)} texts cut where kopir cuts")
        for name, missing, extra in differ:
            if missing or extra:
                print(f"    {name}: kopir {missing}, OmegaT {extra}")
        scripts = check_datelines(folder / "scripts", PROJECT, rules, java, omegat, OTHER_SCRIPTS)
        scripts_alike = sum(not missing and not extra for _, missing, extra in scripts)
        print(
            f"  Latin-alphabet and Arabic-script Kazakh: {scripts_alike} of {len(OTHER_SCRIPTS)} "
            "texts cut where kopir cuts"
        )
        for name, missing, extra in scripts:
            if missing or extra:
                print(f"    {name}: kopir {missing}, OmegaT {extra}")
        srx = folder / "kopir.srx"
        kopir("export", "srx", "-o", str(srx))
        total, refused, astral = check_srx(srx, java)
        print(
            f"kopir's SRX 2.0: {total} expressions, {refused} refused by Java's regex; "
            f"{astral} hold characters beyond U+FFFF (emoji), which .NET tools read differently"
        )
        dotnet = folder / "kopir-dotnet.srx"
        kopir("export", "srx", "--dotnet", "-o", str(dotnet))
        dn_total, dn_refused, dn_astral = check_srx(dotnet, java)
        print(
            f"kopir's SRX 2.0 for .NET (--dotnet): {dn_total} expressions, {dn_refused} refused "
            f"by Java's regex; {dn_astral} hold characters beyond U+FFFF (emoji as surrogate pairs)"
        )
        bar_ok = (
            ours.matched >= BAR * ours.one_to_one
            and cut_alike == len(DATELINES)
            and scripts_alike == len(OTHER_SCRIPTS)
            and refused == 0
            and dn_refused == 0
            and dn_astral == 0
        )
        return 0 if roundtrip_ok and bar_ok else 1


if __name__ == "__main__":
    sys.exit(main())
