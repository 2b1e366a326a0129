"""Stories told in the first person by turns: "Sakura's POV" over one stretch, "Naruto's POV"
over the next, each "I" the character the line above it names.

A point-of-view line is a short paragraph of the story that names a point of view and nothing
else ("Sakura's POV", "~Naruto POV~", "POV: Kakashi", "Hinata's point of view"), or a chapter
title or a chapter's note that does ("Chapter 2: Naruto's POV", "A/N: Naruto POV this time").
When the lines of a first-person story name two or more of its characters, each stretch from
one such line to the next is told by the character it names: in that stretch the narrator is
that character, and that character's name is what others call the narrator. A stretch whose
narration says no "I" (a third-person story marking whose eyes a scene follows) is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from ficscope.model import NARRATOR, BlockRole, Character, Work
from ficscope.passes.discourse import Discourse

# "Sakura's POV", "Naruto POV", "POV: Kakashi", "Hinata's point of view", "Tony's P.O.V."
_POV_LINE = re.compile(
    r"^[\W_]*(?:(?P<name>[A-Z][\w'’/-]+(?: [A-Z][\w'’-]+)?)(?:'s|’s)?\s*[-:]?\s*"
    r"(?:POV|P\.O\.V\.?|point of view|perspective)"
    r"|(?:POV|P\.O\.V\.?)\s*[-:]?\s*(?P<after>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?))[\W_]*$",
    re.IGNORECASE,
)
# a point of view a note names: "A/N: Steve POV!", "this chapter is Sakura's POV", "POV: Lucy"
# (also "told from Ren's point of view", "narrated by Ren", "Ren is the narrator")
_NAME = r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
_POV_IN_NOTES = re.compile(
    rf"\b{_NAME}(?:'s|’s)?(?: |!|-)?(?:POV|P\.O\.V\.)"
    rf"|\bPOV:? {_NAME}"
    rf"|\b(?:from|in) {_NAME}(?:'s|’s) (?:point of view|perspective|eyes)"
    rf"|\bnarrated by {_NAME}"
    rf"|\b{_NAME} (?:is|as) (?:the|our) (?:narrator|protag(?:onist)?)\b"
)
POV_LINE_MAX = 60  # characters: a point-of-view line is short
_MIN_I = 1  # first-person pronouns a stretch's narration must say to be told by "I"


@dataclass(frozen=True, slots=True)
class Stretch:
    """Paragraphs ``first`` to ``last`` (exclusive) told by ``character``."""

    first: int
    last: int
    character: str


def pov_name(line: str) -> str | None:
    """The name a point-of-view line gives ("Sakura's POV" -> "Sakura"), or None."""
    line = line.strip()
    if len(line) > POV_LINE_MAX:
        return None
    found = _POV_LINE.match(line)
    if found is None:
        return None
    name: str = found["name"] or found["after"]
    return name.removesuffix("'s").removesuffix("’s")


def notes_pov_names(notes: str) -> list[str]:
    """The names notes say a story or chapter is told by ("Eleanor POV", "Sakura's POV": Sakura),
    in order."""
    names = (next(g for g in m.groups() if g).strip() for m in _POV_IN_NOTES.finditer(notes))
    return [n.removesuffix("'s").removesuffix("’s") for n in names if n]


def pov_stretches(
    work: Work, dis: Discourse, refs: dict[int, tuple[int, str | None, str]]
) -> list[Stretch]:
    """The stretches of a first-person story that its point-of-view lines give to two or more
    of its characters; none when it names fewer."""
    lines: list[tuple[int, str | None]] = [
        (k, pov_name(dis.text[para.start : para.end]))
        for k, para in enumerate(dis.paragraphs)
        if para.last_token - para.first_token <= 8
    ]
    starts = [para.start for para in dis.paragraphs]
    notes: dict[int, list[str]] = defaultdict(list)  # chapter start -> its notes' POV names
    chapter_starts = [chapter.start for chapter in work.chapters]
    for b in work.blocks:
        if b.role is BlockRole.AUTHOR_NOTE and (found := notes_pov_names(work.span_text(b))):
            notes[chapter_starts[max(0, bisect_right(chapter_starts, b.start) - 1)]] += found
    for chapter in work.chapters:  # "Chapter 2: Naruto's POV", or its notes say so
        named = [pov_name(chapter.title or ""), *notes.get(chapter.start, ())]
        if name := next((n for n in named if n), None):
            lines.append((bisect_left(starts, chapter.start), name))
    marks: list[tuple[int, str]] = []
    for k, name in sorted(lines, key=lambda line: line[0]):
        character = character_named(work.characters, name) if name else None
        if character is not None and k < len(dis.paragraphs):
            marks.append((k, character))
    if len({c for _, c in marks}) < 2:
        return []
    said_i: Counter[int] = Counter(
        dis.tokens[first].para for first, (_, who, _) in refs.items() if who == NARRATOR
    )
    ends = [k for k, _ in marks[1:]] + [len(dis.paragraphs)]
    return [
        Stretch(k, end, character)
        for (k, character), end in zip(marks, ends, strict=True)
        if sum(said_i[p] for p in range(k, end)) >= _MIN_I
    ]


def character_named(characters: tuple[Character, ...], name: str) -> str | None:
    """The one character (not the narrator) answering to the first word of ``name``: the one a
    point of view is given to ("Sakura's POV"), or None when none or several do."""
    first = name.split()[0].lower()
    hits = {
        c.id
        for c in characters
        if c.id != NARRATOR
        and any(form.split()[0].lower() == first for form in (c.name, *c.aliases) if form)
    }
    return hits.pop() if len(hits) == 1 else None


def stretch_of(stretches: list[Stretch], para: int) -> Stretch | None:
    """The stretch paragraph ``para`` lies in."""
    return next((s for s in stretches if s.first <= para < s.last), None)
