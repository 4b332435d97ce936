"""``kopir glossary``: the corpus's glossary (termbase) listed, changed, imported, exported.

Each subcommand is one call into :mod:`corpus.glossary`; the glossary is the corpus's
``glossary.tbx``, which the ``glossary-term`` check and the editor read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from corpus.glossary import (
    FORMATS,
    add_term,
    export_glossary,
    import_glossary,
    load_glossary,
    make_term,
    remove_term,
)
from corpus.storage.atomic import check_target
from corpus.wording import plural
from tui.cli.common import command_corpus

ENDINGS = ", ".join(FORMATS)


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "glossary",
        help="the glossary of terms: list, add, remove, import, export",
        description=(
            "The corpus's glossary (termbase): Kazakh terms with their English renderings "
            "and a note, kept as glossary.tbx (TBX-Basic, which OmegaT, memoQ and Trados "
            "import) beside the documents. The glossary-term check (kopir check, every "
            "export, the editor's marks) warns where a term is in a bead's Kazakh, in any "
            "inflected form, and none of its renderings is in the English. With no "
            "subcommand, lists the terms."
        ),
    )
    p.set_defaults(func=cmd_glossary_list)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    q = actions.add_parser("list", help="every term with its renderings and note")
    q.set_defaults(func=cmd_glossary_list)
    q = actions.add_parser(
        "add",
        help="add a term, or more renderings of a term already there",
        description=(
            "Add a Kazakh term and its English renderings (the preferred first); for a term "
            "already in the glossary (case aside), add the renderings it lacks. Quote a term "
            "of several words: kopir glossary add 'Қазақстан Республикасы' 'Republic of "
            "Kazakhstan'."
        ),
    )
    q.add_argument("kk", metavar="KAZAKH", help="the Kazakh term, in its dictionary form")
    q.add_argument("en", nargs="+", metavar="ENGLISH", help="its English rendering(s)")
    q.add_argument("--note", default="", help="a note for the translator (where, when, why)")
    q.set_defaults(func=cmd_glossary_add)
    q = actions.add_parser("remove", help="remove a term, or --en one of its renderings")
    q.add_argument("kk", metavar="KAZAKH", help="the Kazakh term")
    q.add_argument("--en", metavar="ENGLISH", help="only this rendering")
    q.set_defaults(func=cmd_glossary_remove)
    q = actions.add_parser(
        "import",
        help=f"add the terms of a file ({ENDINGS})",
        description=(
            "Add the terms of a TBX file (.tbx), an OmegaT glossary (.txt, .tab, .utf8: "
            "Kazakh<TAB>English<TAB>note) or a spreadsheet saved as CSV (.csv: columns Kazakh, "
            "English, note; a first row naming them is skipped; several renderings in one cell "
            "separated by |). Terms already there get the renderings they lack. A file with a "
            "problem imports nothing and the error names its line."
        ),
    )
    q.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    q.set_defaults(func=cmd_glossary_import)
    q = actions.add_parser(
        "export",
        help="write the glossary to a file, in the format its ending names",
        description=(
            f"Write the glossary as TBX-Basic (.tbx), an OmegaT glossary (.txt: put it in an "
            f"OmegaT project's glossary folder) or CSV (.csv, for a spreadsheet). Endings: "
            f"{ENDINGS}."
        ),
    )
    q.add_argument("file", type=Path, metavar="FILE", help="the file to write")
    q.set_defaults(func=cmd_glossary_export)


def term_lines(root: Path) -> list[str]:
    """The glossary as ``kopir glossary list`` prints it: a line per term."""
    glossary = load_glossary(root)
    if not glossary:
        return ["no glossary terms yet (kopir glossary add KAZAKH ENGLISH, or import FILE)"]
    width = min(40, max(len(t.kk) for t in glossary.terms))
    lines = []
    for term in glossary.terms:
        note = f"   # {term.note}" if term.note else ""
        lines.append(f"{term.kk:<{width}}  →  {' | '.join(term.en)}{note}")
    lines.append(f"# {plural(len(glossary), 'term')}")
    return lines


def cmd_glossary_list(args: argparse.Namespace) -> int:
    print("\n".join(term_lines(command_corpus(args).root)))
    return 0


def cmd_glossary_add(args: argparse.Namespace) -> int:
    root = command_corpus(args).root
    print(add_term(root, make_term(args.kk, args.en, args.note)))
    return 0


def cmd_glossary_remove(args: argparse.Namespace) -> int:
    print(remove_term(command_corpus(args).root, args.kk, args.en))
    return 0


def cmd_glossary_import(args: argparse.Namespace) -> int:
    report = import_glossary(command_corpus(args).root, args.file)
    print(report.summary(str(args.file)))
    return 0


def cmd_glossary_export(args: argparse.Namespace) -> int:
    root = command_corpus(args).root
    check_target(args.file)
    written = export_glossary(root, args.file)
    print(f"{args.file}: {plural(written, 'term')} written")
    return 0
