"""Generic HTML works: a story saved or exported as one HTML page.

``<h1>`` (or ``<title>``) gives the title; headings split chapters; paragraphs, ``<br>`` line
breaks and ``<hr>`` scene breaks come from :func:`~ficscope.readers.htmltext.iter_blocks`.
Leading ``by Author`` and ``Label: value`` lines become metadata; ``<nav>`` and ``<footer>``
are left out. The helpers here (decoding,
chapter titles, heading markers) are shared by the FanFiction.net, FanFicFare, EPUB and Markdown
readers.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import lxml.html

from ficscope.errors import CorruptInputError, UnsupportedFormatError
from ficscope.model import BlockRole, Work
from ficscope.readers.base import WorkBuilder, read_bytes
from ficscope.readers.conventions import parse_heading
from ficscope.readers.fields import FieldCollector, field_for_label
from ficscope.readers.htmltext import inline_text, iter_blocks, parse_html
from ficscope.readers.plaintext import decode

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht"})
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")

_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|"""
    rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.I,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LATIN = frozenset({"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii", "iso8859-1"})
_MARKER = re.compile("^\ue000(\\d+)\ue001$")
_NUMBERED = re.compile(r"^(\d{1,4})\s*[.:)\-–—]\s*(\S.*)$")
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z' ’()/]{0,30}?)\s*:\s*(?P<value>.*)$")
_BYLINE = re.compile(r"^by\s+(?P<author>\S.{0,80})$", re.I)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)


