"""The ``kopir`` command line.

Every command is a thin call into ``corpus`` and ``align``: parsing
arguments, printing, and turning :class:`KopirError` into a one-line message
and a non-zero exit. With no command, kopir opens the translator's app on the
corpus (or, when not run in a terminal, prints the corpus summary).

This module holds the parser, the one place errors become messages, and the
app's commands (open, keys, unlock); the document commands are in
``documents``, the others in ``export``, ``build``, ``realign`` and ``query``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from corpus.errors import KopirError
from corpus.storage.store import DEFAULT_CORPUS, ENV_VAR
from corpus.text.segment import SUPPORTED_LANGUAGES
from corpus.text.textio import MAX_BYTES
from tui.cli.common import EXIT_ERROR, command_corpus
from tui.cli.documents import (
    cmd_align,
    cmd_ingest,
    cmd_ls,
    cmd_review_cut,
    cmd_segment,
    cmd_show,
)
from tui.cli.wording import cli_message

#: The commands kept in modules of their own, by module. Those modules bring in the
#: search engine, the exporters and the quality checks, about a quarter of a second
#: before the app's first screen; ``kopir`` and ``kopir open DOC`` need none of them,
#: so each module is imported only when one of its commands (or the full help) is asked
#: for. tests/tui/cli/test_lazy_commands.py checks that the names match what each module adds.
LAZY_COMMANDS = {
    "tui.cli.export": ("export", "check", "score", "import"),
    "tui.cli.build": ("build",),
    "tui.cli.realign": ("realign",),
    "tui.cli.query": ("query", "stats", "index"),
    "tui.cli.glossary": ("glossary",),
}
#: The commands this module and ``documents`` define (always in the parser).
CORE_COMMANDS = (
    "ingest",
    "ls",
    "show",
    "align",
    "review-cut",
    "open",
    "keys",
    "unlock",
    "segment",
)

#: A failure kopir did not foresee (sysexits' EX_SOFTWARE): a bug, said in one line.
EXIT_BUG = 70
#: Set to see the traceback of such a failure.
DEBUG_VAR = "KOPIR_DEBUG"


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked (it costs a start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, help="print kopir's version")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from align.formats.tmx_writer import kopir_version

        print(f"kopir {kopir_version()}")
        parser.exit()


def _global_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let every command take ``--corpus`` after its name too (``kopir ls --corpus X``).

    The copy on a command has no default, so it only sets the corpus when it
    is given there; given both before and after, the later one wins.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in set(action.choices.values()):
                if "--corpus" not in command._option_string_actions:
                    command.add_argument(
                        "--corpus",
                        metavar="DIR",
                        default=argparse.SUPPRESS,
                        help="corpus directory",
                    )
                _global_options_everywhere(command)


def _summaries_as_descriptions(parser: argparse.ArgumentParser) -> None:
    """Give a command with no description of its own the line ``kopir --help`` lists it with.

    Without one, ``kopir ingest --help`` shows only usage and options, and a
    newcomer asking one command for help is not told what it does.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for listed in action._choices_actions:
                command = action.choices[listed.dest]
                if not command.description and listed.help:
                    summary = listed.help.replace("%%", "%")
                    command.description = summary[:1].upper() + summary[1:] + "."
                _summaries_as_descriptions(command)


