"""Who made or last changed a bead, and when: the trace a reviewed corpus needs.

A translator's confirmation is a claim someone can be asked about, so every
bead a person makes or changes carries two stamps: ``created`` (who made the
bead with its present sentences, and when) and ``changed`` (who last changed
it, confirming included). They travel with the bead through the TEI file
(``@change`` pointers to ``revisionDesc`` entries, :mod:`corpus.storage.tei`)
and the TMX (``creationid``/``creationdate``, ``changeid``/``changedate``).

Stamps never take part in comparing beads: two beads with the same sentences,
status and score are the same bead whoever touched them, so an edit that
changes nothing still changes nothing.

The user is ``$KOPIR_USER``, else the login name. Times are UTC to the second,
ISO 8601 in the model and TEI (``2026-12-06T07:15:02Z``); the TMX form is
OmegaT's ``20261206T071502Z``, the only one it parses.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from align.model import Bead
from corpus.model import Correction, Sentence, Stamp

__all__ = [
    "Stamp",
    "current_user",
    "from_tmx_date",
    "keep_originals",
    "now",
    "stamp_run",
    "to_tmx_date",
]

_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z")


def current_user() -> str:
    """Who is working: ``$KOPIR_USER``, else the login name, else ``unknown``."""
    user = os.environ.get("KOPIR_USER", "").strip()
    if user:
        return user
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


def now(user: str | None = None, moment: datetime | None = None) -> Stamp:
    """A stamp for ``user`` (default :func:`current_user`) at ``moment`` (default now)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return Stamp(user or current_user(), moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


def to_tmx_date(when: str) -> str:
    """``2026-12-06T07:15:02Z`` as TMX/OmegaT's ``20261206T071502Z``."""
    match = _ISO_DATE.fullmatch(when)
    return "".join(match.groups()[:3]) + "T" + "".join(match.groups()[3:]) + "Z" if match else when


def from_tmx_date(value: str | None) -> str | None:
    """A TMX date as the model's ISO form; ``None`` when it is not ``YYYYMMDDThhmmssZ``."""
    match = _TMX_DATE.fullmatch((value or "").strip())
    if match is None:
        return None
    y, mo, d, h, mi, s = match.groups()
    try:
        datetime(int(y), int(mo), int(d), int(h), int(mi), int(s))
    except ValueError:
        return None
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def stamp_run(old: Sequence[Bead], new: Sequence[Bead], stamp: Stamp) -> tuple[Bead, ...]:
    """The beads ``new`` that replace ``old``, stamped by what happened to each.

    A bead equal to one of ``old`` (same sentences, status and score) is that
    old bead, stamps and all: nothing happened to it. A bead holding the same
    sentences as an old one but another status or score was changed: it keeps
    its creation and gets ``stamp`` as its change. Any other bead is new:
    created and changed now.
    """
    same = {(b.kk, b.en, b.status, b.score): b for b in old}
    by_sentences = {(b.kk, b.en): b for b in old}
    made = []
    for bead in new:
        kept = same.get((bead.kk, bead.en, bead.status, bead.score))
        if kept is not None:
            made.append(kept)
            continue
        earlier = by_sentences.get((bead.kk, bead.en))
        created = earlier.created if earlier is not None else None
        made.append(replace(bead, created=created or stamp, changed=stamp))
    return tuple(made)


def keep_originals(old: list[Sentence], new: list[Sentence]) -> list[Sentence]:
    """Source sentences after an edit, each changed one keeping the text it replaced.

    The Kazakh side is the source text, so an edit must not lose what the
    source said: a changed sentence becomes one repair (``sic`` the original,
    ``corr`` the new text; TEI ``<choice>``). The originals of all the
    sentences that changed or went, joined, go to the first changed
    sentence; the other changed ones have an empty original, so that the
    originals read in order are still the source text. Sentences left as
    they were are not touched; an original edited back becomes plain again.
    """
    kept = {id(s) for s in new} & {id(s) for s in old}
    original = " ".join(s.original for s in old if id(s) not in kept)
    made: list[Sentence] = []
    for sentence in new:
        if id(sentence) in kept:
            made.append(sentence)
            continue
        sic, original = original, ""
        if sic == sentence.text:
            made.append(Sentence.plain(sentence.id, sentence.text))
        else:
            made.append(Sentence(sentence.id, (Correction(sic, sentence.text, "edit"),)))
    if original and made:  # sentences deleted and none changed: keep them on the last one
        last = made[-1]
        made[-1] = Sentence(last.id, (*last.parts, Correction(" " + original, "", "edit")))
    return made
