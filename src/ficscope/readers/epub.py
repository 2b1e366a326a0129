"""Generic EPUB 2 and 3 works.

Reading order is the OPF spine; metadata is Dublin Core (title, creator, subject, description,
language, date, source); chapter titles come from the EPUB 3 navigation document or the EPUB 2
``toc.ncx``. Cover, title and contents pages are skipped when they hold no story text (their
``Label: value`` lines still count as metadata). Each chapter's ``source`` is
``book.epub:path/in/zip.xhtml``. The TOC helpers are shared with the FanFicFare reader.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import lxml.html

from ficscope.model import BlockRole, Work
from ficscope.readers.base import WorkBuilder
from ficscope.readers.conventions import parse_heading
from ficscope.readers.epubzip import Epub, SpineItem, is_zip, open_epub, parse_xml
from ficscope.readers.fields import FieldCollector
from ficscope.readers.html import (
    body_of,
    chapter_number_title,
    fold,
    front_matter,
    html_to_text,
    parse_markup,
)
from ficscope.readers.htmltext import inline_text, iter_blocks

log = logging.getLogger(__name__)

_DOCUMENT_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml", ""})
_FRONT_NAME = re.compile(
    r"(?:^|[/_\-.])(?:cover|title|titlepage|title_page|toc|contents|nav|copyright|colophon|"
    r"info|information)(?:page)?(?:[_\-.\d]|$)",
    re.I,
)
_FRONT_TYPES = frozenset(
    {"cover", "titlepage", "title-page", "toc", "copyright-page", "colophon", "landmarks"}
)
_FRONT_TITLES = frozenset(
    {
        "cover",
        "title page",
        "title",
        "table of contents",
        "contents",
        "toc",
        "copyright",
        "information",
    }
)
# A page this short in story words, named or typed as front matter, is not part of the story.
FRONT_PAGE_WORDS = 300

Blocks = list[tuple[str, BlockRole]]


@dataclass(frozen=True, slots=True)
class TocEntry:
    href: str  # path inside the zip, fragment removed
    fragment: str | None
    title: str


@dataclass(frozen=True, slots=True)
class Package:
    """What the OPF says beyond epubzip's metadata and spine: manifest properties, the NCX
    document and the guide's page types."""

    nav: str | None
    ncx: str | None
    guide: dict[str, str]  # zip path -> guide reference type ("cover", "title-page", "toc")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _resolve(base: str, href: str) -> tuple[str, str | None]:
    path, _, fragment = href.partition("#")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(path)))
    return joined, fragment or None


def read_package(epub: Epub) -> Package:
    root = parse_xml(epub.read(epub.opf_path), epub.path, epub.opf_path)
    nav = ncx = None
    ids: dict[str, str] = {}
    for item in root.iter():
        if _local(item.tag) != "item" or not item.get("href"):
            continue
        href, _ = _resolve(epub.opf_path, item.get("href", ""))
        ids[item.get("id", "")] = href
        if "nav" in (item.get("properties") or "").split():
            nav = nav or href
        if item.get("media-type") == "application/x-dtbncx+xml":
            ncx = ncx or href
    for spine in root.iter():
        if _local(spine.tag) == "spine" and spine.get("toc") in ids:
            ncx = ids[spine.get("toc", "")]
    guide = {}
    for ref in root.iter():
        if _local(ref.tag) == "reference" and ref.get("href") and ref.get("type"):
            guide[_resolve(epub.opf_path, ref.get("href", ""))[0]] = ref.get("type", "").lower()
    return Package(nav=nav, ncx=ncx, guide=guide)


def read_toc(epub: Epub, package: Package) -> list[TocEntry]:
    """The table of contents in reading order, from nav.xhtml (EPUB 3) or toc.ncx (EPUB 2)."""
    names = set(epub.names())
    if package.nav and package.nav in names:
        entries = _nav_entries(epub, package.nav)
        if entries:
            return entries
    if package.ncx and package.ncx in names:
        return _ncx_entries(epub, package.ncx)
    return []


def _nav_entries(epub: Epub, href: str) -> list[TocEntry]:
    root = parse_markup(epub.read(href), epub.path)
    navs = list(root.iter("nav"))
    toc = next((n for n in navs if "toc" in (n.get("epub:type") or "").split()), None)
    if toc is None:
        toc = navs[0] if navs else None
    if toc is None:
        return []
    entries = []
    for link in toc.iter("a"):
        title = " ".join(inline_text(link).split())
        if link.get("href") and title:
            path, fragment = _resolve(href, link.get("href", ""))
            entries.append(TocEntry(path, fragment, title))
    return entries


def _ncx_entries(epub: Epub, href: str) -> list[TocEntry]:
    root = parse_xml(epub.read(href), epub.path, href)
    entries = []
    for point in root.iter():
        if _local(point.tag) != "navPoint":
            continue
        title = src = None
        for child in point:
            if _local(child.tag) == "navLabel":
                title = " ".join("".join(child.itertext()).split())
            elif _local(child.tag) == "content":
                src = child.get("src")
        if title and src:
            path, fragment = _resolve(href, src)
            entries.append(TocEntry(path, fragment, title))
    return entries


