"""Adding files to a library: analyze each (in worker processes when asked), write in batches.

A file that cannot be read is recorded with its one-line error and the import goes on; the
report says what was added, replaced and refused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ficscope.errors import FicscopeError
from ficscope.library.records import WorkRecord, record_for
from ficscope.library.store import Library, Stored
from ficscope.pipeline import analyze_path

log = logging.getLogger(__name__)

# Files picked up when a directory is given (a file named directly is always tried).
WORK_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".epub"})
BATCH = 200


@dataclass
class ImportReport:
    added: list[Stored] = field(default_factory=list)
    replaced: list[Stored] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line message)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return len(self.added) + len(self.replaced)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and work files under directories named (sorted, hidden ones skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path).parts
                if (
                    found.is_file()
                    and found.suffix.lower() in WORK_SUFFIXES
                    and not any(p.startswith(".") for p in rel)
                ):
                    yield found
        else:
            yield path


def analyze_record(path: str) -> WorkRecord | tuple[str, str]:
    """Analyze one file into a record, or (path, error message) when it cannot be read."""
    try:
        return record_for(analyze_path(path))
    except FicscopeError as exc:
        return path, str(exc)
    except (MemoryError, RecursionError) as exc:
        return path, f"{path}: too large or too deeply nested to analyze ({type(exc).__name__})"


def import_paths(
    library: Library,
    paths: Iterable[str | Path],
    *,
    jobs: int = 1,
    batch: int = BATCH,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Analyze and store every file; ``jobs`` > 1 analyzes in that many worker processes."""
    report = ImportReport()
    started = time.perf_counter()
    names = [str(p) for p in expand(paths)]
    pending: list[WorkRecord] = []

    def flush() -> None:
        if pending:
            for stored in library.add(pending):
                (report.replaced if stored.replaced else report.added).append(stored)
            pending.clear()
            report.seconds = time.perf_counter() - started
            if progress is not None:
                progress(report)

    def take(outcome: WorkRecord | tuple[str, str]) -> None:
        if isinstance(outcome, tuple):
            log.info("cannot add %s", outcome[1])
            report.failed.append(outcome)
        else:
            pending.append(outcome)
            if len(pending) >= batch:
                flush()

    if jobs > 1 and len(names) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for outcome in pool.map(analyze_record, names, chunksize=4):
                take(outcome)
    else:
        for name in names:
            take(analyze_record(name))
    flush()
    report.seconds = time.perf_counter() - started
    return report
