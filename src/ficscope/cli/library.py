"""``ficscope render``, ``ficscope library add`` and ``ficscope serve``: thin commands over
:mod:`ficscope.render.html` and :mod:`ficscope.library`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ficscope.cli.main import friendly_errors, main

DEFAULT_DB = "ficscope-library.db"
DB_HELP = f"Library file (default: $FICSCOPE_DB or ./{DEFAULT_DB})."


def _db_path(db: Path | None) -> Path:
    return db or Path(os.environ.get("FICSCOPE_DB") or DEFAULT_DB)


@click.command("render")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to FILE (default: PATH with .html).",
)
@click.option("--format", "fmt", help="Override format detection (a reader name, as for analyze).")
@click.option(
    "--sample", is_flag=True, help="Render ficscope's hand-annotated sample story instead."
)
@friendly_errors
def render_cli(path: Path | None, output: Path | None, fmt: str | None, sample: bool) -> None:
    """Write the annotated reader for one work as a single self-contained HTML file."""
    from ficscope.pipeline import analyze_path
    from ficscope.render.html import write_reader
    from ficscope.render.sample import sample_work

    if sample == (path is not None):
        raise click.UsageError("give a PATH to render, or --sample")
    if sample:
        work = sample_work()
        output = output or Path("ficscope-sample.html")
    else:
        assert path is not None
        work = analyze_path(path, fmt=fmt)
        output = output or path.with_suffix(".html")
        if output.resolve() == path.resolve():
            raise click.UsageError(f"refusing to overwrite the input {path}; give -o")
    try:
        write_reader(work, output)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output}", err=True)


@click.group("library")
def library_cli() -> None:
    """Keep analyzed works in a searchable library (an SQLite file)."""


@library_cli.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for analysis.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line and failures.")
@friendly_errors
def library_add_cli(paths: tuple[Path, ...], db: Path | None, jobs: int, quiet: bool) -> None:
    """Analyze files (or every work file under directories) into the library."""
    from ficscope.library import ImportReport, Library, import_paths

    library = Library(_db_path(db))

    def progress(report: ImportReport) -> None:
        if not quiet:
            click.echo(
                f"  {report.done} stored, {len(report.failed)} failed, {report.rate:.1f} works/s",
                err=True,
            )

    report = import_paths(library, paths, jobs=jobs, progress=progress)
    for _path, message in report.failed:
        click.echo(f"ficscope: cannot add {message}", err=True)
    click.echo(
        f"added {len(report.added)}, replaced {len(report.replaced)}, failed {len(report.failed)}"
        f" in {report.seconds:.1f}s ({report.rate:.1f} works/s);"
        f" library {library.path} holds {library.count()} works"
    )
    if report.failed and not report.done:
        raise SystemExit(2)


@click.command("serve")
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(0.01, 1024),
    default=20.0,
    show_default=True,
    help="Largest upload accepted.",
)
@friendly_errors
def serve_cli(db: Path | None, host: str, port: int, max_upload_mb: float) -> None:
    """Serve the library's web UI: search, the annotated reader, character pages, uploads."""
    import uvicorn

    from ficscope.library import Library
    from ficscope.library.web import create_app

    library = Library(_db_path(db))
    app = create_app(library, max_upload_bytes=int(max_upload_mb * 1024 * 1024))
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: serving on {host}, reachable from other machines; there is no login",
            err=True,
        )
    click.echo(
        f"serving {library.path} ({library.count()} works) on http://{host}:{port}/", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


main.add_command(render_cli)
main.add_command(library_cli)
main.add_command(serve_cli)
