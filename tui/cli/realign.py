"""``kopir realign DOC`` and ``kopir realign --all``: a document's unconfirmed stretches
aligned again, or the corpus-wide realign pass (the one ``kopir build --realign`` makes).

Arguments, progress bars and the summary line; the work is
:func:`align.document.import_and_align` for one document and
:mod:`align.build.realign` for the corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import KopirError
from corpus.storage.store import Corpus
from corpus.wording import plural
from tui.cli.common import EXIT_ERROR, command_corpus
from tui.cli.progress import count_bar, working

if TYPE_CHECKING:
    from align.build import RealignSummary

EXIT_INTERRUPTED = 130
#: Failures and kept documents listed on stderr; the report has them all.
MAX_LISTED = 20


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "realign",
        help="re-align unconfirmed stretches of a document (or --all)",
        description=(
            "kopir realign DOC aligns a document's unconfirmed stretches again. "
            "kopir realign --all [CORPUS] makes the corpus-wide realign pass of 'kopir build "
            "--realign' on any corpus, built from a manifest or not: the aligner learns words "
            "from the corpus's confident and confirmed beads (at least 300), then every "
            "document is aligned again on Dask workers; confirmed beads and beads changed by "
            "hand never move, and the lexicon is kept for later alignments. An interrupted "
            "pass goes on where it stopped when run again."
        ),
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="the document to re-align")
    p.add_argument(
        "--all",
        nargs="?",
        const="",
        metavar="CORPUS",
        help="every document of the corpus (this one, or --corpus's)",
    )
    add_dask_options(p, "with --all: ")
    p.add_argument(
        "--batch",
        type=int,
        metavar="N",
        help="with --all: documents per Dask task (default: as kopir build's)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, only the summary")
    p.set_defaults(func=cmd_realign)


def cmd_realign(args: argparse.Namespace) -> int:
    if args.all is None:
        if args.doc is None:
            raise KopirError("realign takes DOC, or --all for every document of the corpus")
        return _realign_one(args)
    if args.doc is not None:
        raise KopirError("realign takes DOC or --all, not both")
    check_dask_options(args)
    if args.batch is not None and args.batch < 1:
        raise KopirError(f"--batch {args.batch}: a task needs at least one document")
    if args.all:
        args.corpus = args.all
    corpus = command_corpus(args)
    if not corpus.ids():
        print(f"realign: nothing to re-align: {corpus.root} holds no documents")
        return 0
    from align.build import dask_client

    with dask_client(args.scheduler, args.workers) as client:
        summary = run_pass(corpus, None, client, quiet=args.quiet, per_task=args.batch)
    if summary.interrupted:
        print("kopir: interrupted: run the same command again to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_ERROR if summary.failed else 0


def add_dask_options(p: argparse.ArgumentParser, scope: str = "") -> None:
    """``--scheduler`` and ``--workers``: where a command's Dask work runs (``scope`` says
    when they apply)."""
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help=f"{scope}a running Dask cluster's scheduler (default: a local cluster here)",
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=f"{scope}local worker processes (default: one per CPU)",
    )


def check_dask_options(args: argparse.Namespace) -> None:
    if args.scheduler is not None and args.workers is not None:
        raise KopirError("--workers sizes a local cluster; a --scheduler's cluster has its own")


def _realign_one(args: argparse.Namespace) -> int:
    from align.document import import_and_align

    corpus = command_corpus(args)
    with working(f"re-aligning {args.doc}"):
        _, report = import_and_align(corpus, args.doc)
    print(report)
    return 0


def run_pass(
    corpus: Corpus,
    doc_ids: list[str] | None,
    client: Any,
    *,
    quiet: bool,
    per_task: int | None = None,
    report: Path | None = None,
) -> RealignSummary:
    """The realign pass over ``doc_ids`` (None: every document of the corpus), with its
    progress bars and its summary printed; its problems go to ``report`` (a build's), or
    to a report of its own. ``per_task``: documents a Dask task (default: the build's)."""
    from align.build import realign_all, realign_corpus

    started = time.monotonic()
    bars: dict[str, Any] = {}

    def step(phase: str, done: int, total: int) -> None:
        if phase not in bars:
            for bar in bars.values():
                if bar is not None:
                    bar.close()
            bars[phase] = count_bar(total, quiet, phase, "doc")
        if bars[phase] is not None:
            bars[phase].n = done
            bars[phase].refresh()

    try:
        batch = {} if per_task is None else {"per_task": per_task}
        options = {"report": report, "on_progress": step, **batch}
        if doc_ids is None:
            summary = realign_all(corpus, client, **options)
        else:
            summary = realign_corpus(corpus, doc_ids, client, **options)
    finally:
        for bar in bars.values():
            if bar is not None:
                bar.close()
    print_realign(summary, time.monotonic() - started)
    return summary


def print_realign(summary: RealignSummary, seconds: float) -> None:
    """The realign pass in a line (three when it learned: what taught it, what it did to
    the documents, where the lexicon is; the report's path too when some were kept or
    failed), its problems on stderr."""
    from align.build.realign import MIN_TAUGHT, THRESHOLD

    if not summary.documents:
        print("realign: nothing to re-align: the corpus holds none of these documents")
        return
    if summary.current:
        print(
            f"realign: {plural(summary.documents, 'document')} as the last pass left them "
            "(nothing changed since); nothing re-aligned"
        )
        return
    if summary.lexicon is None and summary.interrupted:
        print("realign: interrupted while it gathered what to learn from; nothing re-aligned")
        return
    if summary.lexicon is None:
        print(
            f"realign: {plural(summary.taught, 'bead')} ({summary.confirmed:,} confirmed, "
            f"{summary.confident:,} scored ≥ {THRESHOLD}) in "
            f"{plural(summary.documents, 'document')} are too few to learn from "
            f"(it takes {MIN_TAUGHT}); nothing re-aligned"
        )
        return
    resumed = " (resumed, with the lexicon it had learned)" if summary.resumed else ""
    print(
        f"realign{resumed}: {plural(summary.taught, 'bead')} ({summary.confirmed:,} confirmed, "
        f"{summary.confident:,} scored ≥ {THRESHOLD}) taught the aligner "
        f"{plural(summary.words, 'word')}"
    )
    print(
        f"realign: {plural(summary.documents, 'document')} in {seconds:.1f} s: {outcome(summary)}"
    )
    if list_problems(summary.rows) and summary.report is not None:
        print(f"report: {summary.report}")
    print(f"learned lexicon: {summary.lexicon}")


def outcome(summary: RealignSummary) -> str:
    """What the pass did to the documents, in a translator's words: in how many beads moved
    (and how many beads), how many only got new confidence figures, how many stayed as they
    were; then those done by an interrupted pass, kept and failed (as the build says)."""
    refreshed = summary.written - summary.moved
    moved = f" ({plural(summary.changed, 'bead')})" if summary.moved else ""
    same = "it was" if summary.unchanged == 1 else "they were"
    before = f"{summary.skipped:,} done before, " if summary.skipped else ""
    return (
        f"{summary.moved:,} with beads moved{moved}, "
        f"{refreshed:,} with only their confidences refreshed, "
        f"{summary.unchanged:,} left as {same}; {before}{summary.kept:,} kept, "
        f"{summary.failed:,} failed"
    )


def list_problems(rows: list[tuple[str, str, str]]) -> int:
    """The failed and kept documents on stderr, the first :data:`MAX_LISTED` of them; how
    many there are."""
    problems = [row for row in rows if row[1] != "warning"]
    for doc_id, kind, reason in problems[:MAX_LISTED]:
        label = "error" if kind == "failed" else "note"
        print(f"kopir: {label}: {doc_id}: {reason}", file=sys.stderr)
    if len(problems) > MAX_LISTED:
        print(f"kopir: … {len(problems) - MAX_LISTED} more in the report", file=sys.stderr)
    return len(problems)