def decode_markup(data: bytes, path: Path) -> str:
    """HTML or XHTML bytes as text: BOM, then the declared charset, then UTF-8 or a detected
    encoding. The XML declaration is dropped (lxml refuses it on text)."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        text = _decode_declared(data) or _decode_guess(data, path)
    if "\x00" in text[:8192]:
        raise CorruptInputError(path, "binary data, not HTML text")
    return _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)


def _decode_declared(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match[1] or match[2]).decode("ascii").lower()
    if name in _LATIN:
        name = "cp1252"  # what browsers do with a latin-1 declaration
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    if name.replace("-", "").replace("_", "") in ("utf16", "utf32"):
        return None  # a UTF-16 declaration on bytes without a BOM is wrong more often than not
    return data.decode(name, errors="replace")


def _decode_guess(data: bytes, path: Path) -> str:
    try:
        return decode(data, path)[0]
    except UnsupportedFormatError as exc:
        raise CorruptInputError(path, f"not HTML text: {exc.problem}") from exc


def parse_markup(data: bytes, path: Path) -> lxml.html.HtmlElement:
    """Decode and parse an HTML/XHTML document; CorruptInputError when it cannot be."""
    return parse_html(decode_markup(data, path), path)


def body_of(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = root.find(".//body")
    return body if body is not None else root


def fold(text: str) -> str:
    """Text compared loosely: white space folded, case ignored."""
    return " ".join(text.split()).casefold()


def chapter_number_title(text: str | None) -> tuple[int | None, str | None]:
    """(number, title) from a chapter title as sites and tools write it.

    "Chapter 2: The Storm" -> (2, "The Storm"); "9. Strange and Dangerous" -> (9, "Strange and
    Dangerous"); "1. Chapter 1" -> (1, None); "Prologue" -> (None, "Prologue");
    "The Storm" -> (None, "The Storm").
    """
    text = " ".join((text or "").split())
    if not text:
        return None, None
    parsed = parse_heading(text)
    if parsed is not None:
        number, title = parsed
        inner = parse_heading(title) if title else None
        if inner is not None and inner[0] is not None and number in (None, inner[0]):
            return inner  # "1. Chapter 1: Storm" names chapter 1 twice
        return parsed
    numbered = _NUMBERED.match(text)
    if numbered:
        inner = parse_heading(numbered[2])
        if inner is not None and inner[0] is not None:
            return inner
        return int(numbered[1]), numbered[2]
    return None, text


def mark(element: lxml.html.HtmlElement, key: int) -> None:
    """Empty ``element`` and make it a block holding a marker that :func:`marker_key` finds in
    the blocks ``iter_blocks`` yields: how a reader learns where a chapter starts."""
    tail = element.tail
    for child in list(element):
        element.remove(child)
    for name in list(element.attrib):
        del element.attrib[name]
    if element.tag not in HEADING_TAGS:
        element.tag = "p"
    element.text = f"\ue000{key}\ue001"
    element.tail = tail


def marker_key(text: str) -> int | None:
    match = _MARKER.match(text)
    return int(match[1]) if match else None


def drop(element: lxml.html.HtmlElement) -> None:
    """Remove an element but keep the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def html_to_text(value: str, path: Path) -> str:
    """A metadata value that may hold HTML (a summary) as plain text, paragraphs kept apart."""
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    root = parse_html(f"<html><body>{value}</body></html>", path)
    return "\n\n".join(text for text, _ in iter_blocks(body_of(root)))


def front_matter(text: str, collector: FieldCollector) -> bool:
    """Record a block of ``Label: value`` / ``by Author`` lines; False (nothing recorded) unless
    every line is one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found: list[tuple[str, str]] = []
    for line in lines:
        labelled = _LABELLED.match(line)
        if labelled and field_for_label(labelled["label"]) is not None:
            found.append((labelled["label"], labelled["value"]))
            continue
        byline = _BYLINE.match(line)
        if byline and len(line) < 80:
            found.append(("Author", byline["author"]))
            continue
        return False
    for label, value in found:
        collector.add(label, value)
    return bool(found)


def head_metadata(root: lxml.html.HtmlElement, collector: FieldCollector) -> None:
    """What an HTML ``<head>`` declares: author, description, keywords, language."""
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if not content:
            continue
        if name in ("author", "dc.creator", "dcterms.creator"):
            collector.set("authors", content)
        elif name in ("description", "dc.description", "og:description"):
            collector.set("summary", content)
        elif name == "keywords":
            collector.set("additional_tags", content)
    lang = (
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    ).strip()
    if lang:
        collector.set("language", lang)


def structure(body: lxml.html.HtmlElement, builder: WorkBuilder, collector: FieldCollector) -> None:
    """Fill ``builder`` from a document body: the lone top heading is the title, headings at the
    chapter level split chapters, leading label lines are metadata."""
    headings = [
        (el, int(el.tag[1]), inline_text(el)) for el in body.iter(*HEADING_TAGS) if inline_text(el)
    ]
    top = [h for h in headings if h[1] == 1]
    if len(top) == 1 and headings[0] is top[0] and parse_heading(top[0][2]) is None:
        collector.set("title", " ".join(top[0][2].split()))
        drop(top[0][0])
        headings = headings[1:]
    level = _chapter_level([(lvl, text) for _, lvl, text in headings])
    titles: list[tuple[str, str | None]] = []
    for element, lvl, text in headings:
        if level is not None and lvl <= level:
            titles.append((text, element.get("id")))
            mark(element, len(titles) - 1)
    _assemble(iter_blocks(body), titles, builder, collector, split_on_text_headings=level is None)


def _chapter_level(headings: list[tuple[int, str]]) -> int | None:
    """The heading level that starts chapters: the highest one that reads as a chapter heading,
    else the highest one used twice or more, else the only heading there is."""
    named = [lvl for lvl, text in headings if parse_heading(text) is not None]
    if named:
        return min(named)
    repeated = [lvl for lvl, n in Counter(lvl for lvl, _ in headings).items() if n >= 2]
    if repeated:
        return min(repeated)
    return headings[0][0] if len(headings) == 1 else None


def _assemble(
    blocks: Iterable[tuple[str, BlockRole]],
    titles: list[tuple[str, str | None]],
    builder: WorkBuilder,
    collector: FieldCollector,
    *,
    split_on_text_headings: bool,
) -> None:
    in_front = True
    for text, role in blocks:
        key = marker_key(text)
        if key is not None:
            heading, anchor = titles[key]
            number, title = chapter_number_title(heading)
            builder.start_chapter(
                heading=heading, title=title, number=number, source=f"#{anchor}" if anchor else None
            )
            in_front = False
            continue
        if split_on_text_headings and role is BlockRole.HEADING and parse_heading(text):
            number, title = chapter_number_title(text)
            builder.start_chapter(heading=text, title=title, number=number)
            in_front = False
            continue
        if in_front:
            if role is BlockRole.PARAGRAPH and front_matter(text, collector):
                builder.add(text, BlockRole.METADATA)
                continue
            if role in (BlockRole.PARAGRAPH, BlockRole.SCENE_BREAK, BlockRole.END_MARKER):
                builder.start_chapter()  # story text before any heading: an untitled chapter
                in_front = False
        builder.add(text, role)


class HtmlReader:
    """Any HTML page holding a story."""

    name = "html"

    def can_read(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(head[:2048]))

    def read(self, path: Path) -> Work:
        root = parse_markup(read_bytes(path), path)
        for chrome in root.xpath("//nav | //footer | //*[@role='navigation']"):
            drop(chrome)  # a site's menus and footer, not the story
        collector = FieldCollector()
        builder = WorkBuilder()
        structure(body_of(root), builder, collector)
        title = root.find(".//head/title")
        if title is not None and not collector.has("title"):
            text = " ".join((title.text_content() or "").split())
            if text:
                collector.set("title", text)
        head_metadata(root, collector)
        return builder.build(path=path, fmt=self.name, metadata=collector.build())
