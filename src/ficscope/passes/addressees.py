"""To whom each line of dialogue is said, once the speakers pass has chosen who says it.

The rules, in order (the first that gives someone other than the speaker wins):

* a vocative ("Thanks, Tomas.") or the tag's object ('"...," he told Sakura');
* the speaker of the neighbouring turn, the one before first (a reply is said to whoever spoke
  last), when the turn follows another with no narration between or has a neighbour at all; but
  the one after first when narration comes before the turn and none after it (a line after a
  pause opens an exchange with the one who answers it);
* the nearest other speaker of the conversation, or in a conversation of one line the likeliest
  other person present.

A line that calls nobody goes first to the one the narration just before it has someone look
at or turn to ("She turned to Kazuha."). Passed over: whoever the line speaks of (a name that
is the subject of a verb or an owner: '"Deku's too slow."'), and one who ended a phone call
("and hung up"). A respectful call ("sir", "my lady") picks someone of its gender; when someone
of another gender spoke in the four turns nearest the line, the one the line calls "he" or
"she" is not the one it is said to ('"He helped!"' to the woman). A group called that does
not speak ('"What can I get you boys?"') is the people there, and such a line, or one saying
"you two", "both of you", lists them all (``addressees``). A speaker who calls someone in one
line of a paragraph says the paragraph's other lines to them too (``shared_in_turn``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from ficscope.passes.discourse import Discourse
from ficscope.passes.name_usage import VOCATIVE_AFTER, VOCATIVE_BEFORE
from ficscope.passes.speaker_cues import DEVICES, GIVING, CueFinder, QuoteCues, Turn

UNKNOWN = ""  # the speakers pass's candidate of a turn with nobody around it


@dataclass(frozen=True, slots=True)
class Around:
    """Who speaks around a line in its conversation, as the speakers pass decoded it."""

    follows: bool  # its turn comes right after another, no narration paragraph between
    neighbours: Sequence[str]  # speakers of the turns just before and after, the one before
    # first, unless the turn opens an exchange after narration (then the one who answers first)
    nearby: Sequence[str]  # speakers of the conversation's turns, nearest first
    runners_up: Sequence[str]  # in a conversation of one turn, its other candidates
    gone: Set[str] = frozenset()  # off the phone: "and hung up", "The line went dead."


def named_addressee(cue: QuoteCues, speaker: str | None) -> str | None:
    """The one a line calls by name or its tag says it is said to, if not its speaker."""
    return next((v for v in cue.vocatives if v != speaker), None) or next(
        (o for o in cue.objects if o != speaker), None
    )


@dataclass(frozen=True, slots=True)
class Line:
    """What a line's words say about whom it is said to."""

    about: frozenset[str] = frozenset()  # named as the subject of a verb or an owner
    he_she: str | None = None  # the gender of its "he"s or "she"s, when they are of one
    several: bool = False  # "you two", "you guys", "both of you", "you boys"
    sir: str | None = None  # the gender of a respectful call: "sir", "my lady", "ma'am"
    looked_at: str | None = None  # 'She turned to Kazuha. "..."': the one the narration faces


_ABOUT_VERBS = frozenset(
    "says said is was has had does did will would can could thinks thought wants knows".split()
)
# as subjects, contracted or not: "him", "her" are as often someone away
_THIRD_PERSON = {
    f"{word}{end}": gender
    for word, gender in (("he", "m"), ("she", "f"))
    for end in ("", "'s", "’s", "'d", "’d", "'ll", "’ll")
}
_SIR = {"sir": "m", "mister": "m", "milord": "m", "ma'am": "f", "ma’am": "f", "madam": "f"}
_SIR |= {"miss": "f", "milady": "f", "lady": "f"}
_MY_SIR = {"lord": "m", "lady": "f"}  # "my lord", "my lady"
_HE_SHE_REACH = 4  # the turns nearest a line where one told about a "he" or "she" spoke
_SEVERAL = frozenset("two three four both all guys lot people".split())
_OF_YOU = frozenset("both all any each either".split())


