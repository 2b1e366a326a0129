"""The two sides of every comparison: a gold document and a system's prediction for it.

Both are plain frozen dataclasses of character offsets (half-open ``[start, end)``) into one text,
so the scorers never see a dataset's own format (token indices, brat ids) or ficscope's model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ficscope.errors import FicscopeError


class GoldDataError(FicscopeError):
    """Gold data that is missing, malformed, or does not fit the text it annotates."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quotation, marks included. ``speaker`` is a gold character id (None: not attributed);
    ``alt_speakers`` are other readings the annotator accepts for an ambiguous line."""

    start: int
    end: int
    speaker: str | None = None
    depth: int = 0
    id: str = ""
    alt_speakers: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()  # gold character ids of those spoken to, when the gold says


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A mention of an entity. ``kind`` is LitBank's PROP (a name), NOM (a common noun phrase)
    or PRON (a pronoun); ``category`` the ACE type (PER, LOC, FAC, GPE, VEH, ORG)."""

    start: int
    end: int
    entity: str
    kind: str
    category: str = "PER"
    id: str = ""


@dataclass(frozen=True, slots=True)
class GoldCharacter:
    """A gold character: its id (what gold quotes' ``speaker`` holds) and the names it goes by,
    which is all the speaker-accuracy mapping (charmap.py) may use."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated text.

    ``mentions`` is None when the dataset has no mention layer (then the clustering and coreference
    metrics are NA for it). ``nested_quotes`` says whether the gold annotates quotations inside
    quotations; when it does not, predicted quotes of depth 1+ are left out of the comparison.
    """

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    mentions: tuple[GoldMention, ...] | None
    characters: tuple[GoldCharacter, ...]
    nested_quotes: bool = False
    title: str | None = None
    source: str = ""
    # the file ficscope reads for this document (an AO3 HTML download, say), whose read_work text
    # is ``text``; None: ``text`` is written to a plain-text file and that is read
    input_file: str | None = None

    def quote_text(self, quote: GoldQuote) -> str:
        return self.text[quote.start : quote.end]


@dataclass(frozen=True, slots=True)
class PredQuote:
    start: int
    end: int
    speaker: str | None = None  # a predicted character id
    depth: int = 0
    addressee: str | None = None  # a predicted character id


@dataclass(frozen=True, slots=True)
class PredMention:
    start: int
    end: int
    character: str | None = None  # a predicted character id; None: found but not resolved
    kind: str = "name"  # ficscope's kinds: "name" | "epithet" | "pronoun"


@dataclass(frozen=True, slots=True)
class PredCharacter:
    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a system found in one text, offsets into the same text as the gold."""

    quotes: tuple[PredQuote, ...] = ()
    mentions: tuple[PredMention, ...] = ()
    characters: tuple[PredCharacter, ...] = ()
