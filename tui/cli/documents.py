"""The commands on a corpus's documents: ingest, ls, show, align, and segment.

Each is a thin call into ``corpus`` and ``align`` that prints what happened;
the parser that reaches them is :func:`tui.cli.main.build_parser`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len

from align.sources import SourceOutcome, add_sources
from corpus.errors import KopirError
from corpus.folder import not_read_line
from corpus.model import LANG_NAMES, BlockKind, Document
from corpus.storage.store import Corpus
from corpus.storage.teisummary import FULL_CHECK_BYTES, DocSummary, summarise
from corpus.text.clean import flat
from corpus.text.structure import side_spans
from corpus.text.textio import decode_bytes, detection_note, read_text
from corpus.wording import plural, shorten
from tui.cli.common import EXIT_ERROR, command_corpus
from tui.cli.progress import working
from tui.cli.wording import cli_message

if TYPE_CHECKING:
    from align.overview import Signature
    from align.summary import DocumentSummary


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm  # nltk's own dependency: a progress bar without new weight

    corpus = command_corpus(args, existing=False)
    if corpus.root.exists() and not corpus.root.is_dir():
        raise KopirError(f"{corpus.root}: the corpus path is not a directory")
    bar: list[tqdm] = []

    def said(outcome: SourceOutcome, done: int, total: int) -> None:
        if not bar:
            show = not args.quiet and total > 1 and sys.stderr.isatty()
            bar.append(
                tqdm(total=total, desc="ingest", unit="file", disable=not show, file=sys.stderr)
            )
        bar[0].update(1)
        _print_outcome(outcome, args.quiet, tqdm.write)

    try:
        added = add_sources(
            corpus,
            args.paths,
            encoding=args.encoding,
            fix_homoglyphs=args.fix_homoglyphs,
            replace=args.replace,
            max_bytes=args.max_bytes,
            with_translations=args.with_translations,
            on_file=said,
        )
    finally:
        if bar:
            bar[0].close()
    for link in added.skipped:
        print(
            f"kopir: warning: {link}: skipped: a symbolic link out of the folder "
            "(name it on the command line to ingest it)",
            file=sys.stderr,
        )
    for left in added.left_out:
        if left.why != "not-text":
            print(f"kopir: warning: {left.reason}", file=sys.stderr)
    if (others := not_read_line(added.left_out)) and not args.quiet:
        print(f"kopir: note: {others}", file=sys.stderr)
    if added.english_not_asked and not args.quiet:
        texts = plural(len(added.english_not_asked), "English text")
        print(
            f"kopir: note: {texts} beside the Kazakh (x.en.txt) not imported: "
            "--with-translations imports and aligns them",
            file=sys.stderr,
        )
    if not added.files:
        raise KopirError(
            "no Kazakh texts (x.txt or x.kk.txt) in " + ", ".join(map(str, args.paths))
        )
    summary = ", ".join(f"{n} {status}" for status, n in added.counts().items() if n)
    failed = added.failed
    print(
        f"{corpus.root}: {summary or 'nothing ingested'}" + (f", {failed} failed" if failed else "")
    )
    return EXIT_ERROR if failed else 0


def _print_outcome(outcome: SourceOutcome, quiet: bool, write: Callable[..., None]) -> None:
    """One file's lines: its error, or its warnings and status; then its translation's."""
    if outcome.error is not None:
        write(f"kopir: error: {cli_message(outcome.error)}", file=sys.stderr)
        return
    result = outcome.result
    assert result is not None
    if not quiet:
        for warning in result.warnings:
            write(f"kopir: warning: {cli_message(warning)}", file=sys.stderr)
        print(f"{result.status:<9} {result.doc_id}  ({plural(result.sentences, 'sentence')})")
    if outcome.translation_skipped is not None:
        write(
            f"kopir: warning: {outcome.translation_skipped}: skipped: a symbolic link out of "
            "the folder",
            file=sys.stderr,
        )
    if outcome.translation_error is not None:
        write(f"kopir: error: {cli_message(outcome.translation_error)}", file=sys.stderr)
    if outcome.aligned is not None:
        print(f"aligned   {outcome.aligned}")
    for warning in [] if quiet else outcome.translation_warnings:
        write(f"kopir: warning: {cli_message(warning)}", file=sys.stderr)


#: ``kopir ls`` takes what the documents screen and ``kopir stats`` kept of each unchanged
#: document from this many documents on; for fewer, parsing them is quicker than the look-up.
KEPT_FROM = 100


def cmd_ls(args: argparse.Namespace) -> int:
    corpus = command_corpus(args)
    ids = corpus.ids()
    if not ids:
        print(f"{corpus.root}: no documents (add some with 'kopir ingest PATH…')")
        return 0
    # the id column as wide as the widest id, in terminal columns: a client's file names
    # ("02_Катонқарағай_4_ілбіс_сайттан_көшірме") are longer than the seeds'
    width = max(24, *(cell_len(doc_id) for doc_id in ids))

    def padded(doc_id: str) -> str:
        return doc_id + " " * (width - cell_len(doc_id))

    print(f"{padded('document')} {'kk':>5} {'en':>5} {'beads':>6} {'date':<10}  title")
    totals = [0, 0, 0]
    failed = 0
    kept: dict[str, tuple[Signature, DocumentSummary]] = {}
    if len(ids) >= KEPT_FROM:
        from align.overview import kept_summaries  # the app's and stats's kept figures

        kept = kept_summaries(corpus)
    for doc_id in ids:
        try:
            doc = _listed(corpus, doc_id, kept.get(doc_id))
        except KopirError as exc:
            failed += 1
            print(f"kopir: error: {cli_message(exc)}", file=sys.stderr)
            continue
        row = [doc.kk, doc.en, doc.beads]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        title = shorten(doc.title, 60)
        print(f"{padded(doc_id)} {row[0]:>5} {row[1]:>5} {row[2]:>6} {doc.date or '':<10}  {title}")
    print(
        f"{plural(len(ids) - failed, 'document')}, {totals[0]:,} Kazakh and {totals[1]:,} English "
        f"sentences, {plural(totals[2], 'bead')} in {corpus.root}"
        + (f"; {failed} unreadable" if failed else "")
    )
    return EXIT_ERROR if failed else 0


def _listed(
    corpus: Corpus, doc_id: str, kept: tuple[Signature, DocumentSummary] | None
) -> DocSummary:
    """``kopir ls``'s facts of a document: those the documents screen or ``kopir stats``
    kept of it (:func:`align.overview.kept_summaries`) when its file is the one they read,
    else read now (a huge document is counted, not loaded)."""
    from align.overview import file_signature

    if kept is not None:
        signature, summary = kept
        if signature[1] <= FULL_CHECK_BYTES and file_signature(corpus.path(doc_id)) == signature:
            return DocSummary(summary.kk, summary.en, summary.beads, summary.date, summary.title)
    return summarise(corpus, doc_id)


def cmd_show(args: argparse.Namespace) -> int:
    if args.beads and args.lang:
        raise KopirError("--beads shows both sides of each bead: leave out --lang")
    corpus = command_corpus(args)
    doc = corpus.load(args.doc)
    if args.beads:
        from align.review import load_review_cut

        print(format_beads(doc, load_review_cut(corpus.root)))
        return 0
    for n, lang in enumerate([args.lang] if args.lang else [doc.kk.lang, doc.en.lang]):
        if n:
            print()
        print(format_document(doc, lang, header=n == 0))
    return 0


def cmd_review_cut(args: argparse.Namespace) -> int:
    """``kopir review-cut [VALUE]``: the corpus's review cut and what cuts find, or set it."""
    from align.review import change_review_cut, review_cut_report

    corpus = command_corpus(args)
    if args.value is None:
        print("\n".join(review_cut_report(corpus.root)))
    else:
        print(change_review_cut(corpus.root, args.value)[1])
    return 0


