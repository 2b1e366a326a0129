"""To whom each line of dialogue is said, once the speakers pass has chosen who says it.

The rules, in order (the first that gives someone other than the speaker wins):

* a vocative ("Thanks, Tomas.") or the tag's object ('"...," he told Sakura');
* the speaker of the neighbouring turn, the one before first (a reply is said to whoever spoke
  last), when the turn follows another with no narration between or has a neighbour at all;
* the nearest other speaker of the conversation, or in a conversation of one line the likeliest
  other person present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from ficscope.passes.speaker_cues import CueFinder, QuoteCues

UNKNOWN = ""  # the speakers pass's candidate of a turn with nobody around it


def named_addressee(cue: QuoteCues, speaker: str | None) -> str | None:
    """The one a line calls by name or its tag says it is said to, if not its speaker."""
    return next((v for v in cue.vocatives if v != speaker), None) or next(
        (o for o in cue.objects if o != speaker), None
    )


def addressee(
    cue: QuoteCues,
    speaker: str | None,
    *,
    follows: bool,
    neighbours: Sequence[str],
    nearby: Sequence[str],
    runners_up: Sequence[str],
    about: Set[str] = frozenset(),
    spoken_of: str | None = None,
    genders: Mapping[str, str] | None = None,
) -> str | None:
    """The one a line is said to. ``follows``: its turn comes right after another (no narration
    paragraph between); ``neighbours``: the speakers of the turns just before and after (the one
    before first) who are not this turn's speaker; ``nearby``: the speakers of the conversation's
    turns, nearest first; ``runners_up``: in a conversation of one turn, its other candidates,
    likeliest first; ``about``: those the line speaks of (``talked_about``), who are not the
    ones it is said to; ``spoken_of``: the gender of the one the line calls "he" or "she"
    (``pronoun_gender``), who is not the one it is said to either when someone of another
    gender is there (by ``genders``)."""
    found = named_addressee(cue, speaker)
    if found is not None:
        return found
    genders = genders or {}
    if follows or neighbours:
        found = next((x for x in neighbours if x != speaker and x not in about), None)
    if found is None:  # no one answers: the nearest other speaker there, or
        # in a conversation of one line, the likeliest other person present
        found = next(
            (c for c in [*nearby, *runners_up] if c not in (speaker, UNKNOWN, *about)), None
        )
    if found and spoken_of is not None and genders.get(found) == spoken_of:
        # '"He helped! He fought them!"' to the one woman there, not to the one man
        other = next(
            (
                c
                for c in [*neighbours, *nearby, *runners_up]
                if c not in (speaker, UNKNOWN, found, *about)
                and genders.get(c) not in (None, spoken_of)
            ),
            None,
        )
        found = other or found
    return found


_ABOUT_VERBS = frozenset(
    "says said is was has had does did will would can could thinks thought wants knows".split()
)


def talked_about(finder: CueFinder, cue: QuoteCues) -> set[str]:
    """The characters a line speaks of, not to: named as the subject of a verb or as an owner
    ('"Deku's too slow."', '"Kageyama says my serve was out!"')."""
    tokens = finder.tokens
    q = finder.dis.quotes[cue.index]
    a, b = finder.dis.token_at(q.start), finder.dis.token_at(q.end)
    found = set()
    for i in range(a, b):
        ref = finder.refs.get(i)
        if ref is None or ref[2] != "name" or not ref[1] or ref[1] in cue.vocatives:
            continue
        last = ref[0]
        after = tokens[last + 1].lower if last + 1 < b else ""
        if tokens[last].lower.endswith(("'s", "’s")) or after in _ABOUT_VERBS:
            found.add(ref[1])
    return found


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


_THIRD_PERSON = {"he": "m", "she": "f"}  # as subjects: "him", "her" are as often someone away


def pronoun_gender(finder: CueFinder, cue: QuoteCues) -> str | None:
    """The gender of the third-person subject pronouns of a line ("he", "she's"), when they
    are all of one gender."""
    tokens = finder.tokens
    q = finder.dis.quotes[cue.index]
    a, b = finder.dis.token_at(q.start), finder.dis.token_at(q.end)
    found = set()
    for i in range(a, b):
        word = tokens[i].lower.replace("’", "'").split("'")[0]
        if word in _THIRD_PERSON:
            found.add(_THIRD_PERSON[word])
    return found.pop() if len(found) == 1 else None
