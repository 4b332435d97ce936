"""What the app's tests share: the corpus most of them open."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.storage.store import Corpus
from tests.helpers import two_documents


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """One aligned seed document (``DOC``) and one with no English yet."""
    return two_documents(tmp_path / "corpus")
