"""The package stays ruff-clean and passes mypy --strict (configured in pyproject.toml); the
tests, the evaluation and the benchmarks stay ruff-clean too, and all of it ruff-formatted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed: install the test extras (pip install -e '.[test]')")
    return found


@pytest.mark.parametrize("where", ["src", "tests", "eval", "bench", "scripts"])
def test_ruff_finds_nothing(where: str) -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", where], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_everything_as_it_is() -> None:
    where = ["src", "tests", "eval", "bench", "scripts"]
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", *where],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_passes_on_the_package() -> None:
    result = subprocess.run(
        [_tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
