"""Command-line conventions: --version, options after the command, progress on a terminal
only, one line instead of a traceback, plurals, one word for a bead."""

from __future__ import annotations

import argparse
import io
import time
from collections import Counter
from pathlib import Path

import pytest

import align.document
from align.formats.export import ExportReport
from align.qa import Finding
from tui.cli import progress
from tui.cli.main import EXIT_BUG, build_parser, main

KK = "Ол келді. Бұл жақсы.\n"
EN = "He came. This is good.\n"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A corpus of one aligned document ``doc`` (two 1-1 beads)."""
    (tmp_path / "doc.txt").write_text(KK, "utf-8")
    (tmp_path / "doc.en.txt").write_text(EN, "utf-8")
    root = tmp_path / "c"
    assert main(["--corpus", str(root), "ingest", "-q", "--with-translations", str(tmp_path)]) == 0
    capsys.readouterr()
    return root


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("kopir ") and out.split()[1][0].isdigit()


def test_corpus_is_taken_after_the_command_too(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ls", "--corpus", str(corpus)]) == 0
    assert "1 document, " in capsys.readouterr().out
    # after a sub-command's own command, and the later of two wins
    missing = str(tmp_path / "nowhere")
    assert main(["--corpus", missing, "check", "--corpus", str(corpus)]) == 0
    assert main(["export", "tmx", "--corpus", str(corpus), "-o", str(tmp_path / "x.tmx"),
                 "--include-unconfirmed"]) == 0  # fmt: skip
    assert main(["ls", "--corpus", missing]) == 1
    assert "no corpus at" in capsys.readouterr().err


def test_ls_counts_beads_with_plurals(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(corpus), "ls"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["document", "kk", "en", "beads"]
    assert out[-1].startswith("1 document, 2 Kazakh and 2 English sentences, 2 beads in ")


def test_progress_shows_on_a_terminal_and_is_erased() -> None:
    stream = Terminal()
    with progress.working("aligning doc", stream, interval=0.01) as status:
        status.count(3, 10, "documents")
        time.sleep(0.1)
    shown = stream.getvalue()
    assert "aligning doc…" in shown and "3 of 10 documents (30 %)" in shown
    assert shown.endswith(progress.CLEAR)  # the line is gone before the results print


def test_progress_says_nothing_in_a_pipe() -> None:
    stream = io.StringIO()
    with progress.working("aligning doc", stream, interval=0.01):
        time.sleep(0.05)
    assert stream.getvalue() == ""


def slow_realign(*args: object, **kwargs: object) -> tuple[list[str], str]:
    time.sleep(0.1)
    return [], "doc: 2 beads"


def test_realign_shows_progress_on_a_terminal_only(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(align.document, "import_and_align", slow_realign)
    monkeypatch.setattr(progress, "INTERVAL", 0.01)
    assert main(["--corpus", str(corpus), "realign", "doc"]) == 0
    out = capsys.readouterr()
    assert out.out == "doc: 2 beads\n" and out.err == ""  # captured: not a terminal
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["--corpus", str(corpus), "realign", "doc"]) == 0
    assert "re-aligning doc…" in terminal.getvalue()


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (RuntimeError("stretch 3 has no end"), EXIT_BUG, "unexpected RuntimeError: stretch 3"),
        (
            PermissionError(13, "Permission denied", "/c/doc.xml"),
            1,
            "/c/doc.xml: Permission denied",
        ),
    ],
)
def test_a_failing_realign_is_one_line_not_a_traceback(
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: Exception,
    code: int,
    message: str,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(align.document, "import_and_align", fail)
    monkeypatch.delenv("KOPIR_DEBUG", raising=False)
    assert main(["--corpus", str(corpus), "realign", "doc"]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kopir: error: ") and message in err
    assert "Traceback" not in err
    monkeypatch.setenv("KOPIR_DEBUG", "1")  # a developer asks for the traceback
    with pytest.raises(type(error)):
        main(["--corpus", str(corpus), "realign", "doc"])


def test_counts_take_the_singular_for_one() -> None:
    finding = Finding("numbers", "warning", "doc", 0, "kk", "numbers differ")
    report = ExportReport([Path("x.tmx")], units=1, skipped=Counter({"not confirmed": 1}))
    report.findings = [finding]
    assert report.summary()[:2] == ["wrote 1 unit to x.tmx", "left out 1 unit: not confirmed"]
    assert report.summary()[-1] == "checks: 0 errors, 1 warning (numbers: 1), 0 notes"


def test_the_checks_line_names_each_severity_s_checks_beside_its_count() -> None:
    """A new user read "2 warnings, 317 notes (unconfirmed: 315, look-alike: 1, …)" as
    look-alike being a note: each check is named beside the severity it counted in."""
    findings = [
        Finding("unconfirmed", "info", "doc", bead, "", "not confirmed") for bead in range(3)
    ]
    findings += [
        Finding("look-alike", "warning", "doc", 0, "kk", "mixed letters"),
        Finding("double-space", "warning", "doc", 1, "en", "two spaces"),
        Finding("duplicate-pair", "info", "doc", 2, "", "twice"),
    ]
    report = ExportReport([Path("x.tmx")], units=3, findings=findings)
    assert report.summary()[-1] == (
        "checks: 0 errors, 2 warnings (double-space: 1, look-alike: 1), "
        "4 notes (unconfirmed: 3, duplicate-pair: 1)"
    )


def test_check_says_1_warning(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(corpus), "check", "--min-severity", "error"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("1 document checked: 0 errors, ")
    assert " 1 warnings" not in last and " 1 notes" not in last


def test_every_command_s_own_help_says_what_it_does() -> None:
    """``kopir ingest --help`` says what the command does, not only its usage and options:
    a command with no description of its own is described as ``kopir --help`` lists it."""
    (commands,) = (a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    listed = {action.dest: str(action.help) for action in commands._choices_actions}
    assert {"ingest", "realign", "stats", "export", "build"} <= set(listed)
    for name in listed:
        parser = commands.choices[name]
        assert parser.description, f"kopir {name} --help does not say what {name} does"
        shown = " ".join(parser.format_help().split())
        assert " ".join(parser.description.split())[:60] in shown
        assert "%%" not in shown
    ingest = " ".join(commands.choices["ingest"].format_help().split()).lower()
    assert listed["ingest"].lower() in ingest


def _commands() -> argparse._SubParsersAction[argparse.ArgumentParser]:
    (commands,) = (a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return commands


def test_kopir_help_lists_each_command_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """On an 80-column terminal ``kopir --help`` gives each command one line: a summary that
    wraps onto a second line reads, to a newcomer scanning the list, like two commands."""
    monkeypatch.setenv("COLUMNS", "80")
    shown = build_parser().format_help().splitlines()
    for listed in _commands()._choices_actions:
        (line,) = (row for row in shown if row.startswith(f"    {listed.dest} "))
        assert " ".join(line.split()[1:]) == str(listed.help).replace("%%", "%"), line


def test_every_argument_says_what_it_is() -> None:
    """Every argument and option of every command (``kopir export tmx``'s too) has a line of
    help: ``-o FILE`` or a bare ``DOC`` with nothing beside it leaves the reader guessing."""
    silent: list[str] = []

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for word, command in action.choices.items():
                    walk(command, f"{name} {word}")
            elif not action.help and not isinstance(action, argparse._HelpAction):
                silent.append(f"{name} {'/'.join(action.option_strings) or action.metavar}")

    walk(build_parser(), "kopir")
    assert not silent, silent


def test_every_command_s_help_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """No line of any ``kopir … --help`` is wider than an 80-column terminal: a text laid out
    by hand (``kopir query``'s examples) is not rewrapped by argparse, and its lines broke
    mid-word on the right edge, their comments landing under the next example's command."""
    monkeypatch.setenv("COLUMNS", "80")
    wide: list[str] = []

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        wide.extend(
            f"{name}: {line}" for line in parser.format_help().splitlines() if len(line) > 80
        )
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for word, command in action.choices.items():
                    walk(command, f"{name} {word}")

    walk(build_parser(), "kopir")
    assert not wide, wide
