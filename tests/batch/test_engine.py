"""The Dask engine on a real local cluster: mixed inputs, broken files, resume, big works."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from distributed import KilledWorker

from ficscope.batch import Progress, WorkItem, plan_chunks, query, run_batch
from ficscope.batch.engine import _Run

from .corpus import story, write_corpus, write_zip

pytestmark = pytest.mark.usefixtures("no_leaked_processes")


def _count(out: Path, sql: str) -> int:
    [(n,)] = query(out, sql).rows
    return int(n)


def test_mixed_inputs_broken_files_and_resume(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 12)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.txt").write_bytes(b"")
    archive = write_zip(
        tmp_path / "more.zip",
        {f"zipped/{i}.txt": story(100 + i).encode() for i in range(3)},
    )
    out = tmp_path / "out"
    seen: list[Progress] = []
    report = run_batch(
        [str(folder), str(archive)], out, workers=2, chunk_works=3, on_progress=seen.append
    )
    assert (report.found, report.analysed, report.failed, report.skipped) == (17, 15, 2, 0)
    assert report.slots == 2 and set(report.worker_peak_rss) and report.words > 0
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert seen[-1].done == seen[-1].total == 17 and seen[-1].failed == 2

    assert _count(out, "SELECT count(DISTINCT path) FROM works") == 15
    assert _count(out, "SELECT count(*) FROM works") == 15
    assert _count(out, "SELECT count(*) FROM works WHERE path LIKE '%more.zip!zipped/%'") == 3
    errors = dict(query(out, "SELECT regexp_extract(path, '[^/]+$'), error FROM errors").rows)
    assert errors == {"binary.txt": "UnsupportedFormatError", "empty.txt": "EmptyInputError"}
    assert (
        _count(out, "SELECT count(*) FROM quotes")
        == _count(out, "SELECT sum(quote_count) FROM works")
        > 0
    )
    assert _count(out, "SELECT count(*) FROM quotes q ANTI JOIN works w USING (work_id)") == 0

    again = run_batch([str(folder), str(archive)], out, workers=2)
    assert (again.skipped, again.analysed, again.failed, again.slots) == (17, 0, 0, 0)
    assert again.failure_ratio == pytest.approx(2 / 17)

    write_corpus(tmp_path / "later", 2)
    (tmp_path / "later" / "work_0000.txt").rename(tmp_path / "later" / "new_a.txt")
    (tmp_path / "later" / "work_0001.txt").rename(tmp_path / "later" / "new_b.txt")
    more = run_batch([str(folder), str(tmp_path / "later")], out, workers=1)
    assert (more.skipped, more.analysed) == (14, 2)
    assert _count(out, "SELECT count(*) FROM works") == 17
    assert _count(out, "SELECT count(*) - count(DISTINCT work_id) FROM works") == 0


def test_a_two_million_word_work_is_analysed_within_the_memory_bound(tmp_path: Path) -> None:
    # The batch side of a long work: reading, 200,000 quotation rows, Parquet encoding. Only the
    # fast passes run here (the full pipeline on such a work is measured by bench/batch_bench.py).
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(story(i, 40) for i in range(1700)), encoding="utf-8")
    limit = 1024**3
    report = run_batch(
        [str(big)],
        tmp_path / "out",
        workers=1,
        memory_limit=str(limit),
        passes=("segment", "quotes"),
    )
    assert (report.analysed, report.failed) == (1, 0)
    assert _count(tmp_path / "out", "SELECT word_count FROM works") > 2_000_000
    [peak] = report.worker_peak_rss.values()
    assert peak < limit


def test_a_work_that_kills_its_worker_is_recorded_and_the_rest_finish(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_corpus(tmp_path / "first", 2)
    baseline = run_batch([str(tmp_path / "first")], out, workers=1)
    [peak] = baseline.worker_peak_rss.values()  # a worker that has analysed small works
    folder = tmp_path / "corpus"
    write_corpus(folder, 4)
    (folder / "huge.txt").write_text(
        "\n\n".join(story(i, 40) for i in range(1700)), encoding="utf-8"
    )
    # A limit the small works stay under and the huge one does not: its worker is restarted.
    report = run_batch([str(folder)], out, workers=1, memory_limit=str(peak + 60 * 2**20))
    assert (report.analysed, report.failed) == (4, 1)
    [(path, error)] = query(out, "SELECT path, error FROM errors").rows
    assert path.endswith("huge.txt") and error == "WorkerDied"
    assert _count(out, "SELECT count(*) FROM works") == 6


def test_chunks_take_largest_works_first_within_bounds() -> None:
    items = [WorkItem(f"/w{i}", size=s) for i, s in enumerate([5, 900, 40, 40, 300, 1, 1, 2])]
    chunks = plan_chunks(items, slots=1, max_works=3, max_bytes=100)
    flat = [item for chunk in chunks for item in chunk]
    assert sorted(flat, key=lambda i: i.path) == sorted(items, key=lambda i: i.path)
    assert [i.size for i in flat] == sorted((i.size for i in items), reverse=True)
    for chunk in chunks:
        assert len(chunk) <= 3
        assert len(chunk) == 1 or sum(i.size for i in chunk) <= 100
    # A small corpus is cut finer so that every worker gets several chunks.
    many = [WorkItem(f"/s{i}", size=10) for i in range(64)]
    assert len(plan_chunks(many, slots=2, max_works=64, max_bytes=10**9)) >= 16


def test_a_failed_chunk_is_retried_work_by_work(tmp_path: Path) -> None:
    run = _Run.__new__(_Run)  # only the failure handling is exercised: no cluster needed
    chunk = [WorkItem("/a"), WorkItem("/b"), WorkItem("/c")]
    pending: deque[list[WorkItem]] = deque([[WorkItem("/later")]])
    assert run._failed_chunk(chunk, KilledWorker("task", "worker", 1), pending) is None
    assert [c[0].path for c in pending] == ["/a", "/b", "/c", "/later"]
    result = run._failed_chunk([WorkItem("/a")], KilledWorker("task", "worker", 1), pending)
    assert result is not None and result.failed == ("/a",) and result.ok == ()
    assert set(result.tables) == {"errors"}
