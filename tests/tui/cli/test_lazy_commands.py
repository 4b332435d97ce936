"""The command line imports a command's module only for that command: opening the app
must not wait for the search engine, the exporters and the checks to load."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from tui.cli.main import CORE_COMMANDS, LAZY_COMMANDS, build_parser, command_word


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


@pytest.mark.parametrize("module", sorted(LAZY_COMMANDS))
def test_each_module_adds_exactly_the_commands_listed_for_it(module: str) -> None:
    parser = argparse.ArgumentParser()
    importlib.import_module(module).add_commands(parser.add_subparsers())
    assert tuple(_commands(parser)) == LAZY_COMMANDS[module]


def test_the_full_parser_has_every_command_in_order() -> None:
    lazy = [name for names in LAZY_COMMANDS.values() for name in names]
    assert _commands(build_parser()) == [*CORE_COMMANDS, *lazy]
    assert _commands(build_parser(["--help"])) == [*CORE_COMMANDS, *lazy]
    assert _commands(build_parser(["qeury", "x"])) == [*CORE_COMMANDS, *lazy], "a typo: all"


def test_a_command_brings_only_its_own_module() -> None:
    assert _commands(build_parser(["--corpus", "query", "open", "DOC"])) == list(CORE_COMMANDS)
    assert _commands(build_parser([])) == list(CORE_COMMANDS)
    stats = build_parser(["--corpus=c", "stats"])
    assert _commands(stats) == [*CORE_COMMANDS, "query", "stats", "index"]


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["open", "DOC"], "open"),
        (["--corpus", "export", "check"], "check"),
        (["--corpus=x", "--version"], None),
        ([], None),
    ],
)
def test_command_word(argv: list[str], word: str | None) -> None:
    assert command_word(argv) == word


def test_opening_the_app_imports_no_command_module() -> None:
    """In a fresh interpreter: parsing ``open DOC`` leaves the lazy modules unloaded."""
    code = (
        "import sys; from tui.cli.main import LAZY_COMMANDS, build_parser;"
        "build_parser(['open', 'DOC']).parse_args(['open', 'DOC']);"
        "print(sorted(m for m in LAZY_COMMANDS if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
