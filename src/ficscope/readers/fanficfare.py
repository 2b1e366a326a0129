"""What FanFicFare writes: EPUB, HTML and TXT downloads of a story.

All three open with a title page: the title and author, then ``Label: value`` entries named by
FanFicFare's ``titlepage_entries`` (Category, Genre, Language, Characters, Relationships, Status,
Published, Updated, Packaged, Rating, Warnings, Chapters, Words, Publisher, Summary, ...). The
title page and the table of contents become metadata, never story text.

* EPUB: ``OEBPS/title_page.xhtml`` (``<b>Label:</b> value<br />`` or a table), chapters in
  ``OEBPS/file0001.xhtml``... headed by ``<h3 class="fff_chapter_title">``; cover, contents and
  update-log pages are skipped. A chapter's ``source`` is ``book.epub:OEBPS/file0001.xhtml``.
* HTML: ``<h1>`` title and author, a ``<table class="full">`` of entries, then chapters after
  ``<a name="section0001"><h2>Title</h2></a>`` anchors (``source`` ``#section0001``).
* TXT: the file is the Work's text, unchanged; the header, contents and chapter headings (an
  indented line after blank lines) are found in place.

FanFicFare's "Category" is the fandom on fan fiction sites, and its "Genre" mixes genres with
AO3's freeform tags and categories: each value goes where it belongs.
"""

from __future__ import annotations

import copy
import html
import logging
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from ficscope.errors import EmptyInputError
from ficscope.model import Block, BlockRole, Chapter, Source, Span, Work
from ficscope.readers.base import WorkBuilder, read_bytes
from ficscope.readers.conventions import classify
from ficscope.readers.epub import opf_metadata
from ficscope.readers.epubzip import Epub, is_zip, open_epub
from ficscope.readers.fields import FieldCollector, split_list
from ficscope.readers.html import (
    body_of,
    chapter_number_title,
    drop,
    fold,
    html_to_text,
    mark,
    marker_key,
    parse_markup,
)
from ficscope.readers.htmltext import inline_text, iter_blocks
from ficscope.readers.plaintext import decode

log = logging.getLogger(__name__)

SITE = "fanficfare"
# FanFicFare labels the shared field table does not know, and where they go.
_OWN_LABELS = {
    "freeform tags": "additional_tags",
    "ao3 categories": "categories",
    "chapters/total chapters": "chapters",
    "story url": "source_url",
}
_CHAPTER_FILE = re.compile(r"(?:^|/)file\d{4}\.x?html?$")
_NON_STORY_PAGES = frozenset(
    {"title_page.xhtml", "toc_page.xhtml", "log_page.xhtml", "cover.xhtml"}
)
_NON_STORY_CLASSES = frozenset({"fff_titlepage", "fff_tocpage", "fff_logpage", "fff_coverpage"})


# ---------------------------------------------------------------- title page, shared by all three


def add_field(label: str, value: str, collector: FieldCollector) -> None:
    """One title-page entry into ``collector``."""
    key = " ".join(label.split()).lower()
    if key in ("category", "genre"):
        collector.route(
            split_list(value), rest="fandoms" if key == "category" else "additional_tags"
        )
    elif key == "status":
        collector.set("status", "Complete" if value.lower().startswith("complete") else value)
    elif key in _OWN_LABELS:
        collector.set(_OWN_LABELS[key], value)
    else:
        collector.add(label, value)


def heading_fields(heading: lxml.html.HtmlElement, collector: FieldCollector) -> None:
    """``<h1|h3><a href="story url">Title</a> by <a class="authorlink">Author</a></h1|h3>``."""
    text = " ".join(inline_text(heading).split())
    links = [a for a in heading.iter("a") if inline_text(a).strip()]
    if links:
        title = " ".join(inline_text(links[0]).split())
        url = (links[0].get("href") or "").strip()
        if url.startswith(("http://", "https://")):
            collector.set("source_url", url)
        rest = text[len(title) :] if text.startswith(title) else text.partition(" by ")[2]
        authors = tuple(" ".join(inline_text(a).split()) for a in links[1:])
    else:
        title, _, rest = text.partition(" by ")
        authors = ()
    rest = re.sub(r"^\s*by\s+", "", rest, flags=re.I).strip()
    if title:
        collector.set("title", title)
    if not authors and rest:
        authors = split_list(rest)
    if authors:
        collector.set("authors", ", ".join(authors), authors)


