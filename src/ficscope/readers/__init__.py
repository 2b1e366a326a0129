"""Readers turn a file into a Work. Registered explicitly here, most specific first; the plain-text
reader is the fallback. ``--format NAME`` picks one by name."""

from __future__ import annotations

from pathlib import Path

from ficscope.errors import UnsupportedFormatError
from ficscope.model import Work
from ficscope.readers.ao3_epub import Ao3EpubReader
from ficscope.readers.ao3_html import Ao3HtmlReader
from ficscope.readers.ao3_page import Ao3PageReader
from ficscope.readers.base import Reader, check_file, read_head
from ficscope.readers.epub import EpubReader
from ficscope.readers.fanficfare import (
    FanFicFareEpubReader,
    FanFicFareHtmlReader,
    FanFicFareTextReader,
)
from ficscope.readers.ffnet import FFnetReader
from ficscope.readers.html import HtmlReader
from ficscope.readers.markdown import MarkdownReader
from ficscope.readers.plaintext import PlainTextReader

READERS: tuple[Reader, ...] = (
    Ao3HtmlReader(),
    Ao3EpubReader(),
    Ao3PageReader(),
    FanFicFareEpubReader(),
    FanFicFareHtmlReader(),
    FanFicFareTextReader(),
    FFnetReader(),
    EpubReader(),
    HtmlReader(),
    MarkdownReader(),
    PlainTextReader(),
)


def reader_names() -> tuple[str, ...]:
    return tuple(r.name for r in READERS)


def find_reader(path: Path, fmt: str | None = None) -> Reader:
    """The reader for ``path``: the one named ``fmt``, or the first that recognises the file."""
    if fmt is not None:
        for reader in READERS:
            if reader.name == fmt:
                return reader
        raise UnsupportedFormatError(
            path, f"unknown format {fmt!r} (known: {', '.join(reader_names())})"
        )
    head = read_head(path)
    for reader in READERS:
        if reader.can_read(path, head):
            return reader
    raise UnsupportedFormatError(path, "no reader recognises this file")


def read_work(path: str | Path, *, fmt: str | None = None) -> Work:
    """Read a file into a Work (structure only; run the pipeline for the analysis layers)."""
    path = Path(path)
    check_file(path)
    return find_reader(path, fmt).read(path)


__all__ = ["READERS", "find_reader", "read_work", "reader_names"]
