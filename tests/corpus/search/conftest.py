"""What the search tests share: the small bilingual news corpus and the Tatoeba pairs as a
two-document corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.storage.store import Corpus
from tests.helpers import NEWS, make_corpus, shared_path


@pytest.fixture
def news(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path / "c", NEWS)


@pytest.fixture(scope="module")
def tatoeba(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, list[tuple[str, str]]]:
    folder = shared_path("data", "tatoeba-kaz-eng")
    kk = (folder / "tatoeba.kaz-eng.kaz").read_text("utf-8").splitlines()
    en = (folder / "tatoeba.kaz-eng.eng").read_text("utf-8").splitlines()
    pairs = list(zip(kk, en, strict=True))
    extra = [
        ("ᲀот ВОТ вот", "Kelvin K and ſ long s"),  # characters re.IGNORECASE equates with others
        ("İstanbul ΟΔΟΣ οδος", "final ς and σ"),
    ]
    corpus = make_corpus(
        tmp_path_factory.mktemp("t") / "c", {"d1": pairs[:300], "d2": pairs[300:] + extra}
    )
    return corpus, pairs + extra
