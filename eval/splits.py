"""The held-out split of LitBank, written to ``eval/splits.json``.

Rule: sort the 100 book ids (``105_persuasion``, ...) as strings; every 5th book (positions 4, 9,
14, ... counting from 0) is a test book, the other 80 are train books. Learned components (and
thresholds tuned by hand) may look at train books only; the gate and the reported numbers use
the test books.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.documents import GoldDataError

SPLITS_PATH = Path(__file__).resolve().parent / "splits.json"
SPLIT_NAMES = ("train", "test", "all")
RULE = "book ids sorted as strings; positions 4, 9, 14, ... (every 5th, 0-based) are test"


def make_split(ids: Sequence[str]) -> dict[str, Any]:
    ordered = sorted(ids)
    test = [b for i, b in enumerate(ordered) if i % 5 == 4]
    train = [b for i, b in enumerate(ordered) if i % 5 != 4]
    return {"dataset": "litbank", "rule": RULE, "train": train, "test": test}


def write_split(ids: Sequence[str], path: Path = SPLITS_PATH) -> dict[str, Any]:
    split = make_split(ids)
    path.write_text(json.dumps(split, indent=2) + "\n", encoding="utf-8")
    return split


def load_split(name: str, path: Path = SPLITS_PATH) -> list[str]:
    """The book ids of ``train``, ``test`` or ``all`` (both)."""
    if name not in SPLIT_NAMES:
        raise ValueError(f"unknown split {name!r} (known: {', '.join(SPLIT_NAMES)})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldDataError(path, f"cannot read the split: {exc}") from exc
    if name == "all":
        return sorted(data["train"] + data["test"])
    return list(data[name])
