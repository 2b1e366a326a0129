"""What the library stores about a work, derived from the Work alone (no database here).

A :class:`WorkRecord` carries the row for ``works``, the facet values (AO3's tag kinds), the cast
and their attributed lines, the full-text fields, and the compressed Work JSON. Building records
is the expensive part of an import besides analysis, so it runs in the import's worker processes.

Facet values come from what the author declared, then from the analysis where it adds something:
suggested tags that are not in conflict with a declaration (``suggested``), and characters and
relationships the passes found (``found``). Conflicting suggestions are never indexed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from ficscope.model import (
    BlockRole,
    Character,
    TagStatus,
    TagType,
    Work,
    name_key,
    work_from_json,
    work_to_json,
)

# Facet name (the URL parameter) -> label, in AO3's order.
FACETS: dict[str, str] = {
    "fandom": "Fandoms",
    "rating": "Ratings",
    "warning": "Warnings",
    "category": "Categories",
    "relationship": "Relationships",
    "character": "Characters",
    "tag": "Additional tags",
}
_FACET_OF_TYPE: dict[TagType, str] = {
    TagType.FANDOM: "fandom",
    TagType.RATING: "rating",
    TagType.WARNING: "warning",
    TagType.CATEGORY: "category",
    TagType.RELATIONSHIP: "relationship",
    TagType.CHARACTER: "character",
    TagType.FREEFORM: "tag",
}
MIN_SUGGESTION_CONFIDENCE = 0.5
MIN_FOUND_MENTIONS = 3  # a found character must be mentioned this often (or speak) to be a facet
MIN_FOUND_RELATIONSHIP = 0.5
LINE_CHARS = 400  # longest line kept for the character page
OPENING_CHARS = 320


def facet_key(value: str) -> str:
    """How facet values compare: case-, width- and spacing-insensitive."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


@dataclass(frozen=True, slots=True)
class FacetValue:
    facet: str
    value: str
    source: str  # "declared" | "suggested" | "found"

    @property
    def key(self) -> str:
        return facet_key(self.value)


@dataclass(frozen=True, slots=True)
class CastMember:
    key: str  # slug shared across works: the character page's address
    name: str
    aliases: tuple[str, ...]
    pronouns: str | None
    mentions: int
    lines: int
    character_id: str | None  # the id inside the work; None for a declared-only character


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    start: int
    end: int
    text: str
    confidence: float


@dataclass(frozen=True, slots=True)
class WorkRecord:
    digest: str
    title: str
    authors: tuple[str, ...]
    summary: str
    rating: str | None
    words: int
    chapters: int
    opening: str
    source_name: str
    source_format: str
    layers: tuple[str, ...]
    facets: tuple[FacetValue, ...]
    cast: tuple[CastMember, ...]
    lines: tuple[Line, ...]
    body: str
    blob: bytes


def record_for(work: Work, *, name: str | None = None) -> WorkRecord:
    """The library record for ``work``; ``name`` is the file name to show (uploads' real names)."""
    md = work.metadata
    source_name = name or (PurePath(work.source.path).name if work.source.path else "")
    title = md.title or PurePath(source_name).stem or "Untitled work"
    cast = _cast(work)
    facets = _facets(work, cast)
    return WorkRecord(
        digest=hashlib.sha256(work.text.encode("utf-8")).hexdigest(),
        title=title,
        authors=md.authors,
        summary=" ".join((md.summary or "").split()),
        rating=md.rating,
        words=work.word_count or (md.words or 0),
        chapters=len(work.chapters),
        opening=_opening(work),
        source_name=source_name,
        source_format=work.source.format or "",
        layers=work.layers,
        facets=facets,
        cast=cast,
        lines=_lines(work, cast),
        body=work.text,
        blob=pack_work(work),
    )


def pack_work(work: Work) -> bytes:
    return zlib.compress(work_to_json(work, indent=None).encode("utf-8"), 1)


def unpack_work(blob: bytes) -> Work:
    return work_from_json(zlib.decompress(blob).decode("utf-8"))


def fts_tags(record: WorkRecord) -> str:
    return " · ".join(dict.fromkeys(f.value for f in record.facets))


def _opening(work: Work) -> str:
    for block in work.blocks:
        if block.role is BlockRole.PARAGRAPH:
            text = " ".join(work.span_text(block).split())
            if len(text) > OPENING_CHARS:
                text = text[: OPENING_CHARS - 1].rsplit(" ", 1)[0] + "…"
            return text
    return ""


