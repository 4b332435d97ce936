"""UD Kazakh-KTB as a sentence-segmentation gold standard.

The treebank has no document or paragraph marks, but its sentence ids are
``<source>:<n>:<token offset>`` with ``n`` running 1..N inside a source, so the
running text of each source is rebuilt by joining its sentences in order with
one space. A segmenter is then scored on the boundaries it puts back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.shared import shared_dir

Splitter = Callable[[str], list[str]]


def ud_dir() -> Path:
    return shared_dir() / "data" / "ud-kazakh-ktb"


def read_sources(folder: Path | None = None) -> dict[str, list[str]]:
    """Gold sentences per source, in order, from every ``*.conllu`` file in ``folder``."""
    folder = folder or ud_dir()
    by_source: dict[str, dict[int, str]] = defaultdict(dict)
    for path in sorted(folder.glob("*.conllu")):
        sent_id = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# sent_id = "):
                sent_id = line.removeprefix("# sent_id = ").strip()
            elif line.startswith("# text = ") and sent_id:
                source, n, _offset = sent_id.rsplit(":", 2)
                by_source[source][int(n)] = line.removeprefix("# text = ").strip()
                sent_id = None
    return {src: [sents[n] for n in sorted(sents)] for src, sents in sorted(by_source.items())}


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def boundaries(text: str, sentences: Iterable[str]) -> set[int]:
    """Offsets in ``text`` where a sentence ends, except the end of the text.

    Sentences are located left to right, so a splitter that changes the text
    (pySBD may) is still scored on where its pieces fall.
    """
    ends: set[int] = set()
    pos = 0
    for sentence in sentences:
        piece = sentence.strip()
        if not piece:
            continue
        found = text.find(piece, pos)
        if found < 0:
            raise ValueError(f"sentence not found in text: {piece[:60]!r}")
        pos = found + len(piece)
        ends.add(pos)
    ends.discard(len(text.rstrip()))
    return ends


def score_source(gold: list[str], split: Splitter) -> Score:
    text = " ".join(gold)
    want = boundaries(text, gold)
    got = boundaries(text, split(text))
    return Score(len(want & got), len(got - want), len(want - got))


def errors(gold: list[str], split: Splitter, context: int = 40) -> list[str]:
    """Readable false positives (+) and misses (-) for error analysis."""
    text = " ".join(gold)
    want, got = boundaries(text, gold), boundaries(text, split(text))
    rows = []
    for kind, offsets in (("+", got - want), ("-", want - got)):
        for off in sorted(offsets):
            rows.append(f"{kind} …{text[max(0, off - context) : off]}‖{text[off : off + context]}…")
    return rows
