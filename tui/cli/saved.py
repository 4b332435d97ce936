"""``kopir query --save NAME`` and ``--saved [NAME]``: queries kept in the corpus by name
(:mod:`corpus.search.saved`)."""

from __future__ import annotations

import argparse
import sys

from corpus.errors import KopirError
from corpus.search.plan import Query
from corpus.search.saved import load_query, save_query, saved_queries
from corpus.storage.store import Corpus


def saved_or_given(corpus: Corpus, args: argparse.Namespace, given: Query) -> Query | None:
    """The query to run: saved as ``--saved NAME``, or ``given`` (what the command line
    says); kept as ``--save NAME`` too when asked.

    ``--saved`` alone lists the saved queries (and None is returned: nothing to run).
    """
    if args.saved is None:
        query = given
    else:
        if not given.empty:
            raise KopirError("--saved runs a saved query: give no words or --kk/--en with it")
        if not args.saved:
            for name, saved in saved_queries(corpus).items():
                print(f"{name}\t{saved.describe()}")
            return None
        query = load_query(corpus, args.saved)
    if args.save:
        save_query(corpus, args.save, query)
        print(f"kopir: saved the query as {args.save.strip()!r}", file=sys.stderr)
    return query
