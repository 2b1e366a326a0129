"""Relationships, archive tag suggestions and proofreading flags, with AO3's fixed vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Rating(str, Enum):
    NOT_RATED = "Not Rated"
    GENERAL = "General Audiences"
    TEEN = "Teen And Up Audiences"
    MATURE = "Mature"
    EXPLICIT = "Explicit"


class Warning(str, Enum):
    CHOSE_NOT_TO_USE = "Creator Chose Not To Use Archive Warnings"
    VIOLENCE = "Graphic Depictions Of Violence"
    DEATH = "Major Character Death"
    NONE_APPLY = "No Archive Warnings Apply"
    NONCON = "Rape/Non-Con"
    UNDERAGE = "Underage Sex"


class Category(str, Enum):
    FF = "F/F"
    FM = "F/M"
    GEN = "Gen"
    MM = "M/M"
    MULTI = "Multi"
    OTHER = "Other"


class TagType(str, Enum):
    FANDOM = "fandom"
    RATING = "rating"
    WARNING = "warning"
    CATEGORY = "category"
    RELATIONSHIP = "relationship"
    CHARACTER = "character"
    FREEFORM = "freeform"


class TagStatus(str, Enum):
    """How a suggestion stands against what the author declared."""

    AGREES = "agrees"  # the author declared this tag too
    NEW = "new"  # the field was declared, but without this tag
    MISSING = "missing"  # the author declared nothing for this field: the suggestion fills a gap
    CONFLICT = (
        "conflict"  # the author declared a different value ("declared Teen, text suggests Mature")
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the text behind a suggestion, with why it counts."""

    start: int
    end: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Relationship:
    """A pair of characters and how they relate; ``tag`` is AO3-style: "A/B" or "A & B"."""

    source: str  # character id
    target: str  # character id
    tag: str
    romantic: bool
    kinds: tuple[str, ...] = ()  # "love", "fight", "teach", "guard", "family", "friend", ...
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class TagSuggestion:
    """One suggested archive tag. Declared tags live in Metadata and are never overwritten."""

    tag: str
    type: TagType
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    status: TagStatus = TagStatus.NEW
    declared: str | None = None  # the conflicting declared value, when status is CONFLICT


@dataclass(frozen=True, slots=True)
class ProofFlag:
    """A likely error in the text: ``text[start:end]`` with a suggested replacement."""

    start: int
    end: int
    kind: str  # "spelling" | "fandom_term" | "confusable" | "split_word" | "quotation"
    message: str
    suggestion: str | None = None
    confidence: float = 0.0
