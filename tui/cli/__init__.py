"""The ``kopir`` command line: plain calls into the core, no Textual imported."""

from tui.cli.main import main

__all__ = ["main"]
