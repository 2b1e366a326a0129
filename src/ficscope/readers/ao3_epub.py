"""AO3's EPUB download. AO3 makes it by running Calibre over the HTML download, which splits the
document into several files (the preface over two, each chapter its own) and renames most
classes; the spine documents are fed in order to the HTML download's parser, so an EPUB and the
HTML of the same work give the same metadata and text. The package document is recognised by its
publisher, "Archive of Our Own", and only fills in title, authors and summary if the preface
lacks them.
"""

from __future__ import annotations

from pathlib import Path

from ficscope.errors import CorruptInputError
from ficscope.model import Work
from ficscope.readers.ao3 import ARCHIVE_NAME, Ao3Fields, assemble
from ficscope.readers.ao3_html import DownloadParser, blocks_of
from ficscope.readers.epubzip import Epub, is_zip, open_epub
from ficscope.readers.htmltext import parse_html

_DOCUMENT_TYPES = frozenset(
    {"application/xhtml+xml", "text/html", "application/xml", "text/xml", ""}
)


def is_ao3_package(epub: Epub) -> bool:
    """Whether an opened EPUB says it was published by the Archive of Our Own."""
    return any(
        p.strip().lower() == ARCHIVE_NAME.lower() for p in epub.metadata.get("publisher", [])
    )


class Ao3EpubReader:
    """AO3's EPUB download."""

    name = "ao3_epub"

    def can_read(self, path: Path, head: bytes) -> bool:
        if not is_zip(head):
            return False
        try:
            with open_epub(path) as epub:
                return is_ao3_package(epub)
        except CorruptInputError:
            return False  # not ours to claim: the EPUB reader reports what is broken

    def read(self, path: Path) -> Work:
        with open_epub(path) as epub:
            parser = DownloadParser()
            for item in epub.spine:
                if item.media_type.lower() in _DOCUMENT_TYPES:
                    parser.feed(parse_html(epub.read(item.href), path), item.href)
            parsed = parser.result(path)
            _fill_from_package(parsed.fields, epub, path)
        sources = [f"{path.name}:{chapter.document}" for chapter in parsed.chapters]
        return assemble(parsed, path=path, fmt=self.name, sources=sources)


def _fill_from_package(fields: Ao3Fields, epub: Epub, path: Path) -> None:
    """Title, authors and summary from the OPF, for an EPUB whose preface does not give them."""
    titles = epub.metadata.get("title", [])
    if titles:
        fields.set_title(titles[0])
    fields.set_authors(epub.metadata.get("creator", []))
    descriptions = epub.metadata.get("description", [])
    if descriptions and not fields.summary:
        # The description is HTML escaped into the OPF: "&lt;p&gt;100 percent ...&lt;/p&gt;".
        root = parse_html(f"<html><body>{descriptions[0]}</body></html>", path)
        fields.summary.extend(blocks_of(root))
