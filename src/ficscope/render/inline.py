"""Lays the annotations of one block (quotes, proofreading flags, evidence spans) out as a tree of
nested nodes a template can walk.

Annotations may cross each other (evidence for a tag can start mid-quote and end after it). HTML
elements must nest, so an annotation that crosses the end of the one it started in is split into
pieces; every piece keeps the annotation's attributes and only the first is marked ``first`` (the
piece that carries an anchor id). Nodes are plain dicts, so the tree is also JSON:

    {"kind": "text", "text": "..."}
    {"kind": "quote" | "proof" | "evidence", "first": bool, "attrs": {...}, "children": [...]}

Text is never marked up here: the template escapes it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# When two annotations start and end at the same place, the lower rank is the outer one.
RANK: dict[str, int] = {"evidence": 0, "quote": 1, "proof": 2}


@dataclass(frozen=True, slots=True)
class Mark:
    """An annotation over ``[start, end)`` of the work's text."""

    start: int
    end: int
    kind: str
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Open:
    mark: Mark
    start: int
    end: int
    first: bool
    children: list[dict[str, Any]]


def layout(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[dict[str, Any]]:
    """The nodes of ``text[start:end]`` with ``marks`` (clipped to the range) nested inside."""
    queue: list[tuple[int, int, int, int, bool, Mark]] = []
    for order, mark in enumerate(marks):
        s, e = max(mark.start, start), min(mark.end, end)
        if s > e or (s == e and (mark.start != mark.end or not start <= s <= end)):
            continue  # outside the range (a zero-width mark counts only where it stands)
        # Outer first: earlier start, then longer, then lower rank, then input order.
        first = s == mark.start
        heapq.heappush(queue, (s, -e, RANK.get(mark.kind, 9), order, first, mark))

    root = _Open(Mark(start, end, "root"), start, end, True, [])
    stack = [root]
    pos = start

    def close_until(limit: int) -> None:
        """Close every open node ending at or before ``limit``, emitting text up to its end."""
        nonlocal pos
        while len(stack) > 1 and stack[-1].end <= limit:
            node = stack.pop()
            _text(node.children, text, pos, node.end)
            # A node closes at its own end, never before the text it covers.
            pos = max(pos, node.end)
            stack[-1].children.append(_node(node))

    while queue:
        s, neg_e, rank, order, first, mark = heapq.heappop(queue)
        e = -neg_e
        close_until(s)
        parent = stack[-1]
        if e > parent.end:
            # Crosses its parent's end: keep the part inside, queue the rest as a later piece.
            heapq.heappush(queue, (parent.end, -e, rank, order, False, mark))
            e = parent.end
        _text(parent.children, text, pos, s)
        pos = max(pos, s)
        opened = _Open(mark, s, e, first, [])
        if s == e:
            parent.children.append(_node(opened))
        else:
            stack.append(opened)
    close_until(end)
    _text(root.children, text, pos, end)
    return root.children


def _text(out: list[dict[str, Any]], text: str, start: int, end: int) -> None:
    if end > start:
        out.append({"kind": "text", "text": text[start:end]})


def _node(node: _Open) -> dict[str, Any]:
    return {
        "kind": node.mark.kind,
        "first": node.first,
        "attrs": dict(node.mark.attrs),
        "children": node.children,
    }


def plain_text(nodes: Iterable[Mapping[str, Any]]) -> str:
    """The text a node list covers, markup dropped (for tests and JSON consumers)."""
    parts: list[str] = []
    for node in nodes:
        if node["kind"] == "text":
            parts.append(node["text"])
        else:
            parts.append(plain_text(node["children"]))
    return "".join(parts)
