"""Spans: every annotation is a half-open range ``[start, end)`` of character offsets into
``Work.text``."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum


class BlockRole(str, Enum):
    """What a block (a paragraph-sized piece of the text) is."""

    METADATA = "metadata"  # a header line: "Age Rating: T", "Action / Romance", a summary line
    HEADING = "heading"  # "Chapter 1", "Prologue", "Chapter 2: Title"
    DISCLAIMER = "disclaimer"  # "I don't own anything Naruto."
    AUTHOR_NOTE = "author_note"  # "A/N: ...", AO3 chapter notes and end notes
    SCENE_BREAK = "scene_break"  # "* * *", "-x-", "oOo", an <hr>
    END_MARKER = "end_marker"  # "The End.", "~fin~"
    PARAGRAPH = "paragraph"  # story text

    @property
    def is_story(self) -> bool:
        return self is BlockRole.PARAGRAPH


@dataclass(frozen=True, slots=True)
class Span:
    """A bare range of the text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span | Block | Quote) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-sized piece of the text with its role."""

    start: int
    end: int
    role: BlockRole


@dataclass(frozen=True, slots=True)
class Scene:
    """A run of story paragraphs between scene breaks, inside one chapter."""

    start: int
    end: int
    chapter: int  # index into Work.chapters
    word_count: int = 0


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter: ``[start, end)`` covers its heading, notes and story text."""

    start: int
    end: int
    index: int
    title: str | None = None  # "Chapter 2: The Storm" -> "The Storm"; None when untitled
    number: int | None = None  # 2 for "Chapter 2" / "Chapter Two"; None for "Prologue"
    heading: Span | None = None  # where the heading stands in the text, if it does
    source: str | None = None  # where it came from: "file.epub:chapter_002.xhtml", "#chapter-2"
    summary: str | None = None  # AO3 chapter summary
    word_count: int = 0  # story words: notes, disclaimers and headings not counted


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, its marks included: ``text[start:end]`` is ``"Wait," ``.

    ``close`` is None when the quotation never closes (it then ends with its paragraph).
    ``continued`` marks speech that carries on from an unclosed quotation in the paragraph before.
    ``depth`` is 0 for dialogue and 1+ for a quotation inside a quotation.
    ``speaker`` and ``addressee`` are character ids filled by the speakers pass (None = unknown).
    ``addressees`` holds everyone the quotation is said to when it is said to several people
    ("What can I get you boys?"), ``addressee`` first; it is empty otherwise.
    """

    start: int
    end: int
    open: str
    close: str | None
    depth: int = 0
    continued: bool = False
    speaker: str | None = None
    addressee: str | None = None
    confidence: float = 0.0
    addressees: tuple[str, ...] = ()

    @property
    def closed(self) -> bool:
        return self.close is not None


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a character: a name, an epithet or a pronoun."""

    start: int
    end: int
    character: str | None  # character id; None when not resolved
    kind: str = "name"  # "name" | "epithet" | "pronoun"


# A first-person narrator's character id, and their name while the story never names them
NARRATOR = "narrator"
NARRATOR_NAME = "the narrator"


@dataclass(frozen=True, slots=True)
class Character:
    """A character of the work, with every surface form used for them."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    pronouns: str | None = None  # "he/him", "she/her", "they/them", ...
    mention_count: int = 0
    quote_count: int = 0


def name_key(name: str) -> str:
    """A URL-safe key for a character name, the letters folded to ASCII: ``"Haruno Sakura"``
    -> ``"haruno-sakura"``, ``"Zoë"`` -> ``"zoe"``. A name with no ASCII form ("Наташа") gets a
    stable key of its own from its letters."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if out:
        return out[:80]
    folded = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return "c-" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:12]
