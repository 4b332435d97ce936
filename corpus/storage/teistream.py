"""Writing a TEI document too large to hold in memory, piece by piece.

:func:`corpus.storage.tei.to_bytes` builds the whole document as an lxml tree
and serialises it: for a translation memory of a million units that tree,
the model it is built from and the bytes it gives take several gigabytes.
A :class:`TeiSpool` takes the sentences and links of a document with one
paragraph per side as they are read (``kopir import tmx``), writes each as its
line of TEI into an unnamed temporary file (nothing is left behind by a
crash), and at the end stitches them into the frame ``to_bytes`` writes for
the same header, so the file is byte for byte what ``to_bytes`` would give
(reading it and writing it again changes nothing). Memory stays at the size
of the header: the people and changes the links point at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from corpus.model import Block, BlockKind, Document, Link, Metadata, Sentence, Side, Stamp
from corpus.storage.tei import to_bytes
from corpus.storage.teinames import CHANGE_PREFIX

#: How ``to_bytes`` indents a sentence of a one-paragraph side, and a link.
SENTENCE_INDENT = b" " * 7
LINK_INDENT = b" " * 3
_MARK = "\u2063"  # the placeholder sentence's text in the frame (an invisible separator)
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class TeiSpool:
    """The sentences and links of a document as they come; :meth:`write` makes the TEI.

    Sentences are numbered ``kk.s1``, ``kk.s2``… per side; the caller is
    expected to close it (it is a context manager).
    """

    def __init__(self, folder: Path | None = None, langs: tuple[str, str] = ("kk", "en")) -> None:
        where = str(folder) if folder is not None and folder.is_dir() else None
        self.langs = langs
        # Unnamed (O_TMPFILE where there is one): a killed import leaves nothing; see close().
        self._sides = {lang: tempfile.TemporaryFile(dir=where) for lang in langs}  # noqa: SIM115
        self._links = tempfile.TemporaryFile(dir=where)  # noqa: SIM115
        self.counts = dict.fromkeys(langs, 0)
        self.links = 0
        #: Bytes of sentences and links so far: the document is at least this long.
        self.body_bytes = 0
        self._changes: dict[Stamp, str] = {}  # in order of first use, as to_bytes numbers them

    def add_sentences(self, lang: str, texts: list[str]) -> tuple[str, ...]:
        """Add ``texts`` as the next sentences of ``lang``'s side; their ids."""
        ids = []
        handle = self._sides[lang]
        for text in texts:
            self.counts[lang] += 1
            sid = f"{lang}.s{self.counts[lang]}"
            line = (
                SENTENCE_INDENT
                + f'<s xml:id="{sid}">{text.translate(_TEXT_ESCAPES)}</s>\n'.encode()
            )
            handle.write(line)
            self.body_bytes += len(line)
            ids.append(sid)
        return tuple(ids)

    def add_link(self, link: Link) -> None:
        """Add the next link (its sentences must have been added)."""
        kk_lang, en_lang = self.langs
        target = " ".join("#" + i for i in (link.kk or (kk_lang,)) + (link.en or (en_lang,)))
        line = f'<link type="{len(link.kk)}-{len(link.en)}" subtype="{link.status}" '
        line += f'target="{target}"'
        if link.score is not None:
            line += f' cert="{link.score:.4f}"'
        stamps = tuple(s for s in (link.created, link.changed) if s is not None)
        if len(stamps) == 2 and stamps[0] == stamps[1]:
            stamps = stamps[:1]
        if stamps:
            for stamp in stamps:
                self._changes.setdefault(stamp, f"{CHANGE_PREFIX}{len(self._changes) + 1}")
            line += ' change="' + " ".join(f"#{self._changes[s]}" for s in stamps) + '"'
        data = LINK_INDENT + (line + "/>\n").encode("utf-8")
        self._links.write(data)
        self.body_bytes += len(data)
        self.links += 1

    def write(self, out: BinaryIO, doc_id: str, meta: Metadata) -> None:
        """Write the whole TEI document to ``out``."""
        for piece in self._pieces(doc_id, meta):
            if isinstance(piece, bytes):
                out.write(piece)
            else:
                _copy(piece, out)

    def size(self, doc_id: str, meta: Metadata) -> int:
        """How many bytes :meth:`write` would write, found without writing them."""
        total = 0
        for piece in self._pieces(doc_id, meta):
            if isinstance(piece, bytes):
                total += len(piece)
            else:
                piece.flush()
                total += os.fstat(piece.fileno()).st_size
        return total

    def _pieces(self, doc_id: str, meta: Metadata) -> Iterator[bytes | BinaryIO]:
        """The document in order: pieces of the frame, and the spools that go between them."""
        frame = self._frame(doc_id, meta)
        pos = 0
        for lang in self.langs:
            if not self.counts[lang]:
                continue
            mark = f'<s xml:id="{lang}.s1">{_MARK}</s>\n'.encode()
            at = frame.index(mark, pos)
            start = frame.rindex(b"\n", 0, at) + 1
            if frame[start:at] != SENTENCE_INDENT:
                raise AssertionError("the TEI writer's layout changed: update teistream")
            yield frame[pos:start]
            yield self._sides[lang]
            pos = at + len(mark)
        first = frame.index(b'<link type="text"', pos)
        after_text_link = frame.index(b"\n", first) + 1
        end = frame.rindex(b"\n", 0, frame.index(b"</linkGrp>", after_text_link)) + 1
        yield frame[pos:after_text_link]
        yield self._links
        yield frame[end:]

    def _frame(self, doc_id: str, meta: Metadata) -> bytes:
        """``to_bytes`` of the document with one placeholder sentence per side.

        Its links are one placeholder per change the real links point at, in
        the same order, so the header lists the same people and changes with
        the same ids; they are cut out with the placeholder sentences.
        """
        sides = []
        for lang in self.langs:
            blocks = []
            if self.counts[lang]:
                blocks = [Block(BlockKind.P, [Sentence.plain(f"{lang}.s1", _MARK)])]
            sides.append(Side(lang, blocks))
        kk, en = (f"{lang}.s1" if self.counts[lang] else None for lang in self.langs)
        ids = (kk,) if kk else (), (en,) if en else ()
        links = [Link(*ids, created=stamp) for stamp in self._changes]
        return to_bytes(Document(doc_id, meta, sides[0], sides[1], links))

    def close(self) -> None:
        for handle in (*self._sides.values(), self._links):
            handle.close()

    def __enter__(self) -> TeiSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _copy(spool: BinaryIO, out: BinaryIO) -> None:
    spool.flush()
    spool.seek(0, os.SEEK_SET)
    shutil.copyfileobj(spool, out, 1 << 20)
