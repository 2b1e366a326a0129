"""Metadata an author or an archive declared for a work.

Declared values only: nothing here is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# The archive fields a complete AO3-style work declares; absent ones are reported as missing.
ARCHIVE_FIELDS: tuple[str, ...] = (
    "title",
    "authors",
    "fandoms",
    "rating",
    "warnings",
    "categories",
    "relationships",
    "characters",
    "summary",
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """Declared metadata. Lists are tuples in the order declared.

    ``declared`` names every field the source declared (even with an empty value);
    ``empty`` the declared fields whose value is empty (the seed's bare ``Age Rating:``);
    ``extra`` keeps declared fields ficscope has no slot for, under their own label.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    notes: str | None = None
    end_notes: str | None = None
    rating: str | None = None
    warnings: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    fandoms: tuple[str, ...] = ()
    relationships: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    additional_tags: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    language: str | None = None
    series: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    completed: str | None = None
    status: str | None = None  # "Complete" | "In-Progress" when declared
    words: int | None = None
    chapters: str | None = None  # as declared: "3/?", "1/1", "5"
    source_url: str | None = None
    source_site: str | None = None  # "ao3", "ffnet", "fanficfare", ...
    declared: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> tuple[str, ...]:
        """Archive fields with no value: never declared, or declared empty."""
        return tuple(
            name for name in ARCHIVE_FIELDS if not getattr(self, name) or name in self.empty
        )


METADATA_FIELDS: frozenset[str] = frozenset(f.name for f in fields(Metadata))
