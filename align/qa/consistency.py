"""Checks across units: inconsistent translations in both directions, and duplicates.

A translation memory with two translations of the same source makes a CAT
tool offer both, and a reviewer wants to decide which one is right; the same
target for two different sources is the mirror case (often a copy-paste).
Texts are compared after folding case and white space, so ``Жоқ.`` and
``жоқ. `` count as the same source.

The index keeps only hashes and locations, not texts, so checking a large
corpus does not hold the corpus in memory; the few texts a message quotes are
fetched afterwards for the units that have findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from align.formats.units import Unit
from align.qa.config import QAConfig
from align.qa.findings import Finding, Where
from corpus.wording import shorten

Location = tuple[str, int]  # (document id, bead index)
Fetch = Callable[[set[tuple[str, int, str]]], dict[tuple[str, int, str], str]]
"""Given (doc id, bead, side) triples, their texts: the texts messages quote."""

CHECK_IDS = ("inconsistent-target", "inconsistent-source", "duplicate-pair")


def fold(text: str) -> str:
    """The form texts are compared in: white space collapsed, case folded."""
    if "  " in text or "\t" in text or "\n" in text or text[:1].isspace() or text[-1:].isspace():
        text = " ".join(text.split())  # rare: most texts have single spaces only
    return text.casefold()


@dataclass
class ConsistencyIndex:
    """Hashes of every unit's two sides, grouped for the three checks."""

    by_source: dict[int, list[tuple[Location, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_target: dict[int, list[tuple[Location, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, unit: Unit) -> None:
        if not (unit.kk_ids and unit.en_ids):
            return
        kk, en = fold(unit.kk), fold(unit.en)
        if not (kk and en):
            return
        where = (unit.doc_id, unit.bead)
        kk_hash, en_hash = hash(kk), hash(en)
        self.by_source[kk_hash].append((where, en_hash))
        self.by_target[en_hash].append((where, kk_hash))

    def findings(self, config: QAConfig, fetch: Fetch) -> list[Finding]:
        """The findings of the enabled checks, messages quoting the other version."""
        raw: list[tuple[str, Location, Location, int, Where]] = []
        if config.enabled("inconsistent-target"):
            raw += _inconsistent(self.by_source, "inconsistent-target", "en")
        if config.enabled("inconsistent-source"):
            raw += _inconsistent(self.by_target, "inconsistent-source", "kk")
        if config.enabled("duplicate-pair"):
            raw += _duplicates(self.by_source)
        wanted = {(o[0], o[1], side) for _, _, o, _, side in raw if side}
        texts = fetch(wanted) if wanted else {}
        found = []
        for check, here, other, others, side in raw:
            where = f"{other[0]}, bead {other[1] + 1}"
            if check == "duplicate-pair":
                message = f"the same pair is also at {where}" + _more(others)
            else:
                quote = f"«{shorten(texts.get((other[0], other[1], side), ''), 80)}»"
                if check == "inconsistent-target":
                    message = f"the same Kazakh is translated differently at {where}: {quote}"
                else:
                    message = f"the same English translates different Kazakh at {where}: {quote}"
                message += _more(others)
            found.append(
                Finding(check, config.severity(check), here[0], here[1], message, side or "both")
            )
        return found


def _inconsistent(
    groups: dict[int, list[tuple[Location, int]]], check: str, side: Where
) -> list[tuple[str, Location, Location, int, Where]]:
    raw = []
    for occurrences in groups.values():
        if len(occurrences) < 2:
            continue
        versions: dict[int, Location] = {}
        for where, other_hash in occurrences:
            versions.setdefault(other_hash, where)
        if len(versions) < 2:
            continue
        # Each occurrence names the first other version: the first or, for the first
        # version's own occurrences, the second (not a scan of every version for each of
        # them: a line in every document, translated many ways, was quadratic).
        (first, first_at), (_, second_at) = list(versions.items())[:2]
        for where, other_hash in occurrences:
            other = second_at if other_hash == first else first_at
            raw.append((check, where, other, len(versions) - 2, side))
    return raw


def _duplicates(
    groups: dict[int, list[tuple[Location, int]]],
) -> list[tuple[str, Location, Location, int, Where]]:
    raw: list[tuple[str, Location, Location, int, Where]] = []
    for occurrences in groups.values():
        first: dict[int, Location] = {}
        for where, target in occurrences:
            if target in first:
                raw.append(("duplicate-pair", where, first[target], 0, ""))
            else:
                first[target] = where
    return raw


def _more(n: int) -> str:
    return f" (and {n} other version{'s' if n > 1 else ''})" if n else ""
