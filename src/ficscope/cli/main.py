"""``ficscope`` command line. Validates arguments, calls library functions, and turns
:class:`~ficscope.errors.FicscopeError` into a one-line message and exit code 2."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click

from ficscope.errors import FicscopeError, PassError
from ficscope.model import work_to_json
from ficscope.pipeline import analyze_path
from ficscope.readers import reader_names
from ficscope.render.summary import summary_text

F = TypeVar("F", bound=Callable[..., Any])

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def friendly_errors(func: F) -> F:
    """Report ficscope errors (and interrupted runs) as one line, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PassError as exc:
            click.echo(f"ficscope: error: {exc}", err=True)
            if os.environ.get("FICSCOPE_DEBUG"):
                traceback.print_exception(exc)
            else:
                click.echo("ficscope: set FICSCOPE_DEBUG=1 to see the traceback", err=True)
            sys.exit(EXIT_INTERNAL)
        except FicscopeError as exc:
            click.echo(f"ficscope: error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except MemoryError:
            click.echo("ficscope: error: out of memory", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except KeyboardInterrupt:
            click.echo("ficscope: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def example_path() -> Path:
    """The short example story shipped inside the package."""
    return Path(str(resources.files("ficscope") / "examples" / "lanterns.txt"))


@click.group()
@click.version_option(package_name="ficscope")
def main() -> None:
    """ficscope reads fan fiction like a careful reader and an archive's tag wrangler."""


@main.command("analyze")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Write the full analysis as JSON.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout."
)
@click.option(
    "--format", "fmt", type=click.Choice(reader_names()), help="Override format detection."
)
@click.option("--example", is_flag=True, help="Analyze the example story shipped with ficscope.")
@friendly_errors
def analyze_cli(
    path: Path | None, as_json: bool, output: Path | None, fmt: str | None, example: bool
) -> None:
    """Analyze one work (plain text, AO3 HTML/EPUB, FanFicFare, FanFiction.net, EPUB, HTML)."""
    if example or path is None:
        if path is not None:
            raise click.UsageError("give a PATH or --example, not both")
        if not example:
            raise click.UsageError("give a PATH to analyze (or --example for the shipped story)")
        path = example_path()
    work = analyze_path(path, fmt=fmt)
    out = work_to_json(work) + "\n" if as_json else summary_text(work)
    if output is not None:
        try:
            output.write_text(out, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    else:
        click.echo(out, nl=False)


# Commands kept in their own modules register themselves on `main`.
from ficscope.cli import batch as _batch  # noqa: E402,F401  (batch, query)
from ficscope.cli import library as _library  # noqa: E402,F401  (render, library, serve)

if __name__ == "__main__":  # pragma: no cover
    main()
