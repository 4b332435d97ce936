"""The export formats, listed once: what the command line, the export dialogs and scripts read.

Each :class:`ExportFormat` names a format of the documents' units, says what it is in a menu
and in ``--help``, gives the file ending a new file should get, and runs the export. Writers
are imported when an export runs, not when the list is read, so building ``kopir --help`` or
the export dialog does not load every writer. :data:`HIT_FORMATS` are the formats of query
hits and match lines (:mod:`align.formats.hits`), named by their file endings.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.formats.export import (
    DELIVERED,
    ExportOptions,
    ExportPreview,
    ExportReport,
    preview_export,
)
from align.formats.units import Selection
from corpus.errors import KopirError
from corpus.storage.store import Corpus


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its names, its file ending and its writer."""

    name: str
    label: str  # short, for a menu
    help: str  # a sentence, for the command line's help
    suffix: str  # the ending a new file gets; "" when the output is a prefix (Moses)
    writer: str  # "module:function", imported on first use
    #: False for a format that writes the text, not units: the command line's
    #: ``kopir export`` gives it a parser of its own, without the unit options.
    units: bool = True
    #: The units the format takes whatever the options say (None: as the options say);
    #: the export dialog greys out the boxes that choose them.
    takes: Selection | None = None

    def options_for(self, options: ExportOptions) -> ExportOptions:
        """``options`` as this format applies them."""
        return options.taking(self.takes) if self.takes else options

    def preview(
        self, corpus: Corpus, doc_ids: Sequence[str] | None, options: ExportOptions
    ) -> ExportPreview:
        """What an export would take, and what the checks say of it (the dialog's summary)."""
        return preview_export(corpus, doc_ids, self.options_for(options))

    @property
    def target(self) -> str:
        """What ``-o`` names: a file, or the prefix of several files."""
        return "FILE" if self.suffix else "PREFIX"

    def outputs(self, path: Path, options: ExportOptions | None = None) -> list[Path]:
        """The files an export to ``path`` writes (Moses writes two, named from the prefix)."""
        if self.suffix:
            return [path]
        from align.formats.plain import moses_paths

        return list(moses_paths(path, options or ExportOptions()))

    def check_output(self, path: Path) -> None:
        """A one-line :class:`KopirError` if ``path`` ends in an ending that is not this format's.

        ``memory.xlsx`` holding TMX would fail in the spreadsheet program its name
        promises and never be offered by a CAT tool looking for ``.tmx`` (``kopir query
        -o`` refuses such an ending too). The ending's case does not matter; a name
        without an ending, and Moses's prefix (any name), are taken as given.
        """
        if not self.suffix or not path.suffix or path.suffix.lower() == self.suffix:
            return
        raise KopirError(
            f"{path.name}: a {self.name.upper()} file ends in {self.suffix}, not {path.suffix}: "
            f"name it {path.with_suffix(self.suffix).name}"
        )

    def export(
        self, corpus: Corpus, doc_ids: Sequence[str] | None, path: Path, options: ExportOptions
    ) -> ExportReport:
        """Export ``doc_ids`` (None: all) to ``path``, after checking its ending."""
        self.check_output(path)
        module, function = self.writer.split(":")
        return getattr(importlib.import_module(module), function)(
            corpus, doc_ids, path, self.options_for(options)
        )


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "tmx",
            "TMX 1.4b (OmegaT, Trados, memoQ)",
            "TMX 1.4b for CAT tools (OmegaT, Trados, memoQ)",
            ".tmx",
            "align.formats.tmx_writer:export_tmx",
        ),
        ExportFormat(
            "moses",
            "Moses parallel text (two files)",
            "two aligned text files, PREFIX.kk and PREFIX.en",
            "",
            "align.formats.plain:export_moses",
        ),
        ExportFormat(
            "tsv",
            "TSV (one pair per line)",
            "tab-separated values with a header row",
            ".tsv",
            "align.formats.plain:export_tsv",
        ),
        ExportFormat(
            "jsonl",
            "JSON Lines",
            "JSON Lines, one unit a line",
            ".jsonl",
            "align.formats.plain:export_jsonl",
        ),
        ExportFormat(
            "text",
            "Translation as text (to deliver)",
            "the documents' English as a reader reads it, one paragraph a line: to deliver",
            ".txt",
            "align.formats.plain:export_translation",
            units=False,
            takes=DELIVERED,
        ),
    )
}

#: The endings of the files the export formats write (Moses's two files take the languages').
EXPORT_ENDINGS: frozenset[str] = frozenset(f.suffix for f in EXPORT_FORMATS.values() if f.suffix)


#: The formats query hits and match lines are written in; the file ending ``.NAME`` names each.
HIT_FORMATS: tuple[str, ...] = ("csv", "tsv", "json", "tmx")
#: Those that can go to standard output: TMX is written to a file only.
STREAM_FORMATS: tuple[str, ...] = ("csv", "tsv", "json")
