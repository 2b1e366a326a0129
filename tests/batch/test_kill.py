"""A run killed with SIGKILL mid-way and restarted ends with every work present exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ficscope.batch import query
from ficscope.batch.output import MANIFEST

from .corpus import write_corpus

WORKS = 300
CLI = [sys.executable, "-c", "from ficscope.cli.main import main; main()"]


def _committed_parts(out: Path) -> int:
    try:
        lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    return sum(1 for line in lines[1:] if line.endswith("}"))


def test_sigkill_mid_run_then_resume(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, WORKS)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 500)
    out = tmp_path / "out"
    command = [
        *CLI,
        "batch",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        "2",
        "--chunk-works",
        "3",
        "--max-failures",
        "0.5",
    ]

    # Own session: the kill takes the client, the scheduler and every worker at once, as a
    # crash of the machine would.
    first = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while _committed_parts(out) < 4:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "no part committed in time"
            time.sleep(0.01)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.communicate()
    killed_at = _committed_parts(out)
    parts_needed = WORKS // 3
    assert killed_at < parts_needed, "the run finished before it could be killed"
    print("killed after", killed_at, "of", parts_needed)

    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    print(second.stdout)
    assert "already done" in second.stdout
    done_before = int(second.stdout.split(" works found, ")[1].split(" ")[0])
    assert 0 < done_before < WORKS + 1

    paths = [row[0] for row in query(out, "SELECT path FROM works").rows]
    assert len(paths) == len(set(paths)) == WORKS
    assert {Path(p).name for p in paths} == {p.name for p in corpus.glob("work_*.txt")}
    [(error_path,)] = query(out, "SELECT path FROM errors").rows
    assert error_path.endswith("broken.txt")
    for table in ("quotes", "characters"):
        [(orphans,)] = query(
            out, f"SELECT count(*) FROM {table} t ANTI JOIN works w USING (work_id)"
        ).rows
        assert orphans == 0
    [(dupes,)] = query(
        out, "SELECT count(*) - count(DISTINCT (work_id, quote_index)) FROM quotes"
    ).rows
    assert dupes == 0
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    keys = [k for line in lines[1:] for e in [json.loads(line)] for k in e["ok"] + e["failed"]]
    assert len(keys) == len(set(keys)) == WORKS + 1
