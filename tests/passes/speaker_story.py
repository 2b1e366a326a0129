"""The small story the speakers tests start from: two people the story shows as names
(capitalised mid-sentence) and genders (pronouns), and the helpers that analyse paragraphs after
it and read back who says each line. Imported by the test modules (not a test module itself)."""

from __future__ import annotations

from ficscope.model import Work
from ficscope.pipeline import analyze_work
from ficscope.readers.plaintext import parse_text

PASSES = ("segment", "quotes", "characters", "coref", "speakers")

CAST = (
    "The rain had not stopped for days when Mira came to the harbour. Mira pulled her hood "
    "down and she looked for the boat. Tomas was already there, and Tomas shook his head when "
    "he saw her. Later Mira found herself smiling at Tomas anyway."
)


def analyze(*paragraphs: str) -> Work:
    """The cast's paragraph, then ``paragraphs``, through the speakers pass."""
    return analyze_work(parse_text("\n\n".join((CAST, *paragraphs))), PASSES)


def speakers(work: Work) -> list[str | None]:
    """Each top-level line's speaker by name (or id, or None)."""
    names = {c.id: c.name for c in work.characters}
    return [
        names.get(q.speaker, q.speaker) if q.speaker else None for q in work.quotes if q.depth == 0
    ]


def analyze_alone(*paragraphs: str) -> Work:
    """``paragraphs`` alone (no cast paragraph), through every pass."""
    return analyze_work(parse_text("\n\n".join(paragraphs)))


def speaker_of(work: Work, words: str) -> str | None:
    """The speaker, by name (or id, or None), of the first line containing ``words``."""
    names = {c.id: c.name for c in work.characters}
    quote = next(q for q in work.quotes if words in work.text[q.start : q.end])
    return names.get(quote.speaker or "", quote.speaker)
