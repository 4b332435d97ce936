"""Errors a user can act on.

Every error kopir raises on bad input is a :class:`KopirError` whose message is
one line naming the file and what is wrong; the command line prints it and
exits non-zero instead of showing a traceback.
"""

from __future__ import annotations


class KopirError(Exception):
    """A problem with the user's input or corpus, explained in one line."""


class InputError(KopirError):
    """Raw text that cannot be read: wrong encoding, binary data, too large."""


class CorpusError(KopirError):
    """A corpus document that is missing, unsafe or not valid kopir TEI."""
