"""Errors and warnings as the app says them: a core :class:`~corpus.errors.Remedy` as the
control to use.

The command line says ``pass --replace``; the app has no flags, so a remedy names the
checkbox that does the same, in the dialog where the error shows.
"""

from __future__ import annotations

from corpus.errors import Remedy, worded

#: The Add Kazakh dialog's box that repairs words mixing Latin and Cyrillic letters.
REPAIR_LABEL = "Repair words mixing Latin and Cyrillic letters"
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
}


def as_control(remedy: Remedy) -> str:
    """``tick "Replace…" to discard them``."""
    control = CONTROLS.get(remedy.option, remedy.neutral())
    return control + (f" to {remedy.effect}" if remedy.effect else "")


def in_app(said: BaseException | str) -> str:
    """An error's or a warning's text for a notification or a dialog, remedies worded as
    controls."""
    return worded(said, as_control)
