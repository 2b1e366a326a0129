"""Labelled metadata fields ("Rating: T", AO3's "Archive Warnings:", a FanFicFare title page) mapped
onto :class:`~ficscope.model.Metadata`. Shared by every reader that meets ``Label: value`` pairs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import fields as dc_fields
from typing import Any

from ficscope.model import Metadata
from ficscope.model.metadata import METADATA_FIELDS
from ficscope.readers.conventions import GENRES

_LABELS: dict[str, str] = {}
for _field, _names in {
    "title": "title|story title|work title",
    "authors": "author|authors|by|writer|written by|creator|creators",
    "rating": "rating|ratings|rated|age rating|content rating",
    "warnings": "warning|warnings|archive warning|archive warnings|content warnings|cw|tw",
    "categories": "category|categories",
    "fandoms": "fandom|fandoms|fandom(s)|crossover",
    "relationships": "relationship|relationships|pairing|pairings|ship|ships",
    "characters": "character|characters|main characters",
    "additional_tags": "additional tags|additional tag|tags|freeform|freeforms|other tags",
    "genres": "genre|genres",
    "language": "language",
    "series": "series",
    "collections": "collection|collections",
    "published": "published|posted|date posted|first published",
    "updated": "updated|last updated",
    "completed": "completed",
    "status": "status",
    "words": "words|word count|wordcount|length",
    "chapters": "chapters|chapter count",
    "summary": "summary|description|blurb",
    "notes": "notes|author's notes|authors notes|author's note|author note",
    "end_notes": "end notes",
    "source_url": "source|url|original source|story url|link",
}.items():
    for _name in _names.split("|"):
        _LABELS[_name] = _field

_AO3_CATEGORIES = frozenset({"f/f", "f/m", "gen", "m/m", "multi", "other"})

_TUPLE_FIELDS = frozenset(
    f.name for f in dc_fields(Metadata) if str(f.type).startswith("tuple")
) - {"declared", "empty"}
_TEXT_FIELDS = frozenset(f.name for f in dc_fields(Metadata) if str(f.type) == "str | None")


def is_list_field(name: str) -> bool:
    """Whether a Metadata field holds a list of tags ("characters") rather than one text."""
    return name in _TUPLE_FIELDS


def field_for_label(label: str) -> str | None:
    """The Metadata field a label names ("Archive Warnings" -> "warnings"), or None."""
    key = re.sub(r"\s+", " ", label.strip().rstrip(":").strip().lower()).replace("’", "'")
    return _LABELS.get(key)


def split_list(value: str) -> tuple[str, ...]:
    """Comma-separated tags -> tuple, keeping commas inside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in value:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return tuple(p.strip() for p in parts if p.strip())


def parse_int(value: str) -> int | None:
    digits = re.sub(r"[,.\s\u00a0']", "", value.strip())
    return int(digits) if digits.isdigit() else None