def title_page_entries(container: lxml.html.HtmlElement, path: Path) -> list[tuple[str, str]]:
    """(label, value) pairs of a title page: table rows, or ``<b>Label:</b> value<br />`` runs."""
    entries = []
    rows = list(container.iter("tr"))
    if rows:
        for row in rows:
            label = next((b for b in row.iter("b", "strong") if _is_label(b)), None)
            if label is None:
                continue
            cell = label.getparent()
            parts = [_after(label)]
            while cell is not None and cell.tag not in ("td", "th", "tr"):
                cell = cell.getparent()
            if cell is not None and cell.tag in ("td", "th"):
                parts += [_inner(other) for other in cell.itersiblings("td", "th")]
            entries.append((_label_text(label), html_to_text("".join(parts), path)))
        return entries
    for child in container:
        if _is_label(child):
            entries.append((_label_text(child), html_to_text(_after(child), path)))
    return entries


def _is_label(element: lxml.html.HtmlElement) -> bool:
    if element.tag not in ("b", "strong"):
        return False
    text = inline_text(element).strip()
    return text.endswith(":") and 1 < len(text) <= 50


def _label_text(element: lxml.html.HtmlElement) -> str:
    return inline_text(element).strip().rstrip(":").strip()


def _after(label: lxml.html.HtmlElement) -> str:
    """The HTML after a label up to the next label among its siblings."""
    parts = [html.escape(label.tail or "")]
    for sibling in label.itersiblings():
        if _is_label(sibling):
            break
        parts.append(lxml.html.tostring(sibling, encoding="unicode", with_tail=True))
    return "".join(parts)


def _inner(element: lxml.html.HtmlElement) -> str:
    return html.escape(element.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in element
    )


# ------------------------------------------------------------ chapters, shared by EPUB and HTML

_NOTES_XPATH = ".//div[contains(concat(' ', normalize-space(@class), ' '), ' fff_chapter_notes ')]"
_CHAPTER_SUMMARY = frozenset({"summary for the chapter", "chapter summary"})
_WORK_NOTE = frozenset({"author's note", "author’s note", "authors note", "author's notes"})


@dataclass(frozen=True, slots=True)
class _Start:
    """A chapter starts here (FanFicFare HTML's ``<a name="section0001">``)."""

    title: str
    source: str


@dataclass(frozen=True, slots=True)
class _Notes:
    """A ``div.fff_chapter_notes`` box: ``<b>Label:</b>`` then a quoted note, per section."""

    blocks: tuple[tuple[str, BlockRole], ...]
    summary: str | None  # "Summary for the Chapter:"
    work_note: str | None  # "Author's Note:" (AO3's notes for the whole work)
    foot: bool  # after the chapter text


_Event = _Start | _Notes
_Item = tuple[str, BlockRole] | _Event


def chapter_stream(body: lxml.html.HtmlElement, events: list[_Event]) -> list[_Item]:
    """The blocks of ``body`` in order, with the marked elements (``events``) and every
    chapter-notes box in their place."""
    for box in body.xpath(_NOTES_XPATH):
        events.append(_read_notes(box))
        mark(box, len(events) - 1)
    stream: list[_Item] = []
    for text, role in iter_blocks(body):
        key = marker_key(text)
        stream.append(events[key] if key is not None else (text, role))
    return stream


