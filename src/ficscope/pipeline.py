"""Runs analysis passes in order. Each pass declares the layers it requires and assigns; the
pipeline checks the order before running anything."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ficscope.errors import FicscopeError, PassError, PipelineError
from ficscope.model import Work

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pass:
    """A registered analysis step: ``run(work) -> work`` adding the layers in ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Work], Work]
    doc: str = ""


_REGISTRY: dict[str, Pass] = {}


def register(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[Callable[[Work], Work]], Callable[[Work], Work]]:
    """Decorator registering a pass function under ``name``."""

    def wrap(func: Callable[[Work], Work]) -> Callable[[Work], Work]:
        _REGISTRY[name] = Pass(
            name, tuple(requires), tuple(assigns), func, (func.__doc__ or "").strip()
        )
        return func

    return wrap


def registered() -> dict[str, Pass]:
    _load_passes()
    return dict(_REGISTRY)


DEFAULT_PASSES: tuple[str, ...] = (
    "segment",
    "quotes",
    "characters",
    "coref",
    "speakers",
    "relationships",
    "tags",
    "proofreading",
)


def _load_passes() -> None:
    # Importing the modules registers their passes.
    from ficscope.passes import characters, coref, proof, quotes, relations, segment, speakers, tags  # noqa: F401  # noqa: F401


def plan(names: Sequence[str], have: Sequence[str] = ("read",)) -> list[Pass]:
    """The passes named, checked: each one's requirements met by the layers before it."""
    passes = registered()
    available = set(have)
    steps = []
    for name in names:
        if name not in passes:
            raise PipelineError(f"unknown pass {name!r} (known: {', '.join(sorted(passes))})")
        step = passes[name]
        missing = [r for r in step.requires if r not in available]
        if missing:
            raise PipelineError(
                f"pass {name!r} needs {', '.join(missing)}, which no earlier pass assigns"
            )
        available.update(step.assigns)
        steps.append(step)
    return steps


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the passes run. They make hundreds of thousands
    of small objects (tokens, references, features) and almost no reference cycles, so the
    collector's repeated walks over everything alive found nothing and cost a seventh of the
    time; memory is freed by reference counting as before, and any cycles once it resumes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyze_work(work: Work, passes: Sequence[str] = DEFAULT_PASSES) -> Work:
    """Run the passes over a Work already read."""
    with _collector_paused():
        return _run_passes(work, passes)


def _run_passes(work: Work, passes: Sequence[str]) -> Work:
    for step in plan(passes, work.layers):
        log.debug("running pass %s", step.name)
        try:
            work = step.run(work)
        except FicscopeError:
            raise
        except (RecursionError, MemoryError) as exc:
            raise PassError(step.name, work.source.path, type(exc).__name__) from exc
        except Exception as exc:  # a bug in a pass: report it with where it happened
            raise PassError(step.name, work.source.path, f"{type(exc).__name__}: {exc}") from exc
    return work


def analyze_path(
    path: str | Path, *, fmt: str | None = None, passes: Sequence[str] = DEFAULT_PASSES
) -> Work:
    """Read a file and run the analysis passes over it."""
    from ficscope.readers import read_work

    return analyze_work(read_work(path, fmt=fmt), passes)
