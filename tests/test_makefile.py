"""The two commands a new user needs: ``make test`` says what is missing before it installs."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import REPO


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_test_says_the_shared_data_is_missing_before_installing_anything() -> None:
    # README: "Without it `make test` stops at once and says so." A new user without
    # ../shared waited for the test tools to install first (minutes), then was told.
    # -B: every target out of date, so the dry run lists the installs even where the venv is
    # already built (as under `make test` itself, where the test ran without them and failed).
    dry = subprocess.run(
        ["make", "-n", "-B", "-C", str(REPO), "test", "KOPIR_SHARED=/nonexistent-kopir-shared"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    lines = dry.stdout.splitlines()
    check = next(n for n, line in enumerate(lines) if "/nonexistent-kopir-shared" in line)
    installs = [n for n, line in enumerate(lines) if "pip install" in line or "-m venv" in line]
    assert installs and check < min(installs), "\n".join(lines)