def _read_notes(box: lxml.html.HtmlElement) -> _Notes:
    sections: list[tuple[str, lxml.html.HtmlElement]] = []
    current = lxml.html.Element("div")
    current.text = box.text
    label = ""
    for child in box:
        if _is_label(child):
            sections.append((label, current))
            label, current = _label_text(child), lxml.html.Element("div")
            current.text = child.tail
        else:
            current.append(copy.deepcopy(child))
    sections.append((label, current))
    blocks: list[tuple[str, BlockRole]] = []
    summary = work_note = None
    for label, content in sections:
        key = fold(label)
        role = BlockRole.METADATA if key in _CHAPTER_SUMMARY else BlockRole.AUTHOR_NOTE
        texts = [t for t, r in iter_blocks(content) if r is not BlockRole.SCENE_BREAK]
        if label:
            blocks.append((f"{label}:", role))
        blocks += [(t, role) for t in texts]
        if key in _CHAPTER_SUMMARY and texts:
            summary = "\n\n".join(texts)
        elif key in _WORK_NOTE and texts:
            work_note = "\n\n".join(texts)
    foot = "fff_foot_notes" in (box.get("class") or "").split()
    return _Notes(tuple(blocks), summary, work_note, foot)


class _Chapters:
    """Adds a chapter stream to a builder: notes boxes become note blocks, a chapter summary
    the chapter's summary, AO3's notes for the whole work the work's notes."""

    def __init__(self, builder: WorkBuilder, collector: FieldCollector) -> None:
        self.builder = builder
        self.collector = collector

    def start(self, rest: list[_Item], *, heading: str | None, title: str, source: str) -> None:
        summary = None
        for item in rest:
            if isinstance(item, _Start):
                break
            if isinstance(item, _Notes) and item.summary:
                summary = item.summary
                break
        number, name = chapter_number_title(title)
        self.builder.start_chapter(
            heading=heading, title=name, number=number, source=source, summary=summary
        )

    def add(self, item: _Item) -> None:
        if isinstance(item, _Notes):
            if item.work_note:
                self.collector.set("end_notes" if item.foot else "notes", item.work_note)
            for text, role in item.blocks:
                self.builder.add(text, role)
        elif isinstance(item, tuple):
            self.builder.add(*item)


# -------------------------------------------------------------------------------------- EPUB


class FanFicFareEpubReader:
    """An EPUB written by FanFicFare (EPUB 2 or 3)."""

    name = "fanficfare_epub"

    def can_read(self, path: Path, head: bytes) -> bool:
        if not is_zip(head):
            return False
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "content.opf" not in names or not any(_CHAPTER_FILE.search(n) for n in names):
                    return False
                info = zf.getinfo("content.opf")
                if info.file_size > 1_000_000:
                    return False
                opf = zf.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, RuntimeError):
            return False  # the generic EPUB reader reports what is wrong
        return b"FanFicFare" in opf or b"fanficfare-uid" in opf

    def read(self, path: Path) -> Work:
        collector = FieldCollector()
        builder = WorkBuilder()
        chapters = _Chapters(builder, collector)
        with open_epub(path) as epub:
            for item in epub.spine:
                root = parse_markup(epub.read(item.href), path)
                body = body_of(root)
                page = posixpath.basename(item.href)
                classes = set((body.get("class") or "").split())
                if page == "title_page.xhtml" or "fff_titlepage" in classes:
                    self._title_page(body, collector, path)
                elif page in _NON_STORY_PAGES or classes & _NON_STORY_CLASSES:
                    continue
                else:
                    self._chapter(root, body, chapters, source=f"{path.name}:{item.href}")
            self._opf_fallback(epub, collector)
        return builder.build(path=path, fmt=self.name, metadata=collector.build(source_site=SITE))

    def _title_page(
        self, body: lxml.html.HtmlElement, collector: FieldCollector, path: Path
    ) -> None:
        heading = next(body.iter("h1", "h2", "h3"), None)
        if heading is not None:
            heading_fields(heading, collector)
            container = heading.getnext()
            drop(heading)
        else:
            container = None
        if container is None or container.tag not in ("div", "table"):
            container = body
        for label, value in title_page_entries(container, path):
            add_field(label, value, collector)

    def _chapter(
        self,
        root: lxml.html.HtmlElement,
        body: lxml.html.HtmlElement,
        chapters: _Chapters,
        *,
        source: str,
    ) -> None:
        stream = chapter_stream(body, [])
        if not stream:
            return
        title = _meta(root, "chaptertitle")
        heading_element = next(
            (
                h
                for h in body.iter("h1", "h2", "h3")
                if "fff_chapter_title" in (h.get("class") or "")
            ),
            None,
        )
        if heading_element is not None:
            title = " ".join(inline_text(heading_element).split()) or title
        if not title:
            title_element = root.find(".//head/title")
            title = (
                " ".join(title_element.text_content().split()) if title_element is not None else ""
            )
        first = stream[0]
        heading = None
        if title and isinstance(first, tuple) and fold(first[0]) == fold(title):
            heading, stream = first[0], stream[1:]
        chapters.start(stream, heading=heading, title=title, source=source)
        for item in stream:
            chapters.add(item)

    def _opf_fallback(self, epub: Epub, collector: FieldCollector) -> None:
        """The OPF repeats the title page; use it only for what the title page left out."""
        opf = FieldCollector()
        opf_metadata(epub, opf)
        for name in ("title", "authors", "language", "source_url", "summary"):
            if not collector.has(name) and opf.has(name):
                value = opf.values[name]
                items = value if isinstance(value, tuple) else ()
                collector.set(name, ", ".join(items) if items else str(value), items)


