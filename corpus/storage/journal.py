"""The session journal: a write-ahead log so that a crash loses no work.

Saving a whole TEI document after every keystroke would be slow for long
documents, and a background save can be cut short by ``kill -9``. So an
editing session first appends each change to a journal, one JSON line per
change, and saves the TEI file in the background. The journal lives in
``<corpus>/.kopir/journal/``:

* ``<doc>.base.xml`` — the document as it was when the session started;
* ``<doc>.log`` — every change since then, in order: alignment operations
  (``align.edit`` records), text edits, undo and redo, and the translator's
  unfinished typing (drafts).

Replaying the log on the base gives the session's last state exactly, undo
history included, whatever the TEI file on disk holds. Finding a log when a
document is opened means the last session did not end cleanly, and it is
replayed (see ``align.opening.open_session``).

A clean close (:meth:`Journal.keep`) keeps the session's changes as the
document's *undo history*, under other names (``<doc>.history.base.xml``,
``<doc>.history.log``, the log without drafts, ending with the SHA-256 of the
TEI file as the session left it), so that undo reaches back into earlier
sessions as it does after a crash. It is never a second source of truth: the
next session takes it (:meth:`Journal.take_history`) only while the TEI file
still has those bytes, and the opener checks that replaying it gives exactly
that file; a document changed since (``kopir realign``, ``ingest --replace``)
drops it. Commands see no journal to recover. A close that keeps no history of
its changes (over :data:`HISTORY_LIMIT`, or the disk full) says why, and leaves
``<doc>.history.note`` for the next opening to say it, unless the editor did.

A line is appended with one ``write`` to a file opened in append mode, so a
change is in the operating system's hands before the editor shows it: a
killed process loses at most the change in flight. Changes to the alignment
and text are also ``fsync``-ed against power loss; drafts, written at every
keystroke, are not.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorpusError
from corpus.storage.atomic import atomic_write, sync_dir
from corpus.storage.nofollow import check_no_links, open_state, read_state
from corpus.storage.store import STATE_DIR, check_doc_id
from corpus.wording import plural

JOURNAL_DIR = Path(STATE_DIR) / "journal"
#: Entries that change the document (the rest are drafts and markers).
CHANGES = frozenset({"op", "texts", "fill", "undo", "redo"})
#: The marker a session closed while the translator was typing leaves: the TEI
#: file holds every change before it, and the journal is kept for the typing.
CLOSED = "closed"
#: The marker that ends kept undo history: the TEI file's SHA-256 when the session closed.
KEPT = "kept"
#: Undo history larger than this is not kept (replaying it would slow opening down).
HISTORY_LIMIT = 4 * 1024 * 1024
#: A note of why a close kept no history is one line; a larger file is not kopir's.
NOTE_LIMIT = 4096


@dataclass(frozen=True)
class Draft:
    """Text a translator was typing into one side of a bead and had not yet applied."""

    bead: int
    lang: str
    text: str


class Journal:
    """The journal of one document's editing session."""

    def __init__(self, corpus_root: Path, doc_id: str) -> None:
        folder = corpus_root / JOURNAL_DIR
        name = check_doc_id(doc_id)
        self.root = corpus_root
        self.base_path = folder / f"{name}.base.xml"
        self.log_path = folder / f"{name}.log"
        self.history_base = folder / f"{name}.history.base.xml"
        self.history_log = folder / f"{name}.history.log"
        self.history_note = folder / f"{name}.history.note"
        self._fd: int | None = None
        self._valid = 0  # bytes of the log that read() could use
        #: Why :meth:`take_history` dropped a kept undo history ("" when it did not).
        self.dropped = ""
        #: Why :meth:`keep` kept no undo history of the session's changes ("" when it did).
        self.not_kept = ""

    # ------------------------------------------------------------ writing

    def start(self, base: bytes, source: Path | None = None) -> None:
        """Begin a new journal on ``base`` (the document's TEI bytes as the session opens).

        ``source``, the document's file holding exactly those bytes, is
        hard-linked instead of copied where the file system allows: saves
        replace the document's file (``os.replace``), never rewrite it, so the
        link keeps the old bytes, and a long document opens without writing
        megabytes.
        """
        check_no_links(self.log_path, self.root)  # never truncate a file a link points at
        check_no_links(self.base_path, self.root)
        try:
            self.base_path.parent.mkdir(parents=True, exist_ok=True)
            check_no_links(self.log_path, self.root)  # the folders, as they are now
            if not (source is not None and self._link(source)):
                atomic_write(self.base_path, base)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND
            fd = open_state(self.log_path, self.root, flags)
        except OSError as exc:
            raise CorpusError(f"{self.log_path}: cannot start journal: {exc.strerror}") from None
        self._fd = fd
        os.fsync(fd)
        sync_dir(self.log_path.parent)  # the new log's (and base's) names survive a power loss

    def _link(self, source: Path) -> bool:
        with contextlib.suppress(FileNotFoundError):
            self.base_path.unlink()
        try:
            os.link(source, self.base_path)
        except OSError:
            return False
        return True

    def append(self, entry: dict, *, durable: bool = True) -> None:
        """Append one change; ``durable`` also syncs it to the disk."""
        if self._fd is None:
            raise CorpusError(f"{self.log_path}: the journal is not open")
        line = _line(entry)
        try:
            written = os.write(self._fd, line)
            if written != len(line):
                raise OSError(0, "short write")
            if durable:
                os.fsync(self._fd)
        except OSError as exc:
            raise CorpusError(
                f"{self.log_path}: cannot record the change: {exc.strerror or exc}"
            ) from None

    def finish(self) -> None:
        """End the session cleanly: the TEI file holds everything, the journal goes."""
        self._close_fd()
        with contextlib.suppress(FileNotFoundError):
            self.log_path.unlink()
        with contextlib.suppress(FileNotFoundError):
            self.base_path.unlink()

    def keep(self, saved: bytes) -> bool:
        """End the session cleanly, keeping its changes as the document's undo history
        (see the module notes); ``saved`` is the TEI file as the session leaves it.

        Whatever cannot be kept (an unreadable log, no change, too much) leaves no
        history. The old history goes first, so that a crash in between leaves at
        worst a history that does not replay to the file, which is never used.
        Changes that are not kept (too many, or the disk refused them) are not lost
        without a word: :attr:`not_kept` says why, for the editor to say on closing,
        and a note says it to the next opening (:meth:`take_history`) unless the
        editor did (:meth:`forget_note`).
        """
        self.not_kept = ""
        try:
            _base, entries = self.read()
        except CorpusError:
            entries = []
        changes = [e for e in entries if e.get("t") in CHANGES]
        data = b"".join(_line(e) for e in [*changes, _kept_marker(saved)])
        self._close_fd()
        self.drop_history()
        if not changes:
            self.finish()
            return False
        if len(data) > HISTORY_LIMIT:
            size = f"{plural(len(changes), 'change')}, {len(data) / 2**20:.1f} MB"
            return self._not_kept(
                f"larger than the {HISTORY_LIMIT / 2**20:g} MB kopir keeps ({size})"
            )
        try:
            check_no_links(self.history_log, self.root)
            atomic_write(self.history_log, data)
            os.replace(self.base_path, self.history_base)
        except OSError as exc:
            self.drop_history()
            return self._not_kept(f"it could not be written: {exc.strerror or exc}")
        self.finish()
        sync_dir(self.history_log.parent)
        return True

    def _not_kept(self, why: str) -> bool:
        """End the session with no history, recording ``why`` in :attr:`not_kept` and in a
        note for the next opening (if even that small file can be written)."""
        self.finish()
        self.not_kept = why
        with contextlib.suppress(OSError):
            check_no_links(self.history_note, self.root)
            atomic_write(self.history_note, f"the last close could not keep it: {why}".encode())
        return False

    def forget_note(self) -> None:
        """Remove the note :meth:`keep` left for the next opening: the translator was told."""
        with contextlib.suppress(FileNotFoundError):
            self.history_note.unlink()

    def _take_note(self) -> str:
        """The note :meth:`keep` left, one line, removed ("" when there is none)."""
        try:
            check_no_links(self.history_note, self.root)
            if self.history_note.stat().st_size > NOTE_LIMIT:
                raise ValueError("not a note kopir writes")
            note = read_state(self.history_note, self.root).decode().strip()
        except FileNotFoundError:
            return ""
        except (OSError, ValueError, CorpusError):
            note = "the last close could not keep it"
        self.forget_note()
        return " ".join(note.split())

    def take_history(self, saved: bytes) -> tuple[bytes, list[dict]] | None:
        """The undo history a clean close kept, if the TEI file still is ``saved`` as it
        left it: its base and changes, moved back to be this session's journal (append
        with :meth:`resume`). None, and the history gone, otherwise; :attr:`dropped` says
        why, so that the translator is told why undo does not reach back as it did (also
        when the close kept none: see :meth:`keep`). (Half a history, what a crash in
        :meth:`keep` leaves, goes without a word.)"""
        self.dropped = self._take_note()
        if not (self.history_base.is_file() and self.history_log.is_file()):
            self.drop_history()
            return None
        try:
            check_no_links(self.history_log, self.root)
            check_no_links(self.history_base, self.root)
            if self.history_log.stat().st_size > HISTORY_LIMIT:
                # No close writes one this big: damaged or not kopir's. Not read into memory.
                return self._drop(f"{self.history_log.name} is larger than kopir writes one")
            raw = read_state(self.history_log, self.root)
            last = json.loads(raw.rstrip(b"\n").rsplit(b"\n", 1)[-1])
        except (OSError, ValueError, CorpusError):
            return self._drop(f"{self.history_log.name} is damaged or unreadable")
        if last != _kept_marker(saved):
            return self._drop("the document changed since (kopir realign, ingest --replace…)")
        try:
            os.replace(self.history_base, self.base_path)
            os.replace(self.history_log, self.log_path)
            sync_dir(self.log_path.parent)
            return self.read()
        except (OSError, CorpusError):
            self.finish()
            self.dropped = f"{self.log_path.name} could not be read back"
            return None

    def _drop(self, why: str) -> None:
        """Remove the kept undo history, recording ``why`` in :attr:`dropped`."""
        self.drop_history()
        self.dropped = why

    def drop_history(self) -> None:
        """Remove the document's kept undo history (or the note of why there is none), if any."""
        for path in (self.history_log, self.history_base, self.history_note):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def abandon(self) -> None:
        """Stop writing but leave the files (for tests that simulate a crash)."""
        self._close_fd()

    def _close_fd(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    # ------------------------------------------------------------ reading

    @property
    def pending(self) -> bool:
        """Whether an earlier session left changes that may not be in the TEI file."""
        return self.log_path.is_file() and self.base_path.is_file()

    def read(self) -> tuple[bytes, list[dict]]:
        """The base document and the recorded changes.

        A last line without its newline was cut short by a crash and is
        dropped (it is the change in flight); any other unreadable line is an
        error, since replaying around it would rebuild the wrong state.
        """
        try:
            base = read_state(self.base_path, self.root)
            raw = read_state(self.log_path, self.root)
        except OSError as exc:
            raise CorpusError(f"{self.log_path}: cannot read journal: {exc.strerror}") from None
        lines = raw.split(b"\n")
        entries = []
        self._valid = 0
        for number, line in enumerate(lines, 1):
            if number == len(lines):
                break  # after the last newline: empty, or a line cut short by a crash
            self._valid += len(line) + 1
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict):
                    raise ValueError("not an object")
            except ValueError:
                raise CorpusError(f"{self.log_path}:{number}: unreadable journal line") from None
            entries.append(entry)
        return base, entries

    def resume(self) -> None:
        """Go on appending to a journal just :meth:`read`, dropping a line cut short."""
        try:
            fd = open_state(self.log_path, self.root, os.O_WRONLY | os.O_APPEND)
            os.ftruncate(fd, self._valid)
        except OSError as exc:
            raise CorpusError(f"{self.log_path}: cannot resume journal: {exc.strerror}") from None
        self._fd = fd

    def typing_only(self) -> bool:
        """Whether all the journal holds beyond the TEI file is unapplied typing.

        That is a session closed (Ctrl+Q, the terminal closing) while the
        translator was typing: its last :data:`CLOSED` marker follows every
        change. Read errors count as more than typing.
        """
        try:
            _, entries = self.read()
        except CorpusError:
            return False
        kinds = [e.get("t") for e in entries]
        if CLOSED not in kinds:
            return False
        last = len(kinds) - 1 - kinds[::-1].index(CLOSED)
        return not any(kind in CHANGES for kind in kinds[last + 1 :])

    def set_aside(self) -> Path:
        """Move an unusable journal out of the way (kept for a human to look at)."""
        target = self.log_path.with_suffix(".log.unrecovered")
        os.replace(self.log_path, target)
        sync_dir(target.parent)
        return target


def since_kept(entries: list[dict]) -> list[dict]:
    """The entries after the last :data:`KEPT` marker: what the session that wrote them did
    itself. Earlier ones are undo history taken back from sessions that closed cleanly (the
    TEI file has held them since), so a crash did not put them at risk."""
    kinds = [entry.get("t") for entry in entries]
    if KEPT not in kinds:
        return entries
    return entries[len(kinds) - kinds[::-1].index(KEPT) :]


def _kept_marker(saved: bytes) -> dict:
    """The entry that ends kept undo history: it names the TEI file the history replays to,
    so :meth:`Journal.keep` writes and :meth:`Journal.take_history` checks the same one."""
    return {"t": KEPT, "sha256": hashlib.sha256(saved).hexdigest()}


def _line(entry: dict) -> bytes:
    """One journal line."""
    return (json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
