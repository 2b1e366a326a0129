"""Corpus runs on Dask: analyse many works into versioned Parquet tables, resumably, and query
them with DuckDB. See docs/batch.md.

::

    inputs.py    files, folders, globs, zip archives -> WorkItems
    engine.py    the Dask run: chunks, streaming submission, failure isolation, progress
    worker.py    what a worker does with a chunk: pipeline -> rows -> Parquet bytes
    schema.py    the six tables, their documented columns, Work -> rows
    output.py    the output directory, the manifest, atomic commits, recovery after a crash
    progress.py  rate, ETA and their renderings
    query.py     DuckDB views over the tables
"""

from ficscope.batch.engine import BatchReport, ClusterError, plan_chunks, run_batch
from ficscope.batch.inputs import WorkItem, discover
from ficscope.batch.output import Committed, OutputDir, OutputError
from ficscope.batch.progress import Progress
from ficscope.batch.query import QueryError, QueryResult, connect, query
from ficscope.batch.schema import SCHEMA_VERSION, TABLES

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
