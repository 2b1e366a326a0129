"""The accuracy gate: pinned floors per suite and metric (``eval/floors.json``), and the check that
no metric has fallen below its floor.

``floors.json``::

    {"suites": {"litbank-test": {"quote_f1": 0.712, ...}, "seeds": {...}}}

A floor is pinned by ``python eval/run.py gate --pin``: the measured value rounded *down* to three
decimals, and only ever raised (``--allow-lower`` is the explicit, reviewable way to lower one).
A metric that is NA (nothing to score) counts as 0, so a metric that disappears fails any floor
above 0.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from eval.documents import GoldDataError

FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"
GATED = (
    "quote_f1",
    "quote_overlap_f1",
    "speaker_accuracy",
    "speaker_b3_f1",
    "addressee_accuracy",
    "names_b3_f1",
    "coref_conll_f1",
    "cast_b3_f1",
)
EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Verdict:
    suite: str
    metric: str
    value: float | None
    floor: float

    @property
    def passed(self) -> bool:
        return (self.value or 0.0) + EPSILON >= self.floor


def load_floors(path: Path = FLOORS_PATH) -> dict[str, dict[str, float]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        suites = data["suites"]
        return {s: {m: float(v) for m, v in floors.items()} for s, floors in suites.items()}
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise GoldDataError(path, f"malformed floors file: {exc!r}") from exc


def check(
    suite: str, values: Mapping[str, float | None], floors: Mapping[str, float]
) -> list[Verdict]:
    return [Verdict(suite, m, values.get(m), floor) for m, floor in floors.items()]


def pin(
    values: Mapping[str, float | None], old: Mapping[str, float], *, allow_lower: bool = False
) -> dict[str, float]:
    """New floors for one suite: each gated metric's value rounded down to 3 decimals, never below
    the old floor unless ``allow_lower``. A metric that is NA and has no floor stays unpinned."""
    new = dict(old)
    for metric in GATED:
        value = values.get(metric)
        if value is None and metric not in old:
            continue  # NA here (no such gold layer): nothing to pin
        measured = math.floor((value or 0.0) * 1000 + EPSILON) / 1000
        new[metric] = measured if allow_lower else max(measured, old.get(metric, 0.0))
    return new


def write_floors(floors: Mapping[str, Mapping[str, float]], path: Path = FLOORS_PATH) -> None:
    data = {
        "about": (
            "Pinned accuracy floors; `python eval/run.py gate` fails when a metric falls below "
            "its floor. Raise them with `python eval/run.py gate --pin` (see docs/evaluation.md)."
        ),
        "suites": {s: dict(sorted(f.items())) for s, f in sorted(floors.items())},
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
