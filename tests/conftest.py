"""Shared fixtures: the team's read-only data, the TEI schema, the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from benchmarks.shared import shared_dir
from corpus.model import Document

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt") if p.stem.count(".") == 0)


def shared_path(*parts: str) -> Path:
    """A file in ../shared; the test fails (never skips) when the data is missing."""
    path = shared_dir().joinpath(*parts)
    assert path.exists(), f"shared data missing: {path} (set KOPIR_SHARED)"
    return path


def seed_document(doc_id: str, english: bool = True) -> Document:
    """A seed ingested as ``kopir ingest`` would, with its English imported and
    aligned (``english=False``: the Kazakh alone)."""
    from align.document import align_document, import_english
    from corpus.ingest import build_document

    path = SEEDS / f"{doc_id}.txt"
    doc = build_document(path.read_bytes(), str(path), doc_id).doc
    if english:
        import_english(doc, (SEEDS / f"{doc_id}.en.txt").read_bytes(), "en.txt")
        align_document(doc)
    return doc


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    """TEI P5 tei_all, compiled once per session (it takes several seconds)."""
    return etree.RelaxNG(etree.parse(str(shared_path("schemas", "tei_all.rng"))))
