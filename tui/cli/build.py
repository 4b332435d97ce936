"""``kopir build MANIFEST|FOLDER``: a crawl's document pairs into the corpus, on Dask.

Arguments, progress and the summary; the work is :mod:`align.build`'s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import KopirError
from corpus.storage.store import Corpus, corpus_dir
from corpus.wording import plural
from tui.cli.progress import count_bar
from tui.cli.realign import (
    EXIT_INTERRUPTED,
    add_dask_options,
    check_dask_options,
    list_problems,
    run_pass,
)

if TYPE_CHECKING:
    from align.build import Summary

EXIT_FAILED = 1
#: Pairs per Dask task by default (align.build.run.PER_TASK, not imported: Dask is slow to load).
PER_TASK = 8


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="ingest, align and check a manifest or folder of pairs on Dask",
        description=(
            "Each line of MANIFEST names a pair: TSV 'KAZAKH_FILE<TAB>ENGLISH_FILE<TAB>ID"
            "[<TAB>DATE[<TAB>URL]]' (English '-' or empty for none) or JSONL "
            '{"kk": …, "en": …, "id": …, "date": …, "url": …}. A FOLDER needs no manifest: '
            "each x.txt (or x.kk.txt) in it is a document x, with x.en.txt beside it as its "
            "English, as kopir ingest --with-translations reads a folder (other x.<lang>.txt are "
            "left out, and named). Pairs already built from "
            "the same files are skipped; documents holding confirmed beads, or open in the "
            "app, are never overwritten. --realign then teaches the aligner from the "
            "corpus's own beads and aligns the manifest's documents again (run it again "
            "on a corpus built already: the pairs are skipped, the pass is made)."
        ),
    )
    p.add_argument(
        "manifest",
        type=Path,
        metavar="MANIFEST|FOLDER",
        help="TSV or JSONL, one pair a line; or a folder of x.txt and x.en.txt",
    )
    add_dask_options(p)
    p.add_argument(
        "--batch",
        type=int,
        default=PER_TASK,
        metavar="N",
        help=f"pairs per Dask task (default {PER_TASK}; 1: each pair a task of its own)",
    )
    p.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="where the report goes (default: CORPUS/.kopir/build/report.tsv)",
    )
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="build pairs already built too (translators' work is still never overwritten)",
    )
    p.add_argument(
        "--realign",
        action="store_true",
        help=(
            "after the build, learn words from the corpus's confident and confirmed beads "
            "and align every document of the manifest again with them (confirmed beads and "
            "beads changed by hand never move); the lexicon is kept for later alignments"
        ),
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, only the summary")
    p.set_defaults(func=cmd_build)


def cmd_build(args: argparse.Namespace) -> int:
    # Imported here: Dask and the aligner are not every command's start-up time.
    from align.build import (
        Pair,
        build_corpus,
        dask_client,
        read_folder,
        read_manifest,
        update_index,
    )

    corpus = Corpus(corpus_dir(args.corpus))
    if corpus.root.exists() and not corpus.root.is_dir():
        raise KopirError(f"{corpus.root}: the corpus path is not a directory")
    if args.batch < 1:
        raise KopirError(f"--batch {args.batch}: a task needs at least one pair")
    check_dask_options(args)
    if args.manifest.is_dir():
        notes: list[str] = []
        entries = list(read_folder(args.manifest, notes))
        for note in notes:
            print(f"kopir: warning: {note}", file=sys.stderr)
        if not any(isinstance(entry, Pair) for entry in entries):
            raise KopirError(
                f"{args.manifest}: no Kazakh texts in the folder (x.txt, its English x.en.txt)"
            )
    else:
        entries = list(read_manifest(args.manifest))
        if not entries:
            raise KopirError(f"{args.manifest}: no pairs in the manifest")
    started = time.monotonic()
    bar = None
    realigned = None
    with dask_client(args.scheduler, args.workers) as client:
        try:
            bar = count_bar(len(entries), args.quiet)  # from here: the rate is the workers'
            summary = build_corpus(
                corpus,
                entries,
                client,
                rebuild=args.rebuild,
                per_task=args.batch,
                report=args.report,
                on_progress=None if bar is None else lambda s, _: bar.update(1),
            )
        finally:
            if bar is not None:
                bar.close()
        _print_summary(summary, corpus, time.monotonic() - started)
        if args.realign and not summary.interrupted:
            doc_ids = [entry.doc_id for entry in entries if isinstance(entry, Pair)]
            realigned = run_pass(
                corpus,
                doc_ids,
                client,
                quiet=args.quiet,
                per_task=args.batch,
                report=summary.report,
            )
    if summary.interrupted or (realigned is not None and realigned.interrupted):
        print("kopir: interrupted: run the same command again to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    index = update_index(corpus)
    print(f"index updated: {index.describe()}")
    for doc, error in sorted(index.failed.items()):
        print(f"kopir: warning: {doc} is not searchable: {error}", file=sys.stderr)
    return EXIT_FAILED if summary.failed or (realigned is not None and realigned.failed) else 0


def _print_summary(summary: Summary, corpus: Corpus, seconds: float) -> None:
    written = summary.created + summary.updated
    print(
        f"{corpus.root}: {summary.done:,} of {plural(summary.total, 'pair')} in {seconds:.1f} s: "
        f"{summary.created:,} created, {summary.updated:,} updated, "
        f"{summary.unchanged:,} unchanged, {summary.skipped:,} skipped (built before), "
        f"{summary.kept:,} kept, {summary.failed:,} failed"
    )
    print(
        f"built: {plural(written + summary.unchanged, 'document')}, "
        f"{summary.kk:,} Kazakh and {summary.en:,} English sentences, "
        f"{plural(summary.beads, 'bead')} "
        f"({summary.weak:,} weak, confidence < {summary.weak_below:g}), "
        f"findings: {plural(summary.errors, 'error')}, {plural(summary.warnings, 'warning')}"
    )
    list_problems(summary.rows)
    notes = sum(kind == "warning" for _, kind, _ in summary.rows)
    print(
        f"report: {summary.report}"
        + (f" ({plural(notes, 'warning')} about the texts)" if notes else "")
    )