def read_lines(finder: CueFinder) -> list[Line]:
    """Per quotation of ``finder.dis.quotes``, its ``Line`` (one shared empty ``Line`` for the
    many that say nothing), in one pass over the tokens looked for."""
    tokens = finder.tokens
    n = len(tokens)
    about: dict[int, set[str]] = defaultdict(set)
    he_she: dict[int, set[str]] = defaultdict(set)
    several: set[int] = set()
    sir: dict[int, set[str]] = defaultdict(set)
    for first, (last, character, kind) in finder.refs.items():
        q = tokens[first].quote
        if q < 0 or kind != "name" or not character:
            continue
        after = tokens[last + 1].lower if last + 1 < n else ""
        if tokens[last].lower.endswith(("'s", "’s")) or after in _ABOUT_VERBS:
            about[q].add(character)  # '"Deku's too slow."', '"Kageyama says ..."'

    def word(i: int, q: int) -> str:  # token i's word if it is in quotation q, else a mark
        return tokens[i].lower if 0 <= i < n and tokens[i].quote == q else '"'

    hits = finder.dis.positions(_LOOKED_FOR)
    for i in [i for i in hits if tokens[i].quote >= 0]:
        q, this = tokens[i].quote, tokens[i].lower
        if this in _THIRD_PERSON:
            he_she[q].add(_THIRD_PERSON[this])
        elif this == "you":
            after = word(i + 1, q)
            of = word(i - 1, q) == "of" and word(i - 2, q) in _OF_YOU
            if of or after in _SEVERAL or finder.is_people(after):
                several.add(q)
        else:
            before, after = word(i - 1, q), word(i + 1, q)
            if before == "my" and this in _MY_SIR:
                sir[q].add(_MY_SIR[this])  # "I'm standing right here, my lady,"
            elif this in _SIR and before in VOCATIVE_BEFORE and after in VOCATIVE_AFTER:
                sir[q].add(_SIR[this])  # "No, sir,"
    turns = _GAZE | GIVING
    faced = _faced(finder, [j for j in hits if tokens[j].quote < 0 and tokens[j].lower in turns])
    out = [_NOTHING] * len(finder.dis.quotes)
    for q in {*about, *he_she, *several, *sir, *faced}:
        out[q] = Line(
            frozenset(about.get(q, ())),
            _one(he_she.get(q, set())),
            q in several,
            _one(sir.get(q, set())),
            faced.get(q),
        )
    return out


_NOTHING = Line()


_GAZE = frozenset(
    "looked looks glanced glances turned turns smiled smiles grinned grins nodded nods stared "
    "stares winked winks frowned frowns peered peers gestured gestures pointed points".split()
)
_TOWARDS = frozenset("at to toward towards".split())
_ON_THE_WAY = frozenset("up down back over across round around".split())
_GAZE_REACH = 30  # narration tokens between the gaze and the line
_LOOKED_FOR = frozenset({*_THIRD_PERSON, "you", *_SIR, *_MY_SIR, *_GAZE, *GIVING})
_GIVEN = frozenset("a an the some his her their my your one another".split())


def _faced(finder: CueFinder, gazes: list[int]) -> dict[int, str]:
    """Per quotation (by index), the one the narration just before it, in its paragraph, has
    someone turn to, look at or hand something to ("She turned to Kazuha.", "Anakin grinned
    down at her.", "She hands the Doctor a sandwich."), the last such. ``gazes``: the narration
    tokens that are verbs of looking, turning or giving."""
    tokens = finder.tokens
    n = len(tokens)
    out: dict[int, str] = {}
    for j in gazes:
        k = j + 1
        if tokens[j].lower in GIVING:
            ref = finder.refs.get(k) if k < n else None
            k -= 1
        else:
            while k < n and tokens[k].lower in _ON_THE_WAY:
                k += 1
            ref = finder.refs.get(k + 1) if k + 1 < n and tokens[k].lower in _TOWARDS else None
        if ref is None or not ref[1] or tokens[k + 1].quote >= 0:
            continue
        owned = tokens[ref[0] + 1].text if ref[0] + 1 < n else "."
        if ref[2] == "pronoun" and owned[:1].islower():
            given = tokens[j].lower in GIVING and tokens[ref[0]].lower != "his"
            if not (given and tokens[ref[0] + 1].lower in _GIVEN):
                continue  # "peered at his chest"; but "handed her the cup"
        line = ref[0] + 1
        while line < min(n, j + _GAZE_REACH) and tokens[line].quote < 0:
            line += 1
        if line < n and tokens[line].quote >= 0 and tokens[line].para == tokens[j].para:
            out[tokens[line].quote] = ref[1]
    return out


