"""Corpus runs on Dask: find the works, skip those already done, analyse the rest in chunks on a
cluster, commit each chunk's tables as it arrives.

The run streams: only a few chunks per worker are in flight at a time, and every future's result
is consumed (a failure included) and released. A chunk whose worker died (out of memory, killed)
is split and its works are sent again one by one, so one bad work cannot take its neighbours with
it; a single work that still kills its worker is recorded in ``errors`` as ``WorkerDied``.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed

from ficscope.batch.inputs import WorkItem, discover
from ficscope.batch.output import Committed, OutputDir
from ficscope.batch.plan import CHUNK_BYTES, CHUNK_WORKS, plan_chunks
from ficscope.batch.progress import Progress
from ficscope.batch.schema import empty_rows, error_row
from ficscope.batch.worker import ChunkResult, analyze_chunk, encode, usage
from ficscope.errors import FicscopeError

# distributed ships no type hints for most of its API: the calls into it carry
# `type: ignore[no-untyped-call]`.

log = logging.getLogger(__name__)

IN_FLIGHT_PER_SLOT = 2  # chunks sent ahead per worker thread
CONNECT_TIMEOUT = "30s"


# Dask settings for the local cluster. A task whose worker dies is not retried by Dask: the engine
# retries its works one by one. Workers keep no data between tasks, so there is nothing to spill,
# and pausing a worker whose memory stays high after a long work would stall the run: only the
# hard limit applies (the nanny restarts a worker at 95% of --memory-limit).
LOCAL_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False,
    "distributed.worker.memory.terminate": 0.95,
}


class ClusterError(FicscopeError):
    """The Dask cluster cannot be started or reached."""


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a run did, and where the output directory stands after it."""

    out: Path
    found: int  # works named by the inputs
    skipped: int  # already in the output from an earlier run
    analysed: int  # analysed by this run
    failed: int  # failed in this run (recorded in `errors`)
    words: int  # story words analysed by this run
    elapsed: float  # seconds spent analysing, once the cluster was up
    startup: float  # seconds to start or reach the cluster
    slots: int  # worker threads used
    committed: Committed  # totals over the whole output directory
    worker_peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes
    worker_cpu: dict[str, float] = field(default_factory=dict)  # worker -> CPU seconds

    @property
    def rate(self) -> float:
        """Works per second in this run."""
        done = self.analysed + self.failed
        return done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def failure_ratio(self) -> float:
        """Failed works over all works in the output directory (earlier runs included)."""
        return self.committed.failure_ratio


def run_batch(
    inputs: Sequence[str],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    memory_limit: str = "auto",
    passes: Sequence[str] | None = None,
    chunk_works: int = CHUNK_WORKS,
    chunk_bytes: int = CHUNK_BYTES,
    on_progress: Callable[[Progress], None] | None = None,
) -> BatchReport:
    """Analyse every work named by ``inputs`` into Parquet tables under ``out``.

    Runs on a new local cluster of ``workers`` processes (default: one per core), or on the
    existing cluster whose scheduler is at ``scheduler`` (``tcp://host:port``). Works already
    recorded in ``out``'s manifest are skipped. ``passes`` defaults to the pipeline's own.
    """
    if chunk_works < 1 or chunk_bytes < 1:
        raise ValueError("chunk sizes must be positive")
    items = discover(inputs)
    with OutputDir.open(out) as output:
        todo = [item for item in items if item.key not in output.done]
        skipped = len(items) - len(todo)
        log.info("%d works found, %d already done, %d to analyse", len(items), skipped, len(todo))
        if not todo:
            return BatchReport(
                Path(out), len(items), skipped, 0, 0, 0, 0.0, 0.0, 0, output.committed
            )
        started = time.monotonic()
        with _client(scheduler, workers, memory_limit) as client:
            slots = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
            startup = time.monotonic() - started
            log.info("cluster ready in %.1fs: %d worker threads", startup, slots)
            chunks = plan_chunks(todo, slots=slots, max_works=chunk_works, max_bytes=chunk_bytes)
            run = _Run(client, output, passes, slots, todo, skipped, on_progress)
            run.execute(chunks)
            used = client.run(usage)
        return BatchReport(
            Path(out),
            len(items),
            skipped,
            run.analysed,
            run.failed,
            run.words,
            run.elapsed,
            startup,
            slots,
            output.committed,
            worker_peak_rss={str(k): int(v[0]) for k, v in used.items()},
            worker_cpu={str(k): float(v[1]) for k, v in used.items()},
        )


