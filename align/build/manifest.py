"""The build manifest: which document pairs a crawl produced, one line each.

Two forms, told apart by the first character that is not white space (``{``
is JSON Lines, anything else tab-separated):

* TSV: ``KAZAKH_FILE<TAB>ENGLISH_FILE<TAB>ID[<TAB>DATE[<TAB>URL]]``, the English
  file empty or ``-`` when there is none; ``#`` starts a comment line, and a
  first line naming the columns (``kk``…) is a header;
* JSONL: ``{"kk": …, "en": …, "id": …, "date": …, "url": …}`` (``en``, ``date``
  and ``url`` may be left out or null).

Relative file names are taken from the manifest's folder, so a crawl's
manifest can sit beside its files. A line that cannot be understood does not
stop the build: it becomes a :class:`Problem`, reported with the failures.

A folder needs no manifest (:func:`read_folder`): its pairs are the documents
``kopir ingest --with-translations`` takes from it, by the one rule of
:mod:`corpus.folder`: ``x.txt`` (or ``x.kk.txt``) and its English ``x.en.txt``, the
id ``x``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from corpus.errors import CorpusError, InputError
from corpus.folder import NOT_A_DOCUMENT, FolderText, LeftOut, not_read_line, read_folder_texts
from corpus.storage.store import check_doc_id

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
MAX_URL = 2000


@dataclass(frozen=True)
class Pair:
    """One document to build: a Kazakh text, its English (if any) and what the crawl knew."""

    doc_id: str
    kk: Path
    en: Path | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    line: int = 0  # where the manifest names it


@dataclass(frozen=True)
class Problem:
    """A manifest line that names no buildable pair (a failure of the build)."""

    line: int
    doc_id: str  # the id it gives, or ``line N`` when it gives none
    reason: str


def read_manifest(path: Path) -> Iterator[Pair | Problem]:
    """The manifest's pairs in order, a :class:`Problem` for each line that is wrong.

    An id given twice is a problem at its second line; a manifest that cannot
    be read at all is a :class:`CorpusError`.
    """
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read the manifest: {exc.strerror or exc}") from None
    text = text.removeprefix("\ufeff")
    parse = _jsonl_fields if text.lstrip().startswith("{") else _tsv_fields
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            fields = parse(line, number)
            if fields is None:
                continue
            pair = _pair(fields, path.parent, number)
        except ValueError as exc:
            name = _id_guess(line, parse, number)
            where = "" if name == _unnamed(number) else f"line {number}: "  # said once
            yield Problem(number, name, f"{where}{exc}")
            continue
        if pair.doc_id in seen:
            yield Problem(
                number, pair.doc_id, f"line {number}: id given already on line {seen[pair.doc_id]}"
            )
            continue
        seen[pair.doc_id] = number
        yield pair


def read_folder(folder: Path, notes: list[str] | None = None) -> Iterator[Pair | Problem]:
    """The pairs of a folder of texts, in name order, read by the rule ``kopir ingest``
    reads a folder by (:func:`corpus.folder.read_folder_texts`): each Kazakh ``x.txt``
    or ``x.kk.txt`` with ``x.en.txt`` beside it as its English, the document id ``x``.

    A file left out that was meant to give a document (an English file with no Kazakh
    beside it, two Kazakh files for one id, a symbolic link out of the folder) is a
    :class:`Problem`, reported with the failures as a manifest's bad line is; the other
    files left out (another language, an English link out of the folder; the files that
    are not texts, in one line) are said in ``notes``.
    """
    entries = read_folder_texts(folder)
    for entry in entries:
        if isinstance(entry, FolderText):
            yield Pair(entry.doc_id, entry.kk, entry.en)
        elif entry.why in NOT_A_DOCUMENT:
            yield Problem(0, entry.doc_id, entry.reason)
        elif notes is not None and entry.why != "not-text":
            notes.append(entry.reason)
    others = not_read_line([e for e in entries if isinstance(e, LeftOut)])
    if notes is not None and others:
        notes.append(others)


Fields = dict[str, str | None]


def _tsv_fields(line: str, number: int) -> Fields | None:
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) >= 3 and [c.strip().lower() for c in cells[:3]] == ["kk", "en", "id"]:
        return None  # a header naming the columns
    if not 3 <= len(cells) <= 5:
        raise ValueError(f"{len(cells)} tab-separated fields, expected 3 to 5 (kk, en, id, …)")
    cells += [""] * (5 - len(cells))
    names = ("kk", "en", "id", "date", "url")
    return {k: (c.strip() or None) for k, c in zip(names, cells, strict=True)}


def _jsonl_fields(line: str, number: int) -> Fields:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    unknown = sorted(set(record) - {"kk", "en", "id", "date", "url"})
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (known: kk, en, id, date, url)")
    fields: Fields = {}
    for key in ("kk", "en", "id", "date", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{key!r} is not a string")
        fields[key] = (value.strip() or None) if isinstance(value, str) else None
    return fields


def _pair(fields: Fields, folder: Path, number: int) -> Pair:
    doc_id, kk, en = fields["id"], fields["kk"], fields["en"]
    if not doc_id:
        raise ValueError("no document id")
    try:
        check_doc_id(doc_id)
    except CorpusError as exc:
        raise ValueError(str(exc)) from None
    if not kk:
        raise ValueError("no Kazakh file")
    english = None if en in (None, "-") else folder / en
    return Pair(doc_id, folder / kk, english, _date(fields["date"]), _url(fields["url"]), number)


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise ValueError(f"date {value!r} is not YYYY-MM-DD")


def _url(value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_URL or not _URL.match(value) or not value.isprintable():
        raise ValueError(f"source URL {value[:60]!r} is not a URL (scheme://…, no spaces)")
    return value


def _id_guess(line: str, parse: object, number: int) -> str:
    """The id a bad line seems to give, to name it in the report; else ``line N``."""
    if parse is _tsv_fields:
        cells = line.split("\t")
        guess = cells[2].strip() if len(cells) > 2 else ""
    else:
        try:
            record = json.loads(line)
            guess = record.get("id") if isinstance(record, dict) else ""
        except json.JSONDecodeError:
            guess = ""
    return guess if isinstance(guess, str) and guess and guess.isprintable() else _unnamed(number)


def _unnamed(number: int) -> str:
    """What names a line that gives no id: the report's id column and the error say it."""
    return f"line {number}"
