"""Hashing a file in the same pass that parses it."""

from __future__ import annotations

import hashlib
from typing import BinaryIO


class HashingReader:
    """A binary file whose reads also feed a SHA-256 digest.

    Given to ``iterparse`` in place of the file name, it lets the parse and
    ``source_sha256`` share one pass over the file. So the hash is of the
    very bytes that were parsed (a file replaced between two reads would
    otherwise be described by another file's hash), and a TMX that can be
    read only once, such as a pipe, can be imported. lxml pulls the file in
    32 KiB ``read`` calls: the wrapper costs one Python call per 32 KiB.
    """

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle
        self._digest = hashlib.sha256()
        # lxml takes the file's name from here, as it would from an open file:
        # the document's URL stays the path, as when it was given the path itself.
        self.name = getattr(handle, "name", None)

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._digest.update(data)
        return data

    def hexdigest(self) -> str:
        """The SHA-256 of the whole file: what the parser left unread is read here.

        A parse that ran to its end has read everything (the parser reads to
        the end of the file to refuse content after the root element), so
        this normally reads nothing more; it makes the hash the file's
        whatever the parser did.
        """
        while self.read(1 << 20):
            pass
        return self._digest.hexdigest()
