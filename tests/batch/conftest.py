"""Fixtures of the batch tests; the corpora themselves are built by :mod:`.corpus`."""

from __future__ import annotations

import psutil
import pytest


@pytest.fixture
def no_leaked_processes():
    """Fails a test that leaves child processes (Dask workers, nannies) behind. Python's own
    multiprocessing resource tracker is not counted: one serves the interpreter until it exits."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    yield
    leaked = []
    for _ in range(50):  # closing workers may take a moment after the cluster says it closed
        leaked = [
            p
            for p in psutil.Process().children(recursive=True)
            if p.pid not in before and not _is_resource_tracker(p)
        ]
        if not leaked:
            break
        psutil.wait_procs(leaked, timeout=0.1)
    assert not leaked, f"processes left behind: {[p.cmdline() for p in leaked]}"


def _is_resource_tracker(process: psutil.Process) -> bool:
    try:
        return "multiprocessing.resource_tracker" in " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return True
