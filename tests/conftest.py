"""Shared fixtures: the team's read-only data, the TEI schema, the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from benchmarks.shared import shared_dir

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt") if p.stem.count(".") == 0)


def shared_path(*parts: str) -> Path:
    """A file in ../shared; the test fails (never skips) when the data is missing."""
    path = shared_dir().joinpath(*parts)
    assert path.exists(), f"shared data missing: {path} (set KOPIR_SHARED)"
    return path


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    """TEI P5 tei_all, compiled once per session (it takes several seconds)."""
    return etree.RelaxNG(etree.parse(str(shared_path("schemas", "tei_all.rng"))))
