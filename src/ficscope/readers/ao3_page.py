"""A work page saved from the AO3 website ("Save page as" on a work or its "Entire Work" view).

The page's layout (the parts read; menus, kudos and comments are ignored)::

    dl.work.meta.group        dt/dd pairs: dd.rating.tags, dd.warning.tags, dd.category.tags,
                              dd.fandom.tags, dd.relationship.tags, dd.character.tags,
                              dd.freeform.tags (each ul.commas of a.tag), dd.language,
                              dd.series (span.position "Part 2 of <a>Series</a>"), dd.collections,
                              dd.stats > dl.stats (dt/dd published, status, words, chapters, ...)
    div#workskin
      div.preface.group       h2.title, h3.byline, div.summary.module, div.notes.module
                              (each an h3.heading and a blockquote.userstuff)
      div#chapters
        div.chapter#chapter-2                      (multi-chapter works)
          div.chapter.preface.group  h3.title "Chapter 2: Title", div#summary, div#notes
          div.userstuff.module       h3.landmark "Chapter Text", then the text
          div.chapter.preface.group  div.end.notes.module
        div.userstuff                              (one-shots: the text, no div.chapter)
      div.afterword.preface.group    div#work_endnotes, div#series, div#children

Landmarks (hidden headings such as "Chapter Text" and "Work Text:") and "See the end of the work
for more notes" jumps are dropped. Older pages lack #workskin and use blockquote.summary and
blockquote.notes with the heading inside; those are read too.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html

from ficscope.errors import CorruptInputError
from ficscope.model import Work
from ficscope.readers.ao3 import Ao3Chapter, Ao3Fields, Ao3Work, assemble
from ficscope.readers.ao3_html import (
    PAGE_MARKERS,
    blocks_of,
    byline_names,
    classes,
    elements,
    tag_values,
    text_of,
)
from ficscope.readers.base import read_bytes
from ficscope.readers.htmltext import iter_blocks, parse_html

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)
_ARCHIVE = re.compile(rb"archiveofourown\.org|Archive of Our Own", re.I)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_WORK_ID = re.compile(r"/works/(\d+)")
_ARCHIVE_URL = "https://archiveofourown.org/works/"
_OUTER_QUOTES = ".//blockquote[not(ancestor::blockquote)]"  # not an author's quote inside a note
# Parts of the page that are not the work: hidden headings, jump links, chapter bylines.
_DROP = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' landmark ')]"
    " | //p[contains(concat(' ', normalize-space(@class), ' '), ' jump ')]"
    " | //span[contains(@class, 'endnotes-link')]"
    " | //h4[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]"
)


def _has_class(*names: str) -> str:
    return " and ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')" for n in names
    )


class Ao3PageReader:
    """A work page saved from the AO3 website."""

    name = "ao3_page"

    def can_read(self, path: Path, head: bytes) -> bool:
        return bool(
            _HTML.search(head[:8192]) and PAGE_MARKERS.search(head) and _ARCHIVE.search(head)
        )

    def read(self, path: Path) -> Work:
        data = read_bytes(path)
        root = parse_html(data, path)
        for node in root.xpath(_DROP):
            node.drop_tree()
        parsed = Ao3Work()
        _read_meta(root, parsed)
        _read_preface(root, parsed)
        sources = _read_chapters(root, parsed, path)
        _read_afterword(root, parsed)
        parsed.fields.set_source_url(_source_url(root, data))
        if not parsed.chapters:
            raise CorruptInputError(path, "an AO3 work page without any work text (no #chapters)")
        return assemble(parsed, path=path, fmt=self.name, sources=sources)


def _read_meta(root: lxml.html.HtmlElement, parsed: Ao3Work) -> None:
    """The work's tags and stats, from dl.work.meta."""
    found = root.xpath(f"//dl[{_has_class('work', 'meta')}]")
    if not found:
        return
    fields = parsed.fields
    label: str | None = None
    for child in elements(found[0]):
        if child.tag == "dt":
            label = text_of(child)
        elif child.tag == "dd" and label is not None:
            names = classes(child)
            if "stats" in names or label.lower().startswith("stats"):
                _read_stats(child, fields)
            elif "series" in names or label.rstrip(":").strip().lower() == "series":
                positions = child.xpath(f".//span[{_has_class('position')}]")
                fields.add_series(", ".join(text_of(p) for p in positions) or text_of(child))
            else:
                fields.add(label, tag_values([child]), text_of(child))
            label = None


def _read_stats(dd: lxml.html.HtmlElement, fields: Ao3Fields) -> None:
    inner = dd.find(".//dl")
    if inner is None:
        fields.add_stats(text_of(dd))
        return
    label: str | None = None
    for child in elements(inner):
        if child.tag == "dt":
            label = text_of(child)
        elif child.tag == "dd" and label is not None:
            fields.add_stat(label, text_of(child))
            label = None


