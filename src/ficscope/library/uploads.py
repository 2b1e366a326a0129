"""Browser uploads: checked, saved under a name of our own, analyzed in a background thread with
progress a page can poll, then stored.

The uploaded name is only shown, never used as a path: the file is written to a fresh temporary
file whose name ficscope chooses, keeping only a known suffix so the right reader is picked.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from ficscope import pipeline
from ficscope.errors import FicscopeError, InputError
from ficscope.library.importer import WORK_SUFFIXES
from ficscope.library.records import record_for
from ficscope.library.store import Library
from ficscope.readers import read_work

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
KEEP_JOBS = 200


class UploadError(FicscopeError):
    """An upload refused before analysis: too big, an unsupported type, no file at all."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


def display_name(raw: str | None) -> str:
    """The uploaded file's base name, made safe to show (no directories, no control characters)."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200] or "upload"


def check_name(name: str) -> str:
    """The suffix to save under, after checking the type is one ficscope reads."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in WORK_SUFFIXES:
        known = ", ".join(sorted(WORK_SUFFIXES))
        raise UploadError(
            415, f"{name}: ficscope reads {known} files, not {suffix or 'files without a suffix'}"
        )
    return suffix


@dataclass
class Job:
    id: str
    name: str
    size: int
    state: str = "queued"  # queued | analyzing | saving | done | failed
    stage: str = "waiting to start"
    step: int = 0
    steps: int = 1
    error: str | None = None
    work_id: int | None = None
    started: float = field(default_factory=time.time)

    def data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "size": self.size,
            "state": self.state,
            "stage": self.stage,
            "progress": round(self.step / self.steps, 3) if self.steps else 0,
            "error": self.error,
            "work_id": self.work_id,
            "finished": self.state in ("done", "failed"),
        }


class Uploads:
    """Analyzes uploaded files one at a time, keeping the recent jobs' states in memory."""

    def __init__(
        self, library: Library, *, max_bytes: int = DEFAULT_MAX_BYTES, folder: Path | None = None
    ) -> None:
        self.library = library
        self.max_bytes = max_bytes
        self._folder = folder
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ficscope-upload")

    def submit(self, name: str, data: bytes) -> Job:
        """Check and queue an upload; analysis starts in the background."""
        name = display_name(name)
        suffix = check_name(name)
        if not data:
            raise UploadError(400, f"{name}: the file is empty")
        if len(data) > self.max_bytes:
            raise UploadError(
                413, f"{name}: too large ({_mb(len(data))}; the limit is {_mb(self.max_bytes)})"
            )
        handle = tempfile.NamedTemporaryFile(
            prefix="ficscope-upload-", suffix=suffix, dir=self._folder, delete=False
        )
        with handle:
            handle.write(data)
        job = Job(secrets.token_urlsafe(12), name, len(data))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, Path(handle.name))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job_id: str, timeout: float = 30.0) -> Job | None:
        """Block until the job finishes (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.state in ("done", "failed"):
                return job
            time.sleep(0.02)
        return self.get(job_id)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, path: Path) -> None:
        try:
            job.state, job.stage = "analyzing", "reading the file"
            work = read_work(path)
            steps = pipeline.plan(pipeline.DEFAULT_PASSES, work.layers)
            job.steps = len(steps) + 2
            job.step = 1
            for step in steps:
                job.stage = f"analyzing: {step.name}"
                work = step.run(work)
                job.step += 1
            job.state, job.stage = "saving", "saving to the library"
            (stored,) = self.library.add([record_for(work, name=job.name)])
            job.work_id = stored.id
            job.step = job.steps
            job.state, job.stage = (
                "done",
                "replaced an earlier copy" if stored.replaced else "added",
            )
        except InputError as exc:
            # The message names our temporary file; say it with the name the user knows.
            job.state, job.error = "failed", f"{job.name}: {exc.problem}"
            job.stage = "could not read the file"
        except FicscopeError as exc:
            job.state, job.error, job.stage = "failed", f"{job.name}: {exc}", "analysis failed"
        except Exception:  # a bug: say so plainly, keep the trace in the log
            log.exception("upload %s failed", job.name)
            job.state, job.stage = "failed", "internal error"
            job.error = (
                f"{job.name}: ficscope failed on this file (an internal error; see the server log)"
            )
        finally:
            path.unlink(missing_ok=True)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
