"""The reader's view-model: everything the HTML reader shows, built from a Work as plain data.

The template only walks this dict; every string in it is story data and is escaped on output.
The same dict is valid JSON, so tests can inspect what a reader would see without parsing HTML.
Layers that have not run (no characters, no speakers, no tags...) give empty sections with a
``state`` saying so, never a crash: the reader looks right with whatever analysis is present.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from ficscope.model import (
    Block,
    BlockRole,
    Chapter,
    Character,
    Evidence,
    Metadata,
    TagStatus,
    TagType,
    Work,
)
from ficscope.render.cast_forms import display_name, form_counts, shown_aliases
from ficscope.render.inline import Mark, layout

PALETTE_SIZE = 12  # distinct speaker colours; further speakers share the neutral colour 0
GRAPH_MAX_NODES = 12
EXCERPT_CHARS = 180

TAG_GROUPS: tuple[tuple[TagType, str, str], ...] = (
    (TagType.FANDOM, "Fandoms", "fandoms"),
    (TagType.RATING, "Rating", "rating"),
    (TagType.WARNING, "Archive warnings", "warnings"),
    (TagType.CATEGORY, "Categories", "categories"),
    (TagType.RELATIONSHIP, "Relationships", "relationships"),
    (TagType.CHARACTER, "Characters", "characters"),
    (TagType.FREEFORM, "Additional tags", "additional_tags"),
)

STATUS_LABELS: dict[TagStatus, str] = {
    TagStatus.AGREES: "also declared",
    TagStatus.NEW: "not declared",
    TagStatus.MISSING: "fills a gap",
    TagStatus.CONFLICT: "differs from declared",
}

# Pass names whose presence in ``Work.layers`` means "this analysis ran", even if it found nothing.
LAYER_PASSES: dict[str, tuple[str, ...]] = {
    "characters": ("characters", "coref"),
    "speakers": ("speakers",),
    "relationships": ("relations", "relationships"),
    "tags": ("tags",),
    "proofreading": ("proof", "proofreading"),
}


def reader_model(work: Work, *, character_urls: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The view-model of the annotated reader for ``work``.

    ``character_urls`` maps character ids to pages about them (the library's character pages);
    without it cast names are plain text.
    """
    md = work.metadata
    cast = _cast(work, character_urls or {})
    colours = {c["id"]: c for c in cast["members"]}
    evidence = _EvidenceIndex(work)
    tags = _tags(work, evidence)
    relationships = _relationships(work, colours, evidence)
    proof = _proof(work)
    marks = [*_quote_marks(work, colours), *proof["marks"], *evidence.marks()]
    chapters, front, back = _chapters(work, marks)
    evidence.resolve(chapters, front, back)
    title = md.title or _stem(work.source.path) or "Untitled work"
    return {
        "title": title,
        "title_declared": md.title is not None,
        "authors": list(md.authors),
        "summary": _paragraphs(md.summary),
        "notes": _paragraphs(md.notes),
        "end_notes": _paragraphs(md.end_notes),
        "meta": _meta(md),
        "source": _source(work),
        "stats": _stats(work, cast),
        "front": front,
        "back": back,
        "chapters": chapters,
        "cast": cast,
        "relationships": relationships,
        "tags": tags,
        "proofreading": {k: v for k, v in proof.items() if k != "marks"},
        "analysis": {name: _ran(work, name) for name in LAYER_PASSES},
    }


# -- metadata -----------------------------------------------------------------------------------


def _stem(path: str | None) -> str | None:
    return PurePath(path).stem if path else None


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    parts = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n")]
    return [p for p in parts if p]


