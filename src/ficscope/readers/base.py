"""What every reader shares: the Reader shape, safe file loading, and a builder that assembles
extracted blocks (from HTML or EPUB) into one text with spans.

A reader is an object with a ``name``, ``can_read(path, head) -> bool`` (``head`` is the first
bytes of the file) and ``read(path) -> Work``. Readers are registered explicitly in
:mod:`ficscope.readers`, most specific first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ficscope.errors import EmptyInputError, FileAccessError
from ficscope.model import Block, BlockRole, Chapter, Metadata, Source, Span, Work

# Bigger than any real work: the longest fics run to a few million words, ~30 MB of text. Reading
# and structuring takes about four times the text's size in memory, the analysis passes more; a
# cap keeps every run's memory bounded.
MAX_FILE_BYTES = 64 * 1024 * 1024
HEAD_BYTES = 64 * 1024
BLOCK_SEPARATOR = "\n\n"


class Reader(Protocol):
    name: str

    def can_read(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path) -> Work: ...


def check_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> int:
    """The file's size, after checking that it is a readable regular file of acceptable size."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise FileAccessError(path, "no such file") from exc
    except OSError as exc:
        raise FileAccessError(path, f"cannot open: {exc.strerror or exc}") from exc
    if path.is_dir():
        raise FileAccessError(path, "is a directory, not a file")
    if not path.is_file():
        raise FileAccessError(path, "is not a regular file")
    if info.st_size == 0:
        raise EmptyInputError(path, "the file is empty")
    if info.st_size > max_bytes:
        raise FileAccessError(
            path, f"too large ({_size(info.st_size)}; the limit is {_size(max_bytes)})"
        )
    if not os.access(path, os.R_OK):
        raise FileAccessError(path, "permission denied")
    return info.st_size


def read_bytes(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, after :func:`check_file`. Reads no more than the size it reported (plus
    one byte, to notice a file still growing): ``read(max_bytes)`` would allocate ``max_bytes``."""
    size = check_file(path, max_bytes=max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(min(size, max_bytes) + 1)
            if len(data) > size:  # the file grew since it was measured
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise FileAccessError(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise FileAccessError(path, f"too large (more than {_size(max_bytes)})")
    return data


def read_head(path: Path, n: int = HEAD_BYTES) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(n)
    except OSError as exc:
        raise FileAccessError(path, f"cannot read: {exc.strerror or exc}") from exc


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


@dataclass
class _OpenChapter:
    start: int
    title: str | None
    number: int | None
    heading: Span | None
    source: str | None
    summary: str | None


@dataclass
class WorkBuilder:
    """Assembles blocks of extracted text into a Work: blocks are joined by a blank line and each
    becomes a :class:`Block` span; chapters group the blocks added after :meth:`start_chapter`."""

    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    _pos: int = 0
    _open: _OpenChapter | None = None

    def add(self, text: str, role: BlockRole = BlockRole.PARAGRAPH) -> Block | None:
        """Append a block; blank text is skipped (returns None)."""
        text = text.strip()
        if not text:
            return None
        if self.parts:
            self.parts.append(BLOCK_SEPARATOR)
            self._pos += len(BLOCK_SEPARATOR)
        block = Block(self._pos, self._pos + len(text), role)
        self.parts.append(text)
        self._pos += len(text)
        self.blocks.append(block)
        return block

    def add_all(self, texts: Iterable[str], role: BlockRole = BlockRole.PARAGRAPH) -> None:
        for text in texts:
            self.add(text, role)

    def start_chapter(
        self,
        *,
        heading: str | None = None,
        title: str | None = None,
        number: int | None = None,
        source: str | None = None,
        summary: str | None = None,
    ) -> None:
        """Close the open chapter and open a new one, with its heading as the first block."""
        self.end_chapter()
        start = self._pos + (len(BLOCK_SEPARATOR) if self.parts else 0)
        heading_span = None
        if heading and heading.strip():
            block = self.add(heading, BlockRole.HEADING)
            assert block is not None
            heading_span = Span(block.start, block.end)
            start = block.start
        self._open = _OpenChapter(start, title, number, heading_span, source, summary)

    def end_chapter(self) -> None:
        chapter = self._open
        if chapter is None:
            return
        self._open = None
        start = min(chapter.start, self._pos)
        self.chapters.append(
            Chapter(
                start=start,
                end=self._pos,
                index=len(self.chapters),
                title=chapter.title,
                number=chapter.number,
                heading=chapter.heading,
                source=chapter.source,
                summary=chapter.summary,
            )
        )

    def build(self, *, path: Path, fmt: str, metadata: Metadata) -> Work:
        self.end_chapter()
        text = "".join(self.parts)
        if not text.strip():
            raise EmptyInputError(path, "no story text found")
        return Work(
            text=text,
            metadata=metadata,
            source=Source(path=str(path), format=fmt),
            chapters=tuple(self.chapters),
            blocks=tuple(self.blocks),
            layers=("read",),
        )
