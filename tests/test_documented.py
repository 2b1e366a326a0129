"""Docs that cannot drift: every CLI command and option, every registered pass, every JSON field
of the model and every value of its enums is documented in README.md or docs/*.md."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import click
import pytest

from ficscope.cli.main import main
from ficscope.model import Work
from ficscope.pipeline import registered

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DOCS_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in DOCS if p.exists())
DERIVED_FIELDS = ("metadata.missing",)  # added to the JSON by ficscope.model.serialize


def code_spans() -> set[str]:
    """Everything written `like this` in the docs (table cells list several: `a`, `b`)."""
    return set(re.findall(r"`([^`\n]+)`", DOCS_TEXT))


# --- CLI ------------------------------------------------------------------------------------


def commands(group: click.Group, prefix: str = "ficscope") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += commands(command, path)
    return found


COMMANDS = commands(main)


def test_there_are_commands_to_document() -> None:
    assert "ficscope analyze" in dict(COMMANDS)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_is_documented(path: str, command: click.Command) -> None:
    assert path in DOCS_TEXT, f"`{path}` is not in README.md or docs/*.md"


OPTIONS = [
    (path, option)
    for path, command in COMMANDS
    for option in command.params
    if isinstance(option, click.Option) and not option.hidden
]


@pytest.mark.parametrize(("path", "option"), OPTIONS, ids=[f"{p} {o.opts[-1]}" for p, o in OPTIONS])
def test_every_option_is_documented(path: str, option: click.Option) -> None:
    names = option.opts + option.secondary_opts
    assert any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", DOCS_TEXT) for n in names), (
        f"{path}: none of {names} is in README.md or docs/*.md"
    )


# --- passes ---------------------------------------------------------------------------------

PASSES = sorted(registered())


@pytest.mark.parametrize("name", PASSES)
def test_every_registered_pass_is_documented(name: str) -> None:
    assert name in code_spans(), f"pass `{name}` is not documented"


# --- JSON fields ----------------------------------------------------------------------------


def field_paths(cls: type, prefix: str = "") -> list[str]:
    """Dotted JSON paths of a dataclass's fields: `chapters[].heading.start`."""
    paths = []
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        path = f"{prefix}{f.name}"
        paths.append(path)
        inner = _dataclass_in(hints[f.name])
        if inner is not None:
            item = "[]" if get_origin(hints[f.name]) is tuple else ""
            paths += field_paths(inner, f"{path}{item}.")
    return paths


def _dataclass_in(tp: Any) -> type | None:
    if dataclasses.is_dataclass(tp):
        return tp  # type: ignore[return-value]
    origin = get_origin(tp)
    if origin is tuple or origin is typing.Union or origin is types.UnionType:
        for arg in get_args(tp):
            found = _dataclass_in(arg)
            if found is not None:
                return found
    return None


def enums_in(cls: type, seen: set[type] | None = None) -> set[type[Enum]]:
    seen = set() if seen is None else seen
    found: set[type[Enum]] = set()
    if cls in seen:
        return found
    seen.add(cls)
    for tp in typing.get_type_hints(cls).values():
        for arg in (tp, *get_args(tp)):
            if isinstance(arg, type) and issubclass(arg, Enum):
                found.add(arg)
            inner = _dataclass_in(arg)
            if inner is not None:
                found |= enums_in(inner, seen)
    return found


FIELDS = [*field_paths(Work), *DERIVED_FIELDS]


def _documented(path: str, spans: set[str]) -> bool:
    # `chapters[].start, chapters[].end` is one cell; a bare top-level name may stand alone.
    words = {w.strip() for span in spans for w in span.split(",")}
    return path in words or path in spans


@pytest.mark.parametrize("path", FIELDS)
def test_every_json_field_is_documented(path: str) -> None:
    assert _documented(path, code_spans()), f"JSON field `{path}` is not documented in docs/*.md"


ENUM_VALUES = sorted({(e.__name__, m.value) for e in enums_in(Work) for m in e})


@pytest.mark.parametrize(("enum", "value"), ENUM_VALUES)
def test_every_enum_value_in_the_json_is_documented(enum: str, value: str) -> None:
    assert value in code_spans(), f"{enum} value `{value}` is not documented"


def test_field_paths_cover_nested_layers() -> None:
    # The walk above must reach the nested objects, or the test would pass vacuously.
    assert {"chapters[].heading.start", "tags[].evidence[].note", "metadata.extra"} <= set(FIELDS)
    assert {"BlockRole", "TagType", "TagStatus"} <= {e.__name__ for e in enums_in(Work)}
