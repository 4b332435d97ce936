"""``kopir export``, ``kopir check``, ``kopir score`` and ``kopir import``: the command line
for translation memories, quality checks and MT scoring.

Each command is a thin call into ``align`` (:mod:`align.formats.tmx_writer`,
:mod:`align.formats.plain`, :mod:`align.qa`, :mod:`align.qa.mt_score`,
:mod:`align.formats.tmx_reader`); this module parses arguments and prints. Warnings
(every sanitised character) go to stderr as ``kopir: warning: …`` lines, the
result to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from align.formats.export import ExportOptions, ExportRefused, ExportReport, first_few
from align.formats.registry import EXPORT_FORMATS
from align.formats.sanitize import TextChange
from align.formats.units import DEFAULT_SRCLANG, DEFAULT_TGTLANG
from align.qa import CATALOG, SEVERITIES, Finding, check_corpus, count_by_severity, load_config
from align.qa.findings import count_line
from corpus.errors import KopirError
from corpus.storage.atomic import check_target
from corpus.storage.store import Corpus
from corpus.wording import plural
from tui.cli.common import EXIT_ERROR, command_corpus
from tui.cli.progress import working
from tui.cli.wording import cli_message


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``export``, ``check``, ``score`` and ``import`` on kopir's subparsers."""
    _add_export(sub)
    _add_check(sub)
    _add_score(sub)
    _add_import(sub)


# ---------------------------------------------------------------- export


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="export TMX, Moses, TSV, JSONL, the translation, MT input, SRX",
        description=(
            "Export the aligned units of documents (default: all). By default only confirmed "
            "beads with text on both sides are taken. The quality checks run first; the export "
            "refuses when they find errors, unless --force."
        ),
    )
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    for fmt in EXPORT_FORMATS.values():
        if not fmt.units:
            continue  # the translated text: its own parser below
        p = formats.add_parser(fmt.name, help=fmt.help, description=fmt.help)
        p.add_argument("docs", nargs="*", metavar="DOC", help="documents (default: all)")
        written = (
            f"the file to write ({fmt.suffix} or no ending)"
            if fmt.suffix
            else "the files' prefix (PREFIX.kk, PREFIX.en)"
        )
        p.add_argument("-o", "--output", required=True, type=Path, metavar=fmt.target, help=written)
        p.add_argument("--srclang", default=DEFAULT_SRCLANG, help="Kazakh language code")
        p.add_argument("--tgtlang", default=DEFAULT_TGTLANG, help="English language code")
        p.add_argument(
            "--include-empty", action="store_true", help="also 1-0 and 0-1 beads (one side empty)"
        )
        p.add_argument(
            "--include-unconfirmed", action="store_true", help="also beads not yet confirmed"
        )
        p.add_argument("--force", action="store_true", help="export even if the checks find errors")
        if fmt.name == "tmx":
            p.add_argument(
                "--glossary",
                action="store_true",
                help="also write the corpus's glossary beside it as TBX (OUTPUT with .tbx)",
            )
        p.set_defaults(func=cmd_export)
    p = formats.add_parser(
        "source",
        help="every Kazakh sentence, one a line: the input for an MT system ('kopir score')",
        description=(
            "Write every Kazakh sentence of the documents (default: all, sorted by id), one a "
            "line, in reading order: translate this file with an MT system, one English line per "
            "line, and score the result with 'kopir score'."
        ),
    )
    p.add_argument("docs", nargs="*", metavar="DOC", help="documents (default: all)")
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="the file to write"
    )
    p.set_defaults(func=cmd_export_source)
    p = formats.add_parser(
        "text",
        help=EXPORT_FORMATS["text"].help,
        description=(
            "Write the English of the documents (default: all that have some) as a reader "
            "reads it: the headline, headings and paragraphs, one a line, every sentence "
            "whether confirmed or not, a blank line between documents. The file is what "
            "'kopir ingest --with-translations' reads as x.en.txt. Sentences with no "
            "translation are listed. The quality checks run first on every pair with text "
            "on both sides, confirmed or not; the export refuses when they find errors, "
            "unless --force."
        ),
    )
    p.add_argument("docs", nargs="*", metavar="DOC", help="documents (default: all)")
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="the file to write"
    )
    p.add_argument(
        "--lang", choices=("en", "kk"), default="en", help="the side to write (default: en)"
    )
    p.add_argument("--force", action="store_true", help="export even if the checks find errors")
    p.set_defaults(func=cmd_export_text)
    p = formats.add_parser(
        "srx",
        help="kopir's Kazakh and English segmentation rules for CAT tools (SRX 2.0)",
        description=(
            "Write kopir's sentence segmentation rules, so that a CAT tool cuts the Kazakh "
            "source where kopir did and kopir's TMX gives exact matches: SRX 2.0 for Okapi and "
            "OmegaT 4+, with --dotnet SRX 2.0 for memoQ and Trados (emoji written as the "
            "surrogate pairs .NET reads), or with --omegat the segmentation.conf that "
            "OmegaT 3.x reads from a project's omegat/ folder. The README says where each goes."
        ),
    )
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help="the file to write"
    )
    p.add_argument(
        "--omegat",
        action="store_true",
        help="write OmegaT 3.x's segmentation.conf instead of SRX 2.0",
    )
    p.add_argument(
        "--dotnet",
        action="store_true",
        help="SRX 2.0 for memoQ and Trados: characters beyond U+FFFF as surrogate pairs",
    )
    p.set_defaults(func=cmd_export_srx)


