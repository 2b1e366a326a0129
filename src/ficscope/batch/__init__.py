"""Corpus runs on Dask: analyse many works into versioned Parquet tables, resumably, and query
them with DuckDB. See docs/batch.md.

::

    inputs.py    files, folders, globs, zip archives -> WorkItems
    plan.py      cutting the works into chunks (one task, one committed part each)
    engine.py    the Dask run: streaming submission, failure isolation, progress
    worker.py    what a worker does with a chunk: pipeline -> rows -> Parquet bytes
    schema.py    the six tables, their documented columns, Work -> rows
    output.py    the output directory, the manifest, atomic commits, recovery after a crash
    progress.py  rate, ETA and their renderings
    sql.py       DuckDB views over the tables (query, connect)

Names are imported on first use, so that ``import ficscope.batch.progress`` (the CLI's start-up)
does not load Dask, Arrow and DuckDB.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ficscope.batch.engine import BatchReport, ClusterError, run_batch
    from ficscope.batch.inputs import WorkItem, discover
    from ficscope.batch.output import Committed, OutputDir, OutputError
    from ficscope.batch.plan import plan_chunks
    from ficscope.batch.progress import Progress
    from ficscope.batch.schema import SCHEMA_VERSION, TABLES
    from ficscope.batch.sql import QueryError, QueryResult, connect, query

_HOMES = {
    "BatchReport": "engine",
    "ClusterError": "engine",
    "run_batch": "engine",
    "WorkItem": "inputs",
    "discover": "inputs",
    "Committed": "output",
    "OutputDir": "output",
    "OutputError": "output",
    "plan_chunks": "plan",
    "Progress": "progress",
    "QueryError": "sql",
    "QueryResult": "sql",
    "connect": "sql",
    "query": "sql",
    "SCHEMA_VERSION": "schema",
    "TABLES": "schema",
}

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "BatchReport",
    "ClusterError",
    "Committed",
    "OutputDir",
    "OutputError",
    "Progress",
    "QueryError",
    "QueryResult",
    "WorkItem",
    "connect",
    "discover",
    "plan_chunks",
    "query",
    "run_batch",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
