"""Plain exports of the aligned units: Moses parallel text, TSV and JSON Lines.

All three go through the same selection, checks and refusal as the TMX
export (:mod:`align.formats.export`), sanitise text the same way and report each
change, and write atomically (temporary file, then rename).

* **Moses** (as OPUS distributes corpora): two files, ``PREFIX.kk`` and
  ``PREFIX.en``, line *n* of one translating line *n* of the other. A line
  break inside a text would shift every later line, so each becomes a space
  (reported). Both files are written to temporary files first and renamed
  only when both are complete.
* **TSV**: a header row, then one unit a line: ``tuid``, ``document``,
  ``bead`` (counted from 1), ``status``, ``score``, ``kk``, ``en``. Fields are
  escaped as in PostgreSQL's text format: backslash ``\\\\``, tab ``\\t``, line
  feed ``\\n``, carriage return ``\\r``, so every record is exactly one line
  that ``cut`` and ``awk`` handle and :func:`unescape_tsv` reverses; quotes
  stay as they are.
* **JSONL**: one JSON object a line with the same fields plus the sentence
  ids and the unit's quality findings (``qa``); U+2028 and U+2029 are escaped
  too, so no line-splitting reader breaks a record.

:func:`export_source` writes what an MT system needs to translate for
``kopir score``: every Kazakh sentence, one a line (see :mod:`align.qa.mt_score`).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from align.formats.export import (
    DELIVERED,
    ExportOptions,
    ExportReport,
    begin,
    document_ids,
    first_few,
    output_file,
    run_checks,
)
from align.formats.sanitize import TextChange, clean_field
from align.formats.unit_reader import UnitReader
from align.formats.units import Unit
from align.model import Alignment
from align.qa import QAConfig
from align.qa.findings import Finding
from corpus.errors import KopirError
from corpus.model import Document
from corpus.storage.store import Corpus

TSV_COLUMNS = ("tuid", "document", "bead", "status", "score", "kk", "en")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_SPECIAL = re.compile(r"[\\\t\n\r]")
_TSV_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def lang_suffix(code: str) -> str:
    """The file suffix for a language code: ``kk-KZ`` → ``kk``."""
    return code.split("-")[0].split("_")[0].lower()


def moses_paths(prefix: Path, options: ExportOptions) -> tuple[Path, Path]:
    """``PREFIX.kk`` and ``PREFIX.en`` (the suffixes follow the language codes)."""
    return (
        prefix.with_name(f"{prefix.name}.{lang_suffix(options.srclang)}"),
        prefix.with_name(f"{prefix.name}.{lang_suffix(options.tgtlang)}"),
    )


def _moses_files(prefix: Path, options: ExportOptions) -> list[Path]:
    kk_path, en_path = moses_paths(prefix, options)
    if kk_path == en_path:
        raise KopirError(f"the two languages give the same file name {kk_path}")
    return [kk_path, en_path]


def _write_moses(units: Iterable[Unit], outs: list[BinaryIO], changes: list[TextChange]) -> int:
    kk_out, en_out = outs
    n = 0
    for unit in units:
        tuid = unit.tuid
        kk_out.write(clean_field(unit.kk, tuid, "kk", changes, single_line=True).encode() + b"\n")
        en_out.write(clean_field(unit.en, tuid, "en", changes, single_line=True).encode() + b"\n")
        n += 1
    return n


#: What writes the units to the open files; returns how many it wrote.
UnitWriter = Callable[[Iterable[Unit], list[BinaryIO], list[TextChange]], int]


def _one_file(path: Path, options: ExportOptions) -> list[Path]:
    return [path]


class PlainExport:
    """The export of a plain format, called as :func:`align.formats.tmx_writer.export_tmx`
    is: the same selection, checks and refusal as every export, then ``write`` to the
    ``files`` named from the path given, each written to a temporary file and renamed
    into place only when all are complete."""

    def __init__(
        self, files: Callable[[Path, ExportOptions], list[Path]], write: UnitWriter, doc: str
    ) -> None:
        self.files = files
        self.write = write
        self.__doc__ = doc

    def __call__(
        self,
        corpus: Corpus,
        doc_ids: Sequence[str] | None,
        path: Path,
        options: ExportOptions | None = None,
        config: QAConfig | None = None,
    ) -> ExportReport:
        options = options or ExportOptions()
        paths = self.files(Path(path), options)
        report, units = begin(corpus, doc_ids, options, paths, config)
        with contextlib.ExitStack() as stack:
            outs = [stack.enter_context(output_file(p)) for p in paths]
            report.units = self.write(units, outs, report.changes)
        return report


def escape_tsv(text: str) -> str:
    """A field for TSV: backslash, tab, line feed and carriage return escaped."""
    if not _TSV_SPECIAL.search(text):
        return text
    return _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES[m.group()], text)


def unescape_tsv(field: str) -> str:
    """The inverse of :func:`escape_tsv`."""
    return _TSV_ESCAPED.sub(lambda m: _TSV_UNESCAPES.get(m.group(1), m.group()), field)


def _write_tsv(units: Iterable[Unit], outs: list[BinaryIO], changes: list[TextChange]) -> int:
    (out,) = outs
    out.write(("\t".join(TSV_COLUMNS) + "\n").encode())
    n = 0
    for unit in units:
        tuid = clean_field(unit.tuid, "", "tuid", changes)
        fields = (
            tuid,
            clean_field(unit.doc_id, tuid, "document", changes),
            str(unit.bead + 1),
            unit.status,
            "" if unit.score is None else f"{unit.score:.4f}",
            clean_field(unit.kk, tuid, "kk", changes),
            clean_field(unit.en, tuid, "en", changes),
        )
        out.write(("\t".join(escape_tsv(f) for f in fields) + "\n").encode())
        n += 1
    return n


def _write_jsonl(units: Iterable[Unit], outs: list[BinaryIO], changes: list[TextChange]) -> int:
    (out,) = outs
    n = 0
    for unit in units:
        tuid = clean_field(unit.tuid, "", "tuid", changes)
        record = {
            "tuid": tuid,
            "document": clean_field(unit.doc_id, tuid, "document", changes),
            "bead": unit.bead + 1,
            "status": unit.status,
            "score": unit.score,
            "kk": clean_field(unit.kk, tuid, "kk", changes),
            "en": clean_field(unit.en, tuid, "en", changes),
            "kk_ids": [clean_field(i, tuid, "kk_ids", changes) for i in unit.kk_ids],
            "en_ids": [clean_field(i, tuid, "en_ids", changes) for i in unit.en_ids],
            "qa": list(unit.qa or ()),
        }
        line = json.dumps(record, ensure_ascii=False)
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        out.write(line.encode() + b"\n")
        n += 1
    return n


export_moses = PlainExport(
    _moses_files,
    _write_moses,
    "Export as two aligned text files, ``PREFIX.kk`` and ``PREFIX.en``.",
)
export_tsv = PlainExport(
    _one_file,
    _write_tsv,
    "Export as tab-separated values with a header row (escaping: see the module).",
)
export_jsonl = PlainExport(_one_file, _write_jsonl, "Export as JSON Lines, one unit a line.")


def export_source(
    corpus: Corpus, doc_ids: Sequence[str] | None, path: Path
) -> tuple[int, list[TextChange]]:
    """Write every Kazakh sentence of the documents, one a line, in ``kopir score`` order.

    The order is the documents in the order given (default: all, sorted by
    id), and in each document its Kazakh sentences in reading order.
    Returns the number of lines and what sanitising changed.
    """
    ids = document_ids(corpus, doc_ids)
    changes: list[TextChange] = []
    n = 0
    with output_file(Path(path)) as out:
        for doc_id in ids:
            for sentence in corpus.load(doc_id).kk.sentences():
                where = f"{doc_id}:{sentence.id}"
                out.write(
                    clean_field(sentence.text, where, "kk", changes, single_line=True).encode()
                    + b"\n"
                )
                n += 1
    return n, changes


@dataclass
class TextExport:
    """What :func:`export_text` wrote: its paragraphs, the sentences with no translation
    (``DOC:BEAD``, beads counted from 1 as in the editor) and what sanitising changed."""

    paragraphs: int = 0
    untranslated: list[str] = field(default_factory=list)
    changes: list[TextChange] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # documents with no text on that side
    findings: list[Finding] = field(default_factory=list)  # the checks', errors only if forced


def export_text(
    corpus: Corpus,
    doc_ids: Sequence[str] | None,
    path: Path,
    lang: str = "en",
    force: bool = False,
) -> TextExport:
    """Write one side of the documents as a reader reads it: the translation to deliver.

    Each block (headline, section heading, dateline, paragraph, credit) is one
    line, its sentences joined by a space, which is how ingest reads a text,
    so the file is also what ``ingest --with-translations`` takes as ``x.en.txt``;
    page furniture is left out, and a blank line parts documents. Every
    sentence is taken, confirmed or not. A bead whose other side has text and
    this side none is listed in ``untranslated``. A document named with no
    text on this side is an error, before anything is written; of all the
    documents (none named), those are left out and listed in ``left_out``.

    The quality checks run first, as for every export, on the pairs the text
    delivers (:data:`DELIVERED`: with text on both sides, confirmed or not);
    an error stops it before anything is written (:class:`ExportRefused`),
    unless ``force``.
    """
    ids = document_ids(corpus, doc_ids)
    other = "kk" if lang == "en" else "en"
    report = TextExport()
    reader = UnitReader(corpus)
    with tempfile.TemporaryFile() as text:
        # One pass reads each document once: its text goes to a scratch file, its units to
        # the reader the checks read (kept up to a budget), so nothing is parsed twice
        # and a corpus of any size is held in bounded memory.
        for doc_id in ids:
            doc = corpus.load(doc_id)
            if not doc.side(lang).sentences():
                report.left_out.append(doc.id)  # all documents asked for: nothing to give
                continue
            reader.remember(doc)
            _write_side(doc, lang, other, text, report)
        empty = report.left_out
        if empty and (doc_ids or len(empty) == len(ids)):
            name = "English" if lang == "en" else "Kazakh"
            raise KopirError(f"{first_few(empty)}: no {name} to export yet")
        options = ExportOptions(force=force).taking(DELIVERED)
        left = set(empty)
        report.findings = run_checks(reader, [i for i in ids if i not in left], options)
        text.seek(0)
        with output_file(Path(path)) as out:
            shutil.copyfileobj(text, out)
    return report


def _write_side(doc: Document, lang: str, other: str, out: BinaryIO, report: TextExport) -> None:
    """:func:`export_text`'s lines for ``doc``: a blank line before every document but the
    first, then a line per block with sentences."""
    if out.tell():
        out.write(b"\n")
    for block in doc.side(lang).blocks:
        if not block.sentences:
            continue
        text = " ".join(s.text for s in block.sentences)
        where = f"{doc.id}:{block.sentences[0].id}"
        out.write(clean_field(text, where, lang, report.changes, single_line=True).encode() + b"\n")
        report.paragraphs += 1
    for number, bead in enumerate(Alignment.from_document(doc).beads, 1):
        if bead.side(other) and not bead.side(lang):
            report.untranslated.append(f"{doc.id}:{number}")


def export_translation(
    corpus: Corpus, doc_ids: Sequence[str] | None, path: Path, options: ExportOptions
) -> ExportReport:
    """:func:`export_text` of the English as an export format (the app's export dialog).

    Every sentence is written, so the options that choose units do not apply (the
    dialog greys them out); the checks run on :data:`DELIVERED` and refuse errors
    unless ``options.force``. Beads with no English are reported as left
    out, and documents with none as not aligned yet.
    """
    done = export_text(corpus, doc_ids, path, "en", options.force)
    report = ExportReport(
        [Path(path)],
        done.paragraphs,
        changes=done.changes,
        findings=done.findings,
        forced=options.force,
        counted="paragraph",
    )
    if done.untranslated:
        listed = first_few(done.untranslated)
        report.skipped[f"with no English, not in the text ({listed})"] = len(done.untranslated)
    report.unaligned = done.left_out
    return report
