"""The noisy web-style Kazakh gold set (``benchmarks/data/web_segmentation``).

Each paragraph is a list of gold sentences plus the running text they make:
joined by one space, or by nothing where a line starts with ``~`` (the format
is described in the data folder's README). A segmenter is scored on the
boundaries it puts in that text, as on UD Kazakh-KTB.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmarks.ud_ktb import Score, Splitter, boundaries

DATA = Path(__file__).parent / "data" / "web_segmentation"
PARTS = ("dev", "heldout")


@dataclass(frozen=True)
class Paragraph:
    text: str
    gold: tuple[str, ...]
    tags: tuple[str, ...]
    line: int  # where the paragraph starts in its file, for error reports


def read_part(part: str, folder: Path = DATA) -> list[Paragraph]:
    """The paragraphs of ``dev`` or ``heldout``, in file order."""
    path = folder / f"{part}.txt"
    paragraphs: list[Paragraph] = []
    text, gold, tags, start = "", [], [], 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate([*lines, ""], start=1):
        if line.startswith(";; tags:"):
            tags = line.removeprefix(";; tags:").split()
        elif line.startswith(";;"):
            continue
        elif not line.strip():
            if gold:
                paragraphs.append(Paragraph(text, tuple(gold), tuple(tags), start))
            text, gold, tags = "", [], []
        else:
            glued = line.startswith("~")
            sentence = line[1:] if glued else line
            if not gold:
                start = number
            text += sentence if glued or not gold else " " + sentence
            gold.append(sentence)
    return paragraphs


def score_paragraph(paragraph: Paragraph, split: Splitter) -> Score:
    want = boundaries(paragraph.text, paragraph.gold)
    got = boundaries(paragraph.text, split(paragraph.text))
    return Score(len(want & got), len(got - want), len(want - got))


def score_part(paragraphs: list[Paragraph], split: Splitter) -> tuple[Score, int]:
    """The summed boundary score and how many paragraphs came out exactly right."""
    total, exact = Score(0, 0, 0), 0
    for paragraph in paragraphs:
        score = score_paragraph(paragraph, split)
        total += score
        exact += score.fp == score.fn == 0
    return total, exact