def opf_metadata(epub: Epub, collector: FieldCollector) -> None:
    """Dublin Core metadata into ``collector``."""
    dc = epub.metadata
    for title in dc.get("title", [])[:1]:
        collector.set("title", title)
    if dc.get("creator"):
        collector.set("authors", ", ".join(dc["creator"]), tuple(dc["creator"]))
    for description in dc.get("description", [])[:1]:
        summary = html_to_text(description, epub.path)
        if summary:
            collector.set("summary", summary)
    for language in dc.get("language", [])[:1]:
        collector.set("language", language)
    for date in dc.get("date", [])[:1]:
        collector.set("published", date)
    if dc.get("subject"):
        collector.set("additional_tags", ", ".join(dc["subject"]), tuple(dc["subject"]))
    for value in dc.get("source", []) + dc.get("identifier", []):
        url = value.removeprefix("URL:").strip()
        if url.startswith(("http://", "https://")):
            collector.set("source_url", url)
            break
    for publisher in dc.get("publisher", [])[:1]:
        collector.extra.setdefault("Publisher", publisher)
    series = epub.meta.get("calibre:series", "").strip()
    if series:
        collector.set("series", series, (series,))
        if epub.meta.get("calibre:series_index"):
            collector.extra["Series index"] = epub.meta["calibre:series_index"]


def story_words(blocks: Blocks) -> int:
    return sum(len(text.split()) for text, role in blocks if role is BlockRole.PARAGRAPH)


def _is_front_page(
    item: SpineItem, root: lxml.html.HtmlElement, package: Package, entries: list[TocEntry]
) -> bool:
    if item.href in (package.nav, package.ncx) or "nav" in item.properties.split():
        return True
    if package.guide.get(item.href) in ("cover", "title-page", "toc", "copyright-page", "colophon"):
        return True
    for element in root.iter("body", "section", "div", "nav"):
        if set((element.get("epub:type") or "").split()) & _FRONT_TYPES:
            return True
    if entries and fold(entries[0].title) in _FRONT_TITLES:
        return True
    return bool(_FRONT_NAME.search(posixpath.basename(item.href)))


class EpubReader:
    """Any EPUB 2 or 3 book."""

    name = "epub"

    def can_read(self, path: Path, head: bytes) -> bool:
        return is_zip(head) and (
            path.suffix.lower() == ".epub" or b"application/epub+zip" in head[:200]
        )

    def read(self, path: Path) -> Work:
        with open_epub(path) as epub:
            package = read_package(epub)
            toc = read_toc(epub, package)
            collector = FieldCollector()
            opf_metadata(epub, collector)
            builder = WorkBuilder()
            assembler = _Assembler(builder, toc, split_on_headings=len(toc) <= 1)
            for item in epub.spine:
                if item.media_type not in _DOCUMENT_TYPES:
                    continue
                root = parse_markup(epub.read(item.href), path)
                blocks = list(iter_blocks(body_of(root)))
                entries = assembler.entries(item.href)
                if (
                    _is_front_page(item, root, package, entries)
                    and story_words(blocks) < FRONT_PAGE_WORDS
                ):
                    log.debug("skipping front page %s", item.href)
                    for text, role in blocks:
                        if role is BlockRole.PARAGRAPH:
                            front_matter(text, collector)
                    continue
                assembler.add_document(blocks, entries, source=f"{path.name}:{item.href}")
        return builder.build(path=path, fmt=self.name, metadata=collector.build())


class _Assembler:
    """Turns spine documents into chapters: a document named in the TOC starts a chapter (more
    entries in one document start more, at their headings); one the TOC does not name continues
    the chapter before it unless it opens with a heading."""

    def __init__(
        self, builder: WorkBuilder, toc: list[TocEntry], *, split_on_headings: bool
    ) -> None:
        self.builder = builder
        self.toc = toc
        self.split_on_headings = split_on_headings
        self.opened = False
        self._by_href: dict[str, list[TocEntry]] = {}
        for entry in toc:
            self._by_href.setdefault(entry.href, []).append(entry)

    def entries(self, href: str) -> list[TocEntry]:
        return self._by_href.get(href, [])

    def add_document(self, blocks: Blocks, entries: list[TocEntry], *, source: str) -> None:
        if not blocks:
            return
        pending = list(entries)
        first_text, first_role = blocks[0]
        rest: Iterable[tuple[str, BlockRole]] = blocks
        if pending or not self.toc or first_role is BlockRole.HEADING or not self.opened:
            entry = pending.pop(0) if pending else None
            is_heading = first_role is BlockRole.HEADING or (
                entry is not None and fold(first_text) == fold(entry.title)
            )
            self._start(
                heading=first_text if is_heading else None,
                title=entry.title if entry else (first_text if is_heading else None),
                source=_with_fragment(source, entry),
            )
            if is_heading:
                rest = blocks[1:]
        for text, role in rest:
            if pending and fold(text) == fold(pending[0].title):
                entry = pending.pop(0)
                self._start(heading=text, title=entry.title, source=_with_fragment(source, entry))
            elif self.split_on_headings and role is BlockRole.HEADING and parse_heading(text):
                self._start(heading=text, title=text, source=source)
            else:
                self.builder.add(text, role)

    def _start(self, *, heading: str | None, title: str | None, source: str) -> None:
        number, name = chapter_number_title(title)
        self.builder.start_chapter(heading=heading, title=name, number=number, source=source)
        self.opened = True


def _with_fragment(source: str, entry: TocEntry | None) -> str:
    return f"{source}#{entry.fragment}" if entry is not None and entry.fragment else source
