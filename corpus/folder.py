"""A folder of texts: which file is which document's Kazakh, which its English.

The one home of the rule that ``kopir ingest FOLDER`` (with or without
``--with-translations``), the app's Add Kazakh dialog and ``kopir build FOLDER``
read a folder by, so that they take the same documents from it:

* ``x.txt`` and ``x.kk.txt`` are the Kazakh of the document ``x``;
* ``x.en.txt`` is the English of ``x``;
* any other ``x.<lang>.txt`` (two letters) is another language, left out;
* other files (``notes.md``, ``x.docx``) and folders inside it are not read.

Nothing is left out silently: every ``.txt`` file that gives no document, or
that is not taken as a document's English, is a :class:`LeftOut` naming the file
and why, in name order among the :class:`FolderText` entries, and the other
files and folders (hidden ones aside) follow as ``not-text``, said together in
one line (:func:`not_read_line`), and so does a ``.txt`` name that is no file (a pipe,
a device, a folder, or a link in the folder to one). Each command says them its own way (``kopir
build`` counts some as failures, ``kopir ingest`` warns).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpus.errors import CorpusError
from corpus.storage.store import doc_id_for

#: Why a file was left out (see :class:`LeftOut`).
Why = Literal[
    "link", "second", "id", "language", "english-alone", "english-link", "english-second",
    "not-text",
]  # fmt: skip

#: The reasons that leave out a document the folder was meant to give (``kopir build``
#: counts them as failures); the others leave out a file kopir does not read.
NOT_A_DOCUMENT: frozenset[Why] = frozenset({"link", "second", "id", "english-alone"})


@dataclass(frozen=True)
class FolderText:
    """A document the folder holds: its id, its Kazakh text, its English (None: none)."""

    doc_id: str
    kk: Path
    en: Path | None = None


@dataclass(frozen=True)
class LeftOut:
    """A ``.txt`` file of the folder that gives no document and is no document's English.

    ``why`` says which rule left it out: ``link`` (a Kazakh text that is a symbolic
    link out of the folder), ``english-link`` (an English one; its document is read
    without English), ``english-alone`` (English with no Kazakh beside it), ``second``
    (a second Kazakh text for an id, as ``x.txt`` beside ``x.kk.txt``), ``id`` (a name
    that makes no document id), ``language`` (another language) or ``english-second``
    (``x.EN.txt`` beside ``x.en.txt``). ``reason`` is the sentence to show, starting
    with the file's name. :data:`NOT_A_DOCUMENT` are the reasons that leave out a
    document the folder was meant to give.
    """

    path: Path
    doc_id: str  # the document it would have been, or belongs to
    why: Why
    reason: str


def name_parts(name: str) -> tuple[str, str]:
    """A text's file name as (stem, language): ``x.txt`` and ``x.kk.txt`` → (x, kk),
    ``x.en.txt`` → (x, en), ``x.RU.txt`` → (x, ru)."""
    base = name.removesuffix(".txt")
    stem, _, lang = base.rpartition(".")
    if not stem or len(lang) != 2 or not lang.isalpha():
        return base, "kk"
    return stem, lang.lower()


def kazakh_id(path: Path) -> str:
    """The document id of a Kazakh text: ``x`` for ``x.txt`` and for ``x.kk.txt``.

    A file named on the command line in another language (``x.en.txt``) is taken
    as the user asked, as Kazakh, with the id ``x.en``.
    """
    stem, lang = name_parts(path.name)
    return doc_id_for(path.with_name(f"{stem}.txt") if lang == "kk" else path)


def english_of(path: Path) -> Path:
    """Where a Kazakh text's English is: ``x.en.txt`` beside ``x.txt`` or ``x.kk.txt``."""
    stem, _ = name_parts(path.name)
    return path.with_name(f"{stem}.en.txt")


def leaves_folder(path: Path, folder: Path) -> bool:
    """Whether ``path``, found in ``folder``, is a symbolic link to somewhere outside it."""
    if not path.is_symlink():
        return False
    try:
        path.resolve(strict=True).relative_to(folder.resolve(strict=True))
    except (OSError, ValueError, RuntimeError):
        return True  # outside, dangling, or a loop
    return False