def command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names: its first word that is not a global option or its value."""
    words = iter(argv)
    for word in words:
        if word == "--corpus":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _lazy_modules(argv: Sequence[str] | None) -> list[str]:
    """The command modules the parser of ``argv`` needs (all of them for no ``argv``)."""
    if argv is None:
        return list(LAZY_COMMANDS)
    word = command_word(argv)
    if word is None:  # the app, or the corpus summary; or the full help
        wanted = any(a in ("-h", "--help") for a in argv)
        return list(LAZY_COMMANDS) if wanted else []
    owner = [module for module, names in LAZY_COMMANDS.items() if word in names]
    return owner if owner or word in CORE_COMMANDS else list(LAZY_COMMANDS)  # a typo: list all


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """kopir's parser: every command, or for ``argv`` just what parsing it needs."""
    parser = argparse.ArgumentParser(
        prog="kopir",
        description="Kazakh–English parallel corpus and translation alignment.",
        epilog=f"The corpus directory is --corpus, else ${ENV_VAR}, else ./{DEFAULT_CORPUS}.",
    )
    parser.add_argument("--corpus", metavar="DIR", help="corpus directory")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="add or update Kazakh source texts in the corpus")
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=(
            "text files, or directories: each x.txt (or x.kk.txt) is the document x, x.en.txt "
            "its English (other x.<lang>.txt are left out, and named)"
        ),
    )
    p.add_argument("--encoding", help="the files' encoding (default: detect)")
    p.add_argument(
        "--fix-homoglyphs",
        action="store_true",
        help="repair words mixing Latin and Cyrillic letters (recorded in the TEI)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="rebuild changed documents even if they hold translation work",
    )
    p.add_argument(
        "--with-translations",
        action="store_true",
        help=(
            "import x.en.txt beside x.txt (or x.kk.txt) as the English of a document that has "
            "none, and align"
        ),
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse files larger than this (default {MAX_BYTES:,})",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="only errors and the summary line")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ls", help="list documents with their sentence and bead counts")
    p.set_defaults(func=cmd_ls)

    p = sub.add_parser("show", help="print a document's sentences and ids, or --beads its beads")
    p.add_argument("doc", metavar="DOC", help="the document id (kopir ls lists them)")
    p.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        help="only this side (default: the Kazakh, then the English)",
    )
    p.add_argument(
        "--beads",
        action="store_true",
        help="the alignment instead: a line per bead (ids, status, confidence), its texts under it",
    )
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "align",
        help="align a document with its English, or two sentence files",
        usage="%(prog)s [options] DOC | KK_FILE EN_FILE",
        description=(
            "kopir align KK_FILE EN_FILE: one sentence per line in each; prints beads as "
            "[kk indices]:[en indices]:confidence (vecalign's format). "
            "kopir align DOC [--en FILE]: import an English text for a corpus document "
            "(segmenting it), align it and store the beads."
        ),
    )
    p.add_argument(
        "targets",
        nargs="+",
        metavar="DOC | KK_FILE EN_FILE",
        help="a corpus document's id, or a Kazakh and an English file, one sentence a line",
    )
    p.add_argument("--en", type=Path, metavar="FILE", help="English text to import for DOC")
    p.add_argument("--text", action="store_true", help="print the sentences under each bead")
    p.add_argument("--encoding", help="the input files' encoding (default: detect)")
    p.add_argument(
        "--replace",
        action="store_true",
        help=(
            "replace a document's existing English and beads (a confirmed bead whose "
            "English sentences are in the new text is kept)"
        ),
    )
    p.add_argument(
        "--even-if-unrelated",
        dest="unrelated_ok",
        action="store_true",
        help="store the English even if it does not look like a translation of the Kazakh",
    )
    p.set_defaults(func=cmd_align)

    p = sub.add_parser(
        "review-cut",
        help="show or set the confidence below which proposed beads are weak",
        description=(
            "Show the corpus's review cut, or set it: beads the aligner proposed with a "
            "confidence below it are weak (the editor's w, the weak counts). Prints what "
            "each cut found out of set on the development pairs."
        ),
    )
    p.add_argument(
        "value",
        nargs="?",
        metavar="VALUE",
        help="the new cut, from 0 to 1 with two decimals at most (default 0.5)",
    )
    p.set_defaults(func=cmd_review_cut)

    p = sub.add_parser("open", help="open the translator's app (the default command)")
    p.add_argument("doc", nargs="?", metavar="DOC", help="open this document in the editor")
    p.set_defaults(func=cmd_open)

    p = sub.add_parser("keys", help="list the app's key bindings and their ids (for a keymap)")
    p.set_defaults(func=cmd_keys)

    p = sub.add_parser("unlock", help="remove a document's editing lock (another host's, say)")
    p.add_argument("doc", metavar="DOC", help="the locked document's id")
    p.add_argument(
        "--force", action="store_true", help="even the lock of a live process on this machine"
    )
    p.set_defaults(func=cmd_unlock)

    p = sub.add_parser("segment", help="split text into sentences, one per line")
    p.add_argument("file", metavar="FILE|-", help="one paragraph per line; - reads stdin")
    p.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        default="kk",
        help="the text's language (default: kk)",
    )
    p.add_argument("--encoding", help="the input's encoding (default: detect)")
    p.set_defaults(func=cmd_segment)
    for module in _lazy_modules(argv):
        importlib.import_module(module).add_commands(sub)
    _global_options_everywhere(parser)
    _summaries_as_descriptions(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(argv).parse_args(argv)
    try:
        if args.command is None:
            if sys.stdin.isatty() and sys.stdout.isatty():
                args.doc = None
                return cmd_open(args)
            return cmd_ls(args)
        return args.func(args)
    except KopirError as exc:
        print(f"kopir: error: {cli_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kopir: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (kopir show … | head): not an error
        return 0
    except OSError as exc:  # a disk full, a permission refused: the system's words, one line
        if os.environ.get(DEBUG_VAR):
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kopir: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if os.environ.get(DEBUG_VAR):
            raise
        print(
            f"kopir: error: unexpected {type(exc).__name__}: {exc} "
            f"(a bug in kopir; {DEBUG_VAR}=1 shows where)",
            file=sys.stderr,
        )
        return EXIT_BUG


def cmd_open(args: argparse.Namespace) -> NoReturn:
    """Run the app, then end the process with its exit code (it never returns: see below)."""
    from tui.app import KopirApp, all_bindings, binding_scopes
    from tui.config import config_path, load_config

    corpus = command_corpus(args)
    if args.doc is not None:
        corpus.path(args.doc)  # a bad id is an error before the screen opens
        if not corpus.exists(args.doc):
            corpus.load(args.doc)  # raises with the list of documents
    # Listing every binding imports every screen: only done when there is a keymap to check.
    has_keymap = config_path().is_file()
    known = set(all_bindings()) if has_keymap else None
    config = load_config(known_ids=known, scopes=binding_scopes() if has_keymap else None)
    app = KopirApp(corpus, args.doc, config)
    app.run()
    for note in app.notes:
        print(f"kopir: {note}", file=sys.stderr)
    for problem in app.problems:
        print(f"kopir: error: {problem}", file=sys.stderr)
    code = EXIT_ERROR if app.problems else 0
    if app.hung_up or not _terminal_alive():
        code = code or EXIT_ERROR
    # Everything is saved, synced and released by now (the editors closed, the search
    # engine stopped), so the process ends here, without the interpreter's teardown:
    # freeing a long document's objects one by one took over a second after quitting
    # a 50,000-bead document, and Textual's input thread would keep a process whose
    # terminal is gone alive.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _terminal_alive() -> bool:
    import termios

    try:
        termios.tcgetattr(sys.__stdin__.fileno())
    except (termios.error, OSError, ValueError, AttributeError):
        return False
    return True


def cmd_keys(args: argparse.Namespace) -> int:
    from tui.app import all_bindings
    from tui.config import config_path

    print(f"# binding id, default keys, action; remap in {config_path()} under [keys]")
    for binding_id, (keys, description) in sorted(all_bindings().items()):
        print(f"{binding_id:<28} {keys:<20} {description}")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    from corpus.storage.lock import break_lock

    # The corpus must exist: on a mistyped --corpus, 'not locked' would leave the user
    # believing the lock gone while it stays in the real corpus.
    holder = break_lock(command_corpus(args).root, args.doc, force=args.force)
    print(f"{args.doc}: " + (f"lock of {holder.describe()} removed" if holder else "not locked"))
    return 0
