"""Progress of a batch run: counts, rate and ETA, and their one-line renderings.

The engine reports a :class:`Progress` after every committed part; the CLI decides how to show it
(a redrawn bar on a terminal, plain log lines otherwise). Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    total: int  # works this run has to analyse (works done by an earlier run excluded)
    done: int  # analysed or failed so far in this run
    failed: int  # failed so far in this run
    skipped: int  # already in the output, from an earlier run
    words: int  # story words analysed so far in this run
    elapsed: float  # seconds since the first work was sent to a worker
    input_bytes: int = 0  # size of the works this run has to analyse
    done_bytes: int = 0  # size of those done so far

    @property
    def rate(self) -> float:
        """Works per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the pace so far; None before the pace is known. The pace is taken in
        bytes when sizes are known, since the largest works go first and the count of works
        done would make the start look slow."""
        if self.done >= self.total:
            return 0.0
        if self.input_bytes > 0 and self.done_bytes > 0:
            return self.elapsed * (self.input_bytes - self.done_bytes) / self.done_bytes
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 else None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


def duration(seconds: float | None) -> str:
    """``1h02m``, ``3m05s``, ``12s``; ``?`` when unknown."""
    if seconds is None:
        return "?"
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


def _counts(p: Progress) -> str:
    text = (
        f"{p.done}/{p.total} works ({p.fraction:.0%}), {p.rate:.1f} works/s, ETA {duration(p.eta)}"
    )
    if p.failed:
        text += f", {p.failed} failed"
    return text


def bar(p: Progress, width: int = 28) -> str:
    """A one-line progress bar for a terminal."""
    filled = int(width * p.fraction)
    return f"[{'#' * filled}{'.' * (width - filled)}] {_counts(p)}"


def line(p: Progress) -> str:
    """A plain log line, for logs and pipes."""
    return f"batch: {_counts(p)}, {duration(p.elapsed)} elapsed"