_DEVICE_WORDS = "|".join(sorted(DEVICES))
_CALL_ENDS = re.compile(
    r"\b(?:(?:hung|hangs?|hanging) up(?=\s*(?:[.,;:!?—]|on\b|and\b|$))"  # not "hung up his hat"
    rf"|(?:line|channel|screen|mirror|glass|{_DEVICE_WORDS}) (?:went|goes|had gone) "
    r"(?:dead|silent|dark|black|quiet)"
    rf"|(?:line|channel|call|connection|{_DEVICE_WORDS}) (?:clicked|clicks|cut|cuts) (?:off|out)"
    r"|dial tone|(?:lowered|lowers|pocketed|pockets) (?:the|his|her|their|my|your) phone"
    r"|(?:put|puts|set|sets|tossed|tosses) (?:the|his|her|their|my|your) phone (?:down|away|aside)"
    r"|(?:ended|ends|cut) the call|call (?:ended|ends|dropped|drops))\b",
    re.IGNORECASE,
)


_CALL_WORDS = (  # found first with str.find: much faster
    " up",
    " dead",
    " silent",
    " dark",
    " black",
    " quiet",
    " click",
    " cut",
    " tone",
    " call",
    " phone",
)


def call_ends(finder: CueFinder) -> tuple[int, ...]:
    """Offsets in the narration where a phone call ends ("and hung up", "The line went dead.").
    Read from the text alone, once per work (``CueFinder.once``): each decode asks it twice."""
    return finder.once("call_ends", lambda: _call_ends(finder.dis))


def _call_ends(dis: Discourse) -> tuple[int, ...]:
    text = dis.text
    found = set()
    for word in _CALL_WORDS:
        i = text.find(word)
        while i >= 0:
            m = _CALL_ENDS.search(text, max(0, i - 16), i + len(word) + 16)
            if (
                m is not None
                and dis.tokens[min(dis.token_at(m.start()), len(dis.tokens) - 1)].quote < 0
            ):
                found.add(m.start())
            i = text.find(word, i + 1)
    return tuple(sorted(found))


def off_the_phone(
    finder: CueFinder, turns: Sequence[Turn], path: Sequence[str], ends: Sequence[int]
) -> list[set[str]]:
    """Per turn of a conversation, who has left it by ending a phone call before the turn: the
    speaker of the turn after whose lines the narration says the call ended ('"Idjit," said
    Bobby, and hung up.', "The line went dead."; ``ends``: ``call_ends``), until they speak
    again."""
    quotes = finder.dis.quotes
    out: list[set[str]] = []
    gone: set[str] = set()
    for k, turn in enumerate(turns):
        out.append(set(gone))
        gone.discard(path[k])  # back on the line
        end = quotes[turn.quotes[-1].index].end
        if k + 1 < len(turns):
            upto = quotes[turns[k + 1].quotes[0].index].start
        else:
            upto = finder.dis.paragraphs[turn.para].end
        if path[k] and bisect_left(ends, end) < bisect_left(ends, upto):
            gone.add(path[k])
    return out


def _one(genders: set[str]) -> str | None:
    return next(iter(genders)) if len(genders) == 1 else None


