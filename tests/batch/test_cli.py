"""The batch and query commands through click's runner: exit codes, formats, progress display."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster

from ficscope.batch import engine
from ficscope.batch.progress import Progress
from ficscope.cli.batch import ProgressView, table_text
from ficscope.cli.main import main

from .corpus import hand_corpus, write_corpus, write_output


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_output(tmp_path_factory.mktemp("cli") / "out", hand_corpus())


@pytest.mark.usefixtures("no_leaked_processes")
def test_batch_exit_codes_follow_the_failure_ratio(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    (corpus / "broken.txt").write_bytes(bytes(range(256)) * 20)
    runner = CliRunner()
    first = runner.invoke(
        main, ["batch", str(corpus), "-o", str(tmp_path / "out"), "--workers", "2"]
    )
    assert first.exit_code == 1, first.output
    assert "this run analysed 3 and failed 1" in first.stdout
    assert "1 of 4 works failed (25.00%)" in first.stderr
    assert "batch: 4/4 works (100%)" in first.stderr  # not a terminal: plain lines
    # Nothing left to do; a ratio that tolerates the failure exits 0.
    again = runner.invoke(
        main,
        ["batch", str(corpus), "-o", str(tmp_path / "out"), "--max-failures", "0.25", "--quiet"],
    )
    assert again.exit_code == 0, again.output
    assert "4 works found, 4 already done" in again.stdout
    assert again.stderr == ""


def test_batch_refuses_what_cannot_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    write_corpus(tmp_path / "c", 1)
    both = runner.invoke(
        main,
        [
            "batch",
            str(tmp_path / "c"),
            "-o",
            str(tmp_path / "o"),
            "--workers",
            "2",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert both.exit_code == 2 and "--workers" in both.output
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", "0.5s")
    nobody = runner.invoke(
        main,
        [
            "batch",
            str(tmp_path / "c"),
            "-o",
            str(tmp_path / "o"),
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert nobody.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in nobody.stderr


@pytest.mark.usefixtures("no_leaked_processes")
def test_batch_on_an_existing_cluster(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 4)
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster:
        result = CliRunner().invoke(
            main,
            [
                "batch",
                str(tmp_path / "c"),
                "-o",
                str(tmp_path / "o"),
                "--scheduler",
                cluster.scheduler_address,
                "-q",
            ],
        )
    assert result.exit_code == 0, result.output
    assert "analysed 4 and failed 0" in result.stdout and "on 1 workers" in result.stdout


def test_query_formats(out: Path) -> None:
    runner = CliRunner()
    sql = "SELECT title, rating, missing FROM works WHERE title IN ('a', 'b') ORDER BY title"
    table = runner.invoke(main, ["query", str(out), sql])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["title", "rating", "missing"]
    assert lines[2].startswith("a      Teen And Up Audiences")
    assert lines[-1] == "(2 rows)"
    as_json = json.loads(runner.invoke(main, ["query", str(out), sql, "--format", "json"]).stdout)
    assert as_json[1]["title"] == "b" and as_json[1]["rating"] is None
    assert "rating" in as_json[1]["missing"]
    as_csv = runner.invoke(main, ["query", str(out), sql, "--format", "csv"]).stdout
    assert as_csv.splitlines()[0] == "title,rating,missing"
    assert as_csv.splitlines()[2].startswith("b,,")


def test_query_errors_are_one_line(out: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["query", str(out), "SELECT nope FROM works"])
    assert bad.exit_code == 2 and bad.stderr.startswith("ficscope: error: ")
    assert len(bad.stderr.strip().splitlines()) == 1
    elsewhere = runner.invoke(main, ["query", str(tmp_path), "SELECT 1"])
    assert elsewhere.exit_code == 2 and "not a batch output directory" in elsewhere.stderr


def test_empty_tables_are_queryable(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = write_output(tmp_path / "empty", [])
    result = runner.invoke(main, ["query", str(empty), "SELECT count(*) AS n FROM relationships"])
    assert result.exit_code == 0 and result.stdout.splitlines()[2].strip() == "0"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _progress(done: int, total: int = 10, elapsed: float = 2.0) -> Progress:
    return Progress(
        total=total, done=done, failed=1 if done > 5 else 0, skipped=0, words=0, elapsed=elapsed
    )


def test_progress_on_a_terminal_is_a_bar_redrawn_in_place() -> None:
    stream = _Terminal()
    view = ProgressView(stream)
    view(_progress(4))
    view(_progress(10))
    text = stream.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n")
    assert "[###########" in text and "10/10 works (100%), 5.0 works/s, ETA 0s, 1 failed" in text


def test_progress_elsewhere_is_plain_lines_now_and_then() -> None:
    stream = io.StringIO()
    view = ProgressView(stream)
    for done in range(1, 11):
        view(_progress(done, elapsed=done))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "batch: 1/10 works (10%), 1.0 works/s, ETA 9s, 1s elapsed"
    assert lines[-1].startswith("batch: 10/10 works (100%)")
    assert len(lines) == 2 and "\r" not in stream.getvalue()


def test_table_text_aligns_and_counts() -> None:
    assert table_text(["a", "bb"], [(1, None), (22, [1, 2])]).splitlines() == [
        "a   bb",
        "--  ------",
        "1",
        "22  [1, 2]",
        "(2 rows)",
    ]


def test_eta_follows_bytes_when_sizes_are_known() -> None:
    # Largest first: 1 work of 10 done, but it was half the input: as long again to go.
    sized = Progress(
        total=10,
        done=1,
        failed=0,
        skipped=0,
        words=0,
        elapsed=30.0,
        input_bytes=1000,
        done_bytes=500,
    )
    assert sized.eta == 30.0
    unsized = Progress(total=10, done=1, failed=0, skipped=0, words=0, elapsed=30.0)
    assert unsized.eta == 270.0
