"""A real CAT tool reads kopir's glossary: OmegaT 3.6 loads the exported TBX and .txt.

Run by hand from the repository root (it needs OmegaT, Java and javac)::

    .venv/bin/python -m benchmarks.omegat_glossary

In a temporary directory: builds the seed corpus, imports the 20 terms of
``benchmarks/data/glossary/terms.csv`` and one with a note holding ``&`` and ``<``, then
``kopir export tmx --glossary`` (the TMX and ``job.tbx`` beside it) and ``kopir glossary
export glossary.txt``. Both go into an OmegaT project's ``glossary/`` folder, and
``benchmarks/omegat/ReadGlossary.java`` opens the project with OmegaT's own classes and
loads each file with OmegaT's glossary manager (its ``loadGlossaryFile``, which picks the
TBX or tab-separated reader by the ending: what OmegaT does for each file of the folder
when a project opens; the manager's folder watcher needs a window, so it is called
directly). Exits 0 only if OmegaT read every (Kazakh, English, note) kopir wrote, from both.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.omegat_roundtrip import PROJECT, kopir
from benchmarks.shared import REPO
from corpus.glossary import load_glossary

JAR = Path("/usr/share/omegat/OmegaT.jar")
HARNESS = Path(__file__).parent / "omegat" / "ReadGlossary.java"
TERMS = Path(__file__).parent / "data" / "glossary" / "terms.csv"


def main() -> int:
    java, javac = shutil.which("java"), shutil.which("javac")
    if java is None or javac is None or not JAR.is_file():
        print("needs OmegaT, Java and javac: apt-get install omegat default-jdk", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kopir-omegat-glossary-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        kopir("--corpus", str(corpus), "ingest", "-q", "--with-translations", str(REPO / "seeds"))
        kopir("--corpus", str(corpus), "glossary", "import", str(TERMS))
        note = "the whole body: Mazhilis & Senate (<both houses>)"
        kopir("--corpus", str(corpus), "glossary", "add", "Парламент", "Mazhilis", "--note", note)
        project = folder / "project"
        for sub in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
            (project / sub).mkdir(parents=True)
        (project / "omegat.project").write_text(PROJECT, "utf-8")
        (project / "source" / "a.txt").write_text("Парламенттің отырысы өтті.\n", "utf-8")
        tmx = folder / "job.tmx"
        kopir(
            "--corpus", str(corpus), "export", "tmx", "-o", str(tmx), "--include-unconfirmed",
            "--glossary",
        )  # fmt: skip
        shutil.copy(folder / "job.tbx", project / "glossary" / "job.tbx")
        txt = project / "glossary" / "glossary.txt"
        kopir("--corpus", str(corpus), "glossary", "export", str(txt))
        classes = folder / "classes"
        subprocess.run(
            [javac, "-cp", str(JAR), "-d", str(classes), str(HARNESS)], check=True, timeout=300
        )
        run = subprocess.run(
            [java, "-Djava.awt.headless=true", "-cp", f"{classes}:{JAR}", "ReadGlossary",
             str(project)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if run.returncode != 0:
            print(f"OmegaT failed:\n{run.stderr[-2000:]}", file=sys.stderr)
            return 1
        read: dict[str, set[tuple[str, str, str]]] = {}
        current = ""
        for line in run.stdout.splitlines():
            kind, *fields = line.split("\t")
            if kind == "FILE":
                current = fields[0]
                read[current] = set()
            elif kind == "ENTRY":
                kk, en, comment = [*fields, "", ""][:3]
                read[current].add((kk, en, comment))
        glossary = load_glossary(corpus)
        wrote = {(t.kk, en, t.note) for t in glossary.terms for en in t.en}
        ok = True
        for name in ("job.tbx", "glossary.txt"):
            got = read.get(name, set())
            print(
                f"OmegaT 3.6 loaded {len(got & wrote)} of {len(wrote)} entries "
                f"({len(glossary)} terms) from {name}"
                + (f"; {len(got - wrote)} it read differently" if got - wrote else "")
            )
            for entry in sorted(wrote - got)[:5]:
                print(f"  missing: {entry}")
            for entry in sorted(got - wrote)[:5]:
                print(f"  read as: {entry}")
            ok = ok and got == wrote
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
