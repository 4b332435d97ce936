"""A generated crawl: document pairs as a news crawl would give them, and their manifest.

Each document opens with a seed article's headline and first paragraph, in
Kazakh and in English (as the seeds have them), and goes on with 20–60
sentences (a side) of Tatoeba pairs cut into beads at the Text+Berg rates
(:mod:`benchmarks.synthetic`: 2-1, 1-2, 0-1, … so the aligner has real work)
and into paragraphs of two to six sentences. For ``make bench-build`` and the
build tests; nothing is written outside the folder given.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from benchmarks.shared import REPO
from benchmarks.synthetic import build_document, tatoeba_pairs
from corpus.ingest import build_document as ingest_document
from corpus.ingest import build_translation
from corpus.model import BlockKind, Side

SEEDS = REPO / "seeds"


@dataclass(frozen=True)
class Opening:
    """A seed's headline and first paragraph in both languages."""

    kk: tuple[str, str]
    en: tuple[str, str]


@lru_cache(maxsize=1)
def seed_openings() -> list[Opening]:
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        if path.stem.count("."):
            continue  # x.en.txt
        kk = ingest_document(path.read_bytes(), path.name, path.stem).doc.kk
        en, _, _ = build_translation(path.with_name(f"{path.stem}.en.txt").read_bytes(), "en")
        found.append(Opening(_opening(kk), _opening(en)))
    return found


def _opening(side: Side) -> tuple[str, str]:
    head = next((b.display for b in side.blocks if b.kind is BlockKind.HEAD), "")
    para = next(b.display for b in side.blocks if b.kind is BlockKind.P)
    return head, para


def write_pair(folder: Path, doc_id: str, rng: random.Random) -> tuple[Path, Path]:
    """Write ``doc_id.txt`` and ``doc_id.en.txt`` into ``folder``; their paths."""
    opening = rng.choice(seed_openings())
    pairs = tatoeba_pairs()
    size = rng.randint(20, 60)
    start = rng.randrange(len(pairs))
    stream = (pairs[start:] + pairs[:start]) * 2
    body = build_document(stream, rng, until=size)
    kk_lines, en_lines = [opening.kk[0], opening.kk[1]], [opening.en[0], opening.en[1]]
    k = e = 0
    while k < len(body.kk) or e < len(body.en):
        # A paragraph ends between beads, so both sides break at the same place.
        beads = [b for b in body.gold if (b[0] and b[0][0] >= k) or (b[1] and b[1][0] >= e)]
        take = beads[: rng.randint(2, 6)]
        kk_ids = [i for b in take for i in b[0]]
        en_ids = [i for b in take for i in b[1]]
        if kk_ids:
            kk_lines.append(" ".join(body.kk[i] for i in kk_ids))
            k = kk_ids[-1] + 1
        if en_ids:
            en_lines.append(" ".join(body.en[i] for i in en_ids))
            e = en_ids[-1] + 1
    kk_path, en_path = folder / f"{doc_id}.txt", folder / f"{doc_id}.en.txt"
    kk_path.write_text("\n".join(kk_lines) + "\n", "utf-8")
    en_path.write_text("\n".join(en_lines) + "\n", "utf-8")
    return kk_path, en_path


def write_crawl(folder: Path, count: int, seed: int = 7) -> Path:
    """``count`` pairs in ``folder`` and their TSV manifest (with dates and URLs); its path."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(count):
        rng = random.Random(seed * 1_000_003 + n)
        doc_id = f"crawl_{n:05d}"
        kk, en = write_pair(folder, doc_id, rng)
        day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        rows.append(f"{kk.name}\t{en.name}\t{doc_id}\t{day}\thttps://example.kz/news/{n}")
    manifest = folder / "manifest.tsv"
    manifest.write_text("kk\ten\tid\tdate\turl\n" + "\n".join(rows) + "\n", "utf-8")
    return manifest
