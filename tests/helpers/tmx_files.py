"""TMX files for the import tests: a document (``tmx``) of units (``tu``), written and
imported into a new corpus (``imported``), and the pairs a document holds (``pairs_of``)."""

from __future__ import annotations

from pathlib import Path

from align.formats.tmx_reader import ImportReport, import_tmx
from align.formats.units import all_units
from corpus.storage.store import Corpus


def tmx(body: str, doctype: str = "", header: str = '<header srclang="kk"/>') -> str:
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f'{declaration}{doctype}<tmx version="1.4">{header}<body>{body}</body></tmx>'


def tu(kk: str, en: str, kk_lang: str = "kk-KZ", en_lang: str = "en-US") -> str:
    return (
        f'<tu><tuv xml:lang="{kk_lang}"><seg>{kk}</seg></tuv>'
        f'<tuv xml:lang="{en_lang}"><seg>{en}</seg></tuv></tu>'
    )


def imported(tmp_path: Path, name: str, text: str) -> tuple[Corpus, ImportReport]:
    """``text`` written as ``<name>.tmx`` and imported into a new corpus: the corpus, the report."""
    path = tmp_path / f"{name}.tmx"
    path.write_text(text, "utf-8")
    corpus = Corpus(tmp_path / "c")
    return corpus, import_tmx(corpus, path)


def pairs_of(corpus: Corpus, doc_id: str) -> list[tuple[str, str]]:
    return [(u.kk, u.en) for u in all_units(corpus.load(doc_id))]
