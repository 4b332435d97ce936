"""A corpus kopir cannot write (a read-only mount, a CD) is read, searched and opened (issue 15).

Searching indexes it in the user's cache; a document opens read-only, saying
why; a command that would change it says in one line that the corpus is
read-only; and nothing in the corpus changes.

How the corpus is made read-only: this process's writes under it fail with
``EROFS``, as the kernel fails them on a read-only mount (``os.open`` for
writing, ``mkdir``, ``replace``, ``unlink``… and ``open`` in a writing
mode). A real read-only bind mount needs privileges a test run may not have;
the same commands were run on one by hand (see the commit message).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from align.opening import open_session
from corpus.storage.store import Corpus
from tests.helpers import SEEDS, checked_documents, ingest_seeds
from tests.helpers import kopir_cli as run

DOC = "001_edcedd8c637f99fa"
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_seeds(tmp_path_factory.mktemp("seeds") / "c")


def _under(root: Path, path: object) -> bool:
    try:
        return os.path.realpath(os.fspath(path)).startswith(str(root) + os.sep)  # type: ignore[arg-type]
    except TypeError:  # a file descriptor
        return False


def _refuse(path: object) -> OSError:
    return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(path))  # type: ignore[arg-type]


@pytest.fixture
def read_only(pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of the seed corpus, without a search index, that cannot be written; the cache."""
    corpus = tmp_path / "c"
    shutil.copytree(pristine, corpus, ignore=shutil.ignore_patterns("index.*"))
    root = Path(os.path.realpath(corpus))
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))

    def guard(real: Callable[..., object], writes: Callable[..., bool]) -> Callable[..., object]:
        def guarded(path: object, *args: object, **kwargs: object) -> object:
            if _under(root, path) and writes(*args, **kwargs):
                raise _refuse(path)
            return real(path, *args, **kwargs)

        return guarded

    def always(*_: object, **__: object) -> bool:
        return True

    def open_flags(flags: int, *_: object, **__: object) -> bool:
        return bool(flags & WRITING)

    def open_mode(mode: str = "r", *_: object, **__: object) -> bool:
        return any(c in mode for c in "wax+")

    monkeypatch.setattr(os, "open", guard(os.open, open_flags))
    for name in ("mkdir", "replace", "rename", "unlink", "rmdir", "link", "utime", "chmod"):
        monkeypatch.setattr(os, name, guard(getattr(os, name), always))
    monkeypatch.setattr(io, "open", guard(io.open, open_mode))
    monkeypatch.setattr(builtins, "open", guard(builtins.open, open_mode))
    return corpus, cache


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``root``: its size and modification time."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            stat = os.lstat(os.path.join(folder, name))
            found[os.path.relpath(os.path.join(folder, name), root)] = (
                stat.st_size,
                stat.st_mtime_ns,
            )
    return found


def test_a_read_only_corpus_is_searched_with_its_index_in_the_cache(
    read_only: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, cache = read_only
    before = snapshot(corpus)
    for _ in range(2):  # building the index in the cache, then finding it there
        code, out, err = run(corpus, capsys, "query", "Қазақстан", "--format", "csv")
        assert code == 0, err
        assert err == "" and out.count("\n") > 10
    assert run(corpus, capsys, "stats")[0] == 0
    assert list(cache.glob("kopir/c-*/index.sqlite"))
    assert snapshot(corpus) == before


def test_stats_of_a_read_only_corpus_keeps_its_figures_in_the_cache(
    read_only: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, cache = read_only
    before = snapshot(corpus)
    checked = checked_documents(monkeypatch)
    code, first, err = run(corpus, capsys, "stats")
    assert code == 0 and err == "" and len(checked) == 5
    assert list(cache.glob("kopir/c-*/overview.json"))
    checked.clear()
    code, again, err = run(corpus, capsys, "stats")
    assert code == 0 and err == "" and again == first and checked == []
    assert snapshot(corpus) == before


def test_a_document_of_a_read_only_corpus_opens_read_only(
    read_only: tuple[Path, Path],
) -> None:
    corpus, _ = read_only
    before = snapshot(corpus)
    session = open_session(Corpus(corpus), DOC)
    assert session.read_only
    assert "the corpus is read-only" in session.notice and "\n" not in session.notice
    session.close()
    assert snapshot(corpus) == before


@pytest.mark.parametrize(
    "command",
    [
        ["realign", DOC],
        ["align", DOC, "--en", str(SEEDS / f"{DOC}.en.txt"), "--replace"],
        ["ingest", "--replace", "CHANGED"],
        ["build", "FOLDER", "--rebuild", "--workers", "1", "-q"],
        ["realign", "--all", "--workers", "1"],
    ],
    ids=lambda c: " ".join(c[:2]) if c[1].startswith("--") else c[0],
)
def test_a_command_that_would_change_it_says_the_corpus_is_read_only(
    read_only: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: list[str],
) -> None:
    corpus, _ = read_only
    changed = tmp_path / f"{DOC}.txt"  # the seed with a sentence more: ingest has work to do
    changed.write_text((SEEDS / f"{DOC}.txt").read_text("utf-8") + "\nЖаңа сөйлем.\n", "utf-8")
    pairs = tmp_path / "pairs"  # a folder of one pair, for build
    pairs.mkdir()
    shutil.copy(changed, pairs)
    shutil.copy(SEEDS / f"{DOC}.en.txt", pairs)
    places = {"CHANGED": str(changed), "FOLDER": str(pairs)}
    command = [places.get(arg, arg) for arg in command]
    before = snapshot(corpus)
    code, _, err = run(corpus, capsys, *command)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kopir: error:"), err
    assert "the corpus is read-only" in lines[0]
    assert snapshot(corpus) == before
