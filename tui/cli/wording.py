"""Errors and warnings as the command line says them: a core
:class:`~corpus.errors.Remedy` as its flag."""

from __future__ import annotations

from corpus.errors import Remedy, worded

#: The flag for each option the core names in a remedy.
FLAGS = {
    "replace": "--replace",
    "force": "--force",
    "include_unconfirmed": "--include-unconfirmed",
    "include_empty": "--include-empty",
    "encoding": "--encoding",
    "doc_id": "--id",
    "unrelated_ok": "--even-if-unrelated",
    "regex": "--regex",
    "subcorpus": "--doc, --since, --until or --status",
    "fix_homoglyphs": "--fix-homoglyphs",
    "words": "words, --kk or --en",
    "save": "--save NAME",
}


def as_flag(remedy: Remedy) -> str:
    """``pass --replace to discard them``."""
    flag = FLAGS.get(remedy.option, "--" + remedy.option.replace("_", "-"))
    given = f" {remedy.value}" if remedy.value else ""
    return f"pass {flag}{given}" + (f" to {remedy.effect}" if remedy.effect else "")


def cli_message(said: BaseException | str) -> str:
    """An error's one line for ``kopir: error:`` or a warning's for ``kopir: warning:``,
    remedies worded as flags."""
    return worded(said, as_flag)
