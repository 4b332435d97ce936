"""Where the team's shared, read-only data lives (``../shared`` beside the clone)."""

from __future__ import annotations

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
