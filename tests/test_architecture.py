"""Dependencies flow one way, tui → align → corpus, and the core never imports Textual."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import REPO

FORBIDDEN = {
    "corpus": {"textual", "align", "tui"},
    "align": {"textual", "tui"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_core_packages_keep_their_dependencies_pointing_down(package: str) -> None:
    files = sorted((REPO / package).rglob("*.py"))
    assert files, f"no modules in {package}/"
    for path in files:
        bad = _imports(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


def test_seeds_are_the_users_texts_byte_for_byte() -> None:
    from tests.helpers import shared_path

    originals = sorted(shared_path("seeds").glob("*.txt"))
    assert len(originals) == 5
    for original in originals:
        assert (REPO / "seeds" / original.name).read_bytes() == original.read_bytes()


def test_import_linter_contracts_hold() -> None:
    """pyproject.toml's [tool.importlinter] contracts: layers, and rules between sub-packages."""
    import subprocess
    import sys

    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout and ", 0 broken." in run.stdout
