"""Glossaries as rows: OmegaT's tab-separated glossary and a client's spreadsheet (CSV).

**OmegaT** keeps a glossary as UTF-8 text, one term per line: the source term, a tab,
the target term, and optionally a tab and a comment; lines starting with ``#`` are
comments. A term with several renderings is several lines. kopir reads and writes
that (``glossary/glossary.txt`` in an OmegaT project).

**CSV** is what a client's spreadsheet saves: columns Kazakh, English, and an optional
note, separated by commas, semicolons (Excel in many locales) or tabs, in UTF-8 (with or
without a byte-order mark), UTF-16 or a Cyrillic code page (detected as ingest does,
:func:`corpus.text.textio.decode_bytes`). A first row naming the columns (``Kazakh``,
``English``, ``Note``…) is skipped. Several renderings in one English cell are separated
by ``|``. A row with a Kazakh term and no English, or the other way round, is an error
naming its line: nothing is imported from a file with one.
"""

from __future__ import annotations

import csv
import io

from corpus.errors import InputError
from corpus.glossary.model import SEPARATOR as RENDERING_SEPARATOR
from corpus.glossary.model import Glossary, GlossaryError, Term, make_term
from corpus.glossary.tbx import ReadTerms
from corpus.text.textio import decode_bytes

#: The separators a spreadsheet's CSV may use: Excel's comma, its semicolon in locales with a
#: decimal comma, a tab.
DELIMITERS = (",", ";", "\t")
OMEGAT_HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
#: First-row cells that name a column rather than hold a term (case aside).
HEADER_WORDS = {
    "kk", "kaz", "kazakh", "kazakh term", "қазақша", "қазақ тілі", "термин", "source",
    "source term", "term", "en", "eng", "english", "english term", "ағылшынша",
    "target", "target term", "translation", "note", "notes", "comment", "comments",
    "ескерту", "түсініктеме", "definition",
}  # fmt: skip


def _decode(data: bytes, name: str) -> str:
    try:
        return decode_bytes(data, name).text
    except InputError as exc:
        raise GlossaryError(str(exc)) from None


def _rows_to_terms(rows: list[tuple[int, list[str]]], name: str, split: bool) -> ReadTerms:
    """Terms from (line number, cells) rows: Kazakh, English, note; same Kazakh merges."""
    terms: list[Term] = []
    for line, cells in rows:
        cells = [c.strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        kk, en = cells[0], cells[1] if len(cells) > 1 else ""
        if not kk or not en:
            missing = "Kazakh" if not kk else "English"
            raise GlossaryError(f"{name}: line {line}: no {missing} term ({', '.join(cells)!r})")
        renderings = en.split(RENDERING_SEPARATOR) if split else [en]
        note = " ".join(cells[2:])
        try:
            term = make_term(kk, renderings, note)
        except GlossaryError as exc:
            raise GlossaryError(f"{name}: line {line}: {exc}") from None
        terms.append(term)
    return ReadTerms(Glossary().with_terms(terms)[0].terms)


def read_omegat(data: bytes, name: str) -> ReadTerms:
    """The terms of an OmegaT tab-separated glossary's bytes."""
    rows = []
    for line, text in enumerate(_decode(data, name).splitlines(), 1):
        if text.startswith("#") or not text.strip():
            continue
        if "\t" not in text:
            raise GlossaryError(
                f"{name}: line {line}: no tab between the Kazakh and the English term "
                "(OmegaT's glossary is tab-separated)"
            )
        rows.append((line, text.split("\t")))
    return _rows_to_terms(rows, name, split=False)


def write_omegat(glossary: Glossary) -> bytes:
    """The glossary as OmegaT reads it: a line per rendering, the note as the comment."""
    out = [OMEGAT_HEADER]
    for term in glossary.terms:
        for en in term.en:
            out.append("\t".join((term.kk, en, term.note)).rstrip("\t") + "\n")
    return "".join(out).encode("utf-8")


def read_csv(data: bytes, name: str) -> ReadTerms:
    """The terms of a spreadsheet saved as CSV (see the module's note)."""
    text = _decode(data, name)
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    # the delimiter the first line (a header, or the first term) has most of; quoting is
    # always Excel's (csv.Sniffer guessed a quote character from a note holding '"')
    delimiter = max(DELIMITERS, key=first.count) if any(map(first.count, DELIMITERS)) else ","
    try:
        rows = list(csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter))
    except csv.Error as exc:
        raise GlossaryError(f"{name}: not a readable CSV file: {exc}") from None
    numbered = list(enumerate(rows, 1))
    if numbered and numbered[0][1] and numbered[0][1][0].strip().casefold() in HEADER_WORDS:
        numbered = numbered[1:]
    return _rows_to_terms(numbered, name, split=True)


def write_csv(glossary: Glossary) -> bytes:
    """The glossary as CSV with a header row, UTF-8 with a byte-order mark (so Excel reads
    the Kazakh letters); renderings joined by ``|``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("Kazakh", "English", "Note"))
    for term in glossary.terms:
        writer.writerow((term.kk, f" {RENDERING_SEPARATOR} ".join(term.en), term.note))
    return out.getvalue().encode("utf-8-sig")


__all__ = ["Term", "read_csv", "read_omegat", "write_csv", "write_omegat"]
