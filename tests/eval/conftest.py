"""The evaluation harness lives in eval/ at the repository root, outside the installed package:
make it importable, and give the tests LitBank when ../shared has it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LITBANK = ROOT.parent / "shared" / "data" / "litbank"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def litbank_root() -> Path:
    if not (LITBANK / "coref" / "tsv").is_dir():
        pytest.skip(f"{LITBANK} not available")
    return LITBANK
