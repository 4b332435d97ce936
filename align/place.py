"""Where the translator left each document, so that reopening it comes back there.

The places live in ``<corpus>/.kopir/places.json`` (the corpus's state folder; never
read or written through a link), one entry per document id: the bead's index and
the id of its first sentence. The sentence finds the bead again when beads above
it were merged or split since (by another kopir, a re-alignment); the index serves
when that sentence is gone, clamped to the last bead.

A place is a convenience, never worth an error: a missing, damaged or stale
entry is bead 1, and a corpus that cannot be written (read-only, full) keeps no
place. The file is written atomically; two kopirs leaving two documents at the
same moment may lose one of the two places, never the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from align.model import Alignment
from corpus.errors import KopirError
from corpus.storage.atomic import atomic_write
from corpus.storage.nofollow import check_no_links, read_state
from corpus.storage.store import STATE_DIR, Corpus

PLACES_NAME = "places.json"


def places_path(corpus: Corpus) -> Path:
    return corpus.root / STATE_DIR / PLACES_NAME


def last_place(corpus: Corpus, doc_id: str, alignment: Alignment) -> int:
    """The index of the bead ``doc_id`` was left on; 0 when none is known or it is damaged."""
    if not alignment.beads:
        return 0
    entry = _read(corpus).get(doc_id)
    if not isinstance(entry, dict):
        return 0
    bead, sentence = entry.get("bead"), entry.get("sentence")
    if type(bead) is not int or bead < 0 or not isinstance(sentence, str):
        return 0
    for find in (alignment.bead_of_kk, alignment.bead_of_en) if sentence else ():
        try:
            return find(sentence)
        except KopirError:
            continue  # not on this side, or gone: the index is the best guess left
    return min(bead, len(alignment.beads) - 1)


def remember_place(corpus: Corpus, doc_id: str, alignment: Alignment, bead: int) -> None:
    """Keep bead ``bead`` as where ``doc_id`` was left; quietly nothing if it cannot be kept."""
    if not 0 <= bead < len(alignment.beads) or not (corpus.root / STATE_DIR).is_dir():
        return
    first = alignment.beads[bead]
    sentence = (first.kk or first.en or ("",))[0]
    places = _read(corpus)
    places[doc_id] = {"bead": bead, "sentence": sentence}
    path = places_path(corpus)
    try:
        check_no_links(path, corpus.root)
        atomic_write(path, (json.dumps(places, ensure_ascii=False) + "\n").encode("utf-8"))
    except (OSError, KopirError):
        pass  # read-only, full or a planted link: the document opens at bead 1 next time


def _read(corpus: Corpus) -> dict[str, object]:
    """Every place kept, by document id; an empty dict for a missing or damaged file."""
    try:
        data = json.loads(read_state(places_path(corpus), corpus.root))
    except (OSError, KopirError, ValueError):  # missing, unreadable, a link, not JSON
        return {}
    return data if isinstance(data, dict) else {}
