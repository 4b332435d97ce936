"""Where the team's shared, read-only data lives (``../shared`` beside the clone)."""

from __future__ import annotations

import argparse
import os
import platform
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared folder: ``$KOPIR_SHARED`` or ``../shared`` next to the repository."""
    return Path(os.environ.get("KOPIR_SHARED", REPO.parent / "shared"))


def machine(title: str) -> str:
    """``title`` and what the figures below it were measured on, for a benchmark's first line."""
    return (
        f"{title}: Python {platform.python_version()}, "
        f"lxml {'.'.join(map(str, etree.LXML_VERSION[:3]))}, {os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.machine()}"
    )


def pairs_parser(doc: str, keep: str, pairs: int = 1_000_000) -> argparse.ArgumentParser:
    """The options of a benchmark over a generated corpus: ``--pairs`` and ``--keep DIR``.

    ``doc`` is the benchmark's docstring (its first line describes the command) and ``keep``
    says what ``--keep`` does with the folder.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=pairs, help="aligned pairs (beads)")
    parser.add_argument("--keep", type=Path, help=keep)
    return parser
