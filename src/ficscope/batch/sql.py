"""Query a batch output with DuckDB: each table is a view over its Parquet parts.

>>> result = query("out/", "SELECT count(*) AS works FROM works")   # doctest: +SKIP
>>> result.columns, result.rows                                      # doctest: +SKIP
(['works'], [(10000,)])

A table with no part yet (no relationships found anywhere, say) is still there, empty, with its
columns, so a query never fails for want of data. Parts committed while a run goes on show up in
the next query.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ficscope.batch.output import PART_PREFIX, PART_SUFFIX, read_header
from ficscope.batch.schema import TABLES
from ficscope.errors import FicscopeError


class QueryError(FicscopeError):
    """SQL that DuckDB refuses (a syntax error, an unknown column, ...)."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def connect(out: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the batch output at ``out``."""
    path = Path(out)
    read_header(path)
    con = duckdb.connect()
    for name, schema in TABLES.items():
        folder = path / name
        if any(folder.glob(f"{PART_PREFIX}*{PART_SUFFIX}")):
            pattern = _sql_string(str(folder / f"{PART_PREFIX}*{PART_SUFFIX}"))
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({pattern})")
        else:
            con.register(name, schema.empty_table())
    return con


def query(out: str | Path, sql: str) -> QueryResult:
    """Run ``sql`` over the batch output at ``out``."""
    con = connect(out)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise QueryError(" ".join(str(exc).split())) from exc
    finally:
        con.close()
    return QueryResult(columns, rows)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