def _meta(md: Metadata) -> list[dict[str, Any]]:
    """Declared fields as (label, values) rows, in AO3's order; empty fields are left out."""
    rows: list[tuple[str, Sequence[str] | str | int | None]] = [
        ("Fandoms", md.fandoms),
        ("Rating", md.rating),
        ("Archive warnings", md.warnings),
        ("Categories", md.categories),
        ("Relationships", md.relationships),
        ("Characters", md.characters),
        ("Additional tags", md.additional_tags),
        ("Genres", md.genres),
        ("Language", md.language),
        ("Series", md.series),
        ("Collections", md.collections),
        ("Published", md.published),
        ("Updated", md.updated),
        ("Completed", md.completed),
        ("Status", md.status),
        ("Declared words", f"{md.words:,}" if md.words is not None else None),
        ("Declared chapters", md.chapters),
    ]
    rows.extend((label, value) for label, value in md.extra.items())
    out = []
    for label, value in rows:
        if value is None or value == "" or value == ():
            continue
        values = [value] if isinstance(value, str | int) else list(value)
        out.append({"label": label, "tags": [str(v) for v in values]})
    empty = [name.replace("_", " ") for name in md.empty]
    if empty:
        out.append({"label": "Left blank", "tags": empty})
    return out


def _source(work: Work) -> dict[str, Any]:
    md = work.metadata
    url = md.source_url or ""
    # Only web links become links; anything else (javascript:, data:, file:) stays text.
    safe = url if url.lower().startswith(("https://", "http://")) else None
    return {
        "file": PurePath(work.source.path).name if work.source.path else None,
        "format": work.source.format,
        "site": md.source_site,
        "url": url or None,
        "link": safe,
    }


def _stats(work: Work, cast: Mapping[str, Any]) -> dict[str, Any]:
    spoken = [q for q in work.quotes if q.depth == 0]
    attributed = sum(1 for q in spoken if q.speaker)
    return {
        "words": work.word_count,
        "chapters": len(work.chapters),
        "quotes": len(spoken),
        "attributed": attributed,
        "attributed_pct": round(100 * attributed / len(spoken)) if spoken else 0,
        "characters": len(cast["members"]),
    }


def _ran(work: Work, name: str) -> bool:
    if any(p in work.layers for p in LAYER_PASSES[name]):
        return True
    return bool(
        {
            "characters": work.characters,
            "speakers": any(q.speaker for q in work.quotes),
            "relationships": work.relationships,
            "tags": work.tags,
            "proofreading": work.proofreading,
        }[name]
    )


# -- cast and colours ---------------------------------------------------------------------------


CAST_SHOWN = 12
"""At most this many of the cast are listed before the rest are folded away."""


def _cast(work: Work, urls: Mapping[str, str]) -> dict[str, Any]:
    spoken = Counter(q.speaker for q in work.quotes if q.speaker and q.depth == 0)
    known = {c.id: c for c in work.characters}
    # Speakers the characters layer does not list still get a colour and a cast entry.
    people: list[Character] = list(work.characters)
    people.extend(Character(id=sid, name=sid) for sid in spoken if sid not in known)

    def lines(c: Character) -> int:
        return spoken.get(c.id, 0) or c.quote_count

    def in_passing(c: Character) -> bool:
        """A description of someone never named who never speaks ("his best friend")."""
        return c.id.startswith("unnamed-") and not lines(c)

    ranked = sorted(
        people, key=lambda c: (-lines(c), in_passing(c), -c.mention_count, c.name.casefold())
    )
    # The list shows the speakers and the named; descriptions met in passing wait in a fold.
    featured = next((k for k, c in enumerate(ranked) if in_passing(c)), len(ranked))
    shown = min(CAST_SHOWN, featured) or min(CAST_SHOWN, len(ranked))
    used = form_counts(work)
    members = []
    for rank, person in enumerate(ranked):
        colour = rank + 1 if rank < PALETTE_SIZE and lines(person) > 0 else 0
        members.append(
            {
                "id": person.id,
                "name": display_name(person),
                "aliases": shown_aliases(person, used),
                "pronouns": person.pronouns,
                "lines": lines(person),
                "mentions": person.mention_count,
                "colour": colour,
                "url": urls.get(person.id),
            }
        )
    state = "found" if members else ("none" if _ran(work, "characters") else "not_run")
    return {
        "members": members,
        "shown": shown,
        "state": state,
        "speakers_ran": _ran(work, "speakers"),
    }


def _tip(name: str | None, confidence: float, addressee: str | None) -> str:
    if not name:
        return ""
    tip = f"{name} · {round(confidence * 100)}% sure" if confidence else name
    return f"{tip} · to {addressee}" if addressee else tip


