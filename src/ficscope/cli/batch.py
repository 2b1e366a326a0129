"""``ficscope batch`` and ``ficscope query``: corpus runs on Dask and DuckDB over their tables.

Exit codes of ``batch``: 0 when the failed works are within ``--max-failures`` (by default: none
failed), 1 when more failed, 2 for a command that cannot run (no such input, unusable output
directory, unreachable scheduler), 130 when interrupted (run the same command again to resume).
"""

from __future__ import annotations

import csv
import json
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from ficscope.batch.plan import CHUNK_BYTES, CHUNK_WORKS
from ficscope.batch.progress import Progress, bar, duration, line
from ficscope.cli.main import friendly_errors, main

if TYPE_CHECKING:
    from ficscope.batch.engine import BatchReport

# Dask, Arrow and DuckDB are imported by the commands that need them, not at start-up.

EXIT_FAILURES = 1
EXIT_INTERRUPTED = 130
LOG_EVERY = 10.0  # seconds between plain progress lines
REDRAW_EVERY = 0.2  # seconds between redraws of the terminal bar


class ProgressView:
    """Progress on ``stream``: a bar redrawn on a terminal, a log line now and then elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last = 0.0
        self.drawn = False

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        final = progress.done >= progress.total
        if not final and now - self.last < (REDRAW_EVERY if self.tty else LOG_EVERY):
            return
        self.last = now
        if self.tty:
            self.stream.write("\r\x1b[K" + bar(progress))
            self.drawn = True
            if final:
                self.finish()
        else:
            self.stream.write(line(progress) + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Directory for the Parquet tables and the manifest (created if needed).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Local worker processes (default: one per core)."
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Run on an existing Dask cluster instead of a local one.",
)
@click.option(
    "--max-failures",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Failed works, as a ratio of all works, above which the exit code is 1.",
)
@click.option(
    "--memory-limit",
    default="auto",
    show_default=True,
    help="Memory per local worker (e.g. 4GB); a worker above it is restarted.",
)
@click.option(
    "--chunk-works",
    type=click.IntRange(min=1),
    default=CHUNK_WORKS,
    show_default=True,
    help="At most this many works per chunk (one Parquet file per table).",
)
@click.option(
    "--chunk-mb",
    type=click.FloatRange(min=0.001),
    default=CHUNK_BYTES / 2**20,
    show_default=True,
    help="At most this much input per chunk, in MiB.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress, only the summary.")
@friendly_errors
def batch_cli(
    inputs: tuple[str, ...],
    out: Path,
    workers: int | None,
    scheduler: str | None,
    max_failures: float,
    memory_limit: str,
    chunk_works: int,
    chunk_mb: float,
    quiet: bool,
) -> None:
    """Analyze every work in INPUTS (files, folders, globs, zip archives) into Parquet tables.

    Re-running the same command resumes: works already in OUT are skipped.
    """
    if scheduler is not None and workers is not None:
        raise click.UsageError(
            "--workers starts a local cluster; with --scheduler the cluster you name decides"
        )
    from ficscope.batch.engine import run_batch

    _quiet_dask()
    view = None if quiet else ProgressView(sys.stderr)
    try:
        report = run_batch(
            inputs,
            out,
            workers=workers,
            scheduler=scheduler,
            memory_limit=memory_limit,
            chunk_works=chunk_works,
            chunk_bytes=max(1, int(chunk_mb * 2**20)),
            on_progress=view,
        )
    except KeyboardInterrupt:
        if view is not None:
            view.finish()
        click.echo("ficscope: interrupted; run the same command again to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo(summary(report))
    if report.failure_ratio > max_failures:
        done = report.committed
        click.echo(
            f"ficscope: error: {done.failed} of {done.works + done.failed} works failed "
            f"({report.failure_ratio:.2%}), more than --max-failures {max_failures:g}; "
            f'see: ficscope query {out} "SELECT path, reason FROM errors"',
            err=True,
        )
        sys.exit(EXIT_FAILURES)


def summary(report: BatchReport) -> str:
    done = report.committed
    found = f"{report.found} works found, {report.skipped} already done"
    if report.analysed + report.failed == 0:
        first = f"{found}; nothing left to analyse"
    else:
        first = (
            f"{found}; this run analysed {report.analysed} and failed {report.failed} in "
            f"{duration(report.elapsed)} ({report.rate:.1f} works/s on {report.slots} workers)"
        )
    return f"{first}\n{report.out}: {done.works} works, {done.failed} failed, {done.words:,} words"


def _quiet_dask() -> None:
    # Dask logs every worker start and stop at INFO; only its warnings concern the user.
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.WARNING)


@main.command("query")
@click.argument("out", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("sql")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="How to print the result.",
)
@friendly_errors
def query_cli(out: Path, sql: str, fmt: str) -> None:
    """Run SQL (DuckDB) over the tables of a batch output directory OUT.

    Tables: works, characters, quotes, relationships, tags, errors.
    """
    from ficscope.batch.sql import query

    result = query(out, sql)
    if fmt == "json":
        records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_cell(v) for v in row] for row in result.rows])
    else:
        click.echo(table_text(result.columns, result.rows))


def table_text(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    """An aligned plain-text table, with the row count."""
    cells = [columns] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    out = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.insert(1, "  ".join("-" * w for w in widths))
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
