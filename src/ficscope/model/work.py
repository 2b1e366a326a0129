"""The Work: it owns the text; every layer is a tuple of spans into that text."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ficscope.model.metadata import Metadata
from ficscope.model.spans import Block, BlockRole, Chapter, Character, Mention, Quote, Scene
from ficscope.model.tags import ProofFlag, Relationship, TagSuggestion

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Source:
    """Where a work was read from."""

    path: str | None = None
    format: str | None = None  # reader name: "plaintext", "ao3_html", "epub", ...
    encoding: str | None = None  # detected encoding of a plain-text file


@dataclass(frozen=True, slots=True)
class Work:
    """A work of fiction and everything found in it.

    For a plain-text file ``text`` is the decoded file, unchanged, so offsets index the file too.
    For HTML and EPUB it is the extracted text: blocks separated by a blank line.
    ``layers`` names the analysis passes that have run.
    """

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    source: Source = field(default_factory=Source)
    chapters: tuple[Chapter, ...] = ()
    blocks: tuple[Block, ...] = ()
    scenes: tuple[Scene, ...] = ()
    quotes: tuple[Quote, ...] = ()
    characters: tuple[Character, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    tags: tuple[TagSuggestion, ...] = ()
    proofreading: tuple[ProofFlag, ...] = ()
    layers: tuple[str, ...] = ()
    word_count: int = 0
    schema: int = SCHEMA_VERSION

    def span_text(self, span: Any) -> str:
        """The text a span covers."""
        return self.text[span.start : span.end]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """Story paragraphs (not headings, notes, disclaimers or metadata)."""
        return tuple(b for b in self.blocks if b.role is BlockRole.PARAGRAPH)

    def blocks_of(self, role: BlockRole) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.role is role)

    def with_layers(self, name: str, **changes: Any) -> Work:
        """A copy with some layers replaced and ``name`` recorded as run."""
        layers = self.layers if name in self.layers else (*self.layers, name)
        return replace(self, layers=layers, **changes)
