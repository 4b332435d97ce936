"""Noisy variants of the synthetic documents: the page furniture that real pairs carry.

The real published pairs (``benchmarks/data/real``) show what a clean Tatoeba document
lacks: each outlet frames the same story its own way. A headline on each side that is not a
translation of the other, a rubric-and-date line, a view counter, an English byline and
dateline, "…, деп хабарлайды Kazinform." on a line of its own, photo captions in the body, a
translator's note, "Earlier it was reported …" background, a Telegram call or a copyright
notice at the end. Each of those lines has no counterpart: a 1-0 or 0-1 bead. Merged and split
sentences (2-1, 1-2, 2-2, …) come from :func:`benchmarks.synthetic.build_document` already.

:func:`add_furniture` adds such lines to a document between its beads (never inside one) and
re-numbers the gold, so a system can be scored on the same document with and without them. The
lines are templates in the style of the real pages, not copies of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.synthetic import Bead, SyntheticDoc

#: Framing lines by kind and side. Every kind stands alone in the gold (1-0 or 0-1).
KK_LINES: dict[str, tuple[str, ...]] = {
    "headline": (
        "Мемлекет басшысы бірқатар тапсырма берді",
        "Күн тәртібіндегі өзекті мәселелер талқыланды",
        "Жаңа бастама қолдау тапты",
        "Маңызды шешім қабылданды – Президент",
    ),
    "rubric": ("Саясат • 12 Наурыз, 2024", "Қоғам • 3 Қазан, 2023", "Әлем • 27 Сәуір, 2023"),
    "counter": ("157 рет көрсетілді", "1 мин оқу үшін", "2306 рет оқылды"),
    "attribution": (
        "Бұл туралы Ақорданың баспасөз қызметі хабарлады, деп жазады Kazinform.",
        "Бұл туралы министрліктің баспасөз қызметі мәлім етті, деп хабарлайды Egemen.kz.",
        "Мемлекет басшысы бүгін сөз сөйледі, деп хабарлайды El.kz тілшісі.",
    ),
    "caption": ("Фото: Ақорда", "Сурет: ашық дереккөз", "Фото: ҚР СІМ баспасөз қызметі"),
    "closing": (
        "Жаңалықтарды бәрінен бұрын біліп отырғыңыз келсе, Telegram-арнамызға жазылыңыз!",
        "Еске салайық, бұған дейін бұл туралы хабарланған еді.",
    ),
}
EN_LINES: dict[str, tuple[str, ...]] = {
    "headline": (
        "President sets out priorities for the year ahead",
        "Key issues on the agenda discussed",
        "New initiative wins broad support",
        "Head of State announces important decision",
    ),
    "dateline": ("12 March 2024, 17:17", "31.01.2018, 23:00 6694", "ASTANA. KAZINFORM"),
    "byline": ("Aigerim Sultanova", "Dana Ermekova", "Author: Marat Zhunusov"),
    "caption": ("Photo: akorda.kz", "Photo credit: Kazinform", "Photo: Kazakh MFA"),
    "note": (
        "[Translator's note: the Kazakh original quotes a proverb here.]",
        "[Translator's note: a Kazakh term with no English equivalent has been paraphrased.]",
    ),
    "closing": (
        "Earlier it was reported that the talks would continue next month.",
        "This information may not be reproduced without reference to the news agency.",
    ),
}


@dataclass
class Furniture:
    """How often each kind of line appears (probabilities, per document or per bead gap)."""

    kk_rubric: float = 0.5
    kk_counter: float = 0.4
    en_dateline: float = 0.6
    en_byline: float = 0.4
    kk_attribution: float = 0.6
    caption_per_gap: float = 0.06
    note_per_gap: float = 0.03
    kk_closing: float = 0.4
    en_closing: float = 0.5


Line = tuple[str, str]  # (side "kk" / "en", text)


def add_furniture(
    doc: SyntheticDoc, rng: random.Random, rates: Furniture | None = None
) -> tuple[SyntheticDoc, list[str]]:
    """``doc`` with framing lines added, and the kind of every framing bead in gold order.

    Both sides always get a headline (the rewritten one: neither translates the other); the
    rest is drawn with ``rates``. The returned kinds list has one entry per gold bead:
    ``"body"`` for the document's own beads, else the framing kind (``"kk headline"``, …).
    """
    rates = rates or Furniture()

    def pick(side: str, kind: str) -> Line:
        lines = KK_LINES if side == "kk" else EN_LINES
        return side, rng.choice(lines[kind])

    top: list[Line] = []
    if rng.random() < rates.kk_rubric:
        top.append(pick("kk", "rubric"))
    top.append(pick("kk", "headline"))
    if rng.random() < rates.kk_counter:
        top.append(pick("kk", "counter"))
    top.append(pick("en", "headline"))
    if rng.random() < rates.en_dateline:
        top.append(pick("en", "dateline"))
    if rng.random() < rates.en_byline:
        top.append(pick("en", "byline"))

    gaps: list[list[Line]] = [[] for _ in doc.gold]  # lines after bead i
    if doc.gold and rng.random() < rates.kk_attribution:
        gaps[0].append(pick("kk", "attribution"))
    for gap in gaps[:-1]:
        if rng.random() < rates.caption_per_gap:
            gap.append(pick(rng.choice(("kk", "en")), "caption"))
        if rng.random() < rates.note_per_gap:
            gap.append(pick("en", "note"))
    if gaps:
        if rng.random() < rates.en_closing:
            gaps[-1].append(pick("en", "closing"))
        if rng.random() < rates.kk_closing:
            gaps[-1].append(pick("kk", "closing"))

    out = SyntheticDoc([], [], [])
    kinds: list[str] = []

    def frame(line: Line) -> None:
        side, text = line
        lines = out.kk if side == "kk" else out.en
        bead: Bead = ((len(out.kk),), ()) if side == "kk" else ((), (len(out.en),))
        lines.append(text)
        out.gold.append(bead)
        kinds.append(f"{side} {_kind_of(side, text)}")

    for line in top:
        frame(line)
    for (k, e), after in zip(doc.gold, gaps, strict=True):
        nk, ne = len(out.kk), len(out.en)
        out.kk += [doc.kk[i] for i in k]
        out.en += [doc.en[j] for j in e]
        out.gold.append((tuple(range(nk, nk + len(k))), tuple(range(ne, ne + len(e)))))
        kinds.append("body")
        for line in after:
            frame(line)
    return out, kinds


def _kind_of(side: str, text: str) -> str:
    for kind, lines in (KK_LINES if side == "kk" else EN_LINES).items():
        if text in lines:
            return kind
    raise ValueError(f"not a framing line: {text!r}")
