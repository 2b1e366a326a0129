"""AO3's HTML download ("Download > HTML"), in the layouts AO3 has used, and the parser of that
layout the EPUB reader shares (AO3's EPUB is Calibre's conversion of this HTML).

The layout, outside the story text::

    div#preface                      (absent in old downloads: its parts stand at the top level)
      p.message    "Posted originally on the Archive of Our Own at URL."
      div.meta
        dl.tags    dt "Rating:" / "Archive Warnings:" / ... / "Stats:", each with its dd
        h1         work title
        div.byline "by AUTHOR, AUTHOR"
        p "Summary"     blockquote.userstuff
        p "Notes"       blockquote.userstuff   div.endnote-link "See the end of the work for ..."
    div#chapters
      h2.toc-heading  work title, then div.userstuff: the text        (one-shots)
      div.meta.group  h2 "Chapter 2: Title", p "Chapter Summary" blockquote,
                      p "Chapter Notes" blockquote, div.endnote-link   (each chapter)
      div.userstuff   the chapter text
      div#endnotes2   p "Chapter End Notes" blockquote
    div#afterword                    (absent in old downloads)
      div#endnotes    p "End Notes" blockquote
      p.message       "Please drop by the Archive and comment ..."

Calibre renames most classes when it makes the EPUB and splits the document into several files, so
the parser leans on ids, element kinds and AO3's fixed label texts, and accepts the parts spread
over several documents fed in order.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.html

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole, Work
from ficscope.readers.ao3 import Ao3Chapter, Ao3Fields, Ao3Work, assemble, fold
from ficscope.readers.base import read_bytes
from ficscope.readers.htmltext import iter_blocks, parse_html

log = logging.getLogger(__name__)

_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_WORK_LABELS = {"summary": "summary", "notes": "notes", "end notes": "end_notes"}
_CHAPTER_LABELS = {
    "chapter summary": "summary",
    "chapter notes": "notes",
    "chapter end notes": "end_notes",
}
_CHAPTER_END_NOTES_ID = re.compile(r"^endnotes\d+$")
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p)\b", re.I)
_POSTED = re.compile(
    rb"Posted\s+originally\s+on\s+the\s*(?:<[^>]{0,300}>\s*)?Archive\s+of\s+Our\s+Own", re.I
)
_PREFACE = re.compile(rb"""<div[^>]{0,200}\bid=["']preface["']""", re.I)
_TAGS_LIST = re.compile(rb"""<dl[^>]{0,200}\bclass=["']tags["']""", re.I)
# Markers of the website's own work page (read by ao3_page, not here).
PAGE_MARKERS = re.compile(
    rb"""\bid=["']workskin["']"""
    rb"""|\bclass=["'][^"']{0,40}\bwork meta\b"""
    rb"""|\[Archive of Our Own\]\s*</title""",
    re.I,
)


def looks_like_download(head: bytes) -> bool:
    """Whether the first bytes of a file are an AO3 HTML download (not a saved work page)."""
    if not _HTML.search(head[:8192]) or PAGE_MARKERS.search(head):
        return False
    return bool(_POSTED.search(head) or (_PREFACE.search(head) and _TAGS_LIST.search(head)))


class Ao3HtmlReader:
    """AO3's HTML download."""

    name = "ao3_html"

    def can_read(self, path: Path, head: bytes) -> bool:
        return looks_like_download(head)

    def read(self, path: Path) -> Work:
        root = parse_html(read_bytes(path), path)
        parser = DownloadParser()
        parser.feed(root, path.name)
        parsed = parser.result(path)
        sources = [f"{path.name}#chapter-{i}" for i in range(1, len(parsed.chapters) + 1)]
        return assemble(parsed, path=path, fmt=self.name, sources=sources)


def elements(node: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The element children of ``node`` (no comments or processing instructions)."""
    return [child for child in node if isinstance(child.tag, str)]


def classes(node: lxml.html.HtmlElement) -> set[str]:
    return set((node.get("class") or "").split())


def text_of(node: lxml.html.HtmlElement) -> str:
    return fold(node.text_content())


def blocks_of(node: lxml.html.HtmlElement) -> list[str]:
    """The paragraphs of a note or summary (a blockquote), as text."""
    return [text for text, _ in iter_blocks(node)]


def tag_values(dds: list[lxml.html.HtmlElement]) -> list[str]:
    """The tags of ``dd`` elements: their link texts when the links are all there is, else []."""
    values: list[str] = []
    for dd in dds:
        links = [text_of(a) for a in dd.iter("a")]
        links = [link for link in links if link]
        rest = text_of(dd)
        for link in links:
            rest = rest.replace(link, "", 1)
        if not links or rest.strip(" ,\u00a0"):
            return []
        values.extend(links)
    return values


def byline_names(node: lxml.html.HtmlElement) -> list[str]:
    """Authors of a byline: its author links, or its text without "by", split at commas/"and"."""
    links = [text_of(a) for a in node.iter("a") if a.get("rel") == "author"]
    if not links:
        links = [text_of(a) for a in node.iter("a")]
    links = [link for link in links if link]
    if links:
        return links
    text = re.sub(r"^\s*by\s+", "", text_of(node), flags=re.I)
    return [n for n in re.split(r"\s*,\s*|\s+and\s+", text) if n]


class DownloadParser:
    """Reads the HTML download layout from one or more documents, fed in reading order."""

    def __init__(self) -> None:
        self.work = Ao3Work()
        self._label: str | None = None  # the work-level label ("Summary", ...) seen last
        self._chapter: Ao3Chapter | None = None
        self._toc_title: str | None = None  # a one-shot's heading, and the message's title:
        self._message_title: str | None = None  # both stand in for a missing h1

    @property
    def fields(self) -> Ao3Fields:
        return self.work.fields

    def feed(self, root: lxml.html.HtmlElement, document: str) -> None:
        body = root.find("body")
        self._walk(body if body is not None else root, document)

    def result(self, path: Path) -> Ao3Work:
        if not self.work.chapters:
            raise CorruptInputError(path, "an AO3 download without any work text (no #chapters)")
        for title in (self._message_title, self._toc_title):
            if title:
                self.fields.set_title(title)
        return self.work

    # -- outside the chapters: the preface and afterword -------------------------------------

    def _walk(self, node: lxml.html.HtmlElement, document: str) -> None:
        for child in elements(node):
            tag, names = child.tag, classes(child)
            if child.get("id") == "chapters":
                for part in elements(child):
                    self._chapter_part(part, document)
            elif tag == "dl":
                self._tag_list(child)
            elif tag == "h1":
                self.fields.set_title(text_of(child))
            elif tag == "div" and is_chapter_part(child):
                # Old EPUBs give each chapter a file of its own, without a #chapters around it.
                self._chapter_part(child, document)
            elif "byline" in names or self._is_bare_byline(child):
                self.fields.set_authors(byline_names(child))
            elif tag == "p":
                self._paragraph(child)
            elif tag == "blockquote":
                getattr(self.fields, self._label or "notes").extend(blocks_of(child))
            elif "endnote-link" in names or tag in _HEADINGS:
                continue  # "See the end of the work for more notes", "Preface", "Afterword"
            elif tag == "ul":
                self.fields.add_related(text_of(li) for li in child.iter("li"))
            else:
                self._walk(child, document)

    def _is_bare_byline(self, node: lxml.html.HtmlElement) -> bool:
        # A byline whose class Calibre renamed: "by ..." right after the title.
        if (
            node.tag not in ("div", "p")
            or self.fields.has("authors")
            or not self.fields.has("title")
        ):
            return False
        text = text_of(node)
        return len(text) < 500 and re.match(r"by\s+\S", text) is not None

    def _paragraph(self, node: lxml.html.HtmlElement) -> None:
        text, key = text_of(node), _label(node)
        if key in _WORK_LABELS:
            self._label = _WORK_LABELS[key]
        elif "posted originally on the" in text.lower():
            links = [a.get("href") or "" for a in node.iter("a")]
            self.fields.set_source_url(next((h for h in links if "/works/" in h), None))
            bold = node.find(".//b")
            if bold is not None:
                self._message_title = text_of(bold)
        elif text:
            log.debug("AO3 download: paragraph outside the work text skipped: %.60s", text)

    def _tag_list(self, node: lxml.html.HtmlElement) -> None:
        label: str | None = None
        dds: list[lxml.html.HtmlElement] = []
        for child in [*elements(node), None]:
            if child is None or child.tag == "dt":
                if label is not None:
                    text = ", ".join(t for t in (text_of(dd) for dd in dds) if t)
                    self.fields.add(label, tag_values(dds), text)
                label, dds = (text_of(child), []) if child is not None else (None, [])
            elif child.tag == "dd" and label is not None:
                dds.append(child)

    # -- inside #chapters ----------------------------------------------------------------------

    def _chapter_part(self, node: lxml.html.HtmlElement, document: str) -> None:
        tag = node.tag
        if tag == "hr":
            self._current(document).text.append(("* * *", BlockRole.SCENE_BREAK))
            return
        if not text_of(node) and node.find(".//img") is None:
            return  # Calibre's empty page-break markers
        if tag in _HEADINGS:
            if "toc-heading" in classes(node) and not self.work.chapters:
                self._toc_title = text_of(node)
            self._open(document, text_of(node))
        elif is_chapter_end_notes(node):
            chapter = self._current(document)
            for quote in node.xpath(".//blockquote[not(ancestor::blockquote)]"):
                chapter.end_notes.extend(blocks_of(quote))
        elif is_chapter_preface(node):
            self._chapter_preface(node, document)
        else:
            self._current(document).text.extend(iter_blocks(node))

    def _open(self, document: str, heading: str | None) -> Ao3Chapter:
        current = self._chapter
        if current is not None and current.heading is None and not current.started:
            current.heading = heading  # a preface without heading, then its heading
            return current
        self._chapter = Ao3Chapter(document=document, heading=heading)
        self.work.chapters.append(self._chapter)
        return self._chapter

    def _current(self, document: str) -> Ao3Chapter:
        return self._chapter if self._chapter is not None else self._open(document, None)

    def _chapter_preface(self, node: lxml.html.HtmlElement, document: str) -> None:
        heading = next((text_of(c) for c in elements(node) if c.tag in _HEADINGS), None)
        current = self._chapter
        if heading or current is None or current.started:
            chapter = self._open(document, heading)
        else:
            chapter = current
        label = "notes"
        for child in elements(node):
            if child.tag == "p":
                label = _CHAPTER_LABELS.get(_label(child), label)
            elif child.tag == "blockquote":
                getattr(chapter, label).extend(blocks_of(child))


def is_chapter_part(node: lxml.html.HtmlElement) -> bool:
    """Whether a div is one of a chapter's parts: its text, preface or end notes."""
    names = classes(node)
    return (
        any(n.startswith("userstuff") for n in names)
        or is_chapter_end_notes(node)
        or is_chapter_preface(node)
    )


def is_chapter_end_notes(node: lxml.html.HtmlElement) -> bool:
    """``div#endnotes2``, or a div that opens with AO3's "Chapter End Notes" label."""
    if _CHAPTER_END_NOTES_ID.match(node.get("id") or ""):
        return True
    first = next(iter(elements(node)), None)
    return first is not None and first.tag == "p" and _label(first) == "chapter end notes"


def is_chapter_preface(node: lxml.html.HtmlElement) -> bool:
    """Whether a div is a chapter's preface (heading, summary, notes) rather than its text:
    a div holding only a heading, AO3's chapter labels and byline, their blockquotes and "See the
    end of the chapter" links. Calibre renames the classes, so this goes by structure."""
    if node.tag != "div" or any(n.startswith("userstuff") for n in classes(node)):
        return False
    marked = False
    for child in elements(node):
        label = _label(child)
        if child.tag in _HEADINGS and child.tag != "h1":  # h1 is the work's title
            marked = True
        elif child.tag == "p" and (label in _CHAPTER_LABELS or label.startswith("chapter by ")):
            marked = True
        elif child.tag in ("p", "div") and label.startswith("see the end of the chapter"):
            continue
        elif child.tag != "blockquote":
            return False
    return marked


def _label(node: lxml.html.HtmlElement) -> str:
    return text_of(node).rstrip(":").strip().lower()
