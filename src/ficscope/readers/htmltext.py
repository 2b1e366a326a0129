"""HTML to blocks of text: parse with lxml (no network, no entity expansion) and walk the tree,
turning block elements into paragraphs, headings and scene breaks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html

from ficscope.errors import CorruptInputError
from ficscope.model import BlockRole
from ficscope.readers.conventions import classify

_BLOCK_TAGS = frozenset(
    "p div blockquote h1 h2 h3 h4 h5 h6 li dd dt pre center section article header footer "
    "table tr td th ul ol dl aside main figure figcaption address details summary".split()
)
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_SKIP_TAGS = frozenset(
    "script style head title noscript template svg math iframe object form button".split()
)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")


# A document type declaration, before the root element, whose internal subset declares entities:
# how XML entity bombs ("billion laughs") are built. No story needs one, so such documents are
# refused rather than parsed around.
_ENTITY_DECLARATION = re.compile(
    r"^(?:\ufeff|\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY",
    re.I | re.S,
)


def parse_html(data: bytes | str, path: Path | str) -> lxml.html.HtmlElement:
    """Parse an HTML or XHTML document without resolving entities or touching the network."""
    head = data[:65536]
    if _ENTITY_DECLARATION.match(head if isinstance(head, str) else head.decode("latin-1")):
        raise CorruptInputError(path, "the document declares XML entities (refused: entity bomb)")
    parser = lxml.html.HTMLParser(
        recover=True, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CorruptInputError(path, f"cannot parse HTML: {exc}") from exc
    if root is None:
        raise CorruptInputError(path, "cannot parse HTML: no document")
    return root


def inline_text(element: lxml.html.HtmlElement) -> str:
    """An element's text with white space folded; <br> becomes a newline."""
    parts: list[str] = []
    _inline(element, parts)
    lines = [_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _flow(text: str) -> str:
    """Source line ends are white space in HTML; only <br> breaks a line."""
    return text.replace("\r", " ").replace("\n", " ")


def _inline(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    if element.text:
        parts.append(_flow(element.text))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in _SKIP_TAGS and tag:
            if tag == "br":
                parts.append("\n")
            else:
                _inline(child, parts)
        if child.tail:
            parts.append(_flow(child.tail))


def iter_blocks(element: lxml.html.HtmlElement) -> Iterator[tuple[str, BlockRole]]:
    """(text, role) for each block of ``element``, in document order.

    Block elements become blocks; runs of inline content between them become blocks too;
    ``<hr>`` is a scene break; headings are headings when they read as chapter headings.
    """
    pending: list[str] = []

    def flush() -> Iterator[tuple[str, BlockRole]]:
        text = "".join(pending)
        pending.clear()
        yield from _split_lines(text)

    def walk(node: lxml.html.HtmlElement) -> Iterator[tuple[str, BlockRole]]:
        if node.text:
            pending.append(_flow(node.text))
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if not tag or tag in _SKIP_TAGS:
                pass
            elif tag == "hr":
                yield from flush()
                yield "* * *", BlockRole.SCENE_BREAK
            elif tag == "br":
                pending.append("\n")
            elif tag in _BLOCK_TAGS:
                yield from flush()
                if tag in _HEADING_TAGS:
                    text = inline_text(child)
                    if text:
                        yield text, classify_heading(text)
                elif any(
                    isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS | {"hr"} for c in child
                ):
                    yield from walk(child)
                    yield from flush()
                else:
                    yield from _split_lines(_inline_with_breaks(child))
            else:
                yield from walk_inline(child)
            if child.tail:
                pending.append(_flow(child.tail))

    def walk_inline(node: lxml.html.HtmlElement) -> Iterator[tuple[str, BlockRole]]:
        # Inline elements may still hold block children in sloppy HTML.
        if any(
            isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS | {"hr"} for c in node.iter()
        ):
            yield from walk(node)
        else:
            pending.append(_inline_with_breaks(node))

    yield from walk(element)
    yield from flush()


def _inline_with_breaks(element: lxml.html.HtmlElement) -> str:
    parts: list[str] = []
    _inline(element, parts)
    return "".join(parts)


def _split_lines(text: str) -> Iterator[tuple[str, BlockRole]]:
    """Split on blank lines (double <br>); fold white space within each block."""
    for chunk in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [_SPACE.sub(" ", line).strip() for line in chunk.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            yield block, classify(block)


def classify_heading(text: str) -> BlockRole:
    role = classify(text)
    return BlockRole.HEADING if role in (BlockRole.HEADING, BlockRole.PARAGRAPH) else role
