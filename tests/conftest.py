"""Shared fixtures: the TEI schema and the seed corpus, built once per session.

The builders the tests share (seed documents, small corpora, the app and
terminal harnesses) are plain functions in ``tests/helpers/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers import ingest_seeds, shared_path


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    """TEI P5 tei_all, compiled once per session (it takes several seconds)."""
    return etree.RelaxNG(etree.parse(str(shared_path("schemas", "tei_all.rng"))))


@pytest.fixture(scope="session")
def seed_corpus_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_seeds(tmp_path_factory.mktemp("seeds") / "corpus")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds ingested as a user would, aligned: one corpus per test module (its
    queries build an index in it and may save queries there)."""
    return ingest_seeds(tmp_path_factory.mktemp("seeds") / "c")


@pytest.fixture
def seed_corpus(seed_corpus_master: Path, tmp_path: Path) -> Path:
    """A private copy of the aligned seed corpus (5 documents, 316 beads, all auto)."""
    root = tmp_path / "corpus"
    shutil.copytree(seed_corpus_master, root)
    return root
