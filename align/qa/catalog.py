"""The quality checks kopir runs: ids, default severities and what each one finds.

This table is the one place a check is declared. Configuration files are
validated against it, ``kopir check --list`` prints it, and the README's
list is written from it. Ids are stable: they appear in configuration files,
in ``x-qa`` properties of exported TMX and in scripts reading
``kopir check --format json``.

Severities mean what a reviewer would do with the finding:

* ``error``: the unit is broken or a CAT tool will mishandle it; exports
  refuse to run until it is fixed, switched off or forced;
* ``warning``: probably a mistake, worth a look;
* ``info``: worth knowing, often fine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
Scope = Literal["pair", "corpus", "document"]


@dataclass(frozen=True)
class CheckInfo:
    """A check: its id, default severity, what it finds and its tunable parameters.

    ``scope`` is ``pair`` for checks that look at one unit, ``corpus`` for
    those comparing units with each other (over all the documents checked
    together), ``document`` for findings about a document as a whole.
    """

    id: str
    severity: Severity
    summary: str
    scope: Scope = "pair"
    params: Mapping[str, int | float] = field(default_factory=dict)


CATALOG: tuple[CheckInfo, ...] = (
    CheckInfo("not-aligned", "warning", "a document has no alignment yet", "document"),
    CheckInfo("empty-target", "error", "the English of a pair is empty or only white space"),
    CheckInfo("empty-source", "error", "the Kazakh of a pair is empty or only white space"),
    CheckInfo(
        "untranslated",
        "warning",
        "a 1-0 or 0-1 bead not yet confirmed: a sentence with no counterpart",
    ),
    CheckInfo("identical", "warning", "the English is the same as the Kazakh (copied)"),
    CheckInfo("cyrillic-in-english", "warning", "Cyrillic words left in the English"),
    CheckInfo("look-alike", "warning", "a word mixing Latin and Cyrillic look-alike letters"),
    CheckInfo("numbers", "warning", "a number on one side is not on the other"),
    CheckInfo(
        "brackets",
        "warning",
        'brackets or quotes («» „“ “” "" () []) do not balance (quotes read along the beads)',
    ),
    CheckInfo("end-punctuation", "warning", "the two sides end with different punctuation"),
    CheckInfo("double-space", "warning", "two or more spaces in a row"),
    CheckInfo("edge-whitespace", "warning", "white space at the start or end of a side"),
    CheckInfo(
        "length-ratio",
        "warning",
        "the English is far longer or shorter than this corpus's translations usually are",
        params={"threshold": 4.0, "min-pairs": 30},
    ),
    CheckInfo("urls-emails", "warning", "a URL or e-mail address on one side is not on the other"),
    CheckInfo("first-letter-case", "warning", "one side starts with a capital, the other not"),
    CheckInfo("repeated-word", "warning", "the same word twice in a row"),
    CheckInfo(
        "glossary-term",
        "warning",
        "a glossary term is in the Kazakh and none of its English renderings in the English",
    ),
    CheckInfo(
        "inconsistent-target", "warning", "the same Kazakh is translated differently", "corpus"
    ),
    CheckInfo(
        "inconsistent-source",
        "warning",
        "the same English translates different Kazakh",
        "corpus",
    ),
    CheckInfo("illegal-characters", "error", "characters XML 1.0 or CAT tools reject"),
    CheckInfo("invisible-characters", "warning", "stray zero-width or bidi control characters"),
    CheckInfo("unicode-nfc", "warning", "text not in Unicode NFC (decomposed letters)"),
    CheckInfo(
        "segment-too-long",
        "error",
        "a side over max-chars characters (Trados drops segments over 2,000)",
        params={"max-chars": 2000},
    ),
    CheckInfo("duplicate-pair", "info", "the same pair appears more than once", "corpus"),
    CheckInfo("unconfirmed", "info", "a bead the aligner proposed and no translator confirmed"),
)

CHECKS: dict[str, CheckInfo] = {c.id: c for c in CATALOG}
ORDER: dict[str, int] = {c.id: i for i, c in enumerate(CATALOG)}