def read_folder_texts(folder: Path) -> list[FolderText | LeftOut]:
    """The folder's documents and the files left out, in name order (see the module)."""
    # A text is a file, or a link kopir will not follow (out of the folder, or nowhere);
    # a link in the folder to a pipe or a folder is no text: opening a pipe would wait
    # for ever for a writer.
    texts = sorted(p for p in folder.glob("*.txt") if p.is_file() or leaves_folder(p, folder))
    listed = set(texts)  # a set: a folder of thousands of texts is no quadratic scan
    others = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p not in listed)
    parts = {path: name_parts(path.name) for path in texts}
    kazakh_stems = {stem for stem, lang in parts.values() if lang == "kk"}
    english: dict[str, Path] = {}  # a stem's English: the first x.en.txt (x.EN.txt after it)
    for path, (stem, lang) in parts.items():
        if lang == "en":
            english.setdefault(stem, path)
    decided: dict[Path, FolderText | LeftOut] = {}
    taken: dict[str, FolderText] = {}  # by stem
    seen: dict[str, Path] = {}  # by id
    for path, (stem, lang) in parts.items():
        if lang == "kk":
            decided[path] = entry = _kazakh(path, stem, folder, english, seen)
            if isinstance(entry, FolderText):
                taken.setdefault(stem, entry)
    found: list[FolderText | LeftOut] = []
    for path, (stem, lang) in parts.items():
        if lang == "kk":
            found.append(decided[path])
        elif lang != "en":
            reason = f"another language ({lang}): kopir reads Kazakh x.txt and English x.en.txt"
            found.append(LeftOut(path, stem, "language", f"{path.name}: {reason}"))
        elif english[stem] != path:
            reason = f"a second English text for {stem} (after {english[stem].name})"
            found.append(LeftOut(path, stem, "english-second", f"{path.name}: {reason}"))
        elif stem not in taken:
            reason = (
                f"English with no Kazakh {stem}.txt beside it"
                if stem not in kazakh_stems
                else f"English of {stem}, whose Kazakh is left out"
            )
            found.append(LeftOut(path, stem, "english-alone", f"{path.name}: {reason}"))
        elif taken[stem].en is None:  # a link out of the folder
            reason = f"{path.name}: a symbolic link out of the folder: {stem} is read without it"
            found.append(LeftOut(path, taken[stem].doc_id, "english-link", reason))
    for path in others:
        kind = (
            "a folder"
            if path.is_dir()
            else "not a file (a pipe or a device, or a link to one)"
            if path.suffix == ".txt"
            else "not a .txt text"
        )
        found.append(LeftOut(path, path.stem, "not-text", f"{path.name}: {kind}, not read"))
    return found


def not_read_line(left_out: list[LeftOut]) -> str:
    """The one line naming the files of ``left_out`` that are not texts (empty if none):
    ``not read, not .txt texts: notes.md, news/``."""
    names = [e.path.name + ("/" if e.path.is_dir() else "") for e in left_out
             if e.why == "not-text"]  # fmt: skip
    if not names:
        return ""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5:,} more" if len(names) > 5 else "")
    return f"not read, not .txt texts: {shown}"


def _kazakh(
    path: Path, stem: str, folder: Path, english: dict[str, Path], seen: dict[str, Path]
) -> FolderText | LeftOut:
    """A Kazakh text's document, or why it gives none."""
    try:
        doc_id = kazakh_id(path)
    except CorpusError as exc:
        return LeftOut(path, stem, "id", f"{path.name}: {exc}")
    if leaves_folder(path, folder):
        return LeftOut(
            path, doc_id, "link", f"{path.name}: a symbolic link out of the folder, skipped"
        )
    if doc_id in seen:
        reason = f"a second Kazakh text for {doc_id} (after {seen[doc_id].name}); rename one"
        return LeftOut(path, doc_id, "second", f"{path.name}: {reason}")
    seen[doc_id] = path
    en = english.get(stem)
    return FolderText(doc_id, path, None if en is None or leaves_folder(en, folder) else en)


def source_texts(paths: list[Path]) -> list[FolderText | LeftOut]:
    """The Kazakh texts ``paths`` name, in order: a folder's by the rule above, a file
    as it is named (a link out of its folder too: the user chose it), with the English
    beside it (:func:`english_of`) whether it exists or not."""
    found: list[FolderText | LeftOut] = []
    for path in paths:
        if path.is_dir():
            found += read_folder_texts(path)
            continue
        try:
            doc_id = kazakh_id(path)
        except CorpusError:
            doc_id = path.name  # ingesting it says why it makes no id
        found.append(FolderText(doc_id, path, english_of(path)))
    return found
