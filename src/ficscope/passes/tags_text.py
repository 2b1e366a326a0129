"""Reading aids shared by the relationships, tags and proofreading passes: story sentences, and
cue lexicons (English words and phrases with a weight) compiled into one fast regex each."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ficscope.model import BlockRole, Work

# A sentence ends after . ! ? or … (and any closing quotes) when white space and a capital letter,
# a digit or an opening quote follow.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into the story paragraphs


def story_blocks(work: Work) -> list[tuple[int, int]]:
    """``(start, end)`` of every story paragraph, in order."""
    return [(b.start, b.end) for b in work.blocks if b.role is BlockRole.PARAGRAPH]


def sentences(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Sentence]:
    """The sentences of the story paragraphs (a paragraph always ends a sentence)."""
    found: list[Sentence] = []
    for index, (start, end) in enumerate(paragraphs):
        pos = start
        for match in _SENTENCE_END.finditer(text, start, end):
            cut = match.start() + len(match.group().rstrip())
            if cut > pos:
                found.append(Sentence(pos, cut, index))
            pos = match.end()
        if end > pos:
            found.append(Sentence(pos, end, index))
    return found


@dataclass(frozen=True, slots=True)
class Cue:
    """One match of a cue lexicon: ``text[start:end]`` is the cue; ``label`` names its entry."""

    start: int
    end: int
    label: str
    weight: float


class CueSet:
    """A lexicon of cues, each a regex fragment with a weight, matched case-insensitively at word
    boundaries. Every pattern becomes one named group of a single compiled regex."""

    def __init__(self, name: str, entries: Mapping[str, float], *, case: bool = False) -> None:
        self.name = name
        self._labels: list[str] = []
        self._weights: list[float] = []
        groups = []
        for i, (pattern, weight) in enumerate(entries.items()):
            self._labels.append(pattern)
            self._weights.append(weight)
            groups.append(f"(?P<c{i}>{pattern})")
        flags = 0 if case else re.IGNORECASE
        self.regex = re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])", flags)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Cue]:
        for match in self.regex.finditer(text, start, len(text) if end is None else end):
            index = int((match.lastgroup or "c0")[1:])
            yield Cue(match.start(), match.end(), self._labels[index], self._weights[index])

    def search(self, text: str, start: int = 0, end: int | None = None) -> Cue | None:
        return next(self.finditer(text, start, end), None)


def clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