def _quote_marks(work: Work, colours: Mapping[str, Mapping[str, Any]]) -> list[Mark]:
    marks = []
    for q in work.quotes:
        who = colours.get(q.speaker) if q.speaker else None
        to = colours.get(q.addressee) if q.addressee else None
        heard = [colours[a]["name"] for a in q.addressees if a in colours]
        name = who["name"] if who else None
        attrs = {
            "anchor": f"q-{q.start}",
            "speaker": name,
            "speaker_id": q.speaker,
            "colour": who["colour"] if who else None,
            "confidence": round(q.confidence * 100) if who else None,
            "addressee": to["name"] if to else None,
            "tip": _tip(name, q.confidence, ", ".join(heard) or (to["name"] if to else None)),
            "depth": q.depth,
            "unclosed": not q.closed,
        }
        marks.append(Mark(q.start, q.end, "quote", attrs))
    return marks


# -- chapters and blocks ------------------------------------------------------------------------


def _chapter_label(chapter: Chapter, count: int) -> str:
    if chapter.number is not None and chapter.title:
        return f"Chapter {chapter.number}: {chapter.title}"
    if chapter.title:
        return chapter.title
    if chapter.number is not None:
        return f"Chapter {chapter.number}"
    return f"Chapter {chapter.index + 1}" if count > 1 else "The story"