def _meta(root: lxml.html.HtmlElement, name: str) -> str:
    for meta in root.iter("meta"):
        if meta.get("name") == name:
            return " ".join((meta.get("content") or "").split())
    return ""


# -------------------------------------------------------------------------------------- HTML

_HTML_SECTION = re.compile(rb"""(?:name|href)\s*=\s*["']?#?section\d{4}\b""")


class FanFicFareHtmlReader:
    """A single HTML page written by FanFicFare."""

    name = "fanficfare_html"

    def can_read(self, path: Path, head: bytes) -> bool:
        return bool(_HTML_SECTION.search(head)) and b"<h1" in head.lower()

    def read(self, path: Path) -> Work:
        root = parse_markup(read_bytes(path), path)
        body = body_of(root)
        collector = FieldCollector()
        heading = body.find(".//h1")
        if heading is not None:
            heading_fields(heading, collector)
            drop(heading)
        table = next(
            iter(body.xpath(".//table[contains(concat(' ', @class, ' '), ' full ')]")), None
        )
        if table is not None:
            for label, value in title_page_entries(table, path):
                add_field(label, value, collector)
            drop(table)
        for anchor in body.xpath(".//a[@name='TOCTOP']"):
            contents = anchor.getnext()
            if contents is not None and contents.xpath(".//a[starts-with(@href, '#section')]"):
                drop(contents)
            drop(anchor)
        events: list[_Event] = []
        for anchor in body.xpath(".//a[starts-with(@name, 'section')]"):
            title = " ".join(inline_text(anchor).split())
            events.append(_Start(title, f"#{anchor.get('name', '')}"))
            mark(anchor, len(events) - 1)
        stream = chapter_stream(body, events)

        builder = WorkBuilder()
        chapters = _Chapters(builder, collector)
        started = False
        for i, item in enumerate(stream):
            if isinstance(item, _Start):
                chapters.start(
                    stream[i + 1 :],
                    heading=item.title or None,
                    title=item.title,
                    source=item.source,
                )
                started = True
            elif started:
                chapters.add(item)
            elif isinstance(item, tuple):
                builder.add(item[0], BlockRole.METADATA)  # left over from the title page
        return builder.build(path=path, fmt=self.name, metadata=collector.build(source_site=SITE))


# --------------------------------------------------------------------------------------- TXT

