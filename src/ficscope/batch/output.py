"""The output directory of a batch run and the manifest that makes runs resumable.

::

    DIR/
      _manifest.jsonl          a header line, then one line per committed part
      works/part-<id>.parquet  one file per committed part and table (empty tables are skipped)
      characters/ quotes/ relationships/ tags/ errors/

A part is committed in two steps: its table files are written (each to a temporary name, synced,
then renamed), and then one line naming the part and its works is appended to the manifest and
synced. The manifest line is the commit. When a run is killed anywhere in between, the next run
opens the directory, drops a half-written last manifest line, deletes every part file the manifest
does not name, and analyses those works again: every work ends up in the tables exactly once.

Only one run may write to a directory at a time (an advisory lock on the manifest).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ficscope.batch.schema import SCHEMA_VERSION, TABLES
from ficscope.errors import FicscopeError, SchemaError

log = logging.getLogger(__name__)

MANIFEST = "_manifest.jsonl"
FORMAT = "ficscope-batch"
PART_PREFIX = "part-"
PART_SUFFIX = ".parquet"
TMP_SUFFIX = ".tmp"


class OutputError(FicscopeError):
    """An output directory that cannot be used: not a batch output, or busy with another run."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class Committed:
    """Totals over every part the manifest names."""

    works: int
    failed: int
    words: int

    @property
    def failure_ratio(self) -> float:
        total = self.works + self.failed
        return self.failed / total if total else 0.0


def read_header(out: Path) -> dict[str, Any]:
    """The manifest's header, checked: raises unless ``out`` holds a batch output of this schema."""
    try:
        with (out / MANIFEST).open("r", encoding="utf-8") as handle:
            first = handle.readline()
    except FileNotFoundError as exc:
        raise OutputError(out, f"not a batch output directory (no {MANIFEST})") from exc
    except OSError as exc:
        raise OutputError(out, f"cannot read {MANIFEST}: {exc.strerror or exc}") from exc
    return _parse_header(out, first)


def _parse_header(out: Path, line: str) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except json.JSONDecodeError as exc:
        raise OutputError(out, f"{MANIFEST} has no valid header") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise OutputError(out, f"{MANIFEST} is not a ficscope batch manifest")
    if header.get("schema") != SCHEMA_VERSION:
        raise SchemaError(
            f"{out}: written with batch schema {header.get('schema')!r}; this ficscope writes and "
            f"reads schema {SCHEMA_VERSION} (use a new output directory)"
        )
    return header


class OutputDir:
    """An output directory opened for writing. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, path: Path, manifest: IO[str]) -> None:
        self.path = path
        self._manifest = manifest
        self.done: set[str] = set()
        self._parts: set[str] = set()
        self._works = 0
        self._failed = 0
        self._words = 0

    @classmethod
    def open(cls, path: str | Path) -> OutputDir:
        """Open (creating if needed) and recover ``path`` after whatever stopped the last run."""
        out = Path(path)
        if out.is_dir() and not (out / MANIFEST).exists() and any(out.iterdir()):
            raise OutputError(out, "is not empty and holds no batch output; give a new directory")
        try:
            out.mkdir(parents=True, exist_ok=True)
            handle = (out / MANIFEST).open("a+", encoding="utf-8")
        except OSError as exc:
            raise OutputError(out, f"cannot write here: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise OutputError(out, "another batch run is writing to this directory") from exc
        output = cls(out, handle)
        try:
            output._recover()
        except BaseException:
            handle.close()
            raise
        return output

    def _recover(self) -> None:
        self._manifest.seek(0)
        content = self._manifest.read()
        complete = content[: content.rfind("\n") + 1]
        if len(complete) != len(content):
            log.warning("dropping a half-written manifest line left by an interrupted run")
            self._manifest.truncate(len(complete.encode("utf-8")))
        lines = complete.splitlines()
        if not lines:
            created = datetime.now(UTC).isoformat(timespec="seconds")
            self._append({"format": FORMAT, "schema": SCHEMA_VERSION, "created": created})
        else:
            _parse_header(self.path, lines[0])
        for number, line in enumerate(lines[1:], start=2):
            try:
                self._load(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise OutputError(self.path, f"{MANIFEST} line {number} is damaged") from exc
        for table in TABLES:
            (self.path / table).mkdir(exist_ok=True)
        self._remove_orphans()

    def _load(self, entry: dict[str, Any]) -> None:
        self._parts.add(entry["part"])
        self.done.update(entry["ok"])
        self.done.update(entry["failed"])
        self._works += len(entry["ok"])
        self._failed += len(entry["failed"])
        self._words += entry.get("words", 0)

    def _remove_orphans(self) -> None:
        for table in TABLES:
            for file in (self.path / table).iterdir():
                name = file.name
                if not name.startswith(PART_PREFIX):
                    continue
                part = name[len(PART_PREFIX) : -len(PART_SUFFIX)]
                committed = name.endswith(PART_SUFFIX) and part in self._parts
                if name.endswith(TMP_SUFFIX) or (name.endswith(PART_SUFFIX) and not committed):
                    log.info("removing %s, left by an interrupted run", file)
                    file.unlink()

    @property
    def committed(self) -> Committed:
        return Committed(self._works, self._failed, self._words)

    def commit(
        self,
        part: str,
        *,
        ok: Iterable[str],
        failed: Iterable[str],
        words: int,
        tables: dict[str, bytes],
    ) -> None:
        """Write a part's table files, then record it in the manifest (the commit point)."""
        if part in self._parts:
            raise ValueError(f"part {part!r} is already committed")
        for table, data in tables.items():
            if table not in TABLES:
                raise ValueError(f"unknown table {table!r}")
            _write_atomic(self.path / table / f"{PART_PREFIX}{part}{PART_SUFFIX}", data)
        entry = {"part": part, "ok": list(ok), "failed": list(failed), "words": words}
        self._append(entry)
        self._load(entry)

    def _append(self, entry: dict[str, Any]) -> None:
        self._manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._manifest.flush()
        os.fsync(self._manifest.fileno())

    def close(self) -> None:
        self._manifest.close()  # releases the lock

    def __enter__(self) -> OutputDir:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _write_atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(target.name + TMP_SUFFIX)
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
