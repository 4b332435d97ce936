"""Where the team's shared, read-only data lives (``../shared`` beside the clone)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared folder: ``$KOPIR_SHARED`` or ``../shared`` next to the repository."""
    return Path(os.environ.get("KOPIR_SHARED", REPO.parent / "shared"))
