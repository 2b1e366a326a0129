"""``ficscope analyze``: the readable summary, the JSON (stdout or ``-o``), ``--format``,
``--example``, and usage errors. Bad input has its own tests (test_bad_input.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ficscope.cli.main import example_path, main
from ficscope.model import work_from_json
from ficscope.readers import reader_names

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "plaintext" / "seeds_layout.txt"
SEED = HERE.parent.parent / "shared" / "seeds" / "000_bc7b31d521a80148.txt"
FICSCOPE = Path(sys.executable).parent / "ficscope"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_analyze() -> None:
    code, out, _ = invoke("--help")
    assert code == 0 and "analyze" in out
    code, out, _ = invoke("analyze", "--help")
    assert code == 0
    for option in ("--json", "--output", "--format", "--example"):
        assert option in out


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and "version" in out


def test_summary() -> None:
    code, out, err = invoke("analyze", str(FIXTURE))
    assert code == 0 and err == ""
    assert str(FIXTURE) in out and "(plaintext)" in out
    assert "summary:" in out and "Kakashi and Sakura" in out
    assert "genres:" in out and "Action, Romance" in out
    assert "words:" in out and "28 " in out  # story words only
    assert "chapters:" in out and "Chapter 2: The Cave" in out
    assert "scenes:" in out and "quotations:" in out
    assert "1 author's note(s), 2 disclaimer(s)" in out
    empty = next(line for line in out.splitlines() if line.strip().startswith("empty:"))
    assert "rating" in empty
    missing = next(line for line in out.splitlines() if line.strip().startswith("missing:"))
    assert "title" in missing and "fandoms" in missing


def test_json_to_stdout_is_the_full_work() -> None:
    code, out, err = invoke("analyze", str(FIXTURE), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    for key in ("schema", "text", "metadata", "chapters", "quotes", "characters"):
        assert key in data
    assert data["text"] == FIXTURE.read_text(encoding="utf-8")
    assert data["metadata"]["empty"] == ["rating"] and "rating" in data["metadata"]["missing"]
    assert isinstance(data["characters"], list)
    starts = [q["start"] for q in data["quotes"]]
    assert starts == sorted(starts) and len(starts) == 3
    for q in data["quotes"]:
        quoted = data["text"][q["start"] : q["end"]]
        assert quoted.startswith(q["open"])
        if q["close"] is not None:
            assert quoted.endswith(q["close"])
    work = work_from_json(out)
    assert work.word_count == data["word_count"] == 28


def test_json_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, err = invoke("analyze", str(FIXTURE), "--json", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    assert work_from_json(target.read_text(encoding="utf-8")).text == FIXTURE.read_text("utf-8")


def test_summary_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.txt"
    code, out, _ = invoke("analyze", str(FIXTURE), "--output", str(target))
    assert code == 0 and out == ""
    assert "Chapter 2: The Cave" in target.read_text(encoding="utf-8")


def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    code, out, err = invoke("analyze", str(FIXTURE), "--json", "-o", str(target))
    assert code != 0 and out == ""
    assert len(err.splitlines()) == 1 and str(target) in err and "Traceback" not in err


def test_example() -> None:
    assert example_path().exists()
    code, out, _ = invoke("analyze", "--example")
    assert code == 0
    assert "lanterns.txt" in out and "chapters:" in out


def test_forced_format() -> None:
    code, out, _ = invoke("analyze", str(FIXTURE), "--format", "plaintext")
    assert code == 0 and "(plaintext)" in out


@pytest.mark.parametrize(
    "args",
    [
        ("analyze",),
        ("analyze", str(FIXTURE), "--example"),
        ("analyze", str(FIXTURE), "--format", "no-such-format"),
        ("analyze", str(FIXTURE), "--no-such-option"),
        ("no-such-command",),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert "Traceback" not in out + err and "Error" in err


def test_format_choices_are_the_registered_readers() -> None:
    _, out, _ = invoke("analyze", "--help")
    flat = " ".join(out.split())
    for name in reader_names():
        assert name in flat


@pytest.mark.skipif(not FICSCOPE.exists(), reason="the ficscope command is not installed")
def test_the_installed_command_writes_json_for_a_seed() -> None:
    if not SEED.exists():
        pytest.skip("../shared is not beside the checkout")
    done = subprocess.run(
        [str(FICSCOPE), "analyze", str(SEED), "--json"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    work = work_from_json(done.stdout.decode("utf-8"))
    assert work.text == SEED.read_bytes().decode("utf-8")
    assert len(work.quotes) > 200 and work.chapters[0].number == 1
    assert work.metadata.empty == ("rating",)
