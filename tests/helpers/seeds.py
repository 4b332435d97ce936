"""The seeds and the team's shared data: the seed texts in ``seeds/`` (``SEEDS``,
``SEED_IDS``, ``DOC``), a seed ingested and aligned as the command line would
(``seed_document``, ``one_seed_corpus``), a source file to ingest, a file in ../shared."""

from __future__ import annotations

from pathlib import Path

from benchmarks.shared import shared_dir
from corpus.model import Document
from corpus.storage.store import Corpus

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt") if p.stem.count(".") == 0)
#: The seed most app and command-line tests open.
DOC = "003_02315eec3f8dba4a"


def source_file(folder: Path, name: str, data: bytes | str) -> Path:
    """A source text written to ``folder/name`` (``str`` as UTF-8), for a test to ingest."""
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, "utf-8")
    else:
        path.write_bytes(data)
    return path


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


def one_seed_corpus(root: Path, doc_id: str = DOC) -> Corpus:
    """A corpus at ``root`` holding one seed document, aligned."""
    corpus = Corpus(root)
    corpus.save(seed_document(doc_id))
    return corpus
