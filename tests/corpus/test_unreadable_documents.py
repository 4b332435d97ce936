"""One unreadable document does not stop the work on the others (issue 15).

A document can become unreadable in a corpus that is copied and shared: its
permissions lost (``000``), its TEI cut short (broken XML), or a folder named
like a document. ``kopir check``, ``kopir export``, ``kopir stats``, ``kopir
ls``, the documents screen (:class:`align.overview.CorpusOverview`) and the
quality panel (:meth:`align.session.Session.check`) each say so in one line
and carry on with the rest; the commands exit 1 at the end.

As root a file with permissions ``000`` is still readable, so that kind of
damage is made by ``chmod 000`` and, as well, by having opening that one file
fail with ``EACCES`` in this process (what the kernel does for anyone else).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from align.overview import CorpusOverview
from align.session import Session
from corpus.storage.store import Corpus
from tests.helpers import ingest_seeds
from tests.helpers import kopir_cli as run

BROKEN = "001_edcedd8c637f99fa"  # an aligned seed
FOLDER = "009_folder_named_like_a_document"
OTHER = "002_417f7ec88ad58ae1"
DAMAGE = ["permissions", "broken XML", "a folder"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_seeds(tmp_path_factory.mktemp("seeds") / "c")


@pytest.fixture(params=DAMAGE)
def damaged(
    request: pytest.FixtureRequest, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, str]]:
    """A copy of the seed corpus with one unreadable document, and that document's id."""
    corpus = tmp_path / "c"
    shutil.copytree(pristine, corpus)
    kind = request.param
    if kind == "a folder":
        (corpus / f"{FOLDER}.xml").mkdir()
        yield corpus, FOLDER
        return
    path = corpus / f"{BROKEN}.xml"
    if kind == "broken XML":
        path.write_bytes(path.read_bytes()[:3000])
        yield corpus, BROKEN
        return
    path.chmod(0)
    opening = Path.open

    def refusing(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return opening(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refusing)
    yield corpus, BROKEN
    path.chmod(0o644)


def readable(corpus: Path, bad: str) -> list[str]:
    return [doc for doc in Corpus(corpus).ids() if doc != bad]


def one_line_about(err: str, doc: str) -> bool:
    lines = err.splitlines()
    return len(lines) == 1 and doc in lines[0] and lines[0].startswith("kopir: ")


def test_check_reports_the_unreadable_document_and_checks_the_others(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, bad = damaged
    others = readable(corpus, bad)
    _, alone, _ = run(corpus, capsys, "check", "--min-severity", "info", *others)
    code, out, err = run(corpus, capsys, "check", "--min-severity", "info")
    assert code == 1
    assert one_line_about(err, bad), err
    # The same findings as checking the readable documents alone; the summary says what was left.
    assert out.splitlines()[:-1] == alone.splitlines()[:-1]
    assert f"{len(others)} documents checked" in out.splitlines()[-1]
    assert "1 unreadable" in out.splitlines()[-1]


def test_check_json_names_the_unreadable_document(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    corpus, bad = damaged
    code, out, _ = run(corpus, capsys, "check", "--format", "json")
    assert code == 1
    found = json.loads(out)
    assert list(found["unreadable"]) == [bad]
    assert bad not in found["documents"] and found["documents"] == readable(corpus, bad)


def test_check_cat_reports_the_unreadable_document_and_goes_on(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, bad = damaged
    _, alone, _ = run(corpus, capsys, "check", "--cat", *readable(corpus, bad))
    code, out, err = run(corpus, capsys, "check", "--cat")
    assert code == 1
    assert one_line_about(err, bad), err
    assert out == alone


def _units(out: str) -> int:
    found = re.search(r"wrote ([\d,]+) units", out)
    assert found, out
    return int(found.group(1).replace(",", ""))


@pytest.mark.parametrize("fmt", ["tmx", "tsv"])
def test_export_leaves_out_the_unreadable_document_and_writes_the_others(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    corpus, bad = damaged
    alone, whole = tmp_path / f"alone.{fmt}", tmp_path / f"whole.{fmt}"
    others = readable(corpus, bad)
    options = ["--include-unconfirmed"]
    assert run(corpus, capsys, "export", fmt, *options, "-o", str(alone), *others)[0] == 0
    code, out, err = run(corpus, capsys, "export", fmt, *options, "-o", str(whole))
    assert code == 1
    assert one_line_about(err, bad), err
    assert _units(out) > 0
    if fmt == "tsv":  # no dates in it: the very same file
        assert whole.read_bytes() == alone.read_bytes()
    else:
        assert whole.read_bytes().count(b"</tu>") == alone.read_bytes().count(b"</tu>") > 0


def test_stats_and_ls_count_the_others(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, bad = damaged
    for command in (["stats"], ["ls"]):
        code, out, err = run(corpus, capsys, *command)
        assert code == 1, command
        assert one_line_about(err, bad), (command, err)
        assert all(doc in out for doc in readable(corpus, bad)), command


def test_the_documents_screen_lists_the_others(damaged: tuple[Path, str]) -> None:
    corpus, bad = damaged
    overview = CorpusOverview(Corpus(corpus)).refresh()
    assert list(overview.summaries) == readable(corpus, bad)
    assert len(overview.errors) == 1 and bad in overview.errors[0]
    assert "\n" not in overview.errors[0]
    assert OTHER in overview.quality


def test_the_quality_panel_of_another_document_runs(damaged: tuple[Path, str]) -> None:
    corpus, bad = damaged
    store = Corpus(corpus)
    session = Session(store, store.load(OTHER), autosave=False)
    findings = session.check()
    assert (
        findings
        == Session(Corpus(_without(corpus, bad)), store.load(OTHER), autosave=False).check()
    )
    assert list(session.unreadable) == [bad] and "\n" not in session.unreadable[bad]


def _without(corpus: Path, bad: str) -> Path:
    """A copy of ``corpus`` without the unreadable entry ``bad``."""
    copy = corpus.parent / "without"
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(f"{bad}.xml"))
    return copy
