"""Errors a user can act on.

Every error kopir raises on bad input is a :class:`KopirError` whose message is
one line naming the file and what is wrong; the command line prints it and
exits non-zero instead of showing a traceback.

What would get past an error is said in neutral words, as :class:`Remedy` values
(the ``replace`` option, the ``force`` option…), never as a command-line flag:
the command line words a remedy as its flag (``pass --replace to …``), the app as
its checkbox (``tick "Replace the English…" to …``). ``str(error)`` gives the
neutral wording, for logs and scripts. A warning that a remedy would change is a
:class:`Notice`, worded the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Remedy:
    """An option that would get past an error, and what using it does.

    ``option`` is one of the core's option names (``replace``, ``force``,
    ``include_unconfirmed``, ``include_empty``, ``encoding``, ``doc_id``,
    ``fix_homoglyphs``, ``words``…);
    ``effect`` finishes "… to": ``"discard that work"``; ``value`` is a value
    to give the option, if one is known (``cp1252`` for ``encoding``).
    """

    option: str
    effect: str = ""
    value: str = ""

    def neutral(self) -> str:
        """The remedy in words of no front end: ``the replace option discards that work``."""
        name = self.option.replace("_", " ")
        given = f" {self.value}" if self.value else ""
        return f"the {name} option{given}" + (f" ({self.effect})" if self.effect else "")


class KopirError(Exception):
    """A problem with the user's input or corpus, explained in one line.

    ``remedies`` are the options that would get past it (see :class:`Remedy`).
    """

    def __init__(self, message: str = "", *remedies: Remedy) -> None:
        super().__init__(message)
        self.message = message
        self.remedies = remedies

    def __str__(self) -> str:
        return self.worded(Remedy.neutral)

    def worded(self, say: Callable[[Remedy], str]) -> str:
        """The message with its remedies said by ``say`` (a front end's wording)."""
        return _worded(self.message, self.remedies, say)


class Notice(str):
    """A warning with the options that would change what it reports (:class:`Remedy`),
    as an error has them: a guessed code page (the ``encoding`` option), words
    mixing scripts left as they are (``fix_homoglyphs``).

    It is the warning's text with its remedies in neutral words, so it goes
    wherever a warning goes (a list of warnings, a build report) as the line it
    is; a front end words the remedies its own way with :meth:`worded`.
    """

    message: str
    remedies: tuple[Remedy, ...]

    def __new__(cls, message: str, *remedies: Remedy) -> Notice:
        notice = super().__new__(cls, _worded(message, remedies, Remedy.neutral))
        notice.message, notice.remedies = message, remedies
        return notice

    def worded(self, say: Callable[[Remedy], str]) -> str:
        """The warning with its remedies said by ``say`` (a front end's wording)."""
        return _worded(self.message, self.remedies, say)


def worded(said: BaseException | str, say: Callable[[Remedy], str]) -> str:
    """An error's or a warning's text with its remedies said by ``say`` (a front end's
    wording); anything else as ``str`` gives it. The command line and the app each call
    this with their own ``say``."""
    return said.worded(say) if isinstance(said, KopirError | Notice) else str(said)


def _worded(message: str, remedies: tuple[Remedy, ...], say: Callable[[Remedy], str]) -> str:
    if not remedies:
        return message
    return f"{message}; " + ", or ".join(say(r) for r in remedies)


class InputError(KopirError):
    """Raw text that cannot be read: wrong encoding, binary data, too large."""


class CorpusError(KopirError):
    """A corpus document that is missing, unsafe or not valid kopir TEI."""