@contextmanager
def _client(scheduler: str | None, workers: int | None, memory_limit: str) -> Iterator[Client]:
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            if not client.nthreads():  # type: ignore[no-untyped-call]
                raise ClusterError(f"the Dask cluster at {scheduler} has no workers")
            yield client
        return
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n < 1:
        raise ValueError("workers must be at least 1")
    with (
        dask.config.set(LOCAL_CONFIG),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n,
            threads_per_worker=1,  # analysis is pure Python: one thread per process
            processes=True,
            memory_limit=memory_limit,
            dashboard_address=":0",  # a free port: never clashes with another cluster
        ) as cluster,
        Client(cluster, set_as_default=False) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


class _Run:
    """One pass over the chunks: submit a few ahead, commit each result as it completes."""

    def __init__(
        self,
        client: Client,
        output: OutputDir,
        passes: Sequence[str] | None,
        slots: int,
        todo: Sequence[WorkItem],
        skipped: int,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        self.client = client
        self.output = output
        self.passes = tuple(passes) if passes is not None else None
        self.max_in_flight = slots * IN_FLIGHT_PER_SLOT
        self.total = len(todo)
        self.input_bytes = sum(item.size for item in todo)
        self.done_bytes = 0
        self.skipped = skipped
        self.on_progress = on_progress
        self.run_id = f"{datetime.now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
        self.seq = 0
        self.analysed = 0
        self.failed = 0
        self.words = 0
        self.elapsed = 0.0

    def execute(self, chunks: list[list[WorkItem]]) -> None:
        pending = deque(chunks)
        in_flight: dict[Future[ChunkResult], tuple[str, list[WorkItem]]] = {}
        completed = as_completed(loop=self.client.loop)  # type: ignore[no-untyped-call]
        started = time.monotonic()

        def fill() -> None:
            while pending and len(in_flight) < self.max_in_flight:
                chunk = pending.popleft()
                part = self._next_part()
                future = self.client.submit(
                    analyze_chunk, chunk, self.passes, key=f"ficscope-batch-{part}", pure=False
                )
                in_flight[future] = (part, chunk)
                completed.add(future)  # type: ignore[no-untyped-call]

        fill()
        for future in completed:
            part, chunk = in_flight.pop(future)
            try:
                result: ChunkResult | None = future.result()
            except Exception as exc:  # noqa: BLE001 -- every failure is handled here, by kind
                result = self._failed_chunk(chunk, exc, pending)
            finally:
                future.release()
            if result is not None:
                self.output.commit(
                    part,
                    ok=result.ok,
                    failed=result.failed,
                    words=result.words,
                    tables=result.tables,
                )
                self.analysed += len(result.ok)
                self.failed += len(result.failed)
                self.words += result.words
                self.done_bytes += sum(item.size for item in chunk)
                self.elapsed = time.monotonic() - started
                if self.on_progress is not None:
                    self.on_progress(self.progress())
            fill()
        self.elapsed = time.monotonic() - started

    def _failed_chunk(
        self, chunk: list[WorkItem], exc: Exception, pending: deque[list[WorkItem]]
    ) -> ChunkResult | None:
        """A chunk whose task failed as a whole: retry its works one by one, or, for a single
        work, record why it failed."""
        if len(chunk) > 1:
            log.warning(
                "a chunk of %d works failed (%s); retrying them one by one",
                len(chunk),
                _describe(exc),
            )
            pending.extendleft([item] for item in reversed(chunk))
            return None
        item = chunk[0]
        kind = "WorkerDied" if isinstance(exc, KilledWorker) else type(exc).__name__
        log.warning("%s failed: %s", item.key, _describe(exc))
        rows = empty_rows()
        rows["errors"].append(error_row(item.key, kind, _describe(exc)))
        return ChunkResult((), (item.key,), 0, encode(rows))

    def _next_part(self) -> str:
        self.seq += 1
        return f"{self.run_id}-{self.seq:06d}"

    def progress(self) -> Progress:
        return Progress(
            total=self.total,
            done=self.analysed + self.failed,
            failed=self.failed,
            skipped=self.skipped,
            words=self.words,
            elapsed=self.elapsed,
            input_bytes=self.input_bytes,
            done_bytes=self.done_bytes,
        )


def _describe(exc: Exception) -> str:
    if isinstance(exc, KilledWorker):
        return "the worker analysing it died (out of memory, or killed)"
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:500]
