"""What runs on a Dask worker: analyse a chunk of works, one at a time, into Parquet bytes.

A work that fails becomes a row in ``errors``; nothing a single work does stops the chunk. Each
Work is dropped as soon as its rows are taken, so a worker holds one work's analysis at a time plus
the rows of its chunk (the engine keeps chunks small in bytes).
"""

from __future__ import annotations

import io
import logging
import resource
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

import pyarrow.parquet as pq

from ficscope.batch.inputs import WorkItem, local_file
from ficscope.batch.schema import Rows, empty_rows, error_row, extend, to_arrow, work_rows
from ficscope.errors import FicscopeError
from ficscope.pipeline import analyze_path

log = logging.getLogger(__name__)

PARQUET_COMPRESSION: Final = "zstd"


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What a chunk produced: which keys were analysed or failed, and each non-empty table encoded
    as a Parquet file's bytes (the client writes them; workers need no shared output disk)."""

    ok: tuple[str, ...]
    failed: tuple[str, ...]
    words: int
    tables: dict[str, bytes] = field(default_factory=dict)


def analyze_chunk(items: Sequence[WorkItem], passes: Sequence[str] | None = None) -> ChunkResult:
    """Analyse ``items`` with the pipeline (its default passes unless ``passes`` is given)."""
    rows = empty_rows()
    ok: list[str] = []
    failed: list[str] = []
    words = 0
    for item in items:
        try:
            work_words = _analyze_one(item, passes, rows)
        except FicscopeError as exc:
            log.info("cannot analyse %s: %s", item.key, exc)
            rows["errors"].append(error_row(item.key, type(exc).__name__, _reason(exc)))
            failed.append(item.key)
        except Exception as exc:  # a bug in a pass must not stop the corpus; it is reported
            log.exception("analysis of %s failed", item.key)
            rows["errors"].append(
                error_row(item.key, type(exc).__name__, f"internal error: {_one_line(str(exc))}")
            )
            failed.append(item.key)
        else:
            words += work_words
            ok.append(item.key)
    return ChunkResult(tuple(ok), tuple(failed), words, encode(rows))


def _analyze_one(item: WorkItem, passes: Sequence[str] | None, rows: Rows) -> int:
    """Add the rows of one work; its Work is freed on return, before the next one is read."""
    with local_file(item) as path:
        work = analyze_path(path) if passes is None else analyze_path(path, passes=passes)
    extend(rows, work_rows(work, item.key))
    return work.word_count


def _reason(exc: FicscopeError) -> str:
    problem = getattr(exc, "problem", None)
    return _one_line(problem if isinstance(problem, str) else str(exc))


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line[:500] if line else "(no message)"


def encode(rows: Rows) -> dict[str, bytes]:
    """Each non-empty table as the bytes of one Parquet file."""
    out: dict[str, bytes] = {}
    for name, table_rows in rows.items():
        if table_rows:
            buffer = io.BytesIO()
            pq.write_table(to_arrow(name, table_rows), buffer, compression=PARQUET_COMPRESSION)
            out[name] = buffer.getvalue()
    return out


def usage() -> tuple[int, float]:
    """(peak resident memory in bytes, CPU seconds) of this process so far; the engine runs it
    on every worker at the end of a run."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    peak = own.ru_maxrss if sys.platform == "darwin" else own.ru_maxrss * 1024
    return peak, own.ru_utime + own.ru_stime
