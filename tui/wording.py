"""Errors and warnings as the app says them: a core :class:`~corpus.errors.Remedy` as the
control to use.

The command line says ``pass --replace``; the app has no flags, so a remedy names the
checkbox that does the same, in the dialog where the error shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from corpus.errors import Remedy, worded

#: The Add Kazakh dialog's box that repairs words mixing Latin and Cyrillic letters.
REPAIR_LABEL = "Repair words mixing Latin and Cyrillic letters"
#: The Merge TMX dialog's box that adds units whose Kazakh the document lacks.
ADD_UNMATCHED_LABEL = "Add units whose Kazakh the document lacks as new beads"
#: What to do in the app for each option the core names in a remedy.
CONTROLS = {
    "replace": 'tick "Replace…"',
    "force": 'tick "Export despite errors"',
    "include_unconfirmed": 'tick "Include unconfirmed beads"',
    "include_empty": 'tick "Include beads with an empty side"',
    "encoding": "save the file as UTF-8 and add it again",
    "doc_id": "import it under another id (kopir import tmx --id)",
    "unrelated_ok": "answer yes when asked whether to import anyway",
    "regex": 'tick "regex"',
    "subcorpus": "give documents, dates (since, until) or a status in the form (F2 shows them)",
    "fix_homoglyphs": f'tick "{REPAIR_LABEL}" and add it again',
    "words": "type words in the Kazakh or English field",
    "save": "press Ctrl+S on the Query screen",
    "add_unmatched": f'tick "{ADD_UNMATCHED_LABEL}" and merge again',
}


def merge_controls(doc_id: str) -> dict[str, str]:
    """The Merge TMX dialog's remedies: it has no box to replace the document with the
    TMX as it is, which the command line does."""
    return {"replace": f"run 'kopir import tmx --replace --id {doc_id} FILE'"}


def as_control(remedy: Remedy, controls: Mapping[str, str] = CONTROLS) -> str:
    """``tick "Replace…" to discard them``."""
    control = controls.get(remedy.option, remedy.neutral())
    return control + (f" to {remedy.effect}" if remedy.effect else "")


def in_app(said: BaseException | str, controls: Mapping[str, str] | None = None) -> str:
    """An error's or a warning's text for a notification or a dialog, remedies worded as
    controls (``controls``: a dialog's own, in place of the usual ones)."""
    table = {**CONTROLS, **(controls or {})}
    return worded(said, lambda remedy: as_control(remedy, table))