def _chapters(
    work: Work, marks: Sequence[Mark]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Chapters with their laid-out blocks, and the blocks before the first and after the last."""
    laid = _lay_blocks(work, marks)
    chapters = list(work.chapters) or [Chapter(0, len(work.text), 0)]
    groups: list[list[dict[str, Any]]] = [[] for _ in chapters]
    front: list[dict[str, Any]] = []
    back: list[dict[str, Any]] = []
    ci = 0
    for block, item in laid:
        while ci < len(chapters) and block.start >= chapters[ci].end and block.end > block.start:
            ci += 1
        if ci == len(chapters):
            back.append(item)
        elif block.start < chapters[ci].start:
            front.append(item)
        else:
            groups[ci].append(item)
    out = []
    for chapter, items in zip(chapters, groups, strict=True):
        heading = None
        if chapter.heading is not None:
            for item in items:
                if (
                    item["role"] == BlockRole.HEADING.value
                    and item["start"] == chapter.heading.start
                ):
                    heading = item
                    break
        if heading is not None:
            items.remove(heading)
        else:
            # Headings before any story text belong to the chapter's title line.
            while items and items[0]["role"] == BlockRole.HEADING.value and heading is None:
                heading = items.pop(0)
        label = _chapter_label(chapter, len(chapters))
        out.append(
            {
                "id": f"ch-{chapter.index + 1}",
                "index": chapter.index,
                "label": label,
                "heading": heading["nodes"] if heading else None,
                "show_label": heading is None and len(chapters) > 1,
                "summary": _paragraphs(chapter.summary),
                "word_count": chapter.word_count,
                "blocks": items,
            }
        )
    for i, item in enumerate(out):
        item["prev"] = {"id": out[i - 1]["id"], "label": out[i - 1]["label"]} if i else None
        nxt = out[i + 1] if i + 1 < len(out) else None
        item["next"] = {"id": nxt["id"], "label": nxt["label"]} if nxt else None
    return out, front, back


def _lay_blocks(work: Work, marks: Sequence[Mark]) -> list[tuple[Block, dict[str, Any]]]:
    """Each block with its marks nested inside (a sweep over marks sorted by start)."""
    ordered = sorted(marks, key=lambda m: (m.start, -m.end))
    active: list[Mark] = []
    i = 0
    out = []
    for block in sorted(work.blocks, key=lambda b: (b.start, b.end)):
        while i < len(ordered) and ordered[i].start <= block.end:
            active.append(ordered[i])
            i += 1
        active = [m for m in active if m.end >= block.start]
        here = [m for m in active if m.start <= block.end]
        nodes = layout(work.text, block.start, block.end, here) if block.end > block.start else []
        out.append((block, {"role": block.role.value, "start": block.start, "nodes": nodes}))
    return out


# -- evidence -----------------------------------------------------------------------------------


class _EvidenceIndex:
    """Evidence spans shared by tags and relationships, one anchor id per distinct span."""

    def __init__(self, work: Work) -> None:
        self._ids: dict[tuple[int, int], str] = {}
        self._reasons: dict[str, list[str]] = {}
        self._text = work.text
        self._items: list[dict[str, Any]] = []  # every evidence entry handed out, for resolve()

    def add(self, ev: Evidence, reason: str) -> dict[str, Any]:
        key = (ev.start, min(ev.end, len(self._text)))
        anchor = self._ids.setdefault(key, f"ev-{len(self._ids) + 1}")
        self._reasons.setdefault(anchor, []).append(reason)
        item = {"id": anchor, "excerpt": _excerpt(self._text[key[0] : key[1]]), "note": ev.note}
        self._items.append(item)
        return item

    def marks(self) -> list[Mark]:
        return [
            Mark(
                s,
                e,
                "evidence",
                {"id": anchor, "for": "; ".join(dict.fromkeys(self._reasons[anchor]))},
            )
            for (s, e), anchor in self._ids.items()
        ]

    def resolve(self, *sections: Iterable[Mapping[str, Any]]) -> None:
        """Flag each evidence entry ``reachable`` when its anchor landed in a rendered block
        (evidence outside every block, in the blank lines between them, cannot be jumped to)."""
        reachable: set[str] = set()

        def walk(nodes: Iterable[Mapping[str, Any]]) -> None:
            for node in nodes:
                if node["kind"] == "evidence" and node["first"]:
                    reachable.add(node["attrs"]["id"])
                if node["kind"] != "text":
                    walk(node["children"])

        for section in sections:
            for item in section:
                if "blocks" in item:  # a chapter
                    walk(item["heading"] or [])
                    for block in item["blocks"]:
                        walk(block["nodes"])
                else:
                    walk(item["nodes"])
        for entry in self._items:
            entry["reachable"] = entry["id"] in reachable


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _evidence_list(
    evidence: _EvidenceIndex, items: Iterable[Evidence], reason: str
) -> list[dict[str, Any]]:
    return [evidence.add(ev, reason) for ev in items]


# -- tags ---------------------------------------------------------------------------------------


def _tags(work: Work, evidence: _EvidenceIndex) -> dict[str, Any]:
    md = work.metadata
    groups = []
    for tag_type, label, field in TAG_GROUPS:
        value = getattr(md, field)
        declared = [value] if isinstance(value, str) else list(value or ())
        suggested = []
        ranked = sorted(
            (t for t in work.tags if t.type is tag_type), key=lambda t: (-t.confidence, t.tag)
        )
        for n, tag in enumerate(ranked):
            suggested.append(
                {
                    "id": f"tag-{tag_type.value}-{n + 1}",
                    "tag": tag.tag,
                    "confidence": round(tag.confidence * 100),
                    "status": tag.status.value,
                    "status_label": STATUS_LABELS[tag.status],
                    "declared": tag.declared,
                    "evidence": _evidence_list(evidence, tag.evidence, tag.tag),
                }
            )
        if declared or suggested:
            groups.append(
                {
                    "type": tag_type.value,
                    "label": label,
                    "declared": declared,
                    "suggested": suggested,
                }
            )
    state = "found" if work.tags else ("none" if _ran(work, "tags") else "not_run")
    return {"groups": groups, "state": state, "suggested": len(work.tags)}


# -- relationships ------------------------------------------------------------------------------


def _relationships(
    work: Work, people: Mapping[str, Mapping[str, Any]], evidence: _EvidenceIndex
) -> dict[str, Any]:
    def name(cid: str) -> str:
        person = people.get(cid)
        return str(person["name"]) if person else cid

    items = []
    for n, rel in enumerate(sorted(work.relationships, key=lambda r: -r.confidence)):
        items.append(
            {
                "id": f"rel-{n + 1}",
                "source": rel.source,
                "target": rel.target,
                "names": [name(rel.source), name(rel.target)],
                "tag": rel.tag,
                "romantic": rel.romantic,
                "kinds": list(rel.kinds),
                "confidence": round(rel.confidence * 100),
                "evidence": _evidence_list(evidence, rel.evidence, rel.tag),
            }
        )
    state = "found" if items else ("none" if _ran(work, "relationships") else "not_run")
    return {"list": items, "graph": _graph(items, people), "state": state}


def _graph(
    items: Sequence[Mapping[str, Any]], people: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any] | None:
    """Node and edge geometry for the SVG: characters on a circle, strongest ties first."""
    if not items:
        return None
    weight: Counter[str] = Counter()
    for item in items:
        weight[item["source"]] += item["confidence"] + 1
        weight[item["target"]] += item["confidence"] + 1
    chosen = [cid for cid, _ in weight.most_common(GRAPH_MAX_NODES)]
    cx = cy = 200.0
    radius = 80 + 6 * len(chosen) if len(chosen) > 2 else 90
    nodes: dict[str, dict[str, Any]] = {}
    for i, cid in enumerate(chosen):
        angle = -math.pi / 2 + 2 * math.pi * i / len(chosen)
        if len(chosen) == 2:
            angle = math.pi * i  # side by side
        x = cx + radius * math.cos(angle)
        y = cy + radius * math.sin(angle)
        person = people.get(cid)
        label = str(person["name"]) if person else cid
        nodes[cid] = {
            "id": cid,
            "x": round(x, 1),
            "y": round(y, 1),
            "r": 9,
            "label": label if len(label) <= 18 else label[:17] + "…",
            "name": label,
            "colour": person["colour"] if person else 0,
            "anchor": "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end"),
            "lx": round(x + (14 if x > cx + 1 else -14 if x < cx - 1 else 0), 1),
            "ly": round(
                y + (-14 if abs(x - cx) < 1 and y < cy else 22 if abs(x - cx) < 1 else 4), 1
            ),
        }
    edges = []
    for item in items:
        a, b = nodes.get(item["source"]), nodes.get(item["target"])
        if a is None or b is None or a is b:
            continue
        edges.append(
            {
                "x1": a["x"],
                "y1": a["y"],
                "x2": b["x"],
                "y2": b["y"],
                "width": round(1 + 4 * item["confidence"] / 100, 1),
                "romantic": item["romantic"],
                "title": (
                    f"{item['tag']} ({', '.join(item['kinds']) or 'related'},"
                    f" {item['confidence']}%)"
                ),
            }
        )
    # Crop the drawing to what is in it (labels included, ~8.5 px a character at 14 px).
    left, right, top, bottom = [], [], [], []
    for node in nodes.values():
        width = 8.5 * len(node["label"])
        lo = {"start": node["lx"], "end": node["lx"] - width}.get(
            node["anchor"], node["lx"] - width / 2
        )
        left.append(min(node["x"] - node["r"], lo))
        right.append(max(node["x"] + node["r"], lo + width))
        top.append(min(node["y"] - node["r"], node["ly"] - 14))
        bottom.append(max(node["y"] + node["r"], node["ly"] + 4))
    x0, y0 = min(left) - 8, min(top) - 8
    return {
        "x": round(x0, 1),
        "y": round(y0, 1),
        "width": round(max(right) + 8 - x0, 1),
        "height": round(max(bottom) + 8 - y0, 1),
        "nodes": list(nodes.values()),
        "edges": edges,
    }


# -- proofreading -------------------------------------------------------------------------------


def _proof(work: Work) -> dict[str, Any]:
    flags = []
    marks = []
    for n, flag in enumerate(sorted(work.proofreading, key=lambda f: (f.start, f.end))):
        anchor = f"pf-{n + 1}"
        found = work.text[flag.start : flag.end]
        tip = f"{flag.kind.replace('_', ' ')}: {flag.message}"
        if flag.suggestion is not None:
            tip += f" → {flag.suggestion}"
        marks.append(
            Mark(flag.start, flag.end, "proof", {"id": anchor, "kind": flag.kind, "tip": tip})
        )
        flags.append(
            {
                "id": anchor,
                "kind": flag.kind,
                "kind_label": flag.kind.replace("_", " "),
                "text": found,
                "message": flag.message,
                "suggestion": flag.suggestion,
                "confidence": round(flag.confidence * 100),
            }
        )
    kinds = Counter(f["kind_label"] for f in flags)
    state = "found" if flags else ("none" if _ran(work, "proofreading") else "not_run")
    return {"flags": flags, "kinds": sorted(kinds.items()), "state": state, "marks": marks}