def _facets(work: Work, cast: Iterable[CastMember]) -> tuple[FacetValue, ...]:
    md = work.metadata
    seen: dict[tuple[str, str], FacetValue] = {}

    def add(facet: str, value: str | None, source: str) -> None:
        if value and value.strip():
            value = " ".join(value.split())
            seen.setdefault((facet, facet_key(value)), FacetValue(facet, value, source))

    for facet, values in (
        ("fandom", md.fandoms),
        ("rating", (md.rating,) if md.rating else ()),
        ("warning", md.warnings),
        ("category", md.categories),
        ("relationship", md.relationships),
        ("character", md.characters),
        ("tag", md.additional_tags),
    ):
        for value in values:
            add(facet, value, "declared")
    for tag in sorted(work.tags, key=lambda t: -t.confidence):
        if tag.status is not TagStatus.CONFLICT and tag.confidence >= MIN_SUGGESTION_CONFIDENCE:
            add(_FACET_OF_TYPE[tag.type], tag.tag, "suggested")
    for member in cast:
        if (
            member.character_id is not None
            and (member.lines or member.mentions >= MIN_FOUND_MENTIONS)
            and looks_like_a_name(member.name)
        ):
            add("character", member.name, "found")
    for rel in work.relationships:
        if rel.confidence >= MIN_FOUND_RELATIONSHIP:
            add("relationship", rel.tag, "found")
    return tuple(seen.values())


_NOT_NAMES = frozenset("a an the his her their its my your our this that these those".split())


def looks_like_a_name(name: str) -> bool:
    """A proper name ("Kakashi", "Old Hask"), not a description ("the woman", "a teacher"):
    descriptions stay in the work's cast but make poor search facets."""
    words = name.split()
    return bool(words) and words[0][:1].isupper() and words[0].casefold() not in _NOT_NAMES


def _tokens(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", facet_key(name)))


def _match_declared(person: Character, declared: dict[frozenset[str], str]) -> str | None:
    """The declared character this found one is, when exactly one declared name fits.

    A found name fits a declared one when its words are all among the declared name's words
    ("Sakura" or "Sakura Haruno" fit "Haruno Sakura"); aliases count too.
    """
    for form in (person.name, *person.aliases):
        words = _tokens(form)
        if not words:
            continue
        fits = {name for toks, name in declared.items() if words <= toks}
        if len(fits) == 1:
            return fits.pop()
    return None


def _cast(work: Work) -> tuple[CastMember, ...]:
    """Found characters (under their declared name when one fits) and declared-only ones."""
    declared = {_tokens(n): n for n in work.metadata.characters if _tokens(n)}
    spoken: dict[str, int] = {}
    for q in work.quotes:
        if q.speaker and q.depth == 0:
            spoken[q.speaker] = spoken.get(q.speaker, 0) + 1
    members: dict[str, CastMember] = {}
    for person in work.characters:
        name = _match_declared(person, declared) or person.name
        key = name_key(name)
        lines = spoken.get(person.id, 0) or person.quote_count
        if key in members:  # two found characters under one declared name: keep the busier
            if members[key].mentions + members[key].lines >= person.mention_count + lines:
                continue
        aliases = tuple(a for a in dict.fromkeys((person.name, *person.aliases)) if a != name)
        members[key] = CastMember(
            key, name, aliases, person.pronouns, person.mention_count, lines, person.id
        )
    for name in work.metadata.characters:
        key = name_key(name)
        if key not in members:
            members[key] = CastMember(key, name, (), None, 0, 0, None)
    return tuple(members.values())


def _lines(work: Work, cast: Iterable[CastMember]) -> tuple[Line, ...]:
    keys = {m.character_id: m.key for m in cast if m.character_id is not None}
    out = []
    for q in work.quotes:
        key = keys.get(q.speaker) if q.speaker else None
        if key is None or q.depth:
            continue
        text = " ".join(work.text[q.start : q.end].split())
        if len(text) > LINE_CHARS:
            text = text[: LINE_CHARS - 1] + "…"
        out.append(Line(key, q.start, q.end, text, q.confidence))
    return tuple(out)


def character_urls(work: Work, prefix: str) -> dict[str, str]:
    """Character id -> the library's page for them, for the reader's cast links."""
    return {m.character_id: f"{prefix}{m.key}" for m in _cast(work) if m.character_id is not None}