def cmd_export(args: argparse.Namespace) -> int:
    corpus = command_corpus(args)
    options = ExportOptions(
        include_empty=args.include_empty,
        include_unconfirmed=args.include_unconfirmed,
        force=args.force,
        srclang=args.srclang,
        tgtlang=args.tgtlang,
    )
    check_target(args.output)  # Moses writes OUTPUT.kk and OUTPUT.en: the same folder
    if getattr(args, "glossary", False) and args.output.suffix.lower() == ".tbx":
        raise KopirError(f"{args.output}: the glossary goes beside it with .tbx: name the TMX .tmx")
    with _refusal(), working(f"exporting {args.format.upper()}"):
        report = EXPORT_FORMATS[args.format].export(corpus, args.docs, args.output, options)
    _print_export(report)
    if getattr(args, "glossary", False):
        _export_glossary_beside(corpus.root, args.output)
    return EXIT_ERROR if report.unreadable else 0


def _export_glossary_beside(root: Path, output: Path) -> None:
    """``--glossary``: the corpus's glossary as TBX beside the TMX, for the CAT tool."""
    from corpus.glossary import glossary_beside

    line = glossary_beside(root, output)
    if line.startswith("no glossary"):
        print(f"kopir: note: {line}", file=sys.stderr)
    else:
        print(line)


@contextlib.contextmanager
def _refusal() -> Iterator[None]:
    """An export the checks refused: each error on stderr before the one-line refusal."""
    try:
        yield
    except ExportRefused as refused:
        for finding in refused.findings:
            print(format_finding(finding), file=sys.stderr)
        raise


def _print_export(report: ExportReport) -> None:
    _warn_unreadable(report.unreadable, "exported")
    _warn_changes(report.changes)
    _warn_forced(report.findings)
    for line in report.summary():
        print(line)


def _warn_forced(findings: list[Finding]) -> None:
    for finding in findings:
        if finding.severity == "error":  # only with --force
            message = f"kopir: warning: exported with an error: {format_finding(finding)}"
            print(message, file=sys.stderr)


def cmd_export_source(args: argparse.Namespace) -> int:
    from align.formats.plain import export_source

    lines, changes = export_source(command_corpus(args), args.docs, args.output)
    _warn_changes(changes)
    print(f"wrote {lines:,} Kazakh sentences to {args.output}, one a line")
    return 0


def cmd_export_text(args: argparse.Namespace) -> int:
    from align.formats.plain import export_text

    check_target(args.output)
    with _refusal():
        done = export_text(command_corpus(args), args.docs, args.output, args.lang, args.force)
    _warn_changes(done.changes)
    _warn_forced(done.findings)
    name = "English" if args.lang == "en" else "Kazakh"
    if done.left_out:
        print(
            f"kopir: warning: left out {plural(len(done.left_out), 'document')} with no {name}: "
            + first_few(done.left_out),
            file=sys.stderr,
        )
    if done.untranslated:
        print(
            f"kopir: warning: {plural(len(done.untranslated), 'bead')} with no {name} "
            "(not in the file): " + first_few(done.untranslated),
            file=sys.stderr,
        )
    print(f"wrote {plural(done.paragraphs, 'paragraph')} of {name} to {args.output}")
    print(f"checks: {count_line(done.findings, by_check=True)}")
    if args.force and count_by_severity(done.findings)["error"]:
        print("exported despite the errors")
    return 0


