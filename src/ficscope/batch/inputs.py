"""What a batch reads: files, folders (walked recursively), glob patterns and zip archives of works.

Every work found becomes a :class:`WorkItem` with a stable ``key`` (its absolute path, or
``archive.zip!member`` for a work inside an archive), the identity the manifest records.

A ``.zip`` file is an archive of works unless it is an EPUB (which is itself one work); EPUB files
and every other file go to the readers as they are.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ficscope.errors import CorruptInputError, FileAccessError
from ficscope.readers.base import MAX_FILE_BYTES

log = logging.getLogger(__name__)

ARCHIVE_SUFFIX = ".zip"
_EPUB_MIMETYPE = b"application/epub+zip"


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One work to analyse: a file, or a member of a zip archive.

    ``problem`` is set when the item is known to be unreadable before any worker sees it (a zip
    archive that cannot be opened): it is then recorded as an error without being analysed.
    """

    path: str  # absolute path of the file (of the archive, for a member)
    member: str | None = None
    size: int = 0
    problem: str | None = None

    @property
    def key(self) -> str:
        return self.path if self.member is None else f"{self.path}!{self.member}"


def discover(inputs: Sequence[str]) -> list[WorkItem]:
    """The works named by ``inputs``, each once, in the order given (folders walked sorted).

    Raises :class:`FileAccessError` for an input that does not exist or a pattern that matches
    nothing: that is a mistake in the command, not a broken work.
    """
    seen: set[str] = set()
    items: list[WorkItem] = []
    for given in inputs:
        for item in _expand(given):
            if item.key not in seen:
                seen.add(item.key)
                items.append(item)
    return items


def _expand(given: str) -> Iterator[WorkItem]:
    path = Path(given)
    if path.exists():
        yield from _items_under(path)
        return
    if glob.has_magic(given):
        matches = sorted(glob.glob(given, recursive=True))
        if not matches:
            raise FileAccessError(given, "the pattern matches no files")
        for match in matches:
            yield from _items_under(Path(match))
        return
    raise FileAccessError(given, "no such file or folder")


def _items_under(path: Path) -> Iterator[WorkItem]:
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield from _items_of_file(Path(root) / name)
    else:
        yield from _items_of_file(path)


def _items_of_file(path: Path) -> Iterator[WorkItem]:
    absolute = os.path.abspath(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the worker reports why it cannot be read
    if path.suffix.lower() != ARCHIVE_SUFFIX:
        yield WorkItem(absolute, size=size)
        return
    try:
        with zipfile.ZipFile(path) as archive:
            if _is_epub(archive):
                yield WorkItem(absolute, size=size)
                return
            members = [info for info in archive.infolist() if _is_work_member(info)]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield WorkItem(absolute, size=size, problem=f"cannot open the zip archive: {exc}")
        return
    log.debug("%s: %d works in the archive", absolute, len(members))
    for info in members:
        yield WorkItem(absolute, member=info.filename, size=info.file_size)


def _is_epub(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    if "META-INF/container.xml" in names:
        return True
    if "mimetype" in names:
        with archive.open("mimetype") as handle:
            return handle.read(len(_EPUB_MIMETYPE)) == _EPUB_MIMETYPE
    return False


def _is_work_member(info: zipfile.ZipInfo) -> bool:
    if info.is_dir():
        return False
    parts = PurePosixPath(info.filename).parts
    return not any(part.startswith(".") or part == "__MACOSX" for part in parts)


@contextmanager
def local_file(item: WorkItem) -> Iterator[Path]:
    """A path the readers can open for ``item``: the file itself, or a member extracted to a
    temporary file (same name, so format detection by suffix works) that is removed afterwards."""
    if item.problem is not None:
        raise CorruptInputError(item.key, item.problem)
    if item.member is None:
        yield Path(item.path)
        return
    tmp = tempfile.mkdtemp(prefix="ficscope-batch-")
    try:
        target = Path(tmp) / (PurePosixPath(item.member).name or "work")
        _extract(item, target)
        yield target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _extract(item: WorkItem, target: Path) -> None:
    assert item.member is not None
    try:
        with zipfile.ZipFile(item.path) as archive:
            info = archive.getinfo(item.member)
            # zipfile yields no more than the declared size, so checking it bounds the copy.
            if info.file_size > MAX_FILE_BYTES:
                raise FileAccessError(item.key, "too large to be a work")
            with archive.open(info) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)
    except KeyError as exc:
        raise FileAccessError(item.key, "no longer in the archive") from exc
    except FileNotFoundError as exc:
        raise FileAccessError(item.key, "the archive is gone") from exc
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise CorruptInputError(item.key, f"cannot extract from the archive: {exc}") from exc
