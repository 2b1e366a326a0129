"""The reader and library docs cannot drift: every option, route, parameter and JSON field of
these commands and pages is named in docs/reader.md or docs/library.md."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from ficscope.cli.library import library_add_cli, render_cli, serve_cli
from ficscope.library import FACETS, Library
from ficscope.library.web import create_app

DOCS = Path(__file__).resolve().parents[2] / "docs"
READER = (DOCS / "reader.md").read_text(encoding="utf-8")
LIBRARY = (DOCS / "library.md").read_text(encoding="utf-8")


def option_names(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option):
            names.extend(o for o in param.opts if o.startswith("--"))
    return names


@pytest.mark.parametrize(
    ("command", "doc"), [(render_cli, READER), (library_add_cli, LIBRARY), (serve_cli, LIBRARY)]
)
def test_every_option_is_documented(command: click.Command, doc: str) -> None:
    for name in option_names(command):
        assert f"`{name}" in doc or f", `{name}" in doc, f"{command.name} {name} is not in the docs"


def test_every_route_is_documented(library: Library) -> None:
    app = create_app(library)
    for route in app.routes:
        assert isinstance(route, Route)
        path = re.sub(r"\{work_id:int\}", "ID", route.path)
        path = path.replace("{key}", "KEY").replace("{job_id}", "JOB").replace("{name}", "NAME")
        assert f"`{path}" in LIBRARY or f"`POST {path}" in LIBRARY, route.path


def test_every_search_parameter_and_facet_is_documented() -> None:
    for facet in FACETS:
        assert f"`{facet}`" in LIBRARY
    for name in ("q", "words_min", "words_max", "sort", "page"):
        assert f"`{name}`" in LIBRARY


def test_every_json_field_of_search_and_uploads_is_documented(library: Library) -> None:
    with TestClient(create_app(library), base_url="http://127.0.0.1") as client:
        search = client.get("/search.json?q=storm").json()
        upload = client.get("/upload.json").json()
    fields = set(search) | set(search["results"][0]) | set(upload)
    for field in fields:
        assert f"`{field}`" in LIBRARY, field
