"""Saved named queries: a query kept under a name in the corpus, to run again later.

They live in ``<corpus>/.kopir/queries.json`` (the corpus's state folder, beside the
search index; never followed through a link), one object per name with the fields of
:class:`~corpus.search.plan.Query` that differ from an empty query. The file is
written atomically, so a crash leaves the old list whole; a file kopir cannot read is
a one-line error naming it, and nothing in it is lost by reading.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from corpus.errors import KopirError, Remedy
from corpus.search.plan import Query
from corpus.storage.atomic import atomic_write
from corpus.storage.nofollow import check_no_links
from corpus.storage.store import STATE_DIR, Corpus

SAVED_NAME = "queries.json"
#: The longest name a saved query may have.
MAX_NAME = 80
_TUPLES = {"docs", "statuses"}


def saved_path(corpus: Corpus) -> Path:
    return corpus.root / STATE_DIR / SAVED_NAME


def saved_queries(corpus: Corpus) -> dict[str, Query]:
    """Every saved query by name, in the order they were saved."""
    path = saved_path(corpus)
    check_no_links(path, corpus.root)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KopirError(f"{path}: cannot read the saved queries: {exc}") from None
    known = {f.name for f in dataclasses.fields(Query)}
    found = {}
    for name, fields in data.items() if isinstance(data, dict) else ():
        if not isinstance(fields, dict) or not set(fields) <= known:
            raise KopirError(f"{path}: the saved query {name!r} is not one kopir wrote")
        found[name] = Query(**{k: tuple(v) if k in _TUPLES else v for k, v in fields.items()})
    return found


def load_query(corpus: Corpus, name: str) -> Query:
    """The query saved as ``name``; a one-line error listing the names if there is none."""
    found = saved_queries(corpus)
    if name not in found:
        names = ", ".join(found) or "none yet"
        keep = [] if found else [Remedy("save", "keep a query")]
        raise KopirError(f"no saved query {name!r}; saved: {names}", *keep)
    return found[name]


def save_query(corpus: Corpus, name: str, query: Query) -> None:
    """Keep ``query`` as ``name`` (replacing a query of that name)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise KopirError(f"a saved query's name is 1 to {MAX_NAME} printable characters")
    if query.empty:
        raise KopirError("nothing to save", Remedy("words", "say what to find"))
    found = saved_queries(corpus)
    found[name] = query
    empty = Query()
    data = {
        key: {
            f.name: getattr(q, f.name)
            for f in dataclasses.fields(Query)
            if getattr(q, f.name) != getattr(empty, f.name)
        }
        for key, q in found.items()
    }
    path = saved_path(corpus)
    path.parent.mkdir(exist_ok=True)
    check_no_links(path, corpus.root)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise KopirError(f"{path}: cannot write: {exc.strerror or exc}") from None
