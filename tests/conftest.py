"""Shared fixtures: paths to the seeds and samples in ../shared, and small hand-built works."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_000 = SEEDS / "000_bc7b31d521a80148.txt"
SEED_004 = SEEDS / "004_ac8596909396731e.txt"
AO3_SAMPLES = SHARED / "samples" / "ao3"
LITBANK = SHARED / "data" / "litbank"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need(path: Path) -> Path:
    """Skip when ../shared is not beside the checkout (users' machines); CI always has it."""
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture
def seed_000() -> Path:
    return need(SEED_000)


@pytest.fixture
def seed_004() -> Path:
    return need(SEED_004)
