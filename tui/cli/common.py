"""What every command of the command line shares: its corpus and its exit code on failure."""

from __future__ import annotations

import argparse

from corpus.storage.store import Corpus, corpus_dir

#: The exit code of a command that failed in a way kopir foresaw (said in one line).
EXIT_ERROR = 1


def command_corpus(args: argparse.Namespace, *, existing: bool = True) -> Corpus:
    """The corpus the command works on; one it reads from must exist (a typo is an error)."""
    corpus = Corpus(corpus_dir(args.corpus))
    return corpus.require() if existing else corpus