class FieldCollector:
    """Collects declared ``(label, value)`` pairs, then builds a Metadata."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.declared: list[str] = []
        self.empty: list[str] = []
        self.extra: dict[str, str] = {}

    def add(self, label: str, value: str | Iterable[str] | None) -> str | None:
        """Record one field; returns the Metadata field it went to (None if kept in ``extra``)."""
        name = field_for_label(label)
        if isinstance(value, str) or value is None:
            text = re.sub(r"[ \t]+", " ", (value or "").strip())
            items = split_list(text) if text else ()
        else:
            items = tuple(v.strip() for v in value if v and v.strip())
            text = ", ".join(items)
        if name is None:
            clean = label.strip().rstrip(":").strip()
            if clean:
                self.extra[clean] = text
            return None
        self.set(name, text, items)
        return name

    def route(self, items: tuple[str, ...], rest: str) -> None:
        """Values of a mixed field each where they belong: AO3's categories ("F/M", "Gen"),
        genres, and the rest in ``rest``. A "Category" is the fandom on fan fiction sites
        ("Category: Avatar: Last Airbender") and an AO3 category on AO3."""
        routed: dict[str, list[str]] = {}
        for item in items:
            if item.lower() in _AO3_CATEGORIES:
                name = "categories"
            elif item.lower() in GENRES:
                name = "genres"
            else:
                name = rest
            routed.setdefault(name, []).append(item)
        for name, values in routed.items():
            self.set(name, ", ".join(values), tuple(values))

    def set(self, name: str, text: str, items: tuple[str, ...] = ()) -> None:
        """Record a value for a Metadata field directly."""
        if name not in self.declared:
            self.declared.append(name)
        if not text and not items:
            if name not in self.empty and name not in self.values:
                self.empty.append(name)
            return
        if name in self.empty:
            self.empty.remove(name)
        if name in _TUPLE_FIELDS:
            old = self.values.get(name, ())
            new = items or split_list(text)
            self.values[name] = old + tuple(v for v in new if v not in old)
        elif name == "words":
            number = parse_int(text)
            if number is not None:
                self.values[name] = number
            else:
                self.extra["words"] = text
        elif name not in self.values:
            self.values[name] = text

    def extend(self, name: str, line: str) -> None:
        """Continue a field with one more line: a wrapped summary, a long list of characters.
        ``name`` is a Metadata field or the label of a field kept in ``extra``."""
        line = re.sub(r"[ \t]+", " ", line.strip())
        if not line:
            return
        if name not in METADATA_FIELDS:
            label = name.strip().rstrip(":").strip()
            self.extra[label] = f"{self.extra.get(label, '')} {line}".strip()
        elif name in _TUPLE_FIELDS or name not in _TEXT_FIELDS:
            self.set(name, line)
        else:
            old = self.values.get(name)
            self.set(name, line) if old is None else self.values.update({name: f"{old} {line}"})

    def has(self, name: str) -> bool:
        return name in self.values

    def build(self, **overrides: Any) -> Metadata:
        values = {**self.values, **{k: v for k, v in overrides.items() if v is not None}}
        declared = list(self.declared)
        for key in overrides:
            if overrides[key] is not None and key not in declared and key not in ("source_site",):
                declared.append(key)
        return Metadata(
            **values,
            declared=tuple(declared),
            empty=tuple(e for e in self.empty if e not in values),
            extra=dict(self.extra),
        )


_AO3_STAT = re.compile(
    r"\b(?P<label>Published|Updated|Completed|Words|Chapters|Comments|Kudos|Bookmarks|Hits)\s*:"
    r"\s*(?P<value>[^\s:]+)",
    re.I,
)


def add_ao3_stat(label: str, value: str, collector: FieldCollector) -> None:
    """One of AO3's stats: dates, words and chapters are fields, the counts go to ``extra``."""
    key = " ".join(label.split()).rstrip(":").strip().lower()
    value = " ".join(value.split())
    if key in ("published", "updated", "completed", "words", "chapters"):
        collector.set(key, value)
    elif value:
        collector.extra[key.capitalize()] = value


def parse_ao3_stats(text: str, collector: FieldCollector) -> bool:
    """AO3's stats line ("Published: 2020-03-04 Updated: ... Words: 4,559 Chapters: 3/? Kudos:
    12") into ``collector``; False if it names no stat."""
    found = False
    for match in _AO3_STAT.finditer(text):
        add_ao3_stat(match["label"], match["value"], collector)
        found = True
    return found


_FFNET_RATED = re.compile(r"^\s*Rated:\s*(?:Fiction\s+)?(?P<rating>K\+|MA|K|T|M)(?![\w+])", re.I)
_FFNET_KEYED = re.compile(
    r"^(Chapters|Words|Reviews|Favs|Follows|Updated|Published|Status|id)\s*:\s*(.*)$", re.I
)


def parse_ffnet_stats(line: str, collector: FieldCollector) -> bool:
    """Parse FanFiction.net's stats line into ``collector``; False if ``line`` is not one.

    "Rated: Fiction T - English - Romance/Drama - [Naruto U., Sakura H.] - Chapters: 5 -
    Words: 12,345 - Updated: 5/1/2012 - Published: 2/1/2012 - Status: Complete - id: 123"
    """
    match = _FFNET_RATED.match(line)
    if not match or " - " not in line:
        return False
    collector.set("rating", f"Fiction {match['rating'].upper()}")
    parts = [p.strip() for p in line.split(" - ")[1:]]
    unkeyed: list[str] = []
    for part in parts:
        keyed = _FFNET_KEYED.match(part)
        if not keyed:
            unkeyed.append(part)
            continue
        key, value = keyed[1].lower(), keyed[2].strip()
        if key == "chapters":
            collector.set("chapters", value)
        elif key == "words":
            collector.set("words", value)
        elif key in ("updated", "published"):
            collector.set(key, value)
        elif key == "status":
            collector.set("status", value)
        elif key == "id":
            collector.extra["ffnet_id"] = value
        else:
            collector.extra[keyed[1]] = value
    if unkeyed:
        collector.set("language", unkeyed[0])
    for part in unkeyed[1:]:
        genres = [g for g in re.split(r"/(?!Comfort)", part) if g]
        if all(g.strip().lower() in _GENRE_WORDS for g in genres):
            collector.set("genres", ", ".join(g.strip() for g in genres))
        else:
            names = re.findall(r"[^,\[\]]+", part)
            collector.set("characters", ", ".join(n.strip() for n in names if n.strip()))
            for pairing in re.findall(r"\[([^\]]+)\]", part):
                collector.set("relationships", "/".join(n.strip() for n in pairing.split(",")))
    return True


_GENRE_WORDS = frozenset(
    "adventure angst crime drama family fantasy friendship general horror humor hurt/comfort "
    "mystery parody poetry romance sci-fi spiritual supernatural suspense tragedy western".split()
)