def _read_preface(root: lxml.html.HtmlElement, parsed: Ao3Work) -> None:
    """Title, byline, summary and notes, from the work's div.preface (not a chapter's)."""
    prefaces = root.xpath(
        f"//div[{_has_class('preface')} and not({_has_class('chapter')})"
        f" and not({_has_class('afterword')}) and not(ancestor::div[{_has_class('chapter')}])]"
    )
    if not prefaces:
        return
    preface, fields = prefaces[0], parsed.fields
    for title in preface.xpath(f".//h2[{_has_class('title')}]")[:1]:
        fields.set_title(text_of(title))
    for byline in preface.xpath(f".//h3[{_has_class('byline')}]")[:1]:
        fields.set_authors(byline_names(byline))
    fields.summary.extend(_module_blocks(preface, "summary"))
    fields.notes.extend(_module_blocks(preface, "notes"))
    for associations in preface.xpath(f".//ul[{_has_class('associations')}]"):
        fields.add_related(text_of(li) for li in associations.iter("li"))


def _module_blocks(scope: lxml.html.HtmlElement, kind: str, *, end: bool = False) -> list[str]:
    """The paragraphs of a summary or notes module: ``div.summary.module`` holding an
    ``h3.heading`` and a ``blockquote.userstuff`` (or, in old pages, ``blockquote.summary``)."""
    test = _has_class(kind) + (
        f" and {_has_class('end')}" if end else f" and not({_has_class('end')})"
    )
    blocks: list[str] = []
    for module in scope.xpath(f".//*[{test} and not(ancestor::*[{test}])]"):
        if module.tag == "blockquote":
            quotes = [module]
        else:
            quotes = module.xpath(_OUTER_QUOTES)
        for quote in quotes:
            for heading in quote.xpath("./h3"):
                heading.drop_tree()  # old pages: the "Summary:" heading inside the quote
            blocks.extend(blocks_of(quote))
    return blocks


def _read_chapters(root: lxml.html.HtmlElement, parsed: Ao3Work, path: Path) -> list[str | None]:
    """The chapters from div#chapters: each div.chapter, or a one-shot's div.userstuff."""
    found = root.xpath("//*[@id='chapters']")
    if not found:
        return []
    container = found[0]
    sources: list[str | None] = []
    chapter_divs = [c for c in elements(container) if c.tag == "div" and "chapter" in classes(c)]
    for position, div in enumerate(chapter_divs, 1):
        chapter = Ao3Chapter(document=div.get("id") or f"chapter-{position}")
        for part in elements(div):
            names = classes(part)
            if "userstuff" in names:
                chapter.text.extend(iter_blocks(part))
            elif "preface" in names or "chapter" in names:
                _read_chapter_preface(part, chapter)
        parsed.chapters.append(chapter)
        sources.append(f"{path.name}#{chapter.document}")
    if not chapter_divs:
        texts = container.xpath(f".//div[{_has_class('userstuff')}]") or [container]
        chapter = Ao3Chapter(document="chapter-1")
        for text in texts[:1]:
            chapter.text.extend(iter_blocks(text))
        parsed.chapters.append(chapter)
        sources.append(f"{path.name}#chapter-1")
    return sources


def _read_chapter_preface(part: lxml.html.HtmlElement, chapter: Ao3Chapter) -> None:
    for title in part.xpath(f".//h3[{_has_class('title')}]")[:1]:
        chapter.heading = text_of(title)
    chapter.summary.extend(_module_blocks(part, "summary"))
    chapter.notes.extend(_module_blocks(part, "notes"))
    chapter.end_notes.extend(_module_blocks(part, "notes", end=True))


def _read_afterword(root: lxml.html.HtmlElement, parsed: Ao3Work) -> None:
    for endnotes in root.xpath("//*[@id='work_endnotes']")[:1]:
        for quote in endnotes.xpath(_OUTER_QUOTES):
            parsed.fields.end_notes.extend(blocks_of(quote))
    for children in root.xpath("//*[@id='children']")[:1]:
        parsed.fields.add_related(text_of(li) for li in children.iter("li"))


def _source_url(root: lxml.html.HtmlElement, data: bytes) -> str | None:
    """The work's URL: the page's canonical link, the browser's "saved from" note, the
    "Posted originally" line, or the work id most of the page's own links point to."""
    for url in root.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        if _WORK_ID.search(url):
            return str(url)
    saved = _SAVED_FROM.search(data[:4096])
    if saved and _WORK_ID.search(saved.group(1).decode("ascii", "replace")):
        return saved.group(1).decode("ascii", "replace")
    for message in root.xpath(f"//p[{_has_class('message')}]//a/@href"):
        if _WORK_ID.search(message):
            return str(message)
    ids: Counter[str] = Counter()
    for link in root.xpath(
        "//a[not(ancestor::blockquote) and not(ancestor::*[@id='children'])]/@href | //form/@action"
    ):
        match = _WORK_ID.search(link)
        if match:
            ids[match.group(1)] += 1
    if ids:
        return _ARCHIVE_URL + ids.most_common(1)[0][0]
    return None