def format_beads(doc: Document, weak_below: float) -> str:
    """A document's alignment as text (:func:`align.listing.bead_views`): a line per bead
    (number, shape, status and confidence, sentence ids) with its Kazakh and English under
    it, a blank line between beads: ``grep -A2 '^[0-9].*weak'`` finds the beads to check and their
    texts, and a terminal wraps a long sentence where a table would cut it. Beads are weak
    below ``weak_below``, the corpus's review cut."""
    from align.listing import bead_views
    from align.model import ReviewState

    views = bead_views(doc, weak_below)
    lines = [f"# {doc.id}: {doc.meta.title}"]
    if not views:
        lines.append(f"# no beads yet: kopir align {doc.id} --en FILE aligns it")
        return "\n".join(lines)
    states = Counter(view.state for view in views)
    lines.append(
        f"# {plural(len(views), 'bead')}: {states[ReviewState.CONFIRMED]:,} confirmed, "
        f"{states[ReviewState.WEAK]:,} weak (confidence < {weak_below:g}), "
        f"{states[ReviewState.MANUAL]:,} changed by hand"
    )
    number = len(str(len(views)))
    status = max(len(view.status) for view in views)
    for view in views:
        ids = f"{' '.join(view.kk_ids) or '—'} = {' '.join(view.en_ids) or '—'}"
        lines.append(f"{view.number:<{number}}  {view.shape:<3}  {view.status:<{status}}  {ids}")
        lines.append(f"    kk  {flat(view.kk) or '—'}")
        lines.append(f"    en  {flat(view.en) or '—'}")
        lines.append("")
    return "\n".join(lines[:-1])