def addressees(
    cue: QuoteCues,
    line: Line,
    speaker: str | None,
    around: Around,
    genders: Mapping[str, str],
    groups: Set[str] = frozenset(),
) -> tuple[str, ...]:
    """Those a line is said to: one person, or when it calls a group ('"What can I get you
    boys?"', "you two", "all of you") the people there, the likeliest one first. A group
    called that does not speak in the conversation is the people around, not a character."""
    called = named_addressee(cue, speaker)
    if called is not None and (called not in groups or called in around.nearby):
        return (called,)
    faced = line.looked_at
    if (
        called is None
        and faced is not None
        and faced not in (speaker, *around.gone, *line.about)
        and (line.he_she is None or genders.get(faced) != line.he_she)
    ):  # but not 'She glanced at Honoroit. "... he might have avoided ..."'
        return (faced,)
    found = addressee(cue, line, speaker, around, genders)
    if called is None and not line.several:
        return (found,) if found else ()
    there = [*around.neighbours, *around.nearby]
    away = {speaker, UNKNOWN, *line.about, *around.gone, *groups}
    people = [c for c in there if c not in away]
    return tuple(dict.fromkeys([found, *people] if found else people))


def addressee(
    cue: QuoteCues,
    line: Line,
    speaker: str | None,
    around: Around,
    genders: Mapping[str, str],
) -> str | None:
    """The one a line is said to when it calls nobody by name (see the module's docstring)."""
    about = (line.about - set(cue.vocatives)) | around.gone
    found = None
    if around.follows or around.neighbours:
        found = next((x for x in around.neighbours if x != speaker and x not in about), None)
    if found is None:  # no one answers: the nearest other speaker there, or
        # in a conversation of one line, the likeliest other person present
        others = [*around.nearby, *around.runners_up]
        found = next((c for c in others if c not in (speaker, UNKNOWN, *about)), None)
    gender = genders.get(found or "")
    if line.sir is not None and gender != line.sir:
        # "No, sir," to the man there
        there = [*around.neighbours, *around.nearby, *around.runners_up]
        found = next((c for c in there if c != speaker and genders.get(c) == line.sir), found)
        gender = genders.get(found or "")
    if found and gender is not None and line.he_she == gender:
        # '"He helped! He fought them!"' to the one woman there, not to the one man; she must
        # have spoken close by: with nobody of another gender in the four nearest turns, the
        # "he" is someone away ('"What did he say?"' to Dean, of the one on the phone)
        other = next(
            (
                c
                for c in [*around.neighbours, *around.nearby[:_HE_SHE_REACH], *around.runners_up]
                if c not in (speaker, UNKNOWN, found, *about)
                and genders.get(c) not in (None, gender)
            ),
            None,
        )
        found = other or found
    return found


def shared_in_turn(
    cues: Sequence[QuoteCues],
    lines: Sequence[Line],
    said: Sequence[tuple[str | None, str | None]],
) -> list[str | None]:
    """Per line of a turn (``said``: its speaker and addressee so far), the one its speaker
    calls (by name, by the tag, or "sir") in another of their lines there, when that is one
    person: '"Captain." She did not look up. "Your report?"' asks the captain too. None for a
    line that calls someone itself, or has no such one."""
    calls = [
        named_addressee(cue, speaker) or (to if line.sir else None)
        for cue, line, (speaker, to) in zip(cues, lines, said, strict=True)
    ]
    called: dict[str | None, set[str]] = {}
    for call, (speaker, _) in zip(calls, said, strict=True):
        if call is not None:
            called.setdefault(speaker, set()).add(call)
    out: list[str | None] = []
    for call, line, (speaker, _) in zip(calls, lines, said, strict=True):
        names = called.get(speaker, set())
        shared = next(iter(names)) if len(names) == 1 and speaker is not None else None
        if line.looked_at not in (None, shared, speaker):
            shared = None  # '"Bye Amy!" ... he turned to Jake. "So what's the plan?"'
        out.append(shared if call is None else None)
    return out
