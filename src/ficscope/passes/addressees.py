"""To whom each line of dialogue is said, once the speakers pass has chosen who says it.

The rules, in order (the first that gives someone other than the speaker wins):

* a vocative ("Thanks, Tomas.") or the tag's object ('"...," he told Sakura');
* the speaker of the neighbouring turn, the one before first (a reply is said to whoever spoke
  last), when the turn follows another with no narration between or has a neighbour at all;
* the nearest other speaker of the conversation, or in a conversation of one line the likeliest
  other person present.

Whoever the line speaks of is passed over: a name that is the subject of a verb or an owner
('"Deku's too slow."'), and, when someone of another gender is there, the one it calls "he" or
"she" ('"He helped!"' to the woman, not to the man). A speaker who calls someone by name in one
line of a paragraph says the paragraph's other lines to them too (``shared_in_turn``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ficscope.passes.speaker_cues import CueFinder, QuoteCues

UNKNOWN = ""  # the speakers pass's candidate of a turn with nobody around it


@dataclass(frozen=True, slots=True)
class Around:
    """Who speaks around a line in its conversation, as the speakers pass decoded it."""

    follows: bool  # its turn comes right after another, no narration paragraph between
    neighbours: Sequence[str]  # speakers of the turns just before and after, the one before first
    nearby: Sequence[str]  # speakers of the conversation's turns, nearest first
    runners_up: Sequence[str]  # in a conversation of one turn, its other candidates


def named_addressee(cue: QuoteCues, speaker: str | None) -> str | None:
    """The one a line calls by name or its tag says it is said to, if not its speaker."""
    return next((v for v in cue.vocatives if v != speaker), None) or next(
        (o for o in cue.objects if o != speaker), None
    )


def addressee(
    finder: CueFinder,
    cue: QuoteCues,
    speaker: str | None,
    around: Around,
    genders: Mapping[str, str],
) -> str | None:
    """The one a line is said to (see the module's docstring)."""
    found = named_addressee(cue, speaker)
    if found is not None:
        return found
    about = talked_about(finder, cue)
    if around.follows or around.neighbours:
        found = next((x for x in around.neighbours if x != speaker and x not in about), None)
    if found is None:  # no one answers: the nearest other speaker there, or
        # in a conversation of one line, the likeliest other person present
        others = [*around.nearby, *around.runners_up]
        found = next((c for c in others if c not in (speaker, UNKNOWN, *about)), None)
    spoken_of = pronoun_gender(finder, cue)
    if found and spoken_of is not None and genders.get(found) == spoken_of:
        # '"He helped! He fought them!"' to the one woman there, not to the one man
        other = next(
            (
                c
                for c in [*around.neighbours, *around.nearby, *around.runners_up]
                if c not in (speaker, UNKNOWN, found, *about)
                and genders.get(c) not in (None, spoken_of)
            ),
            None,
        )
        found = other or found
    return found


def _span(finder: CueFinder, cue: QuoteCues) -> range:
    q = finder.dis.quotes[cue.index]
    return range(finder.dis.token_at(q.start), finder.dis.token_at(q.end))


_ABOUT_VERBS = frozenset(
    "says said is was has had does did will would can could thinks thought wants knows".split()
)


def talked_about(finder: CueFinder, cue: QuoteCues) -> set[str]:
    """The characters a line speaks of, not to: named as the subject of a verb or as an owner
    ('"Deku's too slow."', '"Kageyama says my serve was out!"')."""
    tokens = finder.tokens
    span = _span(finder, cue)
    found = set()
    for i in span:
        ref = finder.refs.get(i)
        if ref is None or ref[2] != "name" or not ref[1] or ref[1] in cue.vocatives:
            continue
        last = ref[0]
        after = tokens[last + 1].lower if last + 1 < span.stop else ""
        if tokens[last].lower.endswith(("'s", "’s")) or after in _ABOUT_VERBS:
            found.add(ref[1])
    return found


_THIRD_PERSON = {"he": "m", "she": "f"}  # as subjects: "him", "her" are as often someone away


def pronoun_gender(finder: CueFinder, cue: QuoteCues) -> str | None:
    """The gender of the third-person subject pronouns of a line ("he", "she's"), when they
    are all of one gender."""
    tokens = finder.tokens
    found = set()
    for i in _span(finder, cue):
        word = tokens[i].lower.replace("’", "'").split("'")[0]
        if word in _THIRD_PERSON:
            found.add(_THIRD_PERSON[word])
    return found.pop() if len(found) == 1 else None


def shared_in_turn(cues: Sequence[QuoteCues], speakers: Sequence[str | None]) -> list[str | None]:
    """Per line of a turn, the one its speaker calls by name (or tells) in another of their
    lines there, when that is one person: '"Captain." She did not look up. "Your report?"'
    asks the captain too. None for a line that names its own addressee, or has no such one."""
    called: dict[str | None, set[str]] = {}
    for cue, speaker in zip(cues, speakers, strict=True):
        found = named_addressee(cue, speaker)
        if found is not None:
            called.setdefault(speaker, set()).add(found)
    out: list[str | None] = []
    for cue, speaker in zip(cues, speakers, strict=True):
        names = called.get(speaker, set())
        shared = next(iter(names)) if len(names) == 1 and speaker is not None else None
        out.append(shared if named_addressee(cue, speaker) is None else None)
    return out