def format_document(doc: Document, lang: str = "kk", header: bool = True) -> str:
    """A document side as text: one sentence per line with its id and block kind.

    ``header`` puts the document's metadata first (once, when both sides are shown).
    """
    meta = doc.meta
    lines = []
    if header:
        lines.append(f"# {doc.id}: {meta.title}")
        facts = [
            ("date", meta.date),
            ("rubric", meta.rubric),
            ("agency", meta.agency),
            ("place", meta.place),
            ("authors", ", ".join(meta.authors)),
        ]
        lines += [f"# {key}: {value}" for key, value in facts if value]
    lines.append(f"## {LANG_NAMES.get(lang, lang)}")
    side = doc.side(lang)
    if not side.blocks:
        lines.append(f"(no {lang} text yet)")
    for block in side.blocks:
        label = block.kind.value + (f":{block.type}" if block.type else "")
        if block.speech is not None:
            label = f"sp{block.speech}{'@' + block.who if block.who else ''}/{label}"
        if block.kind is BlockKind.FW:
            lines.append(f"[{label}] {block.text}")
            continue
        for n, sentence in enumerate(block.sentences):
            prefix = f"[{label}]" if n == 0 else ""
            lines.append(f"{prefix:<20} {sentence.id:<9} {sentence.text}")
    return "\n".join(lines)


def cmd_align(args: argparse.Namespace) -> int:
    if len(args.targets) == 2 and args.en is None:
        return _align_files(args)
    if len(args.targets) != 1:
        raise KopirError("align takes DOC [--en FILE] or KK_FILE EN_FILE")
    from align.document import import_and_align

    corpus = command_corpus(args)
    with working(f"aligning {args.targets[0]}"):
        warnings, report = import_and_align(
            corpus,
            args.targets[0],
            args.en,
            args.encoding,
            replace=args.replace,
            unrelated_ok=args.unrelated_ok,
        )
    for warning in warnings:
        print(f"kopir: warning: {cli_message(warning)}", file=sys.stderr)
    print(report)
    return 0


def _align_files(args: argparse.Namespace) -> int:
    from align.aligner.propose import Aligner

    kk_path, en_path = (Path(t) for t in args.targets)
    kk = [line.strip() for line in _read_reporting(kk_path, args.encoding).splitlines()]
    en = [line.strip() for line in _read_reporting(en_path, args.encoding).splitlines()]
    with working(f"aligning {len(kk):,} and {len(en):,} sentences"):
        beads = Aligner().align(kk, en)
    out = sys.stdout
    for bead in beads:
        out.write(bead.vecalign() + "\n")
        if args.text:
            for k in bead.kk:
                out.write(f"    kk {k}: {kk[k]}\n")
            for e in bead.en:
                out.write(f"    en {e}: {en[e]}\n")
    return 0


def _read_reporting(path: Path | None, encoding: str | None) -> str:
    """A text file's (or stdin's, for None) text; a guessed code page is said on stderr."""
    if path is None:
        decoded = decode_bytes(sys.stdin.buffer.read(), "<stdin>", encoding)
    else:
        decoded = read_text(path, encoding)
    note = detection_note(decoded, "<stdin>" if path is None else str(path))
    if note:
        print(f"kopir: warning: {cli_message(note)}", file=sys.stderr)
    return decoded.text


def cmd_segment(args: argparse.Namespace) -> int:
    """Each line's sentences as ingest cuts a paragraph: an agency's dateline opening a line
    (``АСТАНА. KAZINFORM –``) is one sentence, as in the corpus and in ``kopir export srx``'s
    rules; the plain segmenter would cut it after the place, so that sentences from here
    (``kopir align kk.txt en.txt``) never matched a CAT tool's segments. A text in the
    Latin alphabet or the Arabic script (төте) is cut on its Cyrillic reading, as ingest
    cuts it (``1939 j.`` is ``1939 ж.``, an abbreviation, not a sentence's end)."""
    text = _read_reporting(None if args.file == "-" else Path(args.file), args.encoding)
    out = sys.stdout
    lines = text.splitlines()
    for line, spans in zip(lines, side_spans(lines, args.lang), strict=True):
        for start, end in spans:
            out.write(line[start:end] + "\n")
    return 0