_TXT_LABEL = re.compile(
    r"^(?P<label>[A-Z][A-Za-z0-9/'’() ]{0,40}?):(?:[ \t]+(?P<value>.*?))?[ \t]*$"
)
_TXT_LABELS = frozenset(
    "Category Genre Language Characters Relationships Status Published Updated Packaged Rating "
    "Warnings Chapters Words Publisher Summary Series".split()
) | {"Story URL", "Author URL", "Series URL"}
_TITLE_CASE = re.compile(r"[A-Z][\w'’()/]*(?: [A-Z0-9][\w'’()/]*){0,3}")
_TOC_LINE = "TABLE OF CONTENTS"
_END_LINE = "End file."
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


class FanFicFareTextReader:
    """A plain-text file written by FanFicFare. ``Work.text`` is the file, unchanged."""

    name = "fanficfare_txt"

    def can_read(self, path: Path, head: bytes) -> bool:
        if path.suffix.lower() != ".txt":
            return False
        lines = [ln.strip() for ln in head[:16384].decode("utf-8", errors="replace").splitlines()]
        lines = [ln for ln in lines if ln][:60]
        if len(lines) < 3 or not lines[1].startswith("by "):
            return False
        labels = {m["label"] for ln in lines[2:] if (m := _TXT_LABEL.match(ln))} & _TXT_LABELS
        return (
            "Packaged" in labels
            or {"Publisher", "Story URL"} <= labels
            or (_TOC_LINE in lines and len(labels) >= 3)
        )

    def read(self, path: Path) -> Work:
        text, encoding = decode(read_bytes(path), path)
        if not text.strip():
            raise EmptyInputError(path, "the file holds only white space")
        parsed = _TextLayout(text)
        return Work(
            text=text,
            metadata=parsed.collector.build(source_site=SITE),
            source=Source(path=str(path), format=self.name, encoding=encoding),
            chapters=tuple(parsed.chapters),
            blocks=tuple(parsed.blocks),
            layers=("read",),
        )


class _Para:
    """A run of non-blank lines: [start, end) in the text, its lines, blank lines before it."""

    def __init__(self, text: str, lines: list[tuple[int, int]], blanks_before: int) -> None:
        self.lines = [text[a:b] for a, b in lines]
        first, last = self.lines[0], self.lines[-1]
        self.start = lines[0][0] + len(first) - len(first.lstrip())
        self.end = lines[-1][0] + len(last.rstrip())
        self.blanks_before = blanks_before
        self.indented = self.lines[0][:1] in (" ", "\t")

    @property
    def folded(self) -> str:
        return " ".join(" ".join(self.lines).split())