def cmd_export_srx(args: argparse.Namespace) -> int:
    from align.formats.srx import write_rules

    check_target(args.output)
    if args.omegat and args.dotnet:
        raise KopirError("--omegat and --dotnet are two different files: choose one")
    rules = write_rules(args.output, omegat=args.omegat, dotnet=args.dotnet)
    kind = (
        "OmegaT 3.x segmentation.conf"
        if args.omegat
        else "SRX 2.0 for .NET tools"
        if args.dotnet
        else "SRX 2.0"
    )
    print(f"wrote {rules} Kazakh and English segmentation rules ({kind}) to {args.output}")
    return 0


def _warn_unreadable(unreadable: dict[str, str], done: str) -> None:
    """A line for each document a batch left out because it could not be read."""
    for doc_id, error in unreadable.items():
        print(f"kopir: warning: {doc_id} is not {done}: {error}", file=sys.stderr)


def _warn_changes(changes: list[TextChange]) -> None:
    for change in changes:
        print(f"kopir: warning: sanitised {change.describe()}", file=sys.stderr)


# ---------------------------------------------------------------- check


def _add_check(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="run the quality checks; exit 1 if any finding is an error",
        description=(
            "Run the quality checks on documents (default: all), with the settings of "
            "kopir.toml in the corpus directory. Exit status 1 when a finding is an error."
        ),
    )
    p.add_argument("docs", nargs="*", metavar="DOC", help="documents (default: all)")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    p.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        help="show findings this serious or worse (default: warning for text, info for json)",
    )
    p.add_argument("--list", action="store_true", help="list the checks and their settings")
    p.add_argument(
        "--cat",
        action="store_true",
        help="list the units a CAT tool can never match exactly (2-1 beads and the like), and why",
    )
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    corpus = command_corpus(args)
    if args.list:
        return _list_checks(corpus)
    if args.cat:
        return _cat_readiness(corpus, args.docs or corpus.ids())
    unreadable: dict[str, str] = {}
    findings = check_corpus(corpus, args.docs or None, unreadable=unreadable)
    checked = [doc for doc in args.docs or corpus.ids() if doc not in unreadable]
    _warn_unreadable(unreadable, "checked")
    floor = args.min_severity or ("warning" if args.format == "text" else "info")
    shown = [f for f in findings if SEVERITIES.index(f.severity) <= SEVERITIES.index(floor)]
    counts = count_by_severity(findings)
    if args.format == "json":
        json.dump(
            {
                "findings": [finding_dict(f) for f in shown],
                "counts": counts,
                "documents": checked,
                "unreadable": unreadable,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
    else:
        for finding in shown:
            print(format_finding(finding))
        hidden = len(findings) - len(shown)
        print(
            f"{plural(len(checked), 'document')} checked: "
            f"{count_line(findings, by_check=True)}"
            + (f"; {hidden} not shown (--min-severity info shows them)" if hidden else "")
            + (f"; {len(unreadable)} unreadable (listed above)" if unreadable else "")
        )
    return EXIT_ERROR if counts["error"] or unreadable else 0


def _cat_readiness(corpus: Corpus, doc_ids: list[str]) -> int:
    """``kopir check --cat``: a line per unit that cannot be an exact match, then the count."""
    from align.qa.cat import CatReport, cat_readiness

    corpus.check_ids(doc_ids)
    total = CatReport()
    unreadable: dict[str, str] = {}
    for doc_id in doc_ids:
        try:
            doc = corpus.load(doc_id)
        except KopirError as exc:
            unreadable[doc_id] = str(exc)
            continue
        report = cat_readiness(doc)
        for issue in report.issues:
            print(f"{issue.doc_id}:{issue.bead + 1}: {issue.message} [cat:{issue.reason}]")
        total.add(report)
    _warn_unreadable(unreadable, "checked")
    print(total.summary())
    return EXIT_ERROR if unreadable else 0


def _list_checks(corpus: Corpus) -> int:
    config = load_config(corpus.root)
    print(f"checks, as set by {config.source}:")
    for info in CATALOG:
        settings = config.checks[info.id]
        state = settings.severity if settings.enabled else "off"
        params = ", ".join(f"{k}={v}" for k, v in settings.params.items())
        print(f"{info.id:<22} {state:<8} {info.summary}" + (f" [{params}]" if params else ""))
    return 0


def format_finding(finding: Finding) -> str:
    """``DOC:BEAD: severity: message [check]``, the bead counted from 1 (as in the editor)."""
    where = finding.doc_id if finding.bead < 0 else f"{finding.doc_id}:{finding.bead + 1}"
    return f"{where}: {finding.severity}: {finding.message} [{finding.check}]"


def finding_dict(finding: Finding) -> dict[str, object]:
    """A finding for JSON output: the bead counted from 1, ``null`` for the whole document."""
    return {
        "check": finding.check,
        "severity": finding.severity,
        "document": finding.doc_id,
        "bead": None if finding.bead < 0 else finding.bead + 1,
        "side": finding.side or None,
        "message": finding.message,
    }


# ---------------------------------------------------------------- score


def _add_score(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "score",
        help="score MT output against the corpus: BLEU, chrF++, TER",
        description=(
            "Score HYP_FILE, a machine translation with one English line per Kazakh sentence "
            "in the order 'kopir export source' writes them, against the corpus English with "
            "sacrebleu: BLEU, chrF++ and TER per document and overall, with signatures. "
            "A bead is one segment: the lines of its Kazakh sentences joined, against its "
            "English sentences joined."
        ),
    )
    p.add_argument(
        "hyp",
        type=Path,
        metavar="HYP_FILE",
        help="the MT system's English, one line per Kazakh sentence",
    )
    p.add_argument(
        "--doc",
        action="append",
        metavar="DOC",
        help="score only these documents (repeatable; HYP_FILE holds just their sentences)",
    )
    p.add_argument("--include-unconfirmed", action="store_true", help="also unconfirmed beads")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    p.set_defaults(func=cmd_score)


def cmd_score(args: argparse.Namespace) -> int:
    from align.qa.mt_score import score_file

    report = score_file(
        command_corpus(args), args.hyp, args.doc, include_unconfirmed=args.include_unconfirmed
    )
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"{'document':<28} {'segments':>8} {'BLEU':>7} {'chrF++':>7} {'TER':>7}")
    for s in [*report.documents, report.overall]:
        print(f"{s.name:<28} {s.segments:>8,} {s.bleu:>7.2f} {s.chrf:>7.2f} {s.ter:>7.2f}")
    for label, signature in report.signatures.items():
        print(f"{label:<7} {signature}")
    for reason, n in report.skipped.most_common():
        print(f"not scored: {plural(n, 'bead')} {reason}")
    if report.unscored_documents:
        print(f"not scored: documents with no pairs: {', '.join(report.unscored_documents)}")
    return 0


# ---------------------------------------------------------------- import


def _add_import(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import a translation memory as a confirmed document")
    formats = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    p = formats.add_parser(
        "tmx",
        help="a TMX file from a CAT tool",
        description=(
            "Import a TMX as one confirmed, aligned document: one bead per unit, its Kazakh "
            "(kk, kk-KZ, kaz…) and English (en, en-US, eng…) segments as sentences. A segment "
            "kopir exported from several sentences (x-sentence-lengths) is split back into "
            "them; units exported unconfirmed (x-status auto) stay unconfirmed. FILE may be "
            "a pipe, e.g. <(zcat memory.tmx.gz)."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the TMX file (or a pipe)")
    p.add_argument("--id", metavar="DOC", help="the new document's id (default: the file name)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--replace", action="store_true", help="replace a document with that id")
    how.add_argument(
        "--merge",
        action="store_true",
        help="put the units back onto the beads of document DOC their tuids name, ids kept",
    )
    p.add_argument(
        "--add-unmatched",
        action="store_true",
        help="with --merge: add the units whose Kazakh is none of DOC's as new beads "
        "(default: leave them out and list them)",
    )
    p.set_defaults(func=cmd_import_tmx)


def cmd_import_tmx(args: argparse.Namespace) -> int:
    from align.formats.tmx_merge import merge_tmx
    from align.formats.tmx_reader import import_tmx

    if args.merge and not args.id:
        raise KopirError("--merge needs --id DOC: the document the TMX was exported from")
    if args.add_unmatched and not args.merge:
        raise KopirError("--add-unmatched goes with --merge")
    with working(f"importing {args.file}"):
        if args.merge:
            report = merge_tmx(
                command_corpus(args), args.file, args.id, add_unmatched=args.add_unmatched
            )
        else:
            report = import_tmx(
                command_corpus(args, existing=False), args.file, args.id, replace=args.replace
            )
    _warn_changes(report.changes)
    for line in report.summary():
        print(cli_message(line))  # a merge's note on units left out names --add-unmatched
    return 0
