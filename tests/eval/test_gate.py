"""The accuracy gate: the real gate over the pinned suites (the whole of it runs in about a
second), and the gate's own logic on made-up floors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eval import gate
from eval.run import main

ROOT = Path(__file__).resolve().parents[2]


def test_no_metric_is_below_its_pinned_floor(
    litbank_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["gate"])
    out = capsys.readouterr().out
    assert code == 0, "a metric fell below its floor in eval/floors.json:\n" + out
    assert "litbank-test" in out


def test_a_metric_below_its_floor_fails_the_gate(
    litbank_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(
        json.dumps({"suites": {"litbank-test": {"quote_f1": 1.01}}}), encoding="utf-8"
    )
    assert main(["gate", "--floors", str(floors)]) == 1
    assert "FAIL litbank-test   quote_f1" in capsys.readouterr().out


def test_check_counts_na_as_zero() -> None:
    [verdict] = gate.check("s", {"names_b3_f1": None}, {"names_b3_f1": 0.2})
    assert not verdict.passed
    [verdict] = gate.check("s", {"names_b3_f1": None}, {"names_b3_f1": 0.0})
    assert verdict.passed
    [verdict] = gate.check("s", {"quote_f1": 0.8}, {"quote_f1": 0.8})
    assert verdict.passed


def test_pin_rounds_down_and_only_raises() -> None:
    values = {"quote_f1": 0.8959, "speaker_accuracy": 0.5, "names_b3_f1": None}
    old = {"quote_f1": 0.9, "speaker_accuracy": 0.1}
    new = gate.pin(values, old)
    assert new["quote_f1"] == 0.9  # 0.895 would lower it
    assert new["speaker_accuracy"] == 0.5
    assert "names_b3_f1" not in new  # NA and never pinned
    assert gate.pin(values, old, allow_lower=True)["quote_f1"] == 0.895


def test_floors_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    gate.write_floors({"seeds": {"quote_f1": 0.5}}, path)
    assert gate.load_floors(path) == {"seeds": {"quote_f1": 0.5}}
    assert gate.load_floors(tmp_path / "none.json") == {}


def test_run_py_works_as_a_script_from_the_repository_root(litbank_root: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "eval/run.py",
            "litbank",
            "--books",
            "1342_pride_and_prejudice",
            "--per-doc",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "1342_pride_and_prejudice" in done.stdout and "TOTAL (1 documents)" in done.stdout


def test_seeds_without_gold_say_so(tmp_path: Path) -> None:
    if not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("seeds not available")
    done = subprocess.run(
        [sys.executable, "-m", "eval.run", "seeds", "--gold", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "no seed has gold yet" in done.stderr
