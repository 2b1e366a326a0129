"""Markdown works (``.md``, ``.markdown``).

Front matter first: a ``---`` fenced block of YAML-style ``key: value`` lines (lists as
``[a, b]`` or ``- item`` lines, ``|`` blocks for long text), or leading ``Label: value`` lines
that all name known fields. The rest is rendered with markdown-it-py (CommonMark) and structured
like HTML: a lone ``# Title`` is the title, ``## Chapter`` headings split chapters, ``***`` is a
scene break. ``Work.text`` is the rendered text (emphasis marks and escapes removed), so offsets
index ``Work.text``, not the ``.md`` file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ficscope.errors import CorruptInputError, EmptyInputError, UnsupportedFormatError
from ficscope.model import Work
from ficscope.readers.base import WorkBuilder, read_bytes
from ficscope.readers.fields import FieldCollector, field_for_label
from ficscope.readers.html import body_of, structure
from ficscope.readers.htmltext import parse_html
from ficscope.readers.plaintext import decode

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})

_FENCED = re.compile(
    r"\A---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.S | re.M
)
_KEY = re.compile(r"^(?P<key>[A-Za-z][\w '’()/-]{0,40}?)\s*:(?:\s+(?P<value>.*?))?\s*$")
_ITEM = re.compile(r"^\s+-\s+(?P<item>.*?)\s*$|^-\s+(?P<top>.*?)\s*$")


def split_front_matter(text: str) -> tuple[list[tuple[str, str | tuple[str, ...]]], str]:
    """(fields, rest of the text). Fields keep their order; a list value is a tuple."""
    fenced = _FENCED.match(text)
    if fenced:
        return _parse_yamlish(fenced["body"].splitlines()), text[fenced.end() :]
    lines = []
    for line in text.splitlines():
        if not line.strip():
            break
        lines.append(line)
    if lines and all(
        (m := _KEY.match(line)) is not None and field_for_label(m["key"]) is not None
        for line in lines
    ):
        return _parse_yamlish(lines), "\n".join(text.splitlines()[len(lines) :])
    return [], text


def _parse_yamlish(lines: list[str]) -> list[tuple[str, str | tuple[str, ...]]]:
    fields: list[tuple[str, str | tuple[str, ...]]] = []
    key: str | None = None
    scalar: list[str] = []
    items: list[str] = []

    def close() -> None:
        if key is not None:
            fields.append((key, tuple(items) if items else " ".join(scalar).strip()))

    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.match(line)
        labelled = _KEY.match(line) if not line[:1].isspace() else None
        if item and key is not None and not scalar:
            items.append(_unquote(item["item"] if item["item"] is not None else item["top"]))
        elif labelled:
            close()
            key, scalar, items = labelled["key"].strip(), [], []
            value = (labelled["value"] or "").strip()
            if value.startswith("[") and value.endswith("]"):
                items = [_unquote(v) for v in _split_flow(value[1:-1])]
            elif value not in ("|", ">", "|-", ">-"):
                scalar = [_unquote(value)] if value else []
        elif key is not None:
            scalar.append(line.strip())  # a continuation or a block-scalar line
    close()
    return fields


def _split_flow(value: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for ch in value:
        if ch in "\"'" and (not quote or quote == ch):
            quote = "" if quote else ch
        if ch == "," and not quote:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


class MarkdownReader:
    """Stories written in Markdown."""

    name = "markdown"

    def __init__(self) -> None:
        self._md: MarkdownIt | None = None  # made on the first read: markdown-it loads slowly

    def can_read(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in MARKDOWN_SUFFIXES

    def read(self, path: Path) -> Work:
        try:
            text, _ = decode(read_bytes(path), path)
        except UnsupportedFormatError as exc:
            raise CorruptInputError(path, f"not Markdown text: {exc.problem}") from exc
        if not text.strip():
            raise EmptyInputError(path, "the file holds only white space")
        fields, body = split_front_matter(text.lstrip("\ufeff"))
        collector = FieldCollector()
        for key, value in fields:
            collector.add(key, value)
        if self._md is None:
            from markdown_it import MarkdownIt

            self._md = MarkdownIt("commonmark")
        try:
            rendered = self._md.render(body)
        except RecursionError as exc:
            raise CorruptInputError(path, "Markdown nested too deeply to read") from exc
        builder = WorkBuilder()
        structure(
            body_of(parse_html(f"<html><body>{rendered}</body></html>", path)), builder, collector
        )
        return builder.build(path=path, fmt=self.name, metadata=collector.build())