class _TextLayout:
    """Finds FanFicFare's layout in a text: header, contents, chapter headings, story text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.collector = FieldCollector()
        self.blocks: list[Block] = []
        self.chapters: list[Chapter] = []
        paras = _paragraphs(text)
        body_start = self._header(paras)
        self._body(paras[body_start:])

    def _meta(self, para: _Para) -> None:
        self.blocks.append(Block(para.start, para.end, BlockRole.METADATA))

    def _header(self, paras: list[_Para]) -> int:
        """Title, byline, entries and contents; returns the index of the first body paragraph."""
        i = 0
        if i < len(paras) and not paras[i].indented:
            lines = [" ".join(line.split()) for line in paras[i].lines]
            if len(lines) == 2 and lines[1].startswith("by "):  # no blank line under the title
                self.collector.set("title", lines[0])
                authors = split_list(lines[1][3:])
                self.collector.set("authors", ", ".join(authors), authors)
            else:
                self.collector.set("title", paras[i].folded)
            self._meta(paras[i])
            i += 1
        if i < len(paras) and paras[i].folded.startswith("by "):
            authors = split_list(paras[i].folded[3:])
            self.collector.set("authors", ", ".join(authors), authors)
            self._meta(paras[i])
            i += 1
        while i < len(paras) and not paras[i].indented and paras[i].folded != _TOC_LINE:
            if not self._entries(paras[i]):
                break  # no entry and no summary's paragraph: the story, its headings lost
            self._meta(paras[i])
            i += 1
        self.toc: list[str] = []
        if i < len(paras) and paras[i].folded == _TOC_LINE:
            self._meta(paras[i])
            i += 1
            while i < len(paras) and not paras[i].indented:
                self.toc.append(paras[i].folded)
                self._meta(paras[i])
                i += 1
        return i

    def _entries(self, para: _Para) -> bool:
        """``Label: value`` lines; a line that is no entry continues the one before (wrapping).
        False when the paragraph is neither entries nor the summary's next paragraph."""
        entries: list[list[str]] = []
        for line in para.lines:
            match = _TXT_LABEL.match(line.strip())
            if match and _starts_entry(match["label"], entries[-1][0] if entries else None):
                entries.append([match["label"], match["value"] or ""])
            elif entries:
                entries[-1][1] = f"{entries[-1][1]} {line.strip()}".strip()
        if not entries:
            # A blank line inside the summary, FanFicFare's last entry; several blank lines, or
            # dialogue, start the story.
            if not self.collector.has("summary") or para.blanks_before > 1:
                return False
            if para.folded[:1] in "\"“'‘":
                return False
            old = self.collector.values["summary"]
            self.collector.values["summary"] = f"{old}\n\n{para.folded}"
        for label, value in entries:
            add_field(label, value, self.collector)
        return True

    def _body(self, paras: list[_Para]) -> None:
        if paras and paras[-1].folded == _END_LINE:
            end_line, paras = paras[-1], paras[:-1]
        else:
            end_line = None
        candidates = [
            i for i, p in enumerate(paras) if p.indented and (i == 0 or p.blanks_before >= 2)
        ]
        headings = _match_toc(paras, candidates, self.toc)
        chapter_starts = set(headings)
        if paras and 0 not in chapter_starts:
            chapter_starts.add(0)  # story text before the first heading: an untitled chapter
        order = sorted(chapter_starts)
        for n, first in enumerate(order):
            last = (order[n + 1] if n + 1 < len(order) else len(paras)) - 1
            heading = paras[first] if first in headings else None
            if heading is not None:
                self.blocks.append(Block(heading.start, heading.end, BlockRole.HEADING))
            for para in paras[first + (heading is not None) : last + 1]:
                self.blocks.append(
                    Block(para.start, para.end, classify(self.text[para.start : para.end]))
                )
            number, title = chapter_number_title(heading.folded if heading else None)
            self.chapters.append(
                Chapter(
                    start=paras[first].start,
                    end=max(paras[first].start, paras[last].end),
                    index=n,
                    title=title,
                    number=number,
                    heading=Span(heading.start, heading.end) if heading else None,
                )
            )
        if end_line is not None:
            self._meta(end_line)


def _starts_entry(label: str, current: str | None) -> bool:
    """Whether a ``Label: value`` line opens an entry or continues a wrapped summary."""
    if label in _TXT_LABELS or current is None:
        return True
    return current != "Summary" and bool(_TITLE_CASE.fullmatch(label))


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    current: list[tuple[int, int]] = []
    blanks = 0
    for match in _LINE.finditer(text):
        if match.start() == len(text) and not match.group():
            break
        content = match.group().rstrip("\r\n")
        span = (match.start(), match.start() + len(content))
        if content.strip():
            current.append(span)
            continue
        if current:
            paras.append(_Para(text, current, blanks))
            current, blanks = [], 0
        blanks += 1
    if current:
        paras.append(_Para(text, current, blanks))
    return paras


def _match_toc(paras: list[_Para], candidates: list[int], toc: list[str]) -> list[int]:
    """The candidate headings that match the contents in order; all candidates when the
    contents are missing or name the chapters differently."""
    if not toc:
        return candidates
    matched, wanted = [], 0
    for i in candidates:
        if wanted < len(toc) and fold(paras[i].folded) == fold(toc[wanted]):
            matched.append(i)
            wanted += 1
    if wanted == len(toc):
        return matched
    log.debug("contents and chapter headings differ; using every indented heading")
    return candidates
