"""Errors as the app says them: a core :class:`~corpus.errors.Remedy` as the control to use.

The command line says ``pass --replace``; the app has no flags, so a remedy names the
checkbox that does the same, in the dialog where the error shows.
"""

from __future__ import annotations

from corpus.errors import KopirError, Remedy

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
}


def as_control(remedy: Remedy) -> str:
    """``tick "Replace…" to discard them``."""
    control = CONTROLS.get(remedy.option, remedy.neutral())
    return control + (f" to {remedy.effect}" if remedy.effect else "")


def in_app(exc: BaseException) -> str:
    """An error's text for a notification or a dialog, remedies worded as controls."""
    return exc.worded(as_control) if isinstance(exc, KopirError) else str(exc)
